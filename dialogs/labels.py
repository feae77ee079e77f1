"""Translated names of the programme's fixed values (countries, regions, areas, statuses)."""

from __future__ import annotations

from typing import Protocol

from dialogs.i18n import Translator


class Speaker(Protocol):
    """Anything that translates: a step's Context, or a notice's translator wrapped in one."""

    def _(self, message: str) -> str: ...


def age_label(ctx: Speaker, group: str) -> str:
    labels = {
        "under13": ctx._("Under 13"),
        "13": ctx._("13"),
        "14-17": ctx._("14–17"),
        "18-25": ctx._("18–25"),
        "26plus": ctx._("26 or older"),
    }
    return labels[group]


def country_label(ctx: Speaker, country: str) -> str:
    return {"LV": ctx._("Latvia"), "LT": ctx._("Lithuania")}[country]


def region_label(ctx: Speaker, region: str) -> str:
    labels = {
        "riga": ctx._("Riga"),
        "pieriga": ctx._("Riga region (Pierīga)"),
        "kurzeme": ctx._("Kurzeme"),
        "zemgale": ctx._("Zemgale"),
        "vidzeme": ctx._("Vidzeme"),
        "latgale": ctx._("Latgale"),
        "vilnius": ctx._("Vilnius county"),
        "kaunas": ctx._("Kaunas county"),
        "klaipeda": ctx._("Klaipėda county"),
        "siauliai": ctx._("Šiauliai county"),
        "panevezys": ctx._("Panevėžys county"),
        "alytus": ctx._("Alytus county"),
        "marijampole": ctx._("Marijampolė county"),
        "taurage": ctx._("Tauragė county"),
        "telsiai": ctx._("Telšiai county"),
        "utena": ctx._("Utena county"),
    }
    return labels[region]


def area_label(ctx: Speaker, area: str) -> str:
    labels = {
        "education": ctx._("School and motivation to learn"),
        "adolescence": ctx._("Understanding growing up"),
        "relationships": ctx._("Family and school relationships"),
        "free_time": ctx._("Free time"),
        "peers": ctx._("Friends and peers"),
        "harmful": ctx._("Leaving harmful relationships or addictions"),
        "money": ctx._("Money skills"),
        "goals": ctx._("Setting and reaching goals"),
        "health": ctx._("Mental and physical health"),
        "self_care": ctx._("Taking care of yourself"),
        "other": ctx._("Something else"),
    }
    return labels[area]


def status_label(ctx: Speaker, status: str) -> str:
    labels = {
        "submitted": ctx._("waiting for the coordinators"),
        "approved": ctx._("approved"),
        "declined": ctx._("not accepted"),
    }
    return labels[status]


def meeting_format_label(ctx: Speaker, meeting_format: str) -> str:
    labels = {
        "in_person": ctx._("In person"),
        "online": ctx._("Online"),
        "either": ctx._("Either is fine"),
    }
    return labels[meeting_format]


def free_time_label(ctx: Speaker, free_time: str) -> str:
    labels = {
        "mornings": ctx._("Weekday mornings"),
        "afternoons": ctx._("Weekday afternoons"),
        "evenings": ctx._("Weekday evenings"),
        "weekends": ctx._("Weekends"),
    }
    return labels[free_time]


def request_status_label(ctx: Speaker, status: str) -> str:
    labels = {
        "waiting": ctx._("waiting for a mentor match"),
        "matched": ctx._("matched with a mentor"),
        "withdrawn": ctx._("withdrawn"),
        "closed": ctx._("closed by the coordinators"),
    }
    return labels[status]


class Words:
    """Lend a notice's translator to the label functions, which speak through `_`."""

    def __init__(self, t: Translator) -> None:
        self._ = t.gettext
