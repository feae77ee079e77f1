"""Free times, booking, moving and cancelling against the real databases."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import func, select

import dialogs.flows.booking  # noqa: F401  (registers the session notices)
from bot.services.booking import BookingService
from dialogs.i18n import Catalogues
from dialogs.notices import render_notice
from dialogs.ports import Where
from storage.models import MentorApplication, MentoringSession, Pair
from storage.outbox import OutboxMessage
from storage.unit_of_work import UnitOfWorkFactory

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)  # a Tuesday
FIRST = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)  # 17:00 in Riga
SECOND = FIRST + timedelta(hours=1)
MENTOR = "mentor"


async def make_user(uow_factory: UnitOfWorkFactory, external_id: str) -> int:
    async with uow_factory() as uow:
        user = await uow.users.get_or_create("telegram", external_id, "en")
        user.country = "LV"
        uow.session.add(user)
        await uow.commit()
        return user.id  # type: ignore[return-value]


async def as_user(uow_factory, external_id, action, now=NOW):  # type: ignore[no-untyped-def]
    """Run one service call as the given user, in one unit of work, and commit."""
    async with uow_factory() as uow:
        # Writing first, as every update does, takes SQLite's write lock before any read.
        user = await uow.users.get_or_create("telegram", external_id, "en")
        result = await action(BookingService(uow, user, now))
        await uow.commit()
        return result


async def programme(uow_factory: UnitOfWorkFactory, mentees: int = 1) -> list[int]:
    """An approved mentor free on Tuesdays 17-19 (Riga), paired with `mentees` young people."""
    mentor = await make_user(uow_factory, MENTOR)
    ids = [await make_user(uow_factory, f"mentee{n}") for n in range(mentees)]
    async with uow_factory() as uow:
        uow.session.add(
            MentorApplication(
                user_id=mentor,
                display_name="Anna",
                age=30,
                languages="lv",
                country="LV",
                region="riga",
                areas="money",
                capacity=mentees,
                introduction="Hi",
                status="approved",
                submitted_at=NOW,
            )
        )
        for mentee in ids:
            uow.pairs.add(
                Pair(
                    mentor_id=mentor,
                    mentee_id=mentee,
                    status="active",
                    started_at=NOW,
                    planned_end_at=NOW + timedelta(days=180),
                )
            )
        await uow.commit()
    assert await as_user(uow_factory, MENTOR, lambda s: s.add_weekly(1, time(17), time(19)))
    return ids


@dataclass(frozen=True)
class Sent:
    user_id: int
    kind: str
    payload: dict


async def outbox(uow_factory: UnitOfWorkFactory) -> list[Sent]:
    async with uow_factory() as uow:
        query = select(OutboxMessage).order_by(OutboxMessage.id)  # type: ignore[arg-type]
        rows = (await uow.session.exec(query)).all()
        return [Sent(row.user_id, row.kind, json.loads(row.payload)) for row in rows]


async def booked_count(uow_factory: UnitOfWorkFactory) -> int:
    async with uow_factory() as uow:
        query = select(func.count()).where(MentoringSession.status == "booked")
        return (await uow.session.exec(query)).one()


def rendered(message: Sent):  # type: ignore[no-untyped-def]
    translator = Catalogues().translator("en", "Europe/Riga").as_of(NOW)
    return render_notice(message.kind, message.payload, translator)


async def test_windows_days_off_and_free_slots(uow_factory: UnitOfWorkFactory) -> None:
    await programme(uow_factory)
    await as_user(
        uow_factory, MENTOR, lambda s: s.add_one_off(date(2026, 11, 26), time(9), time(10))
    )
    await as_user(uow_factory, MENTOR, lambda s: s.add_day_off(date(2026, 12, 1)))
    slots = await as_user(uow_factory, "mentee0", lambda s: s.free_slots())
    assert slots[:3] == [FIRST, SECOND, datetime(2026, 11, 26, 7, 0, tzinfo=UTC)]
    assert datetime(2026, 12, 1, 15, 0, tzinfo=UTC) not in slots  # the day off
    assert datetime(2026, 12, 8, 15, 0, tzinfo=UTC) in slots
    view = await as_user(uow_factory, MENTOR, lambda s: s.my_availability())
    assert {(w.weekday, w.day) for w in view.windows} == {(1, None), (None, date(2026, 11, 26))}
    assert view.days_off == (date(2026, 12, 1),)
    # Not a mentor: nothing is added.
    assert not await as_user(uow_factory, "mentee0", lambda s: s.add_weekly(0, time(9), time(10)))


async def test_book_tells_the_mentor_with_a_calendar_file(uow_factory: UnitOfWorkFactory) -> None:
    await programme(uow_factory)
    result = await as_user(uow_factory, "mentee0", lambda s: s.book(FIRST))
    assert result.ok and result.session.starts_at == FIRST and result.session.partner == "Anna"
    slots = await as_user(uow_factory, "mentee0", lambda s: s.free_slots())
    assert FIRST not in slots and SECOND in slots
    # Besides this news the outbox holds the session's reminders (tests/storage/test_reminders.py).
    [message] = [m for m in await outbox(uow_factory) if m.kind == "session_booked"]
    text, document = rendered(message)
    assert text.text.startswith("Your mentee booked a session with you: Tuesday, November 24")
    assert document.document.filename == "session.ics"
    assert b"DTSTART;TZID=Europe/Riga:20261124T170000" in document.document.content
    again = await as_user(uow_factory, "mentee0", lambda s: s.book(FIRST))
    assert again.outcome == "taken"
    too_soon = await as_user(uow_factory, "mentee0", lambda s: s.book(NOW + timedelta(hours=1)))
    assert too_soon.outcome == "too_soon"
    odd = await as_user(uow_factory, "mentee0", lambda s: s.book(FIRST + timedelta(days=1)))
    assert odd.outcome == "not_free"


async def test_fifty_mentees_racing_for_one_slot_get_it_once(
    uow_factory: UnitOfWorkFactory,
) -> None:
    await programme(uow_factory, mentees=50)
    results = await asyncio.gather(
        *(as_user(uow_factory, f"mentee{n}", lambda s: s.book(FIRST)) for n in range(50))
    )
    outcomes = sorted(result.outcome for result in results)
    assert outcomes == ["ok"] + ["taken"] * 49
    assert await booked_count(uow_factory) == 1


async def test_one_mentee_tapping_fifty_times_books_once(uow_factory: UnitOfWorkFactory) -> None:
    await programme(uow_factory)
    results = await asyncio.gather(
        *(as_user(uow_factory, "mentee0", lambda s: s.book(FIRST)) for _ in range(50))
    )
    assert sorted(result.outcome for result in results) == ["ok"] + ["taken"] * 49
    assert await booked_count(uow_factory) == 1


async def test_move_frees_the_old_slot_and_tells_the_other(
    uow_factory: UnitOfWorkFactory,
) -> None:
    await programme(uow_factory)
    booked = await as_user(uow_factory, "mentee0", lambda s: s.book(FIRST))
    moved = await as_user(uow_factory, "mentee0", lambda s: s.reschedule(booked.session.id, SECOND))
    assert moved.ok and moved.session.starts_at == SECOND and moved.session.sequence == 1
    slots = await as_user(uow_factory, "mentee0", lambda s: s.free_slots())
    assert FIRST in slots and SECOND not in slots
    message = (await outbox(uow_factory))[-1]
    assert message.kind == "session_moved"
    text, document = rendered(message)
    assert (
        "from Tuesday, November 24, 5:00\u202fPM to Tuesday, November 24, 6:00\u202fPM."
        in text.text
    )
    assert b"SEQUENCE:1" in document.document.content


async def test_cancel_frees_the_slot_with_a_cancelling_calendar_file(
    uow_factory: UnitOfWorkFactory,
) -> None:
    [mentee] = await programme(uow_factory)
    booked = await as_user(uow_factory, "mentee0", lambda s: s.book(FIRST))
    cancelled = await as_user(uow_factory, MENTOR, lambda s: s.cancel(booked.session.id))
    assert cancelled.ok and cancelled.session.status == "cancelled"
    assert FIRST in await as_user(uow_factory, "mentee0", lambda s: s.free_slots())
    assert await as_user(uow_factory, "mentee0", lambda s: s.my_sessions()) == []
    message = (await outbox(uow_factory))[-1]
    assert (message.user_id, message.kind) == (mentee, "session_cancelled")
    text, document = rendered(message)
    assert text.text.startswith("Anna cancelled your session")
    content = document.document.content
    assert b"METHOD:CANCEL" in content and b"STATUS:CANCELLED" in content
    assert b"SEQUENCE:1" in content
    # The freed slot can be booked again.
    assert (await as_user(uow_factory, "mentee0", lambda s: s.book(FIRST))).ok


async def test_strangers_cannot_touch_someone_elses_session(
    uow_factory: UnitOfWorkFactory,
) -> None:
    await programme(uow_factory, mentees=2)
    await make_user(uow_factory, "outsider")
    booked = await as_user(uow_factory, "mentee0", lambda s: s.book(FIRST))
    session_id = booked.session.id
    for who in ("mentee1", "outsider"):
        assert (
            await as_user(uow_factory, who, lambda s: s.cancel(session_id))
        ).outcome == "refused"
        moved = await as_user(uow_factory, who, lambda s: s.reschedule(session_id, SECOND))
        assert moved.outcome == "refused"
        assert await as_user(uow_factory, who, lambda s: s.my_sessions()) == []
    assert await booked_count(uow_factory) == 1
    # Nor can a mentee propose for a pair they do not mentor.
    assert (await as_user(uow_factory, "mentee1", lambda s: s.propose(1, SECOND))).outcome == (
        "refused"
    )


async def reminders_of(uow_factory: UnitOfWorkFactory, session_id: int) -> list[Sent]:
    return [
        m
        for m in await outbox(uow_factory)
        if m.kind == "session_reminder" and m.payload["session"] == session_id
    ]


async def test_a_proposed_time_is_booked_only_when_the_mentee_accepts(
    uow_factory: UnitOfWorkFactory,
) -> None:
    [mentee] = await programme(uow_factory)
    [pair] = await as_user(uow_factory, MENTOR, lambda s: s.my_pairs())
    proposed = await as_user(uow_factory, MENTOR, lambda s: s.propose(pair.pair_id, FIRST))
    assert proposed.outcome == "proposed" and proposed.session.status == "proposed"
    session_id = proposed.session.id
    message = (await outbox(uow_factory))[-1]
    assert (message.user_id, message.kind) == (mentee, "session_proposed")
    text, *_ = rendered(message)
    assert text.buttons[0][0].action == f"proposal:yes:{session_id}"
    # Not booked: nobody is reminded, and the slot is still free for the mentee to take.
    assert await booked_count(uow_factory) == 0
    assert await reminders_of(uow_factory, session_id) == []
    # Only the mentee answers; the mentor cannot accept their own proposal.
    assert (
        await as_user(uow_factory, MENTOR, lambda s: s.answer_proposal(session_id, True))
    ).outcome == "refused"
    [view] = await as_user(uow_factory, "mentee0", lambda s: s.my_sessions())
    assert view.status == "proposed" and view.partner == "Anna"
    accepted = await as_user(uow_factory, "mentee0", lambda s: s.answer_proposal(session_id, True))
    assert accepted.ok and accepted.session.status == "booked" and accepted.session.sequence == 0
    assert await booked_count(uow_factory) == 1
    # Proposed and accepted the same day: the hour-before reminder, to both.
    assert len(await reminders_of(uow_factory, session_id)) == 2
    told = (await outbox(uow_factory))[-1]
    assert (told.kind, told.user_id) == ("proposal_accepted", 1)
    # Answered: a second press on the old notice changes nothing.
    again = await as_user(uow_factory, "mentee0", lambda s: s.answer_proposal(session_id, False))
    assert again.outcome == "refused"


async def test_a_declined_proposal_books_nothing_and_tells_the_mentor(
    uow_factory: UnitOfWorkFactory,
) -> None:
    await programme(uow_factory)
    [pair] = await as_user(uow_factory, MENTOR, lambda s: s.my_pairs())
    proposed = await as_user(uow_factory, MENTOR, lambda s: s.propose(pair.pair_id, FIRST))
    declined = await as_user(
        uow_factory, "mentee0", lambda s: s.answer_proposal(proposed.session.id, False)
    )
    assert declined.ok and declined.session.status == "declined"
    assert await as_user(uow_factory, "mentee0", lambda s: s.my_sessions()) == []
    told = (await outbox(uow_factory))[-1]
    assert told.kind == "proposal_declined"
    [text] = rendered(told)
    assert text.text.startswith("Your mentee cannot make it on Tuesday, November 24")
    # The time is still the mentee's to book.
    assert (await as_user(uow_factory, "mentee0", lambda s: s.book(FIRST))).ok


async def test_a_mentors_move_waits_for_the_mentee(uow_factory: UnitOfWorkFactory) -> None:
    await programme(uow_factory)
    booked = await as_user(uow_factory, "mentee0", lambda s: s.book(FIRST))
    session_id = booked.session.id
    asked = await as_user(uow_factory, MENTOR, lambda s: s.reschedule(session_id, SECOND))
    assert asked.outcome == "proposed" and asked.session.starts_at == FIRST
    assert asked.session.proposed_starts_at == SECOND
    assert (await outbox(uow_factory))[-1].kind == "move_proposed"
    # Declined: it stays where it was, reminders and all.
    kept = await as_user(uow_factory, "mentee0", lambda s: s.answer_proposal(session_id, False))
    assert kept.ok and kept.session.starts_at == FIRST and kept.session.proposed_starts_at is None
    assert (await outbox(uow_factory))[-1].kind == "move_declined"
    assert {m.payload["starts_at"] for m in await reminders_of(uow_factory, session_id)} == {
        FIRST.isoformat()
    }
    # Asked again and accepted: moved, with a new version for the calendars.
    await as_user(uow_factory, MENTOR, lambda s: s.reschedule(session_id, SECOND))
    moved = await as_user(uow_factory, "mentee0", lambda s: s.answer_proposal(session_id, True))
    assert moved.ok and moved.session.starts_at == SECOND and moved.session.sequence == 1
    told = (await outbox(uow_factory))[-1]
    assert (told.kind, told.payload["sequence"]) == ("proposal_accepted", 1)
    async with uow_factory() as uow:
        pending = {
            json.loads(m.payload)["starts_at"]
            for m in await uow.outbox.pending_for(told.user_id)
            if m.kind == "session_reminder"
        }
    assert pending == {SECOND.isoformat()}


async def test_withdrawing_a_proposal_takes_the_question_back(
    uow_factory: UnitOfWorkFactory,
) -> None:
    [mentee] = await programme(uow_factory)
    [pair] = await as_user(uow_factory, MENTOR, lambda s: s.my_pairs())
    proposed = await as_user(uow_factory, MENTOR, lambda s: s.propose(pair.pair_id, FIRST))
    withdrawn = await as_user(uow_factory, MENTOR, lambda s: s.cancel(proposed.session.id))
    assert withdrawn.ok
    async with uow_factory() as uow:
        waiting = [m.kind for m in await uow.outbox.pending_for(mentee)]  # read while bound
    assert "session_proposed" not in waiting and "proposal_withdrawn" in waiting
    late = await as_user(
        uow_factory, "mentee0", lambda s: s.answer_proposal(proposed.session.id, True)
    )
    assert late.outcome == "refused" and await booked_count(uow_factory) == 0


async def test_where_they_meet_follows_the_free_time(uow_factory: UnitOfWorkFactory) -> None:
    await programme(uow_factory)
    usual = Where(place="Jauniešu centrs “Kopā”, Brīvības iela 10, Rīga")
    online = Where(online_url="https://meet.example.org/anna")
    assert not await as_user(uow_factory, "mentee0", lambda s: s.set_where(usual))
    assert not await as_user(uow_factory, MENTOR, lambda s: s.set_where(Where()))
    assert await as_user(uow_factory, MENTOR, lambda s: s.set_where(usual))
    thursday = date(2026, 11, 26)
    assert await as_user(
        uow_factory, MENTOR, lambda s: s.add_one_off(thursday, time(9), time(11), online)
    )
    view = await as_user(uow_factory, MENTOR, lambda s: s.my_availability())
    assert view.where == usual
    assert {w.where for w in view.windows} == {None, online}
    thursday_nine = datetime(2026, 11, 26, 7, 0, tzinfo=UTC)
    assert await as_user(uow_factory, "mentee0", lambda s: s.where_for(FIRST)) == usual
    assert await as_user(uow_factory, "mentee0", lambda s: s.where_for(thursday_nine)) == online
    booked = await as_user(uow_factory, "mentee0", lambda s: s.book(thursday_nine))
    assert booked.session.where == online
    [message] = [m for m in await outbox(uow_factory) if m.kind == "session_booked"]
    text, document = rendered(message)
    assert text.text.endswith("\n💻 Online: https://meet.example.org/anna")
    content = document.document.content
    assert b"LOCATION:Online" in content and b"URL:https://meet.example.org/anna" in content
    # The mentor's proposal to move it says where the new time would be.
    await as_user(uow_factory, MENTOR, lambda s: s.reschedule(booked.session.id, FIRST))
    [text] = rendered((await outbox(uow_factory))[-1])
    assert text.text.endswith(f"\n📍 {usual.place}")
    moved = await as_user(uow_factory, "mentee0", lambda s: s.reschedule(booked.session.id, FIRST))
    assert moved.session.where == usual
    reminder = (await reminders_of(uow_factory, booked.session.id))[-1]
    assert reminder.payload["place"] == usual.place


async def test_a_slot_after_the_clocks_change_keeps_its_local_time(
    uow_factory: UnitOfWorkFactory,
) -> None:
    await programme(uow_factory)
    october = datetime(2027, 10, 20, 12, 0, tzinfo=UTC)  # summer time ends on 31 October
    slots = await as_user(uow_factory, "mentee0", lambda s: s.free_slots(), now=october)
    before = datetime(2027, 10, 26, 14, 0, tzinfo=UTC)  # 17:00 EEST
    after = datetime(2027, 11, 2, 15, 0, tzinfo=UTC)  # 17:00 EET
    assert before in slots and after in slots
    booked = await as_user(uow_factory, "mentee0", lambda s: s.book(after), now=october)
    assert booked.ok
    message = (await outbox(uow_factory))[-1]
    _text, document = rendered(message)
    assert b"DTSTART;TZID=Europe/Riga:20271102T170000" in document.document.content
    assert b"DTEND;TZID=Europe/Riga:20271102T180000" in document.document.content
