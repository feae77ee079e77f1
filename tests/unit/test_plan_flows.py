"""The plan between sessions and the sessions held so far, on the pure engine with fakes."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from dialogs.ports import PairingView, SessionView
from tests.fake_booking import NOW
from tests.unit.test_booking_flows import MENTEE, MENTOR, actions, labels, programme_with_pair
from tests.unit.test_mentoring_flows import onboarded
from tests.unit.test_session_prompts import SESSION, sticky, with_a_past_session

STARTED = datetime(2026, 11, 1, tzinfo=UTC)
OTHER_MENTEE, OTHER_PAIR, OTHER_SESSION = 30, 2, 7


def with_a_plan():  # type: ignore[no-untyped-def]
    """Anna and Jānis held a session two hours ago and agreed two steps; another pair too."""
    programme = with_a_past_session()
    calendar = programme.calendar
    mentor, mentee, view = calendar.sessions[SESSION]
    calendar.sessions[SESSION] = (mentor, mentee, replace(view, status="held"))
    calendar.plans[SESSION] = ["Read a chapter of the book on money skills", "Call the school"]
    calendar.ratings[SESSION] = 4
    programme.pairings[1] = PairingView(1, MENTOR, MENTEE, "Anna", "Jānis", STARTED, STARTED)
    # Another of Anna's mentees, whose plan Jānis must never reach.
    calendar.pairs[OTHER_PAIR] = (MENTOR, OTHER_MENTEE)
    start = NOW - timedelta(days=3)
    other = SessionView(
        OTHER_SESSION, OTHER_PAIR, start, start + timedelta(hours=1), "Europe/Riga", 0, "", True
    )
    calendar.sessions[OTHER_SESSION] = (MENTOR, OTHER_MENTEE, replace(other, status="missed"))
    calendar.plans[OTHER_SESSION] = ["Someone else's step"]
    return programme


async def test_the_mentee_sees_the_plan_and_ticks_it_off() -> None:
    programme = with_a_plan()
    mentee = await onboarded(programme, MENTEE, age="14-17")
    screen = (await mentee.press("menu:my_mentor")).replies[-1]
    assert "No session booked yet." in screen.text
    assert "Plan until the next meeting: 0 of 2 done" in screen.text
    first, second = SESSION * 100, SESSION * 100 + 1
    assert labels(screen)[:2] == ["☐ Read a chapter of the book on money s…", "☐ Call the school"]
    assert actions(screen)[:4] == [
        f"plan:tick:{first}",
        f"plan:tick:{second}",
        "write:1",
        "history:1",
    ]

    ticked = (await mentee.press(f"plan:tick:{second}")).replies[-1]
    assert "1 of 2 done" in ticked.text
    assert labels(ticked)[1] == "✅ Call the school"
    assert programme.calendar.done == {second}
    unticked = (await mentee.press(f"plan:tick:{second}")).replies[-1]
    assert labels(unticked)[1] == "☐ Call the school"

    forged = await mentee.press(f"plan:tick:{OTHER_SESSION * 100}")
    assert forged.toast is not None
    assert programme.calendar.done == set()


async def test_the_mentor_sees_each_mentees_progress_but_may_not_tick() -> None:
    programme = with_a_plan()
    programme.calendar.done.add(SESSION * 100 + 1)
    mentor = await onboarded(programme, MENTOR)
    screen = (await mentor.press("menu:my_mentees")).replies[-1]
    assert "Plan until the next meeting: 1 of 2 done" in screen.text
    assert "☐ Read a chapter of the book on money skills\n✅ Call the school" in screen.text
    assert "History with Jānis" in " ".join(labels(screen))
    forged = await mentor.press(f"plan:tick:{SESSION * 100}")
    assert forged.toast is not None
    assert programme.calendar.done == {SESSION * 100 + 1}


async def test_history_shows_only_the_viewers_own_pair() -> None:
    programme = with_a_plan()
    mentee = await onboarded(programme, MENTEE, age="14-17")
    await mentee.press("menu:my_mentor")
    history = (await mentee.press("history:1")).replies[-1]
    assert mentee.at == ("pairing", "history")
    assert history.text.startswith("Sessions so far, newest first:")
    assert ": held, rated 4 of 5" in history.text
    assert "did not take place" not in history.text  # the other pair's missed session

    await mentee.press("back")
    forged = await mentee.press(f"history:{OTHER_PAIR}")
    assert forged.toast is not None


async def test_the_nudge_button_opens_the_mentees_plan_from_anywhere() -> None:
    programme = with_a_plan()
    mentee = await onboarded(programme, MENTEE, age="14-17")
    opened = await mentee.do(sticky("my_mentor"))
    assert mentee.at == ("pairing", "my_mentor")
    assert "0 of 2 done" in opened.replies[-1].text
    stranger = await onboarded(programme_with_pair(), MENTOR)
    assert (await stranger.do(sticky("my_mentor"))).toast is not None
