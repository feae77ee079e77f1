"""The plan a pair agrees after a session: what to do before the next one."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import MentoringSession, PlanItem


class PlanRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, pair_id: int, session_id: int, texts: list[str], now: datetime) -> None:
        for text in texts:
            self._session.add(
                PlanItem(pair_id=pair_id, session_id=session_id, text=text, created_at=now)
            )

    async def for_session(self, session_id: int) -> list[PlanItem]:
        query = select(PlanItem).where(PlanItem.session_id == session_id).order_by(col(PlanItem.id))
        return list((await self._session.exec(query)).all())

    async def get(self, item_id: int) -> PlanItem | None:
        return await self._session.get(PlanItem, item_id)

    def save(self, item: PlanItem) -> None:
        self._session.add(item)

    async def current(self, pair_id: int) -> list[PlanItem]:
        """The items of the pair's latest held session that has any."""
        latest = (
            select(PlanItem.session_id)
            .join(MentoringSession, col(MentoringSession.id) == col(PlanItem.session_id))
            .where(PlanItem.pair_id == pair_id, MentoringSession.status == "held")
            .order_by(col(MentoringSession.starts_at).desc(), col(PlanItem.session_id).desc())
            .limit(1)
        )
        session_id = (await self._session.exec(latest)).first()
        return [] if session_id is None else await self.for_session(session_id)
