"""Erase a person: end what they take part in, tell who must know, keep nothing of them.

What stays is an anonymous number: the pairings and sessions it took part in keep the
programme's figures true, and nothing in them says who it was.
"""

from __future__ import annotations

from datetime import datetime

import dialogs.pairing_notices  # noqa: F401  (registers the notices written here)
from bot.services.audit import record_action
from bot.services.coordinators import tell_coordinators
from bot.services.mentoring import NOTICE_LIFETIME
from bot.services.pair_ending import close_pair
from bot.services.people import display_name
from dialogs.notice_payloads import PartnerLeft, StaffPartnerLeft
from storage.models import Pair, User
from storage.unit_of_work import UnitOfWork


async def erase_person(
    uow: UnitOfWork, user: User, now: datetime, admin_ids: list[str], action: str = "erased"
) -> None:
    """Erase everything about the user, in the caller's transaction."""
    assert user.id is not None
    me = user.id
    # Anything sent to them or about them goes first, so the notices below stay.
    await uow.outbox.scrub(me)
    pairs = await uow.pairs.active_for_mentor(me)
    as_mentee = await uow.pairs.active_for_mentee(me)
    if as_mentee is not None:
        pairs.append(as_mentee)
    for pair in pairs:
        await _leave(uow, pair, me, now, admin_ids)
    await uow.conversations.close_all_of(me, now)
    await uow.people.erase_rows(me)
    await uow.campaign.forget_person(me)  # "this helped me" taps, interest in opportunities
    await uow.subscriptions.remove(me)
    await uow.talk.forget_person(me)
    await uow.links.unlink_all(me)  # a linked account on another channel goes with them
    await uow.people.anonymize(user, now)
    await record_action(uow, None, action, me, now)


async def _leave(uow: UnitOfWork, pair: Pair, me: int, now: datetime, admin_ids: list[str]) -> None:
    """End the pairing; the partner gets cancelling calendar files, nobody gets details."""
    cancelled = await close_pair(uow, pair, now)
    partner = pair.mentee_id if pair.mentor_id == me else pair.mentor_id
    partner_is_mentor = partner == pair.mentor_id
    # A young person whose mentor left still wants one: their request waits again.
    rematch = not partner_is_mentor and await uow.requests.move(partner, "matched", "waiting", now)
    key = f"pair:{pair.id}:left"
    await uow.outbox.enqueue(
        partner,
        "partner_left",
        PartnerLeft(
            mentor=partner_is_mentor, rematch=rematch, sessions=cancelled, stamp=now.isoformat()
        ),
        due_at=now,
        expires_at=now + NOTICE_LIFETIME,
        dedupe_key=f"{key}:{partner}",
    )
    staff_payload = StaffPartnerLeft(
        partner=await display_name(uow, partner),
        left_mentor=not partner_is_mentor,
        rematch=rematch,
    )
    await tell_coordinators(
        uow,
        admin_ids,
        "staff_partner_left",
        staff_payload,
        now=now,
        key=key,
        about=[partner],
        expires_at=now + NOTICE_LIFETIME,
        skip=me,
    )
