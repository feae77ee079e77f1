"""After a session, on the pure engine with fake services: did it happen, the plan, the rating."""

from __future__ import annotations

from datetime import timedelta

from dialogs.events import ActionEvent, TextEvent
from dialogs.ports import SessionView
from tests.fake_booking import NOW
from tests.unit.test_booking_flows import MENTEE, MENTOR, labels, programme_with_pair
from tests.unit.test_mentoring_flows import onboarded

SESSION = 1


def with_a_past_session():  # type: ignore[no-untyped-def]
    """Anna and Jānis, whose session began two hours ago."""
    programme = programme_with_pair()
    start = NOW - timedelta(hours=2)
    view = SessionView(
        SESSION, 1, start, start + timedelta(hours=1), "Europe/Riga", 0, "Jānis", True
    )
    programme.calendar.sessions[SESSION] = (MENTOR, MENTEE, view)
    return programme


def sticky(action: str) -> ActionEvent:
    """A press on a notice's button: valid whatever the conversation's version."""
    return ActionEvent(action, None)


async def test_held_asks_for_the_plan_and_sends_it_to_the_mentee() -> None:
    programme = with_a_past_session()
    mentor = await onboarded(programme, MENTOR)
    asked = await mentor.do(sticky(f"held:{SESSION}"))
    assert mentor.at == ("session_prompts", "plan")
    assert asked.replies[-1].text.startswith("Good to hear! What did you agree to do")
    assert labels(asked.replies[-1]) == ["Skip"]

    eleven = "\n".join(f"Step {n}" for n in range(11))
    refused = await mentor.do(TextEvent(eleven))
    assert refused.replies[0].text == "That is 11 lines; please keep the plan to 10 at most."
    refused = await mentor.do(TextEvent("Read a chapter\n" + "x" * 201))
    assert refused.replies[0].text.startswith("Line 2 is too long")
    assert mentor.at == ("session_prompts", "plan")

    saved = await mentor.do(TextEvent("- Read a chapter\n\n• Call the school  \n"))
    assert saved.replies[0].text.startswith("Saved, and sent to your mentee.")
    assert mentor.at == ("menu", "main")
    assert programme.calendar.plans[SESSION] == ["Read a chapter", "Call the school"]
    assert (MENTEE, "session_recap", {"plan": ["Read a chapter", "Call the school"]}) in (
        programme.notices
    )

    again = await mentor.do(sticky(f"missed:{SESSION}"))
    assert again.replies[0].text == "You have already told me about this session. Thank you!"


async def test_only_the_mentee_rates_and_only_once() -> None:
    programme = with_a_past_session()
    mentor = await onboarded(programme, MENTOR)
    mentee = await onboarded(programme, MENTEE, age="14-17")
    await mentor.do(sticky(f"held:{SESSION}"))
    await mentor.press("plan:skip")
    assert programme.calendar.plans[SESSION] == []

    stale = await mentor.do(sticky(f"rate:{SESSION}:5"))
    assert stale.toast is not None  # not the mentee: treated as an expired button
    thanked = await mentee.do(sticky(f"rate:{SESSION}:4"))
    assert thanked.replies[0].text.startswith("Thank you!")
    again = await mentee.do(sticky(f"rate:{SESSION}:5"))
    assert again.replies[0].text == "You have already rated this session. Thank you!"
    assert programme.calendar.ratings == {SESSION: 4}


async def test_missed_suggests_booking_again_and_the_mentee_answers_nothing() -> None:
    programme = with_a_past_session()
    mentor = await onboarded(programme, MENTOR)
    mentee = await onboarded(programme, MENTEE, age="14-17")
    forged = await mentee.do(sticky(f"missed:{SESSION}"))
    assert forged.toast is not None
    missed = await mentor.do(sticky(f"missed:{SESSION}"))
    assert missed.replies[0].text.startswith("Thank you for letting me know.")
    assert mentor.at == ("booking", "sessions")
    assert "➕ Propose a time" in labels(missed.replies[-1])
    assert not [notice for notice in programme.notices if notice[1] == "session_recap"]
