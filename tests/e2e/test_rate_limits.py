"""When Telegram says 429, the bot waits as told and nothing is lost."""

from __future__ import annotations

from bot.config import Settings
from sandbox import BotApiEmulator, EmulatorLimits
from tests.e2e.conftest import TOKEN, settings_for, start_bot
from tests.e2e.harness import SandboxClient


async def test_replies_survive_rate_limiting(sqlite_url: str) -> None:
    # One message a second per chat, with no burst: every quick second reply meets a 429.
    limits = EmulatorLimits(chat_burst=1, chat_per_second=1.0)
    emulator = BotApiEmulator(TOKEN, Settings().sandbox.spec_path, limits)
    await emulator.start()
    sandbox = SandboxClient(emulator.base_url)
    bot = await start_bot(settings_for(sqlite_url), emulator.base_url, emulator)
    try:
        user = await sandbox.new_user("Nora", "en")
        await user.send("/start")  # the help button's note, then the welcome
        # A note and the screen: two messages more. Each second message in a row meets a 429;
        # the bot waits out retry_after and sends it, and the chat is busy until it has.
        await user.send("typing instead of pressing")
        texts = [message.text for message in await user.bot_messages()]
        assert len(texts) == 4
        assert (
            texts[-2]
            == "Please choose one of the buttons below. If you need help right now, write “help”."
        )
        assert "Which language shall we speak?" in texts[-1]
        refused = {entry["error_code"] for entry in emulator.rejected}
        assert refused == {429}, "rate limiting happened and was the only refusal"
    finally:
        await bot.stop()
        await sandbox.close()
        await emulator.stop()
