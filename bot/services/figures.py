"""Programme figures for coordinators: read-only counts from one unit of work."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.services.bound import StaffAwareService
from dialogs.ports import (
    CampaignFigures,
    FiguresPort,
    PairFigures,
    ProgrammeFigures,
    ReachFigures,
)
from storage.figures import PairCounts
from storage.models import as_utc
from storage.unit_of_work import UnitOfWork

ZONE = ZoneInfo("Europe/Riga")  # Vilnius keeps the same time
SESSIONS_A_MONTH = 2  # the programme's rule: at least two sessions a month, held or booked
MONTH_PATTERN = re.compile(r"(\d{4})-(\d{2})")


@dataclass(frozen=True)
class Month:
    """A calendar month in Europe/Riga, bounded by UTC moments for the database."""

    year: int
    month: int

    @classmethod
    def of(cls, moment: datetime) -> Month:
        local = as_utc(moment).astimezone(ZONE)
        return cls(local.year, local.month)

    @classmethod
    def parse(cls, text: str) -> Month:
        """From "YYYY-MM"; ValueError for anything else."""
        found = MONTH_PATTERN.fullmatch(text.strip())
        if found is None or not 1 <= int(found[2]) <= 12:
            raise ValueError(f"not a month (YYYY-MM): {text!r}")
        return cls(int(found[1]), int(found[2]))

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    @property
    def start(self) -> datetime:
        """The first moment of the month, in UTC (ZoneInfo gives each wall time its offset)."""
        return datetime(self.year, self.month, 1, tzinfo=ZONE).astimezone(UTC)

    @property
    def end(self) -> datetime:
        """The first moment of the next month, in UTC."""
        return self.next().start

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


async def programme_figures(uow: UnitOfWork, month: Month, now: datetime) -> ProgrammeFigures:
    """The programme at a glance for one month; booked ahead counts from `now`."""
    requests = await uow.figures.request_counts()
    applications = await uow.figures.application_counts()
    sessions = await uow.figures.session_counts(month.start, month.end)
    return ProgrammeFigures(
        waiting_requests=requests.get("waiting", 0),
        active_pairs=await uow.figures.active_pairs(),
        mentors_approved=applications.get("approved", 0),
        applications_waiting=applications.get("submitted", 0),
        sessions_held_this_month=sessions.get("held", 0),
        sessions_booked_ahead=await uow.figures.booked_from(as_utc(now)),
        missed_this_month=sessions.get("missed", 0),
        month_start=month.start,
    )


async def pair_figures(uow: UnitOfWork, month: Month) -> list[PairFigures]:
    """Every active pair's sessions in the month, by pair id."""
    return [_pair(row) for row in await uow.figures.active_pair_counts(month.start, month.end)]


def _pair(row: PairCounts) -> PairFigures:
    return PairFigures(
        pair_id=row.pair_id,
        mentor_name=row.mentor_name,
        mentee_name=row.mentee_name,
        started_at=as_utc(row.started_at),
        planned_end_at=as_utc(row.planned_end_at),
        held_this_month=row.held,
        booked_this_month=row.booked,
        missed_this_month=row.missed,
        on_track=row.held + row.booked >= SESSIONS_A_MONTH,
    )


class FiguresService(StaffAwareService, FiguresPort):
    """The figures port for one user, bound to the transaction handling their update."""

    async def programme(self) -> ProgrammeFigures | None:
        if not await self._is_staff():
            return None
        return await programme_figures(self._uow, Month.of(self._now), self._now)

    async def pairs(self) -> list[PairFigures]:
        if not await self._is_staff():
            return []
        return await pair_figures(self._uow, Month.of(self._now))

    async def campaign(self) -> CampaignFigures | None:
        if not await self._is_staff():
            return None
        rows = await self._uow.campaign.stories(published_only=True)
        helped = await self._uow.campaign.helped_counts()
        language = self._user.language
        stories = [
            ReachFigures(
                row.title.get(language) or next(iter(row.title.values())),
                row.views,
                helped.get(row.id or 0, 0),
            )
            for row in rows
        ]
        by_topic: dict[str, list[int]] = {}
        for row in rows:
            for topic in row.topics:
                counts = by_topic.setdefault(topic, [0, 0])
                counts[0] += row.views
                counts[1] += helped.get(row.id or 0, 0)
        topics = [ReachFigures(topic, views, taps) for topic, (views, taps) in by_topic.items()]
        subscribers = await self._uow.subscriptions.count()
        interested = await self._uow.campaign.interest_counts()
        interest = tuple(
            (
                row.title.get(language) or next(iter(row.title.values())),
                interested.get(row.id or 0, 0),
            )
            for row in await self._uow.campaign.opportunities(published_only=True)
        )
        requests = await self._uow.talk.all()
        waits = sorted(
            (as_utc(r.taken_at) - as_utc(r.created_at)).total_seconds() / 60
            for r in requests
            if r.taken_at is not None
        )
        return CampaignFigures(
            stories=sorted(stories, key=lambda f: (-f.views, -f.helped, f.key)),
            topics=sorted(topics, key=lambda f: (-f.views, -f.helped, f.key)),
            story_subscribers=subscribers["stories"],
            opportunity_subscribers=subscribers["opportunities"],
            interest=interest,
            talk_requests=len(requests),
            talk_answered=len(waits),
            talk_median_minutes=round(statistics.median(waits)) if waits else None,
        )
