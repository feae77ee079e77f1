"""Broadcasts under load: send rate against the configured limit, 429s, memory, how fast the bot
still answers a person tapping while a broadcast runs, and kill -9 in the middle of one.

Run from the project root (PostgreSQL on 127.0.0.1, as in production):
    .venv/bin/python -m bench.broadcast [--recipients 100000] [--rate 1000]
        [--default-recipients 10000] [--kills 10] [--compare bench/results/broadcast-<earlier>.json]

Phases, each on a fresh database and a fresh Bot API emulator with its flood limits on (set to
the rate the bot is configured for, so any 429 means the bot sent faster than it was told):
1. `--recipients` young people who agreed to campaign news are seeded in bulk (COPY), and a
   broadcast to all of them is scheduled a few seconds ahead. The bot starts in a child process
   (the real runtime, polling), idles, then sends. A probe person sends messages one after
   another, idle and during the broadcast; each reply's delay is timed.
2. `--kills` times, the child is killed with SIGKILL at a random moment of a 10,000-person
   broadcast and started again; at the end every recipient's messages are counted.
3. `--default-recipients` people at Telegram's default 25 messages a second (0 skips it).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import multiprocessing
import platform
import random
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from sqlalchemy import text

from bench.bots import TOKEN
from bench.driver import Control
from bench.onboarding_webhook import postgres_database
from bench.reminders_bot import peak_rss_mb
from bench.reminders_data import Writer
from bench.report import RESULTS_DIR, percentile
from bot.app import create_runtime, run_polling
from bot.broadcasts import control
from bot.broadcasts.post import Post
from bot.config import PROJECT_ROOT, Settings
from sandbox import BotApiEmulator, EmulatorLimits
from storage import migrate
from storage.broadcasts import Audience
from storage.database import create_engine, create_session_factory
from storage.models import Subscription, User
from storage.unit_of_work import UnitOfWorkFactory

POST = "Sestdien jauniešu diena! / Youth day on Saturday!"
PROBES = 20  # replies timed while idle
# A person tapping every two seconds: each answer here is two messages, and Telegram allows a
# chat about one a second (the bot keeps to that), so faster taps would measure that limit.
PROBE_GAP_S = 2.0
START_LIMIT_S = 120.0
KILL_RECIPIENTS = 10_000
DEFAULT_RATE = 25.0
USERS = User.__table__  # type: ignore[attr-defined]
SUBSCRIPTIONS = Subscription.__table__  # type: ignore[attr-defined]


# --- the bot, in a child process --------------------------------------------------------------


def serve(
    database_url: str, api_base: str, rate: float, concurrency: int, conn: Connection
) -> None:
    logging.basicConfig(level=logging.ERROR, format="bot: %(levelname)s %(name)s: %(message)s")
    asyncio.run(_serve(database_url, api_base, rate, concurrency, conn))


async def _serve(
    database_url: str, api_base: str, rate: float, concurrency: int, conn: Connection
) -> None:
    settings = Settings()
    settings.database.url = database_url
    settings.app.secret_key = None
    settings.campaign.sample = False
    settings.telegram.send_rate = rate
    settings.telegram.broadcast_concurrency = concurrency
    runtime = await create_runtime(settings, TOKEN, api_base)
    polling = asyncio.create_task(run_polling(runtime))
    try:
        await asyncio.sleep(1.0)  # started, menus published: this is "idle"
        conn.send({"rss_idle_mb": peak_rss_mb()})
        with contextlib.suppress(EOFError):
            await asyncio.get_running_loop().run_in_executor(None, conn.recv)
        conn.send({"rss_peak_mb": peak_rss_mb()})
    finally:
        polling.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await polling
        await runtime.close()


def concurrency_for(rate: float) -> int:
    """Enough in flight to keep the rate up against the platform's round trips."""
    return max(8, min(64, int(rate / 20)))


class Child:
    def __init__(self, database_url: str, api_base: str, rate: float) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child_conn = context.Pipe()
        arguments = (database_url, api_base, rate, concurrency_for(rate), child_conn)
        self.process = context.Process(target=serve, args=arguments, name="bench-broadcast")

    async def receive(self, limit: float) -> dict[str, Any]:
        loop = asyncio.get_running_loop()
        if not await loop.run_in_executor(None, self.conn.poll, limit):
            raise RuntimeError(f"the bot did not answer within {limit:.0f} s")
        try:
            return self.conn.recv()
        except EOFError:
            raise RuntimeError("the bot process died") from None

    async def start(self) -> dict[str, Any]:
        self.process.start()
        return await self.receive(START_LIMIT_S)

    async def stop(self) -> dict[str, Any]:
        self.conn.send("stop")
        final = await self.receive(60)
        await asyncio.get_running_loop().run_in_executor(None, self.process.join, 60)
        return final

    def kill(self) -> None:
        self.process.kill()  # SIGKILL: no clean-up of any kind
        self.process.join()


