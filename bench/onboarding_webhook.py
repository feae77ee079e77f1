"""Onboarding over webhook: our bot against a bare aiogram echo bot, both behind the emulator.

Run from the project root:
    .venv/bin/python -m bench.onboarding_webhook [--users N] [--concurrency C]
        [--database sqlite|postgres] [--compare bench/results/<earlier>.json]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import platform
import sys
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg

from bench import report
from bench.bots import HOST, TOKEN, BotProcess, settle_garbage
from bench.driver import ECHO, ONBOARDING, Control, Measurement, Step, measure
from bot.config import PROJECT_ROOT, Settings
from sandbox import BotApiEmulator, EmulatorLimits

POSTGRES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"
UNLIMITED = EmulatorLimits(
    chat_burst=1_000_000,
    chat_per_second=1_000_000.0,
    global_burst=1_000_000,
    global_per_second=1_000_000.0,
)
EMULATOR_NOTE = (
    "rate limits raised to 1e6/s (flood control is not measured); "
    "it delivers webhook updates one at a time"
)
WARMUP_USERS = 5  # at least; warm-up runs at least as many users as --concurrency
WARMUP_LIMIT_S = 20.0
MEASURE_LIMIT_S = 45.0  # per bot; the defaults take far less
SCENARIOS: dict[str, tuple[tuple[Step, ...], str]] = {
    "ours": (
        ONBOARDING,
        "/start, then English, ✅ I agree, 🇱🇻 Latvia, 18–25 (answer + edit in place; "
        "the language sets a chat menu, the last press also sends the main menu)",
    ),
    "baseline": (
        ECHO,
        "aiogram echo: /start answered with 4 buttons, then 4 presses "
        "(answerCallbackQuery + editMessageText), same shape as onboarding",
    ),
}


class DeliveryFailures(logging.Handler):
    """Count the webhook deliveries the emulator logs as failed (it retries each one)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        """Count one failed delivery."""
        if record.getMessage().startswith("sandbox webhook delivery failed"):
            self.count += 1


@contextlib.contextmanager
def counting_delivery_failures() -> Iterator[DeliveryFailures]:
    """Attach a DeliveryFailures counter to the emulator's webhook logger for a while."""
    logger = logging.getLogger("sandbox.updates")
    counter, level = DeliveryFailures(), logger.level
    logger.addHandler(counter)
    logger.setLevel(logging.INFO)
    try:
        yield counter
    finally:
        logger.removeHandler(counter)
        logger.setLevel(level)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200, help="measured users per bot")
    parser.add_argument("--concurrency", type=int, default=20, help="users at a time")
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--compare", type=Path, help="an earlier results JSON to show beside")
    args = parser.parse_args(argv)
    if args.users < 1 or args.concurrency < 1:
        parser.error("--users and --concurrency must be at least 1")
    return args


@contextlib.asynccontextmanager
async def sqlite_database() -> AsyncIterator[str]:
    """A fresh SQLite file in a temporary directory."""
    with tempfile.TemporaryDirectory(prefix="bench-") as directory:
        yield f"sqlite+aiosqlite:///{Path(directory) / 'bench.sqlite3'}"


@contextlib.asynccontextmanager
async def postgres_database() -> AsyncIterator[str]:
    """A dedicated PostgreSQL database on 127.0.0.1, dropped afterwards."""
    name = f"mentorbot_bench_{uuid.uuid4().hex[:12]}"
    await _admin(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}"
    finally:
        await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def _admin(statement: str) -> None:
    """Run one statement on the PostgreSQL admin database."""
    connection = await asyncpg.connect(POSTGRES_ADMIN_URL, timeout=10)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


async def bench_bot(kind: str, args: argparse.Namespace, database_url: str) -> dict[str, Any]:
    """Start an emulator and one bot, warm up, measure, and summarise."""
    steps = SCENARIOS[kind][0]
    emulator = BotApiEmulator(TOKEN, Settings().sandbox.spec_path, UNLIMITED)
    base_url = await emulator.start(HOST, 0)
    server = BotProcess(kind, base_url, database_url)
    control = Control(base_url, connections=2 * args.concurrency + 10)
    try:
        await server.start()
        warmup = range(-warmup_users(args), 0)
        warm = await measure(control, steps, warmup, args.concurrency, WARMUP_LIMIT_S)
        _check_warmup(kind, warm)
        settle_garbage()
        with counting_delivery_failures() as failures:
            measured = await measure(
                control, steps, range(args.users), args.concurrency, MEASURE_LIMIT_S
            )
    finally:
        await control.close()
        await server.stop()
        await emulator.stop()
    return report.summarise(measured, len(emulator.rejected), failures.count)


def warmup_users(args: argparse.Namespace) -> int:
    """Enough warm-up users to open every connection the measured phase will use."""
    return max(WARMUP_USERS, args.concurrency)


def _check_warmup(kind: str, warm: Measurement) -> None:
    """Stop early when the bot cannot even onboard the warm-up users."""
    if warm.errors or warm.timed_out:
        reason = warm.errors[0] if warm.errors else "time limit"
        raise SystemExit(f"{kind} failed during warm-up: {reason}")


async def run(args: argparse.Namespace) -> dict[str, Any]:
    """Measure both bots, one after the other, and build the run record."""
    moment = datetime.now(UTC)
    bots: dict[str, Any] = {}
    for kind in report.BOTS:
        opener = postgres_database if args.database == "postgres" else sqlite_database
        async with opener() as database_url:
            print(f"measuring {kind} ...", file=sys.stderr, flush=True)
            bots[kind] = await bench_bot(kind, args, database_url)
    return {
        "date": moment.isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
        },
        "config": {
            "users": args.users,
            "concurrency": args.concurrency,
            "database": args.database,
            "warmup_users": warmup_users(args),
            "steps_per_user": len(ONBOARDING),
            "ours_steps": SCENARIOS["ours"][1],
            "baseline_steps": SCENARIOS["baseline"][1],
            "emulator": EMULATOR_NOTE,
        },
        "bots": bots,
        "ratios": report.ratios(bots["ours"], bots["baseline"]),
    }


def catalogues_compiled() -> bool:
    """Whether `scripts/i18n compile` has produced the .mo files the bot loads."""
    return any((PROJECT_ROOT / "locales").glob("*/LC_MESSAGES/messages.mo"))


def main(argv: list[str] | None = None) -> None:
    """Parse, run, print the table, save the JSON and show the comparison if asked."""
    args = parse_args(argv)
    if not catalogues_compiled():
        raise SystemExit("compile the catalogues first: scripts/i18n compile")
    earlier = report.load(args.compare) if args.compare else None
    result = asyncio.run(run(args))
    print(report.table(result))
    path = report.save(result, datetime.fromisoformat(result["date"]))
    print(f"\nsaved {path.relative_to(PROJECT_ROOT)}")
    if earlier is not None:
        print()
        print(report.comparison(earlier, result))


if __name__ == "__main__":
    main()
