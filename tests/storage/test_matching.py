"""Matching against the real databases: ranking from rows, pairing once, privacy, changes."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

from sqlmodel import select

import dialogs.flows.pairing  # noqa: F401  (registers the introductions' renderers)
from bot.services.matching import MatchingService, add_months
from bot.services.signup import SignupService
from dialogs.i18n import Catalogues
from dialogs.notices import render_notice
from dialogs.ports import MenteeAnswers
from storage.models import MentorApplication, Pair
from storage.outbox import OutboxMessage
from storage.unit_of_work import UnitOfWorkFactory

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
ADMIN = "9000"
MENTEE = "1"
REQUEST = MenteeAnswers(
    "Ilze",
    "14-17",
    "LV",
    "riga",
    ("money", "goals"),
    ("lv", "en"),
    "in_person",
    ("weekends",),
    "Plans",
)
CATALOGUES = Catalogues()


async def make_user(uow_factory: UnitOfWorkFactory, external_id: str, language: str = "en") -> int:
    async with uow_factory() as uow:
        user = await uow.users.get_or_create("telegram", external_id, language)
        await uow.commit()
        return user.id  # type: ignore[return-value]


async def as_user(uow_factory: UnitOfWorkFactory, external_id: str, action):  # type: ignore[no-untyped-def]
    """Run one matching call as the given user, in one unit of work, and commit."""
    async with uow_factory() as uow:
        user = await uow.users.get_or_create("telegram", external_id, "en")
        result = await action(MatchingService(uow, user, [int(ADMIN)], NOW))
        await uow.commit()
        return result


async def add_mentor(
    uow_factory: UnitOfWorkFactory,
    external_id: str,
    languages: str,
    region: str,
    capacity: int,
    language: str = "en",
) -> int:
    user_id = await make_user(uow_factory, external_id, language)
    async with uow_factory() as uow:
        uow.applications.save(
            MentorApplication(
                user_id=user_id,
                display_name=f"Mentor {external_id}",
                age=30,
                languages=languages,
                country="LV",
                region=region,
                areas="money",
                capacity=capacity,
                introduction="I coach a youth football team.",
                status="approved",
                submitted_at=NOW,
            )
        )
        await uow.commit()
    return user_id


async def add_request(uow_factory: UnitOfWorkFactory, external_id: str = MENTEE) -> int:
    user_id = await make_user(uow_factory, external_id, "en")
    async with uow_factory() as uow:
        user = await uow.users.get_or_create("telegram", external_id, "en")
        await SignupService(uow, user, [int(ADMIN)], NOW).submit_request(REQUEST)
        await uow.commit()
    return user_id


async def outbox(uow_factory: UnitOfWorkFactory) -> list[OutboxMessage]:
    async with uow_factory() as uow:
        rows = list((await uow.session.exec(select(OutboxMessage))).all())
        uow.session.expunge_all()  # plain objects, readable after the unit of work
        return rows


async def pairs(uow_factory: UnitOfWorkFactory) -> list[Pair]:
    async with uow_factory() as uow:
        rows = list((await uow.session.exec(select(Pair))).all())
        uow.session.expunge_all()  # plain objects, readable after the unit of work
        return rows


async def test_mentors_are_ranked_from_rows_with_reasons(uow_factory: UnitOfWorkFactory) -> None:
    await make_user(uow_factory, ADMIN)
    near = await add_mentor(uow_factory, "10", "lv,ru", "riga", 2)
    await add_mentor(uow_factory, "11", "ru", "riga", 2)  # no shared language
    far = await add_mentor(uow_factory, "12", "lv", "latgale", 1)
    mentee = await add_request(uow_factory)
    ranked = await as_user(uow_factory, ADMIN, lambda s: s.suggestions(mentee))
    assert [item.mentor_id for item in ranked] == [near, far]
    assert [(r.kind, r.values, r.count) for r in ranked[0].reasons] == [
        ("languages", ("lv",), 0),
        ("areas", ("money",), 1),
        ("region", ("riga",), 0),
        ("places", (), 2),
    ]
    assert ranked[0].display_name == "Mentor 10" and ranked[1].free_places == 1
    waiting = await as_user(uow_factory, ADMIN, lambda s: s.waiting_requests())
    assert [(w.mentee_id, w.request.answers) for w in waiting] == [(mentee, REQUEST)]


async def test_create_pair_matches_and_introduces_both_in_their_languages(
    uow_factory: UnitOfWorkFactory,
) -> None:
    await make_user(uow_factory, ADMIN)
    mentor = await add_mentor(uow_factory, "10", "lv,en", "riga", 2, language="lv")
    mentee = await add_request(uow_factory)
    assert await as_user(uow_factory, ADMIN, lambda s: s.create_pair(mentee, mentor, 12))
    (pair,) = await pairs(uow_factory)
    assert (pair.mentor_id, pair.mentee_id, pair.status) == (mentor, mentee, "active")
    assert pair.planned_end_at.replace(tzinfo=UTC) == datetime(2027, 11, 24, 12, 0, tzinfo=UTC)
    assert await as_user(uow_factory, MENTEE, lambda s: s.my_pairings()) != []
    async with uow_factory() as uow:
        assert (await uow.requests.get(mentee)).status == "matched"  # type: ignore[union-attr]
    intros = {row.user_id: row for row in await outbox(uow_factory) if "intro" in row.kind}
    assert {row.kind for row in intros.values()} == {"pair_intro_mentee", "pair_intro_mentor"}
    to_mentee = intros[mentee]
    english = render_notice(
        to_mentee.kind, json.loads(to_mentee.payload), CATALOGUES.translator("en")
    )
    assert english[0].text.startswith("Good news: you have a mentor! Meet Mentor 10.")
    to_mentor = intros[mentor]
    latvian = render_notice(
        to_mentor.kind, json.loads(to_mentor.payload), CATALOGUES.translator("lv")
    )
    assert "Ilze" in latvian[0].text and "Plans" in latvian[0].text
    # The young person's answers went to their mentor only.
    assert "Plans" not in to_mentee.payload


async def test_a_full_mentor_or_a_non_coordinator_is_refused(
    uow_factory: UnitOfWorkFactory,
) -> None:
    await make_user(uow_factory, ADMIN)
    mentor = await add_mentor(uow_factory, "10", "lv", "riga", 1)
    first = await add_request(uow_factory, "1")
    second = await add_request(uow_factory, "2")
    assert not await as_user(uow_factory, "1", lambda s: s.create_pair(first, mentor, 6))
    assert await as_user(uow_factory, "1", lambda s: s.waiting_requests()) == []
    assert await as_user(uow_factory, "1", lambda s: s.suggestions(first)) == []
    assert not await as_user(uow_factory, ADMIN, lambda s: s.create_pair(first, mentor, 13))
    assert await as_user(uow_factory, ADMIN, lambda s: s.create_pair(first, mentor, 6))
    assert not await as_user(uow_factory, ADMIN, lambda s: s.create_pair(second, mentor, 6))
    assert len(await pairs(uow_factory)) == 1
    async with uow_factory() as uow:
        assert (await uow.requests.get(second)).status == "waiting"  # type: ignore[union-attr]
    (pair,) = await pairs(uow_factory)
    assert await as_user(uow_factory, "2", lambda s: s.pairing(pair.id)) is None
    assert not await as_user(uow_factory, "2", lambda s: s.end_pair(pair.id, False))


async def test_many_coordinators_confirming_at_once_make_one_pair(
    uow_factory: UnitOfWorkFactory,
) -> None:
    await make_user(uow_factory, ADMIN)
    mentors = [await add_mentor(uow_factory, f"1{n}", "lv", "riga", 3) for n in range(5)]
    mentee = await add_request(uow_factory)
    results = await asyncio.gather(
        *(
            as_user(uow_factory, ADMIN, lambda s, m=mentors[n % 5]: s.create_pair(mentee, m, 6))
            for n in range(10)
        )
    )
    assert sorted(results) == [False] * 9 + [True]
    active = [pair for pair in await pairs(uow_factory) if pair.status == "active"]
    assert len(active) == 1
    intros = [row for row in await outbox(uow_factory) if "intro" in row.kind]
    assert len(intros) == 2


async def test_change_requests_reach_coordinators_and_stay_private(
    uow_factory: UnitOfWorkFactory,
) -> None:
    admin = await make_user(uow_factory, ADMIN)
    mentor = await add_mentor(uow_factory, "10", "lv", "riga", 2)
    other_mentor = await add_mentor(uow_factory, "11", "lv", "riga", 2)
    mentee = await add_request(uow_factory, "1")
    other = await add_request(uow_factory, "2")
    await as_user(uow_factory, ADMIN, lambda s: s.create_pair(mentee, mentor, 6))
    await as_user(uow_factory, ADMIN, lambda s: s.create_pair(other, other_mentor, 6))
    mine = await as_user(uow_factory, "1", lambda s: s.my_pairings())
    assert [(v.mentor_name, v.role) for v in mine] == [("Mentor 10", "mentee")]
    theirs = await as_user(uow_factory, "10", lambda s: s.my_pairings())
    assert [(v.mentee_name, v.role) for v in theirs] == [("Ilze", "mentor")]
    pair_id = mine[0].pair_id
    assert not await as_user(uow_factory, "2", lambda s: s.request_change(pair_id, "end"))
    assert not await as_user(uow_factory, "11", lambda s: s.request_change(pair_id, "end"))
    assert await as_user(uow_factory, "1", lambda s: s.request_change(pair_id, "end"))
    changes = [row for row in await outbox(uow_factory) if row.kind == "staff_pair_change"]
    assert [row.user_id for row in changes] == [admin]
    assert json.loads(changes[0].payload)["by_mentor"] is False
    # The mentor is not told by the bot that the young person asked: the coordinators talk.
    (seen,) = await as_user(uow_factory, "10", lambda s: s.my_pairings())
    assert seen.change_requested_at is None
    (own,) = await as_user(uow_factory, "1", lambda s: s.my_pairings())
    assert own.change_requested_at is not None
    assert await as_user(uow_factory, ADMIN, lambda s: s.end_pair(pair_id, False))
    assert await as_user(uow_factory, "1", lambda s: s.my_pairings()) == []
    async with uow_factory() as uow:
        assert (await uow.requests.get(mentee)).status == "withdrawn"  # type: ignore[union-attr]
    ended = [row.user_id for row in await outbox(uow_factory) if row.kind == "pair_ended"]
    assert sorted(ended) == sorted([mentee, mentor])


async def test_ending_for_a_new_mentor_puts_the_request_back_in_the_queue(
    uow_factory: UnitOfWorkFactory,
) -> None:
    await make_user(uow_factory, ADMIN)
    mentor = await add_mentor(uow_factory, "10", "lv", "riga", 1)
    mentee = await add_request(uow_factory)
    await as_user(uow_factory, ADMIN, lambda s: s.create_pair(mentee, mentor, 6))
    (pair,) = await pairs(uow_factory)
    assert await as_user(uow_factory, ADMIN, lambda s: s.end_pair(pair.id, True))
    waiting = await as_user(uow_factory, ADMIN, lambda s: s.waiting_requests())
    assert [w.mentee_id for w in waiting] == [mentee]
    ranked = await as_user(uow_factory, ADMIN, lambda s: s.suggestions(mentee))
    assert ranked[0].free_places == 1  # the ended pairing no longer takes the place


def test_planned_end_keeps_the_day_or_takes_the_month_end() -> None:
    assert add_months(datetime(2026, 8, 31, tzinfo=UTC), 6) == datetime(2027, 2, 28, tzinfo=UTC)
    assert add_months(datetime(2026, 11, 24, tzinfo=UTC), 9) == datetime(2027, 8, 24, tzinfo=UTC)


async def test_the_one_active_pair_index_refuses_inside_a_savepoint(
    uow_factory: UnitOfWorkFactory,
) -> None:
    await make_user(uow_factory, ADMIN)
    first = await add_mentor(uow_factory, "10", "lv", "riga", 2)
    second = await add_mentor(uow_factory, "11", "lv", "riga", 2)
    mentee = await add_request(uow_factory)
    async with uow_factory() as uow:  # an active pair the request does not know of
        uow.pairs.add(
            Pair(
                mentor_id=first,
                mentee_id=mentee,
                status="active",
                started_at=NOW,
                planned_end_at=NOW,
            )
        )
        await uow.commit()

    async def pair_then_keep_working(service: MatchingService) -> tuple[bool, int]:
        refused = await service.create_pair(mentee, second, 6)
        # The rest of the unit of work carries on: only the savepoint was rolled back.
        return refused, len(await service.waiting_requests())

    assert await as_user(uow_factory, ADMIN, pair_then_keep_working) == (False, 1)
    assert [pair.mentor_id for pair in await pairs(uow_factory)] == [first]
