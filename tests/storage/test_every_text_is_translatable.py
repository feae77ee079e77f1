"""Render every screen with a marking translator: any text outside the catalogues shows up.

The screens read the real services, bound to one transaction as for an update, over a fresh
database seeded with one small programme.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import product
from zoneinfo import ZoneInfo

import pytest

from bot.broadcasts import control as broadcast_control
from bot.broadcasts.post import Post
from bot.campaign.content import parse
from bot.campaign.library import SAMPLE, load_sample_if_new
from bot.services.conversation import ports_for
from dialogs.conversation import build_engine
from dialogs.engine import Context, Conversation, Profile, resolve
from dialogs.flows.common import LANGUAGE_NAMES, language_name
from dialogs.flows.my_data import readable
from dialogs.helplines import EMERGENCY_NUMBER, HELPLINES
from dialogs.i18n import Catalogues, Translator
from dialogs.notices import render_notice
from dialogs.ports import ApplicationAnswers, MenteeAnswers
from dialogs.replies import Reply
from dialogs.timeslots import day_label, encode_slot, hour_label, weekday_name
from storage.broadcasts import Audience
from storage.models import (
    AuditEntry,
    AvailabilityWindow,
    ConversationRow,
    DayOff,
    GuardianConsent,
    MeetingPlace,
    MenteeRequest,
    MentorApplication,
    MentoringSession,
    Pair,
    PlanItem,
    StaffMember,
    User,
)
from storage.unit_of_work import UnitOfWork, UnitOfWorkFactory
from tests.personal_data import ASKED, EVERYTHING

ENGINE = build_engine()
INNERMOST_MARK = re.compile(r"⟦[^⟦⟧]*⟧")
# One clock for the screens and the services: the day of the pair's next session.
NOW = datetime(2026, 11, 24, 12, tzinfo=UTC)
SENT = datetime(2026, 11, 1, tzinfo=UTC)
SESSION_START = datetime(2026, 11, 24, 15, tzinfo=UTC)
HOUR = timedelta(hours=1)
ADMIN = 101  # the Telegram id of the admin, the first of the people below
# What people typed in, as the screens below show it.
ANSWERS = ApplicationAnswers("Ann", 30, ("lv", "ru"), "LV", "riga", ("money",), 2, "Hello there")
REQUEST = MenteeAnswers(
    "Ann", "14-17", "LV", "riga", ("money",), ("lv",), "online", ("weekends",), "Hello there"
)
PLACE = "Youth centre"


def _content_texts() -> list[str]:
    """What staff wrote: the sample stories' and opportunities' texts, in every language."""
    texts: list[str] = []
    for path in SAMPLE.glob("*.yaml"):
        content = parse(path.read_text(encoding="utf-8"))
        for story in content.stories:
            texts += [story.expert, *story.expert_names.values()]
            texts += [*story.title.values(), *story.summary.values()]
        for item in content.opportunities:
            for field in (item.title, item.text, item.eligibility):
                texts += field.values()
            texts += [text for contact in item.contacts for text in contact["text"].values()]
    return texts


# Deliberately untranslated: language endonyms, phone numbers, what people typed in, and what
# staff wrote as the campaign's content.
LITERALS = sorted(
    [
        *_content_texts(),
        *LANGUAGE_NAMES.values(),
        EMERGENCY_NUMBER,
        *(line.number for line in HELPLINES),
        ANSWERS.display_name,
        ANSWERS.introduction,
        PLACE,
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
    days = [NOW.date() + timedelta(days=offset) for offset in range(60)]
    return [
        *(weekday_name(t, weekday) for weekday in range(7)),
        *(day_label(t, day) for day in days),
        *(hour_label(t, time(hour)) for hour in range(24)),
        t.datetime(SESSION_START, "short"),
        "–",  # between the start and end of a free time
        "☐",  # the mark of a plan step still to do (done ones carry ✅)
        "✅",
        "🗑",  # the mark of a remove button
        "📍",  # the mark of the place a pair meets at
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
    for flow in ENGINE._flows.values():
        for step in flow.steps.values():
            yield flow.name, step


async def person(uow: UnitOfWork, number: int, age_group: str | None, country: str = "LV") -> int:
    user = User(channel="telegram", external_id=str(number), language="en", created_at=SENT)
    if age_group is not None:
        user.consent_at, user.country, user.age_group = SENT, country, age_group
    uow.session.add(user)
    await uow.session.flush()
    assert user.id is not None
    return user.id


def application(user_id: int, status: str) -> MentorApplication:
    return MentorApplication(
        user_id=user_id,
        display_name=ANSWERS.display_name,
        age=ANSWERS.age,
        languages=",".join(ANSWERS.languages),
        country=ANSWERS.country,
        region=ANSWERS.region,
        areas=",".join(ANSWERS.areas),
        capacity=ANSWERS.capacity,
        introduction=ANSWERS.introduction,
        status=status,
        submitted_at=SENT,
    )


def request(user_id: int, status: str) -> MenteeRequest:
    return MenteeRequest(
        user_id=user_id,
        display_name=REQUEST.display_name,
        age_group=REQUEST.age_group,
        country=REQUEST.country,
        region=REQUEST.region,
        areas=",".join(REQUEST.areas),
        languages=",".join(REQUEST.languages),
        meeting_format=REQUEST.meeting_format,
        free_times=",".join(REQUEST.free_times),
        hopes=REQUEST.hopes,
        status=status,
        submitted_at=SENT,
        updated_at=SENT,
    )


async def pair(uow: UnitOfWork, mentor_id: int, mentee_id: int, **change: object) -> int:
    row = Pair(
        mentor_id=mentor_id,
        mentee_id=mentee_id,
        status="active",
        started_at=SENT,
        planned_end_at=SENT,
        **change,
    )
    uow.session.add(row)
    await uow.session.flush()
    assert row.id is not None
    return row.id


async def meeting(
    uow: UnitOfWork, pair_id: int, mentor_id: int, mentee_id: int, start: datetime, status: str
) -> MentoringSession:
    row = MentoringSession(
        pair_id=pair_id,
        mentor_id=mentor_id,
        mentee_id=mentee_id,
        starts_at=start,
        ends_at=start + HOUR,
        tz="Europe/Riga",
        status=status,
    )
    uow.session.add(row)
    await uow.session.flush()
    return row


def consent(child_id: int, code: str, status: str, **decision: object) -> GuardianConsent:
    return GuardianConsent(
        child_id=child_id,
        code=code,
        country="LT",
        age_group="13",
        status=status,
        created_at=ASKED,
        expires_at=ASKED + timedelta(days=14),
        **decision,
    )


@dataclass(frozen=True)
class Programme:
    """Whom the screens are drawn for, and the conversation data every step starts with."""

    users: tuple[int, ...]
    data: dict


async def seed_programme(uow_factory: UnitOfWorkFactory) -> Programme:
    """Ann (the admin) has applied, waits for a mentor and mentors the second person.

    The second withdrew their request, the third has done neither, the fourth mentors. Ann and
    her mentee meet today, held a session yesterday, rated it and did one of its two steps.
    """
    async with uow_factory() as uow:
        ann = await person(uow, ADMIN, "26plus")
        mentee = await person(uow, ADMIN + 1, "14-17")
        newcomer = await person(uow, ADMIN + 2, None)
        mentor = await person(uow, ADMIN + 3, "26plus")
        uow.session.add_all([application(ann, "submitted"), application(mentor, "approved")])
        uow.session.add_all([request(ann, "waiting"), request(mentee, "withdrawn")])
        pair_id = await pair(uow, ann, mentee, change_requested_by=ann, change_requested_at=SENT)
        uow.session.add_all(
            [
                AvailabilityWindow(
                    mentor_id=ann, weekday=1, start_time=time(17), end_time=time(19)
                ),
                AvailabilityWindow(
                    mentor_id=ann, day=date(2026, 11, 26), start_time=time(9), end_time=time(10)
                ),
                DayOff(mentor_id=ann, day=date(2026, 12, 1)),
                MeetingPlace(mentor_id=ann, place=PLACE),
            ]
        )
        booked = await meeting(uow, pair_id, ann, mentee, SESSION_START, "booked")
        held = await meeting(uow, pair_id, ann, mentee, SESSION_START - timedelta(days=1), "held")
        held.rating = 5
        assert booked.id is not None and held.id is not None
        uow.session.add_all(
            [
                PlanItem(pair_id=pair_id, session_id=held.id, text=ANSWERS.introduction),
                PlanItem(
                    pair_id=pair_id,
                    session_id=held.id,
                    text=ANSWERS.display_name,
                    done_at=NOW - HOUR,
                ),
            ]
        )
        # Parents' answers for the coordinators' list (Ann answered for her mentee in the
        # chat), then a link waiting for each of the three.
        decided = {"decided_at": ASKED, "guardian_name": "Ann"}
        uow.session.add_all(
            [
                consent(newcomer, "PHNE2345", "confirmed", method="phone", **decided),
                consent(mentee, "DECL2345", "declined", decided_at=ASKED + HOUR, method="chat"),
                consent(mentee, "CHAT2345", "confirmed", method="chat", guardian_id=ann, **decided),
            ]
        )
        await uow.session.flush()
        for number, child in enumerate((ann, mentee, newcomer)):
            uow.session.add(consent(child, f"ABCD234{number + 5}", "pending"))
        # What else a copy of Ann's data lists: her role, a message, conversations, actions.
        uow.session.add_all(
            [
                StaffMember(user_id=ann, granted_at=SENT),
                ConversationRow(
                    kind="pair", first_id=ann, second_id=mentee, pair_id=pair_id, opened_at=SENT
                ),
                ConversationRow(kind="staff", first_id=ann, second_id=newcomer, opened_at=SENT),
                AuditEntry(actor_id=ann, action="mentor_approved", target_id=mentor, at=SENT),
            ]
        )
        await uow.outbox.enqueue(ann, "book_nudge", {"count": 0}, due_at=NOW + HOUR)
        await uow.commit()
    data = {
        "country": "LV",
        "name": ANSWERS.display_name,
        "age": ANSWERS.age,
        "languages": list(ANSWERS.languages),
        "region": ANSWERS.region,
        "areas": list(ANSWERS.areas),
        "capacity": ANSWERS.capacity,
        "introduction": ANSWERS.introduction,
        "applicant": ann,
        "format": "online",
        "times": ["evenings", "weekends"],
        "hopes": ANSWERS.introduction,
        "slot": encode_slot(SESSION_START),
        "session": booked.id,
        "mentee": ann,  # matching: Ann waits for a mentor; the fourth mentors; her pairing
        "mentor": mentor,
        "pair": pair_id,
        "kind": "end",
        "rematch": True,
        "slug": "",  # the stories: the first one
        "topic": "",
        # A coordinator's story in the making, with an opportunity's answers drawn alongside.
        "draft": "story",
        "upload": "BAACAgIAAxkBAAIBW2dVideoFileId",
        "title": {"lv": ANSWERS.display_name, "en": ANSWERS.display_name},
        "body": {"lv": ANSWERS.introduction, "en": ANSWERS.introduction},
        "topics": ["school", "family"],
        "teller": ANSWERS.display_name,
        "countries": ["LV", "LT"],
        "ages": [13, 17],
        "deadline": (NOW + 30 * 24 * HOUR).isoformat(),
        "apply": None,
        # A coordinator's campaign post in the making, and one already sent.
        "texts": {"lv": ANSWERS.introduction, "en": ANSWERS.introduction},
        "fallback": False,
        "audience": {"languages": ["lv"], "subscribed": ["stories"], "interested": [0]},
        "media": {"kind": "photo", "url": "https://example.org/photo.jpg"},
        "button": {
            "kind": "link",
            "url": "https://example.org",
            "label": dict.fromkeys(("lv", "lt", "ru", "en"), "🔗"),
            "shown": "https://example.org",
        },
        "send_at": (NOW + 30 * HOUR).isoformat(),
    }
    async with uow_factory() as uow:  # the campaign's content, as a new database has it
        await load_sample_if_new(uow, NOW)
        await uow.commit()
        kontakts = await uow.campaign.opportunity("kontakts")
        data["opportunity"] = kontakts.id if kontakts is not None else 0
        post = Post(texts={"lv": ANSWERS.introduction}, fallback=False)
        sent = await broadcast_control.create(uow, post, Audience(), NOW, NOW)
        await uow.commit()
        data["broadcast"] = sent.id
    return Programme((ann, mentee, newcomer), data)


async def draw(
    uow_factory: UnitOfWorkFactory, user_id: int, profile: Profile, conversation: Conversation
) -> Reply:
    """The step's screen as the person would see it, read through the real services."""
    screen = ENGINE._flows[conversation.flow].steps[conversation.step].screen
    async with uow_factory() as uow:
        user = await uow.users.get(user_id)
        assert user is not None
        ports = ports_for(uow, user, [ADMIN], NOW)
        ctx = Context(profile, conversation, MarkingCatalogues(), NOW, "", ports)
        return await resolve(screen(ctx))


