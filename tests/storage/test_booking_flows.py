"""Free times, places, booking, proposals, moving and cancelling: the flows on the real services
and a fresh database, as the bot runs them for each update.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from dialogs.timeslots import encode_slot
from storage.models import MenteeRequest, MentorApplication, Pair
from storage.unit_of_work import UnitOfWorkFactory
from tests.real_flows import Clock, RealPerson, actions, labels, service

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)  # a Tuesday, 14:00 in Riga
FIRST_SLOT = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)  # 17:00 in Riga
PLACE = "Jauniešu centrs “Kopā”, Brīvības iela 10, Rīga"
USE_BUTTONS = "Please choose one of the buttons below. If you need help right now, write “help”."


async def onboarded(person: RealPerson, age: str = "26plus") -> RealPerson:
    await person.command("start")
    for action in ("lang:en", "consent:yes", "country:LV", f"age:{age}"):
        await person.press(action)
    return person


async def programme(
    uow_factory: UnitOfWorkFactory,
    mentees: tuple[str, ...] = ("Jānis",),
    clock: Clock | None = None,
) -> tuple[RealPerson, list[RealPerson]]:
    """Anna, an approved mentor, paired with each named young person (all in English)."""
    bot = service(uow_factory, clock or Clock(NOW))
    mentor = await onboarded(RealPerson(bot, "anna"))
    people = [await onboarded(RealPerson(bot, name), "14-17") for name in mentees]
    async with uow_factory() as uow:
        anna = await uow.users.find("telegram", "anna")
        assert anna is not None and anna.id is not None
        uow.session.add(
            MentorApplication(
                user_id=anna.id,
                display_name="Anna",
                age=30,
                languages="en",
                country="LV",
                region="riga",
                areas="money",
                capacity=len(mentees),
                introduction="Hello",
                status="approved",
                submitted_at=NOW,
            )
        )
        for name in mentees:
            row = await uow.users.find("telegram", name)
            assert row is not None and row.id is not None
            uow.session.add(
                MenteeRequest(
                    user_id=row.id,
                    display_name=name,
                    age_group="14-17",
                    country="LV",
                    region="riga",
                    areas="money",
                    languages="en",
                    meeting_format="either",
                    free_times="evenings",
                    status="matched",
                    submitted_at=NOW,
                    updated_at=NOW,
                )
            )
            uow.pairs.add(
                Pair(
                    mentor_id=anna.id,
                    mentee_id=row.id,
                    status="active",
                    started_at=NOW,
                    planned_end_at=NOW + timedelta(days=180),
                )
            )
        await uow.commit()
    return mentor, people


async def add_tuesday_evenings(mentor: RealPerson, where: str | None = PLACE) -> None:
    """Every Tuesday 17:00–19:00; the first free time also asks where they meet."""
    await mentor.command("menu")
    await mentor.press("menu:free_times")
    await mentor.press("free:weekly")
    await mentor.press("wd:1")
    await mentor.press("h:17")
    await mentor.press("len:2")
    if mentor.screen.text.startswith("Where do you meet your mentees?"):
        await mentor.press("where:place")
        await mentor.send(where or PLACE)
    else:
        await mentor.press("ww:usual")


async def test_mentor_sets_a_weekly_time_a_place_and_a_day_off(
    uow_factory: UnitOfWorkFactory,
) -> None:
    mentor, _ = await programme(uow_factory)
    menu = (await mentor.command("menu")).replies[-1]
    assert "🗓 My free times" in labels(menu) and "📋 My sessions" in labels(menu)
    overview = (await mentor.press("menu:free_times")).replies[-1]
    assert "You have not said yet where you meet" in overview.text
    for action in ("free:weekly", "wd:1", "h:17"):
        await mentor.press(action)
    where = (await mentor.press("len:2")).replies[-1]
    assert where.text.startswith("Where do you meet your mentees?")
    await mentor.press("where:place")
    # Rubbish is asked again, and nothing is lost.
    again = await mentor.send("🙂")
    assert again.replies[0].text.startswith("Please write the place and its address")
    saved = await mentor.send(f"  {PLACE} \n")
    assert saved.replies[0].text == "Saved."
    text = saved.replies[-1].text
    assert "Every week:\n• Tuesday: 5:00\u202fPM–7:00\u202fPM" in text
    assert f"Where you usually meet:\n📍 {PLACE}" in text
    await mentor.press("free:dayoff")
    blocked = await mentor.press("off:20261201")
    assert blocked.replies[0].text.startswith("Blocked.")
    assert "Days off:\n• Tue, Dec 1" in blocked.replies[-1].text
    await mentor.press("free:remove")
    removed = await mentor.press("rmd:20261201")
    assert removed.replies[0].text == "Removed."
    assert "Days off" not in removed.replies[-1].text


async def test_a_free_time_online_and_a_new_usual_place(uow_factory: UnitOfWorkFactory) -> None:
    mentor, [mentee] = await programme(uow_factory)
    await add_tuesday_evenings(mentor)
    for action in ("free:oneoff", "day:20261126", "h:9", "len:2"):
        await mentor.press(action)
    assert mentor.screen.text.startswith("Where do you meet at this time?")
    await mentor.press("ww:online")
    wrong = await mentor.send("my zoom")
    assert wrong.replies[0].text.startswith("That does not look like a link.")
    saved = await mentor.send("meet.example.org/anna-janis")
    assert "💻 Online: https://meet.example.org/anna-janis" in saved.replies[-1].text
    # The young person sees where, per time, before booking.
    await mentee.press("menu:book")
    thursday = datetime(2026, 11, 26, 7, 0, tzinfo=UTC)
    confirm = (await mentee.press(f"slot:{encode_slot(thursday)}")).replies[-1]
    assert confirm.text.endswith("\n💻 Online: https://meet.example.org/anna-janis")
    await mentee.press("confirm:no")
    confirm = (await mentee.press(f"slot:{encode_slot(FIRST_SLOT)}")).replies[-1]
    assert confirm.text.endswith(f"\n📍 {PLACE}")


async def test_one_off_time_lengths_stop_before_the_night(uow_factory: UnitOfWorkFactory) -> None:
    mentor, _ = await programme(uow_factory)
    await add_tuesday_evenings(mentor)
    await mentor.press("free:oneoff")
    await mentor.press("day:20261126")
    lengths = (await mentor.press("h:21")).replies[-1]
    assert actions(lengths)[:-1] == ["len:1", "len:2"]
    await mentor.press("len:2")
    saved = await mentor.press("ww:usual")
    assert "Once:\n• Thu, Nov 26: 9:00\u202fPM–11:00\u202fPM" in saved.replies[-1].text


async def test_only_approved_mentors_set_free_times(uow_factory: UnitOfWorkFactory) -> None:
    _mentor, [mentee] = await programme(uow_factory)
    menu = (await mentee.command("menu")).replies[-1]
    assert "🗓 My free times" not in labels(menu) and "📅 Book a session" in labels(menu)
    assert (await mentee.press("menu:free_times")).toast is not None
    stranger = await onboarded(RealPerson(mentee.service, "stranger"), "14-17")
    menu = (await stranger.command("menu")).replies[-1]
    assert "📅 Book a session" not in labels(menu)
    assert (await stranger.press("menu:book")).toast is not None


async def test_mentee_books_and_gets_the_calendar_file(uow_factory: UnitOfWorkFactory) -> None:
    mentor, [mentee] = await programme(uow_factory)
    await add_tuesday_evenings(mentor)
    await mentee.command("menu")
    slots = (await mentee.press("menu:book")).replies[-1]
    assert labels(slots)[0] == "Tue, Nov 24, 5:00\u202fPM"
    assert len(actions(slots)) <= 12 + 2
    hint = await mentee.send("tomorrow?")
    assert hint.replies[0].text == USE_BUTTONS
    forged = await mentee.press(f"slot:{encode_slot(datetime(2026, 11, 24, 9, tzinfo=UTC))}")
    assert forged.toast is not None
    await mentee.press(f"slot:{encode_slot(FIRST_SLOT)}")
    booked = await mentee.press("confirm:yes")
    assert booked.replies[0].text.startswith("Booked: Tuesday, November 24, 5:00\u202fPM.")
    assert "Anna has been told" in booked.replies[0].text
    assert booked.replies[0].text.endswith(f"\n📍 {PLACE}")
    document = booked.replies[1].document
    assert document is not None and document.filename == "session.ics"
    assert b"DTSTART;TZID=Europe/Riga:20261124T170000" in document.content
    assert b"SUMMARY:Mentoring session with Anna" in document.content
    assert "LOCATION:Jauniešu centrs “Kopā”\\, Brīvības iela 10\\, Rīga".encode() in (
        document.content.replace(b"\r\n ", b"")
    )


async def test_paging_through_slots(uow_factory: UnitOfWorkFactory) -> None:
    mentor, [mentee] = await programme(uow_factory)
    await add_tuesday_evenings(mentor)
    for weekday in ("wd:2", "wd:3"):
        for action in ("free:weekly", weekday, "h:9", "len:4", "ww:usual"):
            await mentor.press(action)
    await mentee.command("menu")
    first = (await mentee.press("menu:book")).replies[-1]
    assert len([a for a in actions(first) if a.startswith("slot:")]) == 12
    assert "Later ▶️" in labels(first)
    later = (await mentee.press("page:next")).replies[-1]
    assert "◀️ Earlier" in labels(later)


async def test_a_time_gone_meanwhile_asks_again(uow_factory: UnitOfWorkFactory) -> None:
    mentor, [mentee] = await programme(uow_factory)
    await add_tuesday_evenings(mentor)
    await mentee.command("menu")
    await mentee.press("menu:book")
    await mentee.press(f"slot:{encode_slot(FIRST_SLOT)}")
    # Meanwhile the mentor blocks the day.
    await mentor.press("free:dayoff")
    await mentor.press("off:20261124")
    refused = await mentee.press("confirm:yes")
    assert refused.replies[0].text == "That time is no longer free. Please choose another."
    assert "Tue, Nov 24, 5:00\u202fPM" not in labels(refused.replies[-1])


async def test_move_then_cancel(uow_factory: UnitOfWorkFactory) -> None:
    mentor, [mentee] = await programme(uow_factory)
    await add_tuesday_evenings(mentor)
    await mentee.command("menu")
    await mentee.press("menu:book")
    await mentee.press(f"slot:{encode_slot(FIRST_SLOT)}")
    await mentee.press("confirm:yes")
    listing = (await mentee.press("menu:sessions")).replies[-1]
    assert "— with Anna" in listing.text and f"📍 {PLACE}" in listing.text
    move = next(action for action in actions(listing) if action.startswith("move:"))
    moving = (await mentee.press(move)).replies[-1]
    later = next(action for action in actions(moving) if action.startswith("slot:"))
    assert later != f"slot:{encode_slot(FIRST_SLOT)}"  # its own slot is not offered again
    confirm = (await mentee.press(later)).replies[-1]
    assert confirm.text.startswith(
        "Move your session with Anna from Tuesday, November 24, 5:00\u202fPM to "
    )
    moved = await mentee.press("confirm:yes")
    assert moved.replies[0].text.startswith("Moved:")
    assert b"SEQUENCE:1" in moved.replies[1].document.content  # type: ignore[union-attr]
    cancel = move.replace("move:", "cancel:")
    await mentee.press(cancel)
    cancelled = await mentee.press("cancel:yes")
    assert cancelled.replies[0].text.startswith("Cancelled.")
    assert b"METHOD:CANCEL" in cancelled.replies[1].document.content  # type: ignore[union-attr]
    assert "You have no sessions booked." in cancelled.replies[-1].text


async def test_a_forged_session_id_is_refused(uow_factory: UnitOfWorkFactory) -> None:
    mentor, [mentee, other] = await programme(uow_factory, ("Jānis", "Līga"))
    await add_tuesday_evenings(mentor)
    await mentee.command("menu")
    await mentee.press("menu:book")
    await mentee.press(f"slot:{encode_slot(FIRST_SLOT)}")
    await mentee.press("confirm:yes")
    await other.command("menu")
    await other.press("menu:sessions")
    assert (await other.press("cancel:1")).toast is not None
    assert (await other.press("move:1")).toast is not None
    assert (await other.press("proposal:yes:1", version=None)).toast is not None
    listing = (await mentee.press("menu:sessions")).replies[-1]
    assert "— with Anna" in listing.text


async def test_mentor_proposes_and_the_young_person_accepts(
    uow_factory: UnitOfWorkFactory,
) -> None:
    mentor, [mentee] = await programme(uow_factory)
    await add_tuesday_evenings(mentor)
    await mentor.command("menu")
    await mentor.press("menu:sessions")
    slots = (await mentor.press("sessions:propose")).replies[-1]
    confirm = (await mentor.press(actions(slots)[0])).replies[-1]
    assert confirm.text.startswith("Propose Tuesday, November 24, 5:00\u202fPM to your mentee?")
    sent = await mentor.press("confirm:yes")
    assert sent.replies[0].text.startswith("Sent: Jānis is asked whether")
    assert all(reply.document is None for reply in sent.replies)  # nothing booked yet
    listing = (await mentor.press("menu:sessions")).replies[-1]
    assert "⏳ Proposed: waiting for their answer" in listing.text
    assert labels(listing)[0].startswith("↩️ Withdraw")
    # The young person answers from their list (the notice's buttons are the same).
    await mentee.command("menu")
    theirs = (await mentee.press("menu:sessions")).replies[-1]
    assert "❓ Proposed: does it suit you?" in theirs.text
    accept = next(action for action in actions(theirs) if action.startswith("proposal:yes:"))
    accepted = await mentee.press(accept, version=None)
    assert accepted.replies[0].text.startswith("Booked: Tuesday, November 24, 5:00\u202fPM.")
    assert accepted.replies[1].document is not None
    # Answered once: the same button again changes nothing, nor does the mentor's old withdraw.
    assert (await mentee.press(accept, version=None)).toast is not None
    withdraw = accept.replace("proposal:yes:", "withdraw:")
    assert (await mentor.press(withdraw)).toast is not None
    assert "— with Anna" in (await mentee.press("menu:sessions")).replies[-1].text


async def test_declining_offers_a_time_of_ones_own(uow_factory: UnitOfWorkFactory) -> None:
    mentor, [mentee] = await programme(uow_factory)
    await add_tuesday_evenings(mentor)
    await mentor.command("menu")
    await mentor.press("menu:sessions")
    slots = (await mentor.press("sessions:propose")).replies[-1]
    await mentor.press(actions(slots)[0])
    await mentor.press("confirm:yes")
    await mentee.command("menu")
    theirs = (await mentee.press("menu:sessions")).replies[-1]
    decline = next(action for action in actions(theirs) if action.startswith("proposal:no:"))
    declined = (await mentee.press(decline, version=None)).replies[-1]
    assert declined.text.startswith("Okay, your mentor has been told that it does not suit you.")
    slots = (await mentee.press("declined:choose")).replies[-1]
    assert any(action.startswith("slot:") for action in actions(slots))
    await mentee.press(next(a for a in actions(slots) if a.startswith("slot:")))
    booked = await mentee.press("confirm:yes")
    assert booked.replies[0].text.startswith("Booked:")


async def test_a_mentors_move_is_asked_not_imposed(uow_factory: UnitOfWorkFactory) -> None:
    mentor, [mentee] = await programme(uow_factory)
    await add_tuesday_evenings(mentor)
    await mentee.command("menu")
    await mentee.press("menu:book")
    await mentee.press(f"slot:{encode_slot(FIRST_SLOT)}")
    await mentee.press("confirm:yes")
    await mentor.command("menu")
    listing = (await mentor.press("menu:sessions")).replies[-1]
    move = next(action for action in actions(listing) if action.startswith("move:"))
    slots = (await mentor.press(move)).replies[-1]
    later = next(action for action in actions(slots) if action.startswith("slot:"))
    confirm = (await mentor.press(later)).replies[-1]
    assert confirm.text.startswith("Propose to move your session with Jānis from Tuesday")
    assert "It stays on Tuesday, November 24, 5:00\u202fPM until they accept." in confirm.text
    await mentor.press("confirm:yes")
    listing = (await mentor.press("menu:sessions")).replies[-1]
    assert "• " in listing.text and "⏳ You proposed moving it to" in listing.text
    assert labels(listing)[0] == "✏️ Move 11/24/26, 5:00\u202fPM"  # where it still is
    theirs = (await mentee.press("menu:sessions")).replies[-1]
    assert "❓ Your mentor proposes moving it to" in theirs.text
    decline = next(action for action in actions(theirs) if action.startswith("proposal:no:"))
    await mentee.press(decline, version=None)
    kept = (await mentee.press("back")).replies[-1]
    assert "Your mentor proposes" not in kept.text and "— with Anna" in kept.text


async def test_a_mentor_of_two_chooses_the_mentee_first(uow_factory: UnitOfWorkFactory) -> None:
    mentor, _ = await programme(uow_factory, ("Jānis", "Līga"))
    await add_tuesday_evenings(mentor)
    await mentor.command("menu")
    await mentor.press("menu:sessions")
    choice = (await mentor.press("sessions:propose")).replies[-1]
    assert labels(choice)[:2] == ["Jānis", "Līga"]
    assert (await mentor.press("pair:99")).toast is not None  # not their pair
    pair = actions(choice)[1]
    slots = (await mentor.press(pair)).replies[-1]
    await mentor.press(actions(slots)[0])
    sent = await mentor.press("confirm:yes")
    assert sent.replies[0].text.startswith("Sent: Līga is asked whether")
