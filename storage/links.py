"""One person on two channels: one-time codes, and the account that speaks for a profile."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import DialogState, LinkCode, User, as_utc


class LinkRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def new_code(self, user_id: int, code: str, expires_at: datetime) -> None:
        """A fresh code for the person; any older code of theirs stops working."""
        await self._session.exec(delete(LinkCode).where(col(LinkCode.user_id) == user_id))
        self._session.add(LinkCode(code=code, user_id=user_id, expires_at=as_utc(expires_at)))

    async def take(self, code: str, now: datetime) -> int | None:
        """The person a code is for, using it up; None for unknown or expired codes."""
        found = await self._session.get(LinkCode, code, with_for_update=True)
        if found is None:
            return None
        await self._session.delete(found)
        return found.user_id if as_utc(found.expires_at) > as_utc(now) else None

    async def second_account(self, user_id: int) -> User | None:
        """The account on another channel that speaks for this person, if they linked one."""
        query = select(User).where(col(User.linked_to_id) == user_id)
        return (await self._session.exec(query)).first()

    async def link(self, account: User, user_id: int) -> None:
        """Make the account speak for the person; its own conversation state goes."""
        assert account.id is not None
        account.linked_to_id = user_id
        self._session.add(account)
        await self._session.exec(delete(DialogState).where(col(DialogState.user_id) == account.id))

    async def unlink_all(self, user_id: int) -> None:
        """Forget every second account of the person and their codes (erasure)."""
        await self._session.exec(delete(User).where(col(User.linked_to_id) == user_id))
        await self._session.exec(delete(LinkCode).where(col(LinkCode.user_id) == user_id))
