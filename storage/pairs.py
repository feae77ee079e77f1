"""Queries about pairs."""

from __future__ import annotations

from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Pair


class PairRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, pair_id: int, lock: bool = False) -> Pair | None:
        query = select(Pair).where(Pair.id == pair_id)
        if lock:
            query = query.with_for_update()
        return (await self._session.exec(query)).first()

    async def active_for_mentee(self, mentee_id: int) -> Pair | None:
        query = select(Pair).where(Pair.mentee_id == mentee_id, Pair.status == "active")
        return (await self._session.exec(query)).first()

    async def active_for_mentor(self, mentor_id: int) -> list[Pair]:
        query = (
            select(Pair)
            .where(Pair.mentor_id == mentor_id, Pair.status == "active")
            .order_by(Pair.started_at)  # type: ignore[arg-type]
        )
        return list((await self._session.exec(query)).all())

    async def active_counts(self) -> dict[int, int]:
        """Active pairs per mentor, for free places."""
        query = (
            select(Pair.mentor_id, func.count())
            .where(Pair.status == "active")
            .group_by(col(Pair.mentor_id))
        )
        return {mentor_id: count for mentor_id, count in (await self._session.exec(query)).all()}

    async def mentors_before(self, mentee_id: int) -> set[int]:
        """The mentors of the young person's ended pairings."""
        query = select(Pair.mentor_id).where(Pair.mentee_id == mentee_id, Pair.status == "ended")
        return set((await self._session.exec(query)).all())

    def add(self, pair: Pair) -> None:
        self._session.add(pair)

    async def active(self) -> list[Pair]:
        """Every active pair, oldest first."""
        query = select(Pair).where(Pair.status == "active").order_by(Pair.id)  # type: ignore[arg-type]
        return list((await self._session.exec(query)).all())
