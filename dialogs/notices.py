"""Messages the bot sends on its own (reminders, notifications): rendered when they are sent.

A notice is stored as a kind and plain data, and turned into replies only at delivery time, in
the recipient's language and time zone as they are then. Each kind's data has one type in
dialogs/notice_payloads.py, which its writer builds and its renderer takes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from dialogs.i18n import Translator
from dialogs.replies import Reply

Payload = TypeVar("Payload", bound=Mapping[str, object])
NoticeRenderer = Callable[[Translator, Payload], list[Reply]]

_RENDERERS: dict[str, NoticeRenderer[Any]] = {}


def notice(kind: str) -> Callable[[NoticeRenderer[Payload]], NoticeRenderer[Payload]]:
    """Register the renderer of one kind of notice; it takes that kind's payload type."""

    def register(renderer: NoticeRenderer[Payload]) -> NoticeRenderer[Payload]:
        if kind in _RENDERERS:
            raise ValueError(f"notice {kind!r} registered twice")
        _RENDERERS[kind] = renderer
        return renderer

    return register


def render_notice(kind: str, payload: Mapping[str, Any], t: Translator) -> list[Reply]:
    """The replies for a stored notice; KeyError for a kind no code knows (any more)."""
    return _RENDERERS[kind](t, payload)


def renderers() -> dict[str, NoticeRenderer[Any]]:
    """Every kind registered so far, with its renderer."""
    return dict(_RENDERERS)


def away_note(t: Translator) -> str:
    """The heading of news kept for the person's next visit (their channel could not bring it)."""
    return t.gettext("🕓 While you were away:")
