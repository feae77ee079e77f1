"""Command line for coordinators and operators: `python -m bot.cli --help`."""

from __future__ import annotations

import argparse
import asyncio
import sys
from contextlib import AsyncExitStack
from datetime import UTC, datetime
from pathlib import Path

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer

from bot.app import messenger_endpoint
from bot.broadcasts import commands as broadcasts
from bot.campaign.announce import announce
from bot.campaign.content import Content, ContentError, dump, parse
from bot.campaign.library import export_content, import_content
from bot.campaign.upload import MessengerUploader, TelegramUploader, Uploader, upload_videos
from bot.config import Settings
from bot.figures_csv import write_pairs
from bot.messenger.graph import GraphClient
from bot.services.access import admin_key
from bot.services.audit import audit_csv, record_action
from bot.services.figures import Month, pair_figures
from storage import migrate
from storage.database import create_engine, create_session_factory
from storage.unit_of_work import UnitOfWorkFactory


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m bot.cli", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="apply the database migrations")
    grant = commands.add_parser(
        "grant-staff", help="make a Telegram user a coordinator (they must have written to the bot)"
    )
    grant.add_argument("person", help="telegram:<id>, messenger:<psid>, or a Telegram id")
    revoke = commands.add_parser("revoke-staff", help="take the coordinator role away")
    revoke.add_argument("person", help="telegram:<id>, messenger:<psid>, or a Telegram id")
    export = commands.add_parser(
        "export-figures",
        help="each active pair's sessions in a month, as CSV (it holds names: handle with care)",
    )
    export.add_argument(
        "--month", type=_month, help="YYYY-MM, counted in Europe/Riga (default: this month)"
    )
    export.add_argument("--output", type=Path, help="the CSV file to write (default: stdout)")
    audit = commands.add_parser(
        "export-audit", help="every coordinator action (who, what, on whom, when) as CSV of ids"
    )
    audit.add_argument("--output", type=Path, help="the CSV file to write (default: stdout)")
    content = commands.add_parser("content", help="the campaign's stories and opportunities")
    actions = content.add_subparsers(dest="action", required=True)
    load = actions.add_parser(
        "import", help="check a YAML file, then add or update its items by slug (safe to repeat)"
    )
    load.add_argument("file", type=Path)
    load.add_argument(
        "--upload",
        action="store_true",
        help="also upload every story's video to Telegram (through the first coordinator's "
        "chat in ADMIN_IDS) and Messenger, so no young person waits for the first fetch",
    )
    actions.add_parser("export", help="print every story and opportunity in the import format")
    broadcasts.add_parser(commands)
    return root


