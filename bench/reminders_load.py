"""Reminders under load: start-up, memory and lateness with 100,000 booked future sessions.

Run from the project root:
    .venv/bin/python -m bench.reminders_load [--sessions 100000] [--due-now 2000] [--window 60]
        [--database sqlite|postgres] [--compare bench/results/reminders-<earlier>.json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import sys
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, func, select, update

from bench.bots import HOST, TOKEN
from bench.driver import Control
from bench.onboarding_webhook import (
    UNLIMITED,
    catalogues_compiled,
    postgres_database,
    sqlite_database,
)
from bench.reminders_bot import BotChild
from bench.reminders_data import Prepared, prepare
from bench.report import RESULTS_DIR, percentile
from bot.config import PROJECT_ROOT, Settings
from bot.outbox import ratelimit
from sandbox import BotApiEmulator
from storage import migrate
from storage.database import create_engine
from storage.outbox import PENDING, OutboxMessage

OUTBOX = OutboxMessage.__table__  # type: ignore[attr-defined]
LEAD_S = 3.0  # the first due-now reminder falls due this long after the rows are re-dated
SETTLE_S = 3.0  # after the last delivery, wait this long for a duplicate to show up
DRAIN_GRACE_S = 30.0  # beyond the time the bot's global rate needs for the whole backlog
MAX_SESSIONS = 1_000_000
MAX_DUE_NOW = 20_000
MAX_WINDOW_S = 600.0
EMULATOR_NOTE = "flood limits raised to 1e6/s: the bot's own rate limiter is what paces sending"
STARTUP_ROWS = (
    ("create_runtime (s)", "create_runtime_s", "{:.3f}"),
    ("+ start, first drain done (s)", "first_drain_s", "{:.3f}"),
    ("catch-up scans done (s)", "catch_up_s", "{:.3f}"),
    ("peak RSS before (MiB)", "rss_before_mb", "{:.1f}"),
    ("peak RSS after start (MiB)", "rss_started_mb", "{:.1f}"),
    ("peak RSS after load (MiB)", "rss_after_load_mb", "{:.1f}"),
)
LOAD_ROWS = (
    ("due in the window", "due", "{:.0f}"),
    ("delivered", "delivered", "{:.0f}"),
    ("delivered twice or more", "duplicates", "{:.0f}"),
    ("missed", "missed", "{:.0f}"),
    ("due rows not 'sent' in db", "not_sent_in_db", "{:.0f}"),
    ("due rows sent on a retry", "retried", "{:.0f}"),
    ("other rows sent/ended early", "sent_outside", "{:.0f}"),
    ("rows written by scans", "scan_rows", "{:.0f}"),
    ("rejected API calls", "rejected", "{:.0f}"),
    ("offered (msg/s)", "offered_per_s", "{:.1f}"),
    ("throughput (msg/s)", "throughput_per_s", "{:.1f}"),
    ("lateness p50 (ms)", "p50_ms", "{:.0f}"),
    ("lateness p90 (ms)", "p90_ms", "{:.0f}"),
    ("lateness p99 (ms)", "p99_ms", "{:.0f}"),
    ("lateness max (ms)", "max_ms", "{:.0f}"),
    ("lateness min (ms)", "min_ms", "{:.0f}"),
    ("p50, first tenth due (ms)", "first_tenth_p50_ms", "{:.0f}"),
    ("p50, last tenth due (ms)", "last_tenth_p50_ms", "{:.0f}"),
    ("load phase wall (s)", "wall_s", "{:.1f}"),
)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=100_000, help="booked future sessions")
    parser.add_argument("--due-now", type=int, default=2_000, help="reminders made due")
    parser.add_argument("--window", type=float, default=60.0, help="seconds they fall due over")
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--compare", type=Path, help="an earlier results JSON to show beside")
    args = parser.parse_args(argv)
    if not 1 <= args.sessions <= MAX_SESSIONS:
        parser.error(f"--sessions must be 1..{MAX_SESSIONS}")
    if not 1 <= args.due_now <= MAX_DUE_NOW:
        parser.error(f"--due-now must be 1..{MAX_DUE_NOW}")
    if not 1 <= args.window <= MAX_WINDOW_S:
        parser.error(f"--window must be 1..{MAX_WINDOW_S:.0f} seconds")
    return args


# --- the emulator side ---------------------------------------------------------------------


def record_sends(emulator: BotApiEmulator) -> dict[int, list[float]]:
    """Wrap the emulator's sendMessage to note the wall-clock time of each accepted send."""
    sends: dict[int, list[float]] = defaultdict(list)
    original = emulator.handlers["sendMessage"]

    async def recording(params: dict[str, Any], files: dict[str, Any]) -> Any:
        result = await original(params, files)
        sends[int(params["chat_id"])].append(time.time())
        return result

    emulator.handlers["sendMessage"] = recording
    return sends


