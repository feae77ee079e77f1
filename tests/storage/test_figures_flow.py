"""Coordinators read the programme's figures in the chat; nobody else can open them.

On the real services and a fresh database, as the bot runs them for each update.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.services.figures import FiguresService
from storage.models import MenteeRequest, MentorApplication, MentoringSession, Pair
from storage.unit_of_work import UnitOfWork, UnitOfWorkFactory
from tests.real_flows import Clock, RealPerson, at, labels, service
from tests.storage.test_matching_flows import ADMIN, NOW, onboarded

STARTED = datetime(2026, 9, 1, tzinfo=UTC)
IN_NOVEMBER = datetime(2026, 11, 10, 15, tzinfo=UTC)
LAST_OCTOBER_RIGA = datetime(2026, 10, 31, 21, 30, tzinfo=UTC)  # 23:30 in Riga


async def person(uow: UnitOfWork, name: str) -> int:
    user = await uow.users.get_or_create("telegram", name.lower(), "en")
    assert user.id is not None
    return user.id


async def mentor(uow: UnitOfWork, name: str, status: str = "approved") -> int:
    user_id = await person(uow, name)
    uow.applications.save(
        MentorApplication(
            user_id=user_id,
            display_name=name,
            age=30,
            languages="lv",
            country="LV",
            region="riga",
            areas="money",
            capacity=2,
            introduction="Hi!",
            status=status,
            submitted_at=STARTED,
        )
    )
    return user_id


async def mentee(uow: UnitOfWork, name: str, status: str) -> int:
    user_id = await person(uow, name)
    uow.session.add(
        MenteeRequest(
            user_id=user_id,
            display_name=name,
            age_group="14-17",
            country="LV",
            region="riga",
            areas="money",
            languages="lv",
            meeting_format="either",
            free_times="weekends",
            status=status,
            submitted_at=STARTED,
            updated_at=STARTED,
        )
    )
    return user_id


async def pair(uow: UnitOfWork, mentor_id: int, mentee_id: int) -> int:
    row = Pair(
        mentor_id=mentor_id,
        mentee_id=mentee_id,
        status="active",
        started_at=STARTED,
        planned_end_at=STARTED + timedelta(days=180),
    )
    uow.pairs.add(row)
    await uow.session.flush()
    assert row.id is not None
    return row.id


def session(
    pair_id: int, mentor_id: int, mentee_id: int, starts_at: datetime, status: str
) -> MentoringSession:
    return MentoringSession(
        pair_id=pair_id,
        mentor_id=mentor_id,
        mentee_id=mentee_id,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=1),
        tz="Europe/Riga",
        status=status,
    )


async def with_pairs(uow_factory: UnitOfWorkFactory, fourth: str = "missed") -> None:
    """Anna and Ilze meet twice this month; Boris and Juris once, and missed once.

    Carl is approved too, Dace's application waits, and Olga waits for a mentor.
    """
    async with uow_factory() as uow:
        anna, boris = await mentor(uow, "Anna"), await mentor(uow, "Boris")
        await mentor(uow, "Carl")
        await mentor(uow, "Dace", "submitted")
        ilze, juris = await mentee(uow, "Ilze", "matched"), await mentee(uow, "Juris", "matched")
        await mentee(uow, "Olga", "waiting")
        first, second = await pair(uow, anna, ilze), await pair(uow, boris, juris)
        for row in (
            session(first, anna, ilze, IN_NOVEMBER, "held"),
            session(first, anna, ilze, datetime(2026, 11, 26, 15, tzinfo=UTC), "booked"),
            session(second, boris, juris, IN_NOVEMBER, "held"),
            session(second, boris, juris, IN_NOVEMBER + timedelta(days=7), fourth),
            session(second, boris, juris, LAST_OCTOBER_RIGA, "held"),  # October in Riga
        ):
            uow.session.add(row)
        await uow.commit()


def coordinator(uow_factory: UnitOfWorkFactory) -> RealPerson:
    return RealPerson(service(uow_factory, Clock(NOW), admin_ids=[ADMIN]), str(ADMIN))


async def test_staff_see_the_figures_and_the_pairs_below_the_rule(
    uow_factory: UnitOfWorkFactory,
) -> None:
    await with_pairs(uow_factory)
    staff = await onboarded(coordinator(uow_factory))
    menu = (await staff.command("menu")).replies[-1]
    assert "📊 Figures" in labels(menu)
    screen = (await staff.press("menu:figures")).replies[-1]
    assert await at(uow_factory, staff) == ("figures", "overview")
    assert screen.text == (
        "📊 Figures for November 2026\n"
        "Waiting for a mentor: 1\n"
        "Active pairs: 2\n"
        "Approved mentors: 3\n"
        "Mentor applications to decide: 1\n"
        "Sessions held this month: 2\n"
        "Sessions booked from now on: 1\n"
        "No-shows this month: 1\n"
        "\n"
        "1 pair has fewer than two sessions held or booked this month:\n"
        "• Boris and Juris: 1 held, 0 booked, 1 missed"
    )
    assert labels(screen) == ["🧾 Coordinators' actions (CSV)", "⬅️ Back"]
    await staff.press("back")
    assert await at(uow_factory, staff) == ("menu", "main")


async def test_when_every_pair_is_on_track_it_says_so(uow_factory: UnitOfWorkFactory) -> None:
    await with_pairs(uow_factory, fourth="booked")
    staff = await onboarded(coordinator(uow_factory))
    screen = (await staff.press("menu:figures")).replies[-1]
    assert screen.text.endswith("\n\nEvery active pair has two sessions held or booked this month.")


async def test_a_long_list_is_cut_with_a_pointer_to_the_export(
    uow_factory: UnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        for number in range(1, 26):  # young people whose request is gone: no name
            await pair(uow, await mentor(uow, f"M{number}"), await person(uow, f"gone{number}"))
        await uow.commit()
    staff = await onboarded(coordinator(uow_factory))
    text = (await staff.press("menu:figures")).replies[-1].text
    listed = [line for line in text.splitlines() if line.startswith("• ")]
    assert len(listed) == 20
    assert listed[0] == "• M1 and (no name): 0 held, 0 booked"
    assert "25 pairs have fewer than two sessions held or booked this month:" in text
    assert text.endswith("…and 5 more: the CSV export (export-figures) lists every pair.")
    assert len(text) < 4096


async def test_a_forged_figures_press_from_anyone_else_is_refused(
    uow_factory: UnitOfWorkFactory,
) -> None:
    await with_pairs(uow_factory)
    young = await onboarded(RealPerson(coordinator(uow_factory).service, "ilze"), age="14-17")
    menu = (await young.command("menu")).replies[-1]
    assert "📊 Figures" not in labels(menu)
    outcome = await young.press("menu:figures")
    assert await at(uow_factory, young) == ("menu", "main")
    assert outcome.replies[0].text == "This button has expired. Here is where we are now:"
    async with uow_factory() as uow:
        user = await uow.users.get_or_create("telegram", "ilze", "en")
        figures = FiguresService(uow, user, [ADMIN], NOW)
        assert await figures.programme() is None
        assert await figures.pairs() == []
