"""The pairs' figures for one month as CSV (UTF-8, a header row, one row per active pair).

The file holds personal data: the names of mentors and of the young people they meet. Handle it
with care: keep it only on the organisation's own machines, share it with no one outside the
programme, and delete it once it has served its purpose.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO
from zoneinfo import ZoneInfo

from dialogs.ports import PairFigures

ZONE = ZoneInfo("Europe/Riga")  # dates as the programme's month counts them
COLUMNS = (
    "pair id",
    "mentor",
    "mentee",
    "started",
    "planned end",
    "held",
    "booked",
    "missed",
    "on track",
)
# A spreadsheet runs a cell starting with one of these as a formula; names are typed by users.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def plain(text: str) -> str:
    """Text a spreadsheet shows as text, never runs as a formula."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def write_pairs(pairs: Iterable[PairFigures], stream: TextIO) -> int:
    """Write the header and one row per pair; returns how many pairs were written."""
    writer = csv.writer(stream)
    writer.writerow(COLUMNS)
    written = 0
    for pair in pairs:
        writer.writerow(
            (
                pair.pair_id,
                plain(pair.mentor_name),
                plain(pair.mentee_name),
                pair.started_at.astimezone(ZONE).date().isoformat(),
                pair.planned_end_at.astimezone(ZONE).date().isoformat(),
                pair.held_this_month,
                pair.booked_this_month,
                pair.missed_this_month,
                "yes" if pair.on_track else "no",
            )
        )
        written += 1
    return written
