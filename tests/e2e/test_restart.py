"""Kill the bot process mid-onboarding; a new process continues the conversation."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.config import PROJECT_ROOT
from sandbox import BotApiEmulator
from tests.e2e.conftest import TOKEN
from tests.e2e.harness import SandboxClient

# A new process imports, migrates and then polls; on a busy machine that takes a while.
START_SECONDS = 60


@asynccontextmanager
async def bot_process(
    emulator: BotApiEmulator, database_url: str
) -> AsyncIterator[asyncio.subprocess.Process]:
    """A bot in its own process, yielded once it has started polling the emulator."""
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": emulator.base_url,
        "TELEGRAM_MODE": "polling",
        "DATABASE_URL": database_url,
        "BOT_LOG_LEVEL": "WARNING",
    }
    polls = emulator.updates.polls
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=PROJECT_ROOT, env=env
    )
    try:
        async with asyncio.timeout(START_SECONDS):
            while emulator.updates.polls == polls:
                await asyncio.sleep(0.1)
        yield process
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def test_restart_mid_onboarding_continues(
    emulator, sandbox: SandboxClient, database_url: str
) -> None:
    user = await sandbox.new_user("Laura", "lv")
    async with bot_process(emulator, database_url) as first:
        await user.send("/start")
        privacy = await user.click("English")
        assert "Do you agree?" in privacy.text
        first.send_signal(signal.SIGKILL)  # no goodbye, no cleanup
        await first.wait()

    async with bot_process(emulator, database_url):
        # The old message's buttons still work, and the answer lands where we were.
        country = await user.click("✅ I agree", privacy)
        assert country.text == "Where do you live?"
        age = await user.click("🇱🇻 Latvia")
        assert age.text == "How old are you?"
    assert emulator.rejected == []
