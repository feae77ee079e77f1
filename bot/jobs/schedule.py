"""Which scans run when (local time in Riga, which Vilnius shares)."""

from __future__ import annotations

from functools import partial

from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.broadcasts.expand import expand_due
from bot.broadcasts.progress import PROGRESS_SECONDS, tell_composers
from bot.jobs.book_nudge import book_nudges
from bot.jobs.housekeeping import housekeeping
from bot.jobs.pairing_end import pairing_end_notes
from bot.jobs.planned_end import planned_ends
from bot.jobs.retention import retention
from bot.jobs.week_digest import week_digests
from bot.scheduler import PeriodicJob
from bot.services.access import AdminIds
from storage.unit_of_work import UnitOfWorkFactory

LOCAL_ZONE = "Europe/Riga"
BROADCAST_CHECK_SECONDS = 10


def periodic_jobs(
    uow_factory: UnitOfWorkFactory, admin_ids: AdminIds, retention_months: int = 24
) -> list[PeriodicJob]:
    return [
        PeriodicJob(
            "retention",
            CronTrigger(hour=11, minute=0, timezone=LOCAL_ZONE),
            partial(retention, uow_factory, admin_ids, retention_months),
        ),
        PeriodicJob(
            "planned-ends",
            CronTrigger(hour=9, minute=0, timezone=LOCAL_ZONE),
            partial(planned_ends, uow_factory, admin_ids),
        ),
        PeriodicJob(
            "pairing-end-notes",
            CronTrigger(hour=10, minute=0, timezone=LOCAL_ZONE),
            partial(pairing_end_notes, uow_factory, admin_ids),
        ),
        PeriodicJob(
            "book-nudges",
            CronTrigger(hour=10, minute=0, timezone=LOCAL_ZONE),
            partial(book_nudges, uow_factory),
        ),
        PeriodicJob(
            "housekeeping",
            CronTrigger(minute=17, timezone=LOCAL_ZONE),
            partial(housekeeping, uow_factory),
        ),
        # Broadcasts whose time has come are written out in batches; after a restart, the one
        # under way carries on from its cursor.
        PeriodicJob(
            "broadcasts",
            IntervalTrigger(seconds=BROADCAST_CHECK_SECONDS),
            partial(expand_due, uow_factory),
        ),
        # Their composers see how they go, in a message edited every few seconds.
        PeriodicJob(
            "broadcast-progress",
            IntervalTrigger(seconds=PROGRESS_SECONDS),
            partial(tell_composers, uow_factory),
        ),
        PeriodicJob(
            "week-digests",
            CronTrigger(day_of_week="mon", hour=8, minute=0, timezone=LOCAL_ZONE),
            partial(week_digests, uow_factory),
        ),
    ]
