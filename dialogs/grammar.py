"""Word forms Babel does not give: a first name in address, and a date that answers "when"."""

from __future__ import annotations

import unicodedata
from datetime import date

from babel.dates import format_date

# Nominative ending → vocative ending, longest first, each after a consonant; None: no safe
# guess, so the name stays as it is. The first ending a name has decides.
# Latvian: Ingus → Ingu, Jānis → Jāni, Mārtiņš → Mārtiņ, Raimonds → Raimond, Matīss → Matīs.
LV_ENDINGS = (("us", "u"), ("is", "i"), ("š", ""), ("s", ""))
# Lithuanian: Julius → Juliau, Jonas → Jonai, Kajus → Kajau, Kazys → Kazy, Gytis → Gyti,
# Eglė → Egle. Names in -jas are rare and vary (Andrejas): left as they are.
LT_ENDINGS = (
    ("ius", "iau"),
    ("jas", None),
    ("as", "ai"),
    ("us", "au"),
    ("ys", "y"),
    ("is", "i"),
    ("ė", "e"),
)
ENDINGS = {"lv": LV_ENDINGS, "lt": LT_ENDINGS}
# A vowel before the ending marks a foreign name (Tomas in Latvian, Andreas, Klaus, Luis).
VOWELS = {"lv": "aāeēiīoōuū", "lt": "aąeęėiįyouųū"}
# Spellings no Latvian or Lithuanian name has: the name is foreign ("Thomas", "Chris", "Max").
FOREIGN = {
    "lv": ("q", "w", "x", "y", "th", "ph", "ch", "sh", "ck"),
    "lt": ("q", "w", "x", "th", "ph", "ch", "sh", "ck"),
}
SHORTEST_STEM = 2

# Latvian answers "when" with the weekday as an adverb and the month in the locative.
LV_WEEKDAYS = ("pirmdien", "otrdien", "trešdien", "ceturtdien", "piektdien", "sestdien", "svētdien")
LV_MONTHS = (
    "janvārī",
    "februārī",
    "martā",
    "aprīlī",
    "maijā",
    "jūnijā",
    "jūlijā",
    "augustā",
    "septembrī",
    "oktobrī",
    "novembrī",
    "decembrī",
)
# Lithuanian answers "when" with the weekday in the accusative ("šeštadienį").
LT_WEEKDAYS = (
    "pirmadienį",
    "antradienį",
    "trečiadienį",
    "ketvirtadienį",
    "penktadienį",
    "šeštadienį",
    "sekmadienį",
)
# Babel patterns (without the year, with it); Russian writes "г." only after a year.
PATTERNS = {
    "ru": ("EEEE, d MMMM", "EEEE, d MMMM y\u202f'г'."),
    "lt": ("MMMM d 'd'.", "y 'm'. MMMM d 'd'."),
    "en": ("EEEE, MMMM d", "EEEE, MMMM d, y"),
}


def vocative(name: str, language: str) -> str:
    """How one calls a person by this first name in Latvian or Lithuanian; else the name itself."""
    if language not in ENDINGS:
        return name
    parts = unicodedata.normalize("NFC", name).split("-")
    if not all(_is_plain_word(part, language) for part in parts):
        return name
    # A double name declines in both parts: Jānis-Pēteris → Jāni-Pēteri.
    return "-".join(_vocative_of_word(part, language) for part in parts)


def _is_plain_word(word: str, language: str) -> bool:
    """Latin letters only, and none of the spellings that mark a foreign name."""
    if not word or not all(
        char.isalpha() and "LATIN" in unicodedata.name(char, "") for char in word
    ):
        return False
    return not any(spelling in word.lower() for spelling in FOREIGN[language])


def _vocative_of_word(word: str, language: str) -> str:
    lower = word.lower()
    ending, replacement = next(
        (pair for pair in ENDINGS[language] if lower.endswith(pair[0])), ("", None)
    )
    stem = word[: len(word) - len(ending)]
    if replacement is None or len(stem) < SHORTEST_STEM or stem[-1].lower() in VOWELS[language]:
        return word
    return stem + (replacement.upper() if word[len(stem) :].isupper() else replacement)


def when_date(day: date, language: str, with_year: bool) -> str:
    """A date as it reads in a sentence answering "when": "sestdien, 28. novembrī"."""
    if language == "lv":
        year = f"{day.year}. gada " if with_year else ""
        return f"{LV_WEEKDAYS[day.weekday()]}, {year}{day.day}. {LV_MONTHS[day.month - 1]}"
    if language not in PATTERNS:
        return format_date(day, "full", locale=language)
    text = format_date(day, PATTERNS[language][with_year], locale=language)
    return f"{text}, {LT_WEEKDAYS[day.weekday()]}" if language == "lt" else text
