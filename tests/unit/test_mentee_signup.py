"""The mentee sign-up questionnaire and its status, on the pure engine with fake services."""

from __future__ import annotations

from datetime import UTC, datetime

from dialogs.events import CommandEvent, TextEvent
from tests.fakes import Programme
from tests.unit.test_engine import Person

ADMIN = 900


async def onboarded(programme: Programme, user_id: int, age: str = "14-17") -> Person:
    person = Person(user_id=user_id, programme=programme)
    await person.do(CommandEvent("start"))
    for action in ("lang:en", "consent:yes", "country:LT", f"age:{age}"):
        await person.press(action)
    return person


async def fill_in(person: Person, hopes: str | None = "Someone to talk to about school.") -> str:
    """Answer every question; return the summary."""
    await person.press("menu:mentee")
    await person.press("signup:start")
    await person.do(TextEvent("  Jonas   P. "))
    await person.press("opt:kaunas")
    await person.press("opt:education")
    await person.press("opt:peers")
    await person.press("pick:done")
    await person.press("opt:lt")
    await person.press("pick:done")
    await person.press("opt:online")
    await person.press("opt:evenings")
    await person.press("opt:weekends")
    await person.press("pick:done")
    if hopes is None:
        outcome = await person.press("hopes:skip")
    else:
        outcome = await person.do(TextEvent(hopes))
    return outcome.replies[-1].text


def labels(reply) -> list[str]:  # type: ignore[no-untyped-def]
    return [button.label for row in reply.buttons for button in row]


async def menu_labels(person: Person) -> list[str]:
    return labels((await person.do(CommandEvent("menu"))).replies[-1])


async def test_sign_up_with_an_edit_from_the_summary() -> None:
    programme = Programme(admins={ADMIN})
    person = await onboarded(programme, 1)
    assert "🌱 Find a mentor" in await menu_labels(person)
    await fill_in(person)
    assert person.at == ("mentee_signup", "summary")
    prompt = (await person.press("edit:format")).replies[-1]
    assert prompt.text == "How would you like to meet your mentor?"
    summary = (await person.press("opt:in_person")).replies[-1].text
    assert person.at == ("mentee_signup", "summary")
    assert "Meetings: In person" in summary
    assert "Name: Jonas P." in summary and "Age group: 14–17" in summary
    assert "Region: Kaunas county (Lithuania)" in summary
    assert "Usually free: Weekday evenings, Weekends" in summary
    await person.press("signup:send")
    assert person.at == ("menu", "main")
    request = programme.requests[1]
    assert request.status == "waiting"
    assert request.answers.areas == ("education", "peers")
    assert request.answers.meeting_format == "in_person"
    assert request.answers.age_group == "14-17"
    assert programme.notices == [(ADMIN, "staff_new_request", {})]
    assert "🌱 My mentor request" in await menu_labels(person)
    status = (await person.press("menu:mentee")).replies[-1]
    assert status.text.startswith("Your mentor request: waiting for a mentor match.")


async def test_name_is_validated() -> None:
    person = await onboarded(Programme(), 1)
    await person.press("menu:mentee")
    await person.press("signup:start")
    for bad in ("J", "x" * 41, "   "):
        note = (await person.do(TextEvent(bad))).replies[0].text
        assert note == "Please write a name of 2 to 40 characters."
        assert person.at == ("mentee_signup", "name")
    await person.do(TextEvent("Jo"))
    assert person.at == ("mentee_signup", "region")


async def test_choices_need_at_least_one_and_refuse_unknown_options() -> None:
    person = await onboarded(Programme(), 1)
    await person.press("menu:mentee")
    await person.press("signup:start")
    await person.do(TextEvent("Jonas"))
    assert (await person.press("opt:riga")).toast is not None  # a Latvian region, in Lithuania
    await person.press("country:LV")
    await person.press("opt:riga")
    assert (await person.press("pick:done")).replies[0].text == "Please choose at least one."
    assert person.at == ("mentee_signup", "areas")


async def test_hopes_may_be_skipped() -> None:
    programme = Programme()
    person = await onboarded(programme, 1)
    summary = await fill_in(person, hopes=None)
    assert person.at == ("mentee_signup", "summary")
    assert "Your hopes" not in summary
    await person.press("signup:send")
    assert programme.requests[1].answers.hopes is None


