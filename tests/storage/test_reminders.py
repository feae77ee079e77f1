"""Reminders and after-session prompts, against the real databases, through the outbox worker."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlmodel import select

import dialogs.flows.session_prompts  # noqa: F401  (registers the notices)
from bot.outbox.worker import OutboxWorker, Sent
from bot.services.sessions import SessionsService
from dialogs.i18n import Catalogues
from dialogs.notices import render_notice
from storage import migrate
from storage.database import create_engine, create_session_factory
from storage.models import MentoringSession, PlanItem
from storage.outbox import ClaimedMessage, OutboxMessage
from storage.unit_of_work import UnitOfWorkFactory
from tests.storage.test_booking import MENTOR, as_user, outbox, programme

# The mentor is free on Tuesdays 17:00-19:00 in Riga (15:00-17:00 UTC); now is Tuesday 24 Nov.
DEC_1 = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
DEC_8 = DEC_1 + timedelta(days=7)
HOUR = timedelta(hours=1)


class Unlimited:
    async def acquire(self, key: str, bulk: bool = False) -> None:
        return None


class Recorder:
    """A delivery shared by every worker: what each message was, in the order it went out."""

    def __init__(self) -> None:
        self.delivered: list[tuple[int, str, int, str | None]] = []

    async def __call__(self, item: ClaimedMessage) -> Sent:
        payload = item.payload
        self.delivered.append((item.user_id, item.kind, payload["session"], payload.get("lead")))
        await asyncio.sleep(0)  # let the other worker run in between, as real sends would
        return Sent()


async def in_service(uow_factory, external_id, action, now):  # type: ignore[no-untyped-def]
    """Run one after-session call as the given user, in one unit of work, and commit."""
    async with uow_factory() as uow:
        user = await uow.users.get_or_create("telegram", external_id, "en")
        result = await action(SessionsService(uow, user, now))
        await uow.commit()
        return result


async def user_id(uow_factory: UnitOfWorkFactory, external_id: str) -> int:
    async with uow_factory() as uow:
        user = await uow.users.find("telegram", external_id)
        assert user is not None and user.id is not None
        return user.id


async def test_booking_writes_both_reminders_for_both_and_the_mentors_followup(
    uow_factory: UnitOfWorkFactory,
) -> None:
    [mentee] = await programme(uow_factory)
    booked = await as_user(uow_factory, "mentee0", lambda s: s.book(DEC_1))
    session_id = booked.session.id
    mentor = await user_id(uow_factory, MENTOR)
    async with uow_factory() as uow:
        rows = (await uow.session.exec(select(OutboxMessage))).all()
        written = {  # SQLite hands back naive UTC
            row.dedupe_key: (row.user_id, row.kind, row.due_at.replace(tzinfo=UTC))
            for row in rows
            if row.kind != "session_booked"
        }
    base = f"session:{session_id}:0"
    assert written == {
        f"{base}:24h:{mentor}": (mentor, "session_reminder", DEC_1 - 24 * HOUR),
        f"{base}:24h:{mentee}": (mentee, "session_reminder", DEC_1 - 24 * HOUR),
        f"{base}:1h:{mentor}": (mentor, "session_reminder", DEC_1 - HOUR),
        f"{base}:1h:{mentee}": (mentee, "session_reminder", DEC_1 - HOUR),
        f"{base}:followup": (mentor, "session_followup", DEC_1 + HOUR),
    }
    # Booked three hours ahead: the day-before reminder is already past and is not written.
    soon = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
    await as_user(uow_factory, "mentee0", lambda s: s.book(soon))
    leads = [m.payload.get("lead") for m in await outbox(uow_factory) if m.payload["starts_at"]]
    assert leads.count("24h") == 2 and leads.count("1h") == 4


async def test_reminders_after_a_downtime_go_out_once_with_two_workers(database_url: str) -> None:
    """Two processes come back after the bot was down: each due reminder goes out exactly once;
    a moved or cancelled session's old ones and those whose moment has passed never do."""
    engines = [create_engine(database_url) for _ in range(2)]
    await migrate.upgrade(engines[0])
    factories = [UnitOfWorkFactory(create_session_factory(engine)) for engine in engines]
    try:
        uow_factory = factories[0]
        mentee0, mentee1 = await programme(uow_factory, mentees=2)
        kept = (await as_user(uow_factory, "mentee0", lambda s: s.book(DEC_1))).session.id
        moved = (await as_user(uow_factory, "mentee1", lambda s: s.book(DEC_1 + HOUR))).session.id
        await as_user(uow_factory, "mentee1", lambda s: s.reschedule(moved, DEC_8))
        dropped = (await as_user(uow_factory, "mentee0", lambda s: s.book(DEC_8 + HOUR))).session.id
        await as_user(uow_factory, MENTOR, lambda s: s.cancel(dropped))
        mentor = await user_id(uow_factory, MENTOR)

        recorder, now = Recorder(), [DEC_1]
        workers = [
            OutboxWorker(f, recorder, clock=lambda: now[0], batch_size=2, rate_limiter=Unlimited())
            for f in factories
        ]

        async def drain(worker: OutboxWorker) -> None:
            while await worker.drain_once():
                pass

        # The bot was down for days; it comes back at three moments, each time in two processes
        # at once, and once more after a restart.
        for moment in (DEC_1 - HOUR / 2, DEC_1 + HOUR + HOUR / 2, DEC_8 - HOUR / 2):
            now[0] = moment
            await asyncio.gather(*(drain(worker) for worker in workers))
            await drain(workers[0])
    finally:
        for engine in engines:
            await engine.dispose()

    prompts = ("session_reminder", "session_followup")
    reminders = [entry for entry in recorder.delivered if entry[1] in prompts]
    assert sorted(reminders) == sorted(
        [
            # Half an hour before the kept session: the hour-before reminder, not the day-before.
            (mentor, "session_reminder", kept, "1h"),
            (mentee0, "session_reminder", kept, "1h"),
            (mentor, "session_followup", kept, None),
            # The moved session at its new time only; the cancelled one never.
            (mentor, "session_reminder", moved, "1h"),
            (mentee1, "session_reminder", moved, "1h"),
        ]
    )
    # The booking news went out in the first drain, each once too.
    assert len(recorder.delivered) == len(set(recorder.delivered)) == len(reminders) + 5


