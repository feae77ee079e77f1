"""Young people's requests for a mentor against the real databases."""

from __future__ import annotations

from dataclasses import replace

from bot.services.signup import SignupService
from dialogs.ports import MenteeAnswers
from storage.unit_of_work import UnitOfWorkFactory
from tests.storage.test_mentoring import ADMIN, NOW, make_user, notices
from tests.storage.test_mentoring import as_user as as_mentoring_user

ANSWERS = MenteeAnswers(
    display_name="Ieva",
    age_group="14-17",
    country="LV",
    region="latgale",
    areas=("education", "peers"),
    languages=("lv", "ru"),
    meeting_format="either",
    free_times=("evenings", "weekends"),
    hopes="Someone to talk to about school.",
)


async def as_user(uow_factory: UnitOfWorkFactory, external_id: str, action):  # type: ignore[no-untyped-def]
    """Run one sign-up call as the given user, in one unit of work, and commit."""
    async with uow_factory() as uow:
        user = await uow.users.get_or_create("telegram", external_id, "en")
        result = await action(SignupService(uow, user, [int(ADMIN)], NOW))
        await uow.commit()
        return result


async def test_submit_stores_and_notifies_every_coordinator_once(
    uow_factory: UnitOfWorkFactory,
) -> None:
    admin = await make_user(uow_factory, ADMIN)
    granted = await make_user(uow_factory, "9001")
    assert await as_mentoring_user(uow_factory, ADMIN, lambda s: s.grant_staff("9001"))
    await make_user(uow_factory, "1")
    await as_user(uow_factory, "1", lambda s: s.submit_request(ANSWERS))
    view = await as_user(uow_factory, "1", lambda s: s.my_request())
    assert view.status == "waiting" and view.answers == ANSWERS
    assert view.submitted_at == NOW
    assert await notices(uow_factory) == sorted(
        [(admin, "staff_new_request"), (granted, "staff_new_request")]
    )


async def test_a_double_submit_changes_nothing(uow_factory: UnitOfWorkFactory) -> None:
    await make_user(uow_factory, ADMIN)
    await as_user(uow_factory, "1", lambda s: s.submit_request(ANSWERS))
    changed = replace(ANSWERS, display_name="Someone else", hopes=None)
    await as_user(uow_factory, "1", lambda s: s.submit_request(changed))
    view = await as_user(uow_factory, "1", lambda s: s.my_request())
    assert view.answers == ANSWERS
    assert len(await notices(uow_factory)) == 1


async def test_withdraw_then_sign_up_again(uow_factory: UnitOfWorkFactory) -> None:
    assert not await as_user(uow_factory, "1", lambda s: s.withdraw_request())
    await as_user(uow_factory, "1", lambda s: s.submit_request(ANSWERS))
    assert await as_user(uow_factory, "1", lambda s: s.withdraw_request())
    assert not await as_user(uow_factory, "1", lambda s: s.withdraw_request())
    view = await as_user(uow_factory, "1", lambda s: s.my_request())
    assert view.status == "withdrawn"
    skipped = replace(ANSWERS, hopes=None)
    await as_user(uow_factory, "1", lambda s: s.submit_request(skipped))
    view = await as_user(uow_factory, "1", lambda s: s.my_request())
    assert view.status == "waiting" and view.answers.hopes is None


async def test_only_the_users_own_request_is_visible(uow_factory: UnitOfWorkFactory) -> None:
    await as_user(uow_factory, "1", lambda s: s.submit_request(ANSWERS))
    assert await as_user(uow_factory, "2", lambda s: s.my_request()) is None
    assert not await as_user(uow_factory, "2", lambda s: s.withdraw_request())
    view = await as_user(uow_factory, "1", lambda s: s.my_request())
    assert view.status == "waiting"


async def test_withdrawing_consent_deletes_request_and_application(
    uow_factory: UnitOfWorkFactory,
) -> None:
    from bot.services.conversation import ConversationService, Incoming
    from dialogs.conversation import build_engine
    from dialogs.events import ActionEvent, CommandEvent
    from dialogs.i18n import Catalogues
    from tests.storage.test_mentoring import ANSWERS as APPLICATION

    service = ConversationService(uow_factory, build_engine(), Catalogues())

    async def say(event, update_id: int):  # type: ignore[no-untyped-def]
        return await service.handle(Incoming("telegram", "77", event, str(update_id), "en"))

    handled = await say(CommandEvent("start"), 1)
    for number, action in enumerate(("lang:en", "consent:yes", "country:LV", "age:18-25"), 2):
        handled = await say(ActionEvent(action, handled.version), number)
    async with uow_factory() as uow:
        user = await uow.users.find("telegram", "77")
        assert user is not None and user.consent_at is not None
        user_id = user.id
        services = _services(uow, user)
        await services[0].submit_request(ANSWERS)
        await services[1].submit_application(APPLICATION)
        await uow.commit()
    for number, action in enumerate(("menu:privacy", "privacy:delete", "privacy:confirm"), 10):
        handled = await say(ActionEvent(action, handled.version), number)
    async with uow_factory() as uow:
        assert await uow.users.find("telegram", "77") is None
        user = await uow.users.get(user_id)  # type: ignore[arg-type]
        assert user is not None and user.consent_at is None and user.erased_at is not None
        assert await uow.requests.get(user.id) is None  # type: ignore[arg-type]
        assert await uow.applications.get(user.id) is None  # type: ignore[arg-type]


def _services(uow, user):  # type: ignore[no-untyped-def]
    from bot.services.mentoring import MentoringService

    return SignupService(uow, user, [], NOW), MentoringService(uow, user, [], NOW)
