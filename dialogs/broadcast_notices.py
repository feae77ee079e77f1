"""A staff broadcast as its recipient gets it: the post in their language, its button, and a
one-tap stop for all campaign news."""

from __future__ import annotations

from dialogs.i18n import Translator
from dialogs.notice_payloads import BroadcastPost
from dialogs.notices import notice
from dialogs.replies import Button, Media, Reply


@notice("broadcast")
def broadcast_post(t: Translator, payload: BroadcastPost) -> list[Reply]:
    rows: list[tuple[Button, ...]] = []
    button = payload["button"]
    if button is not None and button["kind"] == "link":
        rows.append((Button(str(button["label"]), url=str(button["url"])),))
    elif button is not None and button["kind"] == "story":
        watch = Button(t.gettext("▶️ Watch the story"), action=f"watch:{button['id']}", sticky=True)
        rows.append((watch,))
    elif button is not None and button["kind"] == "opportunity":
        opened = Button(t.gettext("👀 Open it"), action=f"openopp:{button['id']}", sticky=True)
        rows.append((opened,))
    stop = Button(
        t.gettext("🔕 Stop campaign news"),
        action="unsub:all",
        sticky=True,
        short=t.gettext("🔕 Stop news"),
    )
    rows.append((stop,))
    media = payload["media"]
    if media is not None:
        shown = Media(media["kind"], media["url"], caption=payload["text"])
        return [Reply(media=shown, buttons=tuple(rows))]
    return [Reply(payload["text"], buttons=tuple(rows))]
