"""Fit a screen to what the person's channel can show: too many choices become pages.

Navigation (Back, Cancel, Next, Done, the menu) stays on every page; the choices are paged
with "◀️ Previous" and "More ▶️", which the engine answers by showing the same step again on
another page. Labels are never cut: a channel that shows fewer characters lists long labels
in the text itself (see the Messenger renderer).
"""

from __future__ import annotations

from dialogs.capabilities import Capabilities
from dialogs.i18n import Translator
from dialogs.replies import Button, Reply

PREVIOUS, MORE = "fit:prev", "fit:next"
PAGER_ACTIONS = (PREVIOUS, MORE)
# Buttons that take the person somewhere rather than choose: they stay on every page.
KEPT_ACTIONS = frozenset(
    {"back", "menu", "sos", "form:back", "form:cancel", "form:next", "pick:done", "page:prev"}
    | {"page:next"}
)


def is_kept(button: Button) -> bool:
    action = button.action or ""
    return action in KEPT_ACTIONS or action.endswith((":back", ":cancel"))


def page_count(reply: Reply, capabilities: Capabilities) -> int:
    """How many pages the screen takes on this channel (1 when it fits as it is)."""
    choices, kept, _per_row = _split(reply)
    if len(choices) + _count(kept) <= capabilities.choices_per_message:
        return 1
    per_page = _per_page(capabilities, kept)
    return -(-len(choices) // per_page)


def fit(reply: Reply, capabilities: Capabilities, page: int, t: Translator) -> Reply:
    """The screen's given page (clamped to the pages there are) on this channel."""
    pages = page_count(reply, capabilities)
    if pages == 1:
        return reply
    choices, kept, per_row = _split(reply)
    per_page = _per_page(capabilities, kept)
    page = min(max(page, 0), pages - 1)
    shown = choices[page * per_page : (page + 1) * per_page]
    pager = []
    if page > 0:
        pager.append(Button(t.gettext("◀️ Previous"), action=PREVIOUS))
    if page < pages - 1:
        pager.append(Button(t.gettext("More ▶️"), action=MORE))
    laid_out = tuple(tuple(shown[i : i + per_row]) for i in range(0, len(shown), per_row))
    text = t.gettext("{text}\n\n(page {page} of {pages})").format(
        text=reply.text, page=page + 1, pages=pages
    )
    return Reply(
        text,
        buttons=(*laid_out, tuple(pager), *kept),
        media=reply.media,
        document=reply.document,
        replace=reply.replace,
    )


def clamp_page(reply: Reply, capabilities: Capabilities, page: int) -> int:
    return min(max(page, 0), page_count(reply, capabilities) - 1)


def _split(reply: Reply) -> tuple[list[Button], list[tuple[Button, ...]], int]:
    """The choices in order, the rows kept on every page, and how many choices sit in a row."""
    choices: list[Button] = []
    kept: list[tuple[Button, ...]] = []
    per_row = 1
    for row in reply.buttons:
        if any(is_kept(button) for button in row):
            kept.append(row)
        else:
            choices.extend(row)
            per_row = max(per_row, len(row))
    return choices, kept, per_row


def _count(rows: list[tuple[Button, ...]]) -> int:
    return sum(len(row) for row in rows)


def _per_page(capabilities: Capabilities, kept: list[tuple[Button, ...]]) -> int:
    return max(1, capabilities.choices_per_message - _count(kept) - len(PAGER_ACTIONS))
