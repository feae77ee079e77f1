"""Every kind of notice has one payload type (dialogs/notice_payloads.py), shared by its writers
and its renderer; a payload of each type renders in every language, with and without the keys
older rows may lack.

mypy checks each payload where it is built and where it is read; what it cannot see, that the
kind written beside a payload is the kind of that payload's type, is checked here from the code.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import types
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints, is_typeddict

import pytest

import dialogs
from bot.broadcasts.expand import payload_for
from bot.config import PROJECT_ROOT
from dialogs.i18n import LANGUAGES, Catalogues
from dialogs.notice_payloads import (
    PAYLOADS,
    BookNudge,
    BroadcastPost,
    BroadcastProgress,
    CalendarSession,
    ConversationClosed,
    DigestSession,
    GuardianConfirmed,
    GuardianDeclined,
    MentorApproved,
    MentorDeclined,
    MoveDeclined,
    MoveProposed,
    NewsOpportunity,
    NewsStory,
    OpportunityDeadline,
    PairCompleted,
    PairEnded,
    PairingEnding,
    PairIntroMentee,
    PairIntroMentor,
    PartnerBlocked,
    PartnerLeft,
    PlanNudge,
    ProposalAccepted,
    ProposalDeclined,
    ProposalWithdrawn,
    RelayMessage,
    RequestClosed,
    RetentionNotice,
    SessionBooked,
    SessionCancelled,
    SessionFollowup,
    SessionMoved,
    SessionProposed,
    SessionRecap,
    SessionReminder,
    StaffConcern,
    StaffInterest,
    StaffNewApplication,
    StaffNewRequest,
    StaffPairChange,
    StaffPairCompleted,
    StaffPairingEnding,
    StaffPartnerBlocked,
    StaffPartnerLeft,
    StaffReport,
    StaffTalkRequest,
    TalkTaken,
    WeekDigest,
)
from dialogs.notices import render_notice, renderers
from dialogs.replies import Reply

# Every module of the dialogs, so that every renderer is registered.
for module in pkgutil.walk_packages(dialogs.__path__, "dialogs."):
    importlib.import_module(module.name)

CATALOGUES = Catalogues()
SENT = datetime(2026, 11, 24, 12, tzinfo=UTC)
START = datetime(2026, 11, 26, 15, tzinfo=UTC)
LATER = (START + timedelta(days=2)).isoformat()
PLACEHOLDER = re.compile(r"\{\w*\}")

CALENDAR = CalendarSession(
    session=5,
    starts_at=START.isoformat(),
    ends_at=(START + timedelta(hours=1)).isoformat(),
    tz="Europe/Riga",
    sequence=1,
)


def news(name: str = "Ann") -> dict[str, Any]:
    """What every booking notice carries (dialogs/notice_payloads.py: SessionNews)."""
    return {**CALENDAR, "name": name, "stamp": SENT.isoformat(), "place": "Youth centre"}


def prompt(name: str = "Ann") -> dict[str, Any]:
    return {"session": 5, "starts_at": START.isoformat(), "name": name}


DATES = {"pair": 7, "started_at": SENT.isoformat(), "planned_end_at": START.isoformat()}
ENDED = {"sessions": [CALENDAR, CALENDAR], "stamp": SENT.isoformat()}

# Each kind with representative payloads, built from its type: every branch a renderer takes.
SAMPLES: dict[str, list[Mapping[str, Any]]] = {
    "session_booked": [SessionBooked(**news()), SessionBooked(**news(""))],
    "session_proposed": [SessionProposed(**news())],
    "move_proposed": [
        MoveProposed(
            **news(),
            proposed_starts_at=LATER,
            new_place=None,
            new_online_url="https://meet.example.org/abc",
        )
    ],
    "proposal_accepted": [ProposalAccepted(**news(), old_starts_at=LATER)],
    "proposal_declined": [ProposalDeclined(**news())],
    "move_declined": [MoveDeclined(**news(), proposed_starts_at=LATER)],
    "proposal_withdrawn": [ProposalWithdrawn(**news(""))],
    "session_moved": [SessionMoved(**news(), old_starts_at=LATER)],
    "session_cancelled": [SessionCancelled(**news())],
    "session_reminder": [
        SessionReminder(
            **prompt(name),
            lead=lead,
            mentor=mentor,
            place=None,
            online_url="https://meet.example.org/abc",
        )
        for name in ("Ann", "")
        for lead in ("24h", "1h")
        for mentor in (True, False)
    ],
    "session_followup": [SessionFollowup(**prompt()), SessionFollowup(**prompt(""))],
    "session_recap": [
        SessionRecap(**prompt(), plan=[]),
        SessionRecap(**prompt(""), plan=["Read a chapter"]),
    ],
    "plan_nudge": [PlanNudge(**prompt(), plan=["Read a chapter", "Call the school"])],
    "book_nudge": [
        BookNudge(name=name, count=count, mentor=mentor)
        for name in ("Ann", "")
        for count in (0, 1)
        for mentor in (True, False)
    ],
    "week_digest": [
        WeekDigest(sessions=[]),
        WeekDigest(
            sessions=[
                DigestSession(starts_at=START.isoformat(), name="Ann"),
                DigestSession(starts_at=LATER, name=""),
            ]
        ),
    ],
    "pair_intro_mentee": [
        PairIntroMentee(
            **DATES, mentor_name="Ann", languages=["lv", "ru"], introduction="Hello there"
        )
    ],
    "pair_intro_mentor": [
        PairIntroMentor(
            **DATES,
            mentee_name="Ilze",
            age_group="14-17",
            country="LV",
            region="riga",
            areas=["money"],
            languages=["lv"],
            meeting_format="online",
            free_times=["weekends"],
            hopes=hopes,
        )
        for hopes in ("To plan my week.", "")
    ],
    "pair_ended": [PairEnded(**ENDED, partner="Ann", rematch=rematch) for rematch in (True, False)],
    "staff_pair_change": [
        StaffPairChange(
            pair=7,
            kind=kind,
            by_mentor=by_mentor,
            mentor="Ann",
            mentee="Ilze",
            reason="We rarely meet",
            by=3,
        )
        for kind in ("end", "change")
        for by_mentor in (True, False)
    ],
    "pairing_ending": [PairingEnding(other="Ann", end=START.isoformat())],
    "staff_pairing_ending": [
        StaffPairingEnding(mentor="Ann", mentee="Ilze", end=START.isoformat())
    ],
    "partner_blocked": [PartnerBlocked(name="Ann")],
    "staff_partner_blocked": [StaffPartnerBlocked(name="Ann", partners="Ilze, Maris")],
    "partner_left": [
        PartnerLeft(**ENDED, mentor=mentor, rematch=not mentor) for mentor in (True, False)
    ],
    "staff_partner_left": [
        StaffPartnerLeft(partner=partner, left_mentor=left, rematch=left)
        for partner in ("Ann", "")
        for left in (True, False)
    ],
    "pair_completed": [PairCompleted(**ENDED, partner=name) for name in ("Ann", "")],
    "staff_pair_completed": [StaffPairCompleted(mentor="Ann", mentee="")],
    "staff_new_request": [StaffNewRequest(mentee=3, name="Ilze", region="riga")],
    "request_closed": [RequestClosed(reason="We found help closer to you")],
    "staff_new_application": [StaffNewApplication(applicant=3, name="Ann")],
    "mentor_approved": [MentorApproved()],
    "mentor_declined": [MentorDeclined(reason="Please apply again in spring")],
    "guardian_confirmed": [GuardianConfirmed()],
    "guardian_declined": [GuardianDeclined()],
    "relay_message": [
        RelayMessage(
            {"conversation": 1, "from": name, "role": role, "text": "Hello there", "number": 7}
        )
        for name in ("Ann", "")
        for role in ("mentor", "mentee", "coordinators", "person")
    ],
    "pair_message": [
        RelayMessage({"conversation": 1, "from": name, "role": role, "text": "Hi", "message": "m1"})
        for name in ("Ann", "")
        for role in ("mentor", "mentee")
    ],
    "conversation_closed": [ConversationClosed(by_coordinator=by) for by in (True, False)],
    "staff_talk_request": [
        StaffTalkRequest(
            request=1, person=7, name="Ann", topic="school", expert=True, story={"en": "A story"}
        )
    ],
    "talk_taken": [TalkTaken(conversation=1)],
    "staff_interest": [
        StaffInterest(person=7, name="", opportunity={"en": "K"}, region="", question=q)
        for q in ("", "How do I apply?")
    ],
    "news_story": [NewsStory(story=1, title={"lv": "Stāsts", "en": "A story"})],
    "news_opportunity": [
        NewsOpportunity(opportunity=1, title={"en": "Kontakts"}, deadline=deadline)
        for deadline in ("", "2027-01-31T21:59:00+00:00")
    ],
    "opportunity_deadline": [
        OpportunityDeadline(
            opportunity=1,
            title={"en": "Kontakts"},
            deadline="2027-01-31T21:59:00+00:00",
            apply_url=url,
        )
        for url in ("", "https://example.org")
    ],
    "staff_report": [
        StaffReport(reporter=7, reporter_name="Ann", sender_name="", text="Hello there")
    ],
    "staff_concern": [
        StaffConcern(person=7, name=name, concern=concern, at=SENT.isoformat())
        for name in ("Ann", "")
        for concern in ("self_harm", "abuse", "distress")
    ],
    "retention_notice": [RetentionNotice(months=24, erase_on=START.isoformat())],
    "broadcast": [
        BroadcastPost(broadcast=1, text="Sveiki!", media=None, button=None),
        BroadcastPost(
            broadcast=2,
            text="Sveiki!",
            media={"kind": "photo", "url": "https://x.lv/a.jpg"},
            button={"kind": "link", "url": "https://x.lv", "label": "Pieteikties"},
        ),
        BroadcastPost(broadcast=3, text="Sveiki!", media=None, button={"kind": "story", "id": 4}),
        BroadcastPost(
            broadcast=4, text="Sveiki!", media=None, button={"kind": "opportunity", "id": 2}
        ),
    ],
    "broadcast_progress": [
        BroadcastProgress(
            broadcast=5,
            status=status,
            send_at=START.isoformat(),
            languages=["lv", "en"],
            outcomes={"sent": 1200, "pending": 300, "blocked": 4, "waiting": 2},
            skipped_language=3,
            skipped_consent=7,
            per_minute=600,
            edit=edit,
            final=status in ("done", "cancelled"),
        )
        for status in ("sending", "paused", "done", "cancelled")
        for edit in (None, "1234")
    ],
}


def product_renderers() -> dict[str, Callable[..., list[Reply]]]:
    """The renderers the bot registers (tests register kinds of their own)."""
    return {
        kind: renderer
        for kind, renderer in renderers().items()
        if not renderer.__module__.startswith("tests.")
    }


def problems(value: object, expected: Any, where: str) -> Iterator[str]:
    """Where a plain (JSON-like) value does not have the expected type."""
    origin = get_origin(expected)
    if is_typeddict(expected):
        if not isinstance(value, dict):
            yield f"{where}: not a dict"
            return
        missing = expected.__required_keys__ - value.keys()
        unknown = value.keys() - expected.__required_keys__ - expected.__optional_keys__
        yield from (f"{where}: missing {key!r}" for key in sorted(missing))
        yield from (f"{where}: unknown {key!r}" for key in sorted(unknown))
        hints = get_type_hints(expected)
        for key in value.keys() & hints.keys():
            yield from problems(value[key], hints[key], f"{where}[{key!r}]")
    elif origin in (Union, types.UnionType):
        if all(list(problems(value, option, where)) for option in get_args(expected)):
            yield f"{where}: {value!r} is not {expected}"
    elif origin is list:
        if not isinstance(value, list):
            yield f"{where}: not a list"
            return
        for number, item in enumerate(value):
            yield from problems(item, get_args(expected)[0], f"{where}[{number}]")
    elif origin is dict:
        if not isinstance(value, dict):
            yield f"{where}: not a dict"
            return
        key_type, value_type = get_args(expected)
        for key, item in value.items():
            yield from problems(key, key_type, f"{where} key")
            yield from problems(item, value_type, f"{where}[{key!r}]")
    elif expected is type(None):
        if value is not None:
            yield f"{where}: {value!r} is not None"
    elif expected is int:
        if isinstance(value, bool) or not isinstance(value, int):
            yield f"{where}: {value!r} is not an int"
    elif not isinstance(value, expected):
        yield f"{where}: {value!r} is not {expected.__name__}"


def variants(kind: str, payload: Mapping[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The payload as written today, and as an older row without the optional keys."""
    optional = PAYLOADS[kind].__optional_keys__  # type: ignore[attr-defined]
    older = {key: value for key, value in payload.items() if key not in optional}
    return [("full", dict(payload)), ("without optional keys", older)]


