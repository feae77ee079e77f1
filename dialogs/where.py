"""Where a pair meets: read from what a mentor types, and shown to both in their language."""

from __future__ import annotations

from urllib.parse import urlsplit

from dialogs.i18n import Translator
from dialogs.notice_payloads import Placed
from dialogs.ports import Where
from dialogs.text import clean_text, has_letter, one_line

PLACE_LIMIT = 200
LINK_LIMIT = 300


def read_place(text: str) -> str | None:
    """A place and its address as one line, or None when it cannot be one."""
    place = one_line(clean_text(text))
    if len(place) < 3 or len(place) > PLACE_LIMIT or not has_letter(place):
        return None
    return place


def read_link(text: str) -> str | None:
    """A web link to a video call, or None: only http(s), with a host, and nothing around it."""
    link = clean_text(text).strip()
    if not link or len(link) > LINK_LIMIT or any(char.isspace() for char in link):
        return None
    if "://" not in link:
        link = f"https://{link}"  # people paste "meet.google.com/abc-defg-hij" as often as not
    try:
        parts = urlsplit(link)
        host = parts.hostname or ""
    except ValueError:  # a malformed port or bracket
        return None
    if parts.scheme not in ("http", "https") or "." not in host:
        return None
    return link


def is_valid(where: Where) -> bool:
    """Exactly one of a place or a link, each as `read_place` / `read_link` would keep it."""
    if (where.place is None) == (where.online_url is None):
        return False
    if where.place is not None:
        return read_place(where.place) == where.place
    return read_link(where.online_url or "") == where.online_url


def where_text(t: Translator, where: Where | None) -> str:
    """One line for a message: "📍 Café Rīts, Brīvības iela 10" or "💻 Online: https://…"."""
    if where is None:
        return ""
    if where.place:
        return f"📍 {where.place}"
    return t.gettext("💻 Online: {link}").format(link=where.online_url)


def payload_where(payload: Placed) -> Where | None:
    """Where a notice's payload says they meet."""
    return known_where(payload.get("place"), payload.get("online_url"))


def known_where(place: str | None, link: str | None) -> Where | None:
    """A place or a link as a `Where`; None when neither is known."""
    return Where(place, link) if place or link else None


def with_where(t: Translator, text: str, where: Where | None) -> str:
    """The message, with where they meet on a line of its own when it is known."""
    return f"{text}\n{where_text(t, where)}" if where else text


def calendar_location(t: Translator, where: Where | None) -> str:
    """What a calendar's LOCATION says: the address, or that it is online."""
    if where is None:
        return ""
    return where.place or t.gettext("Online")