async def test_after_the_session_the_mentor_answers_and_the_mentee_rates(
    uow_factory: UnitOfWorkFactory,
) -> None:
    [mentee] = await programme(uow_factory)
    session_id = (await as_user(uow_factory, "mentee0", lambda s: s.book(DEC_1))).session.id
    before, after = DEC_1 - HOUR, DEC_1 + 2 * HOUR

    async def outcome(who, held, now=after):  # type: ignore[no-untyped-def]
        return await in_service(uow_factory, who, lambda s: s.record_outcome(session_id, held), now)

    assert await outcome(MENTOR, True, now=before) == "refused"  # not begun yet
    assert await outcome("mentee0", True) == "refused"  # only the mentor answers
    assert await outcome(MENTOR, True) == "ok"
    assert await outcome(MENTOR, False) == "answered"

    plan = ["Read a chapter", "Call the school"]
    save = lambda items: lambda s: s.save_plan(session_id, items)  # noqa: E731
    assert not await in_service(uow_factory, "mentee0", save(plan), after)
    assert await in_service(uow_factory, MENTOR, save(plan), after)
    assert not await in_service(uow_factory, MENTOR, save(["Again"]), after)
    recaps = [m for m in await outbox(uow_factory) if m.kind == "session_recap"]
    async with uow_factory() as uow:
        rows = (await uow.session.exec(select(OutboxMessage))).all()
        statuses = {row.dedupe_key: row.status for row in rows if row.kind == "session_recap"}
        items = [item.text for item in (await uow.session.exec(select(PlanItem))).all()]
    # The fallback recap (for a mentor who never writes the plan) gave way to the plan's.
    assert statuses == {
        f"session:{session_id}:recap": "cancelled",
        f"session:{session_id}:recap:plan": "pending",
    }
    assert items == plan
    assert recaps[-1].user_id == mentee and recaps[-1].payload["plan"] == plan

    async def rate(who, rating):  # type: ignore[no-untyped-def]
        return await in_service(uow_factory, who, lambda s: s.rate(session_id, rating), after)

    assert await rate(MENTOR, 5) == "refused"
    assert await rate("mentee0", 9) == "refused"
    assert await rate("mentee0", 4) == "ok"
    assert await rate("mentee0", 1) == "answered"
    async with uow_factory() as uow:
        session = await uow.session.get(MentoringSession, session_id)
        assert session is not None and session.rating == 4 and session.status == "held"


