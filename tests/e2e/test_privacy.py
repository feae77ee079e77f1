"""A copy of one's data, and an erasure that leaves nothing: through the chat, on both databases."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from functools import partial

import aiohttp
import pytest
from sqlmodel import select

from bot.jobs.retention import retention
from storage.database import create_session_factory
from storage.models import MentoringSession, User, as_utc
from storage.outbox import PENDING, OutboxMessage
from storage.unit_of_work import UnitOfWorkFactory
from tests.e2e.conftest import TOKEN, RunningBot
from tests.e2e.harness import ChatMessage, ChatUser, SandboxClient
from tests.e2e.messenger import MessengerPerson
from tests.e2e.people import approve_mentor, match, onboard, say, sign_up
from tests.e2e.scan import traces
from tests.e2e.test_journey import drain_at, mentor_is_free_weekly
from tests.e2e.test_reminders import worker_at


def uow_factory_of(bot: RunningBot) -> UnitOfWorkFactory:
    return UnitOfWorkFactory(create_session_factory(bot.runtime.db))


async def file_content(sandbox: SandboxClient, message: ChatMessage) -> bytes:
    file_id = message.raw["document"]["file_id"]
    url = f"{sandbox.base_url}/file/bot{TOKEN}/files/{file_id}"
    async with aiohttp.ClientSession() as http, http.get(url) as response:
        return await response.read()


@pytest.mark.parametrize("language", ["lv", "lt", "ru", "en"])
async def test_a_copy_of_everything_kept(
    running_bot, sandbox: SandboxClient, language: str
) -> None:
    person = await sandbox.new_user("Kim", language)
    await onboard(person, language, country="LT", age="14-17")
    await sign_up(person, language, "Kimmi", "Learn to plan my money")

    menu = await person.send("/menu")
    overview = await person.click(say(language, "🔒 Privacy"), menu)
    for kept in (
        "• your request for a mentor, with your answers",
        "• your chat number and language",
    ):
        assert say(language, kept) in overview.text
    await person.click(say(language, "📦 Send me a copy"), overview)
    sent = await person.bot_messages()
    heading = say(language, "Here is everything I keep about you, as of {date}:").split("{")[0]
    readable = next(m.text for m in sent if m.text.startswith(heading))
    assert say(language, "Your request for a mentor") in readable
    assert "Kimmi" in readable and "Learn to plan my money" in readable
    document = next(m for m in sent if m.raw.get("document"))
    assert document.raw["document"]["file_name"] == "my-data.json"
    data = json.loads(await file_content(sandbox, document))
    kinds = {item["kind"] for item in data["items"]}
    assert {"profile", "request"} <= kinds
    profile = next(item for item in data["items"] if item["kind"] == "profile")
    assert profile["platform_id"] == str(person.id) and profile["country"] == "LT"
    request = next(item for item in data["items"] if item["kind"] == "request")
    assert request["hopes"] == "Learn to plan my money" and request["areas"] == ["money"]

    # The same with /mydata, from anywhere.
    again = await person.send("/mydata")
    assert again.labels, "the step is shown again after the copy"


async def erase(user: ChatUser | MessengerPerson, language: str) -> ChatMessage:
    overview = await user.send("/privacy")
    confirm = await user.click(say(language, "🗑 Delete everything"), overview)
    assert say(language, "This deletes everything I keep about you, at once and for good.") in (
        confirm.text
    )
    done = await user.click(say(language, "Yes, delete everything"), confirm)
    assert done.text == say(
        language,
        "Done: I have deleted everything about you. If you write to me again, we start from the "
        "beginning. Take care!",
    )
    assert done.labels == []
    return confirm


async def nothing_left(bot: RunningBot, user: ChatUser | MessengerPerson, *typed: str) -> None:
    left = await traces(bot.runtime.db, [str(user.id), *typed])
    assert left == [], left


async def test_erasure_in_every_role_leaves_nothing(admin_and_bot, sandbox: SandboxClient) -> None:
    admin, bot = admin_and_bot
    await onboard(admin, "en", age="26plus")
    mentor = await sandbox.new_user("Anna", "lv")
    await approve_mentor(admin, mentor)  # "Anna", an introduction, capacity 2

    waiting = await sandbox.new_user("Wendy", "en")
    await onboard(waiting, "en")
    await sign_up(waiting, "en", "Wendolyn", "Find my first summer job")
    paired = await sandbox.new_user("Ваня", "ru")
    await onboard(paired, "ru")
    await sign_up(paired, "ru", "Ванечка", "Хочу научиться планировать деньги", ("lv",))
    other = await sandbox.new_user("Rūta", "lt")
    await onboard(other, "lt")
    await sign_up(other, "lt", "Rūtelė", "Noriu geriau mokytis", ("en",))
    for name in ("Ванечка", "Rūtelė"):
        await match(admin, name, "Anna")

    # The young person books the first free hour, the day after tomorrow.
    day = (datetime.now(UTC) + timedelta(days=2)).astimezone().weekday()
    await mentor_is_free_weekly(mentor, day)
    menu = await paired.send("/menu")
    slots = await paired.click(say("ru", "📅 Book a session"), menu)
    confirm = await paired.click(slots.labels[0], slots)
    await paired.click(say("ru", "✅ Yes"), confirm)
    async with uow_factory_of(bot)() as uow:
        starts_at = (await uow.session.exec(select(MentoringSession.starts_at))).one()

    # A waiting young person, who reads Latvian though their phone speaks English.
    await waiting.send("/language")
    await waiting.click("Latviešu")
    params = {"language_code": "en", "user_id": waiting.id}
    menu_of_their_chat = partial(sandbox.request, "GET", "/sandbox/commands", params=params)
    latvian = [c["description"] for c in await menu_of_their_chat()]
    await erase(waiting, "lv")
    await nothing_left(bot, waiting, "Wendolyn", "Find my first summer job")
    english = [c["description"] for c in await menu_of_their_chat()]
    assert latvian != english and english == [c["description"] for c in await sandbox.commands()]

    # A paired young person with a booked session: the pairing ends, the mentor is told
    # without details and gets a cancelling calendar file; no reminder of it ever goes out.
    warning = await erase(paired, "ru")
    assert "Anna" in warning.text
    left = say(
        "lv",
        "Your mentee has left the programme and deleted their data, so your pairing has ended.",
    )
    news = await mentor.received(lambda m: m.raw.get("document") is not None)
    said = [m.text for m in await mentor.bot_messages()]
    assert any(text.startswith(left) for text in said)
    assert news.raw["caption"] == say(
        "lv", "Open this file to remove the session from your calendar."
    )
    await admin.received(lambda m: "A young person has left the programme" in m.text)
    await nothing_left(bot, paired, "Ванечка", "Хочу научиться планировать деньги")
    clock = [datetime.now(UTC)]
    worker = await worker_at(bot, clock)
    await drain_at(worker, clock, as_utc(starts_at) - timedelta(minutes=30))
    reminder = say("lv", "Soon: you meet {name} at {time}.").split("{")[0]
    assert not any(m.text.startswith(reminder) for m in await mentor.bot_messages())

    # A mentor with a mentee: their mentee waits for a new mentor, with the coordinators told.
    await erase(mentor, "lv")
    rematch = say("lt", "The coordinators are looking for a new mentor for you.")
    await other.received(lambda m: rematch in m.text)
    await admin.received(lambda m: "Rūtelė is waiting for a new mentor." in m.text)
    await nothing_left(bot, mentor, "Anna", "Studēju sociālo darbu un trenēju futbola komandu.")

    # A coordinator.
    await erase(admin, "en")
    await nothing_left(bot, admin)

    async with uow_factory_of(bot)() as uow:
        erased = (await uow.session.exec(select(User).where(User.erased_at.is_not(None)))).all()
        assert len(erased) == 4  # anonymous numbers keep the figures true
        pending = (
            await uow.session.exec(
                select(OutboxMessage).where(
                    OutboxMessage.status == PENDING,
                    OutboxMessage.user_id.in_([user.id for user in erased]),
                )
            )
        ).all()
        assert pending == []
    # Writing again starts afresh: a new person, not the erased one.
    welcome = await waiting.send("hello")
    assert "Which language shall we speak?" in welcome.text


async def test_long_silence_brings_a_notice_then_erasure(
    admin_and_bot, sandbox: SandboxClient
) -> None:
    _admin, bot = admin_and_bot
    keeper = await sandbox.new_user("Keeper", "lt")
    await onboard(keeper, "lt")
    quiet = await sandbox.new_user("Quiet", "ru")
    await onboard(quiet, "ru")
    await sign_up(quiet, "ru", "Тихоня", "Просто поговорить")
    two_years_on = datetime.now(UTC) + timedelta(days=730)

    wrote = await retention(uow_factory_of(bot), [], 24, two_years_on)
    assert wrote == 2
    clock = [two_years_on]
    await drain_at(await worker_at(bot, clock), clock, two_years_on)
    keep = say("lt", "Keep my data")
    notice = await keeper.wait_for(lambda m: keep in m.labels)
    await quiet.wait_for(lambda m: say("ru", "Keep my data") in m.labels)
    await keeper.click(keep, notice)

    # A month later, the one who did not answer is erased; the other is kept.
    await retention(uow_factory_of(bot), [], 24, two_years_on + timedelta(days=31))
    await nothing_left(bot, quiet, "Тихоня", "Просто поговорить")
    async with uow_factory_of(bot)() as uow:
        kept = await uow.users.find("telegram", str(keeper.id))
        assert kept is not None and kept.consent_at is not None and kept.erased_at is None


async def test_a_coordinator_closes_a_request_with_a_reason(
    admin_and_bot, sandbox: SandboxClient
) -> None:
    admin, _bot = admin_and_bot
    await onboard(admin, "en", age="26plus")
    person = await sandbox.new_user("Jonas", "lt")
    await onboard(person, "lt", country="LT", age="14-17")
    await sign_up(person, "lt", "Jonas", "Noriu draugų")
    notice = await admin.wait_for(lambda m: "New mentee request from Jonas" in m.text)
    request = await admin.click("🧩 Match", notice)
    asked = await admin.click("✖️ Close this request", request)
    assert "The young person will read this" in asked.text
    await admin.send("Mūsų programa Kaune dar neveikia; kreipkis į Jaunimo liniją.")
    assert "Closed. The young person has been told, with your reason." in [
        m.text for m in await admin.bot_messages()
    ]
    told = say("lt", "The coordinators have closed your request for a mentor.")
    closed = await person.wait_for(lambda m: m.text.startswith(told))
    assert "Mūsų programa Kaune dar neveikia" in closed.text
    menu = await person.send("/menu")
    intro = await person.click(say("lt", "🌱 Find a mentor"), menu)
    assert say("lt", "Start") in intro.labels, "they may ask again"
    assert "Mūsų programa Kaune dar neveikia" in intro.text