# --- the world: an emulator and a database with people in both ------------------------------


class World:
    """One emulator, one database, `count` recipients known to both, and their sends."""

    def __init__(self, rate: float) -> None:
        burst = max(30, int(rate / 5))  # as the bot's own budget: a fifth of a second's sends
        limits = EmulatorLimits(global_per_second=rate, global_burst=burst)
        self.emulator = BotApiEmulator(TOKEN, Settings().sandbox.spec_path, limits)
        self.sends: Counter[int] = Counter()  # chat id -> broadcast messages accepted
        self.times: list[float] = []

    async def start(self) -> None:
        await self.emulator.start()
        original = self.emulator.handlers["sendMessage"]

        async def recording(params: dict[str, Any], files: dict[str, Any]) -> Any:
            result = await original(params, files)
            if params.get("text") == POST:
                self.sends[int(params["chat_id"])] += 1
                self.times.append(time.monotonic())
            return result

        self.emulator.handlers["sendMessage"] = recording

    async def seed(self, database_url: str, count: int) -> list[int]:
        """`count` people on both sides; their chat ids."""
        started = time.perf_counter()
        chats = [
            self.emulator.state.add_user(first_name=f"P{n}", language_code="lv").id
            for n in range(count)
        ]
        now = datetime.now(UTC)
        writer = Writer(database_url)
        await writer.open()
        try:
            for start in range(0, count, 20_000):
                block = range(start, min(count, start + 20_000))
                await writer.write(USERS, [_user(n + 1, chats[n], now) for n in block])
                await writer.write(SUBSCRIPTIONS, [_subscription(n + 1, now) for n in block])
        finally:
            await writer.close()
        print(f"  seeded {count} people in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        return chats

    async def stop(self) -> None:
        await self.emulator.stop()

    def rejected_429(self) -> int:
        return sum(1 for entry in self.emulator.rejected if entry["error_code"] == 429)


def _user(user_id: int, chat: int, now: datetime) -> dict[str, Any]:
    return {
        "id": user_id,
        "channel": "telegram",
        "external_id": str(chat),
        "language": "lv",
        "created_at": now,
        "consent_at": now,
        "country": "LV",
        "age_group": "18-25",
        "guardian_confirmed_at": None,
        "blocked_at": None,
        "last_seen_at": now,
    }


def _subscription(user_id: int, now: datetime) -> dict[str, Any]:
    return {"user_id": user_id, "kind": "stories", "topic": "", "at": now}


async def migrated(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        await migrate.upgrade(engine)
    finally:
        await engine.dispose()


async def release(database_url: str, broadcast: int) -> None:
    """Bring the broadcast's time to now: the next scan (within 10 s) starts it."""
    engine = create_engine(database_url)
    try:
        async with engine.begin() as connection:
            statement = text("UPDATE broadcasts SET send_at = :now WHERE id = :id")
            await connection.execute(statement, {"now": datetime.now(UTC), "id": broadcast})
    finally:
        await engine.dispose()


async def schedule(database_url: str, at: datetime) -> int:
    engine = create_engine(database_url)
    try:
        async with UnitOfWorkFactory(create_session_factory(engine))() as uow:
            post = Post(texts={"lv": POST}, fallback=False)
            made = await control.create(uow, post, Audience(), at, datetime.now(UTC))
            await uow.commit()
            assert made.id is not None
            return made.id
    finally:
        await engine.dispose()


# --- measuring ------------------------------------------------------------------------------


class Probe:
    """A person who writes to the bot and waits for each answer."""

    def __init__(self, world: World) -> None:
        self.control = Control(world.emulator.base_url, 4)
        self.user_id = 0

    async def open(self) -> None:
        made = await self.control.call(
            "POST", "/sandbox/users", json={"first_name": "Probe", "language_code": "en"}
        )
        self.user_id = made["id"]
        await self.reply_ms("/start")  # the first answer builds what later ones reuse

    async def reply_ms(self, words: str) -> float:
        path = f"/sandbox/users/{self.user_id}"
        chat = await self.control.call("GET", f"{path}/chat")
        after = max((m["message_id"] for m in chat["messages"]), default=0)
        started = time.perf_counter()
        await self.control.call("POST", f"{path}/messages", json={"text": words})
        while True:
            view = await self.control.call("GET", f"{path}/wait?after={after}&timeout=30")
            if any(m["from"] == "bot" and m["message_id"] > after for m in view["messages"]):
                return (time.perf_counter() - started) * 1000
            if time.perf_counter() - started > 60:
                raise RuntimeError("the bot did not answer the probe within 60 s")

    async def p99(self, count: int) -> float:
        delays = []
        for _ in range(count):
            delays.append(await self.reply_ms("/help"))
            await asyncio.sleep(PROBE_GAP_S)
        return round(percentile(sorted(delays), 0.99), 1)

    async def p99_while(self, running: asyncio.Task[None]) -> float:
        """Taps until the task ends; at least a few, so a short broadcast still counts."""
        delays: list[float] = []
        while not running.done() or len(delays) < 5:
            delays.append(await self.reply_ms("/help"))
            await asyncio.sleep(PROBE_GAP_S)
        return round(percentile(sorted(delays), 0.99), 1)

    async def close(self) -> None:
        await self.control.close()


def steady_rate(times: list[float]) -> float:
    """Sends a second between the first and last tenth (start and tail left out)."""
    ordered = sorted(times)
    if len(ordered) < 20:
        return 0.0
    low, high = ordered[len(ordered) // 10], ordered[len(ordered) * 9 // 10]
    return (len(ordered) * 8 // 10) / max(high - low, 1e-9)


async def wait_all(world: World, count: int, limit: float) -> None:
    deadline = time.monotonic() + limit
    while len(world.sends) < count:
        if time.monotonic() > deadline:
            raise RuntimeError(f"only {len(world.sends)} of {count} received within {limit:.0f} s")
        await asyncio.sleep(0.5)
    await asyncio.sleep(2.0)  # a late duplicate would show up here


# --- the phases -------------------------------------------------------------------------------


async def phase_load(recipients: int, rate: float) -> dict[str, Any]:
    world = World(rate)
    await world.start()
    try:
        async with postgres_database() as database_url:
            await migrated(database_url)
            chats = await world.seed(database_url, recipients)
            broadcast = await schedule(database_url, datetime.now(UTC) + timedelta(days=1))
            child = Child(database_url, world.emulator.base_url, rate)
            idle = await child.start()
            probe = Probe(world)
            try:
                await probe.open()
                idle_p99 = await probe.p99(PROBES)
                await release(database_url, broadcast)
                while not world.sends:  # the broadcast begins at the next scan
                    await asyncio.sleep(0.1)
                sending = asyncio.create_task(
                    wait_all(world, recipients, recipients / rate * 2 + 120)
                )
                busy_p99 = await probe.p99_while(sending)
                await sending
            finally:
                await probe.close()
                final = await child.stop()
    finally:
        await world.stop()
    return {
        "recipients": recipients,
        "rate_limit": rate,
        "rate": round(steady_rate(world.times), 1),
        "rate_ratio": round(steady_rate(world.times) / rate, 3),
        "responses_429": world.rejected_429(),
        "lost": sum(1 for chat in chats if world.sends[chat] == 0),
        "duplicated": sum(1 for chat in chats if world.sends[chat] > 1),
        "peak_extra_mb": round(final["rss_peak_mb"] - idle["rss_idle_mb"], 1),
        "reply_p99_busy_ms": busy_p99,
        "reply_p99_idle_ms": idle_p99,
    }


async def phase_kills(kills: int, rate: float) -> dict[str, Any]:
    world = World(rate)
    await world.start()
    rng = random.Random()
    try:
        async with postgres_database() as database_url:
            await migrated(database_url)
            chats = await world.seed(database_url, KILL_RECIPIENTS)
            await schedule(database_url, datetime.now(UTC))
            for number in range(kills):
                child = Child(database_url, world.emulator.base_url, rate)
                await child.start()
                await asyncio.sleep(rng.uniform(0.2, KILL_RECIPIENTS / rate / kills))
                child.kill()
                print(f"  kill {number + 1}: {len(world.sends)} received", file=sys.stderr)
            child = Child(database_url, world.emulator.base_url, rate)
            await child.start()
            try:
                # Rows a killed worker had claimed wait out their lease, then go out; those it
                # had begun sending are settled as unconfirmed, not sent again.
                await wait_settled(database_url, KILL_RECIPIENTS, KILL_RECIPIENTS / rate * 2 + 180)
            finally:
                await child.stop()
            outcomes = await _outcomes(database_url)
    finally:
        await world.stop()
    return {
        "kills": kills,
        "kill_recipients": KILL_RECIPIENTS,
        "kill_lost": sum(1 for chat in chats if world.sends[chat] == 0),
        "kill_duplicated": sum(1 for chat in chats if world.sends[chat] > 1),
        "kill_unconfirmed": outcomes.get("unconfirmed", 0),
        "kill_unsent_rows": sum(n for status, n in outcomes.items() if status != "sent"),
    }


async def _outcomes(database_url: str) -> dict[str, int]:
    """The broadcast's rows per status."""
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            query = text(
                "SELECT status, count(*) FROM outbox WHERE kind = 'broadcast' GROUP BY status"
            )
            return {status: int(n) for status, n in (await connection.execute(query)).all()}
    finally:
        await engine.dispose()


async def wait_settled(database_url: str, expected: int, limit: float) -> None:
    """Until every recipient's row is written and none is left to send."""
    deadline = time.monotonic() + limit
    while sum((left := await _outcomes(database_url)).values()) < expected or left.keys() & {
        "pending",
        "paused",
    }:
        if time.monotonic() > deadline:
            raise RuntimeError(f"rows still to send after {limit:.0f} s: {left}")
        await asyncio.sleep(0.5)
    await asyncio.sleep(2.0)  # a late duplicate would show up here


# --- the report -------------------------------------------------------------------------------

LINES = (
    ("rate / limit", "rate_ratio", "{:.3f}"),
    ("429 responses", "responses_429", "{:.0f}"),
    ("lost", "kill_lost", "{:.0f}"),
    ("duplicated", "kill_duplicated", "{:.0f}"),
    ("unconfirmed after kills", "kill_unconfirmed", "{:.0f}"),
    ("peak extra memory (MB)", "peak_extra_mb", "{:.1f}"),
    ("reply p99 during broadcast (ms)", "reply_p99_busy_ms", "{:.0f}"),
    ("reply p99 idle (ms)", "reply_p99_idle_ms", "{:.0f}"),
    ("sustained rate (msg/s)", "rate", "{:.1f}"),
    ("lost, no kills", "lost", "{:.0f}"),
    ("duplicated, no kills", "duplicated", "{:.0f}"),
    ("rate / limit at 25/s", "default_rate_ratio", "{:.3f}"),
    ("429 responses at 25/s", "default_429", "{:.0f}"),
)


def show(figures: dict[str, Any], earlier: dict[str, Any] | None) -> None:
    for label, key, shape in LINES:
        if key not in figures:
            continue
        line = f"{label}: {shape.format(figures[key])}"
        if earlier is not None and key in earlier:
            line += f"  (before: {shape.format(earlier[key])})"
        print(line)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=100_000)
    parser.add_argument("--rate", type=float, default=1000.0, help="the bot's Telegram limit")
    parser.add_argument("--default-recipients", type=int, default=10_000)
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--compare", type=Path, help="an earlier results JSON to show beside")
    args = parser.parse_args(argv)
    if not 100 <= args.recipients <= 1_000_000:
        parser.error("--recipients must be 100..1000000")
    if not 1 <= args.rate <= 5000:
        parser.error("--rate must be 1..5000")
    return args


async def run(args: argparse.Namespace) -> dict[str, Any]:
    figures: dict[str, Any] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {multiprocessing.cpu_count()} cores, "
        f"Python {platform.python_version()}",
    }
    print(f"1/3: {args.recipients} recipients at {args.rate:.0f}/s ...", file=sys.stderr)
    figures |= await phase_load(args.recipients, args.rate)
    if args.kills:
        print(f"2/3: {args.kills} × kill -9 during {KILL_RECIPIENTS} ...", file=sys.stderr)
        figures |= await phase_kills(args.kills, args.rate)
    if args.default_recipients:
        count = args.default_recipients
        print(f"3/3: {count} recipients at {DEFAULT_RATE:.0f}/s ...", file=sys.stderr)
        slow = await phase_load(count, DEFAULT_RATE)
        figures |= {"default_rate_ratio": slow["rate_ratio"], "default_429": slow["responses_429"]}
    return figures


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if not (PROJECT_ROOT / "locales" / "lv" / "LC_MESSAGES" / "messages.mo").exists():
        raise SystemExit("Compile the catalogues first: scripts/i18n compile")
    earlier = json.loads(args.compare.read_text()) if args.compare else None
    figures = asyncio.run(run(args))
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"broadcast-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    path.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    show(figures, earlier)
    print(f"saved: {path.relative_to(PROJECT_ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
