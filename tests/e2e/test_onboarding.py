"""Four people, four languages, through onboarding over HTTP."""

from __future__ import annotations

import asyncio

from dialogs.i18n import Catalogues
from tests.e2e.harness import ChatUser, SandboxClient

CATALOGUES = Catalogues()

# What each person must see, written out by hand so the test does not trust the catalogues.
EXPECTED = {
    "lv": {
        "hi": "Čau, {name}!",
        "language": "Latviešu",
        "agree": "✅ Piekrītu",
        "country": "🇱🇻 Latvija",
        "menu": "Ko tu vēlies darīt?",
        "sos": "🆘 Man vajag palīdzību tagad",
    },
    "lt": {
        "hi": "Labas, {name}!",
        "language": "Lietuvių",
        "agree": "✅ Sutinku",
        "country": "🇱🇹 Lietuva",
        "menu": "Ką norėtum daryti?",
        "sos": "🆘 Man reikia pagalbos dabar",
    },
    "ru": {
        "hi": "Привет, {name}!",
        "language": "Русский",
        "agree": "✅ Принимаю",
        "country": "🇱🇻 Латвия",
        "menu": "Что ты хочешь сделать?",
        "sos": "🆘 Мне нужна помощь сейчас",
    },
    "en": {
        "hi": "Hi, {name}!",
        "language": "English",
        "agree": "✅ I agree",
        "country": "🇱🇹 Lithuania",
        "menu": "What would you like to do?",
        "sos": "🆘 I need help now",
    },
}


def t(language: str, message: str) -> str:
    return CATALOGUES.translator(language).gettext(message)


async def onboard(user: ChatUser, language: str, called: str, age: str = "18–25") -> None:
    """Onboard, greeted by name as one calls a person in that language."""
    expected = EXPECTED[language]
    welcome = await user.send("/start")
    assert welcome.text.startswith(expected["hi"].format(name=called))
    assert t(language, "Which language shall we speak?") in welcome.text
    privacy = await user.click(expected["language"])
    assert privacy.message_id == welcome.message_id, "the screen is replaced in place"
    assert privacy.edited
    assert t(language, "Do you agree?") in privacy.text
    country = await user.click(expected["agree"])
    assert t(language, "Where do you live?") in country.text
    age_screen = await user.click(expected["country"])
    assert t(language, "How old are you?") in age_screen.text
    menu = await user.click(t(language, age))
    assert menu.text == expected["menu"]
    assert expected["sos"] in menu.labels


async def test_four_people_onboard_in_their_languages(running_bot, sandbox: SandboxClient) -> None:
    names = {
        "lv": ("Jānis", "Jāni"),
        "lt": ("Jonas", "Jonai"),
        "ru": ("Мария", "Мария"),
        "en": ("Sam", "Sam"),
    }
    people = {
        language: (called, await sandbox.new_user(name, language))
        for language, (name, called) in names.items()
    }
    await asyncio.gather(
        *(onboard(user, language, called) for language, (called, user) in people.items())
    )
    for _called, user in people.values():
        assert await user.unanswered_callbacks() == []
    assert await sandbox.rejected() == []


async def test_unknown_telegram_language_gets_english(running_bot, sandbox: SandboxClient) -> None:
    user = await sandbox.new_user("Lena", "de")
    welcome = await user.send("/start")
    assert "Which language shall we speak?" in welcome.text


async def test_command_menu_is_set_per_language(running_bot, sandbox: SandboxClient) -> None:
    user = await sandbox.new_user("Ilze", "lv")
    await user.send("/start")  # by now the bot has published its menu
    for language in ("lv", "lt", "ru", "en"):
        commands = await sandbox.commands(language)
        described = {item["command"]: item["description"] for item in commands}
        assert described["sos"] == t(language, "I need help now")
    default = {item["command"] for item in await sandbox.commands("de")}
    assert {"start", "help", "language", "privacy", "sos", "menu"} <= default


async def test_language_change_mid_onboarding_returns_to_the_same_step(
    running_bot, sandbox: SandboxClient
) -> None:
    user = await sandbox.new_user("Rūta", "lt")
    await user.send("/start")
    await user.click("Lietuvių")
    await user.click(EXPECTED["lt"]["agree"])
    chooser = await user.send("/language")
    assert t("lt", "Choose your language. Now: {language}.").format(language="lietuvių") in (
        chooser.text
    )
    back = await user.click("Русский")
    assert back.text == t("ru", "Where do you live?")
    age = await user.click(t("ru", "🇱🇹 Lithuania"))
    assert age.text == t("ru", "How old are you?")


async def up_to_age(user: ChatUser, language: str) -> None:
    """Onboard as far as the age question, in the person's own language and country."""
    expected = EXPECTED[language]
    await user.send("/start")
    await user.click(expected["language"])
    await user.click(expected["agree"])
    await user.click(expected["country"])


async def test_under_consent_age_needs_a_guardian(running_bot, sandbox: SandboxClient) -> None:
    user = await sandbox.new_user("Tomas", "lt")
    await up_to_age(user, "lt")
    guardian = await user.click("13")  # 13 is below Lithuania's digital consent age of 14
    assert "14" in guardian.text
    menu = await user.click(t("lt", "Not now"))
    assert menu.text == EXPECTED["lt"]["menu"]
    privacy = await user.send("/privacy")
    assert t("lt", "You have not agreed, so that is all.") in privacy.text


async def test_thirteen_in_latvia_needs_no_guardian(running_bot, sandbox: SandboxClient) -> None:
    user = await sandbox.new_user("Ilze", "lv")
    await up_to_age(user, "lv")
    menu = await user.click("13")
    assert menu.text == EXPECTED["lv"]["menu"]
