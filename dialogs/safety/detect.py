"""Read a message for signs of danger, or for a plain request for help."""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum

from dialogs.safety.normalize import normalize
from dialogs.safety.words import HELP_FILLERS, HELP_REQUESTS, PATTERNS


class Concern(StrEnum):
    """What a message's words say the writer may be facing; the most serious first."""

    SELF_HARM = "self_harm"
    ABUSE = "abuse"
    DISTRESS = "distress"


# " … " in a pattern: up to three words in between. Bounded, so no runaway backtracking.
_GAP = r"(?: \w+){0,3} "
_SOS_EMOJI = "\U0001f198"
# A request for help is a few words; anything longer is read as an answer.
_HELP_REQUEST_LIMIT = 80


def _alternatives(patterns: Iterable[str]) -> str:
    """Join patterns into one alternation, each in its own group."""
    return "|".join(f"(?:{pattern.replace(' … ', _GAP)})" for pattern in patterns)


def _whole_words(patterns: Iterable[str]) -> re.Pattern[str]:
    """One regex that finds any of the patterns, starting and ending at word boundaries."""
    return re.compile(rf"(?<!\w)(?:{_alternatives(patterns)})(?!\w)")


# One regex per concern, with every language's patterns in it: someone may write in another
# language than the one the bot speaks with them.
_CONCERNS = {
    concern: _whole_words(
        pattern for words in PATTERNS.values() for pattern in words[concern.value]
    )
    for concern in Concern
}

_HELP = _alternatives(HELP_REQUESTS)
_FILLER = _alternatives(HELP_FILLERS)
_HELP_REQUEST = re.compile(rf"(?:(?:{_FILLER}) )*(?:{_HELP})(?: (?:{_HELP}|{_FILLER}))*")


def detect(text: str) -> Concern | None:
    """Return the most serious concern the text's words signal, in any of our languages."""
    words = normalize(text)
    return next((concern for concern in Concern if _CONCERNS[concern].search(words)), None)


def is_help_request(text: str) -> bool:
    """Tell whether the whole message just asks for help ("SOS", "palīdziet", "помогите")."""
    if len(text) > _HELP_REQUEST_LIMIT:
        return False
    if _SOS_EMOJI in text:
        rest = normalize(text.replace(_SOS_EMOJI, " "))
        return not rest or _HELP_REQUEST.fullmatch(rest) is not None
    return _HELP_REQUEST.fullmatch(normalize(text)) is not None
