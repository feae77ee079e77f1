"""Staff broadcasts: who is in an audience, written into the outbox a batch at a time, and what
became of each recipient."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, exists, false, func, not_, or_, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import (
    Broadcast,
    MentorApplication,
    OpportunityInterest,
    Subscription,
    User,
    as_utc,
)
from storage.outbox import PAUSED as PAUSED_ROW  # a row of a paused broadcast: held
from storage.outbox import OutboxMessage
from storage.repositories import _insert

# A broadcast's life: drafted, waiting for its time, being written out and sent, held, ended.
DRAFT, SCHEDULED, SENDING, PAUSED, CANCELLED, DONE = (
    "draft", "scheduled", "sending", "paused", "cancelled", "done"
)  # fmt: skip
ROLES = ("young", "mentors", "applicants")
YOUNG_AGE_GROUPS = ("13", "14-17", "18-25")


@dataclass(frozen=True)
class Audience:
    """Who a broadcast is for: every filter given must hold (any of its values); an empty
    audience is everyone who agreed to campaign news."""

    languages: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()  # young | mentors | applicants
    countries: tuple[str, ...] = ()
    age_groups: tuple[str, ...] = ()
    subscribed: tuple[str, ...] = ()  # stories | opportunities: people who asked for that news
    interested: tuple[int, ...] = ()  # opportunity ids people said "I'm interested" in

    def to_json(self) -> dict[str, Any]:
        return {key: list(value) for key, value in self.__dict__.items() if value}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Audience:
        return cls(**{key: tuple(value) for key, value in data.items()})


@dataclass(frozen=True)
class Candidate:
    """One person in the audience, and whether they may receive campaign posts."""

    user_id: int
    channel: str
    language: str
    country: str | None
    agreed: bool  # asked for campaign news (and did not /stop), with a guardian where needed


@dataclass
class Report:
    """What became of a broadcast's recipients, per (status, channel, language)."""

    counts: dict[tuple[str, str, str], int] = field(default_factory=dict)
    skipped_language: int = 0
    skipped_consent: int = 0

    def total(self, *statuses: str) -> int:
        return sum(n for (status, _, _), n in self.counts.items() if status in statuses)


class BroadcastRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, broadcast: Broadcast) -> None:
        self._session.add(broadcast)

    async def get(self, broadcast_id: int) -> Broadcast | None:
        return await self._session.get(Broadcast, broadcast_id)

    async def all(self, limit: int = 50) -> list[Broadcast]:
        query = select(Broadcast).order_by(col(Broadcast.id).desc()).limit(limit)
        return list((await self._session.exec(query)).all())

    async def due(self, now: datetime) -> list[Broadcast]:
        """Scheduled ones whose time has come, and those being written out (after a restart)."""
        query = (
            select(Broadcast)
            .where(
                or_(
                    and_(col(Broadcast.status) == SCHEDULED, col(Broadcast.send_at) <= as_utc(now)),
                    and_(col(Broadcast.status) == SENDING, col(Broadcast.expanded_at).is_(None)),
                )
            )
            .order_by(col(Broadcast.id))
        )
        return list((await self._session.exec(query)).all())

    async def followed(self) -> list[Broadcast]:
        """Those whose composer is owed word: running or paused, or ended and not reported."""
        query = (
            select(Broadcast)
            .where(
                or_(
                    col(Broadcast.status).in_((SENDING, PAUSED)),
                    and_(
                        col(Broadcast.status).in_((DONE, CANCELLED)),
                        col(Broadcast.reported_at).is_(None),
                    ),
                )
            )
            .order_by(col(Broadcast.id))
        )
        return list((await self._session.exec(query)).all())

    async def candidates(
        self, audience: Audience, after: int, limit: int, guardian_needed: Iterable[tuple[str, str]]
    ) -> list[Candidate]:
        """The next people of the audience by id, with whether each may receive it."""
        query = (
            select(  # type: ignore[call-overload]
                User.id, User.channel, User.language, User.country, _may_receive(guardian_needed)
            )
            .where(col(User.id) > after, *_in_audience(audience))
            .order_by(col(User.id))
            .limit(limit)
        )
        rows = (await self._session.exec(query)).all()
        return [
            Candidate(i or 0, channel, lang, country, bool(ok))
            for i, channel, lang, country, ok in rows
        ]

    async def census(
        self, audience: Audience, guardian_needed: Iterable[tuple[str, str]], seen_since: datetime
    ) -> list[tuple[str, str, str | None, bool, bool, int]]:
        """The audience counted by (channel, language, country, may receive, seen since)."""
        may = _may_receive(guardian_needed)
        recent = func.coalesce(col(User.last_seen_at) >= as_utc(seen_since), False)
        query = (
            select(User.channel, User.language, User.country, may, recent, func.count())  # type: ignore[call-overload]
            .where(*_in_audience(audience))
            .group_by(col(User.channel), col(User.language), col(User.country), may, recent)
        )
        return [
            (channel, language, country, bool(ok), bool(seen), int(n))
            for channel, language, country, ok, seen, n in (await self._session.exec(query)).all()
        ]

    async def sent_since(self, broadcast_id: int, since: datetime) -> int:
        query = select(func.count()).where(
            col(OutboxMessage.broadcast_id) == broadcast_id,
            col(OutboxMessage.status) == "sent",
            col(OutboxMessage.sent_at) >= as_utc(since),
        )
        return int((await self._session.exec(query)).one())

    async def write_batch(
        self,
        broadcast: Broadcast,
        payloads: Mapping[int, Mapping[str, Any]],
        cursor: int,
        skipped_language: int,
        skipped_consent: int,
        now: datetime,
    ) -> bool:
        """One batch of recipients into the outbox, and the cursor past them, in the caller's
        transaction: a crash keeps both or neither, and a row is never written twice. False
        when another worker wrote this batch first: the caller rolls back."""
        assert broadcast.id is not None
        expires = as_utc(broadcast.send_at) + timedelta(hours=broadcast.current_hours)
        if payloads:
            rows = [
                {
                    "user_id": user_id,
                    "kind": "broadcast",
                    "payload": _json(payload),
                    "due_at": as_utc(now),
                    "expires_at": expires,
                    "status": "pending",
                    "attempts": 0,
                    "dedupe_key": f"broadcast:{broadcast.id}:{user_id}",
                    "created_at": as_utc(now),
                    "broadcast_id": broadcast.id,
                }
                for user_id, payload in payloads.items()
            ]
            statement = _insert(self._session, OutboxMessage).on_conflict_do_nothing(
                index_elements=["dedupe_key"]
            )
            # Many parameter sets for one cached statement: compiling a thousand-row VALUES
            # afresh for each batch took the process's time from sending (bench.broadcast).
            connection = await self._session.connection()
            await connection.execute(statement, rows)
        moved = (
            update(Broadcast)
            .where(col(Broadcast.id) == broadcast.id, col(Broadcast.cursor) == broadcast.cursor)
            .values(
                cursor=cursor,
                skipped_language=Broadcast.skipped_language + skipped_language,
                skipped_consent=Broadcast.skipped_consent + skipped_consent,
            )
            .execution_options(synchronize_session=False)
        )
        return bool((await self._session.exec(moved)).rowcount)

    async def set_rows(self, broadcast_id: int, from_status: str, to_status: str) -> int:
        """Hold or release a broadcast's unsent rows (pause, resume, cancel)."""
        statement = (
            update(OutboxMessage)
            .where(
                col(OutboxMessage.broadcast_id) == broadcast_id,
                col(OutboxMessage.status) == from_status,
            )
            # Leases stay: a row being sent at this moment is still its worker's to record.
            .values(status=to_status)
        )
        changed: int = (await self._session.exec(statement)).rowcount
        return changed

    async def finish(self) -> int:
        """Mark done those written out in full with nothing left to send (rows held for a
        Messenger person's next visit may still go out: the report says how many)."""
        left = exists().where(
            col(OutboxMessage.broadcast_id) == col(Broadcast.id),
            col(OutboxMessage.status).in_(("pending", PAUSED_ROW)),
        )
        statement = (
            update(Broadcast)
            .where(
                col(Broadcast.status) == SENDING,
                col(Broadcast.expanded_at).is_not(None),
                not_(left),
            )
            .values(status=DONE)
        )
        done: int = (await self._session.exec(statement)).rowcount
        return done

    async def report(self, broadcast: Broadcast) -> Report:
        query = (
            select(  # type: ignore[call-overload]
                OutboxMessage.status,
                OutboxMessage.last_error,
                User.channel,
                User.language,
                func.count(),
            )
            .join(User, col(User.id) == col(OutboxMessage.user_id))
            .where(col(OutboxMessage.broadcast_id) == broadcast.id)
            .group_by(
                col(OutboxMessage.status),
                col(OutboxMessage.last_error),
                col(User.channel),
                col(User.language),
            )
        )
        report = Report(
            skipped_language=broadcast.skipped_language, skipped_consent=broadcast.skipped_consent
        )
        for status, error, channel, language, count in (await self._session.exec(query)).all():
            key = (_outcome(status, error), channel, language)
            report.counts[key] = report.counts.get(key, 0) + int(count)
        return report


