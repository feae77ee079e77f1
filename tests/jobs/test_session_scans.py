"""The mid-month nudge to book and the mentors' Monday digest: once, however often they run."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from sqlmodel import select

from bot.jobs.book_nudge import book_nudges
from bot.jobs.week_digest import week_digests
from dialogs.i18n import Catalogues
from dialogs.notices import render_notice
from storage.database import create_engine, create_session_factory
from storage.models import MenteeRequest, MentorApplication, MentoringSession, Pair
from storage.outbox import OutboxMessage
from storage.unit_of_work import UnitOfWorkFactory

MID_NOVEMBER = datetime(2026, 11, 16, 8, 0, tzinfo=UTC)  # Monday 16 November, 10:00 in Riga
MONDAY_MORNING = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)  # Monday 23 November, 08:00 in Riga
Scan = Callable[[UnitOfWorkFactory, datetime], Awaitable[int]]


async def person(uow_factory: UnitOfWorkFactory, name: str, mentor: bool) -> int:
    async with uow_factory() as uow:
        user = await uow.users.get_or_create("telegram", name, "en")
        assert user.id is not None
        if mentor:
            uow.session.add(
                MentorApplication(
                    user_id=user.id,
                    display_name=name,
                    age=30,
                    languages="lv",
                    country="LV",
                    region="riga",
                    areas="money",
                    capacity=3,
                    introduction="Hi",
                    status="approved",
                    submitted_at=MID_NOVEMBER,
                )
            )
        else:
            uow.session.add(
                MenteeRequest(
                    user_id=user.id,
                    display_name=name,
                    age_group="14-17",
                    country="LV",
                    region="riga",
                    areas="money",
                    languages="lv",
                    meeting_format="either",
                    free_times="evenings",
                    status="matched",
                    submitted_at=MID_NOVEMBER,
                    updated_at=MID_NOVEMBER,
                )
            )
        await uow.commit()
        return user.id


async def four_people(uow_factory: UnitOfWorkFactory) -> list[int]:
    """Two mentors, Anna and Ilze, and two young people, Jānis and Māris."""
    names = {"Anna": True, "Ilze": True, "Jānis": False, "Māris": False}
    return [await person(uow_factory, name, mentor) for name, mentor in names.items()]


def november(day: int) -> datetime:
    """17:00 in Riga on that day of November 2026."""
    return datetime(2026, 11, day, 15, tzinfo=UTC)


async def pair(
    uow_factory: UnitOfWorkFactory,
    mentor: int,
    mentee: int,
    sessions: list[tuple[datetime, str]] = (),  # type: ignore[assignment]
    started: datetime = datetime(2026, 9, 1, tzinfo=UTC),
) -> int:
    async with uow_factory() as uow:
        row = Pair(
            mentor_id=mentor,
            mentee_id=mentee,
            status="active",
            started_at=started,
            planned_end_at=started + timedelta(days=180),
        )
        uow.pairs.add(row)
        await uow.session.flush()
        for start, status in sessions:
            uow.sessions.add(
                MentoringSession(
                    pair_id=row.id,  # type: ignore[arg-type]
                    mentor_id=mentor,
                    mentee_id=mentee,
                    starts_at=start,
                    ends_at=start + timedelta(hours=1),
                    tz="Europe/Riga",
                    status=status,
                )
            )
        await uow.commit()
        return row.id  # type: ignore[return-value]


async def written(uow_factory: UnitOfWorkFactory) -> list[tuple[int, str, dict, str]]:
    async with uow_factory() as uow:
        rows = (await uow.session.exec(select(OutboxMessage))).all()
        return sorted(
            (row.user_id, row.kind, json.loads(row.payload), row.dedupe_key or "") for row in rows
        )


async def run_as_two_processes_then_again(database_url: str, scan: Scan, now: datetime) -> None:
    """Two processes (two engines) run the scan at once; one runs it again after a restart."""
    engines = [create_engine(database_url) for _ in range(2)]
    try:
        factories = [UnitOfWorkFactory(create_session_factory(engine)) for engine in engines]
        await asyncio.gather(*(scan(factory, now) for factory in factories))
        assert await scan(factories[0], now + timedelta(hours=3)) == 0
    finally:
        for engine in engines:
            await engine.dispose()


async def test_the_nudge_reaches_both_people_of_a_pair_meeting_too_rarely_once(
    uow_factory: UnitOfWorkFactory, database_url: str
) -> None:
    anna, ilze, janis, maris = await four_people(uow_factory)
    newcomer = await person(uow_factory, "Eva", False)
    # Anna and Jānis met once this month (and cancelled once): too rarely.
    rare = await pair(
        uow_factory,
        anna,
        janis,
        [
            (november(3), "held"),
            (november(10), "cancelled"),
        ],
    )
    # Ilze and Māris met once and have booked once more: enough.
    await pair(
        uow_factory,
        ilze,
        maris,
        [
            (november(4), "held"),
            (november(25), "booked"),
        ],
    )
    # Ilze and Eva were paired only after the middle of the month.
    await pair(uow_factory, ilze, newcomer, started=MID_NOVEMBER)
    assert await book_nudges(uow_factory, MID_NOVEMBER - timedelta(days=2)) == 0  # the 14th
    assert await book_nudges(uow_factory, MID_NOVEMBER - timedelta(hours=8)) == 0  # at night

    await run_as_two_processes_then_again(database_url, book_nudges, MID_NOVEMBER)

    notes = await written(uow_factory)
    assert [(user, kind, key) for user, kind, _payload, key in notes] == [
        (anna, "book_nudge", f"nudge:{rare}:2026-11:{anna}"),
        (janis, "book_nudge", f"nudge:{rare}:2026-11:{janis}"),
    ]
    assert notes[0][2] == {"name": "Jānis", "count": 1, "mentor": True}
    assert notes[1][2] == {"name": "Anna", "count": 1, "mentor": False}


async def test_each_mentor_gets_their_week_once_on_monday_morning(
    uow_factory: UnitOfWorkFactory, database_url: str
) -> None:
    anna, ilze, janis, maris = await four_people(uow_factory)
    tuesday = november(24)
    sunday_night = datetime(2026, 11, 29, 20, tzinfo=UTC)  # 22:00 in Riga, still this week
    await pair(
        uow_factory,
        anna,
        janis,
        [
            (sunday_night, "booked"),
            (tuesday, "booked"),
            (tuesday + timedelta(days=1), "cancelled"),
            (datetime(2026, 11, 29, 22, tzinfo=UTC), "booked"),  # Monday 00:00 in Riga: next week
        ],
    )
    await pair(uow_factory, ilze, maris)
    assert await week_digests(uow_factory, MONDAY_MORNING + timedelta(days=1)) == 0  # Tuesday
    assert await week_digests(uow_factory, MONDAY_MORNING - timedelta(hours=1)) == 0  # 07:00

    await run_as_two_processes_then_again(database_url, week_digests, MONDAY_MORNING)

    notes = await written(uow_factory)
    assert [(user, kind, key) for user, kind, _payload, key in notes] == [
        (anna, "week_digest", f"digest:{anna}:2026-W48"),
        (ilze, "week_digest", f"digest:{ilze}:2026-W48"),
    ]
    assert notes[0][2] == {
        "sessions": [
            {"starts_at": tuesday.isoformat(), "name": "Jānis"},
            {"starts_at": sunday_night.isoformat(), "name": "Jānis"},
        ]
    }
    assert notes[1][2] == {"sessions": []}


def test_the_notices_say_how_many() -> None:
    en = Catalogues().translator("en", "Europe/Riga").as_of(MONDAY_MORNING)
    one = {"starts_at": "2026-11-24T15:00:00+00:00", "name": "Jānis"}
    [digest] = render_notice("week_digest", {"sessions": [one]}, en)
    assert digest.text == (
        "Good morning! You have 1 session this week:\n• Tuesday, November 24, 5:00\u202fPM — Jānis"
    )
    [digest] = render_notice("week_digest", {"sessions": [one, one]}, en)
    assert digest.text.startswith("Good morning! You have 2 sessions this week:")
    [empty] = render_notice("week_digest", {"sessions": []}, en)
    assert empty.text.startswith("Good morning! You have no sessions booked this week.")
    assert [b.action for row in empty.buttons for b in row] == ["sessions"]
    [nudge] = render_notice("book_nudge", {"name": "", "count": 0, "mentor": False}, en)
    assert nudge.text.startswith("This month you and your mentor have 0 sessions held or booked")
