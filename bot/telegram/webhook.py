"""Webhook mode: Telegram's route on the bot's web server, checking Telegram's secret header."""

from __future__ import annotations

from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from bot.app import Runtime


def create_webhook_app(
    runtime: Runtime, secret: str, path: str, app: web.Application | None = None
) -> web.Application:
    """Answer an update only after it is handled, so a crash means Telegram delivers it again."""
    app = app or web.Application()
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
