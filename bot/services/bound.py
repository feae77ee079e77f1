"""The common shape of the services: one user's port, bound to their update's unit of work."""

from __future__ import annotations

from datetime import datetime

from bot.services.access import AdminIds, admin_keys, is_staff
from storage.models import User, as_utc
from storage.unit_of_work import UnitOfWork


class BoundService:
    """Holds the unit of work, the user it acts for, and the moment of the update."""

    def __init__(self, uow: UnitOfWork, user: User, now: datetime) -> None:
        self._uow = uow
        self._user = user
        self._now = as_utc(now)

    @property
    def _me(self) -> int:
        assert self._user.id is not None
        return self._user.id


class StaffAwareService(BoundService):
    """A bound service that also needs to know who coordinates the programme."""

    def __init__(self, uow: UnitOfWork, user: User, admin_ids: AdminIds, now: datetime) -> None:
        super().__init__(uow, user, now)
        self._admin_ids = admin_keys(admin_ids)

    async def _is_staff(self) -> bool:
        return await is_staff(self._uow, self._user, self._admin_ids)
