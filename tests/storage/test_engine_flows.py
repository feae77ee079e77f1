"""The dialog engine as the bot runs it: onboarding, stale buttons, detours, helplines, on the
real services and a fresh database.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlmodel import select

from dialogs.events import ActionEvent, ContactEvent
from storage.models import DialogState, User, as_utc
from storage.outbox import OutboxMessage
from storage.unit_of_work import UnitOfWorkFactory
from tests.real_flows import CATALOGUES, Clock, RealPerson, at, service

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
ADMIN = 900  # a coordinator, by Telegram id
USE_BUTTONS = "Please choose one of the buttons below. If you need help right now, write “help”."


# --- what is stored about a person -------------------------------------------------------------


async def stored(
    uow_factory: UnitOfWorkFactory, person: RealPerson
) -> tuple[User | None, DialogState | None]:
    """The person's row and where their conversation stands; None for what is not kept."""
    async with uow_factory() as uow:
        user = await uow.users.find("telegram", person.external_id)
        if user is None or user.id is None:
            return None, None
        state = await uow.dialogs.get(user.id)
        uow.session.expunge_all()  # read, not changed: they outlive the unit of work
        return user, state


async def answers(uow_factory: UnitOfWorkFactory, person: RealPerson) -> dict[str, Any]:
    """The answers the conversation holds so far."""
    _user, state = await stored(uow_factory, person)
    assert state is not None
    return json.loads(state.data)["data"]


async def user_id(uow_factory: UnitOfWorkFactory, person: RealPerson) -> int:
    user, _state = await stored(uow_factory, person)
    assert user is not None and user.id is not None
    return user.id


async def notices(uow_factory: UnitOfWorkFactory) -> list[tuple[int, str]]:
    """Everything in the outbox, as (recipient, kind)."""
    async with uow_factory() as uow:
        query = select(OutboxMessage.user_id, OutboxMessage.kind).order_by(OutboxMessage.id)  # type: ignore[arg-type]
        return [(row[0], row[1]) for row in (await uow.session.exec(query)).all()]


# --- the flows ---------------------------------------------------------------------------------


def newcomer(uow_factory: UnitOfWorkFactory, admin_ids: list[int] | None = None) -> RealPerson:
    return RealPerson(service(uow_factory, Clock(NOW), admin_ids), "1")


async def onboarded(person: RealPerson, country: str = "LV", age: str = "26plus") -> RealPerson:
    await person.command("start")
    for action in ("lang:en", "consent:yes", f"country:{country}", f"age:{age}"):
        await person.press(action)
    return person


async def coordinator(uow_factory: UnitOfWorkFactory, person: RealPerson) -> int:
    """The admin, onboarded on the person's bot so there is someone to tell; their row id."""
    return await user_id(uow_factory, await onboarded(RealPerson(person.service, str(ADMIN))))


async def test_onboarding_stores_answers_only_when_consent_is_complete(
    uow_factory: UnitOfWorkFactory,
) -> None:
    person = newcomer(uow_factory)
    await person.command("start")
    await person.press("lang:lv")
    await person.press("consent:yes")
    await person.press("country:LT")
    user, _state = await stored(uow_factory, person)
    assert user is not None and user.consent_at is None and user.country is None
    outcome = await person.press("age:18-25")
    assert await at(uow_factory, person) == ("menu", "main")
    user, _state = await stored(uow_factory, person)
    assert user is not None and user.consent_at is not None
    assert as_utc(user.consent_at) == NOW
    assert (user.country, user.age_group) == ("LT", "18-25")
    assert user.guardian_confirmed_at is None
    assert outcome.replies[0].replace  # the pressed message becomes the note


async def test_guardian_declines_and_nothing_is_kept(uow_factory: UnitOfWorkFactory) -> None:
    person = newcomer(uow_factory)
    await person.command("start")
    await person.press("lang:lt")
    await person.press("consent:yes")
    await person.press("country:LT")
    await person.press("age:13")
    assert await at(uow_factory, person) == ("onboarding", "guardian")
    await person.press("guardian:no")
    assert await at(uow_factory, person) == ("menu", "main")
    user, _state = await stored(uow_factory, person)
    assert user is not None and user.consent_at is None and user.age_group is None
    assert await answers(uow_factory, person) == {}


async def test_stale_version_is_expired_and_shows_current_step(
    uow_factory: UnitOfWorkFactory,
) -> None:
    person = newcomer(uow_factory)
    await person.command("start")
    old = person.version
    await person.press("lang:en")
    outcome = await person.do(ActionEvent("consent:yes", old))
    assert await at(uow_factory, person) == ("onboarding", "privacy")
    assert outcome.toast == "This button has expired. Here is where we are now:"
    assert not outcome.replies[-1].replace
    assert "Do you agree?" in outcome.replies[-1].text


