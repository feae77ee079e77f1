"""Counts for coordinators, aggregated in the database: no session row is loaded to count it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, case
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import MenteeRequest, MentorApplication, MentoringSession, Pair

# Session statuses counted per pair; a cancelled session counts for nothing.
PAIR_STATUSES = ("held", "booked", "missed")


@dataclass(frozen=True)
class PairCounts:
    """One active pair and its sessions within a period; names are "" once withdrawn."""

    pair_id: int
    mentor_name: str
    mentee_name: str
    started_at: datetime
    planned_end_at: datetime
    held: int
    booked: int
    missed: int


class FiguresRepository:
    """Every bound is an aware UTC datetime: SQLite compares the stored UTC text."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def request_counts(self) -> dict[str, int]:
        """Mentee requests per status."""
        query = select(MenteeRequest.status, func.count()).group_by(col(MenteeRequest.status))
        return dict((await self._session.exec(query)).all())

    async def application_counts(self) -> dict[str, int]:
        """Mentor applications per status."""
        query = select(MentorApplication.status, func.count()).group_by(
            col(MentorApplication.status)
        )
        return dict((await self._session.exec(query)).all())

    async def active_pairs(self) -> int:
        query = select(func.count()).select_from(Pair).where(Pair.status == "active")
        return (await self._session.exec(query)).one()

    async def session_counts(self, start: datetime, end: datetime) -> dict[str, int]:
        """Sessions per status, of every pair, starting in [start, end)."""
        query = (
            select(MentoringSession.status, func.count())
            .where(col(MentoringSession.starts_at) >= start, col(MentoringSession.starts_at) < end)
            .group_by(col(MentoringSession.status))
        )
        return dict((await self._session.exec(query)).all())

    async def booked_from(self, moment: datetime) -> int:
        """Booked sessions still to come."""
        query = (
            select(func.count())
            .select_from(MentoringSession)
            .where(MentoringSession.status == "booked", col(MentoringSession.starts_at) >= moment)
        )
        return (await self._session.exec(query)).one()

    async def active_pair_counts(self, start: datetime, end: datetime) -> list[PairCounts]:
        """Every active pair, by id, with its sessions starting in [start, end) per status."""
        session = MentoringSession
        counts = [
            func.count(case((col(session.status) == status, session.id)))
            for status in PAIR_STATUSES
        ]
        in_period = and_(
            col(session.pair_id) == Pair.id,
            col(session.starts_at) >= start,
            col(session.starts_at) < end,
        )
        names = (col(MentorApplication.display_name), col(MenteeRequest.display_name))
        query = (
            # SQLModel's select() is typed for at most four columns; this one has eight.
            select(Pair.id, *names, Pair.started_at, Pair.planned_end_at, *counts)  # type: ignore[call-overload]
            .outerjoin(MentorApplication, col(MentorApplication.user_id) == Pair.mentor_id)
            .outerjoin(MenteeRequest, col(MenteeRequest.user_id) == Pair.mentee_id)
            .outerjoin(session, in_period)
            .where(Pair.status == "active")
            .group_by(col(Pair.id), *names, col(Pair.started_at), col(Pair.planned_end_at))
            .order_by(col(Pair.id))
        )
        return [
            PairCounts(pair_id, mentor or "", mentee or "", started, planned, held, booked, missed)
            for pair_id, mentor, mentee, started, planned, held, booked, missed in (
                await self._session.exec(query)
            ).all()
        ]
