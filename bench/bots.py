"""The two bots under test, each served as a webhook from its own child process."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import multiprocessing
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from bot.app import ALLOWED_UPDATES, create_runtime
from bot.config import Settings
from bot.telegram.webhook import create_webhook_app

HOST = "127.0.0.1"
TOKEN = "1000000:bench-token"
WEBHOOK_PATH = "/telegram/webhook"
START_SECONDS = 60.0
STOP_SECONDS = 15.0
ECHO_KEYBOARD = InlineKeyboardMarkup(
    inline_keyboard=[
        [InlineKeyboardButton(text=f"Step {n}", callback_data=str(n)) for n in range(1, 5)]
    ]
)


@dataclass
class ServedBot:
    """A webhook application plus what is needed to register and release it."""

    app: web.Application
    bot: Bot
    publish: Callable[[], Awaitable[None]]
    close: Callable[[], Awaitable[None]]


async def build_ours(api_base: str, database_url: str, secret: str) -> ServedBot:
    """Our production bot, built exactly as `bot.app` and `bot.telegram.webhook` build it."""
    settings = Settings()
    settings.database.url = database_url
    settings.app.secret_key = None
    runtime = await create_runtime(settings, TOKEN, api_base)
    app = create_webhook_app(runtime, secret, WEBHOOK_PATH)
    return ServedBot(app, runtime.bot, runtime.menu.publish, runtime.close)


async def echo(message: Message) -> None:
    """Repeat the text, with four buttons to press."""
    await message.answer(message.text or "-", reply_markup=ECHO_KEYBOARD)


async def pressed(query: CallbackQuery) -> None:
    """Stop the button spinning, then edit the message to name the button."""
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(f"pressed {query.data}", reply_markup=ECHO_KEYBOARD)


async def build_baseline(api_base: str, database_url: str, secret: str) -> ServedBot:
    """A bare aiogram echo bot behind the same SimpleRequestHandler setup as ours."""
    bot = Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(api_base)))
    dispatcher = Dispatcher()
    dispatcher.message.register(echo)
    dispatcher.callback_query.register(pressed)
    app = web.Application()
    handler = SimpleRequestHandler(
        dispatcher=dispatcher, bot=bot, secret_token=secret, handle_in_background=False
    )
    handler.register(app, path=WEBHOOK_PATH)
    setup_application(app, dispatcher, bot=bot)
    return ServedBot(app, bot, _nothing, bot.session.close)


async def _nothing() -> None:
    """Do nothing (the echo bot has no command menu)."""


BUILDERS = {"ours": build_ours, "baseline": build_baseline}


def serve(kind: str, api_base: str, database_url: str, conn: Connection) -> None:
    """Child process entry point: serve until the parent says stop (or goes away)."""
    asyncio.run(_serve(kind, api_base, database_url, conn))


async def _serve(kind: str, api_base: str, database_url: str, conn: Connection) -> None:
    """Start the webhook server, register it with the emulator, report the port, then wait."""
    secret = secrets.token_urlsafe(24)
    served = await BUILDERS[kind](api_base, database_url, secret)
    runner = web.AppRunner(served.app, access_log=None)
    await runner.setup()
    try:
        await web.TCPSite(runner, HOST, 0).start()
        port = runner.addresses[0][1]
        await served.publish()
        url = f"http://{HOST}:{port}{WEBHOOK_PATH}"
        await served.bot.set_webhook(url, secret_token=secret, allowed_updates=ALLOWED_UPDATES)
        settle_garbage()
        conn.send(port)
        with contextlib.suppress(EOFError):
            await asyncio.get_running_loop().run_in_executor(None, conn.recv)
    finally:
        await runner.cleanup()
        await served.close()


def settle_garbage() -> None:
    """Collect once and freeze what is left, so no full GC over start-up objects is measured."""
    gc.collect()
    gc.freeze()


class BotProcess:
    """One bot's webhook server in a spawned child process, so it has a core of its own."""

    def __init__(self, kind: str, api_base: str, database_url: str) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child_conn = context.Pipe()
        self.process = context.Process(
            target=serve,
            args=(kind, api_base, database_url, child_conn),
            name=f"bench-{kind}",
            daemon=True,
        )

    async def start(self) -> int:
        """Start the child and return its port once its webhook is registered."""
        self.process.start()
        loop = asyncio.get_running_loop()
        if not await loop.run_in_executor(None, self.conn.poll, START_SECONDS):
            raise RuntimeError(f"{self.process.name} did not start in {START_SECONDS:.0f} s")
        try:
            return self.conn.recv()
        except EOFError:
            raise RuntimeError(f"{self.process.name} died while starting") from None

    async def stop(self) -> None:
        """Ask the child to shut down cleanly; terminate it if it does not."""
        if self.process.pid is None:
            return
        with contextlib.suppress(OSError):
            self.conn.send("stop")
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, self.process.join, STOP_SECONDS)
        if self.process.is_alive():
            self.process.terminate()
            await loop.run_in_executor(None, self.process.join, STOP_SECONDS)
        self.conn.close()
