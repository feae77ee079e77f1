"""How long reading a message for words of danger takes, against only folding it for reading.

    python -m bench.distress [--repeat N]

Every typed message goes through dialogs.safety.detect before any step sees it. Prints, per
kind of message, the microseconds per message of `detect` (fold + search every language's
patterns) and of `normalize` alone (the fold), side by side, one figure a line.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from dialogs.safety import detect, normalize

MESSAGES = {
    "a name (lv)": "Jānis",
    "a form answer (ru)": "Хочу научиться планировать деньги и найти работу на лето",
    "a plan step (lt)": "Parašyti motyvacinį laišką ir nusiųsti jį iki penktadienio",
    "words of danger (en)": "i feel so bad, i dont know what to do anymore, i want to die",
    "hopes, 300 characters (lv)": ("Gribu labāk mācīties un atrast draugus. " * 8)[:300],
    "5,000 characters of prose (ru)": ("хочу научиться готовить и ходить в поход " * 125)[:5000],
    "5,000 characters, one letter": "x" * 5000,
}


def per_message(work: Callable[[str], object], text: str, repeat: int) -> float:
    """The median of five rounds, in microseconds per call."""
    rounds = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(repeat):
            work(text)
        rounds.append((time.perf_counter() - start) / repeat * 1e6)
    return statistics.median(rounds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200, help="calls per round (default 200)")
    repeat = parser.parse_args().repeat
    if detect(MESSAGES["words of danger (en)"]) is None:
        raise SystemExit("detect() missed the words of danger: nothing to measure")
    for label, text in MESSAGES.items():
        found = detect(text)
        searched = per_message(detect, text, repeat)
        folded = per_message(normalize, text, repeat)
        print(
            f"{label}: detect {searched:,.1f} µs, normalize alone {folded:,.1f} µs "
            f"({found.value if found else 'nothing found'})"
        )


if __name__ == "__main__":
    main()
