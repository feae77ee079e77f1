"""The whole mentoring journey, as the three people live it, through the Bot API emulator.

A coordinator (English) approves a mentor (Latvian) and pairs her with a young person (Russian);
they book, move and cancel sessions; the reminders, the follow-up, the plan and the rating arrive
in each person's own language. A second outbox worker, whose clock the test moves, stands in for
the bot at the later moments (the day before, the hour before, just after a session).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.outbox import OutboxWorker
from dialogs.i18n import Catalogues
from dialogs.timeslots import hour_label, moment_label, slot_label, weekday_name
from storage.outbox import as_utc
from tests.e2e.conftest import RunningBot
from tests.e2e.harness import ChatMessage, ChatUser, SandboxClient
from tests.e2e.test_booking import files_and_news
from tests.e2e.test_matching import apply_in_latvian
from tests.e2e.test_mentor_application import onboard
from tests.e2e.test_reminders import hold_in_the_past, the_session, worker_at

RIGA = ZoneInfo("Europe/Riga")
CATALOGUES = Catalogues()
LV = CATALOGUES.translator("lv", "Europe/Riga")
RU = CATALOGUES.translator("ru", "Europe/Riga")
MENTOR, MENTEE = "Anna", "Ваня"
PLAN = ("Прочитать главу", "Позвонить в школу")
LINK = "https://meet.example.org/anna"


# --- the people -------------------------------------------------------------------------------


async def texts(user: ChatUser) -> list[str]:
    """Everything the bot has shown the user: messages and document captions."""
    return [m.text or m.raw.get("caption", "") for m in await user.bot_messages()]


async def count_of(user: ChatUser, text: str) -> int:
    return sum(text in said for said in await texts(user))


# --- 1-2: the mentor applies and is approved ------------------------------------------------


async def mentor_applies_and_is_approved(admin: ChatUser, mentor: ChatUser) -> None:
    await apply_in_latvian(mentor)
    notice = await admin.wait_for(lambda m: "New mentor application" in m.text)
    assert notice.text == f"New mentor application from {MENTOR}."
    review = await admin.click("👀 Review", notice)
    confirm = await admin.click("✅ Approve", review)
    await admin.click("✅ Yes, approve", confirm)
    approved = LV.gettext(
        "Good news: your mentor application is approved! Set your free times now, so that your "
        "future mentee can book meetings with you. The coordinators will be in touch about "
        "training."
    )
    news = await mentor.wait_for(lambda m: m.text == approved)
    assert news.labels == [LV.gettext("🗓 Set my free times")], "the next step, one tap away"


# --- 3: the young person signs up ------------------------------------------------------------


async def young_person_onboards(person: ChatUser) -> None:
    _ = RU.gettext
    await onboard(person, "Русский", _("✅ I agree"), _("🇱🇻 Latvia"), "14–17")


async def young_person_signs_up(person: ChatUser) -> None:
    _ = RU.gettext
    intro = await person.click(_("🌱 Find a mentor"))
    await person.click(_("Start"), intro)
    await person.send(MENTEE)
    await person.click(_("Riga"))
    await person.click(_("Money skills"))
    await person.click(_("Done"))
    await person.click("Русский")
    await person.click("Latviešu")
    await person.click(_("Done"))
    await person.click(_("Online"))
    await person.click(_("Weekday evenings"))
    await person.click(_("Done"))
    summary = await person.send("Хочу научиться планировать деньги.")
    menu = await person.click(_("📨 Send"), summary)
    assert _("🌱 My mentor request") in menu.labels


# --- 4: the coordinator pairs them ------------------------------------------------------------


async def admin_pairs_them(admin: ChatUser, mentor: ChatUser, person: ChatUser) -> None:
    notice = await admin.wait_for(lambda m: "New mentee request" in m.text)
    assert notice.text == f"New mentee request from {MENTEE} (Riga)."
    request = await admin.click("🧩 Match", notice)
    assert f"Name: {MENTEE}" in request.text and f"1. {MENTOR}" in request.text
    confirm = await admin.click(f"Pair with {MENTOR}", request)
    await admin.click("6 months", confirm)
    assert "Paired. Both have been introduced to each other." in await texts(admin)

    meet = RU.gettext("Good news: you have a mentor! Meet {name}.").format(name=MENTOR)
    intro = await person.wait_for(lambda m: m.text.startswith(meet))
    assert "Studēju sociālo darbu" in intro.text
    heading = LV.gettext("You have a new mentee: {name}. Here is what they told us:")
    news = await mentor.wait_for(lambda m: m.text.startswith(heading.format(name=MENTEE)))
    assert "Хочу научиться планировать деньги." in news.text
    assert LV.gettext("Money skills") in news.text


# --- 5-7: free time, booking, moving ------------------------------------------------------


async def mentor_is_free_weekly(mentor: ChatUser, day: int) -> None:
    await mentor.send("/menu")
    await mentor.click(LV.gettext("🗓 My free times"))
    await mentor.click(LV.gettext("➕ Every week"))
    await mentor.click(weekday_name(LV, day))
    await mentor.click(hour_label(LV, time(10)))
    await mentor.click(LV.ngettext("{count} hour", "{count} hours", 4).format(count=4))
    # The first free time also asks where they meet: online, here. (The news of a match may
    # land after that question, so the click looks for the button, not the newest message.)
    await mentor.click(LV.gettext("💻 Online"))
    await mentor.send(LINK)


async def young_person_books(person: ChatUser, start: datetime) -> ChatMessage:
    await person.send("/menu")
    slots = await person.click(RU.gettext("📅 Book a session"))
    assert slots.labels[0] == slot_label(RU, start)  # the first free slot
    confirm = await person.click(slot_label(RU, start))
    return await person.click(RU.gettext("✅ Yes"), confirm)


async def booked_and_told(mentor: ChatUser, person: ChatUser, start: datetime, n: int) -> None:
    """The young person's n-th .ics and note; the mentor's n-th .ics and news."""
    ics, note = await files_and_news(person, n)
    booked = RU.gettext(
        "Booked: {when}. {whom} has been told. Here is the calendar entry for your phone."
    )
    online = RU.gettext("💻 Online: {link}").format(link=LINK)
    assert note == f"{booked.format(when=moment_label(RU, start), whom=MENTOR)}\n{online}"
    assert ics.raw["caption"] == RU.gettext("Open this file to add the session to your calendar.")
    ics, news = await files_and_news(mentor, n)
    told = LV.gettext("{name} booked a session with you: {when}.")
    online = LV.gettext("💻 Online: {link}").format(link=LINK)
    assert news == f"{told.format(name=MENTEE, when=moment_label(LV, start))}\n{online}"
    assert ics.raw["caption"] == LV.gettext("Open this file to add the session to your calendar.")


async def young_person_moves(
    mentor: ChatUser, person: ChatUser, old: datetime, new: datetime
) -> None:
    await person.send("/menu")
    listing = await person.click(RU.gettext("📋 My sessions"))
    move = RU.gettext("✏️ Move {when}").format(when=RU.datetime(old, "short"))
    await person.click(move, listing)
    confirm = await person.click(slot_label(RU, new))
    await person.click(RU.gettext("✅ Yes"), confirm)
    _ics, note = await files_and_news(person, 2)
    moved = RU.gettext("Moved: {when}. {whom} has been told. Here is the updated calendar entry.")
    assert note.startswith(moved.format(when=moment_label(RU, new), whom=MENTOR))
    _ics, news = await files_and_news(mentor, 2)
    told = LV.gettext("{name} moved your session from {old} to {new}.")
    told = told.format(name=MENTEE, old=moment_label(LV, old), new=moment_label(LV, new))
    assert news.startswith(told) and LINK in news


# --- 8: the reminders, with a clock of our own -----------------------------------------------


def reminders(start: datetime) -> dict[str, tuple[str, str]]:
    """What the day-before and hour-before reminders say to (the mentor, the young person)."""
    day = LV.gettext("Reminder: you meet {name} on {when}.")
    day_ru = RU.gettext("Reminder: you meet {name} on {when}.")
    hour = LV.gettext("Soon: you meet {name} at {time}.")
    hour_ru = RU.gettext("Soon: you meet {name} at {time}.")
    return {
        "24h": (
            day.format(name=MENTEE, when=moment_label(LV, start)),
            day_ru.format(name=MENTOR, when=moment_label(RU, start)),
        ),
        "1h": (
            hour.format(name=MENTEE, time=LV.time(start)),
            hour_ru.format(name=MENTOR, time=RU.time(start)),
        ),
    }


async def drain_at(worker: OutboxWorker, clock: list[datetime], moment: datetime) -> None:
    clock[0] = moment
    while await worker.drain_once():
        pass


async def reminded(mentor: ChatUser, person: ChatUser, said: tuple[str, str]) -> None:
    to_mentor, to_person = said
    await mentor.wait_for(lambda m: m.text.startswith(to_mentor))
    reminder = await person.wait_for(lambda m: m.text.startswith(to_person))
    assert reminder.labels == [RU.gettext("📋 My sessions")]


async def reminders_for_the_new_time(
    bot: RunningBot, mentor: ChatUser, person: ChatUser, old: datetime, new: datetime
) -> tuple[OutboxWorker, list[datetime]]:
    clock = [old - timedelta(hours=24, minutes=-1)]
    worker = await worker_at(bot, clock)
    await drain_at(worker, clock, old - timedelta(hours=24, minutes=-1))  # the old time's: gone
    await drain_at(worker, clock, new - timedelta(hours=24, minutes=-1))
    await reminded(mentor, person, reminders(new)["24h"])
    await drain_at(worker, clock, old - timedelta(minutes=59))  # the old time's: gone
    await drain_at(worker, clock, new - timedelta(minutes=59))
    await reminded(mentor, person, reminders(new)["1h"])
    for user, index in ((mentor, 0), (person, 1)):
        for said in reminders(new).values():
            assert await count_of(user, said[index]) == 1
        for said in reminders(old).values():
            assert await count_of(user, said[index]) == 0
    return worker, clock


# --- 9: after the session: did it happen, the plan, the rating, a tick ------------------------


async def session_held_with_a_plan(
    bot: RunningBot,
    worker: OutboxWorker,
    clock: list[datetime],
    mentor: ChatUser,
    person: ChatUser,
    start: datetime,
    end: datetime,
) -> None:
    await drain_at(worker, clock, end + timedelta(minutes=1))
    asked = LV.gettext("Did your session with {name} on {date} happen?")
    followup = await mentor.wait_for(
        lambda m: m.text == asked.format(name=MENTEE, date=LV.date(start))
    )
    session = await the_session(bot)
    await hold_in_the_past(bot, session.id)  # type: ignore[arg-type]  # the bot's clock is real
    await mentor.click(LV.gettext("✅ Yes"), followup)
    await mentor.send("\n".join(PLAN))
    saved = LV.gettext(
        "Saved, and sent to your mentee. Remember to book your next session under “📋 My sessions”."
    )
    assert saved in await texts(mentor)

    heading = RU.gettext("{name} wrote down your plan until the next meeting:").format(name=MENTOR)
    recap = await person.wait_for(lambda m: m.text.startswith(heading))
    assert f"{heading}\n• {PLAN[0]}\n• {PLAN[1]}" in recap.text
    rate = RU.gettext("How was your session with {name} on {date}? Tap 1 (not good) to 5 (great).")
    held = as_utc((await the_session(bot)).starts_at)  # where hold_in_the_past put it
    assert rate.format(name=MENTOR, date=RU.date(held)) in recap.text
    await person.click("5", recap)
    assert RU.gettext("Thank you! That helps us make mentoring better.") in await texts(person)
    assert (await the_session(bot)).rating == 5


async def young_person_ticks_a_step(person: ChatUser) -> None:
    await person.send("/menu")
    screen = await person.click(RU.gettext("🤝 My mentor"))
    assert RU.gettext("Your mentor: {name}").format(name=MENTOR) in screen.text
    screen = await person.click(f"☐ {PLAN[0]}", screen)
    progress = RU.ngettext(
        "Plan until the next meeting: {done} of {total} done",
        "Plan until the next meeting: {done} of {total} done",
        2,
    ).format(done=1, total=2)
    assert progress in screen.text
    assert f"✅ {PLAN[0]}" in screen.labels and f"☐ {PLAN[1]}" in screen.labels


# --- 10: another session, booked and cancelled ------------------------------------------------


async def young_person_books_and_cancels(
    worker: OutboxWorker, clock: list[datetime], mentor: ChatUser, person: ChatUser, start: datetime
) -> None:
    await young_person_books(person, start)
    await booked_and_told(mentor, person, start, 3)
    await person.send("/menu")
    await person.click(RU.gettext("📋 My sessions"))
    await person.click(RU.gettext("❌ Cancel"))
    await person.click(RU.gettext("Yes, cancel it"))
    ics, note = await files_and_news(person, 4)
    assert note == RU.gettext("Cancelled. They have been told, and the time is free again.")
    removal = RU.gettext("Open this file to remove the session from your calendar.")
    assert ics.raw["caption"] == removal
    _ics, news = await files_and_news(mentor, 4)
    told = LV.gettext("{name} cancelled your session on {when}. The time is free again.")
    assert news == told.format(name=MENTEE, when=moment_label(LV, start))

    # Its reminders, the half-way nudge and the follow-up are never sent.
    before = (await texts(mentor), await texts(person))
    day_before, hour_before = start - timedelta(hours=24), start - timedelta(hours=1)
    for moment in (day_before, hour_before, start + timedelta(hours=1)):
        await drain_at(worker, clock, moment + timedelta(minutes=1))
    assert (await texts(mentor), await texts(person)) == before


# --- the journey ------------------------------------------------------------------------------


async def nothing_about_others(admin: ChatUser, mentor: ChatUser, person: ChatUser) -> None:
    for user, others in ((admin, (mentor, person)), (mentor, (admin,)), (person, (admin,))):
        said = " ".join(await texts(user))
        assert all(str(other.id) not in said for other in others)
    for user in (mentor, person):
        assert "Coordinator" not in " ".join(await texts(user))
    admin_saw = " ".join(await texts(admin))
    assert PLAN[0] not in admin_saw and "Reminder" not in admin_saw  # sessions stay theirs


async def test_whole_journey(admin_and_bot, sandbox: SandboxClient) -> None:
    admin, bot = admin_and_bot
    mentor = await sandbox.new_user(MENTOR, "lv")
    person = await sandbox.new_user(MENTEE, "ru")

    await onboard(admin, "English", "✅ I agree", "🇱🇻 Latvia", "26 or older")
    await mentor_applies_and_is_approved(admin, mentor)
    await young_person_onboards(person)
    await young_person_signs_up(person)
    await admin_pairs_them(admin, mentor, person)

    # Free every week on the day after tomorrow from 10:00: more than a day ahead, so both
    # reminders fall due in the future and only the test's clock sends them.
    day = datetime.now(RIGA).date() + timedelta(days=2)
    first = datetime.combine(day, time(10), RIGA)
    second = first + timedelta(hours=1)
    await mentor_is_free_weekly(mentor, day.weekday())
    await young_person_books(person, first)
    await booked_and_told(mentor, person, first, 1)
    await young_person_moves(mentor, person, first, second)
    session = await the_session(bot)
    assert as_utc(session.starts_at) == second
    worker, clock = await reminders_for_the_new_time(bot, mentor, person, first, second)
    await session_held_with_a_plan(
        bot, worker, clock, mentor, person, second, as_utc(session.ends_at)
    )
    await young_person_ticks_a_step(person)
    await young_person_books_and_cancels(worker, clock, mentor, person, first)

    await nothing_about_others(admin, mentor, person)
    for user in (admin, mentor, person):
        assert await user.unanswered_callbacks() == []
