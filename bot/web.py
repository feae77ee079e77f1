"""The bot's web server: the Messenger webhook, and Telegram's in webhook mode."""

from __future__ import annotations

import asyncio
import logging

from aiohttp import web

from bot.app import ALLOWED_UPDATES, Runtime, run_polling
from bot.config import RunMode, Settings
from bot.telegram.webhook import create_webhook_app

log = logging.getLogger(__name__)


def create_web_app(runtime: Runtime, settings: Settings) -> web.Application:
    app = web.Application()
    app.add_routes(runtime.web_routes())
    telegram = settings.telegram
    if telegram.mode is RunMode.WEBHOOK:
        if not telegram.webhook_url or telegram.webhook_secret is None:
            raise SystemExit("Webhook mode needs TELEGRAM_WEBHOOK_URL and TELEGRAM_WEBHOOK_SECRET")
        create_webhook_app(
            runtime, telegram.webhook_secret.get_secret_value(), telegram.webhook_path, app
        )
    return app


async def start_web(runtime: Runtime, settings: Settings, port: int | None = None) -> web.AppRunner:
    """Serve the web app (port 0: any free port; see `bound_port`)."""
    runner = web.AppRunner(create_web_app(runtime, settings))
    await runner.setup()
    site = web.TCPSite(runner, settings.web.host, settings.web.port if port is None else port)
    await site.start()
    return runner


def bound_port(runner: web.AppRunner) -> int:
    server = runner.addresses[0]
    return int(server[1])


async def serve_web(runtime: Runtime, settings: Settings, runner: web.AppRunner | None) -> None:
    """Run until cancelled: the web server if any, and polling unless in webhook mode."""
    try:
        telegram = settings.telegram
        if telegram.mode is RunMode.WEBHOOK:
            assert telegram.webhook_url is not None and telegram.webhook_secret is not None
            runtime.start_background()
            await runtime.publish_menus()
            await runtime.bot.set_webhook(
                telegram.webhook_url,
                secret_token=telegram.webhook_secret.get_secret_value(),
                allowed_updates=ALLOWED_UPDATES,
            )
            await asyncio.Event().wait()
        else:
            log.info("Polling for updates")
            await run_polling(runtime)
    finally:
        if runner is not None:
            await runner.cleanup()
