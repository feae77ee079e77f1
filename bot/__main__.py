"""Run the bot: on Telegram with a token, otherwise in the local sandbox."""

from __future__ import annotations

import asyncio
import logging
import signal

from bot.config import RunMode, Settings
from bot.logs import configure_logging
from bot.sandbox import BotApiEmulator

SANDBOX_TOKEN = "1000000:sandbox-token"
log = logging.getLogger("bot")


async def serve(settings: Settings) -> None:
    from bot.app import create_runtime, run_polling
    from bot.telegram.webhook import run_webhook

    emulator = None
    on_handled = None
    if settings.sandbox_mode:
        emulator = BotApiEmulator(
            SANDBOX_TOKEN, settings.sandbox.spec_path, state_path=settings.sandbox_state_path()
        )
        emulator.report_handling()
        on_handled = emulator.handled
        api_base_url = await emulator.start(settings.sandbox.host, settings.sandbox.port)
        token = SANDBOX_TOKEN
        print(f"Sandbox: open {api_base_url}/ in a browser to chat with the bot.", flush=True)
    else:
        assert settings.telegram.bot_token is not None
        token = settings.telegram.bot_token.get_secret_value()
        api_base_url = settings.telegram.api_base_url
    runtime = await create_runtime(settings, token, api_base_url, on_handled)
    if emulator is not None:
        # Should the state file be gone, the database still knows which ids are taken.
        update_id, user_id = await runtime.known_telegram_ids()
        emulator.state.continue_after(update_id, user_id)
    try:
        telegram = settings.telegram
        if telegram.mode is RunMode.WEBHOOK:
            if not telegram.webhook_url or telegram.webhook_secret is None:
                raise SystemExit(
                    "Webhook mode needs TELEGRAM_WEBHOOK_URL and TELEGRAM_WEBHOOK_SECRET"
                )
            await run_webhook(
                runtime,
                url=telegram.webhook_url,
                secret=telegram.webhook_secret.get_secret_value(),
                host=telegram.listen_host,
                port=telegram.listen_port,
                path=telegram.webhook_path,
            )
        else:
            log.info("Polling for updates")
            await run_polling(runtime)
    finally:
        await runtime.close()
        if emulator is not None:
            await emulator.stop()


async def main() -> None:
    settings = Settings()
    configure_logging(settings.app.log_level)
    task = asyncio.current_task()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, task.cancel)  # type: ignore[union-attr]
    try:
        await serve(settings)
    except asyncio.CancelledError:
        log.info("Stopped")


if __name__ == "__main__":
    asyncio.run(main())
