"""People in the sandbox who do what the programme asks, in their own language."""

from __future__ import annotations

from dialogs.flows.common import LANGUAGE_NAMES
from dialogs.i18n import Catalogues
from tests.e2e.harness import ChatUser

CATALOGUES = Catalogues()
AGE_LABELS = {"under13": "Under 13", "13": "13", "14-17": "14–17", "18-25": "18–25"}
AGE_LABELS["26plus"] = "26 or older"


def say(language: str, message: str) -> str:
    """What the bot says in that language (the catalogues are checked by their own tests)."""
    return CATALOGUES.translator(language).gettext(message)


async def onboard(user: ChatUser, language: str, country: str = "LV", age: str = "18-25") -> None:
    """Welcome, language, consent, country and age group, up to the main menu."""
    await user.send("/start")
    await user.click(LANGUAGE_NAMES[language])
    await user.click(say(language, "✅ I agree"))
    flag = {"LV": "🇱🇻 Latvia", "LT": "🇱🇹 Lithuania"}[country]
    await user.click(say(language, flag))
    await user.click(say(language, AGE_LABELS[age]))


async def sign_up(
    person: ChatUser, language: str, name: str, hopes: str, also: tuple[str, ...] = ()
) -> None:
    """Ask for a mentor: the first region, money skills, their languages, online, weekends."""
    menu = await person.send("/menu")
    intro = await person.click(say(language, "🌱 Find a mentor"), menu)
    await person.click(say(language, "Start"), intro)
    regions = await person.send(name)
    await person.click(regions.labels[0])
    await person.click(say(language, "Money skills"))
    await person.click(say(language, "Done"))
    for code in (language, *also):
        await person.click(LANGUAGE_NAMES[code])
    await person.click(say(language, "Done"))
    await person.click(say(language, "Online"))
    await person.click(say(language, "Weekends"))
    await person.click(say(language, "Done"))
    summary = await person.send(hopes)
    await person.click(say(language, "📨 Send"), summary)


async def approve_mentor(admin: ChatUser, mentor: ChatUser, name: str = "Anna") -> None:
    """The mentor applies in Latvian; the (English-speaking) coordinator approves, confirmed."""
    from tests.e2e.test_matching import apply_in_latvian  # the application, step by step

    await apply_in_latvian(mentor, name)
    notice = await admin.received(lambda m: f"New mentor application from {name}" in m.text)
    confirm = await admin.click("✅ Approve", await admin.click("👀 Review", notice))
    await admin.click("✅ Yes, approve", confirm)


async def match(admin: ChatUser, person_name: str, mentor_name: str) -> None:
    """From the coordinator's notice of the request: pair for six months."""
    request = await admin.received(lambda m: f"New mentee request from {person_name}" in m.text)
    candidates = await admin.click("🧩 Match", request)
    confirm = await admin.click(f"Pair with {mentor_name}", candidates)
    await admin.click("6 months", confirm)
