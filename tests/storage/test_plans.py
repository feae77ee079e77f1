"""The plan between sessions, its half-way nudge and the history, against the real databases."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlmodel import select

import dialogs.flows.session_prompts  # noqa: F401  (registers the notices)
from dialogs.i18n import Catalogues
from dialogs.notices import render_notice
from storage.outbox import OutboxMessage
from storage.unit_of_work import UnitOfWorkFactory
from tests.storage.test_booking import MENTOR, as_user, programme
from tests.storage.test_reminders import DEC_1, DEC_8, HOUR, in_service

AFTER = DEC_1 + 2 * HOUR  # the first session is over and its plan written
PLAN = ["Read a chapter", "Call the school"]


async def held_with_plan(uow_factory: UnitOfWorkFactory, mentees: int = 1) -> list[int]:
    """Each mentee held a session on 1 December; the first one's has a plan of two steps."""
    ids = await programme(uow_factory, mentees=mentees)
    for n in range(mentees):
        start = DEC_1 + n * HOUR
        booked = await as_user(uow_factory, f"mentee{n}", lambda s, at=start: s.book(at))
        session = booked.session.id
        held = n == 0
        outcome = await in_service(
            uow_factory, MENTOR, lambda s, i=session, h=held: s.record_outcome(i, h), AFTER
        )
        assert outcome == "ok"
        if held:
            saved = await in_service(
                uow_factory, MENTOR, lambda s, i=session: s.save_plan(i, PLAN), AFTER
            )
            assert saved
    return ids


async def nudges(uow_factory: UnitOfWorkFactory) -> dict[str, tuple[str, datetime, datetime]]:
    async with uow_factory() as uow:
        query = select(OutboxMessage).where(OutboxMessage.kind == "plan_nudge")
        written = {}
        for row in (await uow.session.exec(query)).all():
            assert row.dedupe_key is not None and row.expires_at is not None
            due, expires = row.due_at.replace(tzinfo=UTC), row.expires_at.replace(tzinfo=UTC)
            written[row.dedupe_key] = (row.status, due, expires)
        return written


async def current_plan(uow_factory: UnitOfWorkFactory, who: str, pair: int = 1):  # type: ignore[no-untyped-def]
    return await in_service(uow_factory, who, lambda s: s.plan(pair), AFTER)


async def test_only_the_mentee_ticks_their_own_plan(uow_factory: UnitOfWorkFactory) -> None:
    await held_with_plan(uow_factory, mentees=2)
    first, second = await current_plan(uow_factory, "mentee0")
    assert (first.text, first.done, second.done) == ("Read a chapter", False, False)
    assert await current_plan(uow_factory, "mentee1", pair=1) == []  # not their pair

    assert not await in_service(uow_factory, MENTOR, lambda s: s.tick(first.id), AFTER)
    assert not await in_service(uow_factory, "mentee1", lambda s: s.tick(first.id), AFTER)
    assert await in_service(uow_factory, "mentee0", lambda s: s.tick(first.id), AFTER)
    ticked, _ = await current_plan(uow_factory, MENTOR)  # the mentor sees the progress
    assert ticked.done
    assert await in_service(uow_factory, "mentee0", lambda s: s.tick(first.id), AFTER)
    unticked, _ = await current_plan(uow_factory, "mentee0")
    assert not unticked.done


async def test_the_half_way_nudge_follows_the_session(uow_factory: UnitOfWorkFactory) -> None:
    [mentee] = await held_with_plan(uow_factory)
    booked = await as_user(uow_factory, "mentee0", lambda s: s.book(DEC_8), now=AFTER)
    session = booked.session.id
    first = f"session:{session}:0:plan:{mentee}"
    half_way = AFTER + (DEC_8 - AFTER) / 2
    assert await nudges(uow_factory) == {first: ("pending", half_way, DEC_8)}

    moved = await as_user(
        uow_factory, "mentee0", lambda s: s.reschedule(session, DEC_8 + HOUR), now=AFTER
    )
    assert moved.ok
    second = f"session:{session}:1:plan:{mentee}"
    assert await nudges(uow_factory) == {
        first: ("cancelled", half_way, DEC_8),
        second: ("pending", AFTER + (DEC_8 + HOUR - AFTER) / 2, DEC_8 + HOUR),
    }
    async with uow_factory() as uow:
        query = select(OutboxMessage.payload).where(OutboxMessage.dedupe_key == second)
        payload = json.loads((await uow.session.exec(query)).one())
    [reply] = render_notice("plan_nudge", payload, Catalogues().translator("en"))
    assert "Read a chapter" in reply.text and reply.buttons[0][0].action == "my_mentor"

    await as_user(uow_factory, MENTOR, lambda s: s.cancel(session), now=AFTER)
    assert {status for status, _, _ in (await nudges(uow_factory)).values()} == {"cancelled"}


async def test_no_nudge_when_too_soon_or_all_done(uow_factory: UnitOfWorkFactory) -> None:
    await held_with_plan(uow_factory)
    items = await current_plan(uow_factory, "mentee0")
    # Less than a day ahead: half-way would be under twelve hours away.
    late = DEC_8 - 20 * HOUR
    await as_user(uow_factory, "mentee0", lambda s: s.book(DEC_8), now=late)
    assert await nudges(uow_factory) == {}
    booked = await as_user(uow_factory, "mentee0", lambda s: s.book(DEC_8 + HOUR), now=AFTER)
    assert booked.ok and len(await nudges(uow_factory)) == 1
    for item in items:
        assert await in_service(uow_factory, "mentee0", lambda s, i=item.id: s.tick(i), AFTER)
    # Every step done: the pending nudge has nothing left to say.
    assert {status for status, _, _ in (await nudges(uow_factory)).values()} == {"cancelled"}


async def test_history_shows_only_the_pairs_own_sessions(uow_factory: UnitOfWorkFactory) -> None:
    await held_with_plan(uow_factory, mentees=2)
    assert await in_service(uow_factory, "mentee0", lambda s: s.rate(1, 5), AFTER) == "ok"
    [held] = await in_service(uow_factory, "mentee0", lambda s: s.history(1), AFTER)
    assert (held.status, held.rating, held.starts_at) == ("held", 5, DEC_1)
    assert await in_service(uow_factory, "mentee0", lambda s: s.history(2), AFTER) == []
    [missed] = await in_service(uow_factory, MENTOR, lambda s: s.history(2), AFTER)
    assert (missed.status, missed.rating) == ("missed", None)
