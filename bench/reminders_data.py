"""The data of bench.reminders_load: users, pairs, booked future sessions, their reminder rows.

The reminder rows come from the bot's own `bot.services.reminders.schedule(uow, booking, now)`,
called with a stand-in unit of work whose outbox only records what it is asked to enqueue; the
recorded rows are then written in bulk (one INSERT per row through the ORM would take minutes
for ~500,000 rows). When that function is gone or cannot be called that way, the bench stops
with the reason: it never measures rows in a shape the bot no longer writes.
"""

from __future__ import annotations

import inspect
import itertools
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import asyncpg
from sqlalchemy import Table, text
from sqlalchemy.engine import make_url

from bot.scheduling.slots import HORIZON, MIN_NOTICE, SESSION
from bot.services import reminders
from storage import migrate
from storage.database import create_engine
from storage.models import MentoringSession, Pair, User
from storage.outbox import PENDING, OutboxMessage, OutboxRepository, as_utc

SESSIONS_PER_PAIR = 4  # in three weeks: more than the programme's twice a month
MENTEES_PER_MENTOR = 2
CHUNK = 5_000  # sessions generated and written at a time, so memory stays bounded
# No prepared row may fall due during a run: session start times that would put one of their
# rows this close to now are left out (found by asking `schedule` itself, once per hour slot).
QUIET = timedelta(minutes=30)
OTHER_CHATS = 900_000_000  # chat ids of the users who are not emulator users (never sent to)
LANGUAGES = ("en", "lv", "lt", "ru")
COUNTRIES = (("LV", "Europe/Riga"), ("LT", "Europe/Vilnius"))
VIA_SCHEDULE = "bot.services.reminders.schedule (recorded, then bulk-inserted)"


@dataclass
class Prepared:
    """What was written, and the rows the load phase will make due."""

    users: int = 0
    pairs: int = 0
    sessions: int = 0
    outbox_rows: int = 0
    kinds: dict[str, int] = field(default_factory=dict)
    reminders_via: str = ""
    earliest_due: datetime | None = None
    max_outbox_id: int = 0
    seconds: float = 0.0
    # (outbox row id, emulator chat id) of one reminder per emulator user
    due_now: list[tuple[int, int]] = field(default_factory=list)


# --- reminders via the bot's own function ------------------------------------------------------


class _Names:
    """Stands in for the applications / requests repositories: a display name per user."""

    def __init__(self, label: str) -> None:
        self.label = label

    async def get(self, user_id: int) -> SimpleNamespace:
        return SimpleNamespace(display_name=f"{self.label} {user_id}")


class _RecordingOutbox:
    """Stands in for `uow.outbox`: keeps the arguments of every `enqueue` call."""

    SIGNATURE = inspect.signature(OutboxRepository.enqueue)

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    async def enqueue(self, *args: Any, **kwargs: Any) -> bool:
        bound = self.SIGNATURE.bind(None, *args, **kwargs)
        bound.apply_defaults()
        self.calls.append(dict(bound.arguments))
        return True


class _RecordingUnitOfWork:
    """Just what `reminders.schedule` reads (names) and writes (the outbox)."""

    def __init__(self) -> None:
        self.outbox = _RecordingOutbox()
        self.applications = _Names("Mentor")
        self.requests = _Names("Mentee")


async def _via_schedule(booking: MentoringSession, now: datetime) -> list[dict[str, Any]]:
    uow = _RecordingUnitOfWork()
    await reminders.schedule(uow, booking, now)  # type: ignore[arg-type]
    return uow.outbox.calls


class CannotRecord(SystemExit):
    """`reminders.schedule` cannot be recorded: the bench stops rather than measure rows the
    bot no longer writes."""


async def pick_scheduler(probe: MentoringSession, now: datetime) -> tuple[Any, str]:
    """The bot's own `schedule(uow, booking, now)`, recorded; anything else stops the bench."""
    schedule = getattr(reminders, "schedule", None)
    if schedule is None or not inspect.iscoroutinefunction(schedule):
        raise CannotRecord("bench.reminders_load: bot.services.reminders.schedule is gone")
    try:
        inspect.signature(schedule).bind(None, probe, now)
        calls = await _via_schedule(probe, now)
    except (TypeError, AttributeError, KeyError) as error:
        raise CannotRecord(
            f"bench.reminders_load: cannot record reminders.schedule(uow, booking, now): "
            f"{type(error).__name__}: {error}. Update bench/reminders_data.py to its new shape."
        ) from error
    if not calls:
        raise CannotRecord("bench.reminders_load: reminders.schedule wrote no rows for a booking")
    return _via_schedule, VIA_SCHEDULE


