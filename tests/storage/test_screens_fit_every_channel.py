"""Draw every step of every flow, in every language, for each channel, within its limits.

Each screen is read through the real services over a seeded programme, fitted to the
channel's capabilities as the engine does (every page of it), and rendered by the channel's
own renderer. Messenger's messages are checked by the Graph emulator's own rules (13 quick
replies, 3 template buttons, 20-character titles, 640 and 2000 characters of text); Telegram's
by its keyboard and callback-data limits.
"""

from __future__ import annotations

from datetime import timedelta
from itertools import product
from typing import Any

import pytest

from bot.channels.buttons import ButtonCodec
from bot.messenger import render as messenger
from bot.services.conversation import ports_for
from bot.telegram import render as telegram
from dialogs.capabilities import Capabilities
from dialogs.engine import Context, Conversation, Profile, resolve
from dialogs.fit import fit, page_count
from dialogs.i18n import LANGUAGES, Catalogues
from dialogs.notices import _RENDERERS, render_notice
from dialogs.replies import Reply
from sandbox.graph import GraphError, checked_message
from storage.unit_of_work import UnitOfWorkFactory
from tests.storage.test_every_text_is_translatable import (
    ADMIN,
    ENGINE,
    HOUR,
    NOW,
    SENT,
    SESSION_START,
    Programme,
    all_steps,
    seed_programme,
)

CATALOGUES = Catalogues()
CODEC = ButtonCodec(b"drawing")
CHANNELS = {"telegram": telegram.CAPABILITIES, "messenger": messenger.CAPABILITIES}


async def screens(
    uow_factory: UnitOfWorkFactory,
    language: str,
    programme: Programme,
    capabilities: Capabilities,
) -> list[tuple[str, Reply]]:
    """Every step's screen as each seeded person sees it on a channel, in one language."""
    profile = Profile(language=language, consent_at=NOW, country="LV", age_group="14-17")
    drawn = []
    for (flow_name, step), user_id in product(all_steps(), programme.users):
        conversation = Conversation(flow_name, step.name, data=dict(programme.data))
        async with uow_factory() as uow:
            user = await uow.users.get(user_id)
            assert user is not None
            ports = ports_for(uow, user, [ADMIN], NOW)
            ctx = Context(
                profile, conversation, CATALOGUES, NOW, "", ports, capabilities=capabilities
            )
            screen = ENGINE._flows[flow_name].steps[step.name].screen
            drawn.append((f"{flow_name}.{step.name}", await resolve(screen(ctx))))
    return drawn


def telegram_problems(reply: Reply, capabilities: Capabilities) -> list[str]:
    buttons = [button for row in reply.buttons for button in row]
    if reply.cards:
        return ["cards on a channel that shows none"]
    problems = []
    if len(buttons) > capabilities.choices_per_message:
        problems.append(f"{len(buttons)} buttons")
    for button in buttons:
        if button.action is not None:
            CODEC.encode("123456789012", button.action, 10**9)  # raises past 64 bytes
        if len(button.label) > capabilities.longest_label:
            problems.append(f"label {button.label!r}")
    return problems


def unnamed_buttons(reply: Reply) -> list[str]:
    """Action buttons Messenger would show as a bare number: a long label and no short one.

    Only options (`opt:`) may be numbered: there the numbered list in the text reads well.
    """
    return [
        f"no short label for {button.label!r} ({button.action})"
        for row in reply.buttons
        for button in row
        if button.action is not None
        and not button.action.startswith("opt:")
        and len(button.label) > messenger.LABEL_LIMIT
        and (button.short is None or len(button.short) > messenger.LABEL_LIMIT)
    ]


def messenger_problems(reply: Reply) -> list[str]:
    problems = unnamed_buttons(reply)
    for outgoing in messenger.render([reply], CODEC, "7000000000001", 10**9):
        try:
            checked_message(outgoing.message)
        except GraphError as error:
            problems.append(str(error))
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
async def test_no_screen_exceeds_either_channel(
    language: str, uow_factory: UnitOfWorkFactory
) -> None:
    t = CATALOGUES.translator(language)
    problems = []
    programme = await seed_programme(uow_factory)
    drawn = [
        (channel, capabilities, where, screen)
        for channel, capabilities in CHANNELS.items()
        for where, screen in await screens(uow_factory, language, programme, capabilities)
    ]
    assert len(drawn) > 200  # every step of every flow, for each of the seeded people
    for channel, capabilities, where, screen in drawn:
        for page in range(page_count(screen, capabilities)):
            fitted = fit(screen, capabilities, page, t)
            if channel == "telegram":
                found = telegram_problems(fitted, capabilities)
            else:
                found = messenger_problems(fitted)
            problems.extend(f"{channel} {where} page {page + 1}: {p}" for p in found)
    assert problems == []


