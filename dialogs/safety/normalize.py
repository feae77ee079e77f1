"""Fold the many ways of typing a word into one plain form, so one pattern covers them all."""

from __future__ import annotations

import re
import unicodedata

# Folded characters, cached: a message is folded with one str.translate, at C speed. The cap
# keeps a flood of rare characters from growing the cache without end.
_CACHE_LIMIT = 20_000

# A letter typed three or more times in a row is emphasis ("helllp", "pleeease", "хочууу"):
# no word of our four languages has a letter three times running, so one is kept. Numbers
# ("1000") keep their digits.
_STRETCHED = re.compile(r"(.)\1\1+")
_LATIN = re.compile(r"[a-z]")
_CYRILLIC = re.compile(r"[а-яй]")
# A word that mixes the scripts has a Latin letter right next to a Cyrillic one. Looked for
# only when both scripts are there: the two quick searches spare most messages the slow one.
_MIXED = re.compile(r"[a-z][а-яй]|[а-яй][a-z]")
_MIXED_WORD = re.compile(r"(?<![^ ])[^ ]*(?:[a-z][а-яй]|[а-яй][a-z])[^ ]*")

# Letters that look alike in both scripts. A word mixing the scripts is a typing accident or
# a trick ("пoмoгите" with Latin o's): it is read in the script most of its letters are in.
_LOOK_ALIKES = ("aeopcxyk", "аеорсхук")
_TO_CYRILLIC = str.maketrans(*_LOOK_ALIKES)
_TO_LATIN = str.maketrans(_LOOK_ALIKES[1], _LOOK_ALIKES[0])


class _Folded(dict[int, str]):
    """Each character's plain form, worked out the first time it is seen."""

    def __missing__(self, code: int) -> str:
        folded = _fold(chr(code))
        if len(self) < _CACHE_LIMIT:
            self[code] = folded
        return folded


def _fold(char: str) -> str:
    """Return one character lower-cased, without diacritics; a space if it is no letter."""
    if char in "йЙ":
        return "й"  # a letter of its own in Russian: "убийство" must not read "убииство"
    # Decomposed, the diacritics are marks of their own, dropped: "ā" is read "a", "ё" "е".
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", char).casefold())
    kept = "".join(part for part in decomposed if not unicodedata.combining(part))
    return "".join(part if part.isalnum() else " " for part in kept)


_FOLDED = _Folded()


def normalize(text: str) -> str:
    """Return the text lower-cased, without diacritics, with single spaces between words."""
    # Composed first, so that "и" followed by a combining breve is still read as "й".
    words = " ".join(unicodedata.normalize("NFC", text).translate(_FOLDED).split())
    if _LATIN.search(words) and _CYRILLIC.search(words) and _MIXED.search(words):
        words = _MIXED_WORD.sub(_one_script, words)
    return _STRETCHED.sub(_unstretch, words)


def _unstretch(match: re.Match[str]) -> str:
    """Return one letter for a stretched run of it; digits stay as typed."""
    return match[0] if match[1].isdigit() else match[1]


def _one_script(match: re.Match[str]) -> str:
    """Return a word that mixes Latin and Cyrillic look-alikes in its main script."""
    word = match[0]
    latin = len(_LATIN.findall(word))
    cyrillic = len(_CYRILLIC.findall(word))
    return word.translate(_TO_CYRILLIC if cyrillic >= latin else _TO_LATIN)
