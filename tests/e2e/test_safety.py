"""Help is always in view and never taken away; words of danger get the helplines at once."""

from __future__ import annotations

import pytest

from tests.e2e.harness import SandboxClient
from tests.e2e.people import onboard, say

HELP_WORDS = {"lv": "palīdzība", "lt": "Pagalba", "ru": "помогите!", "en": "SOS"}
DANGER = {
    "lv": "man ir ļoti slikti, negribu vairs dzīvot",
    "lt": "nebegaliu, noriu numirti",
    "ru": "мне очень плохо, хочу умереть",
    "en": "I feel so bad, I want to kill myself",
}


@pytest.mark.parametrize("language", ["lv", "lt", "ru", "en"])
async def test_help_is_in_view_on_every_screen_and_stays(
    running_bot, sandbox: SandboxClient, language: str
) -> None:
    user = await sandbox.new_user("Kim", language)
    await user.send("/start")
    label = say(language, "🆘 I need help now")
    assert await user.keyboard() == [label], "the help button sits below the chat"

    # Typed words open the helplines from the middle of onboarding...
    privacy = await user.click(
        {"lv": "Latviešu", "lt": "Lietuvių", "ru": "Русский"}.get(language, "English")
    )
    helplines = await user.send(HELP_WORDS[language])
    assert "112" in helplines.text and "116111" in helplines.text
    # ...and Back answers below them: the numbers stay in the chat, unedited.
    back = await user.click(say(language, "⬅️ Back"), helplines)
    assert back.message_id > helplines.message_id
    kept = next(m for m in await user.bot_messages() if m.message_id == helplines.message_id)
    assert kept.text == helplines.text and not kept.edited
    assert say(language, "Do you agree?") in back.text
    assert privacy.message_id != back.message_id

    # The help button below the chat writes its label: the same helplines.
    again = await user.send(label)
    assert "116111" in again.text

    # Pressing nothing where a button is wanted: the hint names the way to help.
    await user.click(say(language, "⬅️ Back"), again)
    await user.send("hmm")
    hint = say(
        language,
        "Please choose one of the buttons below. If you need help right now, write “help”.",
    )
    assert hint in [m.text for m in await user.bot_messages()]
    assert await user.unanswered_callbacks() == []


@pytest.mark.parametrize("language", ["lv", "lt", "ru", "en"])
async def test_words_of_danger_get_helplines_then_the_same_step_and_alert(
    admin_and_bot, sandbox: SandboxClient, language: str
) -> None:
    admin, _bot = admin_and_bot
    await onboard(admin, "en", age="26plus")
    person = await sandbox.new_user("Kim", language)
    await onboard(person, language, country="LT", age="14-17")
    intro = await person.click(say(language, "🌱 Find a mentor"))
    question = await person.click(say(language, "Start"), intro)

    before = len(await person.bot_messages())
    answer = await person.send(DANGER[language])
    said = (await person.bot_messages())[before:]
    opening = say(
        language,
        "I am really sorry you are going through this. There are people ready to listen and "
        "help, right now and for free.",
    )
    assert said[0].text.startswith(opening) and "116111" in said[0].text
    assert "8 800 28888" in said[0].text  # the Lithuanian youth line, their own country first
    assert answer.text == question.text, "then the same question again"

    alert = await admin.wait_for(lambda m: m.text.startswith("⚠️"))
    assert "may be in danger" in alert.text and "They were shown the helplines" in alert.text
    assert DANGER[language] not in alert.text, "coordinators learn who and when, not what"

    # An ordinary answer is just an answer: no helplines, no alert.
    await person.send("Kim")
    assert "116111" not in (await person.last()).text
    alerts = [m for m in await admin.bot_messages() if m.text.startswith("⚠️")]
    assert len(alerts) == 1
