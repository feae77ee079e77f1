"""Queries about conversations through the bot."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlmodel import or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import ConversationRow


class ConversationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, conversation: ConversationRow) -> None:
        self._session.add(conversation)

    async def get(self, conversation_id: int) -> ConversationRow | None:
        return await self._session.get(ConversationRow, conversation_id)

    async def open_for_pair(self, pair_id: int) -> ConversationRow | None:
        query = select(ConversationRow).where(
            ConversationRow.pair_id == pair_id,
            ConversationRow.closed_at.is_(None),  # type: ignore[union-attr]
        )
        return (await self._session.exec(query)).first()

    async def open_between(self, first_id: int, second_id: int) -> ConversationRow | None:
        """A coordinator's open conversation with a person."""
        query = select(ConversationRow).where(
            ConversationRow.kind == "staff",
            ConversationRow.first_id == first_id,
            ConversationRow.second_id == second_id,
            ConversationRow.closed_at.is_(None),  # type: ignore[union-attr]
        )
        return (await self._session.exec(query)).first()

    async def open_with(self, user_id: int) -> list[ConversationRow]:
        """Every open conversation the person takes part in, oldest first."""
        query = (
            select(ConversationRow)
            .where(
                or_(ConversationRow.first_id == user_id, ConversationRow.second_id == user_id),
                ConversationRow.closed_at.is_(None),  # type: ignore[union-attr]
            )
            .order_by(ConversationRow.id)  # type: ignore[arg-type]
        )
        return list((await self._session.exec(query)).all())

    async def close_all_of(self, user_id: int, now: datetime) -> None:
        """The person leaves: nobody can write to them through the bot any more."""
        statement = (
            update(ConversationRow)
            .where(
                or_(ConversationRow.first_id == user_id, ConversationRow.second_id == user_id),
                ConversationRow.closed_at.is_(None),  # type: ignore[union-attr]
            )
            .values(closed_at=now)
            .execution_options(synchronize_session=False)
        )
        await self._session.exec(statement)