async def test_an_action_of_another_step_is_expired(uow_factory: UnitOfWorkFactory) -> None:
    person = newcomer(uow_factory)
    await person.command("start")
    outcome = await person.press("guardian:yes")
    assert outcome.toast is not None
    assert await at(uow_factory, person) == ("onboarding", "welcome")


async def test_language_is_a_detour_that_returns_with_data(
    uow_factory: UnitOfWorkFactory,
) -> None:
    person = newcomer(uow_factory)
    await person.command("start")
    await person.press("lang:en")
    await person.press("consent:yes")
    await person.command("language")
    assert await at(uow_factory, person) == ("language", "choose")
    outcome = await person.press("set:ru")
    assert await at(uow_factory, person) == ("onboarding", "country")
    assert await answers(uow_factory, person) == {"consent": True}
    assert outcome.replies[-1].text == CATALOGUES.translator("ru").gettext("Where do you live?")


async def test_text_where_buttons_are_expected_keeps_the_step(
    uow_factory: UnitOfWorkFactory,
) -> None:
    person = newcomer(uow_factory)
    await person.command("start")
    outcome = await person.send("hello" * 1000)
    assert await at(uow_factory, person) == ("onboarding", "welcome")
    assert outcome.replies[0].text == USE_BUTTONS
    assert "Which language shall we speak?" in outcome.replies[-1].text


async def test_unknown_command_and_contact(uow_factory: UnitOfWorkFactory) -> None:
    person = newcomer(uow_factory)
    await person.command("start")
    unknown = await person.command("nope")
    assert unknown.replies[0].text.startswith("I don't know")
    contact = await person.do(ContactEvent("+371"))
    assert contact.replies[0].text.startswith("I can only read")
    assert await at(uow_factory, person) == ("onboarding", "welcome")


async def test_sos_works_before_consent_and_back_returns(uow_factory: UnitOfWorkFactory) -> None:
    person = newcomer(uow_factory)
    await person.command("start")
    await person.press("lang:lv")
    outcome = await person.press("sos")
    assert "112" in outcome.replies[-1].text and "116111" in outcome.replies[-1].text
    await person.press("back")
    assert await at(uow_factory, person) == ("onboarding", "privacy")


async def test_deleting_everything_ends_on_a_farewell_without_buttons(
    uow_factory: UnitOfWorkFactory,
) -> None:
    person = await onboarded(newcomer(uow_factory), age="14-17")
    await person.press("menu:privacy")
    confirm = await person.press("privacy:delete")
    assert "at once and for good" in confirm.replies[-1].text
    outcome = await person.press("privacy:confirm")
    assert outcome.replies[-1].text.startswith("Done: I have deleted everything about you.")
    assert outcome.replies[-1].buttons == ()
    # Nothing of them is kept, not even where the conversation ended.
    assert await stored(uow_factory, person) == (None, None)


async def test_typed_help_opens_the_helplines_from_a_form_and_back_returns(
    uow_factory: UnitOfWorkFactory,
) -> None:
    person = newcomer(uow_factory)
    await person.command("start")
    await person.press("lang:en")
    for words in ("help", "SOS!!", "Palīdzība", "помогите", "🆘 Man vajag palīdzību tagad"):
        outcome = await person.send(words)
        assert await at(uow_factory, person) == ("info", "crisis"), words
        assert "116111" in outcome.replies[-1].text
    back = await person.press("back")
    assert await at(uow_factory, person) == ("onboarding", "privacy")
    # The helplines stay in the chat: the screen comes below them, not in their place.
    assert not back.replies[0].replace


async def test_words_of_danger_get_the_helplines_then_the_same_step(
    uow_factory: UnitOfWorkFactory,
) -> None:
    person = newcomer(uow_factory, admin_ids=[ADMIN])
    admin = await coordinator(uow_factory, person)
    await person.command("start")
    await person.press("lang:lv")
    outcome = await person.send("man ir loti slikti, negribu vairs dzivot")
    assert await notices(uow_factory) == [(admin, "staff_concern")]
    assert "116123" in outcome.replies[0].text and "112" in outcome.replies[0].text
    assert await at(uow_factory, person) == ("onboarding", "privacy")
    lv = CATALOGUES.translator("lv")
    assert lv.gettext("Do you agree?") in outcome.replies[-1].text
    assert lv.gettext(USE_BUTTONS) not in [reply.text for reply in outcome.replies]


async def test_ordinary_words_raise_no_concern(uow_factory: UnitOfWorkFactory) -> None:
    person = newcomer(uow_factory, admin_ids=[ADMIN])
    await coordinator(uow_factory, person)
    await person.command("start")
    await person.send("I want help with my homework")
    assert await notices(uow_factory) == []
    assert await at(uow_factory, person) == ("onboarding", "welcome")


async def test_start_for_a_known_user_goes_home(uow_factory: UnitOfWorkFactory) -> None:
    person = await onboarded(newcomer(uow_factory), age="18-25")
    outcome = await person.command("start")
    assert outcome.replies[0].text == "Welcome back!"
    assert await at(uow_factory, person) == ("menu", "main")
