"""Writing through the bot: a pair between sessions, a report, a coordinator's conversation."""

from __future__ import annotations

import asyncio

from sqlmodel import select

from storage.database import create_session_factory
from storage.outbox import OutboxMessage
from storage.unit_of_work import UnitOfWorkFactory
from tests.e2e.conftest import RunningBot
from tests.e2e.harness import ChatUser, SandboxClient
from tests.e2e.people import approve_mentor, match, onboard, say, sign_up


async def paired(admin: ChatUser, sandbox: SandboxClient) -> tuple[ChatUser, ChatUser]:
    """Anna (Latvian) mentors Ваня (Russian), matched by the English-speaking coordinator."""
    await onboard(admin, "en", age="26plus")
    mentor = await sandbox.new_user("Anna", "lv")
    await approve_mentor(admin, mentor)
    person = await sandbox.new_user("Ваня", "ru")
    await onboard(person, "ru")
    await sign_up(person, "ru", "Ваня", "Хочу научиться планировать деньги", ("lv",))
    await match(admin, "Ваня", "Anna")
    return mentor, person


async def payloads_of(bot: RunningBot, kind: str) -> list[str]:
    async with UnitOfWorkFactory(create_session_factory(bot.runtime.db))() as uow:
        query = select(OutboxMessage.payload).where(OutboxMessage.kind == kind)
        return list((await uow.session.exec(query)).all())


async def test_a_pair_writes_between_sessions_and_a_coordinator_steps_in(
    admin_and_bot, sandbox: SandboxClient
) -> None:
    admin, bot = admin_and_bot
    mentor, person = await paired(admin, sandbox)

    # The young person writes to their mentor from "My mentor".
    await person.send("/menu")
    # The news of the pairing may come in just after the menu: the click finds the menu.
    mine = await person.click(say("ru", "🤝 My mentor"))
    asked = await person.click(say("ru", "✉️ Write to my mentor"), mine)
    assert "Anna" in asked.text
    await person.send("Можно перенести встречу на четверг?")
    assert say("ru", "Passed on.") in [m.text for m in await person.bot_messages()]
    heading = say("lv", "✉️ {name}, your mentee, writes:").format(name="Ваня")
    note = await mentor.received(lambda m: m.text.startswith(heading))
    assert "Можно перенести встречу на четверг?" in note.text

    # The mentor answers with one tap on the message.
    await mentor.click(say("lv", "↩️ Reply"), note)
    await mentor.send("Jā, ceturtdien 17:00 der!")
    heading = say("ru", "✉️ Your mentor {name} writes:").format(name="Anna")
    answer = await person.received(lambda m: m.text.startswith(heading))
    assert "Jā, ceturtdien 17:00 der!" in answer.text
    for user in (mentor, person):  # nobody's account or number travels with the words
        for message in await user.bot_messages():
            assert str(mentor.id if user is person else person.id) not in message.text

    # A pair's delivered messages keep their words for a week, so that one can be reported.
    kept = await payloads_of(bot, "pair_message")
    assert len(kept) == 2 and all("17:00" in p or "четверг" in p for p in kept)

    # The young person reports the mentor's message to the coordinators, in one tap.
    await person.click(say("ru", "🚩 Report to the coordinators"), answer)
    report = await admin.received(lambda m: m.text.startswith("🚩 Ваня reported a message"))
    assert "Jā, ceturtdien 17:00 der!" in report.text

    # The coordinator writes to the young person, who answers; then it is closed.
    await admin.click("💬 Write to them", report)
    await admin.send("Привет! Всё ли в порядке с наставницей?")
    heading = say("ru", "✉️ The programme's coordinators write:")
    from_staff = await person.received(lambda m: m.text.startswith(heading))
    assert "Coordinator" not in from_staff.text  # coordinators write as the coordinators
    await person.click(say("ru", "↩️ Reply"), from_staff)
    await person.send("Да, всё хорошо, спасибо")
    back = await admin.received(lambda m: m.text.startswith("✉️ Ваня (no. "))
    assert "Да, всё хорошо, спасибо" in back.text
    await admin.click("✖️ End the conversation", back)
    await person.received(
        lambda m: m.text == say("ru", "The coordinators have ended the conversation.")
    )
    await person.click(say("ru", "↩️ Reply"), from_staff)
    said = [m.text for m in await person.bot_messages()]
    assert say("ru", "This conversation has ended.") in said
    # The coordinator's conversation is not kept once delivered (recorded just after it shows).
    for _ in range(100):
        if set(await payloads_of(bot, "relay_message")) == {"{}"}:
            break
        await asyncio.sleep(0.05)
    assert set(await payloads_of(bot, "relay_message")) == {"{}"}
    for user in (admin, mentor, person):
        assert await user.unanswered_callbacks() == []


async def test_an_alert_lets_a_coordinator_write_to_the_person(
    admin_and_bot, sandbox: SandboxClient
) -> None:
    admin, _bot = admin_and_bot
    await onboard(admin, "en", age="26plus")
    person = await sandbox.new_user("Aistė", "lt")
    await onboard(person, "lt", country="LT", age="14-17")
    await person.send("nebegaliu, noriu numirti")
    alert = await admin.received(lambda m: m.text.startswith("⚠️"))
    await admin.click("💬 Write to them", alert)
    await admin.send("Labas, čia programos koordinatorė. Ar galiu tau paskambinti?")
    heading = say("lt", "✉️ The programme's coordinators write:")
    await person.received(lambda m: m.text.startswith(heading))
