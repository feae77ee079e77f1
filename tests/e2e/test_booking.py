"""A mentor sets a weekly free time; their mentee books, moves and cancels; both get .ics files."""

from __future__ import annotations

import asyncio
import time as clock
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dialogs.i18n import Catalogues
from dialogs.timeslots import hour_label, weekday_name
from storage.database import create_session_factory
from storage.models import MentorApplication, Pair
from storage.unit_of_work import UnitOfWorkFactory
from tests.e2e.conftest import RunningBot
from tests.e2e.harness import ChatMessage, ChatUser, SandboxClient
from tests.e2e.test_mentor_application import onboard

EN = Catalogues().translator("en", "Europe/Riga")


async def pair_them(bot: RunningBot, mentor: ChatUser, mentee: ChatUser) -> None:
    """Approve the mentor and pair them, as staff would (matching has its own tests)."""
    uow_factory = UnitOfWorkFactory(create_session_factory(bot.runtime.db))
    now = datetime.now(UTC)
    async with uow_factory() as uow:
        mentor_row = await uow.users.find("telegram", str(mentor.id))
        mentee_row = await uow.users.find("telegram", str(mentee.id))
        assert mentor_row is not None and mentee_row is not None
        uow.session.add(
            MentorApplication(
                user_id=mentor_row.id,  # type: ignore[arg-type]
                display_name="Anna",
                age=30,
                languages="en",
                country="LV",
                region="riga",
                areas="money",
                capacity=1,
                introduction="Hello",
                status="approved",
                submitted_at=now,
            )
        )
        uow.pairs.add(
            Pair(
                mentor_id=mentor_row.id,  # type: ignore[arg-type]
                mentee_id=mentee_row.id,  # type: ignore[arg-type]
                status="active",
                started_at=now,
                planned_end_at=now + timedelta(days=180),
            )
        )
        await uow.commit()


def calendar_files(messages: list[ChatMessage]) -> list[ChatMessage]:
    return [m for m in messages if m.raw.get("document", {}).get("file_name") == "session.ics"]


async def files_and_news(user: ChatUser, count: int) -> tuple[ChatMessage, str]:
    """Wait for the user's count-th calendar file; return it and the news just before it."""
    deadline = clock.monotonic() + 15
    while clock.monotonic() < deadline:
        messages = await user.bot_messages()
        files = calendar_files(messages)
        if len(files) >= count:
            index = messages.index(files[count - 1])
            return files[count - 1], messages[index - 1].text
        await asyncio.sleep(0.05)
    raise AssertionError("the calendar file did not arrive")


async def test_set_free_time_book_move_cancel(running_bot, sandbox: SandboxClient) -> None:
    mentor = await sandbox.new_user("Anna", "en")
    mentee = await sandbox.new_user("Janis", "en")
    await onboard(mentor, "English", "✅ I agree", "🇱🇻 Latvia", "26 or older")
    await onboard(mentee, "English", "✅ I agree", "🇱🇻 Latvia", "14–17")
    await pair_them(running_bot, mentor, mentee)

    # The mentor is free tomorrow (Riga time) from 10:00 to 14:00, every week.
    tomorrow = (datetime.now(ZoneInfo("Europe/Riga")) + timedelta(days=1)).weekday()
    await mentor.send("/menu")
    await mentor.click("🗓 My free times")
    await mentor.click("➕ Every week")
    await mentor.click(weekday_name(EN, tomorrow))
    await mentor.click(hour_label(EN, time(10)))
    where = await mentor.click("4 hours")
    await mentor.click("💻 Online", where)
    overview = await mentor.send("https://meet.example.org/anna")
    assert f"{weekday_name(EN, tomorrow)}: 10:00\u202fAM–2:00\u202fPM" in overview.text

    await mentee.send("/menu")
    slots = await mentee.click("📅 Book a session")
    assert "Times are in your time zone (Riga time)." in slots.text
    first_slot, second_slot = slots.labels[0], slots.labels[1]
    assert first_slot.endswith("10:00\u202fAM")
    await mentee.click(first_slot)
    await mentee.click("✅ Yes")
    ics, booked = await files_and_news(mentee, 1)
    assert booked.startswith("Booked:") and "Anna has been told" in booked
    assert ics.raw["caption"] == "Open this file to add the session to your calendar."

    _ics, news = await files_and_news(mentor, 1)
    assert news.startswith("Your mentee booked a session with you:")

    await mentee.send("/menu")
    await mentee.click("📋 My sessions")
    listing = await mentee.last()
    move = next(label for label in listing.labels if label.startswith("✏️"))
    await mentee.click(move)
    await mentee.click(second_slot)
    await mentee.click("✅ Yes")
    _ics, moved = await files_and_news(mentee, 2)
    assert moved.startswith("Moved:")
    _ics, news = await files_and_news(mentor, 2)
    assert "moved your session" in news

    listing = await mentee.last()
    await mentee.click("❌ Cancel", listing)
    await mentee.click("Yes, cancel it")
    _ics, cancelled = await files_and_news(mentee, 3)
    assert cancelled.startswith("Cancelled.")
    _ics, news = await files_and_news(mentor, 3)
    assert "cancelled your session" in news and "The time is free again." in news

    assert await mentee.unanswered_callbacks() == []
    assert await mentor.unanswered_callbacks() == []