async def test_a_missed_session_sends_the_mentee_nothing(uow_factory: UnitOfWorkFactory) -> None:
    await programme(uow_factory)
    session_id = (await as_user(uow_factory, "mentee0", lambda s: s.book(DEC_1))).session.id
    missed = lambda s: s.record_outcome(session_id, False)  # noqa: E731
    assert await in_service(uow_factory, MENTOR, missed, DEC_1 + 2 * HOUR) == "ok"
    assert not [m for m in await outbox(uow_factory) if m.kind == "session_recap"]
    rate = lambda s: s.rate(session_id, 5)  # noqa: E731
    assert await in_service(uow_factory, "mentee0", rate, DEC_1 + 2 * HOUR) == "refused"


def test_the_notices_in_each_language() -> None:
    catalogues = Catalogues()
    reminder = {
        "session": 1,
        "starts_at": DEC_1.isoformat(),
        "name": "Jānis",
        "lead": "24h",
        "mentor": True,
    }
    en = catalogues.translator("en", "Europe/Riga").as_of(DEC_1 - 24 * HOUR)
    [reply] = render_notice("session_reminder", reminder, en)
    assert reply.text.startswith("Reminder: you meet Jānis on Tuesday, December 1, 5:00")
    assert [b.action for row in reply.buttons for b in row] == ["sessions"]
    [soon] = render_notice("session_reminder", {**reminder, "lead": "1h", "name": ""}, en)
    assert soon.text.startswith("Soon: you meet your mentee at 5:00")
    [followup] = render_notice("session_followup", reminder, en)
    assert followup.text == "Did your session with Jānis on December 1, 2026 happen?"
    assert [b.action for row in followup.buttons for b in row] == ["held:1", "missed:1"]
    recap = {**reminder, "name": "Anna", "plan": ["Read", "Call"]}
    [reply] = render_notice("session_recap", recap, en)
    assert "Anna wrote down your plan until the next meeting:\n• Read\n• Call" in reply.text
    assert [b.action for row in reply.buttons for b in row] == [f"rate:1:{n}" for n in range(1, 6)]
    for language in ("lv", "lt", "ru"):
        t = catalogues.translator(language, "Europe/Vilnius")
        assert "Jānis" in render_notice("session_reminder", reminder, t)[0].text
        assert "Anna" in render_notice("session_recap", recap, t)[0].text


async def test_ending_a_pairing_cancels_its_sessions_and_their_reminders(
    uow_factory: UnitOfWorkFactory,
) -> None:
    from bot.services.matching import MatchingService

    await programme(uow_factory)
    booked = await as_user(uow_factory, "mentee0", lambda s: s.book(DEC_1))
    async with uow_factory() as uow:
        admin = await uow.users.get_or_create("telegram", "9000", "en")
        service = MatchingService(uow, admin, [9000], datetime(2026, 11, 24, 13, tzinfo=UTC))
        assert await service.end_pair(booked.session.pair_id, rematch=False)
        await uow.commit()
    async with uow_factory() as uow:
        session = await uow.session.get(MentoringSession, booked.session.id)
        assert session is not None and session.status == "cancelled"
        rows = (await uow.session.exec(select(OutboxMessage))).all()
        reminders = [row for row in rows if row.dedupe_key.startswith("session:")]
        assert reminders and all(row.status == "cancelled" for row in reminders)
