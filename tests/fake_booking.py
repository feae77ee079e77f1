"""An in-memory booking port: free times, pairs and sessions, shared through the Programme."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time
from typing import Any

from bot.scheduling.slots import (
    HORIZON,
    MIN_NOTICE,
    SESSION,
    Availability,
    OneOffWindow,
    WeeklyWindow,
    free_slots,
)
from dialogs.ports import (
    AvailabilityView,
    BookingPort,
    BookingResult,
    PairView,
    SessionView,
    WindowView,
)

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
TZ = "Europe/Riga"


@dataclass
class Calendar:
    """Everyone's free times, pairs (id -> mentor, mentee) and sessions."""

    now: datetime = NOW
    windows: dict[int, tuple[int, WindowView]] = field(default_factory=dict)
    days_off: set[tuple[int, date]] = field(default_factory=set)
    pairs: dict[int, tuple[int, int]] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)
    sessions: dict[int, tuple[int, int, SessionView]] = field(default_factory=dict)
    plans: dict[int, list[str]] = field(default_factory=dict)  # by session id
    ratings: dict[int, int] = field(default_factory=dict)
    done: set[int] = field(default_factory=set)  # plan item ids: session id * 100 + line

    def free(self, mentor: int) -> list[datetime]:
        windows = [view for owner, view in self.windows.values() if owner == mentor]
        availability = Availability(
            tz=TZ,
            weekly=tuple(
                WeeklyWindow(w.weekday, w.start, w.end) for w in windows if w.weekday is not None
            ),
            one_off=tuple(OneOffWindow(w.day, w.start, w.end) for w in windows if w.day),
            days_off=frozenset(day for owner, day in self.days_off if owner == mentor),
        )
        taken = [v.starts_at for m, _e, v in self.sessions.values() if m == mentor]
        return free_slots(availability, self.now, [t for t in taken if t])


class FakeBooking(BookingPort):
    def __init__(self, programme: Any, user_id: int) -> None:
        self._programme = programme
        self._calendar: Calendar = programme.calendar
        self._me = user_id

    def _is_mentor(self) -> bool:
        application = self._programme.applications.get(self._me)
        return application is not None and application.status == "approved"

    async def my_availability(self) -> AvailabilityView:
        mine = [view for owner, view in self._calendar.windows.values() if owner == self._me]
        days = sorted(day for owner, day in self._calendar.days_off if owner == self._me)
        return AvailabilityView(TZ, tuple(mine), tuple(days))

    def _add(self, view: WindowView) -> bool:
        if not self._is_mentor():
            return False
        window_id = len(self._calendar.windows) + 1
        self._calendar.windows[window_id] = (self._me, replace(view, id=window_id))
        return True

    async def add_weekly(self, weekday: int, start: time, end: time) -> bool:
        return self._add(WindowView(0, start, end, weekday=weekday))

    async def add_one_off(self, day: date, start: time, end: time) -> bool:
        return self._add(WindowView(0, start, end, day=day))

    async def remove_window(self, window_id: int) -> bool:
        found = self._calendar.windows.get(window_id)
        if found is None or found[0] != self._me:
            return False
        del self._calendar.windows[window_id]
        return True

    async def add_day_off(self, day: date) -> bool:
        if not self._is_mentor():
            return False
        self._calendar.days_off.add((self._me, day))
        return True

    async def remove_day_off(self, day: date) -> bool:
        if (self._me, day) not in self._calendar.days_off:
            return False
        self._calendar.days_off.discard((self._me, day))
        return True

    async def my_pairs(self) -> list[PairView]:
        views = []
        for pair_id, (mentor, mentee) in self._calendar.pairs.items():
            if self._me in (mentor, mentee):
                partner = mentee if mentor == self._me else mentor
                views.append(
                    PairView(pair_id, self._calendar.names.get(partner, ""), mentor == self._me)
                )
        return views

    def _pair(self, pair_id: int | None) -> int | None:
        for found, (mentor, mentee) in self._calendar.pairs.items():
            if (pair_id is None and mentee == self._me) or (
                found == pair_id and mentor == self._me
            ):
                return found
        return None

    async def free_slots(self, pair_id: int | None = None) -> list[datetime]:
        pair = self._pair(pair_id)
        return [] if pair is None else self._calendar.free(self._calendar.pairs[pair][0])

    def _store(self, pair_id: int, start: datetime, session_id: int, sequence: int) -> SessionView:
        mentor, mentee = self._calendar.pairs[pair_id]
        partner = mentee if mentor == self._me else mentor
        view = SessionView(
            session_id,
            pair_id,
            start,
            start + SESSION,
            TZ,
            sequence,
            self._calendar.names.get(partner, ""),
            mentor == self._me,
        )
        self._calendar.sessions[session_id] = (mentor, mentee, view)
        return view

    def _tell(self, mentor: int, mentee: int, kind: str) -> None:
        self._programme.notices.append((mentee if mentor == self._me else mentor, kind, {}))

    async def book(self, start: datetime) -> BookingResult:
        pair = self._pair(None)
        if pair is None:
            return BookingResult("refused")
        if start not in self._calendar.free(self._calendar.pairs[pair][0]):
            return BookingResult("taken")
        view = self._store(pair, start, len(self._calendar.sessions) + 1, 0)
        self._tell(*self._calendar.pairs[pair], "session_booked")
        return BookingResult("ok", view)

    async def propose(self, pair_id: int, start: datetime) -> BookingResult:
        pair = self._pair(pair_id)
        if pair is None:
            return BookingResult("refused")
        if not self._calendar.now + MIN_NOTICE <= start <= self._calendar.now + HORIZON:
            return BookingResult("too_soon")
        view = self._store(pair, start, len(self._calendar.sessions) + 1, 0)
        self._tell(*self._calendar.pairs[pair], "session_proposed")
        return BookingResult("ok", view)

    def _own(self, session_id: int) -> SessionView | None:
        found = self._calendar.sessions.get(session_id)
        if found is None or self._me not in found[:2] or found[2].status != "booked":
            return None
        return found[2]

    async def my_sessions(self) -> list[SessionView]:
        views = [self._own(session_id) for session_id in self._calendar.sessions]
        return sorted((v for v in views if v), key=lambda v: v.starts_at)

    async def reschedule(self, session_id: int, new_start: datetime) -> BookingResult:
        view = self._own(session_id)
        if view is None:
            return BookingResult("refused")
        mentor, mentee, _view = self._calendar.sessions[session_id]
        if new_start not in self._calendar.free(mentor):
            return BookingResult("taken")
        moved = self._store(view.pair_id, new_start, session_id, view.sequence + 1)
        self._tell(mentor, mentee, "session_moved")
        return BookingResult("ok", moved)

    async def cancel(self, session_id: int) -> BookingResult:
        view = self._own(session_id)
        if view is None:
            return BookingResult("refused")
        mentor, mentee, _view = self._calendar.sessions[session_id]
        cancelled = replace(view, status="cancelled", sequence=view.sequence + 1)
        # A cancelled session holds no slot: keep it out of the taken list.
        self._calendar.sessions[session_id] = (0, 0, cancelled)
        self._tell(mentor, mentee, "session_cancelled")
        return BookingResult("ok", cancelled)
