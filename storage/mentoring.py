"""Queries about staff and mentor applications."""

from __future__ import annotations

from sqlmodel import or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import MentorApplication, StaffMember, User


class StaffRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def is_granted(self, user_id: int) -> bool:
        return await self._session.get(StaffMember, user_id) is not None

    def grant(self, user_id: int, granted_by: int | None) -> None:
        self._session.add(StaffMember(user_id=user_id, granted_by=granted_by))

    async def revoke(self, user_id: int) -> None:
        member = await self._session.get(StaffMember, user_id)
        if member is not None:
            await self._session.delete(member)

    async def members(self, admin_keys: list[str]) -> list[User]:
        """Everyone who coordinates: granted staff, and the configured admins who wrote to us.

        Admins are `channel:id` keys, so each is found on their own channel.
        """
        by_channel: dict[str, list[str]] = {}
        for key in admin_keys:
            channel, _, external_id = key.partition(":")
            by_channel.setdefault(channel, []).append(external_id)
        granted = select(StaffMember.user_id)
        query = select(User).where(
            or_(
                User.id.in_(granted),  # type: ignore[union-attr]
                *(
                    (User.channel == channel) & User.external_id.in_(ids)  # type: ignore[attr-defined]
                    for channel, ids in by_channel.items()
                ),
            )
        )
        return list((await self._session.exec(query)).all())


class ApplicationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, user_id: int, lock: bool = False) -> MentorApplication | None:
        query = select(MentorApplication).where(MentorApplication.user_id == user_id)
        if lock:
            query = query.with_for_update()
        return (await self._session.exec(query)).first()

    async def pending(self, limit: int = 50) -> list[MentorApplication]:
        query = (
            select(MentorApplication)
            .where(MentorApplication.status == "submitted")
            .order_by(MentorApplication.submitted_at)  # type: ignore[arg-type]
            .limit(limit)
        )
        return list((await self._session.exec(query)).all())

    async def approved(self) -> list[MentorApplication]:
        """Everyone approved to mentor, in the order they applied."""
        query = (
            select(MentorApplication)
            .where(MentorApplication.status == "approved")
            .order_by(MentorApplication.submitted_at)  # type: ignore[arg-type]
        )
        return list((await self._session.exec(query)).all())

    async def delete(self, user_id: int) -> None:
        application = await self._session.get(MentorApplication, user_id)
        if application is not None:
            await self._session.delete(application)

    def save(self, application: MentorApplication) -> None:
        self._session.add(application)
