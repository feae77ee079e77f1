"""Any text at any step: arbitrary Unicode gets an answer, never "something went wrong"."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.services.conversation import ConversationService, Incoming
from dialogs.conversation import build_engine
from dialogs.events import TextEvent
from dialogs.i18n import Catalogues
from storage.models import DialogState

ENGINE = build_engine()
CATALOGUES = Catalogues()
# What a step may expect to find in its scratch data, as its flow would have left it.
DATA = {
    "country": "LV",
    "name": "Ann",
    "age": 30,
    "languages": ["lv"],
    "region": "riga",
    "areas": ["money"],
    "capacity": 2,
    "introduction": "Hello there",
    "format": "online",
    "times": ["weekends"],
    "applicant": 1,
    "mentee": 1,
    "mentor": 1,
    "pair": 1,
    "session": 1,
    "code": "ABCD2345",
    "method": "phone",
    "consent": True,
    # A coordinator's story in the making, and a campaign post.
    "draft": "story",
    "title": {"lv": "Mans ceļš"},
    "body": {"lv": "Kā es atradu draugus."},
    "topics": ["school"],
    "teller": "Anna",
    "link": "https://example.org/v.mp4",
    "texts": {"lv": "Sveiki!"},
    "audience": {"languages": ["lv"]},
}
# Look-alikes of digits, invisible and reordering marks, control characters, broken UTF-16,
# markup and format strings, emoji sequences, and very long input.
TRICKY = [
    "²⁷",
    "２７",
    "٢٧",
    "27\u200f",
    "\u202e27",
    "\x00",
    "\ud800",
    "a\x1b[31mb",
    "<b>Ann</b>",
    "{name} %s {0}",
    "👩‍👩‍👧‍👦🏳️‍🌈",
    "\n\n\t",
    "x" * 5000,
    "Ⅻ",
    "-5",
    "1e3",
]
TEXTS = st.one_of(
    st.sampled_from(TRICKY),
    st.text(st.characters(exclude_categories=()), max_size=80),
    st.text(st.characters(exclude_categories=()), min_size=300, max_size=6000),
)
STEPS = [(flow.name, step.name) for flow in ENGINE._flows.values() for step in flow.steps.values()]
APOLOGY = "Sorry, something went wrong on my side. Please try again in a moment."


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(where=st.sampled_from(STEPS), text=TEXTS, language=st.sampled_from(["lv", "lt", "ru", "en"]))
async def test_any_text_at_any_step_gets_an_answer(
    uow_factory, where: tuple[str, str], text: str, language: str
) -> None:
    service = ConversationService(uow_factory, ENGINE, CATALOGUES, admin_ids=[1])
    now = datetime(2026, 11, 26, 12, tzinfo=UTC)
    async with uow_factory() as uow:
        user = await uow.users.get_or_create("telegram", "1", language)
        user.language, user.consent_at, user.country, user.age_group = language, now, "LV", "18-25"
        uow.session.add(user)
        state = await uow.dialogs.get(user.id) or DialogState(user_id=user.id, flow="", step="")
        state.flow, state.step = where
        state.data = json.dumps({"data": DATA, "stack": [["menu", "main", {}]]})
        uow.dialogs.save(state)
        await uow.commit()

    handled = await service.handle(Incoming("telegram", "1", TextEvent(text), None, language))

    assert handled.replies, (where, text)
    said = [reply.text for reply in handled.replies]
    apology = CATALOGUES.translator(language).gettext(APOLOGY)
    assert apology not in said
    for reply in said:
        assert "\x00" not in reply and not any(0xD800 <= ord(c) <= 0xDFFF for c in reply)
