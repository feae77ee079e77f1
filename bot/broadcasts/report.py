"""A broadcast's report as staff read it: on the command line, and as CSV (counts only)."""

from __future__ import annotations

import csv
import io
from zoneinfo import ZoneInfo

from storage.broadcasts import Audience, Report
from storage.models import Broadcast, as_utc

# How the report names each outcome, in the order it lists them.
OUTCOMES = {
    "sent": "delivered",
    "blocked": "blocked",
    "failed": "failed",
    "waiting": "waiting for the window",
    "pending": "still to send",
    "paused": "paused",
    "expired": "no longer current",
    "cancelled": "cancelled",
    "unconfirmed": "cut off mid-send, may or may not have arrived",
}


# The audience's filters by the names `--audience` takes.
FILTER_NAMES = {
    "languages": "language",
    "roles": "role",
    "countries": "country",
    "age_groups": "age",
    "subscribed": "subscribed",
    "interested": "interested in opportunity no.",
}
LOCAL_ZONE = ZoneInfo("Europe/Riga")  # staff's clock, which Vilnius shares


def describe_audience(audience: Audience) -> str:
    parts = [
        f"{FILTER_NAMES[name]}={','.join(str(value) for value in values)}"
        for name, values in audience.to_json().items()
    ]
    return "; ".join(parts) or "everyone who agreed to campaign news"


def summary(broadcast: Broadcast, report: Report) -> str:
    recipients = sum(report.counts.values())
    per_channel: dict[str, int] = {}
    for (_, channel, _), count in report.counts.items():
        per_channel[channel] = per_channel.get(channel, 0) + count
    channels = ", ".join(f"{channel} {count}" for channel, count in sorted(per_channel.items()))
    outcomes = " · ".join(
        f"{label} {report.total(status)}"
        for status, label in OUTCOMES.items()
        if report.total(status) or status in ("sent", "pending")
    )
    lines = [
        f"#{broadcast.id} {broadcast.status} · sends at "
        f"{as_utc(broadcast.send_at).astimezone(LOCAL_ZONE):%Y-%m-%d %H:%M} (Riga time)",
        f"languages: {', '.join(sorted(broadcast.texts))}"
        + ("" if broadcast.fallback else " (no fallback: others are skipped)"),
        f"audience: {describe_audience(Audience.from_json(broadcast.audience))}",
        f"recipients: {recipients}" + (f" ({channels})" if channels else ""),
        outcomes,
        f"skipped: no version in their language {report.skipped_language}, "
        f"not agreed to campaign news {report.skipped_consent}",
    ]
    if broadcast.expanded_at is None and broadcast.status not in ("draft", "cancelled"):
        lines.append("(recipients are still being written out)")
    return "\n".join(lines)


def report_csv(broadcast: Broadcast, report: Report) -> str:
    """outcome, channel, language, count: no names, no ids of people."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["broadcast", "outcome", "channel", "language", "count"])
    for (status, channel, language), count in sorted(report.counts.items()):
        writer.writerow([broadcast.id, OUTCOMES.get(status, status), channel, language, count])
    writer.writerow(
        [broadcast.id, "skipped: no version in their language", "", "", report.skipped_language]
    )
    writer.writerow(
        [broadcast.id, "skipped: not agreed to campaign news", "", "", report.skipped_consent]
    )
    return out.getvalue()
