"""Messenger end to end: a Page's people talk to the bot through the Graph API emulator.

The emulator signs its webhook POSTs as Meta does and enforces Messenger's limits and its
24-hour window; nothing the bot sends may be refused (checked when the bot stops).
"""

from __future__ import annotations

import json
from datetime import timedelta

import aiohttp
import pytest
from sqlmodel import select

from bot.messenger.signature import sign
from dialogs.flows.common import LANGUAGE_NAMES
from sandbox import GraphEmulator
from storage.models import User, utcnow
from storage.outbox import OutboxMessage
from tests.e2e.conftest import RunningBot
from tests.e2e.harness import SandboxClient
from tests.e2e.messenger import MessengerPerson, new_person
from tests.e2e.people import AGE_LABELS, say
from tests.e2e.test_privacy import uow_factory_of

pytestmark = pytest.mark.usefixtures("both_bot")


async def onboard(person: MessengerPerson, language: str, age: str = "18-25") -> None:
    """Get Started, then language, consent, country and age group, up to the main menu."""
    welcome = await person.get_started()
    assert [label for label in welcome.labels] == list(LANGUAGE_NAMES.values())
    await person.click(LANGUAGE_NAMES[language])
    await person.click(say(language, "✅ I agree"))
    await person.click(say(language, "🇱🇻 Latvia"))
    await person.click(say(language, AGE_LABELS[age]))


@pytest.mark.parametrize("language", ["lv", "lt", "ru", "en"])
async def test_a_young_person_starts_on_messenger(
    page: SandboxClient, graph: GraphEmulator, language: str
) -> None:
    person = await new_person(page, "Ieva")
    await onboard(person, language)
    menu = await person.last()
    assert say(language, "🌱 Find a mentor") in menu.text + " ".join(menu.labels) or any(
        label.startswith("🌱") for label in menu.labels
    )
    # The persistent menu follows the person's language: help first.
    chat = await person.chat()
    titles = [item["title"] for item in chat["menu"][0]["call_to_actions"]]
    assert titles[0] == say(language, "🆘 I need help now")
    # Every screen was a new message: Messenger edits nothing.
    assert all(call["path"] != "edit" for call in graph.calls)


async def test_typed_help_and_the_menu_entry_bring_the_helplines(page: SandboxClient) -> None:
    person = await new_person(page)
    await onboard(person, "lv")
    crisis = await person.event({"postback": "HELP_NOW", "title": "🆘"})
    assert "116 111" in crisis.text or "116111" in crisis.text.replace(" ", "")
    again = await person.send("palīdzība")
    assert again.text == crisis.text


async def test_stickers_and_photos_get_a_clear_answer(page: SandboxClient) -> None:
    person = await new_person(page)
    await onboard(person, "en")
    for kind in ("sticker", "image"):
        answer = await person.event({"attachment": kind})
        said = [m.text for m in (await person.bot_messages())[-2:]]
        assert "I can only read text messages and button presses." in said
        assert answer.labels  # and the screen again, with its buttons


async def test_stale_and_forged_buttons_are_answered_and_change_nothing(
    page: SandboxClient,
) -> None:
    person = await new_person(page)
    welcome = await person.get_started()
    old_payload = welcome.raw["quick_replies"][0]["payload"]
    await person.click(LANGUAGE_NAMES["en"])
    expired = await person.press_payload(old_payload)
    said = [m.text for m in (await person.bot_messages())[-2:]]
    assert "This button has expired. Here is where we are now:" in said
    assert expired.labels  # the current screen, where one can go on
    forged = await person.press_payload("consent:yes~2~AAAAAAAAAAAA", quick_reply=True)
    assert "This button has expired" in " ".join(m.text for m in await person.bot_messages())
    assert "✅" not in forged.text or forged.labels


async def test_a_redelivered_event_changes_nothing(page: SandboxClient) -> None:
    person = await new_person(page)
    await person.get_started()
    await person.event({"text": "English", "mid": "m_same"})
    count = len(await person.bot_messages())
    await person.sandbox.request(
        "POST",
        f"/sandbox/messenger/users/{person.psid}/events",
        json={"text": "x", "mid": "m_same"},
    )
    assert len(await person.bot_messages()) == count