def _month(text: str) -> Month:
    try:
        return Month.parse(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


async def run(arguments: argparse.Namespace, settings: Settings) -> int:
    engine = create_engine(settings.database.url)
    try:
        await migrate.upgrade(engine)
        uow_factory = UnitOfWorkFactory(create_session_factory(engine))
        if arguments.command == "migrate":
            print("The database is up to date.")
            return 0
        if arguments.command == "export-figures":
            month = arguments.month or Month.of(datetime.now(UTC))
            return await export_figures(uow_factory, month, arguments.output)
        if arguments.command == "export-audit":
            return await export_audit(uow_factory, arguments.output)
        if arguments.command == "broadcast":
            return await broadcasts.run(arguments, uow_factory, datetime.now(UTC))
        if arguments.command == "content":
            if arguments.action == "import":
                return await import_file(uow_factory, arguments.file, arguments.upload, settings)
            return await export_file(uow_factory)
        return await set_staff(uow_factory, arguments.person, arguments.command)
    finally:
        await engine.dispose()


async def set_staff(uow_factory: UnitOfWorkFactory, person: str, command: str) -> int:
    try:
        channel, external_id = admin_key(person).split(":", 1)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    async with uow_factory() as uow:
        user = await uow.users.find(channel, external_id)
        if user is None or user.id is None:
            print(f"No user {external_id}: they need to write to the bot first.", file=sys.stderr)
            return 1
        granted = await uow.staff.is_granted(user.id)
        now = datetime.now(UTC)
        if command == "grant-staff" and not granted:
            uow.staff.grant(user.id, granted_by=None)
            await record_action(uow, None, "staff_granted", user.id, now, "command line")
        elif command == "revoke-staff" and granted:
            await uow.staff.revoke(user.id)
            await record_action(uow, None, "staff_revoked", user.id, now, "command line")
        await uow.commit()
    verb = "is now" if command == "grant-staff" else "is no longer"
    print(f"User {external_id} {verb} a coordinator.")
    return 0


async def export_figures(uow_factory: UnitOfWorkFactory, month: Month, output: Path | None) -> int:
    """One read-only unit of work; the CSV goes to the file, or to stdout."""
    async with uow_factory() as uow:
        pairs = await pair_figures(uow, month)
    if output is None:
        write_pairs(pairs, sys.stdout)
        return 0
    with output.open("w", encoding="utf-8", newline="") as stream:
        written = write_pairs(pairs, stream)
    print(f"Wrote {written} pairs for {month} to {output}.", file=sys.stderr)
    return 0


async def export_audit(uow_factory: UnitOfWorkFactory, output: Path | None) -> int:
    async with uow_factory() as uow:
        content = await audit_csv(uow)
    if output is None:
        sys.stdout.write(content.decode())
    else:
        output.write_bytes(content)
        print(f"Wrote the audit log to {output}.", file=sys.stderr)
    return 0


async def import_file(
    uow_factory: UnitOfWorkFactory,
    path: Path,
    upload: bool = False,
    settings: Settings | None = None,
) -> int:
    """Everything is checked first: one problem anywhere and nothing is stored."""
    try:
        content = parse(path.read_text(encoding="utf-8"))
    except OSError as error:
        print(f"Cannot read {path}: {error.strerror}.", file=sys.stderr)
        return 1
    except ContentError as error:
        print(f"{path}: nothing imported; fix these first:", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    now = datetime.now(UTC)
    async with uow_factory() as uow:
        result = await import_content(uow, content, now, progress_bar)
        # In the same transaction: the news goes out exactly when the content is in.
        told = await announce(uow, result.published_stories, result.published_opportunities, now)
        await uow.commit()
    print(
        f"{path}: {result.added} added, {result.changed} changed, {result.unchanged} unchanged; "
        f"{told} pieces of news queued for subscribers.",
        file=sys.stderr,
    )
    if not upload:
        return 0
    assert settings is not None
    return await upload_file_videos(uow_factory, content, settings)


async def upload_file_videos(
    uow_factory: UnitOfWorkFactory, content: Content, settings: Settings
) -> int:
    """The videos to every configured platform; 1 if any failed (they go by URL instead)."""
    async with AsyncExitStack() as stack:
        uploaders: list[Uploader] = []
        token = settings.telegram.bot_token
        chats = [
            int(key.split(":", 1)[1])
            for key in settings.app.admin_ids
            if key.startswith("telegram:")
        ]
        if token is not None and chats:
            session = AiohttpSession(
                api=TelegramAPIServer.from_base(settings.telegram.api_base_url)
            )
            bot = Bot(token.get_secret_value(), session=session)
            stack.push_async_callback(bot.session.close)
            uploaders.append(TelegramUploader(bot, chats[0]))
        elif token is not None:
            print(
                "Telegram skipped: no coordinator in ADMIN_IDS to upload through.", file=sys.stderr
            )
        if settings.messenger.page_token is not None:
            endpoint = messenger_endpoint(settings)
            graph = GraphClient(endpoint.graph_url, endpoint.graph_version, endpoint.page_token)
            stack.push_async_callback(graph.close)
            uploaders.append(MessengerUploader(graph))
        if not uploaders:
            print(
                "Nothing to upload to: set TELEGRAM_BOT_TOKEN (with a coordinator in ADMIN_IDS) "
                "or MESSENGER_PAGE_TOKEN.",
                file=sys.stderr,
            )
            return 1
        report = await upload_videos(
            uow_factory, content, settings.campaign.media_url, uploaders, progress_bar
        )
    print(f"Videos: {report.uploaded} uploaded, {report.known} already there.", file=sys.stderr)
    for failure in report.failed:
        print(f"  not uploaded: {failure} (it will be sent by URL)", file=sys.stderr)
    return 1 if report.failed else 0


async def export_file(uow_factory: UnitOfWorkFactory) -> int:
    async with uow_factory() as uow:
        sys.stdout.write(dump(await export_content(uow)))
    return 0


def progress_bar(done: int, total: int, slug: str, width: int = 30) -> None:
    """One line redrawn in place on a terminal; nothing in a pipe or a log."""
    if not sys.stderr.isatty():
        return
    filled = width * done // max(total, 1)
    bar = "█" * filled + "·" * (width - filled)
    end = "\n" if done == total else ""
    print(f"\r{bar} {done}/{total} {slug[:30]:<30}", end=end, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    return asyncio.run(run(parser().parse_args(argv), Settings()))


if __name__ == "__main__":
    raise SystemExit(main())
