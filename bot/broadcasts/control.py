"""Create, pause, resume and cancel broadcasts: the same for the command line and the chat."""

from __future__ import annotations

from datetime import datetime

from bot.broadcasts.post import Post
from storage.broadcasts import (
    CANCELLED,
    PAUSED,
    SCHEDULED,
    SENDING,
    Audience,
)
from storage.models import Broadcast, Opportunity, Story, as_utc
from storage.outbox import CANCELLED as ROW_CANCELLED
from storage.outbox import PAUSED as PAUSED_ROW
from storage.outbox import PENDING
from storage.unit_of_work import UnitOfWork


class BroadcastError(ValueError):
    """Staff asked for something the broadcast cannot do; the message says why."""


async def create(
    uow: UnitOfWork,
    post: Post,
    audience: Audience,
    send_at: datetime,
    now: datetime,
    created_by: int | None = None,
) -> Broadcast:
    """A scheduled broadcast; a story or opportunity button must name a published one."""
    button = post.button
    if button is not None and button["kind"] in ("story", "opportunity"):
        found: Story | Opportunity | None
        if button["kind"] == "story":
            found = await uow.campaign.story(button["slug"])
        else:
            found = await uow.campaign.opportunity(button["slug"])
        if found is None or not found.published or found.id is None:
            raise BroadcastError(f"button: no published {button['kind']} {button['slug']!r}")
        button = {"kind": button["kind"], "id": found.id}
    broadcast = Broadcast(
        created_by=created_by,
        created_at=as_utc(now),
        status=SCHEDULED,
        texts=post.texts,
        fallback=post.fallback,
        media=post.media,
        button=button,
        audience=audience.to_json(),
        send_at=as_utc(send_at),
        current_hours=post.current_hours,
    )
    uow.broadcasts.add(broadcast)
    await uow.session.flush()
    return broadcast


async def pause(uow: UnitOfWork, broadcast_id: int) -> Broadcast:
    broadcast = await _get(uow, broadcast_id, (SCHEDULED, SENDING))
    broadcast.status = PAUSED
    await uow.broadcasts.set_rows(broadcast_id, PENDING, PAUSED_ROW)
    uow.session.add(broadcast)
    return broadcast


async def resume(uow: UnitOfWork, broadcast_id: int) -> Broadcast:
    broadcast = await _get(uow, broadcast_id, (PAUSED,))
    started = broadcast.cursor > 0 or broadcast.expanded_at is not None
    broadcast.status = SENDING if started else SCHEDULED
    await uow.broadcasts.set_rows(broadcast_id, PAUSED_ROW, PENDING)
    uow.session.add(broadcast)
    return broadcast


async def cancel(uow: UnitOfWork, broadcast_id: int) -> Broadcast:
    """Nothing more goes out; what was sent stays in the report."""
    broadcast = await _get(uow, broadcast_id, (SCHEDULED, SENDING, PAUSED))
    broadcast.status = CANCELLED
    for status in (PENDING, PAUSED_ROW):
        await uow.broadcasts.set_rows(broadcast_id, status, ROW_CANCELLED)
    uow.session.add(broadcast)
    return broadcast


async def _get(uow: UnitOfWork, broadcast_id: int, allowed: tuple[str, ...]) -> Broadcast:
    broadcast = await uow.broadcasts.get(broadcast_id)
    if broadcast is None:
        raise BroadcastError(f"no broadcast {broadcast_id}")
    if broadcast.status not in allowed:
        raise BroadcastError(f"broadcast {broadcast_id} is {broadcast.status}")
    return broadcast
