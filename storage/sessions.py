"""Queries about mentors' free times and booked sessions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlmodel import col, func, or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import AvailabilityWindow, DayOff, MeetingPlace, MentoringSession
from storage.repositories import _insert


class AvailabilityRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def windows(self, mentor_id: int) -> list[AvailabilityWindow]:
        query = (
            select(AvailabilityWindow)
            .where(AvailabilityWindow.mentor_id == mentor_id)
            .order_by(
                col(AvailabilityWindow.weekday),
                col(AvailabilityWindow.day),
                col(AvailabilityWindow.start_time),
            )
        )
        return list((await self._session.exec(query)).all())

    def add_window(self, window: AvailabilityWindow) -> None:
        self._session.add(window)

    async def remove_window(self, mentor_id: int, window_id: int) -> bool:
        """Remove the mentor's own window; False for a window that is not theirs."""
        window = await self._session.get(AvailabilityWindow, window_id)
        if window is None or window.mentor_id != mentor_id:
            return False
        await self._session.delete(window)
        return True

    async def meeting_place(self, mentor_id: int) -> MeetingPlace | None:
        return await self._session.get(MeetingPlace, mentor_id)

    async def set_meeting_place(
        self, mentor_id: int, place: str | None, online_url: str | None
    ) -> None:
        row = await self.meeting_place(mentor_id) or MeetingPlace(mentor_id=mentor_id)
        row.place, row.online_url = place, online_url
        self._session.add(row)

    async def days_off(self, mentor_id: int) -> list[date]:
        query = (
            select(col(DayOff.day)).where(DayOff.mentor_id == mentor_id).order_by(col(DayOff.day))
        )
        return list((await self._session.exec(query)).all())

    async def add_day_off(self, mentor_id: int, day: date) -> None:
        statement = (
            _insert(self._session, DayOff)
            .values(mentor_id=mentor_id, day=day)
            .on_conflict_do_nothing(index_elements=["mentor_id", "day"])
        )
        await self._session.exec(statement)

    async def remove_day_off(self, mentor_id: int, day: date) -> bool:
        day_off = await self._session.get(DayOff, (mentor_id, day))
        if day_off is None:
            return False
        await self._session.delete(day_off)
        return True


class SessionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, session_id: int, lock: bool = False) -> MentoringSession | None:
        query = select(MentoringSession).where(MentoringSession.id == session_id)
        if lock:
            query = query.with_for_update()
        return (await self._session.exec(query)).first()

    def add(self, booking: MentoringSession) -> None:
        self._session.add(booking)

    async def booked_starts(self, mentor_id: int, since: datetime) -> list[datetime]:
        """Starts of the mentor's booked sessions from `since` on."""
        return await self._starts(MentoringSession.mentor_id == mentor_id, since)

    async def booked_starts_of_mentee(self, mentee_id: int, since: datetime) -> list[datetime]:
        return await self._starts(MentoringSession.mentee_id == mentee_id, since)

    async def _starts(self, whose: Any, since: datetime) -> list[datetime]:
        query = select(MentoringSession.starts_at).where(
            whose,
            MentoringSession.status == "booked",
            col(MentoringSession.starts_at) >= since,
        )
        return list((await self._session.exec(query)).all())

    async def upcoming_for(
        self, user_id: int, since: datetime, statuses: tuple[str, ...] = ("booked",)
    ) -> list[MentoringSession]:
        """Sessions the user takes part in, on either side, ending after `since`."""
        query = (
            select(MentoringSession)
            .where(
                or_(MentoringSession.mentor_id == user_id, MentoringSession.mentee_id == user_id),
                col(MentoringSession.status).in_(statuses),
                col(MentoringSession.ends_at) > since,
            )
            .order_by(col(MentoringSession.starts_at))
        )
        return list((await self._session.exec(query)).all())

    async def booked_for_pair(
        self, pair_id: int, statuses: tuple[str, ...] = ("booked",)
    ) -> list[MentoringSession]:
        query = select(MentoringSession).where(
            MentoringSession.pair_id == pair_id, col(MentoringSession.status).in_(statuses)
        )
        return list((await self._session.exec(query)).all())

    async def count_for_pair(self, pair_id: int, start: datetime, end: datetime) -> int:
        """The pair's sessions held or booked that start in [start, end)."""
        query = select(func.count()).where(
            MentoringSession.pair_id == pair_id,
            col(MentoringSession.status).in_(("held", "booked")),
            col(MentoringSession.starts_at) >= start,
            col(MentoringSession.starts_at) < end,
        )
        return (await self._session.exec(query)).one()

    async def booked_for_mentor(
        self, mentor_id: int, start: datetime, end: datetime
    ) -> list[MentoringSession]:
        """The mentor's booked sessions that start in [start, end), earliest first."""
        query = (
            select(MentoringSession)
            .where(
                MentoringSession.mentor_id == mentor_id,
                MentoringSession.status == "booked",
                col(MentoringSession.starts_at) >= start,
                col(MentoringSession.starts_at) < end,
            )
            .order_by(col(MentoringSession.starts_at))
        )
        return list((await self._session.exec(query)).all())

    async def past_for_pair(self, pair_id: int, limit: int) -> list[MentoringSession]:
        """The pair's held and missed sessions, newest first."""
        query = (
            select(MentoringSession)
            .where(
                MentoringSession.pair_id == pair_id,
                col(MentoringSession.status).in_(("held", "missed")),
            )
            .order_by(col(MentoringSession.starts_at).desc())
            .limit(limit)
        )
        return list((await self._session.exec(query)).all())