async def create_chats(control: Control, count: int) -> list[int]:
    """Create `count` emulator users through the control API; return their chat ids."""
    gate = asyncio.Semaphore(16)

    async def one(index: int) -> int:
        async with gate:
            body = {"first_name": f"Bench {index}", "language_code": "en"}
            return (await control.call("POST", "/sandbox/users", json=body))["id"]

    return list(await asyncio.gather(*(one(index) for index in range(count))))


# --- phases --------------------------------------------------------------------------------


async def start_up_empty(api_base: str, database_url: str) -> dict[str, Any]:
    """Start-up on a migrated database holding nothing."""
    engine = create_engine(database_url)
    await migrate.upgrade(engine)
    await engine.dispose()
    child = BotChild(database_url, api_base)
    try:
        report = await child.start()
    finally:
        await child.stop()
    return report


async def start_up_and_load(
    api_base: str,
    database_url: str,
    prepared: Prepared,
    sends: dict[int, list[float]],
    emulator: BotApiEmulator,
    args: argparse.Namespace,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Start the bot on the filled database, then make reminders due and time their delivery."""
    child = BotChild(database_url, api_base)
    try:
        startup = await child.start()
        print("  started; making reminders due ...", file=sys.stderr, flush=True)
        load = await make_due_and_wait(database_url, prepared, sends, args)
    finally:
        final = await child.stop()
    startup["rss_after_load_mb"] = final.get("rss_after_load_mb")
    startup["drains"] = final.get("drains")
    engine = create_engine(database_url)
    try:
        load.update(await check_rows(engine, prepared))
    finally:
        await engine.dispose()
    load["rejected"] = len(emulator.rejected)
    load["first_rejection"] = emulator.rejected[0] if emulator.rejected else None
    return startup, load


async def make_due_and_wait(
    database_url: str,
    prepared: Prepared,
    sends: dict[int, list[float]],
    args: argparse.Namespace,
) -> dict[str, Any]:
    """Re-date the chosen rows evenly over the window; wait (bounded) until all are delivered."""
    count = len(prepared.due_now)
    first_due = datetime.now(UTC) + timedelta(seconds=LEAD_S)
    step = args.window / count
    due = {
        row: first_due + timedelta(seconds=index * step)
        for index, (row, _) in enumerate(prepared.due_now)
    }
    engine = create_engine(database_url)
    redate = (
        update(OUTBOX)
        .where(OUTBOX.c.id == bindparam("row"))
        .values(due_at=bindparam("due"))
        .execution_options(synchronize_session=False)
    )
    try:
        async with engine.begin() as connection:
            await connection.execute(redate, [{"row": r, "due": d} for r, d in due.items()])
    finally:
        await engine.dispose()
    redated_late = datetime.now(UTC) > first_due
    chats = dict(prepared.due_now)
    rate = ratelimit.DEFAULT_LIMITS.global_per_second
    limit_s = LEAD_S + max(args.window, count / rate) + DRAIN_GRACE_S
    started = time.monotonic()
    while time.monotonic() - started < limit_s:
        if sum(1 for chat in chats.values() if sends.get(chat)) >= count:
            break
        await asyncio.sleep(0.2)
    timed_out = sum(1 for chat in chats.values() if sends.get(chat)) < count
    await asyncio.sleep(SETTLE_S)
    summary = summarise(due, chats, sends, args.window)
    summary.update(
        wall_s=round(time.monotonic() - started, 2),
        timed_out=timed_out,
        redated_late=redated_late,
    )
    return summary


def summarise(
    due: dict[int, datetime],
    chats: dict[int, int],
    sends: dict[int, list[float]],
    window: float,
) -> dict[str, Any]:
    """Lateness of each due reminder = its chat's first accepted sendMessage - its due_at."""
    lateness, times = [], []
    ordered = sorted(due, key=due.__getitem__)
    by_row: dict[int, float] = {}
    for row in ordered:
        received = sends.get(chats[row], [])
        if received:
            by_row[row] = (received[0] - due[row].timestamp()) * 1000
            lateness.append(by_row[row])
            times.append(received[0])
    tenth = max(1, len(ordered) // 10)
    first = sorted(by_row[row] for row in ordered[:tenth] if row in by_row)
    last = sorted(by_row[row] for row in ordered[-tenth:] if row in by_row)
    lateness.sort()
    span = (max(times) - min(times)) if len(times) > 1 else 0.0
    return {
        "due": len(due),
        "delivered": len(lateness),
        "duplicates": sum(1 for row in due if len(sends.get(chats[row], [])) > 1),
        "missed": len(due) - len(lateness),
        "offered_per_s": round(len(due) / window, 2),
        "throughput_per_s": round((len(times) - 1) / span, 2) if span else 0.0,
        "p50_ms": round(percentile(lateness, 0.50), 1),
        "p90_ms": round(percentile(lateness, 0.90), 1),
        "p99_ms": round(percentile(lateness, 0.99), 1),
        "max_ms": round(lateness[-1], 1) if lateness else 0.0,
        "min_ms": round(lateness[0], 1) if lateness else 0.0,
        "first_tenth_p50_ms": round(percentile(first, 0.5), 1),
        "last_tenth_p50_ms": round(percentile(last, 0.5), 1),
    }


async def check_rows(engine: Any, prepared: Prepared) -> dict[str, Any]:
    """What the database says: the due rows' outcomes, and nothing else sent or written."""
    ids = [row for row, _ in prepared.due_now]
    chosen = OUTBOX.c.id.in_(ids)
    prepared_rows = OUTBOX.c.id <= prepared.max_outbox_id
    async with engine.connect() as connection:
        statuses = dict(
            (
                await connection.execute(
                    select(OUTBOX.c.status, func.count()).where(chosen).group_by(OUTBOX.c.status)
                )
            ).all()
        )
        retried = await connection.scalar(select(func.count()).where(chosen, OUTBOX.c.attempts > 1))
        outside = await connection.scalar(
            select(func.count()).where(prepared_rows, ~chosen, OUTBOX.c.status != PENDING)
        )
        scans = dict(
            (
                await connection.execute(
                    select(OUTBOX.c.kind, func.count())
                    .where(OUTBOX.c.id > prepared.max_outbox_id)
                    .group_by(OUTBOX.c.kind)
                )
            ).all()
        )
    return {
        "db_statuses": statuses,
        "not_sent_in_db": len(ids) - statuses.get("sent", 0),
        "retried": retried,
        "sent_outside": outside,
        "scan_rows": sum(scans.values()),
        "scan_kinds": scans,
    }


# --- the run -------------------------------------------------------------------------------


def scan_warning(moment: datetime) -> str | None:
    """The Monday digest scan writes one notice per mentor, due at once, during a run."""
    local = moment.astimezone(ZoneInfo("Europe/Riga"))
    if local.weekday() == 0 and 8 <= local.hour < 21:
        return (
            "Monday 08-21 in Riga: the week-digest scan queues one digest per mentor, due now, "
            "ahead of the measured reminders; figures are not comparable"
        )
    return None


async def run(args: argparse.Namespace) -> dict[str, Any]:
    """Prepare, measure start-up twice and lateness once, and build the run record."""
    moment = datetime.now(UTC)
    opener = postgres_database if args.database == "postgres" else sqlite_database
    emulator = BotApiEmulator(TOKEN, Settings().sandbox.spec_path, UNLIMITED)
    api_base = await emulator.start(HOST, 0)
    sends = record_sends(emulator)
    control = Control(api_base, connections=16)
    try:
        chat_ids = await create_chats(control, args.due_now)
        print("start-up on an empty database ...", file=sys.stderr, flush=True)
        async with opener() as database_url:
            empty = await start_up_empty(api_base, database_url)
        async with opener() as database_url:
            print(f"preparing {args.sessions} sessions ...", file=sys.stderr, flush=True)
            prepared = await prepare(database_url, args.sessions, chat_ids)
            print(f"  prepared in {prepared.seconds:.1f} s", file=sys.stderr, flush=True)
            full, load = await start_up_and_load(
                api_base, database_url, prepared, sends, emulator, args
            )
    finally:
        await control.close()
        await emulator.stop()
    limits = ratelimit.DEFAULT_LIMITS
    return {
        "benchmark": "reminders_load",
        "date": moment.isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
        },
        "config": {
            "sessions": args.sessions,
            "due_now": args.due_now,
            "window_s": args.window,
            "database": args.database,
            "emulator": EMULATOR_NOTE,
            "bot_limits": {
                "global_per_second": limits.global_per_second,
                "global_burst": limits.global_burst,
                "chat_per_second": limits.chat_per_second,
                "chat_burst": limits.chat_burst,
            },
            "warning": scan_warning(moment),
        },
        "prepare": {
            "users": prepared.users,
            "pairs": prepared.pairs,
            "sessions": prepared.sessions,
            "outbox_rows": prepared.outbox_rows,
            "kinds": prepared.kinds,
            "reminders_via": prepared.reminders_via,
            "earliest_due": prepared.earliest_due.isoformat() if prepared.earliest_due else None,
            "seconds": round(prepared.seconds, 2),
        },
        "startup": {"empty": empty, "full": full},
        "load": load,
    }


# --- output --------------------------------------------------------------------------------


def _cell(value: Any, fmt: str) -> str:
    return "-" if value is None else fmt.format(value)


def _line(label: str, cells: list[str]) -> str:
    return f"{label:<32}" + "".join(f"{cell:>18}" for cell in cells)


def header(run: dict[str, Any]) -> str:
    """The run's configuration and what was prepared."""
    config, prep, limits = run["config"], run["prepare"], run["config"]["bot_limits"]
    lines = [
        f"Reminders under load, {run['date']}, {run['machine']['cpus']} CPUs, "
        f"Python {run['machine']['python']}, database {config['database']}",
        f"prepared in {prep['seconds']:.1f} s (not measured): {prep['users']} users, "
        f"{prep['pairs']} pairs, {prep['sessions']} booked sessions over 3 weeks, "
        f"{prep['outbox_rows']} outbox rows {prep['kinds']}",
        f"reminder rows via {prep['reminders_via']}",
        f"bot rate limiter: {limits['global_per_second']:g}/s global (burst "
        f"{limits['global_burst']}), {limits['chat_per_second']:g}/s per chat (burst "
        f"{limits['chat_burst']}); emulator: {config['emulator']}",
    ]
    if config.get("warning"):
        lines.append(f"WARNING: {config['warning']}")
    return "\n".join(lines)


def table(run: dict[str, Any]) -> str:
    """Start-up side by side, then the load phase."""
    startup, load, config = run["startup"], run["load"], run["config"]
    lines = [header(run), "", "Start-up (child process, seconds from before create_runtime)"]
    lines.append(_line("", ["empty database", f"{config['sessions']} sessions"]))
    for label, key, fmt in STARTUP_ROWS:
        cells = [_cell(startup[which].get(key), fmt) for which in ("empty", "full")]
        lines.append(_line(label, cells))
    lines += [
        "",
        f"Lateness: {config['due_now']} reminders due evenly over {config['window_s']:g} s, "
        f"one per chat, among {run['prepare']['outbox_rows']} pending rows",
    ]
    for label, key, fmt in LOAD_ROWS:
        lines.append(_line(label, [_cell(load.get(key), fmt)]))
    lines.extend(notes(run))
    return "\n".join(lines)


def notes(run: dict[str, Any]) -> list[str]:
    """Warnings and the reading of the lateness figures."""
    load, limits = run["load"], run["config"]["bot_limits"]
    out = []
    if load["offered_per_s"] > limits["global_per_second"]:
        out.append(
            f"note: {load['offered_per_s']:g}/s offered against the bot's "
            f"{limits['global_per_second']:g}/s global limit: the backlog, and so the lateness, "
            "grows through the window (expected; see the first and last tenth)"
        )
    if load["timed_out"]:
        out.append("WARNING: the load phase hit its time limit; figures are partial")
    if load["redated_late"]:
        out.append("WARNING: re-dating the rows took longer than the lead; early ones start late")
    if load["duplicates"] or load["missed"] or load["sent_outside"]:
        out.append("WARNING: duplicates, misses or early sends: see the JSON")
    if load["scan_rows"]:
        out.append(f"note: periodic scans wrote {load['scan_kinds']} during the run")
    if load.get("first_rejection"):
        out.append(f"first rejected API call: {load['first_rejection']}")
    return out


def comparison(earlier: dict[str, Any], now: dict[str, Any]) -> str:
    """An earlier run and this one side by side."""
    lines = ["Before:", header(earlier), "", _line("", ["before", "now"])]
    for which in ("empty", "full"):
        lines.append(f"start-up, {which} database")
        for label, key, fmt in STARTUP_ROWS:
            cells = [_cell(run["startup"][which].get(key), fmt) for run in (earlier, now)]
            lines.append(_line("  " + label, cells))
    lines.append("lateness")
    for label, key, fmt in LOAD_ROWS:
        lines.append(
            _line("  " + label, [_cell(run["load"].get(key), fmt) for run in (earlier, now)])
        )
    return "\n".join(lines)


def save(run: dict[str, Any]) -> Path:
    """Write the run to bench/results/reminders-<timestamp>.json."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.fromisoformat(run["date"]).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS_DIR / f"reminders-{stamp}.json"
    path.write_text(json.dumps(run, indent=2, ensure_ascii=False, default=str) + "\n", "utf-8")
    return path


def main(argv: list[str] | None = None) -> None:
    """Parse, run, print the table, save the JSON and show the comparison if asked."""
    args = parse_args(argv)
    if not catalogues_compiled():
        raise SystemExit("compile the catalogues first: scripts/i18n compile")
    earlier = json.loads(args.compare.read_text("utf-8")) if args.compare else None
    if earlier is not None and earlier.get("benchmark") != "reminders_load":
        raise SystemExit(f"{args.compare} is not a bench.reminders_load result")
    result = asyncio.run(run(args))
    print(table(result))
    print(f"\nsaved {save(result).relative_to(PROJECT_ROOT)}")
    if earlier is not None:
        print()
        print(comparison(earlier, result))


if __name__ == "__main__":
    main()
