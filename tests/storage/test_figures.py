"""Programme figures and the CSV export, against the real databases, in Riga's calendar month."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.cli import parser, run
from bot.config import Settings
from bot.services.figures import FiguresService, Month, pair_figures, programme_figures
from dialogs.ports import PairFigures, ProgrammeFigures
from storage.models import MenteeRequest, MentorApplication, MentoringSession, Pair
from storage.unit_of_work import UnitOfWorkFactory

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
NOVEMBER = Month(2026, 11)
ADMIN = "9000"
# Riga keeps UTC+2 in November: its month runs from 31 October 22:00 UTC to 30 November 22:00.
FIRST_0030_RIGA = datetime(2026, 10, 31, 22, 30, tzinfo=UTC)  # 1 November, 00:30 in Riga
LAST_OCTOBER_RIGA = datetime(2026, 10, 31, 21, 30, tzinfo=UTC)  # 31 October, 23:30 in Riga
FIRST_DECEMBER_RIGA = datetime(2026, 11, 30, 22, 30, tzinfo=UTC)  # 1 December, 00:30 in Riga
STARTED = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
PLANNED_END = datetime(2027, 2, 28, 23, 0, tzinfo=UTC)  # 1 March in Riga


async def add_user(uow_factory: UnitOfWorkFactory, external_id: str) -> int:
    async with uow_factory() as uow:
        user = await uow.users.get_or_create("telegram", external_id, "en")
        await uow.commit()
        return user.id  # type: ignore[return-value]


async def add_mentor(uow_factory: UnitOfWorkFactory, name: str, status: str) -> int:
    user_id = await add_user(uow_factory, name)
    async with uow_factory() as uow:
        uow.applications.save(
            MentorApplication(
                user_id=user_id,
                display_name=name,
                age=30,
                languages="lv",
                country="LV",
                region="riga",
                areas="money",
                capacity=3,
                introduction="Hello",
                status=status,
                submitted_at=STARTED,
            )
        )
        await uow.commit()
    return user_id


async def add_mentee(uow_factory: UnitOfWorkFactory, name: str, status: str | None) -> int:
    """A young person; with no status, one whose request is gone (their data withdrawn)."""
    user_id = await add_user(uow_factory, name)
    if status is None:
        return user_id
    async with uow_factory() as uow:
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
        await uow.commit()
    return user_id


async def add_pair(
    uow_factory: UnitOfWorkFactory,
    mentor: int,
    mentee: int,
    sessions: list[tuple[datetime, str]],
    status: str = "active",
) -> int:
    async with uow_factory() as uow:
        pair = Pair(
            mentor_id=mentor,
            mentee_id=mentee,
            status=status,
            started_at=STARTED,
            planned_end_at=PLANNED_END,
        )
        uow.pairs.add(pair)
        await uow.session.flush()
        for start, session_status in sessions:
            uow.session.add(
                MentoringSession(
                    pair_id=pair.id,  # type: ignore[arg-type]
                    mentor_id=mentor,
                    mentee_id=mentee,
                    starts_at=start,
                    ends_at=start + timedelta(hours=1),
                    tz="Europe/Riga",
                    status=session_status,
                )
            )
        await uow.commit()
        return pair.id  # type: ignore[return-value]


async def programme(uow_factory: UnitOfWorkFactory) -> dict[str, int]:
    """Three active pairs and one ended, with sessions on both sides of November's edges."""
    anna = await add_mentor(uow_factory, "Anna", "approved")
    boris = await add_mentor(uow_factory, "Boris", "approved")
    carl = await add_mentor(uow_factory, "Carl", "approved")
    await add_mentor(uow_factory, "Dace", "submitted")
    await add_mentor(uow_factory, "Edgars", "declined")
    ilze = await add_mentee(uow_factory, "Ilze", "matched")
    juris = await add_mentee(uow_factory, "Juris", "matched")
    gone = await add_mentee(uow_factory, "Gone", None)
    karina = await add_mentee(uow_factory, "Karina", "withdrawn")
    await add_mentee(uow_factory, "Liga", "waiting")
    await add_mentee(uow_factory, "Maris", "waiting")
    on_track = await add_pair(
        uow_factory,
        anna,
        ilze,
        [
            (FIRST_0030_RIGA, "held"),  # 31 October in UTC, but November in Riga
            (LAST_OCTOBER_RIGA, "held"),  # 1 November in UTC, but October in Riga
            (LAST_OCTOBER_RIGA - timedelta(days=3), "missed"),
            (datetime(2026, 11, 28, 10, tzinfo=UTC), "booked"),
            (datetime(2026, 11, 21, 10, tzinfo=UTC), "cancelled"),
            (FIRST_DECEMBER_RIGA, "booked"),  # ahead, but in December
        ],
    )
    behind = await add_pair(
        uow_factory,
        boris,
        juris,
        [
            (datetime(2026, 11, 5, 15, tzinfo=UTC), "held"),
            (datetime(2026, 11, 10, 15, tzinfo=UTC), "missed"),
        ],
    )
    unnamed = await add_pair(
        uow_factory, carl, gone, [(datetime(2026, 11, 20, 15, tzinfo=UTC), "booked")]
    )
    await add_pair(  # ended: its session counts for the programme, the pair is not listed
        uow_factory, boris, karina, [(datetime(2026, 11, 3, 15, tzinfo=UTC), "held")], "ended"
    )
    return {"on_track": on_track, "behind": behind, "unnamed": unnamed}


