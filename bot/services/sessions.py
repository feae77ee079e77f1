"""After a session: the mentor says if it happened and what the plan is; the mentee rates it."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.services.bound import BoundService
from bot.services.reminders import key_prefix, names, plan_nudge_key
from dialogs.notice_payloads import SessionRecap
from dialogs.ports import PastSession, PlanItemView, SessionsPort
from storage.models import MentoringSession, Pair, as_utc

OK, ANSWERED, REFUSED = "ok", "answered", "refused"
# A mentor who says "yes" and never writes the plan: the mentee is asked how it was anyway.
PLAN_WAIT = timedelta(hours=6)
RECAP_USEFUL = timedelta(days=7)
RATINGS = range(1, 6)
HISTORY_LENGTH = 10


class SessionsService(BoundService, SessionsPort):
    """The after-session port for one user, bound to the transaction handling their update."""

    async def record_outcome(self, session_id: int, held: bool) -> str:
        booking = await self._uow.sessions.get(session_id, lock=True)
        if booking is None or booking.mentor_id != self._me:
            return REFUSED
        if booking.status in ("held", "missed"):
            return ANSWERED
        if booking.status != "booked" or as_utc(booking.starts_at) > self._now:
            return REFUSED  # cancelled, or not begun yet
        booking.status = "held" if held else "missed"
        booking.updated_at = self._now
        self._uow.sessions.add(booking)
        if held:
            await self._recap(booking, [], self._now + PLAN_WAIT, "recap")
        return OK

    async def save_plan(self, session_id: int, items: list[str]) -> bool:
        booking = await self._uow.sessions.get(session_id, lock=True)
        if booking is None or booking.mentor_id != self._me or booking.status != "held":
            return False
        # The recap's dedupe key makes a second plan (a double tap, a second worker) a no-op.
        if not await self._recap(booking, items, self._now, "recap:plan"):
            return False
        await self._uow.outbox.cancel([key_prefix(session_id) + "recap"])
        self._uow.plans.add(booking.pair_id, session_id, items, self._now)
        return True

    async def rate(self, session_id: int, rating: int) -> str:
        booking = await self._uow.sessions.get(session_id, lock=True)
        if booking is None or booking.mentee_id != self._me or rating not in RATINGS:
            return REFUSED
        if booking.status != "held":
            return REFUSED
        if booking.rating is not None:
            return ANSWERED
        booking.rating = rating
        booking.updated_at = self._now
        self._uow.sessions.add(booking)
        return OK

    async def plan(self, pair_id: int) -> list[PlanItemView]:
        if await self._own_pair(pair_id) is None:
            return []
        items = await self._uow.plans.current(pair_id)
        return [PlanItemView(item.id, item.text, item.done_at is not None) for item in items]  # type: ignore[arg-type]

    async def tick(self, item_id: int) -> bool:
        item = await self._uow.plans.get(item_id)
        if item is None:
            return False
        pair = await self._own_pair(item.pair_id)
        if pair is None or pair.mentee_id != self._me or pair.status != "active":
            return False
        item.done_at = None if item.done_at is not None else self._now
        self._uow.plans.save(item)
        await self._uow.session.flush()
        if all(other.done_at is not None for other in await self._uow.plans.current(pair.id)):  # type: ignore[arg-type]
            # Nothing left to nudge about: the half-way reminders of booked sessions are dropped.
            booked = await self._uow.sessions.booked_for_pair(item.pair_id)
            await self._uow.outbox.cancel([plan_nudge_key(booking) for booking in booked])
        return True

    async def history(self, pair_id: int) -> list[PastSession]:
        if await self._own_pair(pair_id) is None:
            return []
        return [
            PastSession(booking.id, as_utc(booking.starts_at), booking.status, booking.rating)  # type: ignore[arg-type]
            for booking in await self._uow.sessions.past_for_pair(pair_id, HISTORY_LENGTH)
        ]

    async def _own_pair(self, pair_id: int) -> Pair | None:
        pair = await self._uow.pairs.get(pair_id)
        if pair is None or self._me not in (pair.mentor_id, pair.mentee_id):
            return None
        return pair

    async def _recap(
        self, booking: MentoringSession, items: list[str], due_at: datetime, key: str
    ) -> bool:
        """Send the mentee the plan and the "how was it?" question; False when already written."""
        assert booking.id is not None
        mentor_name, _ = await names(self._uow, booking.mentor_id, booking.mentee_id)
        return await self._uow.outbox.enqueue(
            booking.mentee_id,
            "session_recap",
            SessionRecap(
                session=booking.id,
                starts_at=as_utc(booking.starts_at).isoformat(),
                name=mentor_name,
                plan=items,
            ),
            due_at=due_at,
            expires_at=due_at + RECAP_USEFUL,
            dedupe_key=key_prefix(booking.id) + key,
            about=[booking.mentor_id],
        )
