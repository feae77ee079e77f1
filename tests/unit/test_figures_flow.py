"""Coordinators read the programme's figures in the chat; nobody else can open them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from dialogs.events import CommandEvent
from dialogs.ports import ApplicationView, PairingView, SessionView
from tests.fakes import SUBMITTED_AT, Programme
from tests.unit.test_matching_flows import labels, mentor, programme
from tests.unit.test_mentoring_flows import onboarded

ADMIN = 900
STARTED = datetime(2026, 9, 1, tzinfo=UTC)
IN_NOVEMBER = datetime(2026, 11, 10, 15, tzinfo=UTC)


def pairing(pair_id: int, mentor_name: str, mentee_name: str) -> PairingView:
    return PairingView(
        pair_id, 100 + pair_id, 200 + pair_id, mentor_name, mentee_name, STARTED, STARTED
    )


def session(session_id: int, pair_id: int, starts_at: datetime, status: str) -> tuple:
    view = SessionView(
        session_id,
        pair_id,
        starts_at,
        starts_at + timedelta(hours=1),
        "Europe/Riga",
        0,
        "",
        True,
        status,
    )
    return (100 + pair_id, 200 + pair_id, view)


def with_pairs() -> Programme:
    """Anna and Ilze meet twice this month; Boris and Juris once, and missed once."""
    world = programme()  # one waiting request, three approved mentors
    world.applications[13] = ApplicationView(
        13, mentor("Dace", ("lv",), "riga", 1).answers, "submitted", SUBMITTED_AT
    )
    world.pairings[1] = pairing(1, "Anna", "Ilze")
    world.pairings[2] = pairing(2, "Boris", "Juris")
    sessions = world.calendar.sessions
    sessions[1] = session(1, 1, IN_NOVEMBER, "held")
    sessions[2] = session(2, 1, datetime(2026, 11, 26, 15, tzinfo=UTC), "booked")
    sessions[3] = session(3, 2, IN_NOVEMBER, "held")
    sessions[4] = session(4, 2, IN_NOVEMBER + timedelta(days=7), "missed")
    sessions[5] = session(5, 2, datetime(2026, 10, 31, 21, 30, tzinfo=UTC), "held")  # October
    return world


async def test_staff_see_the_figures_and_the_pairs_below_the_rule() -> None:
    coordinator = await onboarded(with_pairs(), ADMIN)
    menu = (await coordinator.do(CommandEvent("menu"))).replies[-1]
    assert "📊 Figures" in labels(menu)
    screen = (await coordinator.press("menu:figures")).replies[-1]
    assert coordinator.at == ("figures", "overview")
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
    await coordinator.press("back")
    assert coordinator.at == ("menu", "main")


async def test_when_every_pair_is_on_track_it_says_so() -> None:
    world = with_pairs()
    world.calendar.sessions[4] = session(4, 2, IN_NOVEMBER + timedelta(days=7), "booked")
    coordinator = await onboarded(world, ADMIN)
    screen = (await coordinator.press("menu:figures")).replies[-1]
    assert screen.text.endswith("\n\nEvery active pair has two sessions held or booked this month.")


async def test_a_long_list_is_cut_with_a_pointer_to_the_export() -> None:
    world = programme()
    for pair_id in range(1, 26):
        world.pairings[pair_id] = pairing(pair_id, f"M{pair_id}", "")
    coordinator = await onboarded(world, ADMIN)
    text = (await coordinator.press("menu:figures")).replies[-1].text
    listed = [line for line in text.splitlines() if line.startswith("• ")]
    assert len(listed) == 20
    assert listed[0] == "• M1 and (no name): 0 held, 0 booked"
    assert "25 pairs have fewer than two sessions held or booked this month:" in text
    assert text.endswith("…and 5 more: the CSV export (export-figures) lists every pair.")
    assert len(text) < 4096


async def test_a_forged_figures_press_from_anyone_else_is_refused() -> None:
    world = with_pairs()
    mentee = await onboarded(world, 1, age="14-17")
    menu = (await mentee.do(CommandEvent("menu"))).replies[-1]
    assert "📊 Figures" not in labels(menu)
    outcome = await mentee.press("menu:figures")
    assert mentee.at == ("menu", "main")
    assert outcome.replies[0].text == "This button has expired. Here is where we are now:"
    assert await mentee.ports.figures.programme() is None
    assert await mentee.ports.figures.pairs() == []
