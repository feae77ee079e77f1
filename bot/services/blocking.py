"""Someone blocked the bot: stop writing to them, and tell the people who rely on them."""

from __future__ import annotations

from datetime import datetime

import dialogs.pairing_notices  # noqa: F401  (registers the notices written here)
from bot.services.coordinators import tell_coordinators
from bot.services.people import display_name
from dialogs.notice_payloads import PartnerBlocked, StaffPartnerBlocked
from storage.models import Pair, User
from storage.unit_of_work import UnitOfWork


async def record_block(uow: UnitOfWork, user: User, now: datetime, admin_ids: list[str]) -> None:
    """Mark the user blocked; the first time, tell their pairing partners and the coordinators.

    Their own pending notices are not sent: the outbox skips recipients who blocked the bot.
    """
    if user.blocked_at is not None or user.id is None:
        return
    user.blocked_at = now
    uow.session.add(user)
    pairs = await uow.pairs.active_for_mentor(user.id)
    mentee_pair = await uow.pairs.active_for_mentee(user.id)
    if mentee_pair is not None:
        pairs.append(mentee_pair)
    if not pairs:
        return  # nobody waits on them: nothing to tell
    name = await _name(uow, user.id)
    key = f"blocked:{user.id}:{now.isoformat()}"
    for pair in pairs:
        partner = pair.mentee_id if pair.mentor_id == user.id else pair.mentor_id
        await uow.outbox.enqueue(
            partner,
            "partner_blocked",
            PartnerBlocked(name=name),
            due_at=now,
            dedupe_key=f"{key}:{partner}",
            about=[user.id],
        )
    others = ", ".join([await _name(uow, _partner(pair, user.id)) for pair in pairs])
    await tell_coordinators(
        uow,
        admin_ids,
        "staff_partner_blocked",
        StaffPartnerBlocked(name=name, partners=others),
        now=now,
        key=key,
        about=[user.id, *(_partner(pair, user.id) for pair in pairs)],
    )


async def record_block_by_id(
    uow: UnitOfWork, user_id: int, now: datetime, admin_ids: list[str]
) -> None:
    """The same, for the outbox worker, which knows only the recipient's id."""
    user = await uow.users.get(user_id)
    if user is not None:
        await record_block(uow, user, now, admin_ids)


def _partner(pair: Pair, user_id: int) -> int:
    return pair.mentee_id if pair.mentor_id == user_id else pair.mentor_id


async def _name(uow: UnitOfWork, user_id: int) -> str:
    return await display_name(uow, user_id) or "?"
