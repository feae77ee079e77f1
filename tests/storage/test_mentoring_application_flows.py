"""The mentor application and the coordinators' review, on the real services and a fresh
database.
"""

from __future__ import annotations

from sqlmodel import select

from storage.models import MentorApplication
from storage.unit_of_work import UnitOfWorkFactory
from tests.real_flows import Clock, RealPerson, at, labels, service
from tests.storage.test_engine_flows import (
    ADMIN,
    NOW,
    answers,
    coordinator,
    notices,
    onboarded,
    user_id,
)


async def grown_up(
    uow_factory: UnitOfWorkFactory,
    external_id: str = "1",
    age: str = "26plus",
    admin_ids: list[int] | None = None,
) -> RealPerson:
    """Someone in Latvia, at the main menu."""
    bot = service(uow_factory, Clock(NOW), admin_ids)
    return await onboarded(RealPerson(bot, external_id), age=age)


async def apply(person: RealPerson, send: bool = True) -> None:
    await person.press("menu:mentor")
    await person.press("apply:start")
    await person.send("  Anna   Ozola ")
    await person.send("27")
    for action in ("opt:lv", "opt:ru", "pick:done", "opt:riga", "opt:money", "pick:done"):
        await person.press(action)
    await person.press("opt:2")
    await person.send("I study social work and run a youth football club.")
    if send:
        await person.press("apply:send")


async def applications(uow_factory: UnitOfWorkFactory) -> dict[int, MentorApplication]:
    """Every application, by applicant."""
    async with uow_factory() as uow:
        rows = (await uow.session.exec(select(MentorApplication))).all()
        uow.session.expunge_all()
        return {row.user_id: row for row in rows}


async def test_application_questionnaire_to_summary_and_send(
    uow_factory: UnitOfWorkFactory,
) -> None:
    person = await grown_up(uow_factory, admin_ids=[ADMIN])
    admin = await coordinator(uow_factory, person)
    await apply(person, send=False)
    assert await at(uow_factory, person) == ("mentor_application", "summary")
    summary = (await person.press("edit:age")).replies[-1]
    assert "How old are you?" in summary.text
    back_at_summary = await person.send("28")
    assert await at(uow_factory, person) == ("mentor_application", "summary")
    assert "Age: 28" in back_at_summary.replies[-1].text
    assert "Name: Anna Ozola" in back_at_summary.replies[-1].text
    await person.press("apply:send")
    assert await at(uow_factory, person) == ("menu", "main")
    sent = (await applications(uow_factory))[await user_id(uow_factory, person)]
    assert sent.languages == "lv,ru"
    assert await notices(uow_factory) == [(admin, "staff_new_application")]


async def test_validation_keeps_the_step(uow_factory: UnitOfWorkFactory) -> None:
    person = await grown_up(uow_factory)
    await person.press("menu:mentor")
    await person.press("apply:start")
    note = (await person.send("A")).replies[0].text
    assert note == "Please write a name of 2 to 40 characters."
    await person.send("Anna")
    assert (await person.send("twenty")).replies[0].text.startswith("Please write")
    assert await at(uow_factory, person) == ("mentor_application", "age")
    await person.send("30")
    assert (await person.press("pick:done")).replies[0].text == "Please choose at least one."
    assert await at(uow_factory, person) == ("mentor_application", "languages")


async def test_too_young_to_mentor_is_told_and_asked_again(
    uow_factory: UnitOfWorkFactory,
) -> None:
    person = await grown_up(uow_factory, age="18-25")
    await person.press("menu:mentor")
    await person.press("apply:start")
    await person.send("Anna")
    outcome = await person.send("19")
    assert outcome.replies[0].text == (
        "Mentors need to be at least 20 years old. If that was a typo, please write your age again."
    )
    assert await at(uow_factory, person) == ("mentor_application", "age")
    assert (await answers(uow_factory, person))["name"] == "Anna"


async def test_long_introduction_is_refused_with_a_count(uow_factory: UnitOfWorkFactory) -> None:
    person = await grown_up(uow_factory)
    await apply(person, send=False)
    await person.press("edit:introduction")
    outcome = await person.send("x" * 501)
    assert outcome.replies[0].text == "That is 501 characters; please keep it to 500."


async def test_cancel_sends_nothing(uow_factory: UnitOfWorkFactory) -> None:
    person = await grown_up(uow_factory, admin_ids=[ADMIN])
    await coordinator(uow_factory, person)
    await apply(person, send=False)
    await person.press("form:cancel")
    outcome = await person.press("form:discard")
    assert outcome.replies[0].text == "Cancelled. Nothing was sent."
    assert await at(uow_factory, person) == ("menu", "main")
    assert await applications(uow_factory) == {} and await notices(uow_factory) == []


async def test_younger_people_are_not_offered_mentoring(uow_factory: UnitOfWorkFactory) -> None:
    person = await grown_up(uow_factory, age="14-17")
    menu = (await person.command("menu")).replies[-1]
    assert "🤝 Become a mentor" not in labels(menu)
    assert (await person.press("menu:mentor")).toast is not None  # refused as expired


async def test_staff_approve_and_decline(uow_factory: UnitOfWorkFactory) -> None:
    first = await grown_up(uow_factory, "1", admin_ids=[ADMIN])
    second = await onboarded(RealPerson(first.service, "2"))
    for applicant in (first, second):
        await apply(applicant)
    one, two = await user_id(uow_factory, first), await user_id(uow_factory, second)
    staff = await onboarded(RealPerson(first.service, str(ADMIN)))
    menu = (await staff.command("menu")).replies[-1]
    assert "📋 Mentor applications" in labels(menu)
    listing = (await staff.press("menu:applications")).replies[-1]
    assert listing.text == "2 mentor applications are waiting:"
    await staff.press(f"review:{one}")
    confirm = await staff.press("decide:approve")
    assert confirm.replies[-1].text.startswith("Approve Anna Ozola as a mentor?")
    assert (await applications(uow_factory))[one].status == "submitted", "not before the Yes"
    approved = await staff.press("decide:yes")
    assert approved.replies[0].text == "Approved. The applicant has been told."
    assert (await applications(uow_factory))[one].status == "approved"
    assert (one, "mentor_approved") in await notices(uow_factory)
    await staff.press(f"review:{two}")
    await staff.press("decide:decline")
    assert await at(uow_factory, staff) == ("staff", "reason")
    check = await staff.send("We need mentors in Latgale this term.")
    assert "We need mentors in Latgale this term." in check.replies[-1].text
    assert (await applications(uow_factory))[two].status == "submitted", "not before the Yes"
    await staff.press("decide:yes")
    declined = (await applications(uow_factory))[two]
    assert declined.status == "declined"
    assert declined.decline_reason == "We need mentors in Latgale this term."
    assert (two, "mentor_declined") in await notices(uow_factory)


async def test_sticky_review_button_works_from_anywhere_but_only_for_staff(
    uow_factory: UnitOfWorkFactory,
) -> None:
    applicant = await grown_up(uow_factory, admin_ids=[ADMIN])
    await apply(applicant)
    review = f"review:{await user_id(uow_factory, applicant)}"
    staff = await onboarded(RealPerson(applicant.service, str(ADMIN)))
    await staff.command("help")
    opened = await staff.press(review, version=None)
    assert await at(uow_factory, staff) == ("staff", "application")
    assert "Anna Ozola" in opened.replies[-1].text
    outsider = await onboarded(RealPerson(applicant.service, "3"))
    refused = await outsider.press(review, version=None)
    assert refused.toast is not None and await at(uow_factory, outsider) == ("menu", "main")
