"""Draw every step of every flow, in every language, for each channel, within its limits.

Each screen is read through the real services over a seeded programme, fitted to the
channel's capabilities as the engine does (every page of it), and rendered by the channel's
own renderer. Messenger's messages are checked by the Graph emulator's own rules (13 quick
replies, 3 template buttons, 20-character titles, 640 and 2000 characters of text); Telegram's
by its keyboard and callback-data limits.
"""

from __future__ import annotations

from itertools import product

import pytest

from bot.channels.buttons import ButtonCodec
from bot.messenger import render as messenger
from bot.services.conversation import ports_for
from bot.telegram import render as telegram
from dialogs.capabilities import Capabilities
from dialogs.engine import Context, Conversation, Profile, resolve
from dialogs.fit import fit, page_count
from dialogs.i18n import LANGUAGES, Catalogues
from dialogs.replies import Reply
from sandbox.graph import GraphError, checked_message
from storage.unit_of_work import UnitOfWorkFactory
from tests.storage.test_every_text_is_translatable import (
    ADMIN,
    ENGINE,
    NOW,
    Programme,
    all_steps,
    seed_programme,
)

CATALOGUES = Catalogues()
CODEC = ButtonCodec(b"drawing")
CHANNELS = {"telegram": telegram.CAPABILITIES, "messenger": messenger.CAPABILITIES}


async def screens(
    uow_factory: UnitOfWorkFactory, language: str, programme: Programme
) -> list[tuple[str, Reply]]:
    """Every step's screen as each seeded person sees it, in one language."""
    profile = Profile(language=language, consent_at=NOW, country="LV", age_group="14-17")
    drawn = []
    for (flow_name, step), user_id in product(all_steps(), programme.users):
        conversation = Conversation(flow_name, step.name, data=dict(programme.data))
        async with uow_factory() as uow:
            user = await uow.users.get(user_id)
            assert user is not None
            ports = ports_for(uow, user, [ADMIN], NOW)
            ctx = Context(profile, conversation, CATALOGUES, NOW, "", ports)
            screen = ENGINE._flows[flow_name].steps[step.name].screen
            drawn.append((f"{flow_name}.{step.name}", await resolve(screen(ctx))))
    return drawn


def telegram_problems(reply: Reply, capabilities: Capabilities) -> list[str]:
    buttons = [button for row in reply.buttons for button in row]
    problems = []
    if len(buttons) > capabilities.choices_per_message:
        problems.append(f"{len(buttons)} buttons")
    for button in buttons:
        if button.action is not None:
            CODEC.encode("123456789012", button.action, 10**9)  # raises past 64 bytes
        if len(button.label) > capabilities.longest_label:
            problems.append(f"label {button.label!r}")
    return problems


def messenger_problems(reply: Reply) -> list[str]:
    problems = []
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
    drawn = await screens(uow_factory, language, await seed_programme(uow_factory))
    assert len(drawn) > 100  # every step of every flow, for each of the seeded people
    for (where, screen), (channel, capabilities) in product(drawn, CHANNELS.items()):
        for page in range(page_count(screen, capabilities)):
            fitted = fit(screen, capabilities, page, t)
            if channel == "telegram":
                found = telegram_problems(fitted, capabilities)
            else:
                found = messenger_problems(fitted)
            problems.extend(f"{channel} {where} page {page + 1}: {p}" for p in found)
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
