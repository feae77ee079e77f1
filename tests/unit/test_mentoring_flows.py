"""The mentor application and the coordinators' review, on the pure engine with fake services."""

from __future__ import annotations

from dialogs.events import CommandEvent, TextEvent
from tests.fakes import Programme
from tests.unit.test_engine import Person

ADMIN = 900


async def onboarded(programme: Programme, user_id: int, age: str = "26plus") -> Person:
    person = Person(user_id=user_id, programme=programme)
    await person.do(CommandEvent("start"))
    for action in ("lang:en", "consent:yes", "country:LV", f"age:{age}"):
        await person.press(action)
    return person


async def apply(person: Person, send: bool = True) -> None:
    await person.press("menu:mentor")
    await person.press("apply:start")
    await person.do(TextEvent("  Anna   Ozola "))
    await person.do(TextEvent("27"))
    await person.press("opt:lv")
    await person.press("opt:ru")
    await person.press("pick:done")
    await person.press("opt:riga")
    await person.press("opt:money")
    await person.press("pick:done")
    await person.press("opt:2")
    await person.do(TextEvent("I study social work and run a youth football club."))
    if send:
        await person.press("apply:send")


async def test_application_questionnaire_to_summary_and_send() -> None:
    programme = Programme(admins={ADMIN})
    person = await onboarded(programme, 1)
    await apply(person, send=False)
    assert person.at == ("mentor_application", "summary")
    summary = (await person.press("edit:age")).replies[-1]
    assert "How old are you?" in summary.text
    back_at_summary = await person.do(TextEvent("28"))
    assert person.at == ("mentor_application", "summary")
    assert "Age: 28" in back_at_summary.replies[-1].text
    assert "Name: Anna Ozola" in back_at_summary.replies[-1].text
    await person.press("apply:send")
    assert person.at == ("menu", "main")
    assert programme.applications[1].answers.languages == ("lv", "ru")
    assert programme.notices == [(ADMIN, "staff_new_application", {})]


async def test_validation_keeps_the_step() -> None:
    person = await onboarded(Programme(), 1)
    await person.press("menu:mentor")
    await person.press("apply:start")
    note = (await person.do(TextEvent("A"))).replies[0].text
    assert note == "Please write a name of 2 to 40 characters."
    await person.do(TextEvent("Anna"))
    assert (await person.do(TextEvent("twenty"))).replies[0].text.startswith("Please write")
    assert person.at == ("mentor_application", "age")
    await person.do(TextEvent("30"))
    assert (await person.press("pick:done")).replies[0].text == "Please choose at least one."
    assert person.at == ("mentor_application", "languages")


async def test_too_young_to_mentor_is_told_and_asked_again() -> None:
    person = await onboarded(Programme(), 1, age="18-25")
    await person.press("menu:mentor")
    await person.press("apply:start")
    await person.do(TextEvent("Anna"))
    outcome = await person.do(TextEvent("19"))
    assert outcome.replies[0].text == (
        "Mentors need to be at least 20 years old. If that was a typo, please write your age again."
    )
    assert person.at == ("mentor_application", "age")
    assert person.conversation.data["name"] == "Anna"


async def test_long_introduction_is_refused_with_a_count() -> None:
    person = await onboarded(Programme(), 1)
    await apply(person, send=False)
    await person.press("edit:introduction")
    outcome = await person.do(TextEvent("x" * 501))
    assert outcome.replies[0].text == "That is 501 characters; please keep it to 500."


async def test_cancel_sends_nothing() -> None:
    programme = Programme(admins={ADMIN})
    person = await onboarded(programme, 1)
    await apply(person, send=False)
    await person.press("form:cancel")
    outcome = await person.press("form:discard")
    assert outcome.replies[0].text == "Cancelled. Nothing was sent."
    assert person.at == ("menu", "main")
    assert programme.applications == {} and programme.notices == []


async def test_younger_people_are_not_offered_mentoring() -> None:
    person = await onboarded(Programme(), 1, age="14-17")
    menu = (await person.do(CommandEvent("menu"))).replies[-1]
    assert "🤝 Become a mentor" not in [b.label for row in menu.buttons for b in row]
    assert (await person.press("menu:mentor")).toast is not None  # refused as expired


async def test_staff_approve_and_decline() -> None:
    programme = Programme(admins={ADMIN})
    await apply(await onboarded(programme, 1))
    await apply(await onboarded(programme, 2))
    coordinator = await onboarded(programme, ADMIN)
    menu = (await coordinator.do(CommandEvent("menu"))).replies[-1]
    assert "📋 Mentor applications" in [b.label for row in menu.buttons for b in row]
    listing = (await coordinator.press("menu:applications")).replies[-1]
    assert listing.text == "2 mentor applications are waiting:"
    await coordinator.press("review:1")
    confirm = await coordinator.press("decide:approve")
    assert confirm.replies[-1].text.startswith("Approve Anna Ozola as a mentor?")
    assert programme.applications[1].status == "submitted", "nothing happens before the Yes"
    approved = await coordinator.press("decide:yes")
    assert approved.replies[0].text == "Approved. The applicant has been told."
    assert programme.applications[1].status == "approved"
    await coordinator.press("review:2")
    await coordinator.press("decide:decline")
    assert coordinator.at == ("staff", "reason")
    check = await coordinator.do(TextEvent("We need mentors in Latgale this term."))
    assert "We need mentors in Latgale this term." in check.replies[-1].text
    assert programme.applications[2].status == "submitted", "nothing happens before the Yes"
    await coordinator.press("decide:yes")
    assert programme.applications[2].status == "declined"
    assert programme.applications[2].decline_reason == "We need mentors in Latgale this term."


async def test_sticky_review_button_works_from_anywhere_but_only_for_staff() -> None:
    from dialogs.events import ActionEvent

    programme = Programme(admins={ADMIN})
    await apply(await onboarded(programme, 1))
    coordinator = await onboarded(programme, ADMIN)
    await coordinator.do(CommandEvent("help"))
    opened = await coordinator.do(ActionEvent("review:1", None))
    assert coordinator.at == ("staff", "application")
    assert "Anna Ozola" in opened.replies[-1].text
    outsider = await onboarded(programme, 3)
    refused = await outsider.do(ActionEvent("review:1", None))
    assert refused.toast is not None and outsider.at == ("menu", "main")
