"""Queries about parents' and guardians' answers."""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import GuardianConsent


class GuardianRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, consent: GuardianConsent) -> None:
        self._session.add(consent)

    async def by_code(self, code: str, lock: bool = False) -> GuardianConsent | None:
        query = select(GuardianConsent).where(GuardianConsent.code == code)
        if lock:
            query = query.with_for_update()
        return (await self._session.exec(query)).first()

    async def latest_for(self, child_id: int) -> GuardianConsent | None:
        query = (
            select(GuardianConsent)
            .where(GuardianConsent.child_id == child_id)
            .order_by(GuardianConsent.id.desc())  # type: ignore[union-attr]
            .limit(1)
        )
        return (await self._session.exec(query)).first()

    async def replace_open(self, child_id: int) -> None:
        """Close the child's unanswered requests, keeping none of the answers they carried."""
        statement = (
            update(GuardianConsent)
            .where(GuardianConsent.child_id == child_id, GuardianConsent.status == "pending")  # type: ignore[arg-type]
            .values(status="replaced", country="", age_group="")
            .execution_options(synchronize_session=False)
        )
        await self._session.exec(statement)

    async def answered(self, limit: int) -> list[GuardianConsent]:
        """Confirmations and refusals, newest first."""
        query = (
            select(GuardianConsent)
            .where(GuardianConsent.status.in_(("confirmed", "declined")))  # type: ignore[attr-defined]
            .order_by(GuardianConsent.decided_at.desc())  # type: ignore[union-attr]
            .limit(limit)
        )
        return list((await self._session.exec(query)).all())

    async def of_child(self, child_id: int) -> list[GuardianConsent]:
        query = select(GuardianConsent).where(GuardianConsent.child_id == child_id)
        return list((await self._session.exec(query)).all())

    async def given_by(self, guardian_id: int) -> list[GuardianConsent]:
        query = select(GuardianConsent).where(GuardianConsent.guardian_id == guardian_id)
        return list((await self._session.exec(query)).all())
