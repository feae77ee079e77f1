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

# The campaign: the topics stories are filed under, and how long its texts may be.
TOPICS = (
    "school",
    "family",
    "health",
    "addictions",
    "loneliness",
    "new_in_country",
    "work_money",
    "friends",
    "bullying",
    "self_esteem",
)
STORY_TEXTS = {"title": 80, "summary": 400}
OPPORTUNITY_TEXTS = {"title": 80, "text": 1200, "eligibility": 300}
EXPERT_NAME = 40  # an experience expert's chosen first name or pseudonym
