"""Mentor applications and staff decisions against the real databases."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from sqlmodel import select

from bot.services.mentoring import MentoringService
from dialogs.ports import ApplicationAnswers
from storage.outbox import OutboxMessage
from storage.unit_of_work import UnitOfWorkFactory

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
ADMIN = "9000"
ANSWERS = ApplicationAnswers("Anna", 27, ("lv", "ru"), "LV", "riga", ("money",), 2, "Hello!")


async def make_user(uow_factory: UnitOfWorkFactory, external_id: str) -> int:
    async with uow_factory() as uow:
        user = await uow.users.get_or_create("telegram", external_id, "en")
        await uow.commit()
        return user.id  # type: ignore[return-value]


async def as_user(uow_factory: UnitOfWorkFactory, external_id: str, action):  # type: ignore[no-untyped-def]
    """Run one service call as the given user, in one unit of work, and commit."""
    async with uow_factory() as uow:
        user = await uow.users.get_or_create("telegram", external_id, "en")
        result = await action(MentoringService(uow, user, [int(ADMIN)], NOW))
        await uow.commit()
        return result


async def notices(uow_factory: UnitOfWorkFactory) -> list[tuple[int, str]]:
    async with uow_factory() as uow:
        rows = (await uow.session.exec(select(OutboxMessage))).all()
        return sorted((row.user_id, row.kind) for row in rows)


async def test_submit_notifies_every_coordinator_once(uow_factory: UnitOfWorkFactory) -> None:
    admin = await make_user(uow_factory, ADMIN)
    granted = await make_user(uow_factory, "9001")
    assert await as_user(uow_factory, ADMIN, lambda s: s.grant_staff("9001"))
    applicant = await make_user(uow_factory, "1")
    await as_user(uow_factory, "1", lambda s: s.submit_application(ANSWERS))
    await as_user(uow_factory, "1", lambda s: s.submit_application(ANSWERS))  # a double tap
    assert await notices(uow_factory) == sorted(
        [(admin, "staff_new_application"), (granted, "staff_new_application")]
    )
    view = await as_user(uow_factory, "1", lambda s: s.my_application())
    assert view.status == "submitted" and view.answers == ANSWERS
    assert view.applicant_id == applicant


async def test_only_staff_see_and_decide(uow_factory: UnitOfWorkFactory) -> None:
    applicant = await make_user(uow_factory, "1")
    await make_user(uow_factory, "2")
    await as_user(uow_factory, "1", lambda s: s.submit_application(ANSWERS))
    assert await as_user(uow_factory, "2", lambda s: s.pending_applications()) == []
    assert await as_user(uow_factory, "2", lambda s: s.application(applicant)) is None
    assert not await as_user(uow_factory, "2", lambda s: s.decide(applicant, True, None))
    assert not await as_user(uow_factory, "2", lambda s: s.grant_staff("1"))
    pending = await as_user(uow_factory, ADMIN, lambda s: s.pending_applications())
    assert [view.applicant_id for view in pending] == [applicant]


async def test_two_coordinators_deciding_at_once_decide_once(
    uow_factory: UnitOfWorkFactory,
) -> None:
    applicant = await make_user(uow_factory, "1")
    await make_user(uow_factory, ADMIN)
    await make_user(uow_factory, "9001")
    await as_user(uow_factory, ADMIN, lambda s: s.grant_staff("9001"))
    await as_user(uow_factory, "1", lambda s: s.submit_application(ANSWERS))
    results = await asyncio.gather(
        as_user(uow_factory, ADMIN, lambda s: s.decide(applicant, True, None)),
        as_user(uow_factory, "9001", lambda s: s.decide(applicant, False, "Sorry, full.")),
    )
    assert sorted(results) == [False, True]
    decisions = [kind for user, kind in await notices(uow_factory) if user == applicant]
    assert len(decisions) == 1


async def test_declined_applicant_may_apply_again(uow_factory: UnitOfWorkFactory) -> None:
    applicant = await make_user(uow_factory, "1")
    await as_user(uow_factory, "1", lambda s: s.submit_application(ANSWERS))
    await as_user(uow_factory, ADMIN, lambda s: s.decide(applicant, False, "Not this term."))
    view = await as_user(uow_factory, "1", lambda s: s.my_application())
    assert view.status == "declined" and view.decline_reason == "Not this term."
    await as_user(uow_factory, "1", lambda s: s.submit_application(ANSWERS))
    view = await as_user(uow_factory, "1", lambda s: s.my_application())
    assert view.status == "submitted" and view.decline_reason is None
