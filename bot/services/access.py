"""Who may do what: the configured admins and the coordinators they granted.

Admins are named as `channel:id` (`telegram:123`, `messenger:<psid>`); a plain number is a
Telegram id, as before Messenger came.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from storage.models import User
from storage.unit_of_work import UnitOfWork

CHANNELS = ("telegram", "messenger")
# Admins as given: `channel:id` keys, or plain Telegram ids (numbers or text).
AdminIds = Sequence[int | str]


def admin_key(value: int | str) -> str:
    """One configured admin as `channel:id`; ValueError for anything else."""
    text = str(value).strip()
    channel, separator, external_id = text.partition(":")
    if not separator:
        channel, external_id = "telegram", text
    if channel not in CHANNELS or not external_id.isdigit():
        raise ValueError(f"an admin is telegram:<id>, messenger:<psid> or a number, not {text!r}")
    return f"{channel}:{external_id}"


def admin_keys(values: AdminIds | Iterable[int | str]) -> list[str]:
    return [admin_key(value) for value in values]


def user_key(user: User) -> str:
    return f"{user.channel}:{user.external_id}"


def is_admin(user: User, admin_ids: AdminIds) -> bool:
    """Whether the configuration names this person (on this channel) an admin."""
    return user_key(user) in admin_keys(admin_ids)


async def is_staff(uow: UnitOfWork, user: User, admin_ids: AdminIds) -> bool:
    """Admins, and everyone granted the staff role."""
    if is_admin(user, admin_ids):
        return True
    assert user.id is not None
    return await uow.staff.is_granted(user.id)
