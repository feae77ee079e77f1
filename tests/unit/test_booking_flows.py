"""Free times, booking, moving and cancelling, on the pure engine with fake services."""

from __future__ import annotations

from datetime import UTC, datetime

from dialogs.events import ActionEvent, CommandEvent, TextEvent
from dialogs.ports import ApplicationAnswers, ApplicationView
from dialogs.timeslots import decode_slot, encode_slot
from tests.fakes import SUBMITTED_AT, Programme
from tests.unit.test_mentoring_flows import onboarded

MENTOR, MENTEE = 10, 20
ANSWERS = ApplicationAnswers("Anna", 27, ("lv",), "LV", "riga", ("money",), 2, "Hello!")
FIRST_SLOT = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)  # Tuesday 17:00 in Riga


def programme_with_pair() -> Programme:
    programme = Programme()
    programme.applications[MENTOR] = ApplicationView(MENTOR, ANSWERS, "approved", SUBMITTED_AT)
    programme.calendar.pairs[1] = (MENTOR, MENTEE)
    programme.calendar.names.update({MENTOR: "Anna", MENTEE: "Jānis"})
    return programme


def labels(reply) -> list[str]:  # type: ignore[no-untyped-def]
    return [button.label for row in reply.buttons for button in row]


def actions(reply) -> list[str]:  # type: ignore[no-untyped-def]
    return [button.action for row in reply.buttons for button in row]


async def add_tuesday_evenings(mentor) -> object:  # type: ignore[no-untyped-def]
    await mentor.press("menu:free_times")
    await mentor.press("free:weekly")
    await mentor.press("wd:1")
    await mentor.press("h:17")
    return await mentor.press("len:2")


async def test_mentor_sets_a_weekly_time_and_a_day_off() -> None:
    programme = programme_with_pair()
    mentor = await onboarded(programme, MENTOR)
    menu = (await mentor.do(CommandEvent("menu"))).replies[-1]
    assert "🗓 My free times" in labels(menu) and "📋 My sessions" in labels(menu)
    saved = await add_tuesday_evenings(mentor)
    assert saved.replies[0].text == "Saved."
    assert "Every week:\n• Tuesday: 5:00\u202fPM–7:00\u202fPM" in saved.replies[-1].text
    await mentor.press("free:dayoff")
    blocked = await mentor.press("off:20261201")
    assert blocked.replies[0].text.startswith("Blocked.")
    assert "Days off:\n• Tue, Dec 1" in blocked.replies[-1].text
    await mentor.press("free:remove")
    removed = await mentor.press("rmd:20261201")
    assert removed.replies[0].text == "Removed."
    assert "Days off" not in removed.replies[-1].text


async def test_one_off_time_lengths_stop_before_the_night() -> None:
    mentor = await onboarded(programme_with_pair(), MENTOR)
    await mentor.press("menu:free_times")
    await mentor.press("free:oneoff")
    await mentor.press("day:20261126")
    lengths = (await mentor.press("h:21")).replies[-1]
    assert actions(lengths)[:-1] == ["len:1", "len:2"]
    saved = await mentor.press("len:2")
    assert "Once:\n• Thu, Nov 26: 9:00\u202fPM–11:00\u202fPM" in saved.replies[-1].text


async def test_only_approved_mentors_set_free_times() -> None:
    programme = programme_with_pair()
    mentee = await onboarded(programme, MENTEE, age="14-17")
    menu = (await mentee.do(CommandEvent("menu"))).replies[-1]
    assert "🗓 My free times" not in labels(menu) and "📅 Book a session" in labels(menu)
    assert (await mentee.press("menu:free_times")).toast is not None
    stranger = await onboarded(programme, 30, age="14-17")
    menu = (await stranger.do(CommandEvent("menu"))).replies[-1]
    assert "📅 Book a session" not in labels(menu)
    assert (await stranger.press("menu:book")).toast is not None


async def test_mentee_books_and_gets_the_calendar_file() -> None:
    programme = programme_with_pair()
    await add_tuesday_evenings(await onboarded(programme, MENTOR))
    mentee = await onboarded(programme, MENTEE, age="14-17")
    slots = (await mentee.press("menu:book")).replies[-1]
    assert "Europe/Riga" in slots.text
    assert labels(slots)[0] == "Tue, Nov 24, 5:00\u202fPM"
    assert len(actions(slots)) <= 12 + 2
    hint = await mentee.do(TextEvent("tomorrow?"))
    assert (
        hint.replies[0].text
        == "Please choose one of the buttons below. If you need help right now, write “help”."
    )
    forged = await mentee.press(f"slot:{encode_slot(datetime(2026, 11, 24, 9, tzinfo=UTC))}")
    assert forged.toast is not None
    await mentee.press(f"slot:{encode_slot(FIRST_SLOT)}")
    booked = await mentee.press("confirm:yes")
    assert booked.replies[0].text.startswith("Booked: Tuesday, November 24, 2026")
    assert "Anna has been told" in booked.replies[0].text
    document = booked.replies[1].document
    assert document is not None and document.filename == "session.ics"
    assert b"DTSTART;TZID=Europe/Riga:20261124T170000" in document.content
    assert b"SUMMARY:Mentoring session with Anna" in document.content
    assert mentee.at == ("menu", "main")
    assert programme.notices == [(MENTOR, "session_booked", {})]


