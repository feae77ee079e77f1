"""Mentors' free times and the sessions booked in them, inside the caller's unit of work."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError

from bot.scheduling.slots import (
    HORIZON,
    MIN_NOTICE,
    SESSION,
    Availability,
    OneOffWindow,
    WeeklyWindow,
    free_slots,
)
from bot.services import reminders
from bot.services.bound import BoundService
from dialogs.i18n import TIMEZONES
from dialogs.ports import (
    AvailabilityView,
    BookingPort,
    BookingResult,
    PairView,
    SessionView,
    WindowView,
)
from storage.models import AvailabilityWindow, MentoringSession, Pair, User, as_utc

DEFAULT_TZ = "Europe/Riga"
# Enough for any real week; a cap keeps a runaway client from filling the table.
MAX_WINDOWS = 40
REFUSED = BookingResult("refused")


class BookingService(BoundService, BookingPort):
    """The booking port for one user, bound to the transaction handling their update."""

    # --- a mentor's free times ---------------------------------------------------------------

    async def my_availability(self) -> AvailabilityView:
        windows = await self._uow.availability.windows(self._me)
        return AvailabilityView(
            tz=_zone(self._user),
            windows=tuple(_window_view(window) for window in windows),
            days_off=tuple(await self._uow.availability.days_off(self._me)),
        )

    async def add_weekly(self, weekday: int, start: time, end: time) -> bool:
        if not 0 <= weekday <= 6 or not start < end or not await self._may_add_window():
            return False
        window = AvailabilityWindow(
            mentor_id=self._me, weekday=weekday, start_time=start, end_time=end
        )
        self._uow.availability.add_window(window)
        return True

    async def add_one_off(self, day: date, start: time, end: time) -> bool:
        if not start < end or not self._ahead(day) or not await self._may_add_window():
            return False
        window = AvailabilityWindow(mentor_id=self._me, day=day, start_time=start, end_time=end)
        self._uow.availability.add_window(window)
        return True

    async def remove_window(self, window_id: int) -> bool:
        return await self._uow.availability.remove_window(self._me, window_id)

    async def add_day_off(self, day: date) -> bool:
        if not self._ahead(day) or not await self._is_mentor():
            return False
        await self._uow.availability.add_day_off(self._me, day)
        return True

    async def remove_day_off(self, day: date) -> bool:
        return await self._uow.availability.remove_day_off(self._me, day)

    async def _is_mentor(self) -> bool:
        application = await self._uow.applications.get(self._me)
        return application is not None and application.status == "approved"

    async def _may_add_window(self) -> bool:
        if not await self._is_mentor():
            return False
        return len(await self._uow.availability.windows(self._me)) < MAX_WINDOWS

    def _ahead(self, day: date) -> bool:
        """A day from today (in the mentor's zone) to the booking horizon."""
        today = self._now.astimezone(ZoneInfo(_zone(self._user))).date()
        return today <= day <= (self._now + HORIZON).date()

    # --- pairs and free slots ----------------------------------------------------------------

    async def my_pairs(self) -> list[PairView]:
        pairs = await self._uow.pairs.active_for_mentor(self._me)
        views = [PairView(p.id, await self._mentee_name(p), True) for p in pairs]  # type: ignore[arg-type]
        mine = await self._uow.pairs.active_for_mentee(self._me)
        if mine is not None:
            views.append(PairView(mine.id, await self._mentor_name(mine), False))  # type: ignore[arg-type]
        return views

    async def free_slots(self, pair_id: int | None = None) -> list[datetime]:
        pair = await self._pair_for_slots(pair_id)
        return await self._free(pair) if pair is not None else []

    async def _pair_for_slots(self, pair_id: int | None) -> Pair | None:
        """Without a pair id the mentee's own pair; with one, a pair the user mentors."""
        if pair_id is None:
            return await self._uow.pairs.active_for_mentee(self._me)
        pair = await self._uow.pairs.get(pair_id)
        if pair is None or pair.status != "active" or pair.mentor_id != self._me:
            return None
        return pair

    async def _free(self, pair: Pair) -> list[datetime]:
        mentor = await self._uow.users.get(pair.mentor_id)
        assert mentor is not None
        windows = await self._uow.availability.windows(pair.mentor_id)
        availability = Availability(
            tz=_zone(mentor),
            weekly=tuple(
                WeeklyWindow(w.weekday, w.start_time, w.end_time)
                for w in windows
                if w.weekday is not None
            ),
            one_off=tuple(
                OneOffWindow(w.day, w.start_time, w.end_time) for w in windows if w.day is not None
            ),
            days_off=frozenset(await self._uow.availability.days_off(pair.mentor_id)),
        )
        taken = [as_utc(start) for start in await self._booked(pair)]
        return free_slots(availability, self._now, taken)

    async def _booked(self, pair: Pair) -> list[datetime]:
        """The mentor's booked starts and the mentee's (who may not be in two places at once)."""
        since = self._now - SESSION
        return [
            *await self._uow.sessions.booked_starts(pair.mentor_id, since),
            *await self._uow.sessions.booked_starts_of_mentee(pair.mentee_id, since),
        ]

    # --- booking, proposing, moving, cancelling ---------------------------------------------

    async def book(self, start: datetime) -> BookingResult:
        pair = await self._uow.pairs.active_for_mentee(self._me)
        if pair is None:
            return REFUSED
        refusal = await self._check_free(pair, as_utc(start))
        if refusal is not None:
            return refusal
        return await self._insert(pair, as_utc(start), "session_booked")

    async def propose(self, pair_id: int, start: datetime) -> BookingResult:
        pair = await self._pair_for_slots(pair_id)
        if pair is None:
            return REFUSED
        refusal = self._check_time(as_utc(start))
        if refusal is not None:
            return refusal
        return await self._insert(pair, as_utc(start), "session_proposed")

    async def reschedule(self, session_id: int, new_start: datetime) -> BookingResult:
        found = await self._own_session(session_id)
        if found is None:
            return REFUSED
        booking, pair = found
        start = as_utc(new_start)
        # The mentee picks from the free slots; the mentor may pick any time, as when proposing.
        if booking.mentor_id == self._me:
            refusal = self._check_time(start)
        else:
            refusal = await self._check_free(pair, start)
        if refusal is not None:
            return refusal
        old_start = as_utc(booking.starts_at)
        booking.starts_at, booking.ends_at = start, start + SESSION
        if not await self._saved(booking):
            return BookingResult("taken")
        # The old time's reminders must never go out; the new time gets its own.
        await reminders.cancel(self._uow, booking.id)  # type: ignore[arg-type]
        await reminders.schedule(self._uow, booking, self._now)
        await self._tell_other(booking, "session_moved", old_start=old_start)
        return BookingResult("ok", await self._view(booking, pair))

    async def cancel(self, session_id: int) -> BookingResult:
        found = await self._own_session(session_id)
        if found is None:
            return REFUSED
        booking, pair = found
        booking.status = "cancelled"  # the row no longer holds the slot: it is free again
        await self._saved(booking)
        await reminders.cancel(self._uow, booking.id)  # type: ignore[arg-type]
        await self._tell_other(booking, "session_cancelled")
        return BookingResult("ok", await self._view(booking, pair))

    async def my_sessions(self) -> list[SessionView]:
        views = []
        for booking in await self._uow.sessions.upcoming_for(self._me, self._now):
            pair = await self._uow.pairs.get(booking.pair_id)
            if pair is not None and pair.status == "active":
                views.append(await self._view(booking, pair))
        return views

    def _check_time(self, start: datetime) -> BookingResult | None:
        if start < self._now + MIN_NOTICE:
            return BookingResult("too_soon")
        if start > self._now + HORIZON or start.minute or start.second or start.microsecond:
            return BookingResult("not_free")
        return None

    async def _check_free(self, pair: Pair, start: datetime) -> BookingResult | None:
        """Why a mentee may not take this start, or None when it is one of the free slots."""
        if start in await self._free(pair):
            return None
        refusal = self._check_time(start)
        if refusal is not None:
            return refusal
        taken = {as_utc(moment) for moment in await self._booked(pair)}
        return BookingResult("taken" if start in taken else "not_free")

    async def _own_session(self, session_id: int) -> tuple[MentoringSession, Pair] | None:
        """A booked, not yet ended session of an active pair the user belongs to."""
        booking = await self._uow.sessions.get(session_id, lock=True)
        if booking is None or self._me not in (booking.mentor_id, booking.mentee_id):
            return None
        if booking.status != "booked" or as_utc(booking.ends_at) <= self._now:
            return None
        pair = await self._uow.pairs.get(booking.pair_id)
        if pair is None or pair.status != "active":
            return None
        return booking, pair

    async def _insert(self, pair: Pair, start: datetime, kind: str) -> BookingResult:
        mentor = await self._uow.users.get(pair.mentor_id)
        assert mentor is not None
        booking = MentoringSession(
            pair_id=pair.id,  # type: ignore[arg-type]
            mentor_id=pair.mentor_id,
            mentee_id=pair.mentee_id,
            starts_at=start,
            ends_at=start + SESSION,
            tz=_zone(mentor),
            status="booked",
            sequence=-1,  # _saved raises it to 0
            proposed_by=self._me,
            created_at=self._now,
        )
        if not await self._saved(booking):
            return BookingResult("taken")
        await reminders.schedule(self._uow, booking, self._now)
        await self._tell_other(booking, kind)
        return BookingResult("ok", await self._view(booking, pair))

    async def _saved(self, booking: MentoringSession) -> bool:
        """Write the change; False when the database says the slot is taken meanwhile."""
        booking.sequence += 1
        booking.updated_at = self._now
        try:
            # A savepoint: the losing side of a race keeps its transaction (and its dialog).
            async with self._uow.session.begin_nested():
                self._uow.sessions.add(booking)
                await self._uow.session.flush()
        except IntegrityError:
            return False
        return True

    async def _tell_other(
        self, booking: MentoringSession, kind: str, old_start: datetime | None = None
    ) -> None:
        """Notify the other person of the pair; the notice carries what its .ics needs."""
        other = booking.mentee_id if booking.mentor_id == self._me else booking.mentor_id
        pair = await self._uow.pairs.get(booking.pair_id)
        assert pair is not None
        # The notice names who made the change: the current user, as the other one knows them.
        mentor_acted = other == pair.mentee_id
        name = await (self._mentor_name(pair) if mentor_acted else self._mentee_name(pair))
        payload = {
            "session": booking.id,
            "starts_at": as_utc(booking.starts_at).isoformat(),
            "ends_at": as_utc(booking.ends_at).isoformat(),
            "tz": booking.tz,
            "sequence": booking.sequence,
            "name": name,
            "stamp": self._now.isoformat(),
        }
        if old_start is not None:
            payload["old_starts_at"] = old_start.isoformat()
        await self._uow.outbox.enqueue(
            other,
            kind,
            payload,
            due_at=self._now,
            # News about a session that has begun is no longer worth sending.
            expires_at=as_utc(booking.starts_at),
            dedupe_key=f"booking:{booking.id}:{booking.sequence}:{other}",
            about=[self._me],
        )

    async def _view(self, booking: MentoringSession, pair: Pair) -> SessionView:
        i_am_mentor = booking.mentor_id == self._me
        partner = await (self._mentee_name(pair) if i_am_mentor else self._mentor_name(pair))
        return SessionView(
            id=booking.id,  # type: ignore[arg-type]
            pair_id=booking.pair_id,
            starts_at=as_utc(booking.starts_at),
            ends_at=as_utc(booking.ends_at),
            tz=booking.tz,
            sequence=booking.sequence,
            partner=partner,
            i_am_mentor=i_am_mentor,
            status=booking.status,
        )

    async def _mentor_name(self, pair: Pair) -> str:
        application = await self._uow.applications.get(pair.mentor_id)
        return application.display_name if application else ""

    async def _mentee_name(self, pair: Pair) -> str:
        request = await self._uow.requests.get(pair.mentee_id)
        return request.display_name if request else ""


def _zone(user: User) -> str:
    return TIMEZONES.get(user.country or "", DEFAULT_TZ)


def _window_view(window: AvailabilityWindow) -> WindowView:
    return WindowView(
        id=window.id,  # type: ignore[arg-type]
        start=window.start_time,
        end=window.end_time,
        weekday=window.weekday,
        day=window.day,
    )
