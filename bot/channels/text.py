"""Cut long text where a reader would: at paragraph, line or word breaks, never mid-word."""

from __future__ import annotations

from collections.abc import Callable


def characters(text: str) -> int:
    return len(text)


def utf16_length(text: str) -> int:
    """Telegram counts text length in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int, measure: Callable[[str], int] = characters) -> list[str]:
    """Cut text into pieces no longer than the limit, by the platform's measure."""
    if measure(text) <= limit:
        return [text]
    chunks: list[str] = []
    rest = text
    while measure(rest) > limit:
        cut = _fitting_prefix_length(rest, limit, measure)
        for separator in ("\n\n", "\n", " "):
            position = rest.rfind(separator, 0, cut)
            if position > cut // 2:
                cut = position + len(separator)
                break
        chunks.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        chunks.append(rest)
    return chunks


def _fitting_prefix_length(text: str, limit: int, measure: Callable[[str], int]) -> int:
    """The length of the longest prefix within the limit (by bisection: measures may differ)."""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if measure(text[:middle]) <= limit:
            low = middle
        else:
            high = middle - 1
    return max(low, 1)
