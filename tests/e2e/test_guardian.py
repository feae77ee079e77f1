"""Below the digital consent age a parent or guardian answers from their own chat, or by phone."""

from __future__ import annotations

import re

from tests.e2e.harness import ChatUser, SandboxClient
from tests.e2e.people import onboard as onboard_fully
from tests.e2e.people import say

LINK = re.compile(r"https://t\.me/mentor_sandbox_bot\?start=(g-[A-Z0-9]{8})")


async def child_asks(child: ChatUser, language: str, country: str, age: str) -> str:
    """Onboard as far as the guardian, take the link; return its /start payload."""
    await child.send("/start")
    await child.click(
        {"lv": "Latviešu", "lt": "Lietuvių", "ru": "Русский", "en": "English"}[language]
    )
    await child.click(say(language, "✅ I agree"))
    flag = {"LV": "🇱🇻 Latvia", "LT": "🇱🇹 Lithuania"}[country]
    await child.click(say(language, flag))
    explained = await child.click(say(language, age))
    assert say(language, "👪 Get the link") in explained.labels
    waiting = await child.click(say(language, "👪 Get the link"), explained)
    found = LINK.search(waiting.text)
    assert found, waiting.text
    assert say(language, "🔄 Have they answered?") in waiting.labels
    return found.group(1)


async def test_guardian_agrees_from_their_own_chat(running_bot, sandbox: SandboxClient) -> None:
    child = await sandbox.new_user("Tomas", "lt")
    payload = await child_asks(child, "lt", "LT", "13")  # 13 is below Lithuania's 14

    # The child cannot answer for their guardian.
    own = await child.send(f"/start {payload}")
    assert own.text == say(
        "lt",
        "This link is for your parent or guardian, not for you: please send it to "
        "them. They answer from their own phone.",
    )
    waiting = await child.click(say("lt", "⬅️ Back"), own)
    assert LINK.search(waiting.text), "back to waiting, with the same link"

    guardian = await sandbox.new_user("Rasa", "ru")
    intro = await guardian.send(f"/start {payload}")
    assert say("ru", "Do you give your agreement?") in intro.text
    assert (
        say(
            "ru",
            "In Lithuania, the agreement of a parent or guardian is needed before the "
            "data of someone younger than 14 can be kept.",
        )
        in intro.text
    )
    asked = await guardian.click(say("ru", "✅ Yes, I agree"), intro)
    assert asked.text == say(
        "ru", "Thank you. Please write your full name, so that the coordinators know who agreed."
    )
    thanks = await guardian.send("Rasa Petrauskienė")
    assert thanks.text == say(
        "ru",
        "Thank you! Your agreement is recorded, and I have told the young person. If you have "
        "questions, please contact the programme's coordinators.",
    )

    told = await child.wait_for(
        lambda m: (
            m.text == say("lt", "Good news: your parent or guardian has agreed. You are all set!")
        )
    )
    menu = await child.click(say("lt", "Open the menu"), told)
    assert say("lt", "🌱 Find a mentor") in menu.labels  # 13 in Lithuania may ask for one

    # The link is spent: opening it again says so.
    again = await guardian.send(f"/start {payload}")
    assert again.text == say(
        "ru",
        "This link is no longer valid: it has been answered, replaced by a newer one or has "
        "expired. Please ask the young person to send you a new one.",
    )


async def test_guardian_declines_and_nothing_is_kept(running_bot, sandbox: SandboxClient) -> None:
    child = await sandbox.new_user("Anna", "lv")
    payload = await child_asks(child, "lv", "LV", "Under 13")
    guardian = await sandbox.new_user("Inese", "lv")
    intro = await guardian.send(f"/start {payload}")
    thanks = await guardian.click(say("lv", "❌ No, I do not agree"), intro)
    assert thanks.text == say(
        "lv",
        "Thank you for your answer. I have told the young person, and nothing of theirs is "
        "kept. They can still get help in a crisis at any time.",
    )
    declined = say(
        "lv",
        "Your parent or guardian did not agree, so I have deleted your answers. You can still "
        "get help at any time. If they change their mind, ask me for a new link.",
    )
    await child.wait_for(lambda m: m.text == declined)
    privacy = await child.send("/privacy")
    assert say("lv", "You have not agreed, so that is all.") in privacy.text


async def test_a_coordinator_records_an_agreement_by_phone(
    admin_and_bot, sandbox: SandboxClient
) -> None:
    admin, _bot = admin_and_bot
    await onboard_fully(admin, "en", age="26plus")
    child = await sandbox.new_user("Līga", "lv")
    payload = await child_asks(child, "lv", "LV", "Under 13")
    code = payload.removeprefix("g-")

    menu = await admin.send("/menu")
    answers = await admin.click("👪 Parents' agreements", menu)
    asked = await admin.click("✍️ Record an agreement", answers)
    assert "8 letters and digits" in asked.text
    await admin.send("XXXX-0000")
    assert "I do not know this code" in [m.text for m in await admin.bot_messages()][-2]
    method = await admin.send(f"{code[:4].lower()}-{code[4:]}")  # as read out over the phone
    assert f"Code {code}: a young person aged Under 13 in Latvia" in method.text
    await admin.click("📞 By phone", method)
    listed = await admin.send("Ilze Bērziņa")
    assert "Recorded. The young person has been told." in [
        m.text for m in await admin.bot_messages()
    ]
    assert "agreed by Ilze Bērziņa, by phone" in listed.text

    told = await child.wait_for(
        lambda m: (
            m.text == say("lv", "Good news: your parent or guardian has agreed. You are all set!")
        )
    )
    menu = await child.click(say("lv", "Open the menu"), told)
    # Under 13 they may read and get help, and are told kindly why a mentor must wait.
    too_young = await child.click(say("lv", "🌱 Find a mentor"), menu)
    assert "13" in too_young.text and "25" in too_young.text and "116111" in too_young.text
    assert say("lv", "Start") not in too_young.labels
