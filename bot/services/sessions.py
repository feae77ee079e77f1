"""After a session: the mentor says if it happened and what the plan is; the mentee rates it."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.services.reminders import key_prefix, names, utc
from dialogs.ports import SessionsPort
from storage.models import MentoringSession, User
from storage.unit_of_work import UnitOfWork

OK, ANSWERED, REFUSED = "ok", "answered", "refused"
# A mentor who says "yes" and never writes the plan: the mentee is asked how it was anyway.
PLAN_WAIT = timedelta(hours=6)
RECAP_USEFUL = timedelta(days=7)
RATINGS = range(1, 6)


class SessionsService(SessionsPort):
    """The after-session port for one user, bound to the transaction handling their update."""

    def __init__(self, uow: UnitOfWork, user: User, now: datetime) -> None:
        self._uow = uow
        self._user = user
        self._now = utc(now)

    @property
    def _me(self) -> int:
        assert self._user.id is not None
        return self._user.id

    async def record_outcome(self, session_id: int, held: bool) -> str:
        booking = await self._uow.sessions.get(session_id, lock=True)
        if booking is None or booking.mentor_id != self._me:
            return REFUSED
        if booking.status in ("held", "missed"):
            return ANSWERED
        if booking.status != "booked" or utc(booking.starts_at) > self._now:
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

    async def _recap(
        self, booking: MentoringSession, items: list[str], due_at: datetime, key: str
    ) -> bool:
        """Send the mentee the plan and the "how was it?" question; False when already written."""
        assert booking.id is not None
        mentor_name, _ = await names(self._uow, booking.mentor_id, booking.mentee_id)
        return await self._uow.outbox.enqueue(
            booking.mentee_id,
            "session_recap",
            {
                "session": booking.id,
                "starts_at": utc(booking.starts_at).isoformat(),
                "name": mentor_name,
                "plan": items,
            },
            due_at=due_at,
            expires_at=due_at + RECAP_USEFUL,
            dedupe_key=key_prefix(booking.id) + key,
        )
