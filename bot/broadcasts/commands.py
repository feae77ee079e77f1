"""`python -m bot.cli broadcast ...`: create, list, follow and steer broadcasts."""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import datetime
from pathlib import Path

from bot.broadcasts import control
from bot.broadcasts.post import parse_audience, parse_post
from bot.broadcasts.report import LOCAL_ZONE, report_csv, summary
from bot.campaign.content import ContentError
from storage.broadcasts import CANCELLED, DONE
from storage.unit_of_work import UnitOfWorkFactory


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    broadcast = commands.add_parser("broadcast", help="campaign posts to many people")
    actions = broadcast.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", help="check a post file, then schedule it")
    create.add_argument("--file", type=Path, required=True, help="the post (YAML)")
    create.add_argument(
        "--audience",
        default="",
        help="e.g. 'language=lv,ru; role=young; country=LV; age=14-17; subscribed=stories; "
        "interested=kontakts' (default: everyone who agreed to campaign news)",
    )
    create.add_argument(
        "--at", type=_moment, help="YYYY-MM-DD HH:MM in Riga/Vilnius time (default: now)"
    )
    actions.add_parser("list", help="the latest broadcasts, with their reports")
    status = actions.add_parser("status", help="one broadcast's report")
    status.add_argument("id", type=int)
    status.add_argument("--follow", action="store_true", help="a progress bar until it is done")
    status.add_argument("--csv", action="store_true", help="the report as CSV (counts only)")
    for name in ("pause", "resume", "cancel"):
        steer = actions.add_parser(name, help=f"{name} a broadcast")
        steer.add_argument("id", type=int)


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("expected YYYY-MM-DD HH:MM") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=LOCAL_ZONE)


async def run(arguments: argparse.Namespace, uow_factory: UnitOfWorkFactory, now: datetime) -> int:
    action = arguments.action
    if action == "create":
        return await _create(arguments, uow_factory, now)
    if action == "list":
        async with uow_factory() as uow:
            for broadcast in await uow.broadcasts.all():
                print(summary(broadcast, await uow.broadcasts.report(broadcast)), end="\n\n")
        return 0
    if action == "status":
        return await _status(arguments, uow_factory)
    steer = {"pause": control.pause, "resume": control.resume, "cancel": control.cancel}[action]
    async with uow_factory() as uow:
        try:
            broadcast = await steer(uow, arguments.id)
        except control.BroadcastError as error:
            print(error, file=sys.stderr)
            return 1
        await uow.commit()
        print(f"Broadcast #{broadcast.id} is now {broadcast.status}.", file=sys.stderr)
    return 0


async def _create(
    arguments: argparse.Namespace, uow_factory: UnitOfWorkFactory, now: datetime
) -> int:
    try:
        post = parse_post(arguments.file.read_text(encoding="utf-8"))
    except OSError as error:
        print(f"Cannot read {arguments.file}: {error.strerror}.", file=sys.stderr)
        return 1
    except ContentError as error:
        return _problems(arguments.file, error)
    async with uow_factory() as uow:
        opportunities = {row.slug: row.id or 0 for row in await uow.campaign.opportunities()}
        try:
            audience = parse_audience(arguments.audience, opportunities)
            made = await control.create(uow, post, audience, arguments.at or now, now)
        except ContentError as error:
            return _problems("--audience", error)
        except control.BroadcastError as error:
            print(error, file=sys.stderr)
            return 1
        await uow.commit()
    when = (arguments.at or now).astimezone(LOCAL_ZONE)
    print(
        f"Broadcast #{made.id} is scheduled for {when:%Y-%m-%d %H:%M} (Riga time).", file=sys.stderr
    )
    return 0


def _problems(where: object, error: ContentError) -> int:
    print(f"{where}: nothing scheduled; fix these first:", file=sys.stderr)
    for problem in error.problems:
        print(f"  {problem}", file=sys.stderr)
    return 1


async def _status(arguments: argparse.Namespace, uow_factory: UnitOfWorkFactory) -> int:
    while True:
        async with uow_factory() as uow:
            broadcast = await uow.broadcasts.get(arguments.id)
            if broadcast is None:
                print(f"No broadcast {arguments.id}.", file=sys.stderr)
                return 1
            report = await uow.broadcasts.report(broadcast)
            if arguments.csv:
                sys.stdout.write(report_csv(broadcast, report))
                return 0
            finished = broadcast.status in (DONE, CANCELLED)
            if not arguments.follow or finished:
                if arguments.follow:
                    print(file=sys.stderr)
                print(summary(broadcast, report))
                return 0
            status = broadcast.status
        total = sum(report.counts.values())
        settled = total - report.total("pending", "paused")
        width = 30
        filled = width * settled // max(total, 1)
        bar = "█" * filled + "·" * (width - filled)
        print(f"\r{bar} {settled}/{total} {status:<10}", end="", file=sys.stderr, flush=True)
        await asyncio.sleep(1)
