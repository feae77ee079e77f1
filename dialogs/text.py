"""What people type, made safe to keep and show: any Unicode in, clean text or a number out."""

from __future__ import annotations

import unicodedata

# Invisible characters that reorder or hide text: kept, they would let one person's name
# scramble what another person reads.
_BIDI_CONTROLS = frozenset(
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\ufeff"
)
_KEPT_CONTROLS = frozenset("\n\t")


def clean_text(text: str) -> str:
    """Return the text in NFC without control characters, lone surrogates or bidi controls."""
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category == "Cs" or char in _BIDI_CONTROLS:
            continue
        if category == "Cc" and char not in _KEPT_CONTROLS:
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def one_line(text: str) -> str:
    """Collapse every run of whitespace (line breaks included) into one space."""
    return " ".join(text.split())


# Joiners shape emoji and some scripts; tag characters make the subdivision flags (🏴 + tags).
_NAME_FORMAT_KEPT = frozenset("\u200c\u200d")


def one_line_name(text: str) -> str:
    """A name on one line without invisible characters (zero-width spaces, word joiners, soft
    hyphens): "An\u200bna" would look like "Anna" to everyone who reads it."""
    visible = (
        char
        for char in text
        if unicodedata.category(char) != "Cf"
        or char in _NAME_FORMAT_KEPT
        or "\U000e0020" <= char <= "\U000e007f"
    )
    return one_line("".join(visible))


def parse_number(text: str, *, limit: int = 10_000) -> int | None:
    """Read a whole number written with any script's digits ("27", "２７", "٢٧"); else None."""
    candidate = unicodedata.normalize("NFKC", text).strip()
    if not candidate or len(candidate) > len(str(limit)):
        return None
    value = 0
    for char in candidate:
        digit = unicodedata.decimal(char, None)
        if digit is None:
            return None
        value = value * 10 + digit
    return value if value <= limit else None


def parse_age(text: str) -> int | None:
    """A number, alone or with a word after it as people write ages: "25", "25 gadi", "25 лет"."""
    number, _, rest = text.strip().partition(" ")
    if rest and not all(unicodedata.category(char).startswith("L") for char in rest.strip()):
        return None
    return parse_number(number)


def has_letter(text: str) -> bool:
    """Whether the text holds at least one letter of any script (a name is more than emoji)."""
    return any(unicodedata.category(char).startswith("L") for char in text)