async def test_paging_through_slots() -> None:
    programme = programme_with_pair()
    mentor = await onboarded(programme, MENTOR)
    for weekday in ("wd:2", "wd:3"):
        await mentor.press("menu:free_times")
        await mentor.press("free:weekly")
        await mentor.press(weekday)
        await mentor.press("h:9")
        await mentor.press("len:4")
        await mentor.do(CommandEvent("menu"))
    mentee = await onboarded(programme, MENTEE, age="14-17")
    first = (await mentee.press("menu:book")).replies[-1]
    assert len([a for a in actions(first) if a.startswith("slot:")]) == 12
    assert "Later ▶️" in labels(first)
    later = (await mentee.press("page:next")).replies[-1]
    assert "◀️ Earlier" in labels(later)


async def test_taken_meanwhile_asks_again() -> None:
    programme = programme_with_pair()
    await add_tuesday_evenings(await onboarded(programme, MENTOR))
    mentee = await onboarded(programme, MENTEE, age="14-17")
    await mentee.press("menu:book")
    await mentee.press(f"slot:{encode_slot(FIRST_SLOT)}")
    programme.calendar.windows.clear()  # the mentor removed the time meanwhile
    refused = await mentee.press("confirm:yes")
    assert refused.replies[0].text.startswith("Sorry, that time has just been taken.")
    assert mentee.at == ("booking", "slots")


async def test_move_then_cancel() -> None:
    programme = programme_with_pair()
    await add_tuesday_evenings(await onboarded(programme, MENTOR))
    mentee = await onboarded(programme, MENTEE, age="14-17")
    await mentee.press("menu:book")
    await mentee.press(f"slot:{encode_slot(FIRST_SLOT)}")
    await mentee.press("confirm:yes")
    listing = (await mentee.press("menu:sessions")).replies[-1]
    assert "• 11/24/26, 5:00\u202fPM — with Anna" in listing.text
    moving = (await mentee.press("move:1")).replies[-1]
    later = next(action for action in actions(moving) if action.startswith("slot:"))
    assert later != f"slot:{encode_slot(FIRST_SLOT)}"  # its own slot is not offered again
    confirm = (await mentee.press(later)).replies[-1]
    assert confirm.text.startswith("Move your session with Anna from 11/24/26, 5:00\u202fPM")
    moved = await mentee.press("confirm:yes")
    assert moved.replies[0].text.startswith("Moved:")
    assert b"SEQUENCE:1" in moved.replies[1].document.content
    assert mentee.at == ("booking", "sessions")
    await mentee.press("cancel:1")
    cancelled = await mentee.press("cancel:yes")
    assert cancelled.replies[0].text.startswith("Cancelled.")
    assert b"METHOD:CANCEL" in cancelled.replies[1].document.content
    assert "You have no sessions booked." in cancelled.replies[-1].text
    kinds = [kind for _user, kind, _payload in programme.notices]
    assert kinds == ["session_booked", "session_moved", "session_cancelled"]


async def test_a_forged_session_id_is_refused() -> None:
    programme = programme_with_pair()
    await add_tuesday_evenings(await onboarded(programme, MENTOR))
    mentee = await onboarded(programme, MENTEE, age="14-17")
    await mentee.press("menu:book")
    await mentee.press(f"slot:{encode_slot(FIRST_SLOT)}")
    await mentee.press("confirm:yes")
    programme.calendar.pairs[2] = (MENTOR, 21)
    stranger = await onboarded(programme, 21, age="14-17")
    await stranger.press("menu:sessions")
    assert (await stranger.press("cancel:1")).toast is not None
    assert (await stranger.press("move:1")).toast is not None
    assert programme.calendar.sessions[1][2].status == "booked"


async def test_mentor_proposes_a_time_from_the_list() -> None:
    programme = programme_with_pair()
    mentor = await onboarded(programme, MENTOR)
    await add_tuesday_evenings(mentor)
    await mentor.do(CommandEvent("menu"))
    await mentor.press("menu:sessions")
    slots = (await mentor.press("sessions:propose")).replies[-1]
    await mentor.press(actions(slots)[0])
    confirm = (await mentor.press("confirm:yes")).replies
    assert confirm[0].text.startswith("Booked:") and "Jānis has been told" in confirm[0].text
    assert programme.notices == [(MENTEE, "session_proposed", {})]
    assert mentor.at == ("booking", "sessions")


async def test_sticky_sessions_button_opens_the_list_from_anywhere() -> None:
    programme = programme_with_pair()
    mentee = await onboarded(programme, MENTEE, age="14-17")
    await mentee.do(CommandEvent("help"))
    opened = await mentee.do(ActionEvent("sessions", None))
    assert mentee.at == ("booking", "sessions")
    assert "You have no sessions booked." in opened.replies[-1].text


async def test_a_mentor_of_two_chooses_the_mentee_first() -> None:
    programme = programme_with_pair()
    programme.calendar.pairs[2] = (MENTOR, 21)
    programme.calendar.names[21] = "Līga"
    mentor = await onboarded(programme, MENTOR)
    await add_tuesday_evenings(mentor)
    await mentor.do(CommandEvent("menu"))
    await mentor.press("menu:sessions")
    choice = (await mentor.press("sessions:propose")).replies[-1]
    assert labels(choice)[:2] == ["Jānis", "Līga"]
    assert (await mentor.press("pair:99")).toast is not None  # not their pair
    slots = (await mentor.press("pair:2")).replies[-1]
    await mentor.press(actions(slots)[0])
    await mentor.press("confirm:yes")
    assert programme.notices == [(21, "session_proposed", {})]
    assert mentor.at == ("booking", "sessions")


def test_slot_codes_round_trip_and_refuse_rubbish() -> None:
    code = encode_slot(FIRST_SLOT)
    assert decode_slot(code) == FIRST_SLOT and len(code) <= 8
    assert decode_slot("") is None and decode_slot("ZZ!") is None and decode_slot("z" * 9) is None
