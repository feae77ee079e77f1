"""The APScheduler timer: catch-up at start, failures contained."""

from __future__ import annotations

import asyncio
from datetime import datetime

from apscheduler.triggers.cron import CronTrigger

from bot.scheduler import PeriodicJob, Scheduler


async def test_catch_up_runs_each_job_once_and_wakes_the_outbox() -> None:
    runs: list[str] = []
    woken: list[bool] = []

    async def writes(now: datetime) -> int:
        runs.append("writes")
        return 2

    async def fails(now: datetime) -> int:
        runs.append("fails")
        raise RuntimeError("database down")

    async def quiet(now: datetime) -> int:
        runs.append("quiet")
        return 0

    yearly = CronTrigger(month=1, day=1, hour=0, timezone="Europe/Riga")
    scheduler = Scheduler(
        [
            PeriodicJob("a", yearly, fails),
            PeriodicJob("b", yearly, writes),
            PeriodicJob("c", yearly, quiet),
        ],
        after_run=lambda: woken.append(True),
    )
    scheduler.start()
    for _ in range(100):
        if len(runs) == 3:
            break
        await asyncio.sleep(0.01)
    await scheduler.shutdown()
    assert runs == ["fails", "writes", "quiet"]  # one failing job does not stop the others
    assert woken == [True]  # only a run that wrote something wakes the outbox
