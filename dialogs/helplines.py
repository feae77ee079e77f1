"""Crisis lines for children and young people. Numbers are data; their names are translated."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Helpline:
    country: str
    key: str  # which translated description to show
    number: str


EMERGENCY_NUMBER = "112"

HELPLINES = (
    Helpline("LV", "children", "116111"),
    Helpline("LV", "crisis", "116123"),
    Helpline("LT", "children", "116111"),
    Helpline("LT", "youth", "8 800 28888"),
)
