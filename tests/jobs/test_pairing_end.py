"""A month before a pairing ends: notes written once, however often and wherever the scan runs."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta

from sqlmodel import select

from bot.jobs.pairing_end import pairing_end_notes
from dialogs.i18n import Catalogues
from dialogs.notices import render_notice
from storage.database import create_engine, create_session_factory
from storage.models import MenteeRequest, MentorApplication, Pair
from storage.outbox import OutboxMessage
from storage.unit_of_work import UnitOfWorkFactory

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
ADMIN = 9000


async def people(uow_factory: UnitOfWorkFactory) -> dict[str, int]:
    ids = {}
    async with uow_factory() as uow:
        for name, external in (("mentor", "1"), ("mentee", "2"), ("admin", str(ADMIN))):
            user = await uow.users.get_or_create("telegram", external, "en")
            ids[name] = user.id
        await uow.commit()
    async with uow_factory() as uow:
        uow.session.add(
            MentorApplication(
                user_id=ids["mentor"],
                display_name="Ilze",
                age=30,
                languages="lv",
                country="LV",
                region="riga",
                areas="money",
                capacity=2,
                introduction="Hi",
                status="approved",
                submitted_at=NOW,
            )
        )
        uow.session.add(
            MenteeRequest(
                user_id=ids["mentee"],
                display_name="Jānis",
                age_group="14-17",
                country="LV",
                region="riga",
                areas="money",
                languages="lv",
                meeting_format="either",
                free_times="evenings",
                status="matched",
                submitted_at=NOW,
                updated_at=NOW,
            )
        )
        await uow.commit()
    return ids


async def add_pair(
    uow_factory: UnitOfWorkFactory, ids: dict[str, int], ends_in: timedelta, status: str = "active"
) -> None:
    async with uow_factory() as uow:
        uow.pairs.add(
            Pair(
                mentor_id=ids["mentor"],
                mentee_id=ids["mentee"],
                status=status,
                started_at=NOW - timedelta(days=150),
                planned_end_at=NOW + ends_in,
            )
        )
        await uow.commit()


async def written(uow_factory: UnitOfWorkFactory) -> list[tuple[int, str, dict]]:
    async with uow_factory() as uow:
        rows = (await uow.session.exec(select(OutboxMessage))).all()
        return sorted((row.user_id, row.kind, json.loads(row.payload)) for row in rows)


async def test_notes_once_for_both_and_the_coordinators(
    uow_factory: UnitOfWorkFactory, database_url: str
) -> None:
    ids = await people(uow_factory)
    await add_pair(uow_factory, ids, timedelta(days=20))
    # Two processes (two engines) run the scan at once, then one runs it again after a restart.
    engines = [create_engine(database_url) for _ in range(2)]
    try:
        factories = [UnitOfWorkFactory(create_session_factory(engine)) for engine in engines]
        await asyncio.gather(*(pairing_end_notes(f, [ADMIN], NOW) for f in factories))
        assert await pairing_end_notes(uow_factory, [ADMIN], NOW + timedelta(days=1)) == 0
    finally:
        for engine in engines:
            await engine.dispose()
    notes = await written(uow_factory)
    assert [(user, kind) for user, kind, _ in notes] == sorted(
        [
            (ids["mentor"], "pairing_ending"),
            (ids["mentee"], "pairing_ending"),
            (ids["admin"], "staff_pairing_ending"),
        ]
    )
    by_user = {user: payload for user, _kind, payload in notes}
    assert by_user[ids["mentor"]]["other"] == "Jānis" and by_user[ids["mentee"]]["other"] == "Ilze"


async def test_not_yet_and_ended_pairs_get_nothing(uow_factory: UnitOfWorkFactory) -> None:
    ids = await people(uow_factory)
    await add_pair(uow_factory, ids, timedelta(days=40))
    assert await pairing_end_notes(uow_factory, [ADMIN], NOW) == 0
    assert await written(uow_factory) == []


async def test_the_note_in_each_language() -> None:
    catalogues = Catalogues()
    payload = {"other": "Jānis", "end": "2026-12-14T08:00:00+00:00"}
    english = render_notice("pairing_ending", payload, catalogues.translator("en"))[0].text
    assert english.startswith("Your mentoring with Jānis is planned to end on December 14, 2026.")
    for language in ("lv", "lt", "ru"):
        text = render_notice("pairing_ending", payload, catalogues.translator(language))[0].text
        assert "Jānis" in text and not text.startswith("Your mentoring")
