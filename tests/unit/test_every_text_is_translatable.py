"""Render every screen with a marking translator: any text outside the catalogues shows up."""

from __future__ import annotations

import gettext
import re
from datetime import UTC, date, datetime, time, timedelta
from itertools import product
from zoneinfo import ZoneInfo

import pytest

from dialogs.conversation import build_engine
from dialogs.engine import Context, Conversation, Profile, resolve
from dialogs.flows.common import LANGUAGE_NAMES, language_name
from dialogs.flows.my_data import readable
from dialogs.helplines import EMERGENCY_NUMBER, HELPLINES
from dialogs.i18n import Catalogues, Translator
from dialogs.notices import render_notice
from dialogs.ports import (
    ApplicationAnswers,
    ApplicationView,
    MenteeAnswers,
    MenteeRequestView,
    PairingView,
    SessionView,
    WindowView,
)
from dialogs.timeslots import day_label, hour_label, weekday_name
from tests.fake_booking import NOW as BOOKING_NOW
from tests.fake_privacy import ASKED, EVERYTHING
from tests.fakes import Programme, fake_ports

INNERMOST_MARK = re.compile(r"⟦[^⟦⟧]*⟧")
# What people typed in, as the screens below show it.
ANSWERS = ApplicationAnswers("Ann", 30, ("lv", "ru"), "LV", "riga", ("money",), 2, "Hello there")
ANSWERS_DATA = {
    "country": "LV",
    "name": ANSWERS.display_name,
    "age": ANSWERS.age,
    "languages": list(ANSWERS.languages),
    "region": ANSWERS.region,
    "areas": list(ANSWERS.areas),
    "capacity": ANSWERS.capacity,
    "introduction": ANSWERS.introduction,
    "applicant": 1,
    "format": "online",
    "times": ["evenings", "weekends"],
    "hopes": ANSWERS.introduction,
    "slot": "htep0",  # 24 November 2026, 15:00 UTC
    "session": 1,
    "mentee": 1,  # matching: user 1 waits for a mentor; user 4 mentors; pairing 1
    "mentor": 4,
    "pair": 1,
    "kind": "end",
    "rematch": True,
}
REQUEST = MenteeAnswers(
    "Ann", "14-17", "LV", "riga", ("money",), ("lv",), "online", ("weekends",), "Hello there"
)
SENT = datetime(2026, 11, 1, tzinfo=UTC)
PROGRAMME = Programme(
    applications={1: ApplicationView(1, ANSWERS, "submitted", SENT)},
    requests={
        1: MenteeRequestView(REQUEST, "waiting", SENT),
        2: MenteeRequestView(REQUEST, "withdrawn", SENT),
    },
    admins={1},
)
# User 1 mentors user 2 (free on Tuesday evenings, one session booked).
PROGRAMME.calendar.pairs[1] = (1, 2)
PROGRAMME.pairings[1] = PairingView(1, 1, 2, "Ann", "Ann", SENT, SENT, SENT, 1)
PROGRAMME.applications[4] = ApplicationView(4, ANSWERS, "approved", SENT)
PROGRAMME.calendar.names.update({1: ANSWERS.display_name, 2: ANSWERS.display_name})
PROGRAMME.calendar.windows[1] = (1, WindowView(1, time(17), time(19), weekday=1))
PROGRAMME.calendar.windows[2] = (1, WindowView(2, time(9), time(10), day=date(2026, 11, 26)))
PROGRAMME.calendar.days_off.add((1, date(2026, 12, 1)))
SESSION_START = datetime(2026, 11, 24, 15, tzinfo=UTC)
PROGRAMME.calendar.sessions[1] = (
    1,
    2,
    SessionView(
        1, 1, SESSION_START, SESSION_START + timedelta(hours=1), "Europe/Riga", 0, "", True
    ),
)
# They held a session the day before, rated it, agreed a plan of two steps and did one.
HELD = SESSION_START - timedelta(days=1)
PROGRAMME.calendar.sessions[2] = (
    1,
    2,
    SessionView(2, 1, HELD, HELD + timedelta(hours=1), "Europe/Riga", 0, "", True, status="held"),
)
PROGRAMME.calendar.plans[2] = [ANSWERS.introduction, ANSWERS.display_name]
PROGRAMME.calendar.ratings[2] = 5
PROGRAMME.calendar.done.add(201)
# User 1 has applied and signed up; user 2 withdrew a request; user 3 has done neither.
USERS = (1, 2, 3)
# Deliberately untranslated: language endonyms, phone numbers, what people typed in.
LITERALS = sorted(
    [
        *LANGUAGE_NAMES.values(),
        EMERGENCY_NUMBER,
        *(line.number for line in HELPLINES),
        ANSWERS.display_name,
        ANSWERS.introduction,
    ],
    key=len,
    reverse=True,
)


