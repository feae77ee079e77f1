"""Mentors' free times and the sessions booked in them, inside the caller's unit of work."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TypeVar
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
from dialogs.notice_payloads import (
    MoveDeclined,
    MovedFrom,
    MoveProposed,
    ProposalAccepted,
    ProposalDeclined,
    ProposalWithdrawn,
    ProposedPlace,
    SessionBooked,
    SessionCancelled,
    SessionMoved,
    SessionNews,
    SessionProposed,
)
from dialogs.ports import (
    AvailabilityView,
    BookingPort,
    BookingResult,
    PairView,
    SessionView,
    Where,
    WindowView,
)
from dialogs.where import is_valid
from storage.models import (
    AvailabilityWindow,
    MeetingPlace,
    MentoringSession,
    Pair,
    User,
    as_utc,
)

DEFAULT_TZ = "Europe/Riga"
Placed = TypeVar("Placed", AvailabilityWindow, MentoringSession)
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
            where=_where(await self._uow.availability.meeting_place(self._me)),
        )

    async def set_where(self, where: Where) -> bool:
        if not is_valid(where) or not await self._is_mentor():
            return False
        await self._uow.availability.set_meeting_place(self._me, where.place, where.online_url)
        return True

    async def add_weekly(
        self, weekday: int, start: time, end: time, where: Where | None = None
    ) -> bool:
        if not 0 <= weekday <= 6 or not start < end or not await self._may_add_window(where):
            return False
        window = AvailabilityWindow(
            mentor_id=self._me, weekday=weekday, start_time=start, end_time=end
        )
        self._uow.availability.add_window(_placed(window, where))
        return True

    async def add_one_off(
        self, day: date, start: time, end: time, where: Where | None = None
    ) -> bool:
        if not start < end or not self._ahead(day) or not await self._may_add_window(where):
            return False
        window = AvailabilityWindow(mentor_id=self._me, day=day, start_time=start, end_time=end)
        self._uow.availability.add_window(_placed(window, where))
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

    async def _may_add_window(self, where: Where | None) -> bool:
        if where is not None and not is_valid(where):
            return False
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

    async def where_for(self, start: datetime, pair_id: int | None = None) -> Where | None:
        pair = await self._pair_for_slots(pair_id)
        return await self._where_at(pair.mentor_id, as_utc(start)) if pair is not None else None

    async def _where_at(self, mentor_id: int, start: datetime) -> Where | None:
        """The place of the free time the start falls in, else where the mentor usually meets."""
        mentor = await self._uow.users.get(mentor_id)
        assert mentor is not None
        local = start.astimezone(ZoneInfo(_zone(mentor)))
        for window in await self._uow.availability.windows(mentor_id):
            on_the_day = (
                window.day == local.date()
                if window.day is not None
                else window.weekday == local.weekday()
            )
            inside = window.start_time <= local.time() < window.end_time
            own = _where(window)
            if on_the_day and inside and own is not None:
                return own
        return _where(await self._uow.availability.meeting_place(mentor_id))

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
        return await self._insert(pair, as_utc(start))

    async def propose(self, pair_id: int, start: datetime) -> BookingResult:
        pair = await self._pair_for_slots(pair_id)
        if pair is None:
            return REFUSED
        start = as_utc(start)
        refusal = self._check_time(start)
        if refusal is not None:
            return refusal
        if start in {as_utc(moment) for moment in await self._booked(pair)}:
            return BookingResult("taken")
        # Nothing is booked and nobody is reminded until the mentee accepts.
        proposal = await self._new_session(pair, start, "proposed")
        self._uow.sessions.add(proposal)
        await self._uow.session.flush()
        news = await self._news(proposal)
        await self._tell_other(proposal, "session_proposed", SessionProposed(**news))
        return BookingResult("proposed", await self._view(proposal, pair))

    async def answer_proposal(self, session_id: int, accept: bool) -> BookingResult:
        booking = await self._uow.sessions.get(session_id, lock=True)
        if booking is None or booking.mentee_id != self._me:
            return REFUSED
        pair = await self._uow.pairs.get(booking.pair_id)
        if pair is None or pair.status != "active" or as_utc(booking.ends_at) <= self._now:
            return REFUSED
        if booking.status == "proposed":
            return await self._answer_time(booking, pair, accept)
        if booking.status == "booked" and booking.proposed_starts_at is not None:
            return await self._answer_move(booking, pair, accept)
        return REFUSED

    async def _answer_time(
        self, booking: MentoringSession, pair: Pair, accept: bool
    ) -> BookingResult:
        assert booking.id is not None
        await reminders.cancel(self._uow, booking.id)  # the proposal's notice, if still waiting
        if not accept:
            booking.status = "declined"
            booking.updated_at = self._now
            self._uow.sessions.add(booking)
            news = await self._news(booking)
            await self._tell_other(booking, "proposal_declined", ProposalDeclined(**news))
            return BookingResult("ok", await self._view(booking, pair))
        refusal = self._check_time(as_utc(booking.starts_at))
        if refusal is not None:
            return refusal
        booking.status = "booked"
        if not await self._saved(booking):
            return BookingResult("taken")
        await reminders.schedule(self._uow, booking, self._now)
        # A proposed time accepted: nothing moved, so there is no old start to tell.
        payload = ProposalAccepted(**await self._news(booking), **MovedFrom())
        await self._tell_other(booking, "proposal_accepted", payload)
        return BookingResult("ok", await self._view(booking, pair))

    async def _answer_move(
        self, booking: MentoringSession, pair: Pair, accept: bool
    ) -> BookingResult:
        assert booking.proposed_starts_at is not None
        new_start, old_start = as_utc(booking.proposed_starts_at), as_utc(booking.starts_at)
        booking.proposed_starts_at = None
        booking.updated_at = self._now
        self._uow.sessions.add(booking)
        if not accept:
            payload = MoveDeclined(
                **await self._news(booking), proposed_starts_at=new_start.isoformat()
            )
            await self._tell_other(booking, "move_declined", payload, proposed_starts_at=new_start)
            return BookingResult("ok", await self._view(booking, pair))
        refusal = self._check_time(new_start)
        if refusal is not None:
            return refusal
        return await self._move(booking, pair, new_start, old_start, "proposal_accepted")

    async def reschedule(self, session_id: int, new_start: datetime) -> BookingResult:
        found = await self._own_session(session_id)
        if found is None:
            return REFUSED
        booking, pair = found
        start = as_utc(new_start)
        if booking.status != "booked":
            return REFUSED
        if booking.mentor_id == self._me:
            # A mentor's move is a proposal: the session stays where it is until the mentee agrees.
            refusal = self._check_time(start)
            if refusal is not None:
                return refusal
            booking.proposed_starts_at = start
            booking.updated_at = self._now
            self._uow.sessions.add(booking)
            # The question says where the new time would be: it may be another place, or online.
            new_where = await self._where_at(booking.mentor_id, start)
            there = ProposedPlace()
            if new_where is not None:
                there = ProposedPlace(
                    new_place=new_where.place, new_online_url=new_where.online_url
                )
            proposal = MoveProposed(
                **await self._news(booking), **there, proposed_starts_at=start.isoformat()
            )
            await self._tell_other(booking, "move_proposed", proposal, proposed_starts_at=start)
            return BookingResult("proposed", await self._view(booking, pair))
        # The mentee's own move stays one tap, within the mentor's free slots.
        refusal = await self._check_free(pair, start)
        if refusal is not None:
            return refusal
        booking.proposed_starts_at = None
        return await self._move(booking, pair, start, as_utc(booking.starts_at), "session_moved")

    async def _move(
        self,
        booking: MentoringSession,
        pair: Pair,
        start: datetime,
        old_start: datetime,
        kind: str,
    ) -> BookingResult:
        booking.starts_at, booking.ends_at = start, start + SESSION
        _placed(booking, await self._where_at(booking.mentor_id, start))
        if not await self._saved(booking):
            return BookingResult("taken")
        # The old time's reminders must never go out; the new time gets its own.
        await reminders.cancel(self._uow, booking.id)  # type: ignore[arg-type]
        await reminders.schedule(self._uow, booking, self._now)
        news, old_starts_at = await self._news(booking), old_start.isoformat()
        if kind == "session_moved":
            payload = SessionMoved(**news, old_starts_at=old_starts_at)
            await self._tell_other(booking, "session_moved", payload)
        else:  # an accepted move: the news says where from, as a move does
            accepted = ProposalAccepted(**news, old_starts_at=old_starts_at)
            await self._tell_other(booking, "proposal_accepted", accepted)
        return BookingResult("ok", await self._view(booking, pair))

    async def cancel(self, session_id: int) -> BookingResult:
        found = await self._own_session(session_id)
        if found is None:
            return REFUSED
        booking, pair = found
        if booking.status == "proposed":
            if booking.mentor_id != self._me:
                return await self._answer_time(booking, pair, accept=False)
            kind = "proposal_withdrawn"  # never in anyone's calendar: no file to remove it
        else:
            kind = "session_cancelled"
        booking.status = "cancelled"  # the row no longer holds the slot: it is free again
        booking.proposed_starts_at = None
        await self._saved(booking)
        await reminders.cancel(self._uow, booking.id)  # type: ignore[arg-type]
        news = await self._news(booking)
        if kind == "proposal_withdrawn":
            await self._tell_other(booking, "proposal_withdrawn", ProposalWithdrawn(**news))
        else:
            await self._tell_other(booking, "session_cancelled", SessionCancelled(**news))
        return BookingResult("ok", await self._view(booking, pair))

    async def my_sessions(self) -> list[SessionView]:
        views = []
        statuses = ("booked", "proposed")
        for booking in await self._uow.sessions.upcoming_for(self._me, self._now, statuses):
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
        """A booked or proposed, not yet ended session of an active pair the user belongs to."""
        booking = await self._uow.sessions.get(session_id, lock=True)
        if booking is None or self._me not in (booking.mentor_id, booking.mentee_id):
            return None
        if booking.status not in ("booked", "proposed") or as_utc(booking.ends_at) <= self._now:
            return None
        pair = await self._uow.pairs.get(booking.pair_id)
        if pair is None or pair.status != "active":
            return None
        return booking, pair

    async def _new_session(self, pair: Pair, start: datetime, status: str) -> MentoringSession:
        mentor = await self._uow.users.get(pair.mentor_id)
        assert mentor is not None
        session = MentoringSession(
            pair_id=pair.id,  # type: ignore[arg-type]
            mentor_id=pair.mentor_id,
            mentee_id=pair.mentee_id,
            starts_at=start,
            ends_at=start + SESSION,
            tz=_zone(mentor),
            status=status,
            sequence=-1,  # _saved raises it to 0 when it is booked
            proposed_by=self._me,
            created_at=self._now,
        )
        return _placed(session, await self._where_at(pair.mentor_id, start))

    async def _insert(self, pair: Pair, start: datetime) -> BookingResult:
        booking = await self._new_session(pair, start, "booked")
        if not await self._saved(booking):
            return BookingResult("taken")
        await reminders.schedule(self._uow, booking, self._now)
        news = await self._news(booking)
        await self._tell_other(booking, "session_booked", SessionBooked(**news))
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

    def _other(self, booking: MentoringSession) -> int:
        return booking.mentee_id if booking.mentor_id == self._me else booking.mentor_id

    async def _news(self, booking: MentoringSession) -> SessionNews:
        """What every notice about the session carries: what its .ics needs, and who acted."""
        assert booking.id is not None
        pair = await self._uow.pairs.get(booking.pair_id)
        assert pair is not None
        # The notice names who made the change: the current user, as the other one knows them.
        mentor_acted = self._other(booking) == pair.mentee_id
        name = await (self._mentor_name(pair) if mentor_acted else self._mentee_name(pair))
        return SessionNews(
            session=booking.id,
            starts_at=as_utc(booking.starts_at).isoformat(),
            ends_at=as_utc(booking.ends_at).isoformat(),
            tz=booking.tz,
            sequence=booking.sequence,
            name=name,
            stamp=self._now.isoformat(),
            place=booking.place,
            online_url=booking.online_url,
        )

    async def _tell_other(
        self,
        booking: MentoringSession,
        kind: str,
        payload: SessionNews,
        proposed_starts_at: datetime | None = None,
    ) -> None:
        """Notify the other person of the pair with the kind's payload (built on `_news`)."""
        other = self._other(booking)
        # Each proposal is news of its own, however often the same session is asked about.
        starts = as_utc(booking.starts_at)
        asked = int((proposed_starts_at or starts).timestamp())
        if kind in ("session_proposed", "move_proposed"):
            # Under the session's prefix: an answer, a move or an ending takes the question back.
            dedupe_key = f"{reminders.key_prefix(booking.id)}ask:{asked}:{other}"  # type: ignore[arg-type]
        else:
            dedupe_key = f"booking:{booking.id}:{booking.sequence}:{kind}:{asked}:{other}"
        await self._uow.outbox.enqueue(
            other,
            kind,
            payload,
            due_at=self._now,
            # News about a session that has begun is no longer worth sending.
            expires_at=min(starts, proposed_starts_at or starts),
            dedupe_key=dedupe_key,
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
            where=_where(booking),
            proposed_starts_at=(
                as_utc(booking.proposed_starts_at) if booking.proposed_starts_at else None
            ),
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
        where=_where(window),
    )


def _where(row: MeetingPlace | MentoringSession | AvailabilityWindow | None) -> Where | None:
    if row is None or not (row.place or row.online_url):
        return None
    return Where(row.place, row.online_url)


def _placed(row: Placed, where: Where | None) -> Placed:
    """The row with the place set; no place given: the usual one (both empty)."""
    row.place = where.place if where else None
    row.online_url = where.online_url if where else None
    return row
