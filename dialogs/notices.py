"""Messages the bot sends on its own (reminders, notifications): rendered when they are sent.

A notice is stored as a kind and plain data, and turned into replies only at delivery time, in
the recipient's language and time zone as they are then.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dialogs.i18n import Translator
from dialogs.replies import Reply

NoticeRenderer = Callable[[Translator, dict[str, Any]], list[Reply]]

_RENDERERS: dict[str, NoticeRenderer] = {}


def notice(kind: str) -> Callable[[NoticeRenderer], NoticeRenderer]:
    """Register the renderer of one kind of notice."""

    def register(renderer: NoticeRenderer) -> NoticeRenderer:
        if kind in _RENDERERS:
            raise ValueError(f"notice {kind!r} registered twice")
        _RENDERERS[kind] = renderer
        return renderer

    return register


def render_notice(kind: str, payload: dict[str, Any], t: Translator) -> list[Reply]:
    """The replies for a stored notice; KeyError for a kind no code knows (any more)."""
    return _RENDERERS[kind](t, payload)


def away_note(t: Translator) -> str:
    """The heading of news kept for the person's next visit (their channel could not bring it)."""
    return t.gettext("🕓 While you were away:")
