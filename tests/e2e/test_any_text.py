"""Odd text where a name, an age or a few words are asked: a clear answer, never a failure."""

from __future__ import annotations

from tests.e2e.harness import ChatUser, SandboxClient
from tests.e2e.people import onboard, say

APOLOGY = "Sorry, something went wrong on my side. Please try again in a moment."
# None of these is a name: no letter at all, or far too long.
ODD = ["²⁷", "٢", "\u202e\u200f", "🙂🙂🙂", "\x00\x1b", "\ud83d", "x" * 5000]


async def answered_everything(user: ChatUser, language: str, texts: list[str]) -> None:
    for text in texts:
        before = len(await user.bot_messages())
        await user.send(text)
        said = [m.text for m in (await user.bot_messages())[before:]]
        assert said and say(language, APOLOGY) not in said, (text, said)


async def test_odd_text_in_the_mentor_application(running_bot, sandbox: SandboxClient) -> None:
    mentor = await sandbox.new_user("Jonas", "lt")
    await onboard(mentor, "lt", country="LT", age="26plus")
    menu = await mentor.send("/menu")
    intro = await mentor.click(say("lt", "🤝 Become a mentor"), menu)
    name_question = await mentor.click(say("lt", "Start"), intro)
    await answered_everything(mentor, "lt", ODD)
    # None of that was a name (no letters, or too long): the same question, answers kept.
    assert (await mentor.last()).text == name_question.text
    # Control and reordering characters are dropped; the name is taken as meant.
    age_question = await mentor.send("Jo\x00nas \u202eP.")
    assert age_question.text == say("lt", "How old are you? Please write it as a number.")
    await answered_everything(mentor, "lt", ["Ⅻ", "-5", "1e3", "🙂", "\u202e", "x" * 5000])
    hint = say("lt", "Please write your age as a number, for example 27.")
    assert hint in [m.text for m in await mentor.bot_messages()]
    languages = await mentor.send("２７")  # full-width digits are the number people meant
    assert languages.text == say(
        "lt", "In which languages can you hold the meetings? Choose all that apply."
    )


async def test_odd_text_where_a_young_person_writes(running_bot, sandbox: SandboxClient) -> None:
    person = await sandbox.new_user("Маша", "ru")
    await onboard(person, "ru", age="14-17")
    menu = await person.send("/menu")
    intro = await person.click(say("ru", "🌱 Find a mentor"), menu)
    await person.click(say("ru", "Start"), intro)
    await answered_everything(person, "ru", ODD)
    regions = await person.send("Маша\u200f")
    assert regions.text == say("ru", "Where do you live?")
