"""An in-memory figures port, counted from the Programme's requests, pairings and sessions."""

from __future__ import annotations

from typing import Any

from bot.services.figures import SESSIONS_A_MONTH, Month
from dialogs.ports import FiguresPort, PairFigures, ProgrammeFigures, SessionView


class FakeFigures(FiguresPort):
    """This month is the calendar's (calendar.now), in Europe/Riga, as the service has it."""

    def __init__(self, programme: Any, user_id: int) -> None:
        self._programme = programme
        self._me = user_id

    def _is_staff(self) -> bool:
        return self._me in self._programme.staff | self._programme.admins

    def _month(self) -> Month:
        return Month.of(self._programme.calendar.now)

    def _this_month(self, status: str, pair_id: int | None = None) -> int:
        month = self._month()
        return sum(
            1
            for view in self._sessions()
            if view.status == status
            and month.start <= view.starts_at < month.end
            and pair_id in (None, view.pair_id)
        )

    def _sessions(self) -> list[SessionView]:
        return [view for _mentor, _mentee, view in self._programme.calendar.sessions.values()]

    async def programme(self) -> ProgrammeFigures | None:
        if not self._is_staff():
            return None
        statuses = [view.status for view in self._programme.applications.values()]
        now = self._programme.calendar.now
        return ProgrammeFigures(
            waiting_requests=sum(
                1 for view in self._programme.requests.values() if view.status == "waiting"
            ),
            active_pairs=len(self._programme.pairings),
            mentors_approved=statuses.count("approved"),
            applications_waiting=statuses.count("submitted"),
            sessions_held_this_month=self._this_month("held"),
            sessions_booked_ahead=sum(
                1 for view in self._sessions() if view.status == "booked" and view.starts_at >= now
            ),
            missed_this_month=self._this_month("missed"),
            month_start=self._month().start,
        )

    async def pairs(self) -> list[PairFigures]:
        if not self._is_staff():
            return []
        figures = []
        for pair_id, view in sorted(self._programme.pairings.items()):
            held = self._this_month("held", pair_id)
            booked = self._this_month("booked", pair_id)
            figures.append(
                PairFigures(
                    pair_id=pair_id,
                    mentor_name=view.mentor_name,
                    mentee_name=view.mentee_name,
                    started_at=view.started_at,
                    planned_end_at=view.planned_end_at,
                    held_this_month=held,
                    booked_this_month=booked,
                    missed_this_month=self._this_month("missed", pair_id),
                    on_track=held + booked >= SESSIONS_A_MONTH,
                )
            )
        return figures