# Names fill notices' texts; a long one shows that no button depends on a name's length.
NAME = "Aleksandra-Konstantīna"
START = SESSION_START.isoformat()
CALENDAR = {
    "session": 1,
    "starts_at": START,
    "ends_at": (SESSION_START + HOUR).isoformat(),
    "tz": "Europe/Riga",
    "sequence": 2,
}
NEWS = {**CALENDAR, "name": NAME, "stamp": SENT.isoformat(), "place": "Youth centre"}
MOVED = (SESSION_START + timedelta(days=2)).isoformat()
PROMPT = {"session": 1, "starts_at": START, "name": NAME}
DATES = {"pair": 7, "started_at": SENT.isoformat(), "planned_end_at": START}
ENDING = {"sessions": [CALENDAR], "stamp": SENT.isoformat()}
# Every kind of notice, with each case that changes its buttons.
NOTICES: dict[str, list[dict[str, Any]]] = {
    "session_booked": [NEWS],
    "session_proposed": [NEWS],
    "move_proposed": [{**NEWS, "proposed_starts_at": MOVED}],
    "proposal_accepted": [NEWS, {**NEWS, "old_starts_at": MOVED}],
    "proposal_declined": [NEWS],
    "move_declined": [{**NEWS, "proposed_starts_at": MOVED}],
    "proposal_withdrawn": [NEWS],
    "session_moved": [{**NEWS, "old_starts_at": MOVED}],
    "session_cancelled": [NEWS],
    "session_reminder": [
        {**PROMPT, "lead": lead, "mentor": mentor, "place": "Youth centre"}
        for lead in ("24h", "1h")
        for mentor in (True, False)
    ],
    "session_followup": [PROMPT],
    "session_recap": [{**PROMPT, "plan": []}, {**PROMPT, "plan": ["Hello there"]}],
    "plan_nudge": [{**PROMPT, "plan": ["Hello there"]}],
    "book_nudge": [{"name": NAME, "count": count, "mentor": True} for count in (0, 1)],
    "week_digest": [{"sessions": []}, {"sessions": [{"starts_at": START, "name": NAME}]}],
    "pair_intro_mentee": [
        {**DATES, "mentor_name": NAME, "languages": ["lv"], "introduction": "Hello there"}
    ],
    "pair_intro_mentor": [
        {
            **DATES,
            "mentee_name": NAME,
            "age_group": "14-17",
            "country": "LV",
            "region": "pieriga",
            "areas": ["money"],
            "languages": ["lv", "ru"],
            "meeting_format": "online",
            "free_times": ["weekends"],
            "hopes": "Hello there",
        }
    ],
    "pair_ended": [{**ENDING, "partner": NAME, "rematch": rematch} for rematch in (True, False)],
    "staff_pair_change": [
        {"pair": 7, "kind": kind, "by_mentor": True, "mentor": NAME, "mentee": NAME, "by": 3}
        for kind in ("end", "change")
    ],
    "pairing_ending": [{"other": NAME, "end": START}],
    "staff_pairing_ending": [{"mentor": NAME, "mentee": NAME, "end": START}],
    "partner_blocked": [{"name": NAME}],
    "staff_partner_blocked": [{"name": NAME, "partners": NAME}],
    "partner_left": [
        {**ENDING, "mentor": mentor, "rematch": not mentor} for mentor in (True, False)
    ],
    "staff_partner_left": [
        {"partner": NAME, "left_mentor": left, "rematch": left} for left in (True, False)
    ],
    "pair_completed": [{**ENDING, "partner": NAME}],
    "staff_pair_completed": [{"mentor": NAME, "mentee": NAME}],
    "staff_new_request": [{"mentee": 3, "name": NAME, "region": "pieriga"}],
    "request_closed": [{"reason": "Hello there"}],
    "staff_new_application": [{"applicant": 3, "name": NAME}],
    "mentor_approved": [{}],
    "mentor_declined": [{"reason": "Hello there"}],
    "guardian_confirmed": [{}],
    "guardian_declined": [{}],
    "relay_message": [
        {"conversation": 1, "from": NAME, "role": role, "text": "Hello there", "number": 7}
        for role in ("mentor", "mentee", "coordinators", "person")
    ],
    "pair_message": [
        {"conversation": 1, "from": NAME, "role": role, "text": "Hello there", "message": "m1"}
        for role in ("mentor", "mentee")
    ],
    "conversation_closed": [{"by_coordinator": by} for by in (True, False)],
    "staff_talk_request": [
        {"request": 1, "person": 7, "name": name, "topic": topic, "expert": expert, "story": story}
        for name, topic, expert, story in (
            (NAME, "new_in_country", True, {"lv": NAME}),
            ("", "other", False, {}),
        )
    ],
    "talk_taken": [{"conversation": 1}],
    "staff_interest": [
        {"person": 7, "name": name, "opportunity": {"lv": NAME}, "region": region, "question": q}
        for name, region, q in ((NAME, "kurzeme", "Hello there"), ("", "", ""))
    ],
    "news_story": [{"story": 1, "title": {"lv": NAME, "en": NAME}}],
    "news_opportunity": [
        {"opportunity": 1, "title": {"lv": NAME}, "deadline": deadline} for deadline in ("", START)
    ],
    "opportunity_deadline": [
        {"opportunity": 1, "title": {"lv": NAME, "en": NAME}, "deadline": START, "apply_url": url}
        for url in ("", "https://example.org/apply")
    ],
    "staff_report": [
        {"reporter": 7, "reporter_name": NAME, "sender_name": NAME, "text": "Hello there"}
    ],
    "staff_concern": [{"person": 7, "name": NAME, "concern": "self_harm", "at": SENT.isoformat()}],
    "retention_notice": [{"months": 24, "erase_on": START}],
    "broadcast": [
        {"broadcast": 1, "text": "x" * 1000, "media": None, "button": None},
        {
            "broadcast": 2,
            "text": "x" * 1000,
            "media": {"kind": "video", "url": "https://example.org/v.mp4"},
            "button": {"kind": "link", "url": "https://example.org", "label": "y" * 20},
        },
        {"broadcast": 3, "text": "x", "media": None, "button": {"kind": "story", "id": 1}},
        {"broadcast": 4, "text": "x", "media": None, "button": {"kind": "opportunity", "id": 1}},
    ],
    "broadcast_progress": [
        {
            "broadcast": 123456,
            "status": status,
            "send_at": START,
            "languages": ["lv", "lt", "ru", "en"],
            "outcomes": {
                outcome: 123456
                for outcome in ("sent", "pending", "blocked", "failed", "waiting", "expired")
            },
            "skipped_language": 123456,
            "skipped_consent": 123456,
            "per_minute": 1,
            "edit": None,
            "final": status in ("done", "cancelled"),
        }
        for status in ("sending", "paused", "done", "cancelled")
    ],
}


