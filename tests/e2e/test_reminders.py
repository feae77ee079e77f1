"""A session's reminders, the mentor's follow-up, the plan and the mentee's rating, end to end.

The bot runs with its real clock; a second outbox worker whose clock the test moves stands in for
the bot at the later moments (an hour before the session, just after it).
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import select

from bot.channels.base import NoticeRouter
from bot.channels.buttons import ButtonCodec
from bot.outbox import OutboxWorker
from bot.outbox.telegram_delivery import TelegramDelivery
from bot.telegram.sender import TelegramSender
from dialogs.i18n import Catalogues
from dialogs.timeslots import hour_label, weekday_name
from storage.database import create_session_factory
from storage.models import MenteeRequest, MentoringSession
from storage.outbox import as_utc
from storage.unit_of_work import UnitOfWorkFactory
from tests.e2e.conftest import RunningBot
from tests.e2e.harness import ChatUser, SandboxClient
from tests.e2e.test_booking import pair_them
from tests.e2e.test_mentor_application import onboard

CATALOGUES = Catalogues()
EN = CATALOGUES.translator("en", "Europe/Riga")
LV = CATALOGUES.translator("lv", "Europe/Riga")


def uow_factory_of(bot: RunningBot) -> UnitOfWorkFactory:
    return UnitOfWorkFactory(create_session_factory(bot.runtime.db))


async def name_the_mentee(bot: RunningBot, mentee: ChatUser) -> None:
    """The young person's request, as signing up leaves it (signing up has its own tests)."""
    async with uow_factory_of(bot)() as uow:
        user = await uow.users.find("telegram", str(mentee.id))
        assert user is not None and user.id is not None
        now = datetime.now(UTC)
        uow.session.add(
            MenteeRequest(
                user_id=user.id,
                display_name="Jānis",
                age_group="18-25",
                country="LV",
                region="riga",
                areas="money",
                languages="lv",
                meeting_format="either",
                free_times="evenings",
                status="matched",
                submitted_at=now,
                updated_at=now,
            )
        )
        await uow.commit()


async def the_session(bot: RunningBot) -> MentoringSession:
    async with uow_factory_of(bot)() as uow:
        session = (await uow.session.exec(select(MentoringSession))).one()
        uow.session.expunge(session)
        return session


async def worker_at(bot: RunningBot, moment: list[datetime]) -> OutboxWorker:
    """A second sender on the bot's database, token and button key, with a clock of our own."""
    async with uow_factory_of(bot)() as uow:
        key = await uow.secrets.get_or_create("buttons")
        await uow.commit()
    sender = TelegramSender(bot.runtime.bot, ButtonCodec(key.encode()))
    delivery = NoticeRouter([TelegramDelivery(sender)], CATALOGUES)
    # The bot's own rate limiter: the two senders together keep to Telegram's pace per chat.
    return OutboxWorker(
        uow_factory_of(bot),
        delivery,
        clock=lambda: moment[0],
        rate_limiter=bot.runtime.rate_limiter,
    )


PLACE = "Bibliotēka, Tērbatas iela 75, Rīga"


async def booked_for_tomorrow_at_ten(mentor: ChatUser, mentee: ChatUser) -> None:
    """The mentor is free tomorrow from 10:00; the young person books the first hour."""
    tomorrow = (datetime.now(ZoneInfo("Europe/Riga")) + timedelta(days=1)).weekday()
    await mentor.send("/menu")
    await mentor.click("🗓 My free times")
    await mentor.click("➕ Every week")
    await mentor.click(weekday_name(EN, tomorrow))
    await mentor.click(hour_label(EN, time(10)))
    where = await mentor.click("4 hours")
    await mentor.click("📍 A place", where)
    await mentor.send(PLACE)
    await mentee.send("/menu")
    slots = await mentee.click(LV.gettext("📅 Book a session"))
    await mentee.click(slots.labels[0])
    await mentee.click(LV.gettext("✅ Yes"))


async def test_reminders_follow_up_plan_and_rating(running_bot, sandbox: SandboxClient) -> None:
    mentor = await sandbox.new_user("Anna", "en")
    mentee = await sandbox.new_user("Janis", "lv")
    await onboard(mentor, "English", "✅ I agree", "🇱🇻 Latvia", "26 or older")
    await onboard(mentee, "Latviešu", "✅ Piekrītu", "🇱🇻 Latvija", "18–25")
    await pair_them(running_bot, mentor, mentee)
    await name_the_mentee(running_bot, mentee)
    await booked_for_tomorrow_at_ten(mentor, mentee)
    session = await the_session(running_bot)
    start, end = as_utc(session.starts_at), as_utc(session.ends_at)

    # An hour before the session both are reminded, each in their own language.
    moment = [start - timedelta(minutes=59)]
    worker = await worker_at(running_bot, moment)
    await worker.drain_once()
    to_mentor = await mentor.wait_for(lambda m: EN.time(start) in m.text)
    assert to_mentor.text.startswith(f"Soon: you meet Jānis at {EN.time(start)}.\n📍 {PLACE}")
    assert to_mentor.labels == ["📋 My sessions"]
    to_mentee = await mentee.wait_for(lambda m: "Anna" in m.text and LV.time(start) in m.text)
    assert "AM" not in to_mentee.text

    # After it, the mentor is asked whether it happened. (The bot's own clock is the real one,
    # so the session is moved into the past for the bot to accept the answer.)
    moment[0] = end + timedelta(minutes=1)
    await worker.drain_once()
    followup = await mentor.wait_for(lambda m: m.text.startswith("Did your session with Jānis"))
    assert followup.labels == ["✅ Yes", "❌ No, it didn't"]
    await hold_in_the_past(running_bot, session.id)  # type: ignore[arg-type]
    plan = await mentor.click("✅ Yes", followup)
    assert plan.text.startswith("Good to hear! What did you agree to do before the next meeting?")
    await mentor.send("Read a chapter\nCall the school")
    saved = (await mentor.bot_messages())[-2]  # the note, then the screen the mentor was on
    assert saved.text.startswith("Saved, and sent to your mentee.")

    # The mentee gets the plan and rates the session with one tap.
    recap = await mentee.wait_for(lambda m: "• Read a chapter\n• Call the school" in m.text)
    assert recap.labels == ["1", "2", "3", "4", "5"]
    await mentee.click("5", recap)
    assert (await the_session(running_bot)).rating == 5
    await mentee.click("4", recap)  # a second tap is thanked, and changes nothing
    assert (await the_session(running_bot)).rating == 5
    assert await mentee.unanswered_callbacks() == []
    assert await mentor.unanswered_callbacks() == []


async def hold_in_the_past(bot: RunningBot, session_id: int) -> None:
    """Let the session's hour pass for the bot too: it began two hours ago."""
    async with uow_factory_of(bot)() as uow:
        session = await uow.sessions.get(session_id)
        assert session is not None
        now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
        session.starts_at, session.ends_at = now - timedelta(hours=2), now - timedelta(hours=1)
        uow.sessions.add(session)
        await uow.commit()