def test_every_registered_kind_has_a_payload_type() -> None:
    assert sorted(product_renderers()) == sorted(PAYLOADS)


def test_each_renderer_takes_its_kinds_payload_type() -> None:
    wrong = {
        kind: get_type_hints(renderer).get("payload")
        for kind, renderer in product_renderers().items()
        if get_type_hints(renderer).get("payload") is not PAYLOADS.get(kind)
    }
    assert wrong == {}


def test_the_samples_are_of_their_kinds_types() -> None:
    assert sorted(SAMPLES) == sorted(PAYLOADS)
    found = [
        problem
        for kind, payloads in SAMPLES.items()
        for number, payload in enumerate(payloads, 1)
        for problem in problems(payload, PAYLOADS[kind], f"{kind} sample {number}")
    ]
    assert found == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_kind_renders_in_every_language(language: str) -> None:
    t = CATALOGUES.translator(language, "Europe/Vilnius").as_of(SENT)
    for kind, payloads in SAMPLES.items():
        for number, payload in enumerate(payloads, 1):
            for variant, data in variants(kind, payload):
                case = f"{kind} sample {number}, {variant}"
                replies = render_notice(kind, data, t)
                assert replies, case
                for reply in replies:
                    text = reply.text or (reply.document.caption if reply.document else "")
                    text = text or (reply.media.caption if reply.media else "")
                    assert text.strip(), case
                    assert not PLACEHOLDER.search(text), (case, text)
                    labels = [button.label for row in reply.buttons for button in row]
                    assert all(label.strip() for label in labels), case


