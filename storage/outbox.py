"""The durable outbox: everything the bot sends on its own, written with the change that causes it.

A row is claimed by one worker at a time through a lease (claimed_until) and a claim token; a
worker that crashes mid-send leaves the lease to run out, and the row is claimed again.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    Column,
    DateTime,
    Index,
    Text,
    UniqueConstraint,
    case,
    func,
    insert,
    or_,
    text,
    update,
)
from sqlmodel import Field, SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import User, as_utc, utcnow
from storage.repositories import _insert

PENDING = "pending"
SENT = "sent"
FAILED = "failed"
EXPIRED = "expired"
CANCELLED = "cancelled"
# Held for the person's next visit: their channel lets the bot write only inside a window.
WAITING = "waiting"
# A broadcast's row held while the broadcast is paused.
PAUSED = "paused"
# A broadcast's row whose sending had begun when its worker died: it may have gone out, and is
# not sent again (see `settle_interrupted`).
UNCONFIRMED = "unconfirmed"
FINAL_STATUSES = frozenset({FAILED, EXPIRED, CANCELLED})
ERROR_LENGTH = 200
CLAIM_TRIES = 3  # looks for free rows, when another worker took those first chosen (SQLite)
# Messages people write to each other through the bot: kept only until delivered.
EPHEMERAL_KINDS = ("relay_message", "staff_report", "staff_interest")
# A pair's messages: once delivered, kept a little while so the reader can report one (a
# Messenger button carries no quote of its message), then emptied by `forget_words`.
REPORTABLE_KINDS = ("pair_message",)


# Rows whose sending began and has no outcome yet (few at any time: the index holds only them).
IN_FLIGHT = "in_flight_at IS NOT NULL AND status = 'pending'"


def _timestamp(nullable: bool = True, index: bool = False) -> Column[datetime]:
    return Column(DateTime(timezone=True), nullable=nullable, index=index)


class OutboxMessage(SQLModel, table=True):
    """One message to send later; the payload is plain data rendered only at delivery time."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_status_due_at", "status", "due_at"),
        Index("ix_outbox_broadcast_status", "broadcast_id", "status"),
        Index(
            "ix_outbox_notices_due",
            "status",
            "due_at",
            "id",
            postgresql_where=text("broadcast_id IS NULL"),
            sqlite_where=text("broadcast_id IS NULL"),
        ),
        Index(
            "ix_outbox_broadcasts_due",
            "status",
            "due_at",
            "id",
            postgresql_where=text("broadcast_id IS NOT NULL"),
            sqlite_where=text("broadcast_id IS NOT NULL"),
        ),
        Index(
            "ix_outbox_in_flight",
            "claimed_until",
            postgresql_where=text(IN_FLIGHT),
            sqlite_where=text(IN_FLIGHT),
        ),
        UniqueConstraint("dedupe_key", name="uq_outbox_dedupe_key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    kind: str = Field(max_length=32)
    payload: str = Field(default="{}", sa_column=Column(Text, nullable=False))
    due_at: datetime = Field(sa_column=_timestamp(nullable=False))
    # After this the message is no longer useful (a reminder for a session that has begun).
    expires_at: datetime | None = Field(default=None, sa_column=_timestamp())
    status: str = Field(default=PENDING, max_length=12)
    attempts: int = Field(default=0)
    claimed_until: datetime | None = Field(default=None, sa_column=_timestamp())
    claim_token: str | None = Field(default=None, max_length=32)
    # Scheduling the same thing twice (e.g. one reminder of one session) must be a no-op.
    dedupe_key: str | None = Field(default=None, max_length=120)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp(nullable=False))
    sent_at: datetime | None = Field(default=None, sa_column=_timestamp())
    # Error class and description only: never message text or anything about the person.
    last_error: str | None = Field(default=None, max_length=ERROR_LENGTH)
    # When it was first held for the person's next visit (it then says so when it goes out).
    waited_at: datetime | None = Field(default=None, sa_column=_timestamp())
    # One recipient of a staff broadcast: sent after everything else that is due.
    broadcast_id: int | None = Field(default=None, foreign_key="broadcasts.id", ondelete="CASCADE")
    # The platform's id of the message sent, where a later message may edit it (a broadcast's
    # progress); None where the platform cannot edit one.
    sent_ref: str | None = Field(default=None, max_length=64)
    # A broadcast's row: when its send began. Written before the platform is called, so a row
    # its dead worker had begun sending is told from one it never got to.
    in_flight_at: datetime | None = Field(default=None, sa_column=_timestamp())


