"""The bot of bench.reminders_load, in a spawned child process: start, report, run, stop.

The child builds the real runtime (`create_runtime`) against the prepared database and the
emulator, starts its background work (the outbox worker with its rate limiter, and the
scheduler), and reports how long that took until the worker's first drain returned and its peak
RSS. It then keeps running until the parent says stop, and reports its peak RSS again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import resource
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from bench.bots import TOKEN
from bot.app import create_runtime
from bot.config import Settings

START_LIMIT_S = 120.0
STOP_LIMIT_S = 30.0


def peak_rss_mb() -> float:
    """This process's peak resident set size so far, in MiB.

    VmHWM, not getrusage's ru_maxrss: Linux carries ru_maxrss over fork + exec, so a spawned
    child reports its parent's peak (here: the parent that just wrote ~500,000 rows) until it
    outgrows it. ru_maxrss (KiB on Linux) is the fallback where /proc is missing.
    """
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def serve(database_url: str, api_base: str, conn: Connection) -> None:
    """Entry point of the child process."""
    logging.basicConfig(level=logging.WARNING, format="bot: %(levelname)s %(name)s: %(message)s")
    asyncio.run(_serve(database_url, api_base, conn))


async def _serve(database_url: str, api_base: str, conn: Connection) -> None:
    settings = Settings()
    settings.database.url = database_url
    settings.app.secret_key = None
    report: dict[str, Any] = {"rss_before_mb": peak_rss_mb()}
    started = time.perf_counter()
    runtime = await create_runtime(settings, TOKEN, api_base)
    report["create_runtime_s"] = round(time.perf_counter() - started, 4)
    drains = {"count": 0, "claimed": 0}
    first = asyncio.Event()
    drain_once = runtime.outbox.drain_once

    async def counted_drain() -> int:
        claimed = await drain_once()
        drains["count"] += 1
        drains["claimed"] += claimed
        first.set()
        return claimed

    runtime.outbox.drain_once = counted_drain  # type: ignore[method-assign]
    try:
        runtime.start_background()
        async with asyncio.timeout(START_LIMIT_S):
            await first.wait()
        report["first_drain_s"] = round(time.perf_counter() - started, 4)
        report["catch_up_s"] = await _catch_up_done(runtime, started)
        report["rss_started_mb"] = peak_rss_mb()
        report["rate_limiter"] = type(runtime.rate_limiter).__name__
        conn.send(report)
        with contextlib.suppress(EOFError):
            await asyncio.get_running_loop().run_in_executor(None, conn.recv)
        conn.send({"rss_after_load_mb": peak_rss_mb(), "drains": dict(drains)})
    finally:
        await runtime.close()


async def _catch_up_done(runtime: Any, started: float) -> float | None:
    """Seconds until the scheduler's start-up catch-up scans finished (None: not visible)."""
    task = getattr(runtime.scheduler, "_catch_up", None)
    if not isinstance(task, asyncio.Task):
        return None
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(START_LIMIT_S):
            await asyncio.shield(task)
        return round(time.perf_counter() - started, 4)
    return None


class BotChild:
    """The child process and the pipe to it."""

    def __init__(self, database_url: str, api_base: str) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child_conn = context.Pipe()
        self.process = context.Process(
            target=serve, args=(database_url, api_base, child_conn), name="bench-reminders"
        )

    async def _receive(self, limit: float) -> dict[str, Any]:
        loop = asyncio.get_running_loop()
        if not await loop.run_in_executor(None, self.conn.poll, limit):
            raise RuntimeError(f"the bot did not answer within {limit:.0f} s")
        try:
            return self.conn.recv()
        except EOFError:
            raise RuntimeError("the bot process died") from None

    async def start(self) -> dict[str, Any]:
        """Start the child; return its start-up report."""
        self.process.start()
        return await self._receive(START_LIMIT_S + 30)

    async def stop(self) -> dict[str, Any]:
        """Ask for the final report, let the child shut down, and return the report."""
        final: dict[str, Any] = {}
        try:
            self.conn.send("stop")
            final = await self._receive(STOP_LIMIT_S)
        except (OSError, RuntimeError):
            pass
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, self.process.join, STOP_LIMIT_S)
        if self.process.is_alive():
            self.process.terminate()
            await loop.run_in_executor(None, self.process.join, STOP_LIMIT_S)
        self.conn.close()
        return final
