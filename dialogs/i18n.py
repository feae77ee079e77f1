"""Translations and locale-aware formatting through gettext catalogues compiled with Babel."""

from __future__ import annotations

import gettext
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime, format_time

LANGUAGES = ("lv", "lt", "ru", "en")
DEFAULT_LANGUAGE = "en"
DOMAIN = "messages"
LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"

TIMEZONES = {"LV": "Europe/Riga", "LT": "Europe/Vilnius"}


def pick_language(language_code: str | None) -> str:
    """Map a platform language code ("lv", "ru-RU") to one of ours; any other is English."""
    if not language_code:
        return DEFAULT_LANGUAGE
    base = language_code.replace("_", "-").split("-")[0].lower()
    return base if base in LANGUAGES else DEFAULT_LANGUAGE


def in_language(texts: dict[str, str], language: str) -> str:
    """Staff-written texts keyed by language: the reader's, else English, else any."""
    return texts.get(language) or texts.get("en") or next(iter(texts.values()))


class Translator:
    """Strings, plurals, dates and times in one language and time zone."""

    def __init__(
        self,
        language: str,
        translations: gettext.NullTranslations,
        tz: ZoneInfo,
        now: datetime | None = None,
    ) -> None:
        self.language = language
        self._translations = translations
        self.tz = tz
        # The moment a date is read at ("this year"); None: the clock's. Flows give their own.
        self.now = now

    def as_of(self, now: datetime) -> Translator:
        return Translator(self.language, self._translations, self.tz, now)

    def gettext(self, message: str) -> str:
        return self._translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._translations.ngettext(singular, plural, n)

    def date(self, moment: datetime, format: str = "long") -> str:
        return format_date(moment.astimezone(self.tz), format=format, locale=self.language)

    def time(self, moment: datetime, format: str = "short") -> str:
        return format_time(moment, format=format, tzinfo=self.tz, locale=self.language)

    def datetime(self, moment: datetime, format: str = "medium") -> str:
        return format_datetime(moment, format=format, tzinfo=self.tz, locale=self.language)

    def with_timezone(self, tz_name: str) -> Translator:
        return Translator(self.language, self._translations, ZoneInfo(tz_name), self.now)


class Catalogues:
    """The compiled catalogues, loaded once and shared."""

    def __init__(self, locales_dir: Path = LOCALES_DIR, default_tz: str = "Europe/Riga") -> None:
        self._default_tz = ZoneInfo(default_tz)
        self._translations = {language: self._load(locales_dir, language) for language in LANGUAGES}

    @staticmethod
    def _load(locales_dir: Path, language: str) -> gettext.NullTranslations:
        # fallback=False: a missing compiled catalogue must fail loudly, not speak English.
        return gettext.translation(DOMAIN, localedir=locales_dir, languages=[language])

    def translator(self, language: str, tz_name: str | None = None) -> Translator:
        language = language if language in LANGUAGES else DEFAULT_LANGUAGE
        tz = ZoneInfo(tz_name) if tz_name else self._default_tz
        return Translator(language, self._translations[language], tz)
