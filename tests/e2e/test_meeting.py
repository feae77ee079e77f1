"""A pair's months together, as they live them: where they meet, what they write between
sessions, a move the mentor proposes and the young person accepts, an ending told with
cancelling calendar files, and a new mentor who is someone else.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from dialogs.ics import escape_text
from dialogs.timeslots import hour_label, weekday_name
from tests.e2e.harness import ChatMessage, ChatUser, SandboxClient
from tests.e2e.people import CATALOGUES, approve_mentor, match, onboard, say, sign_up
from tests.e2e.test_privacy import file_content

PLACE = "Jauniešu centrs “Kopā”, Brīvības iela 10, Rīga"
LV = CATALOGUES.translator("lv", "Europe/Riga")


def is_calendar(message: ChatMessage) -> bool:
    return message.raw.get("document", {}).get("file_name") == "session.ics"


async def calendar(user: ChatUser, sandbox: SandboxClient, count: int) -> str:
    """The user's count-th calendar file, unfolded, once it has arrived."""
    for _ in range(300):
        files = [m for m in await user.bot_messages() if is_calendar(m)]
        if len(files) >= count:
            return (await file_content(sandbox, files[count - 1])).decode().replace("\r\n ", "")
        await asyncio.sleep(0.05)
    raise AssertionError(f"calendar file {count} did not arrive")


async def free_tomorrow_at_a_place(mentor: ChatUser) -> None:
    """Every week on tomorrow's weekday, 10:00 to 14:00, at the youth centre (in Latvian)."""
    tomorrow = (datetime.now(ZoneInfo("Europe/Riga")) + timedelta(days=1)).weekday()
    menu = await mentor.send("/menu")
    await mentor.click(say("lv", "🗓 My free times"), menu)
    await mentor.click(say("lv", "➕ Every week"))
    await mentor.click(weekday_name(LV, tomorrow))
    await mentor.click(hour_label(LV, time(10)))
    where = await mentor.click(LV.ngettext("{count} hour", "{count} hours", 4).format(count=4))
    asked = say(
        "lv",
        "Where do you meet your mentees? Sessions are face to face; meet online only when "
        "meeting in person is not possible.",
    )
    assert where.text.startswith(asked)
    await mentor.click(say("lv", "📍 A place"), where)
    overview = await mentor.send(PLACE)
    assert f"📍 {PLACE}" in overview.text


@pytest.mark.parametrize("language", ["lv", "lt", "ru", "en"])
async def test_meet_write_accept_a_move_end_and_meet_someone_new(
    admin_and_bot, sandbox: SandboxClient, language: str
) -> None:
    admin, _bot = admin_and_bot
    await onboard(admin, "en", age="26plus")
    anna, karlis = await sandbox.new_user("Anna", "lv"), await sandbox.new_user("Kārlis", "lv")
    await approve_mentor(admin, anna, "Anna")
    await approve_mentor(admin, karlis, "Kārlis")
    person = await sandbox.new_user("Maja", language)
    await onboard(person, language, age="14-17")
    also = () if language == "lv" else ("lv",)  # she and her mentors share Latvian
    await sign_up(person, language, "Maja", "Get better at maths", also)
    await match(admin, "Maja", "Anna")
    # The news of her new mentee comes first; only then does Anna set her free times.
    await anna.received(lambda m: "Maja" in m.text and bool(m.labels))
    await free_tomorrow_at_a_place(anna)

    # Booking, she sees where they meet; it is in the confirmation and the calendar file.
    book = say(language, "📅 Book our first session")
    intro = await person.received(lambda m: book in m.labels)
    slots = await person.click(book, intro)
    confirm = await person.click(slots.labels[0], slots)
    assert f"📍 {PLACE}" in confirm.text
    await person.click(say(language, "✅ Yes"), confirm)
    booked_note = say(
        language,
        "Booked: {when}. {whom} has been told. Here is the calendar entry for your phone.",
    ).split("{when}")[0]
    booked = await person.received(lambda m: m.text.startswith(booked_note))
    assert booked.text.endswith(f"\n📍 {PLACE}")
    ics = await calendar(person, sandbox, 1)
    assert f"LOCATION:{escape_text(PLACE)}" in ics
    news = await anna.received(lambda m: f"📍 {PLACE}" in m.text)
    assert news.text.startswith(
        say("lv", "{name} booked a session with you: {when}.")
        .split("{when}")[0]
        .format(name="Maja")
    )

    # Between sessions they write through the bot.
    mine = await person.click(say(language, "🤝 My mentor"), await person.send("/menu"))
    await person.click(say(language, "✉️ Write to my mentor"), mine)
    await person.send("Vai varam runāt arī par matemātiku?")
    note = await anna.received(lambda m: "Vai varam runāt arī par matemātiku?" in m.text)
    assert note.text.startswith(say("lv", "✉️ {name}, your mentee, writes:").format(name="Maja"))

    # The mentor proposes a later hour: nothing moves until Maja accepts.
    sessions = await anna.click(say("lv", "📋 My sessions"), await anna.send("/menu"))
    move = next(label for label in sessions.labels if label.startswith("✏️"))
    slots = await anna.click(move, sessions)
    await anna.click(slots.labels[1], slots)
    await anna.click(say("lv", "✅ Yes"))
    sent_note = say(
        "lv",
        "Sent: {whom} is asked whether {when} suits them. Nothing changes until they accept; "
        "I will tell you their answer.",
    )
    await anna.received(lambda m: m.text.startswith(sent_note.split("{whom}")[0]))
    ask = await person.received(lambda m: any(label.startswith("✅") for label in m.labels))
    assert ask.text.startswith(
        say(
            language,
            "{name} proposes to move your session from {old} to {new}. Does it suit you? "
            "Until you accept, the session stays as it is.",
        )
        .split("{old}")[0]
        .format(name="Anna")
    )
    accept = next(label for label in ask.labels if label.startswith("✅"))
    await person.click(accept, ask)
    await person.received(
        lambda m: m.text.startswith(booked_note) and m.message_id > ask.message_id
    )
    assert "SEQUENCE:1" in await calendar(person, sandbox, 2)
    accepted = say("lv", "{name} accepted: your session is on {when}.").split("{when}")[0]
    await anna.received(lambda m: m.text.startswith(accepted.format(name="Maja")))
    assert "SEQUENCE:1" in await calendar(anna, sandbox, 2)

    # She asks for a change; the coordinator ends the pairing and both calendars lose the
    # session.
    mine = await person.click(say(language, "🤝 My mentor"), await person.send("/menu"))
    await person.click(say(language, "Ask to end or change the pairing"), mine)
    await person.click(say(language, "🔄 Change the pairing"))
    check = await person.send("Gribu mēģināt ar citu mentoru.")
    await person.click(say(language, "📨 Send"), check)
    asked = await admin.received(lambda m: "asks to change the pairing" in m.text)
    pairing = await admin.click("🧩 Open the pairing", asked)
    await admin.click("End it and find a new mentor", pairing)
    candidates = await admin.click("Yes, end it")
    for user in (person, anna):
        ics = await calendar(user, sandbox, 3)
        assert "METHOD:CANCEL" in ics and "STATUS:CANCELLED" in ics and "SEQUENCE:2" in ics

    # The coordinator is shown the mentors who fit at once: the new one is someone else.
    assert "1. Kārlis" in candidates.text and "1. Anna" not in candidates.text
    confirm = await admin.click("Pair with Kārlis", candidates)
    await admin.click("6 months", confirm)
    welcome = say(language, "Good news: you have a mentor! Meet {name}.").format(name="Kārlis")
    await person.received(lambda m: m.text.startswith(welcome))
