"""Summaries, the printed table, the JSON record and the side-by-side comparison."""

from __future__ import annotations

import json
import math
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.driver import Measurement

RESULTS_DIR = Path(__file__).resolve().parent / "results"
BOTS = ("ours", "baseline")
# (label, key, format) for each row of the per-bot table.
ROWS = (
    ("steps handled", "steps", "{:.0f}"),
    ("failed users", "errors", "{:.0f}"),
    ("rejected API calls", "rejected", "{:.0f}"),
    ("failed webhook POSTs", "webhook_failures", "{:.0f}"),
    ("wall time (s)", "wall_s", "{:.2f}"),
    ("updates per second", "updates_per_s", "{:.1f}"),
    ("p50 reaction (ms)", "p50_ms", "{:.1f}"),
    ("p90 reaction (ms)", "p90_ms", "{:.1f}"),
    ("p99 reaction (ms)", "p99_ms", "{:.1f}"),
    ("max reaction (ms)", "max_ms", "{:.1f}"),
)
RATIOS = (
    ("throughput ours/baseline", "throughput"),
    ("p50 ours/baseline", "p50"),
    ("p99 ours/baseline", "p99"),
)


def percentile(ordered: list[float], fraction: float) -> float:
    """Nearest-rank percentile of an ascending list (0.0 when it is empty)."""
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, max(0, math.ceil(fraction * len(ordered)) - 1))]


def summarise(measured: Measurement, rejected: int, webhook_failures: int) -> dict[str, Any]:
    """Reduce raw reaction times to the figures we report."""
    ordered = sorted(measured.reactions_ms)
    wall = measured.wall_seconds
    return {
        "steps": len(ordered),
        "errors": len(measured.errors),
        "first_error": measured.errors[0] if measured.errors else None,
        "rejected": rejected,
        "webhook_failures": webhook_failures,
        "timed_out": measured.timed_out,
        "wall_s": round(wall, 3),
        "updates_per_s": round(len(ordered) / wall, 2) if wall else 0.0,
        "p50_ms": round(percentile(ordered, 0.50), 2),
        "p90_ms": round(percentile(ordered, 0.90), 2),
        "p99_ms": round(percentile(ordered, 0.99), 2),
        "max_ms": round(ordered[-1], 2) if ordered else 0.0,
    }


def _ratio(numerator: float, denominator: float) -> float | None:
    """A rounded ratio, or None when the denominator is zero."""
    return round(numerator / denominator, 3) if denominator else None


def ratios(ours: dict[str, Any], baseline: dict[str, Any]) -> dict[str, float | None]:
    """Ours relative to the baseline: throughput, p50 and p99."""
    return {
        "throughput": _ratio(ours["updates_per_s"], baseline["updates_per_s"]),
        "p50": _ratio(ours["p50_ms"], baseline["p50_ms"]),
        "p99": _ratio(ours["p99_ms"], baseline["p99_ms"]),
    }


def _cell(value: Any, fmt: str = "{:.2f}") -> str:
    """Format a number, or a dash when it is missing."""
    return "-" if value is None else fmt.format(value)


def _line(label: str, cells: list[str]) -> str:
    """One table line: a left-aligned label and right-aligned cells."""
    return f"{label:<26}" + "".join(f"{cell:>16}" for cell in cells)


def header(run: dict[str, Any]) -> str:
    """Describe the run's configuration in a few lines."""
    config = run["config"]
    return "\n".join(
        [
            f"Onboarding over webhook, {run['date']}, {run['machine']['cpus']} CPUs, "
            f"Python {run['machine']['python']}",
            f"{config['users']} users x {config['steps_per_user']} steps, "
            f"{config['concurrency']} at a time, database {config['database']}, "
            f"{config['warmup_users']} warm-up users per bot (not measured)",
            f"ours: {config['ours_steps']}",
            f"baseline: {config['baseline_steps']}",
            f"emulator: {config['emulator']}",
        ]
    )


def table(run: dict[str, Any]) -> str:
    """The per-bot figures and the ratios, as printed at the end of a run."""
    lines = [header(run), "", _line("", list(BOTS))]
    for label, key, fmt in ROWS:
        lines.append(_line(label, [_cell(run["bots"][bot][key], fmt) for bot in BOTS]))
    lines.append("")
    for label, key in RATIOS:
        lines.append(_line(label, [_cell(run["ratios"][key])]))
    for bot in BOTS:
        figures = run["bots"][bot]
        if figures["timed_out"]:
            lines.append(f"WARNING: {bot} hit the time limit; its figures are partial")
        if figures["first_error"]:
            lines.append(f"first {bot} failure: {figures['first_error']}")
    return "\n".join(lines)


def comparison(earlier: dict[str, Any], now: dict[str, Any]) -> str:
    """An earlier run and this one side by side."""
    columns = [f"{bot} {when}" for bot in BOTS for when in ("before", "now")]
    lines = ["Before:", header(earlier), "", _line("", columns)]
    for label, key, fmt in ROWS:
        cells = [_cell(run["bots"][bot].get(key), fmt) for bot in BOTS for run in (earlier, now)]
        lines.append(_line(label, cells))
    lines.append("")
    lines.append(_line("", ["before", "now"]))
    for label, key in RATIOS:
        lines.append(_line(label, [_cell(run["ratios"].get(key)) for run in (earlier, now)]))
    return "\n".join(lines)


def save(run: dict[str, Any], moment: datetime) -> Path:
    """Write the run as JSON to bench/results/<timestamp>.json and return the path."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{moment.strftime('%Y%m%dT%H%M%SZ')}.json"
    path.write_text(json.dumps(run, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def load(path: Path) -> dict[str, Any]:
    """Read a run written by `save`."""
    return json.loads(path.read_text(encoding="utf-8"))