def test_every_kind_of_notice_is_drawn() -> None:
    # Other tests in the same process may register kinds of their own ("test_hello").
    assert sorted(NOTICES) == sorted(kind for kind in _RENDERERS if not kind.startswith("test_"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_notice_exceeds_either_channel(language: str) -> None:
    """Notices are sent as they are (not paged): each must fit each channel, and on Messenger
    every button keeps its words."""
    t = CATALOGUES.translator(language).as_of(NOW)
    problems = []
    for kind, payloads in NOTICES.items():
        for number, payload in enumerate(payloads, 1):
            for reply in render_notice(kind, payload, t):
                found = [
                    *(f"telegram: {p}" for p in telegram_problems(reply, telegram.CAPABILITIES)),
                    *(f"messenger: {p}" for p in messenger_problems(reply)),
                ]
                problems.extend(f"{kind} case {number}: {p}" for p in found)
    assert problems == []


def test_a_long_list_is_paged_and_keeps_its_way_back() -> None:
    from dialogs.replies import Button, rows

    t = CATALOGUES.translator("en")
    choices = [Button(f"Day {n}", action=f"d:{n}") for n in range(22)]
    back = Button("⬅️ Back", action="back")
    screen = Reply("Which day?", buttons=(*rows(*choices, per_row=3), (back,)))
    capabilities = messenger.CAPABILITIES
    pages = page_count(screen, capabilities)
    assert pages == 3
    shown = []
    for page in range(pages):
        fitted = fit(screen, capabilities, page, t)
        labels = [b.label for row in fitted.buttons for b in row]
        assert len(labels) <= capabilities.choices_per_message
        assert labels[-1] == "⬅️ Back"
        assert fitted.text.endswith(f"(page {page + 1} of 3)")
        shown += [label for label in labels if label.startswith("Day")]
    assert shown == [f"Day {n}" for n in range(22)]  # every choice, once, in order
