"""After a session, on the real services: did it happen, the plan, the rating, the history."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from dialogs.timeslots import encode_slot
from storage.models import PlanItem
from storage.outbox import OutboxMessage
from storage.unit_of_work import UnitOfWorkFactory
from tests.real_flows import Clock, RealPerson, actions, labels
from tests.storage.test_booking_flows import FIRST_SLOT, NOW, add_tuesday_evenings, programme

SESSION = 1  # the first session of a fresh database


async def held_two_hours_ago(
    uow_factory: UnitOfWorkFactory, mentees: tuple[str, ...] = ("Jānis",)
) -> tuple[RealPerson, list[RealPerson], Clock]:
    """Anna and Jānis booked 17:00 today; the clock is now 19:00."""
    clock = Clock(NOW)
    mentor, people = await programme(uow_factory, mentees, clock)
    await add_tuesday_evenings(mentor)
    await people[0].command("menu")
    await people[0].press("menu:book")
    await people[0].press(f"slot:{encode_slot(FIRST_SLOT)}")
    await people[0].press("confirm:yes")
    clock.now = FIRST_SLOT + timedelta(hours=2)
    return mentor, people, clock


async def plan_of(uow_factory: UnitOfWorkFactory) -> list[tuple[int, str, bool]]:
    async with uow_factory() as uow:
        rows = (await uow.session.exec(select(PlanItem).order_by(PlanItem.id))).all()  # type: ignore[arg-type]
        return [(row.id, row.text, row.done_at is not None) for row in rows]  # type: ignore[misc]


async def outbox_kinds(uow_factory: UnitOfWorkFactory) -> list[str]:
    async with uow_factory() as uow:
        return list((await uow.session.exec(select(OutboxMessage.kind))).all())


async def test_held_asks_for_the_plan_and_sends_it_to_the_mentee(
    uow_factory: UnitOfWorkFactory,
) -> None:
    mentor, _, _clock = await held_two_hours_ago(uow_factory)
    asked = await mentor.press(f"held:{SESSION}", version=None)
    assert asked.replies[-1].text.startswith("Good to hear! What did you agree to do")
    assert labels(asked.replies[-1]) == ["Skip"]

    eleven = "\n".join(f"Step {n}" for n in range(11))
    refused = await mentor.send(eleven)
    assert refused.replies[0].text == "That is 11 lines; please keep the plan to 10 at most."
    refused = await mentor.send("Read a chapter\n" + "x" * 201)
    assert refused.replies[0].text.startswith("Line 2 is too long")

    saved = await mentor.send("- Read a chapter\n\n• Call the school  \n")
    assert saved.replies[0].text.startswith("Saved, and sent to your mentee.")
    assert [text for _id, text, _done in await plan_of(uow_factory)] == [
        "Read a chapter",
        "Call the school",
    ]
    assert "session_recap" in await outbox_kinds(uow_factory)
    again = await mentor.press(f"missed:{SESSION}", version=None)
    assert again.replies[0].text == "You have already told me about this session. Thank you!"


async def test_only_the_mentee_rates_and_only_once(uow_factory: UnitOfWorkFactory) -> None:
    mentor, [mentee], _clock = await held_two_hours_ago(uow_factory)
    await mentor.press(f"held:{SESSION}", version=None)
    await mentor.press("plan:skip")
    assert await plan_of(uow_factory) == []
    stale = await mentor.press(f"rate:{SESSION}:5", version=None)
    assert stale.toast is not None  # not the mentee: treated as an expired button
    thanked = await mentee.press(f"rate:{SESSION}:4", version=None)
    assert thanked.replies[0].text.startswith("Thank you!")
    again = await mentee.press(f"rate:{SESSION}:5", version=None)
    assert again.replies[0].text == "You have already rated this session. Thank you!"


async def test_missed_suggests_booking_again_and_the_mentee_answers_nothing(
    uow_factory: UnitOfWorkFactory,
) -> None:
    mentor, [mentee], _clock = await held_two_hours_ago(uow_factory)
    forged = await mentee.press(f"missed:{SESSION}", version=None)
    assert forged.toast is not None
    missed = await mentor.press(f"missed:{SESSION}", version=None)
    assert missed.replies[0].text.startswith("Thank you for letting me know.")
    assert "➕ Propose a time" in labels(missed.replies[-1])
    assert "session_recap" not in await outbox_kinds(uow_factory)


async def with_a_plan(uow_factory: UnitOfWorkFactory) -> tuple[RealPerson, list[RealPerson]]:
    """Anna and Jānis held their session and agreed two steps; Anna mentors Līga too."""
    mentor, people, _clock = await held_two_hours_ago(uow_factory, ("Jānis", "Līga"))
    await mentor.press(f"held:{SESSION}", version=None)
    await mentor.send("Read a chapter of the book on money skills\nCall the school")
    await people[0].press(f"rate:{SESSION}:4", version=None)
    return mentor, people


async def test_the_mentee_sees_the_plan_and_ticks_it_off(uow_factory: UnitOfWorkFactory) -> None:
    _mentor, [mentee, other] = await with_a_plan(uow_factory)
    await mentee.command("menu")
    screen = (await mentee.press("menu:my_mentor")).replies[-1]
    assert "No session booked yet." in screen.text
    assert "Plan until the next meeting: 0 of 2 done" in screen.text
    [(first, _, _), (second, _, _)] = await plan_of(uow_factory)
    assert labels(screen)[:2] == ["☐ Read a chapter of the book on money s…", "☐ Call the school"]
    assert actions(screen)[:2] == [f"plan:tick:{first}", f"plan:tick:{second}"]

    ticked = (await mentee.press(f"plan:tick:{second}")).replies[-1]
    assert "1 of 2 done" in ticked.text and labels(ticked)[1] == "✅ Call the school"
    unticked = (await mentee.press(f"plan:tick:{second}")).replies[-1]
    assert labels(unticked)[1] == "☐ Call the school"
    # Another of Anna's mentees cannot reach Jānis's plan.
    await other.command("menu")
    await other.press("menu:my_mentor")
    assert (await other.press(f"plan:tick:{first}")).toast is not None
    assert [done for _id, _text, done in await plan_of(uow_factory)] == [False, False]


async def test_the_mentor_sees_each_mentees_progress_but_may_not_tick(
    uow_factory: UnitOfWorkFactory,
) -> None:
    mentor, [mentee, _other] = await with_a_plan(uow_factory)
    [(first, _, _), (second, _, _)] = await plan_of(uow_factory)
    await mentee.command("menu")
    await mentee.press("menu:my_mentor")
    await mentee.press(f"plan:tick:{second}")
    await mentor.command("menu")
    screen = (await mentor.press("menu:my_mentees")).replies[-1]
    assert "Plan until the next meeting: 1 of 2 done" in screen.text
    assert "☐ Read a chapter of the book on money skills\n✅ Call the school" in screen.text
    assert "History with Jānis" in " ".join(labels(screen))
    assert (await mentor.press(f"plan:tick:{first}")).toast is not None
    assert [done for _id, _text, done in await plan_of(uow_factory)] == [False, True]


async def test_history_shows_only_the_viewers_own_pair(uow_factory: UnitOfWorkFactory) -> None:
    _mentor, [mentee, other] = await with_a_plan(uow_factory)
    await mentee.command("menu")
    screen = (await mentee.press("menu:my_mentor")).replies[-1]
    history_action = next(a for a in actions(screen) if a.startswith("history:"))
    history = (await mentee.press(history_action)).replies[-1]
    assert history.text.startswith("Sessions so far, newest first:")
    assert ": held, rated 4 of 5" in history.text
    await other.command("menu")
    await other.press("menu:my_mentor")
    assert (await other.press(history_action)).toast is not None


async def test_the_nudge_button_opens_the_mentees_plan_from_anywhere(
    uow_factory: UnitOfWorkFactory,
) -> None:
    mentor, [mentee, _other] = await with_a_plan(uow_factory)
    await mentee.command("help")
    opened = await mentee.press("my_mentor", version=None)
    assert "0 of 2 done" in opened.replies[-1].text
    stranger = RealPerson(mentor.service, "stranger")
    await stranger.command("start")
    for action in ("lang:en", "consent:yes", "country:LV", "age:14-17"):
        await stranger.press(action)
    assert (await stranger.press("my_mentor", version=None)).toast is not None


async def test_quiet_nights_say_what_they_do(uow_factory: UnitOfWorkFactory) -> None:
    _mentor, [mentee, _other] = await with_a_plan(uow_factory)
    await mentee.command("menu")
    screen = (await mentee.press("menu:my_mentor")).replies[-1]
    assert "🌙 Quiet nights: off" in labels(screen)
    on = await mentee.press("quiet:on")
    assert on.replies[0].text.startswith("Quiet nights are on: messages written to you")
    assert "🌙 Quiet nights: on" in labels(on.replies[-1])
    off = await mentee.press("quiet:off")
    assert off.replies[0].text.startswith("Quiet nights are off")
