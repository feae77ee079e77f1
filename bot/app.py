"""Wire the parts together: database, dialogs, outbox, scheduler and the channels.

Each channel is a folder (bot/telegram, bot/messenger) with its way in, its sender and its
outbox delivery; the outbox routes each notice by its recipient's channel (bot/channels).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import Update
from aiohttp import web
from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.campaign.library import load_sample_if_new
from bot.channels.base import Channel, NoticeRouter
from bot.channels.buttons import ButtonCodec
from bot.channels.media import MediaIds
from bot.config import Settings
from bot.jobs.schedule import periodic_jobs
from bot.messenger.channel import MessengerChannel, MessengerEndpoint
from bot.messenger.sender import CHANNEL as MESSENGER
from bot.outbox import LocalRateLimiter, OutboxWorker, RateLimiter, RedisRateLimiter
from bot.outbox.ratelimit import DEFAULT_LIMITS
from bot.outbox.telegram_delivery import TelegramDelivery
from bot.scheduler import Scheduler
from bot.services.access import admin_keys
from bot.services.blocking import record_block_by_id
from bot.services.conversation import ConversationService
from bot.services.talk import TalkHours
from bot.telegram.commands import CommandMenu
from bot.telegram.gateway import CHANNEL, TelegramGateway
from bot.telegram.render import CAPABILITIES as TELEGRAM_CAPABILITIES
from bot.telegram.responses import keep_response_models
from bot.telegram.sender import TelegramSender
from bot.telegram.tail import ChatTail
from dialogs.conversation import build_engine
from dialogs.i18n import Catalogues
from storage import migrate
from storage.database import create_engine, create_session_factory
from storage.unit_of_work import UnitOfWorkFactory

log = logging.getLogger(__name__)

ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"]
# The sandbox's made-up Page, so that m.me links (a guardian's, a story's) exist there too.
SANDBOX_PAGE_NAME = "mentor.sandbox"


def messenger_endpoint(settings: Settings, graph_url: str | None = None) -> MessengerEndpoint:
    """The configured Page; in the sandbox, the emulator's Graph URL and made-up secrets."""
    messenger = settings.messenger

    def secret(value: SecretStr | None, fallback: str) -> str:
        return value.get_secret_value() if value is not None else fallback

    return MessengerEndpoint(
        graph_url=graph_url or messenger.graph_url,
        graph_version=messenger.graph_version,
        page_token=secret(messenger.page_token, "sandbox-page-token"),
        app_secret=secret(messenger.app_secret, "sandbox-app-secret"),
        verify_token=secret(messenger.verify_token, "sandbox-verify-token"),
        webhook_path=messenger.webhook_path,
        send_rate=messenger.send_rate,
        page_name=messenger.page_name or (SANDBOX_PAGE_NAME if settings.sandbox_mode else None),
    )


@dataclass
class Runtime:
    """Everything a running bot holds; `close()` releases it."""

    bot: Bot
    dispatcher: Dispatcher
    db: AsyncEngine
    bulk_db: AsyncEngine  # the broadcast worker's own connections
    gateway: TelegramGateway
    menu: CommandMenu
    outbox: OutboxWorker
    # Broadcast rows only: several at once, after (and never ahead of) everything else.
    broadcasts: OutboxWorker
    rate_limiter: RateLimiter
    scheduler: Scheduler
    catalogues: Catalogues
    # The channels beside Telegram (Messenger), each in its own folder.
    channels: list[Channel] = field(default_factory=list)
    _stop: asyncio.Event = field(default_factory=asyncio.Event)
    _outbox_task: asyncio.Task[None] | None = None
    _broadcasts_task: asyncio.Task[None] | None = None

    def start_background(self) -> None:
        """Send what is due in the outbox, and run the periodic scans that fill it."""
        if self._outbox_task is None:
            self._outbox_task = asyncio.create_task(self.outbox.run(self._stop))
            self._broadcasts_task = asyncio.create_task(self.broadcasts.run(self._stop))
            self.scheduler.start()

    async def publish_menus(self) -> None:
        """Each channel's menus, in every language: safe to repeat at every start."""
        await self.menu.publish()
        for channel in self.channels:
            await channel.publish()

    def web_routes(self) -> list[web.RouteDef]:
        """The routes the bot's web server serves besides the Telegram webhook."""
        return [route for channel in self.channels for route in channel.routes()]

    async def highest_user_id(self, channel: str) -> int:
        """The highest numeric id of a person known on the channel (0 for none)."""
        async with UnitOfWorkFactory(create_session_factory(self.db))() as uow:
            return max(map(int, await uow.users.numeric_ids(channel)), default=0)

    async def known_telegram_ids(self) -> tuple[int, int]:
        """The newest update id handled and the highest Telegram user id known (0 for none)."""
        async with UnitOfWorkFactory(create_session_factory(self.db))() as uow:
            return (
                await uow.updates.newest_number(CHANNEL),
                max(map(int, await uow.users.numeric_ids(CHANNEL)), default=0),
            )

    async def close(self) -> None:
        self._stop.set()
        if self._outbox_task is not None:
            await self.scheduler.shutdown()
            await self._outbox_task
        if self._broadcasts_task is not None:
            await self._broadcasts_task
        if isinstance(self.rate_limiter, RedisRateLimiter):
            await self.rate_limiter.close()
        await self.bot.session.close()
        for channel in self.channels:
            await channel.close()
        await self.db.dispose()
        await self.bulk_db.dispose()