async def test_unsigned_or_forged_posts_change_nothing(
    page: SandboxClient, graph: GraphEmulator, both_bot: RunningBot
) -> None:
    person = await new_person(page)
    body = {
        "object": "page",
        "entry": [
            {
                "id": "1",
                "time": 1,
                "messaging": [
                    {
                        "sender": {"id": person.psid},
                        "recipient": {"id": "1"},
                        "timestamp": 1,
                        "message": {"mid": "m_forged", "text": "/start"},
                    }
                ],
            }
        ],
    }
    assert graph.webhook_url is not None
    raw = json.dumps(body).encode()
    async with aiohttp.ClientSession() as http:
        for headers in (
            {},
            {"X-Hub-Signature-256": "sha256=" + "0" * 64},
            {"X-Hub-Signature-256": sign(raw, "not-the-app-secret")},
            {"X-Hub-Signature-256": sign(raw + b" ", graph.app_secret)},
        ):
            async with http.post(graph.webhook_url, data=raw, headers=headers) as response:
                assert response.status == 403
        big = b"{" + b" " * 300_000 + b"}"
        headers = {"X-Hub-Signature-256": sign(big, graph.app_secret)}
        async with http.post(graph.webhook_url, data=big, headers=headers) as response:
            assert response.status == 413
        verify = {"hub.mode": "subscribe", "hub.challenge": "12345"}
        async with http.get(
            graph.webhook_url, params={**verify, "hub.verify_token": "sandbox-verify-token"}
        ) as response:
            assert (response.status, await response.text()) == (200, "12345")
        async with http.get(
            graph.webhook_url, params={**verify, "hub.verify_token": "guess"}
        ) as response:
            assert response.status == 403
    assert await person.bot_messages() == []
    async with uow_factory_of(both_bot)() as uow:
        assert (await uow.session.exec(select(User))).all() == []
    # The same body, signed with the app secret, is heard.
    assert await graph.deliver(body) == 200
    assert (await person.last()).labels


async def notice_for(bot: RunningBot, psid: str, key: str, expires_in: timedelta | None) -> None:
    """Write a notice for the person into the outbox, as a service would."""
    async with uow_factory_of(bot)() as uow:
        user = await uow.users.find("messenger", psid)
        assert user is not None and user.id is not None
        now = utcnow()
        expires = now + expires_in if expires_in is not None else None
        await uow.outbox.enqueue(
            user.id,
            "book_nudge",
            {"count": 1, "name": "Anna", "mentor": False},
            due_at=now,
            expires_at=expires,
            dedupe_key=key,
        )
        await uow.commit()
    bot.runtime.outbox.wake()


async def status_of(bot: RunningBot, key: str) -> tuple[str, str | None]:
    async with uow_factory_of(bot)() as uow:
        row = (
            await uow.session.exec(select(OutboxMessage).where(OutboxMessage.dedupe_key == key))
        ).one()
        return row.status, row.last_error


async def settled(bot: RunningBot, key: str, *statuses: str) -> tuple[str, str | None]:
    import asyncio

    for _ in range(200):
        status = await status_of(bot, key)
        if status[0] in statuses:
            return status
        await asyncio.sleep(0.05)
    raise AssertionError(f"{key} stayed {await status_of(bot, key)}")


async def test_news_outside_the_window_waits_for_the_next_visit(
    page: SandboxClient, graph: GraphEmulator, both_bot: RunningBot
) -> None:
    person = await new_person(page)
    await onboard(person, "en")
    await person.away(hours=25)
    async with uow_factory_of(both_bot)() as uow:  # the bot heard from them as long ago
        user = await uow.users.find("messenger", person.psid)
        assert user is not None and user.last_seen_at is not None
        user.last_seen_at = user.last_seen_at - timedelta(hours=25)
        uow.session.add(user)
        await uow.commit()
    before = len(await person.bot_messages())
    await notice_for(both_bot, person.psid, "later", None)
    await notice_for(both_bot, person.psid, "stale", timedelta(seconds=1))
    assert (await settled(both_bot, "later", "waiting"))[1] == "outside the 24-hour window"
    await settled(both_bot, "stale", "waiting")
    assert len(await person.bot_messages()) == before  # nothing was even tried
    assert not any(c["body"].get("messaging_type") == "UPDATE" for c in graph.calls)
    import asyncio

    await asyncio.sleep(1.1)  # the second one is no use any more
    await person.send("/menu")
    news = await person.received(lambda m: m.text.startswith("🕓 While you were away:"))
    assert await settled(both_bot, "later", "sent") == ("sent", None)
    assert (await settled(both_bot, "stale", "expired"))[0] == "expired"
    assert sum(m.text.startswith("🕓") for m in await person.bot_messages()) == 1
    assert news.labels  # its buttons came with it


async def test_a_person_who_turned_messages_off_is_marked_not_retried(
    page: SandboxClient, graph: GraphEmulator, both_bot: RunningBot
) -> None:
    person = await new_person(page)
    await onboard(person, "en")
    await person.block()
    await notice_for(both_bot, person.psid, "blocked", None)
    assert await settled(both_bot, "blocked", "failed") == ("failed", "blocked")
    async with uow_factory_of(both_bot)() as uow:
        user = await uow.users.find("messenger", person.psid)
        assert user is not None and user.blocked_at is not None
    assert [entry["error_code"] for entry in graph.rejected] == [551]
    graph.rejected.clear()  # the 551 was the point