@pytest.mark.parametrize("profile_name", PROFILES)
async def test_every_screen_speaks_only_through_the_catalogues(
    profile_name: str, uow_factory: UnitOfWorkFactory
) -> None:
    programme = await seed_programme(uow_factory)
    for (flow_name, step), user_id in product(all_steps(), programme.users):
        conversation = Conversation(flow_name, step.name, data=dict(programme.data))
        reply = await draw(uow_factory, user_id, PROFILES[profile_name], conversation)
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


async def seed_crowded(uow_factory: UnitOfWorkFactory) -> int:
    """22 pairs of a mentor who gave no name, each with a no-show this month: a cut list."""
    async with uow_factory() as uow:
        admin = await person(uow, ADMIN, "26plus")
        for number in range(1, 23):
            mentee = await person(uow, ADMIN + number, "14-17")
            uow.session.add(request(mentee, "matched"))
            pair_id = await pair(uow, admin, mentee)
            await meeting(uow, pair_id, admin, mentee, SESSION_START, "missed")
        await uow.commit()
    return admin


async def seed_on_track(uow_factory: UnitOfWorkFactory) -> int:
    """One pair that held two sessions this month."""
    async with uow_factory() as uow:
        admin, mentee = await person(uow, ADMIN, "26plus"), await person(uow, ADMIN + 1, "14-17")
        uow.session.add_all([application(admin, "approved"), request(mentee, "matched")])
        pair_id = await pair(uow, admin, mentee)
        for days in (1, 2):
            start = SESSION_START - timedelta(days=days)
            await meeting(uow, pair_id, admin, mentee, start, "held")
        await uow.commit()
    return admin