BULK_CONNECTIONS = 4  # the broadcast worker's database connections (PostgreSQL)
# Told the id of every update once the bot is done with it (the sandbox shows the chat as busy).
OnHandled = Callable[[int], Awaitable[None]]


async def create_runtime(
    settings: Settings,
    token: str,
    api_base_url: str,
    on_handled: OnHandled | None = None,
    messenger: MessengerEndpoint | None = None,
) -> Runtime:
    """Build the bot against a database that is migrated to the newest schema."""
    keep_response_models()
    db = create_engine(settings.database.url, echo=settings.database.echo)
    await migrate.upgrade(db)
    uow_factory = UnitOfWorkFactory(create_session_factory(db))
    # Broadcasts have connections of their own: a person's tap never waits for one of theirs.
    bulk_db = create_engine(settings.database.url, pool_size=BULK_CONNECTIONS)
    if settings.campaign.sample:
        async with uow_factory() as uow:
            if await load_sample_if_new(uow, datetime.now(UTC)):
                await uow.commit()
                log.info("a new database: the sample stories and opportunities are loaded")
    catalogues = Catalogues(default_tz=settings.app.default_timezone)
    codec = ButtonCodec(await _button_key(settings, uow_factory))

    session = AiohttpSession(api=TelegramAPIServer.from_base(api_base_url))
    bot = Bot(token, session=session, default=DefaultBotProperties(parse_mode="HTML"))
    rate_limiter = _rate_limiter(settings, messenger)
    # A channel beside Telegram is one line here, and a folder of its own.
    channels: list[Channel] = []
    if messenger is not None:
        media = MediaIds(uow_factory, MESSENGER)
        channels.append(
            MessengerChannel(messenger, codec, catalogues, pace=rate_limiter, media_ids=media)
        )
    capabilities = {CHANNEL: TELEGRAM_CAPABILITIES}
    capabilities |= {channel.name: channel.capabilities for channel in channels}
    telegram_links = await _deep_links(bot)
    deep_links = telegram_links
    if messenger is not None:
        deep_links += messenger.deep_links()
    service = ConversationService(
        uow_factory,
        build_engine(),
        catalogues,
        admin_ids=settings.app.admin_ids,
        distress_alerts=settings.app.distress_alerts,
        deep_links=deep_links,
        capabilities=capabilities,
        # Telegram may write at any time: a Messenger person can link it for reminders.
        link_bases=telegram_links,
        talk_hours=TalkHours(
            days=tuple(settings.campaign.talk_days),
            opens=settings.campaign.talk_from,
            closes=settings.campaign.talk_until,
            zone=settings.app.default_timezone,
            answer_hours=settings.campaign.answer_hours,
        ),
        # In the sandbox, the emulator serves placeholders for the sample content's media.
        media_base=settings.campaign.media_url
        or (f"{api_base_url.rstrip('/')}/media" if settings.sandbox_mode else None),
    )
    # Both senders note what they send, so a press on an older message is answered below.
    tail = ChatTail()
    # Media sent by URL once, then by the id Telegram gave it (replies and the outbox alike).
    telegram_media = MediaIds(uow_factory, CHANNEL)
    sender = TelegramSender(bot, codec, pace=rate_limiter, tail=tail, media_ids=telegram_media)
    menu = CommandMenu(sender, catalogues)
    telegram_delivery = TelegramDelivery(
        TelegramSender(bot, codec, tail=tail, media_ids=telegram_media)
    )
    admin_external_ids = admin_keys(settings.app.admin_ids)
    router = NoticeRouter([telegram_delivery, *channels], catalogues)
    on_blocked = partial(record_block_by_id, admin_ids=admin_external_ids)
    outbox = OutboxWorker(
        uow_factory, router, rate_limiter=rate_limiter, on_blocked=on_blocked, broadcasts=False
    )
    broadcasts = OutboxWorker(
        UnitOfWorkFactory(create_session_factory(bulk_db)),
        router,
        rate_limiter=rate_limiter,
        on_blocked=on_blocked,
        broadcasts=True,
        concurrency=settings.telegram.broadcast_concurrency,
        # After a crash, its claimed rows go out again this soon.
        lease_seconds=15,
        batch_size=max(50, 4 * settings.telegram.broadcast_concurrency),
    )
    for channel in channels:
        channel.attach(service, outbox.wake)
    gateway = TelegramGateway(service, sender, codec, menu, after_update=outbox.wake)
    jobs = periodic_jobs(uow_factory, settings.app.admin_ids, settings.app.retention_months)

    def wake_both() -> None:  # a scan or a broadcast wrote rows: send them now
        outbox.wake()
        broadcasts.wake()

    scheduler = Scheduler(jobs, after_run=wake_both)
    dispatcher = Dispatcher()
    dispatcher.include_router(gateway.router())
    if on_handled is not None:
        dispatcher.update.outer_middleware(_reporting(on_handled))
    return Runtime(
        bot=bot,
        dispatcher=dispatcher,
        db=db,
        bulk_db=bulk_db,
        gateway=gateway,
        menu=menu,
        outbox=outbox,
        broadcasts=broadcasts,
        rate_limiter=rate_limiter,
        scheduler=scheduler,
        catalogues=catalogues,
        channels=list(channels),
    )


