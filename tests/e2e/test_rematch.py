"""Next steps from the introduction; a change asked with a reason; a rematch to someone else."""

from __future__ import annotations

from tests.e2e.harness import SandboxClient
from tests.e2e.people import approve_mentor, match, onboard, say, sign_up


async def test_asked_change_then_a_new_mentor_not_the_same_one(
    admin_and_bot, sandbox: SandboxClient
) -> None:
    admin, _bot = admin_and_bot
    await onboard(admin, "en", age="26plus")
    anna, karlis = await sandbox.new_user("Anna", "lv"), await sandbox.new_user("Kārlis", "lv")
    await approve_mentor(admin, anna, "Anna")
    await approve_mentor(admin, karlis, "Kārlis")
    person = await sandbox.new_user("Maja", "en")
    await onboard(person, "en", age="14-17")
    await sign_up(person, "en", "Maja", "Get better at maths", ("lv",))
    await match(admin, "Maja", "Anna")

    # The introduction says what to do next, one tap away.
    intro = await person.received(lambda m: m.text.startswith("Good news: you have a mentor!"))
    assert intro.labels == ["📅 Book our first session", "✉️ Write to my mentor"]
    slots = await person.click("📅 Book our first session", intro)
    assert slots.message_id > intro.message_id
    news = await anna.received(lambda m: "Maja" in m.text and bool(m.labels))
    assert news.labels == [say("lv", "✉️ Write to my mentee"), say("lv", "🗓 My free times")]

    # She asks for a change, with a reason only the coordinators read.
    menu = await person.send("/menu")
    mine = await person.click("🤝 My mentor", menu)
    await person.click("Ask to end or change the pairing", mine)
    why = await person.click("🔄 Change the pairing")
    assert why.text.startswith("Would you like to tell the coordinators why?")
    check = await person.send("We only speak Latvian in our sessions and I find it hard.")
    assert "Your reason: We only speak Latvian" in check.text
    await person.click("📨 Send", check)
    asked = await admin.received(lambda m: "asks to change the pairing" in m.text)
    assert "Their reason: We only speak Latvian in our sessions" in asked.text
    said_to_anna = " ".join(m.text for m in await anna.bot_messages())
    assert "We only speak Latvian" not in said_to_anna

    pairing = await admin.click("🧩 Open the pairing", asked)
    await admin.click("End it and find a new mentor", pairing)
    await admin.click("Yes, end it")
    again = await admin.received(lambda m: "New mentee request from Maja" in m.text)
    request = await admin.click("🧩 Match", again)
    # The mentor she just left is not ranked; she is offered only on purpose.
    assert "1. Kārlis" in request.text and "1. Anna" not in request.text
    assert "Their mentor before: Anna." in request.text
    assert request.labels[:2] == ["Pair with Kārlis", "Pair with Anna again"]
    confirm = await admin.click("Pair with Kārlis", request)
    await admin.click("6 months", confirm)
    await person.received(lambda m: m.text.startswith("Good news: you have a mentor! Meet Kārlis."))
