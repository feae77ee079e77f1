"""Translated names of the programme's fixed values (countries, regions, areas, statuses)."""

from __future__ import annotations

from dialogs.engine import Context


def country_label(ctx: Context, country: str) -> str:
    return {"LV": ctx._("Latvia"), "LT": ctx._("Lithuania")}[country]


def region_label(ctx: Context, region: str) -> str:
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


def area_label(ctx: Context, area: str) -> str:
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


def status_label(ctx: Context, status: str) -> str:
    labels = {
        "submitted": ctx._("waiting for the coordinators"),
        "approved": ctx._("approved"),
        "declined": ctx._("not accepted"),
    }
    return labels[status]
