"""APScheduler as the timer for periodic scans; the database stays the truth.

APScheduler 3 cannot share its job store between processes, so jobs keep no state of their own:
each run reads the database and writes outbox notices under dedupe keys. Two processes running
the same job, or a run repeated after a restart, therefore write nothing twice.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.base import BaseTrigger

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    trigger: BaseTrigger
    run: Callable[[datetime], Awaitable[int]]  # returns how many notices it wrote
    catch_up: bool = True  # also run at start, for a run missed while the bot was down


class Scheduler:
    def __init__(
        self,
        jobs: list[PeriodicJob],
        after_run: Callable[[], None] = lambda: None,
        clock: Clock = lambda: datetime.now(UTC),
    ) -> None:
        self._jobs = jobs
        self._after_run = after_run
        self._clock = clock
        self._scheduler = AsyncIOScheduler(timezone=UTC)
        self._catch_up: asyncio.Task[None] | None = None

    def start(self) -> None:
        for job in self._jobs:
            self._scheduler.add_job(
                self._run,
                job.trigger,
                args=[job],
                id=job.name,
                coalesce=True,  # several missed runs are one run
                max_instances=1,
                misfire_grace_time=None,
            )
        self._scheduler.start()
        self._catch_up = asyncio.create_task(self._run_catch_up())

    async def _run_catch_up(self) -> None:
        for job in self._jobs:
            if job.catch_up:
                await self._run(job)

    async def _run(self, job: PeriodicJob) -> None:
        try:
            written = await job.run(self._clock())
        except Exception:
            log.exception("periodic job %s failed", job.name)
            return
        if written:
            log.info("periodic job %s wrote %d notices", job.name, written)
            self._after_run()

    async def shutdown(self) -> None:
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)
        if self._catch_up is not None:
            self._catch_up.cancel()
            await asyncio.gather(self._catch_up, return_exceptions=True)
