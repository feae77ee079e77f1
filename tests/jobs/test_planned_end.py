"""At its planned end a pairing ends once, its sessions cancelled, both people and staff told."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlmodel import select

from bot.jobs.planned_end import planned_ends
from storage.database import create_engine, create_session_factory
from storage.models import MenteeRequest, MentoringSession, Pair
from storage.unit_of_work import UnitOfWorkFactory
from tests.jobs.test_pairing_end import ADMIN, NOW, add_pair, people, written


async def test_a_pairing_ends_at_its_planned_end_once(
    uow_factory: UnitOfWorkFactory, database_url: str
) -> None:
    ids = await people(uow_factory)
    await add_pair(uow_factory, ids, timedelta(hours=-1))
    async with uow_factory() as uow:
        pair = (await uow.session.exec(select(Pair))).one()
        start = NOW + timedelta(days=3)
        uow.sessions.add(
            MentoringSession(
                pair_id=pair.id,  # type: ignore[arg-type]
                mentor_id=ids["mentor"],
                mentee_id=ids["mentee"],
                starts_at=start,
                ends_at=start + timedelta(hours=1),
                tz="Europe/Riga",
                status="booked",
            )
        )
        await uow.commit()
    engines = [create_engine(database_url) for _ in range(2)]
    try:
        factories = [UnitOfWorkFactory(create_session_factory(engine)) for engine in engines]
        await asyncio.gather(*(planned_ends(f, [ADMIN], NOW) for f in factories))
        assert await planned_ends(uow_factory, [ADMIN], NOW + timedelta(days=1)) == 0
    finally:
        for engine in engines:
            await engine.dispose()
    notes = [(user, kind) for user, kind, _ in await written(uow_factory)]
    assert sorted(notes) == sorted(
        [
            (ids["mentor"], "pair_completed"),
            (ids["mentee"], "pair_completed"),
            (ids["admin"], "staff_pair_completed"),
        ]
    )
    async with uow_factory() as uow:
        assert (await uow.session.exec(select(Pair.status))).one() == "ended"
        assert (await uow.session.exec(select(MentoringSession.status))).one() == "cancelled"
        request = await uow.session.get(MenteeRequest, ids["mentee"])
        assert request is not None and request.status == "withdrawn"
    calendar = {user: payload for user, kind, payload in await written(uow_factory)}
    assert len(calendar[ids["mentee"]]["sessions"]) == 1, "a cancelling calendar file each"


async def test_a_pairing_before_its_end_goes_on(uow_factory: UnitOfWorkFactory) -> None:
    ids = await people(uow_factory)
    await add_pair(uow_factory, ids, timedelta(hours=1))
    assert await planned_ends(uow_factory, [ADMIN], NOW) == 0
    assert await written(uow_factory) == []
