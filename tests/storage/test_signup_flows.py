"""The mentee sign-up questionnaire and its status, on the real services and a fresh database."""

from __future__ import annotations

from sqlmodel import select

from storage.models import MenteeRequest
from storage.unit_of_work import UnitOfWorkFactory
from tests.real_flows import Clock, RealPerson, at, labels, service
from tests.storage.test_engine_flows import (
    ADMIN,
    NOW,
    coordinator,
    notices,
    onboarded,
    stored,
    user_id,
)


async def young_person(
    uow_factory: UnitOfWorkFactory, admin_ids: list[int] | None = None, external_id: str = "1"
) -> RealPerson:
    """Someone aged 14–17 in Lithuania, at the main menu."""
    bot = service(uow_factory, Clock(NOW), admin_ids)
    return await onboarded(RealPerson(bot, external_id), "LT", "14-17")


async def fill_in(
    person: RealPerson, hopes: str | None = "Someone to talk to about school."
) -> str:
    """Answer every question; return the summary."""
    await person.press("menu:mentee")
    await person.press("signup:start")
    await person.send("  Jonas   P. ")
    for question in (  # region, help with, languages, meetings, free times
        ("opt:kaunas",),
        ("opt:education", "opt:peers", "pick:done"),
        ("opt:lt", "pick:done"),
        ("opt:online",),
        ("opt:evenings", "opt:weekends", "pick:done"),
    ):
        for action in question:
            await person.press(action)
    outcome = await person.press("hopes:skip") if hopes is None else await person.send(hopes)
    return outcome.replies[-1].text


async def menu_labels(person: RealPerson) -> list[str]:
    return labels((await person.command("menu")).replies[-1])


async def requests(uow_factory: UnitOfWorkFactory) -> list[MenteeRequest]:
    async with uow_factory() as uow:
        rows = list((await uow.session.exec(select(MenteeRequest))).all())
        uow.session.expunge_all()
        return rows


async def test_sign_up_with_an_edit_from_the_summary(uow_factory: UnitOfWorkFactory) -> None:
    person = await young_person(uow_factory, [ADMIN])
    admin = await coordinator(uow_factory, person)
    assert "🌱 Find a mentor" in await menu_labels(person)
    await fill_in(person)
    assert await at(uow_factory, person) == ("mentee_signup", "summary")
    prompt = (await person.press("edit:format")).replies[-1]
    assert prompt.text == "How would you like to meet your mentor?"
    summary = (await person.press("opt:in_person")).replies[-1].text
    assert await at(uow_factory, person) == ("mentee_signup", "summary")
    assert "Meetings: In person" in summary
    assert "Name: Jonas P." in summary and "Age group: 14–17" in summary
    assert "Region: Kaunas county (Lithuania)" in summary
    assert "Usually free: Weekday evenings, Weekends" in summary
    await person.press("signup:send")
    assert await at(uow_factory, person) == ("menu", "main")
    [request] = await requests(uow_factory)
    assert request.user_id == await user_id(uow_factory, person)
    assert request.status == "waiting"
    assert request.areas == "education,peers"
    assert request.meeting_format == "in_person"
    assert request.age_group == "14-17"
    assert await notices(uow_factory) == [(admin, "staff_new_request")]
    assert "🌱 My mentor request" in await menu_labels(person)
    status = (await person.press("menu:mentee")).replies[-1]
    assert status.text.startswith("Your mentor request: waiting for a mentor match.")


async def test_name_is_validated(uow_factory: UnitOfWorkFactory) -> None:
    person = await young_person(uow_factory)
    await person.press("menu:mentee")
    await person.press("signup:start")
    for bad in ("J", "x" * 41, "   "):
        note = (await person.send(bad)).replies[0].text
        assert note == "Please write a name of 2 to 40 characters."
        assert await at(uow_factory, person) == ("mentee_signup", "name")
    await person.send("Jo")
    assert await at(uow_factory, person) == ("mentee_signup", "region")


async def test_choices_need_at_least_one_and_refuse_unknown_options(
    uow_factory: UnitOfWorkFactory,
) -> None:
    person = await young_person(uow_factory)
    await person.press("menu:mentee")
    await person.press("signup:start")
    await person.send("Jonas")
    assert (await person.press("opt:riga")).toast is not None  # a Latvian region, in Lithuania
    await person.press("country:LV")
    await person.press("opt:riga")
    assert (await person.press("pick:done")).replies[0].text == "Please choose at least one."
    assert await at(uow_factory, person) == ("mentee_signup", "areas")


async def test_hopes_may_be_skipped(uow_factory: UnitOfWorkFactory) -> None:
    person = await young_person(uow_factory)
    summary = await fill_in(person, hopes=None)
    assert await at(uow_factory, person) == ("mentee_signup", "summary")
    assert "Your hopes" not in summary
    await person.press("signup:send")
    [request] = await requests(uow_factory)
    assert request.hopes is None


