"""Someone's words say they may be in danger: the coordinators are told who and when."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.services.coordinators import tell_coordinators
from bot.services.people import display_name
from dialogs.notice_payloads import StaffConcern
from dialogs.safety import Concern
from storage.models import User
from storage.unit_of_work import UnitOfWork

# An alert is for acting on now; a day later the coordinators have other ways to know.
ALERT_LIFETIME = timedelta(days=1)


async def alert_coordinators(
    uow: UnitOfWork, user: User, concern: Concern, now: datetime, admin_ids: list[str]
) -> None:
    """Tell every coordinator, at most once an hour per person; never what was written."""
    assert user.id is not None
    payload = StaffConcern(
        person=user.id,
        name=await display_name(uow, user.id),
        concern=concern.value,
        at=now.isoformat(),
    )
    await tell_coordinators(
        uow,
        admin_ids,
        "staff_concern",
        payload,
        now=now,
        key=f"concern:{user.id}:{now:%Y%m%d%H}",
        about=[user.id],
        expires_at=now + ALERT_LIFETIME,
        skip=user.id,
    )