@pytest.mark.parametrize(
    ("seed", "expected"),
    [
        (seed_crowded, ("…and 2 more", "⟦(no name)⟧", "missed")),
        (seed_on_track, ("Every active pair",)),
    ],
    ids=["crowded", "on track"],
)
async def test_every_branch_of_the_figures_screen_is_translatable(
    seed: Callable[[UnitOfWorkFactory], Awaitable[int]],
    expected: tuple[str, ...],
    uow_factory: UnitOfWorkFactory,
) -> None:
    """Beyond the shared programme: a cut list, missing names, no-shows, every pair on track."""
    admin = await seed(uow_factory)
    conversation = Conversation("figures", "overview")
    reply = await draw(uow_factory, admin, PROFILES["onboarded"], conversation)
    assert leftover(reply.text) == "", reply.text
    for snippet in expected:
        assert snippet in reply.text, reply.text


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
        "Kontakts",  # the campaign's content, as staff wrote it
        "I went back to school",
        *(language_name(ctx.t, code) for code in ("lv", "lt", "ru", "en")),  # Babel's names
        "https://meet.example.org/x",
        *("17:00", "19:00", "9:00", "10:00"),
        *("100001", "30", "7", "4", "2"),
    )
    for literal in sorted(shown_as_is, key=len, reverse=True):
        text = text.replace(literal, "")
    assert leftover(text).replace(";", "") == "", text
