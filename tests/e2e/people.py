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