async def test_too_long_or_empty_hopes_are_refused() -> None:
    person = await onboarded(Programme(), 1)
    await fill_in(person)
    await person.press("edit:hopes")
    outcome = await person.do(TextEvent("x" * 301))
    assert outcome.replies[0].text == "That is 301 characters; please keep it to 300."
    outcome = await person.do(TextEvent("   "))
    assert outcome.replies[0].text == "Please write a few words, or press Skip."
    assert person.at == ("mentee_signup", "hopes")
    summary = (await person.do(TextEvent("x" * 300))).replies[-1].text
    assert person.at == ("mentee_signup", "summary") and "Your hopes: " + "x" * 300 in summary


async def test_cancel_asks_first_and_sends_nothing() -> None:
    programme = Programme(admins={ADMIN})
    person = await onboarded(programme, 1)
    await fill_in(person)
    asked = (await person.press("form:cancel")).replies[-1]
    assert asked.text == "Discard your answers? Nothing will be sent."
    summary = (await person.press("form:resume")).replies[-1].text
    assert person.at == ("mentee_signup", "summary") and "Name: Jonas P." in summary
    await person.press("form:cancel")
    outcome = await person.press("form:discard")
    assert outcome.replies[0].text == "Cancelled. Nothing was sent."
    assert person.at == ("menu", "main")
    assert programme.requests == {} and programme.notices == []


async def test_withdraw_then_sign_up_again() -> None:
    programme = Programme()
    person = await onboarded(programme, 1)
    await fill_in(person)
    await person.press("signup:send")
    await person.press("menu:mentee")
    await person.press("signup:withdraw")
    assert person.at == ("mentee_signup", "withdraw")
    await person.press("signup:keep")
    assert programme.requests[1].status == "waiting"
    await person.press("signup:withdraw")
    outcome = await person.press("signup:confirm")
    assert outcome.replies[0].text == "Done: your request is withdrawn."
    assert programme.requests[1].status == "withdrawn"
    assert outcome.replies[-1].text.startswith("Your mentor request: withdrawn.")
    assert "🌱 Find a mentor" in await menu_labels(person)
    await fill_in(person)
    await person.press("signup:send")
    assert programme.requests[1].status == "waiting"


async def test_an_active_request_cannot_be_started_twice() -> None:
    programme = Programme()
    person = await onboarded(programme, 1)
    await fill_in(person)
    await person.press("signup:send")
    await person.press("menu:mentee")
    assert (await person.press("signup:start")).toast is not None


async def test_not_offered_to_26_or_older() -> None:
    person = await onboarded(Programme(), 1, age="26plus")
    assert not any(label.startswith("🌱") for label in await menu_labels(person))
    assert (await person.press("menu:mentee")).toast is not None  # refused as expired
    assert person.at == ("menu", "main")


async def test_under_13_is_told_kindly_why_not_and_where_to_turn() -> None:
    child = Person(user_id=1)
    child.profile.consent_at = datetime(2026, 11, 1, tzinfo=UTC)
    child.profile.guardian_confirmed_at = datetime(2026, 11, 1, tzinfo=UTC)
    child.profile.country, child.profile.age_group = "LV", "under13"
    child.conversation.flow, child.conversation.step = "menu", "main"
    assert "🌱 Find a mentor" in await menu_labels(child)
    screen = (await child.press("menu:mentee")).replies[-1]
    assert "aged 13 to 25" in screen.text and "116111" in screen.text
    assert "🆘 I need help now" in [button.label for row in screen.buttons for button in row]
    assert (await child.press("signup:start")).toast is not None
    assert child.at == ("mentee_signup", "intro")


async def test_forged_menu_actions_are_refused() -> None:
    person = await onboarded(Programme(), 1)
    assert (await person.press("menu:nonsense")).toast is not None
    assert person.at == ("menu", "main")


async def test_consent_withdrawn_mid_form_sends_nothing() -> None:
    programme = Programme()
    person = await onboarded(programme, 1)
    await fill_in(person)
    await person.do(CommandEvent("privacy"))
    await person.press("privacy:delete")
    await person.press("privacy:confirm")
    assert person.at == ("privacy", "erased")
    assert (await person.press("signup:send")).toast is not None
    assert programme.requests == {}
