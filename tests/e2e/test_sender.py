"""Neutral replies rendered for Telegram: long text, documents, media, edits, blocked chats."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer

from bot.channels.buttons import ButtonCodec
from bot.telegram.sender import RecipientBlocked, TelegramSender
from dialogs.replies import Button, Document, Reply
from tests.e2e.conftest import TOKEN
from tests.e2e.harness import SandboxClient


@pytest.fixture
async def sender(emulator) -> AsyncIterator[TelegramSender]:
    session = AiohttpSession(api=TelegramAPIServer.from_base(emulator.base_url))
    bot = Bot(TOKEN, session=session, default=DefaultBotProperties(parse_mode="HTML"))
    yield TelegramSender(bot, ButtonCodec(b"key"))
    await bot.session.close()
    assert emulator.rejected == []


async def test_long_text_is_split_and_buttons_go_last(
    sender: TelegramSender, sandbox: SandboxClient
) -> None:
    user = await sandbox.new_user("Ada", "en")
    text = "\n\n".join(f"Paragraph {n}: " + "<tag> & text " * 60 for n in range(12))
    reply = Reply(text, buttons=((Button("OK", action="ok"),),))
    await sender.deliver(user.id, [reply], version=1, pressed_message_id=None)
    messages = await user.bot_messages()
    assert len(messages) > 1
    assert all(len(message.text) <= 4096 for message in messages)
    assert [bool(message.buttons) for message in messages] == [False] * (len(messages) - 1) + [True]
    assert " ".join(" ".join(m.text for m in messages).split()) == " ".join(text.split())


async def test_document_with_caption(sender: TelegramSender, sandbox: SandboxClient) -> None:
    user = await sandbox.new_user("Ada", "en")
    document = Document("session.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    await sender.deliver(
        user.id,
        [Reply(document=Document(document.filename, document.content, caption="<Your> session"))],
        version=1,
        pressed_message_id=None,
    )
    message = (await user.bot_messages())[-1]
    assert message.raw["document"]["file_name"] == "session.ics"
    assert message.raw["caption"] == "<Your> session"


async def test_replace_edits_and_identical_edit_is_fine(
    sender: TelegramSender, sandbox: SandboxClient, emulator
) -> None:
    user = await sandbox.new_user("Ada", "en")
    await sender.deliver(user.id, [Reply("first")], version=1, pressed_message_id=None)
    first = await user.last()
    for _ in range(2):  # the second edit is "not modified" on Telegram's side: no error
        await sender.deliver(
            user.id, [Reply("second", replace=True)], version=2, pressed_message_id=first.message_id
        )
    messages = await user.bot_messages()
    assert [m.text for m in messages] == ["second"]
    refused = [entry["description"] for entry in emulator.rejected]
    assert len(refused) == 1 and "message is not modified" in refused[0]
    emulator.rejected.clear()


async def test_blocked_chat_raises(
    sender: TelegramSender, sandbox: SandboxClient, emulator
) -> None:
    user = await sandbox.new_user("Ada", "en")
    await user.block(True)
    with pytest.raises(RecipientBlocked):
        await sender.deliver(user.id, [Reply("hello")], version=1, pressed_message_id=None)
    emulator.rejected.clear()  # the 403 was the point