class Marking(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return f"⟦{message}⟧"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return f"⟦{singular if n == 1 else plural}⟧"


class MarkingCatalogues(Catalogues):
    def __init__(self) -> None:  # no files: every string is marked instead of translated
        self._default_tz = ZoneInfo("Europe/Riga")

    def translator(self, language: str, tz_name: str | None = None) -> Translator:
        return Translator("en", Marking(), ZoneInfo(tz_name or "Europe/Riga"))


def babel_literals() -> list[str]:
    """Names of days, dates and times come from Babel's locale data, not from the catalogues."""
    t = MarkingCatalogues().translator("en")
    first = min(datetime.now(UTC), BOOKING_NOW).date()
    days = [first + timedelta(days=offset) for offset in range(60)]
    return [
        *(weekday_name(t, weekday) for weekday in range(7)),
        *(day_label(t, day) for day in days),
        *(hour_label(t, time(hour)) for hour in range(24)),
        t.datetime(SESSION_START, "short"),
        "–",  # between the start and end of a free time
        "☐",  # the mark of a plan step still to do (done ones carry ✅)
        "✅",
        "🗑",  # the mark of a remove button
    ]


LITERALS = sorted([*LITERALS, *babel_literals()], key=len, reverse=True)


def leftover(text: str) -> str:
    """What is left of a text once translated parts (nested ones too) and literals are gone."""
    rest, previous = text, None
    while rest != previous:
        previous, rest = rest, INNERMOST_MARK.sub("", rest)
    for literal in LITERALS:
        rest = rest.replace(literal, "")
    return re.sub(r"[\s•:,.!?()—-]", "", rest)


PROFILES = {
    "new": Profile(language="en"),
    "onboarded": Profile(
        language="lv",
        consent_at=datetime(2026, 11, 1, tzinfo=UTC),
        country="LV",
        age_group="14-17",
    ),
    "lithuanian child": Profile(
        language="lt",
        consent_at=datetime(2026, 11, 1, tzinfo=UTC),
        country="LT",
        age_group="under13",
        guardian_confirmed_at=datetime(2026, 11, 1, tzinfo=UTC),
    ),
}


def all_steps():  # type: ignore[no-untyped-def]
    engine = build_engine()
    for flow in engine._flows.values():
        for step in flow.steps.values():
            yield flow.name, step


@pytest.mark.parametrize("profile_name", PROFILES)
async def test_every_screen_speaks_only_through_the_catalogues(profile_name: str) -> None:
    catalogues = MarkingCatalogues()
    for (flow_name, step), user_id in product(all_steps(), USERS):
        conversation = Conversation(flow_name, step.name, data=dict(ANSWERS_DATA))
        profile = PROFILES[profile_name]
        ports = fake_ports(PROGRAMME, user_id)
        ctx = Context(profile, conversation, catalogues, datetime.now(UTC), "", ports)
        reply = await resolve(step.screen(ctx))
        assert leftover(reply.text) == "", (flow_name, step.name, user_id, reply.text)
        for row in reply.buttons:
            for button in row:
                label = button.label.removeprefix("✅ ")  # the mark of a chosen option
                untranslated_ok = label in LITERALS or label.isdigit()
                assert untranslated_ok or leftover(label) == "", (
                    flow_name,
                    step.name,
                    button.label,
                )


def test_engine_notes_are_translatable() -> None:
    engine = build_engine()
    ctx = Context(
        Profile(language="en"),
        Conversation("menu", "main"),
        MarkingCatalogues(),
        datetime.now(UTC),
    )
    for note in engine._notes.values():
        assert leftover(note(ctx).text) == ""


def test_session_notices_are_translatable() -> None:
    t = MarkingCatalogues().translator("en")
    start = {"session": 1, "starts_at": SESSION_START.isoformat()}
    payloads = {
        "session_reminder": [
            {**start, "name": "", "lead": lead, "mentor": mentor}
            for lead in ("24h", "1h")
            for mentor in (True, False)
        ],
        "session_followup": [{**start, "name": ""}],
        "session_recap": [{**start, "name": "", "plan": []}],
        "plan_nudge": [{**start, "name": "", "plan": ["Hello there"]}],
        "book_nudge": [{"name": "", "count": count, "mentor": True} for count in (0, 1, 2)],
        "week_digest": [{"sessions": []}, {"sessions": [{**start, "name": ""}]}],
    }
    for kind, cases in payloads.items():
        for payload in cases:
            for reply in render_notice(kind, payload, t):
                assert leftover(reply.text) == "", (kind, reply.text)
                for row in reply.buttons:
                    for button in row:
                        assert button.label.isdigit() or leftover(button.label) == "", kind


async def test_every_branch_of_the_figures_screen_is_translatable() -> None:
    """Beyond the shared programme: a cut list, missing names, no-shows, every pair on track."""
    crowded, on_track = Programme(admins={1}), Programme(admins={1})
    hour = timedelta(hours=1)
    for pair_id in range(1, 23):
        crowded.pairings[pair_id] = PairingView(pair_id, 1, 2, "", "Ann", SENT, SENT)
        end = SESSION_START + hour
        missed = SessionView(
            pair_id, pair_id, SESSION_START, end, "Europe/Riga", 0, "", True, "missed"
        )
        crowded.calendar.sessions[pair_id] = (1, 2, missed)
    on_track.pairings[1] = PairingView(1, 1, 2, "Ann", "Ann", SENT, SENT)
    for number in (1, 2):
        start = SESSION_START - timedelta(days=number)
        held = SessionView(number, 1, start, start + hour, "Europe/Riga", 0, "", True, "held")
        on_track.calendar.sessions[number] = (1, 2, held)
    screen = build_engine()._flows["figures"].steps["overview"].screen
    texts = []
    for world in (crowded, on_track):
        conversation = Conversation("figures", "overview")
        ports = fake_ports(world, 1)
        ctx = Context(PROFILES["onboarded"], conversation, MarkingCatalogues(), SENT, "", ports)
        reply = await resolve(screen(ctx))
        assert leftover(reply.text) == "", reply.text
        texts.append(reply.text)
    assert "…and 2 more" in texts[0] and "⟦(no name)⟧" in texts[0] and "missed" in texts[0]
    assert "Every active pair" in texts[1]


def test_safety_and_privacy_notices_are_translatable() -> None:
    t = MarkingCatalogues().translator("en")
    cancelled = {
        "session": 1,
        "starts_at": SESSION_START.isoformat(),
        "ends_at": (SESSION_START + timedelta(hours=1)).isoformat(),
        "tz": "Europe/Riga",
        "sequence": 2,
    }
    ending = {"stamp": SENT.isoformat()}
    payloads = {
        "staff_concern": [
            {"person": 7, "name": name, "concern": concern, "at": SENT.isoformat()}
            for name in ("", "Ann")
            for concern in ("self_harm", "abuse", "distress")
        ],
        "guardian_confirmed": [{}],
        "guardian_declined": [{}],
        "request_closed": [{"reason": "Hello there"}],
        "pair_ended": [
            {"partner": "Ann", "rematch": rematch, "sessions": sessions, **ending}
            for rematch in (True, False)
            for sessions in ([], [cancelled], [cancelled, cancelled])
        ],
        "partner_left": [
            {"mentor": mentor, "rematch": not mentor, "sessions": [cancelled], **ending}
            for mentor in (True, False)
        ],
        "staff_partner_left": [
            {"partner": "Ann", "left_mentor": left, "rematch": left} for left in (True, False)
        ],
        "retention_notice": [{"months": 24, "erase_on": SENT.isoformat()}],
        "pair_completed": [
            {"partner": name, "sessions": sessions, **ending}
            for name in ("", "Ann")
            for sessions in ([], [cancelled])
        ],
        "staff_pair_completed": [{"mentor": "Ann", "mentee": ""}],
        "relay_message": [
            {"conversation": 1, "from": name, "role": role, "text": "Hello there", "number": 7}
            for name in ("", "Ann")
            for role in ("mentor", "mentee", "coordinators", "person")
        ],
        "conversation_closed": [{"by_coordinator": by} for by in (True, False)],
        "staff_report": [
            {"reporter": 7, "reporter_name": "Ann", "sender_name": "", "text": "Hello there"}
        ],
    }
    for kind, cases in payloads.items():
        for payload in cases:
            for reply in render_notice(kind, payload, t):
                text = reply.text or (reply.document.caption if reply.document else "")
                assert leftover(text) == "", (kind, text)
                for row in reply.buttons:
                    for button in row:
                        assert leftover(button.label) == "", kind


def test_a_copy_of_everyones_data_reads_through_the_catalogues() -> None:
    ctx = Context(
        PROFILES["onboarded"], Conversation("menu", "main"), MarkingCatalogues(), SENT, "", None
    )
    text = readable(ctx, EVERYTHING).text
    # What stays as stored: the app's name, numbers, times, what people wrote, Babel's dates.
    shown_as_is = (
        *(ctx.t.datetime(moment, "short") for moment in (ASKED, SENT)),
        *(day_label(ctx.t, day) for day in (date(2026, 11, 26), date(2026, 12, 1))),
        weekday_name(ctx.t, 1),
        "Telegram",
        "Hello there",
        "Ann",
        "Youth centre",
        *(language_name(ctx.t, code) for code in ("lv", "lt", "ru", "en")),  # Babel's names
        "https://meet.example.org/x",
        *("17:00", "19:00", "9:00", "10:00"),
        *("100001", "30", "7", "4", "2"),
    )
    for literal in sorted(shown_as_is, key=len, reverse=True):
        text = text.replace(literal, "")
    assert leftover(text).replace(";", "") == "", text