async def test_too_long_or_empty_hopes_are_refused(uow_factory: UnitOfWorkFactory) -> None:
    person = await young_person(uow_factory)
    await fill_in(person)
    await person.press("edit:hopes")
    outcome = await person.send("x" * 301)
    assert outcome.replies[0].text == "That is 301 characters; please keep it to 300."
    outcome = await person.send("   ")
    assert outcome.replies[0].text == "Please write a few words, or press Skip."
    assert await at(uow_factory, person) == ("mentee_signup", "hopes")
    summary = (await person.send("x" * 300)).replies[-1].text
    assert await at(uow_factory, person) == ("mentee_signup", "summary")
    assert "Your hopes: " + "x" * 300 in summary


async def test_cancel_asks_first_and_sends_nothing(uow_factory: UnitOfWorkFactory) -> None:
    person = await young_person(uow_factory, [ADMIN])
    await coordinator(uow_factory, person)
    await fill_in(person)
    asked = (await person.press("form:cancel")).replies[-1]
    assert asked.text == "Discard your answers? Nothing will be sent."
    summary = (await person.press("form:resume")).replies[-1].text
    assert await at(uow_factory, person) == ("mentee_signup", "summary")
    assert "Name: Jonas P." in summary
    await person.press("form:cancel")
    outcome = await person.press("form:discard")
    assert outcome.replies[0].text == "Cancelled. Nothing was sent."
    assert await at(uow_factory, person) == ("menu", "main")
    assert await requests(uow_factory) == [] and await notices(uow_factory) == []


async def test_withdraw_then_sign_up_again(uow_factory: UnitOfWorkFactory) -> None:
    person = await young_person(uow_factory)
    await fill_in(person)
    await person.press("signup:send")
    await person.press("menu:mentee")
    await person.press("signup:withdraw")
    assert await at(uow_factory, person) == ("mentee_signup", "withdraw")
    await person.press("signup:keep")
    assert [request.status for request in await requests(uow_factory)] == ["waiting"]
    await person.press("signup:withdraw")
    outcome = await person.press("signup:confirm")
    assert outcome.replies[0].text == "Done: your request is withdrawn."
    assert [request.status for request in await requests(uow_factory)] == ["withdrawn"]
    assert outcome.replies[-1].text.startswith("Your mentor request: withdrawn.")
    assert "🌱 Find a mentor" in await menu_labels(person)
    await fill_in(person)
    await person.press("signup:send")
    assert [request.status for request in await requests(uow_factory)] == ["waiting"]


async def test_an_active_request_cannot_be_started_twice(uow_factory: UnitOfWorkFactory) -> None:
    person = await young_person(uow_factory)
    await fill_in(person)
    await person.press("signup:send")
    await person.press("menu:mentee")
    assert (await person.press("signup:start")).toast is not None


async def test_not_offered_to_26_or_older(uow_factory: UnitOfWorkFactory) -> None:
    person = await onboarded(RealPerson(service(uow_factory, Clock(NOW)), "1"), "LT")
    assert not any(label.startswith("🌱") for label in await menu_labels(person))
    assert (await person.press("menu:mentee")).toast is not None  # refused as expired
    assert await at(uow_factory, person) == ("menu", "main")


async def test_under_13_is_told_kindly_why_not_and_where_to_turn(
    uow_factory: UnitOfWorkFactory,
) -> None:
    child = await young_person(uow_factory)
    async with uow_factory() as uow:  # as if a guardian had agreed for a child under 13
        user = await uow.users.find("telegram", child.external_id)
        assert user is not None
        user.country, user.age_group, user.guardian_confirmed_at = "LV", "under13", NOW
        uow.session.add(user)
        await uow.commit()
    assert "🌱 Find a mentor" in await menu_labels(child)
    screen = (await child.press("menu:mentee")).replies[-1]
    assert "aged 13 to 25" in screen.text and "116111" in screen.text
    assert "🆘 I need help now" in labels(screen)
    assert (await child.press("signup:start")).toast is not None
    assert await at(uow_factory, child) == ("mentee_signup", "intro")


async def test_forged_menu_actions_are_refused(uow_factory: UnitOfWorkFactory) -> None:
    person = await young_person(uow_factory)
    assert (await person.press("menu:nonsense")).toast is not None
    assert await at(uow_factory, person) == ("menu", "main")


async def test_consent_withdrawn_mid_form_sends_nothing(uow_factory: UnitOfWorkFactory) -> None:
    person = await young_person(uow_factory)
    await fill_in(person)
    await person.command("privacy")
    await person.press("privacy:delete")
    farewell = await person.press("privacy:confirm")
    assert farewell.replies[-1].text.startswith("Done: I have deleted everything about you.")
    assert await stored(uow_factory, person) == (None, None)
    assert (await person.press("signup:send")).toast is not None
    assert await requests(uow_factory) == []
