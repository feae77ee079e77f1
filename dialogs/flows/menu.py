"""The main menu: only what works, for who this person is."""

from __future__ import annotations

from dialogs.engine import Context, Flow, Step, Transition, call
from dialogs.flows import booking, compose, content, news, opportunities, pairing, stories, talk
from dialogs.flows.common import sos_button
from dialogs.flows.mentee_signup import is_active, may_see_signup
from dialogs.replies import Button, Reply

FLOW = "menu"
# Mentors are 20 or older; the application asks the exact age.
MENTOR_AGE_GROUPS = ("18-25", "26plus")


def may_mentor(ctx: Context) -> bool:
    return ctx.profile.onboarded and ctx.profile.age_group in MENTOR_AGE_GROUPS


async def main_screen(ctx: Context) -> Reply:
    rows: list[tuple[Button, ...]] = [(sos_button(ctx),)]
    application = await ctx.mentoring.my_application() if may_mentor(ctx) else None
    mentors = application is not None and application.status == "approved"
    request = await ctx.signup.my_request() if may_see_signup(ctx) else None
    # Once matched, "My mentor" takes the request's place; a mentor is not offered a mentor.
    matched = request is not None and request.status == "matched"
    if may_see_signup(ctx) and not matched and not (mentors and not is_active(request)):
        if is_active(request):
            mentee = Button(
                ctx._("🌱 My mentor request"), action="menu:mentee", short=ctx._("🌱 My request")
            )
        else:
            mentee = Button(ctx._("🌱 Find a mentor"), action="menu:mentee")
        rows.append((mentee,))
    # Once approved, "My mentees" and "My free times" take the application's place.
    if may_mentor(ctx) and (application is None or application.status != "approved"):
        applied = application is not None and application.status == "submitted"
        if applied:
            mentor = Button(
                ctx._("🤝 My mentor application"),
                action="menu:mentor",
                short=ctx._("🤝 My application"),
            )
        else:
            mentor = Button(ctx._("🤝 Become a mentor"), action="menu:mentor")
        rows.append((mentor,))
    rows += await booking.menu_rows(ctx)
    rows += await pairing.menu_rows(ctx)
    rows.append((Button(ctx._("🎬 Video stories"), action="menu:stories"),))
    rows.append((Button(ctx._("🌟 Opportunities"), action="menu:opportunities"),))
    rows.append((Button(ctx._("🔔 News"), action="menu:news"),))
    talk_label, talk_short = ctx._("💬 Talk to a person"), ctx._("💬 Talk to someone")
    rows.append((Button(talk_label, action="menu:talk", short=talk_short),))
    if await ctx.mentoring.is_staff():
        applications, matching = ctx._("📋 Mentor applications"), ctx._("🧩 Match mentees")
        agreements = ctx._("👪 Parents' agreements")
        rows += [
            (Button(applications, action="menu:applications", short=ctx._("📋 Applications")),),
            (Button(matching, action="menu:matching", short=ctx._("🧩 Matching")),),
            (Button(ctx._("📊 Figures"), action="menu:figures"),),
            (Button(agreements, action="menu:guardians", short=ctx._("👪 Agreements")),),
            (Button(ctx._("🗂 Campaign content"), action="menu:content", short=ctx._("🗂 Content")),),
            (
                Button(
                    ctx._("📣 Campaign posts"), action="menu:broadcasts", short=ctx._("📣 Posts")
                ),
            ),
        ]
    rows.append(
        (
            # Not "Help": that word belongs to the helplines (🆘), which someone in trouble needs.
            Button(ctx._("❓ How it works"), action="menu:help"),
            Button(ctx._("🌐 Language"), action="menu:language"),
        )
    )
    rows.append((Button(ctx._("🔒 Privacy"), action="menu:privacy"),))
    return Reply(ctx._("What would you like to do?"), buttons=tuple(rows))


TARGETS = {
    "menu:help": ("info", "help"),
    "menu:language": ("language", "choose"),
    "menu:privacy": ("privacy", "overview"),
    "menu:mentee": ("mentee_signup", "intro"),
    "menu:mentor": ("mentor_application", "intro"),
    "menu:applications": ("staff", "applications"),
    "menu:matching": ("matching", "requests"),
    "menu:figures": ("figures", "overview"),
    "menu:guardians": ("guardian", "answered"),
    "menu:my_mentor": ("pairing", "my_mentor"),
    "menu:my_mentees": ("pairing", "my_mentees"),
}


async def on_menu(ctx: Context, action: str) -> Transition | None:
    if action in booking.MENU_ACTIONS:
        return await booking.from_menu(ctx, action)
    if action == "menu:stories":
        return stories.open_stories(ctx)
    if action == "menu:opportunities":
        return opportunities.open_list(ctx)
    if action == "menu:news":
        return news.open_settings(ctx)
    if action == "menu:talk":
        return talk.open_talk(ctx)
    if action == "menu:content":
        return content.open_content(ctx) if await ctx.mentoring.is_staff() else None
    if action == "menu:broadcasts":
        return compose.open_broadcasts(ctx) if await ctx.mentoring.is_staff() else None
    target = TARGETS.get(action)
    # The menu offers these only to some people; a forged or old press gets no further.
    if action == "menu:mentee" and not may_see_signup(ctx):
        return None
    if action == "menu:mentor" and not may_mentor(ctx):
        return None
    staff_only = ("menu:applications", "menu:matching", "menu:figures", "menu:guardians")
    if action in staff_only and not await ctx.mentoring.is_staff():
        return None
    return call(*target) if target else None


flow = Flow.of(FLOW, Step("main", main_screen, on_action=on_menu))