EXPECTED_PROGRAMME = ProgrammeFigures(
    waiting_requests=2,
    active_pairs=3,
    mentors_approved=3,
    applications_waiting=1,
    sessions_held_this_month=3,
    sessions_booked_ahead=2,  # 28 November and 1 December; the one on 20 November has passed
    missed_this_month=1,
    month_start=datetime(2026, 10, 31, 22, 0, tzinfo=UTC),
)


def pair(pair_id: int, names: tuple[str, str], counts: tuple[int, ...], ok: bool) -> PairFigures:
    """A pair's figures: (mentor, mentee), (held, booked, missed) this month, and on track."""
    return PairFigures(pair_id, *names, STARTED, PLANNED_END, *counts, on_track=ok)


def expected_pairs(ids: dict[str, int]) -> list[PairFigures]:
    return [
        pair(ids["on_track"], ("Anna", "Ilze"), (1, 1, 0), True),
        pair(ids["behind"], ("Boris", "Juris"), (1, 0, 1), False),
        pair(ids["unnamed"], ("Carl", ""), (0, 1, 0), False),
    ]


async def test_figures_count_the_month_in_riga_time(uow_factory: UnitOfWorkFactory) -> None:
    ids = await programme(uow_factory)
    async with uow_factory() as uow:
        assert await programme_figures(uow, NOVEMBER, NOW) == EXPECTED_PROGRAMME
        assert await pair_figures(uow, NOVEMBER) == expected_pairs(ids)
        october = {item.pair_id: item for item in await pair_figures(uow, Month(2026, 10))}
        december = await programme_figures(uow, Month(2026, 12), NOW)
    in_october = october[ids["on_track"]]
    assert (in_october.held_this_month, in_october.missed_this_month) == (1, 1)
    assert december.sessions_held_this_month == 0 and december.sessions_booked_ahead == 2


async def test_only_coordinators_see_the_figures(uow_factory: UnitOfWorkFactory) -> None:
    ids = await programme(uow_factory)
    for external_id, staff in ((ADMIN, True), ("Anna", False)):
        async with uow_factory() as uow:
            user = await uow.users.get_or_create("telegram", external_id, "en")
            service = FiguresService(uow, user, [int(ADMIN)], NOW)
            seen = (await service.programme(), await service.pairs())
        if staff:
            assert seen == (EXPECTED_PROGRAMME, expected_pairs(ids))
        else:
            assert seen == (None, [])


def test_a_month_is_bounded_in_riga_across_summer_time() -> None:
    march = Month.parse("2026-03")
    assert march.start == datetime(2026, 2, 28, 22, tzinfo=UTC)
    assert march.end == datetime(2026, 3, 31, 21, tzinfo=UTC)  # summer time began on the 29th
    assert Month(2026, 12).end == datetime(2026, 12, 31, 22, tzinfo=UTC)
    assert Month.of(FIRST_0030_RIGA) == NOVEMBER and Month.of(LAST_OCTOBER_RIGA) == Month(2026, 10)
    for wrong in ("2026-13", "2026-1", "November"):
        with pytest.raises(ValueError):
            Month.parse(wrong)


# --- the CSV export --------------------------------------------------------------------------


@pytest.fixture
def settings(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("DATABASE_URL", database_url)
    return Settings()


async def cli(settings: Settings, *argv: str) -> int:
    return await run(parser().parse_args(list(argv)), settings)


EXPECTED_ROWS = [
    ["pair id", "mentor", "mentee", "started", "planned end", "held", "booked", "missed",
     "on track"],
    ["{on_track}", "Anna", "Ilze", "2026-09-01", "2027-03-01", "1", "1", "0", "yes"],
    ["{behind}", "Boris", "Juris", "2026-09-01", "2027-03-01", "1", "0", "1", "no"],
    ["{unnamed}", "Carl", "", "2026-09-01", "2027-03-01", "0", "1", "0", "no"],
]  # fmt: skip


def expected_rows(ids: dict[str, int]) -> list[list[str]]:
    return [[cell.format(**ids) for cell in row] for row in EXPECTED_ROWS]


async def test_export_figures_writes_csv_to_stdout(
    settings: Settings, uow_factory: UnitOfWorkFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = await programme(uow_factory)
    assert await cli(settings, "export-figures", "--month", "2026-11") == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows == expected_rows(ids)


async def test_export_figures_writes_a_utf8_file(
    settings: Settings,
    uow_factory: UnitOfWorkFactory,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ids = await programme(uow_factory)
    # Latvian letters, and a name a spreadsheet would otherwise run as a formula.
    olafs = await add_mentor(uow_factory, "=Ōlafs", "approved")
    zane = await add_mentee(uow_factory, "Žanete", "matched")
    extra = await add_pair(uow_factory, olafs, zane, [])
    output = tmp_path / "figures.csv"
    assert await cli(settings, "export-figures", "--month", "2026-11", "--output", str(output)) == 0
    assert "Wrote 4 pairs for 2026-11" in capsys.readouterr().err
    with output.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[:4] == expected_rows(ids)
    assert rows[4] == [
        str(extra),
        "'=Ōlafs",
        "Žanete",
        "2026-09-01",
        "2027-03-01",
        "0",
        "0",
        "0",
        "no",
    ]


def test_a_bad_month_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        parser().parse_args(["export-figures", "--month", "2026-13"])
    assert "not a month" in capsys.readouterr().err
