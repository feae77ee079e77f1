"""An emulator and a bot talking to it over HTTP, exactly as in the sandbox."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from aiohttp import web

from bot.app import Runtime, create_runtime, messenger_endpoint, run_polling
from bot.config import Settings
from bot.web import bound_port, start_web
from sandbox import BotApiEmulator, EmulatorLimits, GraphEmulator
from tests.e2e.harness import ChatUser, SandboxClient

TOKEN = "1000000:e2e-token"


def settings_for(database_url: str) -> Settings:
    settings = Settings()
    settings.database.url = database_url
    settings.app.secret_key = None
    return settings


@dataclass
class RunningBot:
    runtime: Runtime
    task: asyncio.Task
    web: web.AppRunner | None = None

    async def stop(self) -> None:
        # Cancelling ends the pending long poll at once instead of waiting for its timeout.
        self.task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.task
        if self.web is not None:
            await self.web.cleanup()
        await self.runtime.close()


async def start_bot(
    settings: Settings,
    api_base_url: str,
    emulator: BotApiEmulator | None = None,
    graph: GraphEmulator | None = None,
) -> RunningBot:
    """Run the bot; with the emulator given, it reports when each update is done with.

    With the Graph emulator given, the bot serves a Page too: its webhook on a free port.
    """
    on_handled = None
    if emulator is not None:
        emulator.report_handling()
        on_handled = emulator.handled
    messenger = None
    if graph is not None:
        messenger = messenger_endpoint(settings, graph_url=graph.base_url)
    runtime = await create_runtime(settings, TOKEN, api_base_url, on_handled, messenger)
    runner = None
    if graph is not None and messenger is not None:
        runner = await start_web(runtime, settings, port=0)
        graph.webhook_url = f"http://127.0.0.1:{bound_port(runner)}{messenger.webhook_path}"
    task = asyncio.create_task(run_polling(runtime))
    return RunningBot(runtime, task, runner)


@pytest.fixture
async def emulator() -> AsyncIterator[BotApiEmulator]:
    settings = Settings()
    emulator = BotApiEmulator(TOKEN, settings.sandbox.spec_path, EmulatorLimits())
    await emulator.start()
    yield emulator
    await emulator.stop()


@pytest.fixture
async def graph() -> AsyncIterator[GraphEmulator]:
    """The Graph API emulator, with the secrets `messenger_endpoint` gives in the sandbox."""
    endpoint = messenger_endpoint(Settings())
    emulator = GraphEmulator(endpoint.page_token, endpoint.app_secret, endpoint.graph_version)
    await emulator.start()
    yield emulator
    await emulator.stop()


@pytest.fixture
async def page(graph: GraphEmulator) -> AsyncIterator[SandboxClient]:
    """The Graph emulator's control API (people on Messenger)."""
    client = SandboxClient(graph.base_url)
    yield client
    await client.close()


@pytest.fixture
async def both_bot(
    emulator: BotApiEmulator, graph: GraphEmulator, database_url: str
) -> AsyncIterator[RunningBot]:
    """A bot on Telegram and on a Page at once."""
    bot = await start_bot(settings_for(database_url), emulator.base_url, emulator, graph)
    yield bot
    await bot.stop()
    assert emulator.rejected == []
    assert graph.rejected == []


@pytest.fixture
async def sandbox(emulator: BotApiEmulator) -> AsyncIterator[SandboxClient]:
    client = SandboxClient(emulator.base_url)
    yield client
    await client.close()


@pytest.fixture
async def running_bot(emulator: BotApiEmulator, database_url: str) -> AsyncIterator[RunningBot]:
    bot = await start_bot(settings_for(database_url), emulator.base_url, emulator)
    yield bot
    await bot.stop()
    # The emulator checks every request against the Bot API: none may have been refused.
    assert emulator.rejected == []


@pytest.fixture
async def admin_and_bot(
    emulator, sandbox: SandboxClient, database_url: str
) -> AsyncIterator[tuple[ChatUser, RunningBot]]:
    """A running bot whose configured admin is a fresh sandbox user (who has not written yet)."""
    admin = await sandbox.new_user("Coordinator", "en")
    settings = settings_for(database_url)
    settings.app.admin_ids = [admin.id]
    bot = await start_bot(settings, emulator.base_url, emulator)
    yield admin, bot
    await bot.stop()
    assert emulator.rejected == []