# --- the writers: each kind is written with its own type ----------------------------------------

# The calls that write a notice, and where their kind and payload are among the arguments.
WRITERS = {"enqueue": (1, 2), "tell_coordinators": (2, 3), "_notify": (1, 2), "_tell_other": (1, 2)}


def _functions(tree: ast.AST) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


def _resolve(node: ast.expr, assigned: list[tuple[int, str, ast.expr]], line: int) -> ast.expr:
    """A local variable's value as last assigned before `line` (its annotation if it has one)."""
    if not isinstance(node, ast.Name):
        return node
    earlier = [value for at, name, value in assigned if name == node.id and at < line]
    return earlier[-1] if earlier else node


def _pairs(kind: ast.expr, payload: ast.expr) -> Iterator[tuple[str, str]]:
    """(kind, type name) pairs a call writes: `"a"` with `A(...)`, or one per branch of `x if c`."""
    if isinstance(kind, ast.IfExp) and isinstance(payload, ast.IfExp):
        yield from _pairs(kind.body, payload.body)
        yield from _pairs(kind.orelse, payload.orelse)
    elif isinstance(kind, ast.IfExp):  # two kinds sharing one payload type
        yield from _pairs(kind.body, payload)
        yield from _pairs(kind.orelse, payload)
    elif isinstance(kind, ast.Constant) and isinstance(kind.value, str):
        if isinstance(payload, ast.Call) and isinstance(payload.func, ast.Name):
            yield kind.value, payload.func.id
        elif isinstance(payload, ast.Name):  # an annotated dict literal
            yield kind.value, payload.id
        else:
            yield kind.value, f"<{ast.unparse(payload)}>"