class OutboxMention(SQLModel, table=True):
    """Who a message is about besides its recipient, so erasing them can scrub it."""

    __tablename__ = "outbox_mentions"

    message_id: int = Field(primary_key=True, foreign_key="outbox.id", ondelete="CASCADE")
    user_id: int = Field(primary_key=True, foreign_key="users.id", ondelete="CASCADE", index=True)


@dataclass(frozen=True)
class ClaimedMessage:
    """A claimed outbox row with what is needed to reach its recipient, detached from the ORM."""

    id: int
    user_id: int
    kind: str
    payload: dict[str, Any]
    due_at: datetime
    expires_at: datetime | None
    attempts: int
    claim_token: str
    claimed_until: datetime
    channel: str
    external_id: str
    language: str
    country: str | None
    blocked_at: datetime | None
    last_seen_at: datetime | None = None  # the person's last message or press
    waited: bool = False  # held for the person's next visit before going out
    # The account written to: the person's own, or the second channel's they linked.
    account_id: int | None = None


def _optional_utc(moment: datetime | None) -> datetime | None:
    return None if moment is None else as_utc(moment)


def _error(error: str | None) -> str | None:
    return None if error is None else error[:ERROR_LENGTH]


class OutboxRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def enqueue(
        self,
        user_id: int,
        kind: str,
        payload: Mapping[str, object],
        due_at: datetime,
        expires_at: datetime | None = None,
        dedupe_key: str | None = None,
        about: Iterable[int] = (),
    ) -> bool:
        """Add a message; False when one with the same dedupe key exists already.

        `payload` is the kind's type in dialogs/notice_payloads.py, stored as JSON. `about`
        names everyone else whose name or words the payload carries.
        """
        statement = (
            _insert(self._session, OutboxMessage)
            .values(
                user_id=user_id,
                kind=kind,
                payload=json.dumps(payload, ensure_ascii=False, sort_keys=True),
                due_at=as_utc(due_at),
                expires_at=_optional_utc(expires_at),
                status=PENDING,
                attempts=0,
                dedupe_key=dedupe_key,
                created_at=utcnow(),
            )
            .on_conflict_do_nothing(index_elements=["dedupe_key"])
            .returning(OutboxMessage.id)
        )
        message_id = (await self._session.exec(statement)).scalar()
        if message_id is None:
            return False
        mentioned = sorted(set(about) - {user_id})
        if mentioned:
            await self._session.exec(
                insert(OutboxMention),
                params=[{"message_id": message_id, "user_id": other} for other in mentioned],
            )
        return True

    async def scrub(self, user_id: int) -> int:
        """Empty every payload sent to or about the person; pending ones are never sent."""
        mentioning = select(OutboxMention.message_id).where(OutboxMention.user_id == user_id)
        concerned = or_(
            OutboxMessage.user_id == user_id,  # type: ignore[arg-type]
            OutboxMessage.id.in_(mentioning),  # type: ignore[union-attr]
        )
        await self._cancel_where(concerned)
        statement = (
            update(OutboxMessage)
            .where(concerned)
            .values(payload="{}", last_error=None)
            .execution_options(synchronize_session=False)
        )
        return (await self._session.exec(statement)).rowcount

    async def waiting(self, dedupe_key: str) -> bool:
        """Whether the message with this key is still to be sent."""
        query = select(OutboxMessage.id).where(
            OutboxMessage.dedupe_key == dedupe_key,
            OutboxMessage.status.in_((PENDING, WAITING)),  # type: ignore[attr-defined]
        )
        return (await self._session.exec(query)).first() is not None

    async def pending_for(self, user_id: int) -> list[OutboxMessage]:
        """The messages still waiting to be sent to the person, soonest first."""
        query = (
            select(OutboxMessage)
            .where(OutboxMessage.user_id == user_id, OutboxMessage.status == PENDING)
            .order_by(OutboxMessage.due_at)  # type: ignore[arg-type]
        )
        return list((await self._session.exec(query)).all())

    async def cancel(self, dedupe_keys: list[str]) -> int:
        """Cancel the pending messages with these dedupe keys; return how many."""
        if not dedupe_keys:
            return 0
        return await self._cancel_where(OutboxMessage.dedupe_key.in_(dedupe_keys))  # type: ignore[union-attr]

    async def cancel_prefix(self, prefix: str) -> int:
        """Cancel the pending messages whose dedupe key starts with prefix; return how many."""
        # substr, not LIKE: SQLite's LIKE ignores case and both would need '%' and '_' escaped.
        key = OutboxMessage.dedupe_key
        return await self._cancel_where(func.substr(key, 1, len(prefix)) == prefix)

    async def _cancel_where(self, condition: Any) -> int:
        statement = (
            update(OutboxMessage)
            .where(condition, OutboxMessage.status.in_((PENDING, WAITING)))  # type: ignore[attr-defined]
            .values(status=CANCELLED, claimed_until=None)
            .execution_options(synchronize_session=False)
        )
        result = await self._session.exec(statement)
        return result.rowcount

    async def claim_due(
        self, now: datetime, limit: int, lease_seconds: float, broadcasts: bool | None = None
    ) -> list[ClaimedMessage]:
        """Claim up to limit due pending messages whose lease is free, for one worker only:
        broadcast rows only (True), all but those (False), or any (None)."""
        now = as_utc(now)
        lane = []
        if broadcasts is not None:
            column = col(OutboxMessage.broadcast_id)
            lane.append(column.is_not(None) if broadcasts else column.is_(None))
        claimed_until = now + timedelta(seconds=lease_seconds)
        token = secrets.token_hex(16)
        free: list[Any] = [
            OutboxMessage.status == PENDING,
            OutboxMessage.due_at <= now,
            or_(
                OutboxMessage.claimed_until.is_(None),  # type: ignore[union-attr]
                col(OutboxMessage.claimed_until) < now,
            ),
        ]
        due = (
            select(OutboxMessage.id)
            .where(*free, *lane)
            # A broadcast's rows go after everything else that is due (replies, reminders); in
            # a lane of its own each worker's order is its index's (see migration 0016).
            .order_by(
                *([] if broadcasts is not None else [col(OutboxMessage.broadcast_id).is_not(None)]),
                col(OutboxMessage.due_at),
                col(OutboxMessage.id),
            )
            .limit(limit)
            # PostgreSQL: a row another worker is claiming is skipped, not waited for. SQLite
            # renders no FOR UPDATE; there the UPDATE below claims only rows still free.
            .with_for_update(skip_locked=True)
        )
        # The ids first, then the update: inside an UPDATE's `IN (...)`, PostgreSQL may run a
        # LIMIT ... SKIP LOCKED subquery more than once and claim far more than `limit` rows,
        # whose leases then run out before they are sent. SQLite locks nothing when reading:
        # another worker may claim the rows chosen in between, and then this one looks again.
        for _ in range(CLAIM_TRIES):
            chosen = list((await self._session.exec(due)).all())
            if not chosen:
                return []
            claim = (
                update(OutboxMessage)
                .where(col(OutboxMessage.id).in_(chosen), *free)
                .values(
                    claimed_until=claimed_until,
                    claim_token=token,
                    attempts=OutboxMessage.attempts + 1,
                )
                .returning(col(OutboxMessage.id))
                .execution_options(synchronize_session=False)
            )
            ids = [row[0] for row in (await self._session.exec(claim)).all()]
            if ids:
                return await self._claimed(ids)
        return []

    async def _claimed(self, ids: list[int]) -> list[ClaimedMessage]:
        query = (
            select(OutboxMessage, User)
            .join(User, User.id == OutboxMessage.user_id)  # type: ignore[arg-type]
            .where(OutboxMessage.id.in_(ids))  # type: ignore[union-attr]
            .order_by(OutboxMessage.due_at, OutboxMessage.id)  # type: ignore[arg-type]
            .execution_options(populate_existing=True)
        )
        rows = (await self._session.exec(query)).all()
        # A person who linked a second channel's account hears the bot's news there.
        second = select(User).where(
            col(User.linked_to_id).in_([user.id for _, user in rows]),
            col(User.blocked_at).is_(None),
        )
        via = {user.linked_to_id: user for user in (await self._session.exec(second)).all()}
        return [_claimed_message(message, user, via.get(user.id)) for message, user in rows]

    async def mark_in_flight(
        self, message_ids: list[int], claim_token: str, now: datetime
    ) -> set[int]:
        """Record that these messages of one claim are being sent now; those still the claim's."""
        statement = (
            update(OutboxMessage)
            .where(
                col(OutboxMessage.id).in_(message_ids),
                OutboxMessage.claim_token == claim_token,  # type: ignore[arg-type]
                OutboxMessage.status == PENDING,  # type: ignore[arg-type]
            )
            .values(in_flight_at=as_utc(now))
            .returning(col(OutboxMessage.id))
            .execution_options(synchronize_session=False)
        )
        return {row[0] for row in (await self._session.exec(statement)).all()}

    async def settle_interrupted(self, now: datetime) -> int:
        """Broadcast rows whose worker died while sending them: the platform may have them, and
        no platform lets a bot ask, so they are not sent again (a post twice is worse than the
        rare one lost in the instant between the record and the call). How many."""
        statement = (
            update(OutboxMessage)
            .where(
                text(IN_FLIGHT),
                col(OutboxMessage.broadcast_id).is_not(None),
                col(OutboxMessage.claimed_until) < as_utc(now),
            )
            .values(status=UNCONFIRMED, claimed_until=None)
            .execution_options(synchronize_session=False)
        )
        settled: int = (await self._session.exec(statement)).rowcount
        return settled

    async def mark_sent(
        self, message_id: int, claim_token: str, now: datetime, ref: str | None = None
    ) -> bool:
        """Record the delivery, and the platform's id of the message where it has one to edit;
        False when the claim was lost to another worker."""
        return await self.mark_all_sent([message_id], claim_token, now, ref) == 1

    async def mark_all_sent(
        self, message_ids: list[int], claim_token: str, now: datetime, ref: str | None = None
    ) -> int:
        """Record deliveries of one claim at once; how many were still this claim's."""
        # A message cancelled or paused while it was in flight did go out, and so did one taken
        # for interrupted by a worker that was only slow: the record says so.
        statement = (
            update(OutboxMessage)
            .where(
                col(OutboxMessage.id).in_(message_ids),
                OutboxMessage.claim_token == claim_token,  # type: ignore[arg-type]
                OutboxMessage.status.in_((PENDING, CANCELLED, PAUSED, UNCONFIRMED)),  # type: ignore[attr-defined]
            )
            .values(
                status=SENT,
                sent_at=as_utc(now),
                sent_ref=ref,
                claimed_until=None,
                last_error=None,
                payload=case(
                    (OutboxMessage.kind.in_(EPHEMERAL_KINDS), "{}"),  # type: ignore[attr-defined]
                    else_=OutboxMessage.payload,
                ),
            )
            .execution_options(synchronize_session=False)
        )
        marked: int = (await self._session.exec(statement)).rowcount
        return marked

    async def newest_keyed(self, user_id: int, key_prefix: str) -> OutboxMessage | None:
        """The newest of the person's messages whose dedupe key starts with the prefix (one of
        a series, like a broadcast's progress)."""
        query = (
            select(OutboxMessage)
            .where(
                OutboxMessage.user_id == user_id,
                col(OutboxMessage.dedupe_key).startswith(key_prefix, autoescape=True),
            )
            .order_by(col(OutboxMessage.id).desc())
            .limit(1)
        )
        return (await self._session.exec(query)).first()

    async def reportable(self, user_id: int, dedupe_key: str) -> dict[str, Any] | None:
        """The payload of a pair's message delivered to the person, while it is still kept."""
        query = select(OutboxMessage).where(
            OutboxMessage.dedupe_key == dedupe_key,
            OutboxMessage.user_id == user_id,
            OutboxMessage.kind.in_(REPORTABLE_KINDS),  # type: ignore[attr-defined]
            OutboxMessage.status == SENT,
        )
        row = (await self._session.exec(query)).first()
        payload = json.loads(row.payload) if row is not None else {}
        return payload or None

    async def forget_words(self, sent_before: datetime) -> int:
        """Empty the pair messages delivered before the moment; return how many."""
        statement = (
            update(OutboxMessage)
            .where(
                OutboxMessage.kind.in_(REPORTABLE_KINDS),  # type: ignore[attr-defined]
                OutboxMessage.status == SENT,  # type: ignore[arg-type]
                OutboxMessage.sent_at < as_utc(sent_before),  # type: ignore[arg-type,operator]
                OutboxMessage.payload != "{}",  # type: ignore[arg-type]
            )
            .values(payload="{}")
            .execution_options(synchronize_session=False)
        )
        return (await self._session.exec(statement)).rowcount

    async def reschedule(
        self, message_id: int, claim_token: str, due_at: datetime, error: str | None
    ) -> bool:
        """Put the message back to pending at due_at with its lease cleared."""
        return await self._settle(
            message_id,
            claim_token,
            due_at=as_utc(due_at),
            claimed_until=None,
            claim_token=None,
            last_error=_error(error),
            in_flight_at=None,  # the platform said it was not sent
        )

    async def mark_final(
        self, message_id: int, claim_token: str, status: str, error: str | None
    ) -> bool:
        """End the message as failed, expired or cancelled; it is never sent."""
        if status not in FINAL_STATUSES:
            raise ValueError(f"not a final outbox status: {status!r}")
        return await self._settle(
            message_id,
            claim_token,
            status=status,
            claimed_until=None,
            last_error=_error(error),
            payload=case(
                (
                    OutboxMessage.kind.in_((*EPHEMERAL_KINDS, *REPORTABLE_KINDS)),  # type: ignore[attr-defined]
                    "{}",
                ),
                else_=OutboxMessage.payload,
            ),
        )

    async def hold(self, message_id: int, claim_token: str, now: datetime, reason: str) -> bool:
        """Keep the message for the person's next visit (see `release_waiting`)."""
        return await self._settle(
            message_id,
            claim_token,
            status=WAITING,
            claimed_until=None,
            claim_token=None,
            last_error=_error(reason),
            in_flight_at=None,
            waited_at=func.coalesce(OutboxMessage.waited_at, as_utc(now)),
        )

    async def release_waiting(self, user_id: int, now: datetime) -> int:
        """The person is back: what still matters goes out now, what has passed expires."""
        now = as_utc(now)
        waiting = (col(OutboxMessage.user_id) == user_id) & (col(OutboxMessage.status) == WAITING)
        await self._session.exec(
            update(OutboxMessage)
            .where(waiting, col(OutboxMessage.expires_at) <= now)
            .values(status=EXPIRED, last_error="expired while waiting for the person")
            .execution_options(synchronize_session=False)
        )
        released = await self._session.exec(
            update(OutboxMessage)
            .where(waiting)
            .values(status=PENDING, due_at=now, attempts=0)
            .execution_options(synchronize_session=False)
        )
        return released.rowcount

    async def expire_waiting(self, held_before: datetime, now: datetime) -> int:
        """Nothing waits forever: held too long, or no longer useful, it expires."""
        statement = (
            update(OutboxMessage)
            .where(
                col(OutboxMessage.status) == WAITING,
                or_(
                    col(OutboxMessage.waited_at) < as_utc(held_before),
                    col(OutboxMessage.expires_at) <= as_utc(now),
                ),
            )
            .values(status=EXPIRED, last_error="expired while waiting for the person")
            .execution_options(synchronize_session=False)
        )
        return (await self._session.exec(statement)).rowcount

    async def _settle(self, message_id: int, token: str, /, **values: Any) -> bool:
        statement = (
            update(OutboxMessage)
            .where(
                OutboxMessage.id == message_id,  # type: ignore[arg-type]
                OutboxMessage.claim_token == token,  # type: ignore[arg-type]
                OutboxMessage.status == PENDING,  # type: ignore[arg-type]
            )
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        return (await self._session.exec(statement)).rowcount == 1

    async def get(self, message_id: int) -> OutboxMessage | None:
        return await self._session.get(OutboxMessage, message_id)


def _claimed_message(message: OutboxMessage, user: User, via: User | None = None) -> ClaimedMessage:
    """The row with its recipient: the person, reached on their second account if linked."""
    account = via or user
    assert message.id is not None and message.claim_token is not None
    assert message.claimed_until is not None
    return ClaimedMessage(
        id=message.id,
        user_id=message.user_id,
        kind=message.kind,
        payload=json.loads(message.payload),
        due_at=as_utc(message.due_at),
        expires_at=_optional_utc(message.expires_at),
        attempts=message.attempts,
        claim_token=message.claim_token,
        claimed_until=as_utc(message.claimed_until),
        channel=account.channel,
        external_id=account.external_id,
        language=user.language,
        country=user.country,
        blocked_at=_optional_utc(account.blocked_at),
        last_seen_at=_optional_utc(account.last_seen_at),
        waited=message.waited_at is not None,
        account_id=account.id,
    )
