"""Drive the Bot API emulator over real HTTP with aiogram and the control API."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramRetryAfter,
)
from aiogram.types import BufferedInputFile, InlineKeyboardButton, InlineKeyboardMarkup
from aiohttp import ClientSession, web

from sandbox import BotApiEmulator, EmulatorLimits

SPEC_PATH = Path(__file__).resolve().parents[3] / "shared/spec/telegram-bot-api.json"
TOKEN = "123456:SANDBOX-test-token"


class Sandbox:
    """A running emulator plus an aiogram Bot and a control-API client bound to it."""

    def __init__(self, emulator: BotApiEmulator, bot: Bot, http: ClientSession) -> None:
        self.emulator = emulator
        self.bot = bot
        self.http = http

    async def control(self, method: str, path: str, **kwargs: Any) -> Any:
        """Call the control API and return its JSON, asserting success."""
        async with self.http.request(method, self.emulator.base_url + path, **kwargs) as resp:
            assert resp.status == 200, await resp.text()
            return await resp.json()

    async def user(self, first_name: str = "Anna", **fields: Any) -> int:
        """Create a user and return its id."""
        user = await self.control(
            "POST", "/sandbox/users", json={"first_name": first_name, **fields}
        )
        return int(user["id"])

    async def say(self, user_id: int, text: str) -> dict[str, Any]:
        """Send a text message as the user."""
        return await self.control("POST", f"/sandbox/users/{user_id}/messages", json={"text": text})


async def start_sandbox(limits: EmulatorLimits = EmulatorLimits()) -> Sandbox:  # noqa: B008
    """Start an emulator with a bot bound to it."""
    emulator = BotApiEmulator(TOKEN, SPEC_PATH, limits)
    base_url = await emulator.start()
    session = AiohttpSession(api=TelegramAPIServer.from_base(base_url))
    return Sandbox(emulator, Bot(TOKEN, session=session), ClientSession())


async def close_sandbox(sandbox: Sandbox) -> None:
    """Close clients, then the emulator."""
    await sandbox.bot.session.close()
    await sandbox.http.close()
    await sandbox.emulator.stop()


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    running = await start_sandbox()
    yield running
    await close_sandbox(running)


def keyboard(*pairs: tuple[str, str]) -> InlineKeyboardMarkup:
    """Build a one-row inline keyboard from (label, callback_data) pairs."""
    buttons = [InlineKeyboardButton(text=text, callback_data=data) for text, data in pairs]
    return InlineKeyboardMarkup(inline_keyboard=[buttons])


async def test_get_me(sandbox: Sandbox) -> None:
    me = await sandbox.bot.get_me()
    assert me.is_bot and me.username == "mentor_sandbox_bot" and me.id == 123456


async def test_wrong_token_and_unknown_method(sandbox: Sandbox) -> None:
    base = sandbox.emulator.base_url
    async with sandbox.http.get(f"{base}/bot1:wrong/getMe") as resp:
        assert resp.status == 401
        assert await resp.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
    async with sandbox.http.post(f"{base}/bot{TOKEN}/sendTelepathy") as resp:
        assert resp.status == 404
        assert (await resp.json())["description"] == "Not Found"
    # Method names are case-insensitive, and query strings work like in Telegram.
    async with sandbox.http.get(f"{base}/bot{TOKEN}/GETME") as resp:
        assert (await resp.json())["result"]["username"] == "mentor_sandbox_bot"


async def test_send_edit_and_answer_callback(sandbox: Sandbox) -> None:
    user_id = await sandbox.user()
    sent = await sandbox.bot.send_message(
        user_id, "<b>Hello</b> &amp; welcome", parse_mode="HTML",
        reply_markup=keyboard(("Yes", "answer:yes"), ("No", "answer:no")),
    )  # fmt: skip
    assert sent.text == "Hello & welcome"
    assert sent.reply_markup is not None
    assert sent.reply_markup.inline_keyboard[0][1].callback_data == "answer:no"

    chat = await sandbox.control("GET", f"/sandbox/users/{user_id}/chat")
    [view] = chat["messages"]
    assert view["html"] == "<b>Hello</b> &amp; welcome"
    assert view["buttons"] == [
        [
            {"text": "Yes", "callback_data": "answer:yes"},
            {"text": "No", "callback_data": "answer:no"},
        ]
    ]

    click = await sandbox.control(
        "POST", f"/sandbox/users/{user_id}/callback",
        json={"message_id": sent.message_id, "text": "No"},
    )  # fmt: skip
    [update] = await sandbox.bot.get_updates(timeout=1)
    assert update.callback_query is not None
    assert update.callback_query.data == "answer:no"
    assert update.callback_query.id == click["callback_query_id"]
    assert await sandbox.bot.answer_callback_query(update.callback_query.id, text="Noted")
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await sandbox.bot.answer_callback_query(update.callback_query.id)

    edited = await sandbox.bot.edit_message_text(
        text="Thanks!", chat_id=user_id, message_id=sent.message_id
    )
    assert not isinstance(edited, bool) and edited.text == "Thanks!"
    chat = await sandbox.control("GET", f"/sandbox/users/{user_id}/chat")
    [view] = chat["messages"]
    # Telegram drops the inline keyboard when editMessageText omits reply_markup.
    assert view["edited"] and view["edit_count"] == 1 and view["buttons"] == []
    assert chat["callback_answers"][0]["text"] == "Noted"
    assert chat["unanswered_callbacks"] == []


async def test_get_updates_long_polls_for_user_message(sandbox: Sandbox) -> None:
    user_id = await sandbox.user("Jānis", language_code="lv")
    poll = asyncio.create_task(sandbox.bot.get_updates(timeout=5))
    await asyncio.sleep(0)  # let the poll reach the server before the message exists
    created = await sandbox.say(user_id, "/start ref_42")
    updates = await asyncio.wait_for(poll, 3)
    assert [u.update_id for u in updates] == [created["update_id"]]
    message = updates[0].message
    assert message is not None and message.text == "/start ref_42"
    assert message.from_user is not None and message.from_user.language_code == "lv"
    assert message.entities is not None and message.entities[0].type == "bot_command"
    assert message.entities[0].length == len("/start")
    # The offset confirms earlier updates.
    assert await sandbox.bot.get_updates(offset=updates[0].update_id + 1, timeout=0) == []


async def test_html_errors(sandbox: Sandbox) -> None:
    user_id = await sandbox.user()
    prefix = "Bad Request: can't parse entities: "
    cases = {
        "Hi <foo>x</foo>": 'Unsupported start tag "foo" at byte offset 3',
        "<b>bold": 'Can\'t find end tag corresponding to start tag "b"',
        "1 < 2": 'Unsupported start tag "" at byte offset 2',
        "Tom & Jerry": 'Character "&" must be escaped as "&amp;" at byte offset 4',
    }
    for text, reason in cases.items():
        with pytest.raises(TelegramBadRequest) as raised:
            await sandbox.bot.send_message(user_id, text, parse_mode="HTML")
        assert raised.value.message == prefix + reason
    rejected = await sandbox.control("GET", "/sandbox/rejected")
    assert [r["description"] for r in rejected] == [prefix + r for r in cases.values()]
    assert rejected[0]["method"] == "sendMessage" and rejected[0]["error_code"] == 400


async def test_text_length_counts_utf16(sandbox: Sandbox) -> None:
    user_id = await sandbox.user()
    await sandbox.bot.send_message(user_id, "a" * 4096)
    await sandbox.bot.send_message(user_id, "🙂" * 2048)  # 2 UTF-16 units each
    with pytest.raises(TelegramBadRequest, match="Bad Request: message is too long"):
        await sandbox.bot.send_message(user_id, "a" * 4095 + "🙂")
    with pytest.raises(TelegramBadRequest, match="Bad Request: message is too long"):
        await sandbox.bot.send_message(user_id, "<b>" + "a" * 4097 + "</b>", parse_mode="HTML")
    with pytest.raises(TelegramBadRequest, match="Bad Request: message text is empty"):
        await sandbox.bot.send_message(user_id, "<b> </b>", parse_mode="HTML")


async def test_callback_data_limit(sandbox: Sandbox) -> None:
    user_id = await sandbox.user()
    await sandbox.bot.send_message(user_id, "ok", reply_markup=keyboard(("x", "é" * 32)))
    with pytest.raises(TelegramBadRequest, match="Bad Request: BUTTON_DATA_INVALID"):
        await sandbox.bot.send_message(user_id, "no", reply_markup=keyboard(("x", "a" * 65)))


async def test_spec_validation(sandbox: Sandbox) -> None:
    user_id = await sandbox.user()
    url = f"{sandbox.emulator.base_url}/bot{TOKEN}/sendMessage"
    cases = [
        ({"chat_id": user_id, "text": "hi", "colour": "red"}, 'unknown parameter "colour"'),
        ({"chat_id": user_id}, "message text is empty"),
        ({"chat_id": "abc", "text": "hi"}, "chat not found"),
        ({"chat_id": user_id, "text": "hi", "disable_notification": "maybe"}, "Boolean"),
        (
            {"chat_id": user_id, "text": "hi", "reply_markup": {"inline_keyboard": [[{}]]}},
            'field "text" of InlineKeyboardButton is required',
        ),
    ]
    for payload, fragment in cases:
        async with sandbox.http.post(url, json=payload) as resp:
            body = await resp.json()
        assert resp.status == 400 and body["ok"] is False, body
        assert body["description"].startswith("Bad Request: ") and fragment in body["description"]
    # Form-encoded values are strings; digits count as Integer, JSON strings as objects.
    form = {"chat_id": str(user_id), "text": "hi", "reply_markup": '{"inline_keyboard": []}'}
    async with sandbox.http.post(url, data=form) as resp:
        assert (await resp.json())["ok"] is True


async def test_message_not_modified(sandbox: Sandbox) -> None:
    user_id = await sandbox.user()
    markup = keyboard(("A", "a"))
    sent = await sandbox.bot.send_message(user_id, "Same", reply_markup=markup)
    with pytest.raises(TelegramBadRequest, match="message is not modified: specified new"):
        await sandbox.bot.edit_message_text(
            text="Same", chat_id=user_id, message_id=sent.message_id, reply_markup=markup
        )
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await sandbox.bot.edit_message_reply_markup(
            chat_id=user_id, message_id=sent.message_id, reply_markup=markup
        )
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await sandbox.bot.edit_message_text(text="x", chat_id=user_id, message_id=999)
    mine = await sandbox.say(user_id, "hello")
    with pytest.raises(TelegramBadRequest, match="message can't be edited"):
        await sandbox.bot.edit_message_text(
            text="x", chat_id=user_id, message_id=mine["message_id"]
        )


async def test_block_gives_403_and_my_chat_member(sandbox: Sandbox) -> None:
    user_id = await sandbox.user()
    await sandbox.control("POST", f"/sandbox/users/{user_id}/block", json={"blocked": True})
    with pytest.raises(TelegramForbiddenError, match="Forbidden: bot was blocked by the user"):
        await sandbox.bot.send_message(user_id, "still there?")
    [update] = await sandbox.bot.get_updates(timeout=1)
    member = update.my_chat_member
    assert member is not None and member.chat.id == user_id
    assert member.new_chat_member.status == "kicked" and member.old_chat_member.status == "member"
    await sandbox.control("POST", f"/sandbox/users/{user_id}/block", json={"blocked": False})
    await sandbox.bot.send_message(user_id, "welcome back")


async def test_rate_limit_per_chat() -> None:
    running = await start_sandbox(EmulatorLimits(chat_burst=3, chat_per_second=0.5))
    try:
        first, second = await running.user(), await running.user("Other")
        for i in range(3):
            await running.bot.send_message(first, f"message {i}")
        with pytest.raises(TelegramRetryAfter) as raised:
            await running.bot.send_message(first, "one too many")
        assert raised.value.retry_after >= 1
        # Other chats are unaffected, and the rejected request consumed nothing.
        await running.bot.send_message(second, "hi")
        [entry] = running.emulator.rejected
        assert entry["error_code"] == 429 and entry["description"].startswith("Too Many Requests")
        chat = await running.control("GET", f"/sandbox/users/{first}/chat")
        assert len(chat["messages"]) == 3
    finally:
        await close_sandbox(running)


async def test_webhook_secret_and_retry(sandbox: Sandbox) -> None:
    received: list[tuple[int, str | None]] = []
    delivered = asyncio.Event()

    async def hook(request: web.Request) -> web.Response:
        update = await request.json()
        received.append(
            (update["update_id"], request.headers.get("X-Telegram-Bot-Api-Secret-Token"))
        )
        if len(received) == 1:
            return web.Response(status=500)
        delivered.set()
        return web.json_response({})

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        user_id = await sandbox.user()
        await sandbox.bot.set_webhook(f"http://127.0.0.1:{port}/hook", secret_token="s3cr3t")
        with pytest.raises(TelegramConflictError, match="webhook is active"):
            await sandbox.bot.get_updates()
        created = await sandbox.say(user_id, "hi")
        await asyncio.wait_for(delivered.wait(), 5)
        assert received == [(created["update_id"], "s3cr3t")] * 2
        info = await sandbox.bot.get_webhook_info()
        assert info.pending_update_count == 0 and info.last_error_message is not None
        await sandbox.bot.delete_webhook()
        assert await sandbox.bot.get_updates() == []
    finally:
        await runner.cleanup()


async def test_wait_returns_when_bot_sends(sandbox: Sandbox) -> None:
    user_id = await sandbox.user()
    created = await sandbox.say(user_id, "ping")
    wait = asyncio.create_task(
        sandbox.control(
            "GET", f"/sandbox/users/{user_id}/wait",
            params={"after": created["message_id"], "timeout": 5},
        )
    )  # fmt: skip
    await asyncio.sleep(0)
    await sandbox.bot.send_message(user_id, "pong")
    chat = await asyncio.wait_for(wait, 3)
    assert [m["text"] for m in chat["messages"]] == ["pong"]
    # since_version waits for any later change, e.g. an edit.
    version = chat["version"]
    wait = asyncio.create_task(
        sandbox.control(
            "GET", f"/sandbox/users/{user_id}/wait",
            params={"since_version": version, "timeout": 5},
        )
    )  # fmt: skip
    await asyncio.sleep(0)
    await sandbox.bot.edit_message_text(
        text="pong!", chat_id=user_id, message_id=chat["messages"][0]["message_id"]
    )
    chat = await asyncio.wait_for(wait, 3)
    assert chat["version"] > version and chat["messages"][-1]["text"] == "pong!"


async def test_commands_by_language(sandbox: Sandbox) -> None:
    from aiogram.types import BotCommand

    await sandbox.bot.set_my_commands([BotCommand(command="start", description="Start")])
    await sandbox.bot.set_my_commands(
        [BotCommand(command="start", description="Sākt")], language_code="lv"
    )
    lv = await sandbox.control("GET", "/sandbox/commands", params={"language_code": "lv"})
    de = await sandbox.control("GET", "/sandbox/commands", params={"language_code": "de"})
    assert lv == [{"command": "start", "description": "Sākt"}]
    assert de == [{"command": "start", "description": "Start"}]
    stored = await sandbox.bot.get_my_commands(language_code="lv")
    assert [c.description for c in stored] == ["Sākt"]
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await sandbox.bot.set_my_commands([BotCommand(command="Bad-Command", description="x")])


async def test_send_document_upload(sandbox: Sandbox) -> None:
    user_id = await sandbox.user()
    document = BufferedInputFile(b"%PDF-1.4 hello", filename="guide.pdf")
    sent = await sandbox.bot.send_document(
        user_id, document, caption="<i>Guide</i>", parse_mode="HTML"
    )
    assert sent.document is not None and sent.document.file_name == "guide.pdf"
    assert sent.caption == "Guide"
    again = await sandbox.bot.send_document(user_id, sent.document.file_id)
    assert again.document is not None and again.document.file_size == len(b"%PDF-1.4 hello")
    chat = await sandbox.control("GET", f"/sandbox/users/{user_id}/chat")
    assert chat["messages"][0]["document"]["file_name"] == "guide.pdf"
    with pytest.raises(TelegramBadRequest, match="message caption is too long"):
        await sandbox.bot.send_document(user_id, sent.document.file_id, caption="c" * 1025)
    photo = await sandbox.bot.send_photo(user_id, BufferedInputFile(b"\x89PNG", "p.png"))
    assert photo.photo is not None and photo.photo[-1].file_size == 4


async def test_legacy_parameters_still_accepted(sandbox: Sandbox) -> None:
    user_id = await sandbox.user()
    # aiogram sends the deprecated disable_web_page_preview along with link_preview_options.
    bot = Bot(
        TOKEN,
        session=AiohttpSession(api=TelegramAPIServer.from_base(sandbox.emulator.base_url)),
        default=DefaultBotProperties(parse_mode="HTML", link_preview_is_disabled=True),
    )
    try:
        sent = await bot.send_message(user_id, "<i>see https://example.org</i>")
        assert sent.text == "see https://example.org"
        with pytest.raises(TelegramBadRequest, match="message to be replied not found"):
            await bot.send_message(user_id, "reply", reply_to_message_id=999)
    finally:
        await bot.session.close()


async def test_wait_sees_edit_made_before_the_call(sandbox: Sandbox) -> None:
    user_id = await sandbox.user()
    sent = await sandbox.bot.send_message(user_id, "Pick", reply_markup=keyboard(("A", "a")))
    click = await sandbox.control(
        "POST", f"/sandbox/users/{user_id}/callback",
        json={"message_id": sent.message_id, "callback_data": "forged:data"},
    )  # fmt: skip
    [update] = await sandbox.bot.get_updates(timeout=1)
    assert update.callback_query is not None and update.callback_query.data == "forged:data"
    await sandbox.bot.edit_message_text(text="Picked", chat_id=user_id, message_id=sent.message_id)
    chat = await sandbox.control(
        "GET", f"/sandbox/users/{user_id}/wait",
        params={"after": sent.message_id, "edited_after": click["version"], "timeout": 5},
    )  # fmt: skip
    assert [(m["text"], m["edited"]) for m in chat["messages"]] == [("Picked", True)]
    assert chat["unanswered_callbacks"] == [click["callback_query_id"]]


async def test_page_is_self_contained(sandbox: Sandbox) -> None:
    async with sandbox.http.get(sandbox.emulator.base_url + "/") as resp:
        assert resp.status == 200 and resp.content_type == "text/html"
        page = await resp.text()
    assert "/sandbox/users" in page and "since_version" in page
    assert "http://" not in page and "https://" not in page  # no CDN or external assets
