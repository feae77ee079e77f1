"""A staff broadcast as its recipient gets it: the post in their language, its button, and a
one-tap stop for all campaign news. And as its composer follows it: one message of progress,
edited as it goes where the platform allows, and a report at the end."""

from __future__ import annotations

from datetime import datetime

from dialogs.flows.common import language_list
from dialogs.i18n import Translator
from dialogs.notice_payloads import BroadcastPost, BroadcastProgress
from dialogs.notices import notice
from dialogs.ports import BroadcastView
from dialogs.replies import Button, Media, Reply

ACTIVE = ("scheduled", "sending")


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


def status_label(t: Translator, status: str) -> str:
    labels = {
        "scheduled": t.gettext("⏰ scheduled"),
        "sending": t.gettext("📤 sending"),
        "paused": t.gettext("⏸ paused"),
        "cancelled": t.gettext("✖️ cancelled"),
        "done": t.gettext("✅ done"),
    }
    return labels.get(status, status)


def progress_text(t: Translator, view: BroadcastView, heading: str | None = None) -> str:
    """Where the broadcast stands: delivered of all, the pace and time to go, every other
    outcome, and who was left out and why."""
    sent = view.outcomes.get("sent", 0)
    to_go = view.outcomes.get("pending", 0) + view.outcomes.get("paused", 0)
    lines = [
        heading
        or t.gettext("📣 Campaign post no. {number}: {status}").format(
            number=view.id, status=status_label(t, view.status)
        ),
        t.gettext("Goes out: {when}").format(when=t.datetime(view.send_at, "short")),
        t.gettext("Languages: {languages}").format(languages=language_list(t, view.languages)),
        t.gettext("✅ Delivered {sent} of {total}").format(sent=sent, total=view.recipients),
    ]
    if to_go and view.per_minute and view.status == "sending":
        minutes = max(1, round(to_go / view.per_minute))
        lines.append(
            t.ngettext(
                "📤 {rate} a minute; about {minutes} minute to go",
                "📤 {rate} a minute; about {minutes} minutes to go",
                minutes,
            ).format(rate=view.per_minute, minutes=minutes)
        )
    others = {
        "blocked": t.gettext("🚫 Blocked the bot: {count}"),
        "failed": t.gettext("⚠️ Failed: {count}"),
        "waiting": t.gettext("⌛ Waiting for their next visit (Messenger): {count}"),
        "expired": t.gettext("🕰 No longer current when they came back: {count}"),
        "cancelled": t.gettext("✖️ Not sent, cancelled: {count}"),
        # Sending had begun when the sender stopped (a crash): not sent again, to be safe.
        "unconfirmed": t.gettext("❔ Cut off mid-send, may or may not have arrived: {count}"),
    }
    lines += [
        label.format(count=view.outcomes[key])
        for key, label in others.items()
        if view.outcomes.get(key)
    ]
    lines.append(
        t.gettext(
            "Skipped: {no_version} read none of its languages, {not_agreed} have not agreed "
            "to campaign news."
        ).format(no_version=view.skipped_language, not_agreed=view.skipped_consent)
    )
    return "\n".join(lines)


@notice("broadcast_progress")
def broadcast_progress(t: Translator, payload: BroadcastProgress) -> list[Reply]:
    view = BroadcastView(
        id=payload["broadcast"],
        status=payload["status"],
        send_at=datetime.fromisoformat(payload["send_at"]),
        languages=tuple(payload["languages"]),
        recipients=sum(payload["outcomes"].values()),
        outcomes=payload["outcomes"],
        skipped_language=payload["skipped_language"],
        skipped_consent=payload["skipped_consent"],
        per_minute=payload["per_minute"],
        csv=b"",
    )
    number = view.id
    # Unlike the status screen, which shows the moment it was opened, this one keeps up.
    heading = t.gettext("📡 Live: campaign post no. {number}, {status}").format(
        number=number, status=status_label(t, view.status)
    )
    if payload["final"] and view.status == "done":
        heading = t.gettext("✅ Campaign post no. {number} has gone out.").format(number=number)
    elif payload["final"]:
        heading = t.gettext("✖️ Campaign post no. {number} was stopped.").format(number=number)
    rows: list[tuple[Button, ...]] = []
    if view.status in ACTIVE:
        rows.append((Button(t.gettext("⏸ Pause"), action=f"bcast:pause:{number}", sticky=True),))
    if view.status == "paused":
        rows.append((Button(t.gettext("▶️ Resume"), action=f"bcast:resume:{number}", sticky=True),))
    if view.status in (*ACTIVE, "paused"):
        stop = Button(
            t.gettext("✖️ Stop it for good"),
            action=f"bcast:cancel:{number}",
            short=t.gettext("✖️ Stop"),
            sticky=True,
        )
        rows.append((stop,))
    if payload["final"]:
        report = Button(
            t.gettext("📄 The report (CSV)"),
            action=f"bcast:csv:{number}",
            short=t.gettext("📄 CSV"),
            sticky=True,
        )
        rows.append((report,))
    rows.append((Button(t.gettext("📊 Details"), action=f"bcast:open:{number}", sticky=True),))
    # Replaces the message named by payload["edit"], where there is one and it can be edited.
    return [Reply(progress_text(t, view, heading), buttons=tuple(rows), replace=True)]
