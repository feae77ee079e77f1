"""Webhook mode: an aiohttp server that checks Telegram's secret header."""

from __future__ import annotations

import asyncio

from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from bot.app import ALLOWED_UPDATES, Runtime


def create_webhook_app(runtime: Runtime, secret: str, path: str) -> web.Application:
    """Answer an update only after it is handled, so a crash means Telegram delivers it again."""
    app = web.Application()
    handler = SimpleRequestHandler(
        dispatcher=runtime.dispatcher,
        bot=runtime.bot,
        secret_token=secret,
        handle_in_background=False,
    )
    # Not handler.register(): its shutdown hook closes the bot's HTTP session before aiohttp has
    # waited for the updates still being handled. Runtime.close() closes it after the server.
    app.router.add_route("POST", path, handler.handle)
    setup_application(app, runtime.dispatcher, bot=runtime.bot)
    return app


async def run_webhook(
    runtime: Runtime, url: str, secret: str, host: str, port: int, path: str
) -> None:
    app = create_webhook_app(runtime, secret, path)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    try:
        runtime.start_background()
        await runtime.menu.publish()
        await runtime.bot.set_webhook(url, secret_token=secret, allowed_updates=ALLOWED_UPDATES)
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()
