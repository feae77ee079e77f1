"""Read a message for signs of danger, or for a plain request for help."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from enum import StrEnum
from itertools import count
from re import _constants as ops  # re's own parser: reads where each pattern can start
from re import _parser

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

# Each word is routed by its first characters to the few patterns that can start with them:
# trying hundreds of patterns at every word would make a long message slow.
_ROUTE_DEPTH = 3
_MAX_STARTS = 64
_ZERO_WIDTH = (ops.ASSERT, ops.ASSERT_NOT, ops.AT)

# The patterns found for a word's beginning, by concern; and the beginnings that have some.
_Found = list[tuple[Concern, str]]
_Routes = dict[str, _Found]


def _alternatives(patterns: Iterable[str]) -> str:
    """Join patterns into one alternation, each in its own group."""
    return "|".join(f"(?:{pattern.replace(' … ', _GAP)})" for pattern in patterns)


def _starts(pattern: str) -> set[str]:
    """Return the beginnings (up to _ROUTE_DEPTH characters) one of which every match has."""
    starts: set[str] = set()
    _walk(list(_parser.parse(pattern)), "", starts)
    return starts


def _walk(items: list, prefix: str, starts: set[str]) -> None:
    """Add to starts every beginning the parsed pattern items can have after prefix."""
    if not items or len(prefix) == _ROUTE_DEPTH or len(starts) >= _MAX_STARTS:
        starts.add(prefix)
        return
    (op, arg), rest = items[0], items[1:]
    if op is ops.LITERAL:
        _walk(rest, prefix + chr(arg), starts)
    elif op is ops.IN and all(kind is ops.LITERAL for kind, _ in arg):
        for _, code in arg:
            _walk(rest, prefix + chr(code), starts)
    elif op is ops.SUBPATTERN:
        _walk(list(arg[-1]) + rest, prefix, starts)
    elif op is ops.BRANCH:
        for branch in arg[1]:
            _walk(list(branch) + rest, prefix, starts)
    elif op is ops.MAX_REPEAT and arg[:2] == (0, 1):
        _walk(rest, prefix, starts)
        _walk(list(arg[2]) + rest, prefix, starts)
    elif op in _ZERO_WIDTH:
        _walk(rest, prefix, starts)  # checked when the whole pattern runs
    else:
        starts.add(prefix)  # anything else (\w, a repeat) ends what is known for sure


def _routed(prefix: str, routes: _Routes, inherited: _Found, names: Iterator[int]) -> str:
    """Return the regex for a word that begins with prefix and has its patterns inherited."""
    here = inherited + routes.get(prefix, [])
    chars = sorted({key[len(prefix)] for key in routes if len(key) > len(prefix)})
    parts = []
    for char in chars:
        longer = {key: found for key, found in routes.items() if key.startswith(prefix + char)}
        parts.append(re.escape(char) + "(?:" + _routed(prefix + char, longer, here, names) + ")")
    if here:
        # A longer route carries these patterns on, so they run here only where none leads.
        others = "".join(re.escape(char) for char in chars)
        parts.append((f"(?![{others}])" if others else "") + _patterns(prefix, here, names))
    return "|".join(parts)


def _patterns(prefix: str, found: _Found, names: Iterator[int]) -> str:
    """Return a regex that steps back to the word's start and runs the patterns, worst first."""
    concerns = []
    for concern in Concern:
        patterns = dict.fromkeys(pattern for kind, pattern in found if kind is concern)
        if patterns:
            # An empty group named after the concern tells detect() which one matched.
            name = f"{concern.value}_{next(names)}"
            concerns.append(f"(?:{_alternatives(patterns)})(?!\\w)(?P<{name}>)")
    ahead = f"(?={'|'.join(concerns)})"
    return f"(?<={ahead}{re.escape(prefix)})" if prefix else ahead


def _compile(patterns: dict[Concern, Iterable[str]]) -> re.Pattern[str]:
    """Compile every concern's patterns into one regex that finds them as whole words."""
    routes: _Routes = defaultdict(list)
    for concern, found in patterns.items():
        for pattern in found:
            if re.compile(pattern.replace(" … ", _GAP)).groups:
                raise ValueError(f"Groups name the concern; write (?:...) in {pattern!r}")
            for start in _starts(pattern.replace(" … ", _GAP)):
                routes[start].append((concern, pattern))
    # Every word follows a space (detect() puts one first): the regex engine can jump from
    # space to space instead of trying each character.
    return re.compile(f" (?:{_routed('', routes, [], count())})")


_WORDS = _compile(
    {
        concern: [pattern for words in PATTERNS.values() for pattern in words[concern.value]]
        for concern in Concern
    }
)
_HELP = _alternatives(HELP_REQUESTS)
_FILLER = _alternatives(HELP_FILLERS)
_HELP_REQUEST = re.compile(rf"(?:(?:{_FILLER}) )*(?:{_HELP})(?: (?:{_HELP}|{_FILLER}))*")


def detect(text: str) -> Concern | None:
    """Return the most serious concern the text's words signal, in any of our languages."""
    found: set[Concern] = set()
    for match in _WORDS.finditer(" " + normalize(text)):
        found.add(Concern(match.lastgroup.rsplit("_", 1)[0]))  # type: ignore[union-attr]
        if Concern.SELF_HARM in found:
            break  # nothing is more serious
    return next((concern for concern in Concern if concern in found), None)


def is_help_request(text: str) -> bool:
    """Tell whether the whole message just asks for help ("SOS", "palīdziet", "помогите")."""
    if len(text) > _HELP_REQUEST_LIMIT:
        return False
    if _SOS_EMOJI in text:
        rest = normalize(text.replace(_SOS_EMOJI, " "))
        return not rest or _HELP_REQUEST.fullmatch(rest) is not None
    return _HELP_REQUEST.fullmatch(normalize(text)) is not None
