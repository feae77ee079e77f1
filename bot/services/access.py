"""Who may do what: the configured admins and the coordinators they granted."""

from __future__ import annotations

from storage.models import User
from storage.unit_of_work import UnitOfWork


def is_admin(user: User, admin_ids: list[str]) -> bool:
    """Admins are named by Telegram id in the configuration."""
    return user.channel == "telegram" and user.external_id in admin_ids


async def is_staff(uow: UnitOfWork, user: User, admin_ids: list[str]) -> bool:
    """Admins, and everyone granted the staff role."""
    if is_admin(user, admin_ids):
        return True
    assert user.id is not None
    return await uow.staff.is_granted(user.id)
