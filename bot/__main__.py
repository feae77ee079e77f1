"""Run the bot: on Telegram (and a Facebook Page) with tokens, otherwise in the local sandbox."""

from __future__ import annotations

import asyncio
import logging
import signal
from typing import Any

from bot.config import Settings
from bot.logs import configure_logging

SANDBOX_TOKEN = "1000000:sandbox-token"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
log = logging.getLogger("bot")


async def serve(settings: Settings) -> None:
    from bot.app import create_runtime, messenger_endpoint
    from bot.web import bound_port, serve_web, start_web

    emulators: list[Any] = []
    on_handled = None
    messenger = None
    if settings.sandbox_mode:
        # Only here: production never imports the sandbox.
        from sandbox import BotApiEmulator, GraphEmulator

        messenger = messenger_endpoint(settings)
        graph = GraphEmulator(messenger.page_token, messenger.app_secret, messenger.graph_version)
        emulator = BotApiEmulator(
            SANDBOX_TOKEN,
            settings.sandbox.spec_path,
            state_path=settings.sandbox_state_path(),
            extra_routes=graph.routes(),
        )
        emulator.report_handling()
        on_handled = emulator.handled
        api_base_url = await emulator.start(settings.sandbox.host, settings.sandbox.port)
        messenger = messenger_endpoint(settings, graph_url=api_base_url)
        emulators = [emulator, graph]
        token = SANDBOX_TOKEN
        print(f"Sandbox: open {api_base_url}/ in a browser to chat with the bot.", flush=True)
        if settings.sandbox.host not in LOOPBACK:
            print(
                f"Sandbox: listening on {settings.sandbox.host}, so anyone who can reach this "
                "machine can chat as anyone. Set SANDBOX_HOST=127.0.0.1 to keep it local.",
                flush=True,
            )
    else:
        assert settings.telegram.bot_token is not None
        token = settings.telegram.bot_token.get_secret_value()
        api_base_url = settings.telegram.api_base_url
        if settings.messenger_enabled:
            messenger = messenger_endpoint(settings)
    runtime = await create_runtime(settings, token, api_base_url, on_handled, messenger)
    runner = None
    try:
        if emulators:
            # Should the state file be gone, the database still knows which ids are taken.
            update_id, user_id = await runtime.known_telegram_ids()
            emulators[0].state.continue_after(update_id, user_id)
            emulators[1].continue_after(await runtime.highest_user_id("messenger"))
            # The Graph emulator POSTs the people's events to the bot's own web server.
            runner = await start_web(runtime, settings, port=0)
            assert messenger is not None
            emulators[
                1
            ].webhook_url = (
                f"http://{settings.web.host}:{bound_port(runner)}{messenger.webhook_path}"
            )
        elif messenger is not None or settings.telegram.mode.value == "webhook":
            runner = await start_web(runtime, settings)
        await serve_web(runtime, settings, runner)
    finally:
        await runtime.close()
        for emulator in reversed(emulators):
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
