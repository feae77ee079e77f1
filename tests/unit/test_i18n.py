"""Language choice and locale-aware dates."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from dialogs.i18n import Catalogues, pick_language


@pytest.mark.parametrize(
    ("code", "language"),
    [
        ("lv", "lv"),
        ("lt", "lt"),
        ("ru", "ru"),
        ("ru-RU", "ru"),
        ("en-GB", "en"),
        ("de", "en"),
        ("", "en"),
        (None, "en"),
        ("uk", "en"),
    ],
)
def test_pick_language(code: str | None, language: str) -> None:
    assert pick_language(code) == language


def test_dates_and_times_per_locale_and_zone() -> None:
    catalogues = Catalogues()
    moment = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)  # the night Europe moves to summer time
    riga = catalogues.translator("lv", "Europe/Riga")
    vilnius = catalogues.translator("lt", "Europe/Vilnius")
    assert riga.date(moment) == "2026. gada 29. marts"
    assert riga.time(moment) == "02:30"  # still winter time: the clocks move at 01:00 UTC
    assert riga.time(moment.replace(hour=1)) == "04:30"  # summer time, UTC+3
    assert vilnius.date(moment) == "2026 m. kovo 29 d."
    assert (
        catalogues.translator("ru", "Europe/Riga").date(moment) == "29 марта 2026\u202fг."
    )  # CLDR uses a narrow no-break space
    assert catalogues.translator("en", "Europe/Riga").date(moment) == "March 29, 2026"
