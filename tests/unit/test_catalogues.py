"""Every user-visible string is in all four catalogues, translated, with matching placeholders."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from bot.config import PROJECT_ROOT
from dialogs.i18n import LANGUAGES, LOCALES_DIR

PLACEHOLDER = re.compile(r"\{[a-z_]*\}")
PLURAL_FORMS = {"lv": 3, "lt": 3, "ru": 3, "en": 2}


def load(language: str):  # type: ignore[no-untyped-def]
    with open(LOCALES_DIR / language / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle, locale=language)


def extracted_ids(tmp_path: Path) -> set[str]:
    """Extract the strings from the code right now, with the project's own command."""
    pot = tmp_path / "messages.pot"
    subprocess.run(
        ["bash", "scripts/i18n", "extract"],
        cwd=PROJECT_ROOT,
        env={**os.environ, "POT": str(pot), "PYTHON": sys.executable},
        check=True,
        capture_output=True,
    )
    with open(pot, "rb") as handle:
        return {_key(message.id) for message in read_po(handle) if message.id}


def _key(message_id: str | tuple[str, ...]) -> str:
    return message_id[0] if isinstance(message_id, tuple) else message_id


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_has_every_string_of_the_code(language: str, tmp_path: Path) -> None:
    in_code = extracted_ids(tmp_path)
    in_catalogue = {_key(message.id) for message in load(language) if message.id}
    assert in_code - in_catalogue == set(), "run scripts/i18n extract && scripts/i18n update"
    assert in_catalogue - in_code == set(), "obsolete entries: run scripts/i18n update"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated_not_fuzzy_and_keeps_placeholders(language: str) -> None:
    catalogue = load(language)
    assert catalogue.num_plurals == PLURAL_FORMS[language]
    problems = []
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = sorted(PLACEHOLDER.findall(ids[-1]))
        if message.fuzzy:
            problems.append(("fuzzy", ids[0]))
        if isinstance(message.id, tuple) and len(strings) != catalogue.num_plurals:
            problems.append(("plural forms", ids[0]))
        for string in strings:
            if not string.strip():
                problems.append(("untranslated", ids[0]))
            elif sorted(PLACEHOLDER.findall(string)) != expected:
                problems.append(("placeholders", ids[0], string))
    assert problems == []


def test_plural_forms_pick_the_right_word() -> None:
    from dialogs.i18n import Catalogues

    catalogues = Catalogues()
    singular = "Because you are younger than {age} year, a parent or guardian has to agree too."
    plural = singular.replace("{age} year,", "{age} years,")
    said = {
        (language, n): catalogues.translator(language).ngettext(singular, plural, n)
        for language in LANGUAGES
        for n in (13, 14, 21)
    }
    assert "13 years" in said[("en", 13)].format(age=13)
    assert "21 years" in said[("en", 21)].format(age=21)
    assert "{age} gadu" in said[("lv", 13)] and "{age} gada" in said[("lv", 21)]
    assert "{age} лет" in said[("ru", 14)] and "{age} года" in said[("ru", 21)]
    assert "{age} metų" in said[("lt", 14)]


def test_compiled_catalogues_are_current() -> None:
    for language in LANGUAGES:
        folder = LOCALES_DIR / language / "LC_MESSAGES"
        compiled = folder / "messages.mo"
        assert compiled.exists(), "run scripts/i18n compile"
        assert compiled.stat().st_mtime >= (folder / "messages.po").stat().st_mtime, (
            "run scripts/i18n compile"
        )
