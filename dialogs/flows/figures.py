"""Coordinators: the programme this month, and the pairs meeting less than twice in it."""

from __future__ import annotations

from dialogs.engine import Context, Flow, Step, Transition, stay
from dialogs.flows import stories
from dialogs.flows.common import back_button
from dialogs.ports import CampaignFigures, PairFigures, ProgrammeFigures
from dialogs.replies import Button, Document, Reply

FLOW = "figures"
AUDIT_FILENAME = "audit-log.csv"
MONTH_ZONE = "Europe/Riga"  # the zone the figures' month is counted in
SHOWN_PAIRS = 20  # a phone screen's worth; the CSV export lists every pair


def programme_text(ctx: Context, figures: ProgrammeFigures) -> str:
    month = ctx.t.with_timezone(MONTH_ZONE).date(figures.month_start, "LLLL y")
    lines = [
        ctx._("📊 Figures for {month}").format(month=month),
        ctx._("Waiting for a mentor: {count}").format(count=figures.waiting_requests),
        ctx._("Active pairs: {count}").format(count=figures.active_pairs),
        ctx._("Approved mentors: {count}").format(count=figures.mentors_approved),
        ctx._("Mentor applications to decide: {count}").format(count=figures.applications_waiting),
        ctx._("Sessions held this month: {count}").format(count=figures.sessions_held_this_month),
        ctx._("Sessions booked from now on: {count}").format(count=figures.sessions_booked_ahead),
        ctx._("No-shows this month: {count}").format(count=figures.missed_this_month),
    ]
    return "\n".join(lines)


def pair_line(ctx: Context, pair: PairFigures) -> str:
    held, booked, missed = pair.held_this_month, pair.booked_this_month, pair.missed_this_month
    counts = [
        ctx.ngettext("{count} held", "{count} held", held).format(count=held),
        ctx.ngettext("{count} booked", "{count} booked", booked).format(count=booked),
    ]
    if missed:
        counts.append(ctx.ngettext("{count} missed", "{count} missed", missed).format(count=missed))
    unknown = ctx._("(no name)")
    return ctx._("• {mentor} and {mentee}: {counts}").format(
        mentor=pair.mentor_name or unknown,
        mentee=pair.mentee_name or unknown,
        counts=", ".join(counts),
    )


def behind_text(ctx: Context, pairs: list[PairFigures]) -> str:
    """The pairs below the rule of two sessions a month, held or booked; at most a screenful."""
    if not pairs:
        return ""
    behind = [pair for pair in pairs if not pair.on_track]
    if not behind:
        return ctx._("Every active pair has two sessions held or booked this month.")
    lines = [
        ctx.ngettext(
            "{count} pair has fewer than two sessions held or booked this month:",
            "{count} pairs have fewer than two sessions held or booked this month:",
            len(behind),
        ).format(count=len(behind))
    ]
    lines += [pair_line(ctx, pair) for pair in behind[:SHOWN_PAIRS]]
    hidden = len(behind) - SHOWN_PAIRS
    if hidden > 0:
        more = ctx.ngettext(
            "…and {count} more: the CSV export (export-figures) lists every pair.",
            "…and {count} more: the CSV export (export-figures) lists every pair.",
            hidden,
        )
        lines.append(more.format(count=hidden))
    return "\n".join(lines)


SHOWN_STORIES = 10


def campaign_text(ctx: Context, figures: CampaignFigures | None) -> str:
    """The campaign's reach: views and "this helped me", per story and per topic."""
    if figures is None or not figures.stories:
        return ""
    lines = [ctx._("🎬 Stories, all time (👁 times shown · 💚 “this helped me”):")]
    line = ctx._("• {what}: 👁 {views} · 💚 {helped}")
    lines += [
        line.format(what=f.key, views=f.views, helped=f.helped)
        for f in figures.stories[:SHOWN_STORIES]
    ]
    lines.append(ctx._("By topic:"))
    lines += [
        line.format(what=stories.topic_label(ctx, f.key), views=f.views, helped=f.helped)
        for f in figures.topics
    ]
    lines += [
        "",
        ctx._("🔔 Asked for news of new stories: {count}").format(count=figures.story_subscribers),
        ctx._("🔔 Asked for news of new opportunities: {count}").format(
            count=figures.opportunity_subscribers
        ),
    ]
    if figures.interest:
        lines.append(ctx._("🙋 Interested, per opportunity:"))
        each = ctx._("• {title}: {count}")
        lines += [each.format(title=title, count=count) for title, count in figures.interest]
    talk = ctx._("💬 Requests to talk: {asked}, taken: {taken}").format(
        asked=figures.talk_requests, taken=figures.talk_answered
    )
    if figures.talk_median_minutes is not None:
        talk += "\n" + ctx._("Time until taken, median: {minutes} min").format(
            minutes=figures.talk_median_minutes
        )
    lines.append(talk)
    return "\n".join(lines)


async def overview_screen(ctx: Context) -> Reply:
    figures = await ctx.figures.programme()
    if figures is None:
        text = ctx._("The figures are for coordinators only.")
        return Reply(text, buttons=((back_button(ctx),),))
    parts = [
        programme_text(ctx, figures),
        behind_text(ctx, await ctx.figures.pairs()),
        campaign_text(ctx, await ctx.figures.campaign()),
    ]
    audit = Button(
        ctx._("🧾 Coordinators' actions (CSV)"),
        action="figures:audit",
        short=ctx._("🧾 Actions (CSV)"),
    )
    return Reply("\n\n".join(filter(None, parts)), buttons=((audit,), (back_button(ctx),)))


async def on_overview(ctx: Context, action: str) -> Transition | None:
    """The audit log: who did what to whom and when, as numbers a spreadsheet opens."""
    if action != "figures:audit":
        return None
    content = await ctx.privacy.audit_csv()
    if content is None:
        return None
    caption = ctx._(
        "Every coordinator's action so far: who, what, on whom and when. People appear as "
        "numbers, not names."
    )
    document = Document(AUDIT_FILENAME, content, "text/csv", caption)
    return stay(lambda ctx: Reply(document=document))


flow = Flow.of(FLOW, Step("overview", overview_screen, on_action=on_overview))