def outbox_row(row_id: int, call: dict[str, Any], now: datetime) -> dict[str, Any]:
    """The row `OutboxRepository.enqueue` writes for these arguments."""
    expires_at = call.get("expires_at")
    return {
        "id": row_id,
        "user_id": call["user_id"],
        "kind": call["kind"],
        "payload": json.dumps(call["payload"], ensure_ascii=False, sort_keys=True),
        "due_at": as_utc(call["due_at"]),
        "expires_at": None if expires_at is None else as_utc(expires_at),
        "status": PENDING,
        "attempts": 0,
        "claimed_until": None,
        "claim_token": None,
        "dedupe_key": call.get("dedupe_key"),
        "created_at": now,
        "sent_at": None,
        "last_error": None,
    }


# --- the layout: who is paired with whom, and when they meet ----------------------------------


@dataclass(frozen=True)
class Layout:
    sessions: int
    pairs: int
    mentors: int

    @classmethod
    def for_sessions(cls, sessions: int) -> Layout:
        pairs = max(1, -(-sessions // SESSIONS_PER_PAIR))
        return cls(sessions, pairs, -(-pairs // MENTEES_PER_MENTOR))

    @property
    def users(self) -> int:
        return self.mentors + self.pairs

    def mentor(self, pair: int) -> int:
        """User id of the pair's mentor (pairs and users are numbered from 1)."""
        return 1 + (pair - 1) // MENTEES_PER_MENTOR

    def mentee(self, pair: int) -> int:
        return self.mentors + pair

    def emulator_users(self, count: int) -> list[int]:
        """The user ids that get emulator chats: mentors and mentees, alternately."""
        mentors = range(1, self.mentors + 1)
        mentees = range(self.mentors + 1, self.users + 1)
        picked = [u for pair in itertools.zip_longest(mentors, mentees) for u in pair if u]
        return picked[:count]


async def hour_slots(now: datetime, scheduler: Any) -> list[datetime]:
    """Whole hours from MIN_NOTICE to HORIZON ahead, none putting a row due within QUIET."""
    first = (now + MIN_NOTICE).replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    slots = []
    start = first
    while start + SESSION <= now + HORIZON:
        probe = _session(0, 1, 1, 2, start, now)
        calls = await scheduler(probe, now)
        if all(as_utc(call["due_at"]) >= now + QUIET for call in calls):
            slots.append(start)
        start += timedelta(hours=1)
    return slots


def _session(
    session_id: int, pair: int, mentor: int, mentee: int, start: datetime, now: datetime
) -> MentoringSession:
    _country, zone = COUNTRIES[mentor % len(COUNTRIES)]  # the mentor's zone, as when booking
    return MentoringSession(
        id=session_id,
        pair_id=pair,
        mentor_id=mentor,
        mentee_id=mentee,
        starts_at=start,
        ends_at=start + SESSION,
        tz=zone,
        status="booked",
        sequence=0,
        proposed_by=mentee,
        created_at=now,
        updated_at=now,
    )


def session_starts(layout: Layout, slots: list[datetime]) -> Iterator[tuple[int, int, datetime]]:
    """(session id, pair, start) for every session: spread evenly, no one in two at once."""
    busy: set[tuple[int, int]] = set()
    stride = max(1, len(slots) // SESSIONS_PER_PAIR)
    for index in range(layout.sessions):
        pair, round_ = 1 + index % layout.pairs, index // layout.pairs
        slot = (pair * 7 + round_ * stride) % len(slots)
        people = (layout.mentor(pair), layout.mentee(pair))
        for _ in range(len(slots)):
            if all((person, slot) not in busy for person in people):
                break
            slot = (slot + 1) % len(slots)
        else:
            raise SystemExit("too many sessions for the hour slots of three weeks")
        busy.update((person, slot) for person in people)
        yield index + 1, pair, slots[slot]


# --- writing -------------------------------------------------------------------------------


class Writer:
    """Bulk inserts: executemany through SQLAlchemy (SQLite) or COPY through asyncpg."""

    def __init__(self, database_url: str) -> None:
        self.url = database_url
        self.engine = create_engine(database_url)
        self.postgres = self.engine.dialect.name == "postgresql"
        self._pg: asyncpg.Connection | None = None

    async def open(self) -> None:
        await migrate.upgrade(self.engine)
        if self.postgres:
            plain = make_url(self.url).set(drivername="postgresql")
            self._pg = await asyncpg.connect(plain.render_as_string(hide_password=False))

    async def write(self, table: Table, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        if self._pg is not None:
            columns = list(rows[0])
            records = [tuple(row[column] for column in columns) for row in rows]
            await self._pg.copy_records_to_table(table.name, records=records, columns=columns)
            return
        async with self.engine.begin() as connection:
            await connection.execute(table.insert(), rows)

    async def close(self) -> None:
        if self._pg is not None:
            # Ids were given explicitly: move the sequences past them for the bot's own inserts.
            for table in ("users", "pairs", "sessions", "outbox"):
                await self._pg.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)"
                )
            await self._pg.execute("ANALYZE")
            await self._pg.close()
        else:
            async with self.engine.begin() as connection:
                await connection.execute(text("ANALYZE"))
        await self.engine.dispose()


def _users(layout: Layout, chats: dict[int, int], now: datetime) -> list[dict[str, Any]]:
    rows = []
    for user_id in range(1, layout.users + 1):
        country, _zone = COUNTRIES[user_id % len(COUNTRIES)]
        rows.append(
            {
                "id": user_id,
                "channel": "telegram",
                "external_id": str(chats.get(user_id, OTHER_CHATS + user_id)),
                "language": LANGUAGES[user_id % len(LANGUAGES)],
                "created_at": now,
                "consent_at": now,
                "country": country,
                "age_group": "adult" if user_id <= layout.mentors else "18_25",
                "guardian_confirmed_at": None,
                "blocked_at": None,
            }
        )
    return rows


def _pairs(layout: Layout, now: datetime) -> list[dict[str, Any]]:
    # Started now: the mid-month "book a session" scan skips pairs matched after the 15th, and
    # it returns early before the 15th, so it writes nothing during a run. Ending in 9 months:
    # the "pairing ends in a month" scan has nothing to say either.
    return [
        {
            "id": pair,
            "mentor_id": layout.mentor(pair),
            "mentee_id": layout.mentee(pair),
            "status": "active",
            "started_at": now,
            "planned_end_at": now + timedelta(days=270),
            "ended_at": None,
            "created_by": None,
            "change_requested_by": None,
            "change_requested_at": None,
        }
        for pair in range(1, layout.pairs + 1)
    ]


def _session_row(booking: MentoringSession) -> dict[str, Any]:
    return {
        column.name: getattr(booking, column.name)
        for column in MentoringSession.__table__.columns  # type: ignore[attr-defined]
    }


async def prepare(database_url: str, sessions: int, chat_ids: list[int]) -> Prepared:
    """Migrate the database and fill it; `chat_ids` become the chats of that many users."""
    started = time.perf_counter()
    now = datetime.now(UTC)
    layout = Layout.for_sessions(sessions)
    if len(chat_ids) > layout.users:
        raise SystemExit(f"--due-now is at most the number of users ({layout.users})")
    chats = dict(zip(layout.emulator_users(len(chat_ids)), chat_ids, strict=True))
    probe = _session(0, 1, 1, 2, now + HORIZON / 2, now)
    scheduler, via = await pick_scheduler(probe, now)
    slots = await hour_slots(now, scheduler)
    out = Prepared(users=layout.users, pairs=layout.pairs, reminders_via=via)
    writer = Writer(database_url)
    await writer.open()
    try:
        await writer.write(User.__table__, _users(layout, chats, now))  # type: ignore[attr-defined]
        await writer.write(Pair.__table__, _pairs(layout, now))  # type: ignore[attr-defined]
        picked: dict[int, tuple[int, int]] = {}  # user id -> (row id, chat id)
        starts = session_starts(layout, slots)
        row_ids = itertools.count(1)
        while chunk := list(itertools.islice(starts, CHUNK)):
            session_rows, outbox_rows = [], []
            for session_id, pair, start in chunk:
                booking = _session(
                    session_id, pair, layout.mentor(pair), layout.mentee(pair), start, now
                )
                session_rows.append(_session_row(booking))
                for call in await scheduler(booking, now):
                    row = outbox_row(next(row_ids), call, now)
                    outbox_rows.append(row)
                    _note(out, row)
                    user = row["user_id"]
                    if user in chats and user not in picked and "reminder" in row["kind"]:
                        picked[user] = (row["id"], chats[user])
            await writer.write(MentoringSession.__table__, session_rows)  # type: ignore[attr-defined]
            await writer.write(OutboxMessage.__table__, outbox_rows)  # type: ignore[attr-defined]
            out.sessions += len(session_rows)
    finally:
        await writer.close()
    out.due_now = [picked[user] for user in chats if user in picked]
    if len(out.due_now) < len(chat_ids):
        raise SystemExit(f"only {len(out.due_now)} emulator users got a reminder row")
    out.seconds = time.perf_counter() - started
    return out


def _note(out: Prepared, row: dict[str, Any]) -> None:
    out.outbox_rows += 1
    out.max_outbox_id = max(out.max_outbox_id, row["id"])
    out.kinds[row["kind"]] = out.kinds.get(row["kind"], 0) + 1
    if out.earliest_due is None or row["due_at"] < out.earliest_due:
        out.earliest_due = row["due_at"]
