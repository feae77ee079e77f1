"""The mentoring programme's fixed lists: areas of help (seed 003) and regions."""

from __future__ import annotations

# Areas a mentor can help with, in the order the programme lists them.
AREAS = (
    "education",
    "adolescence",
    "relationships",
    "free_time",
    "peers",
    "harmful",
    "money",
    "goals",
    "health",
    "self_care",
    "other",
)

# Planning regions of Latvia and counties of Lithuania; the ids are stable, labels translated.
REGIONS = {
    "LV": ("riga", "pieriga", "kurzeme", "zemgale", "vidzeme", "latgale"),
    "LT": (
        "vilnius",
        "kaunas",
        "klaipeda",
        "siauliai",
        "panevezys",
        "alytus",
        "marijampole",
        "taurage",
        "telsiai",
        "utena",
    ),
}

MENTOR_MIN_AGE = 20
MAX_MENTEES = 5
NAME_LIMIT = 40
INTRODUCTION_LIMIT = 500

# Mentee sign-up: who may ask for a mentor (onboarding's age groups; the programme starts at 13)
# and the fixed answers the questionnaire offers.
MENTEE_AGE_GROUPS = ("13", "14-17", "18-25")
MEETING_FORMATS = ("in_person", "online", "either")
FREE_TIMES = ("mornings", "afternoons", "evenings", "weekends")
HOPES_LIMIT = 300