def written_kinds() -> list[tuple[str, str, str]]:
    """(where, kind, payload type) for every call in bot/ that writes a notice of a known kind."""
    found = []
    for path in sorted(Path(PROJECT_ROOT, "bot").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in _functions(tree):
            assigned: list[tuple[int, str, ast.expr]] = []
            for node in ast.walk(function):
                if isinstance(node, ast.Assign) and len(node.targets) == 1:
                    if isinstance(node.targets[0], ast.Name):
                        assigned.append((node.lineno, node.targets[0].id, node.value))
                elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                    assigned.append((node.lineno, node.target.id, node.annotation))
            for node in ast.walk(function):
                if not isinstance(node, ast.Call):
                    continue
                name = getattr(node.func, "attr", getattr(node.func, "id", ""))
                if name not in WRITERS or len(node.args) <= WRITERS[name][1]:
                    continue
                kind, payload = (
                    _resolve(node.args[index], assigned, node.lineno) for index in WRITERS[name]
                )
                where = f"{path.relative_to(PROJECT_ROOT)}:{node.lineno}"
                found.extend((where, *pair) for pair in _pairs(kind, payload))
    return found


def test_each_kind_is_written_with_its_payload_type() -> None:
    written = written_kinds()
    wrong = [
        f"{where}: {kind!r} written with {type_name}"
        for where, kind, type_name in written
        if kind not in PAYLOADS or PAYLOADS[kind].__name__ != type_name
    ]
    assert wrong == []
    # Every kind is written somewhere, in a way this test can read; a broadcast's rows are
    # written in batches, each payload made by one function.
    assert get_type_hints(payload_for)["return"] is BroadcastPost
    assert sorted({kind for _, kind, _ in written} | {"broadcast"}) == sorted(PAYLOADS)
