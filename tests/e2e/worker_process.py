"""A bot's background work (the outbox workers and the scheduled scans) in a process of its
own, so a test can kill it with SIGKILL, or run two at once, as production might."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
from multiprocessing.connection import Connection

from bot.app import create_runtime
from bot.config import Settings
from tests.e2e.conftest import TOKEN


def serve(database_url: str, api_base: str, rate: float, conn: Connection) -> None:
    logging.basicConfig(level=logging.ERROR)
    asyncio.run(_serve(database_url, api_base, rate, conn))


async def _serve(database_url: str, api_base: str, rate: float, conn: Connection) -> None:
    settings = Settings()
    settings.database.url = database_url
    settings.app.secret_key = None
    settings.campaign.sample = False
    settings.telegram.send_rate = rate
    settings.telegram.broadcast_concurrency = 8
    runtime = await create_runtime(settings, TOKEN, api_base)
    runtime.start_background()  # no polling: two processes cannot both poll one bot
    try:
        conn.send("started")
        with contextlib.suppress(EOFError):
            await asyncio.get_running_loop().run_in_executor(None, conn.recv)
    finally:
        await runtime.close()


class WorkerProcess:
    def __init__(self, database_url: str, api_base: str, rate: float) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=serve, args=(database_url, api_base, rate, child))

    async def start(self) -> None:
        self.process.start()
        loop = asyncio.get_running_loop()
        if not await loop.run_in_executor(None, self.conn.poll, 60):
            raise AssertionError("the worker did not start within 60 s")
        assert self.conn.recv() == "started"

    def kill(self) -> None:
        """SIGKILL: no clean-up of any kind, as when a machine dies."""
        self.process.kill()
        self.process.join()

    async def stop(self) -> None:
        self.conn.send("stop")
        await asyncio.get_running_loop().run_in_executor(None, self.process.join, 30)