def _outcome(status: str, error: str | None) -> str:
    """A row's status as the report names it: a row given up because the person blocked the
    bot is "blocked", whatever the platform called it."""
    if status in ("failed", "cancelled") and error == "blocked":
        return "blocked"
    return status


def _in_audience(audience: Audience) -> list[Any]:
    """People who could be in an audience at all, and in this one."""
    return [
        col(User.consent_at).is_not(None),
        col(User.erased_at).is_(None),
        col(User.linked_to_id).is_(None),  # a linked account hears through its person
        *_filters(audience),
    ]


def _may_receive(guardian_needed: Iterable[tuple[str, str]]) -> Any:
    """Asked for campaign news (and did not /stop); below the digital consent age, only with a
    parent's or guardian's agreement on record."""
    agreed = exists().where(col(Subscription.user_id) == col(User.id))
    young_without_guardian = and_(
        or_(
            false(),
            *(
                and_(col(User.country) == country, col(User.age_group) == group)
                for country, group in guardian_needed
            ),
        ),
        col(User.guardian_confirmed_at).is_(None),
    )
    return and_(agreed, not_(young_without_guardian))


def _filters(audience: Audience) -> list[Any]:
    filters: list[Any] = []
    if audience.languages:
        filters.append(col(User.language).in_(audience.languages))
    if audience.countries:
        filters.append(col(User.country).in_(audience.countries))
    if audience.age_groups:
        filters.append(col(User.age_group).in_(audience.age_groups))
    if audience.roles:
        filters.append(or_(*(_role(role) for role in audience.roles)))
    if audience.subscribed:
        filters.append(
            exists().where(
                col(Subscription.user_id) == col(User.id),
                col(Subscription.kind).in_(audience.subscribed),
            )
        )
    if audience.interested:
        filters.append(
            exists().where(
                col(OpportunityInterest.user_id) == col(User.id),
                col(OpportunityInterest.opportunity_id).in_(audience.interested),
            )
        )
    return filters


def _role(role: str) -> Any:
    if role == "young":
        return col(User.age_group).in_(YOUNG_AGE_GROUPS)
    status = "approved" if role == "mentors" else "submitted"
    return exists().where(
        col(MentorApplication.user_id) == col(User.id), col(MentorApplication.status) == status
    )


def _json(payload: Mapping[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