def _reporting(on_handled: OnHandled) -> Callable[..., Awaitable[Any]]:
    async def report(
        handler: Callable[[Update, dict[str, Any]], Awaitable[Any]],
        update: Update,
        data: dict[str, Any],
    ) -> Any:
        try:
            return await handler(update, data)
        finally:
            await on_handled(update.update_id)

    return report


def _rate_limiter(settings: Settings, messenger: MessengerEndpoint | None) -> RateLimiter:
    rate = settings.telegram.send_rate
    # A burst of a fifth of a second's sends (at least Telegram's usual 5).
    budgets = {
        CHANNEL: replace(DEFAULT_LIMITS, global_per_second=rate, global_burst=max(5, int(rate / 5)))
    }
    if messenger is not None:
        budgets[MESSENGER] = messenger.budget()
    if settings.redis.url:
        return RedisRateLimiter(settings.redis.url, prefix=settings.redis.prefix, budgets=budgets)
    return LocalRateLimiter(budgets=budgets)


async def _deep_links(bot: Bot) -> tuple[str, ...]:
    """Where links into the bot start (a guardian opens one to answer for their child)."""
    try:
        me = await bot.me()
    except Exception as error:  # Telegram unreachable at start: the code still works without
        log.warning(
            "Could not read the bot's username (%s); no links in messages", type(error).__name__
        )
        return ()
    return (f"https://t.me/{me.username}?start=",) if me.username else ()


async def _button_key(settings: Settings, uow_factory: UnitOfWorkFactory) -> bytes:
    if settings.app.secret_key is not None:
        return settings.app.secret_key.get_secret_value().encode()
    async with uow_factory() as uow:
        key = await uow.secrets.get_or_create("buttons")
        await uow.commit()
    return key.encode()


async def run_polling(runtime: Runtime) -> None:
    runtime.start_background()
    await runtime.publish_menus()
    await runtime.bot.delete_webhook(drop_pending_updates=False)
    await runtime.dispatcher.start_polling(
        runtime.bot, allowed_updates=ALLOWED_UPDATES, handle_signals=False, close_bot_session=False
    )
