"""Local Graph API (Messenger) emulator: the Send API and Messenger Profile, and a Page's people.

The bot talks to it as to graph.facebook.com: `POST /{version}/me/messages`, `me/messenger_profile`
and `me/custom_user_settings` with the Page token. It enforces Messenger's limits (13 quick
replies, 3 template buttons, 20-character titles, 640 and 2000 characters of text), the 24-hour
window (error 10) and blocks (error 551), and records every call. People write through the
control API under /sandbox/messenger; each event is POSTed to the bot's webhook signed with the
app secret, as Meta does, and the call returns once the bot has answered it.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

from bot.messenger.signature import sign

PAGE_ID = "100000000000001"
FIRST_PSID = 7_000_000_000_001
WINDOW_SECONDS = 24 * 3600
LIMITS = {
    "text": 2000,
    "template_text": 640,
    "quick_replies": 13,
    "template_buttons": 3,
    "title": 20,
    "menu_title": 30,
    "payload": 1000,
    "greeting": 160,
    "elements": 10,
    "element_text": 80,
}
_LINK = re.compile(r"https?://\S+")


@dataclass
class Person:
    psid: str
    name: str
    locale: str
    last_inbound: float = 0.0
    blocked: bool = False
    messages: list[dict[str, Any]] = field(default_factory=list)
    menu: list[dict[str, Any]] | None = None
    version: int = 0
    busy: int = 0


class GraphError(Exception):
    def __init__(self, code: int, message: str, subcode: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.subcode = subcode

    def response(self) -> web.Response:
        error: dict[str, Any] = {"message": str(self), "type": "OAuthException", "code": self.code}
        if self.subcode is not None:
            error["error_subcode"] = self.subcode
        error["fbtrace_id"] = "sandbox"
        return web.json_response({"error": error}, status=400)


class GraphEmulator:
    """An aiohttp server that answers like graph.facebook.com for one Page."""

    def __init__(self, page_token: str, app_secret: str, version: str = "v23.0") -> None:
        self.page_token = page_token
        self.app_secret = app_secret
        self.version = version
        self.webhook_url: str | None = None
        self.base_url = ""
        self.people: dict[str, Person] = {}
        self.profile: dict[str, Any] = {}
        self.calls: list[dict[str, Any]] = []  # every Send and Profile call, as received
        self.rejected: list[dict[str, Any]] = []  # calls refused for breaking a limit
        self.clock = time.time
        self._ids = itertools.count(1)
        # Message ids are unique across runs (the bot remembers the ids it handled).
        self._run = secrets.token_hex(4)
        # Reusable attachments by id (not kept between runs: the bot then sends the URL again).
        self.attachments: dict[str, str] = {}
        self._psids = itertools.count(FIRST_PSID)
        self._http: aiohttp.ClientSession | None = None
        self._runner: web.AppRunner | None = None
        self._changed = asyncio.Condition()
        self.app = self._build_app()

    def _build_app(self) -> web.Application:
        app = web.Application(client_max_size=30 * 1024 * 1024)
        app.add_routes(self.routes())
        return app

    def routes(self) -> list[web.RouteDef]:
        """Its routes, to serve on their own (start) or beside the Bot API emulator's."""
        return [
            web.post(r"/{version}/me/messages", self.send_api),
            web.post(r"/{version}/me/message_attachments", self.upload_attachment),
            web.post(r"/{version}/me/messenger_profile", self.messenger_profile),
            web.post(r"/{version}/me/custom_user_settings", self.custom_user_settings),
            web.delete(r"/{version}/me/custom_user_settings", self.forget_user_settings),
            web.get("/sandbox/messenger/profile", self.get_profile),
            web.get("/sandbox/messenger/rejected", self.get_rejected),
            web.get("/sandbox/messenger/users", self.list_people),
            web.post("/sandbox/messenger/users", self.new_person),
            web.get("/sandbox/messenger/users/{psid}/chat", self.chat),
            web.get("/sandbox/messenger/users/{psid}/wait", self.wait),
            web.post("/sandbox/messenger/users/{psid}/events", self.person_event),
            web.post("/sandbox/messenger/users/{psid}/block", self.block),
            web.post("/sandbox/messenger/users/{psid}/away", self.away),
        ]

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        self._runner = web.AppRunner(self.app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        bound = self._runner.addresses[0][1]
        self.base_url = f"http://{host}:{bound}"
        return self.base_url

    async def stop(self) -> None:
        if self._http is not None:
            await self._http.close()
        if self._runner is not None:
            await self._runner.cleanup()

    # --- the Graph API the bot calls -----------------------------------------------------

    async def send_api(self, request: web.Request) -> web.Response:
        try:
            self._check_token(request)
            body = await _body(request)
            self.calls.append({"path": "messages", "body": _recorded(body)})
            psid = str((body.get("recipient") or {}).get("id") or "")
            person = self.people.get(psid)
            if person is None:
                raise GraphError(100, "No matching user found", 2018001)
            if person.blocked:
                raise GraphError(551, "This person isn't available right now.", 1545041)
            if self.clock() - person.last_inbound > WINDOW_SECONDS:
                raise GraphError(10, "This message is sent outside of allowed window.", 2018278)
            if body.get("messaging_type") not in ("RESPONSE", "UPDATE"):
                raise GraphError(100, "(#100) messaging_type must be RESPONSE or UPDATE")
            message = checked_message(body.get("message"))
            answer: dict[str, Any] = {"recipient_id": psid}
            if "attachment_id" in message:  # a reusable attachment sent before, by its id
                if message["attachment_id"] not in self.attachments:
                    raise GraphError(100, "(#100) Invalid attachment_id", 2018047)
                message["url"] = self.attachments[message.pop("attachment_id")]
            elif message.pop("reusable", False):
                attachment_id = f"{int(self._run, 16)}{next(self._ids):06d}"
                self.attachments[attachment_id] = message["url"]
                answer["attachment_id"] = attachment_id
        except GraphError as error:
            self.rejected.append({"error_code": error.code, "description": str(error)})
            return error.response()
        message_id = f"m_sandbox_{self._run}_{next(self._ids)}"
        person.messages.append({"from": "bot", "mid": message_id, **message})
        await self._touch(person)
        return web.json_response({**answer, "message_id": message_id})

    async def upload_attachment(self, request: web.Request) -> web.Response:
        """The Attachment Upload API: a reusable file by URL, no recipient needed."""
        try:
            self._check_token(request)
            body = await _body(request)
            self.calls.append({"path": "message_attachments", "body": _recorded(body)})
            shown = _checked_attachment((body.get("message") or {}).get("attachment"))
            if "url" not in shown or not shown.get("reusable"):
                raise GraphError(100, "(#100) upload a reusable attachment by url")
        except GraphError as error:
            self.rejected.append({"error_code": error.code, "description": str(error)})
            return error.response()
        attachment_id = f"{int(self._run, 16)}{next(self._ids):06d}"
        self.attachments[attachment_id] = shown["url"]
        return web.json_response({"attachment_id": attachment_id})

    async def messenger_profile(self, request: web.Request) -> web.Response:
        try:
            self._check_token(request)
            body = await _body(request)
            self.calls.append({"path": "messenger_profile", "body": body})
            for greeting in body.get("greeting", []):
                _limit(greeting.get("text", ""), LIMITS["greeting"], "greeting text")
            for menu in body.get("persistent_menu", []):
                _check_menu(menu)
        except GraphError as error:
            self.rejected.append({"error_code": error.code, "description": str(error)})
            return error.response()
        self.profile.update(body)
        return web.json_response({"result": "success"})

    async def custom_user_settings(self, request: web.Request) -> web.Response:
        try:
            self._check_token(request)
            body = await _body(request)
            self.calls.append({"path": "custom_user_settings", "body": body})
            person = self.people.get(str(body.get("psid")))
            if person is None:
                raise GraphError(100, "No matching user found", 2018001)
            for menu in body.get("persistent_menu", []):
                _check_menu(menu)
        except GraphError as error:
            self.rejected.append({"error_code": error.code, "description": str(error)})
            return error.response()
        person.menu = body.get("persistent_menu")
        return web.json_response({"result": "success"})

    async def forget_user_settings(self, request: web.Request) -> web.Response:
        try:
            self._check_token(request)
            body = await _body(request)
            self.calls.append({"path": "custom_user_settings", "method": "DELETE", "body": body})
            person = self.people.get(str(body.get("psid")))
            if person is None:
                raise GraphError(100, "No matching user found", 2018001)
        except GraphError as error:
            self.rejected.append({"error_code": error.code, "description": str(error)})
            return error.response()
        if "persistent_menu" in body.get("params", []):
            person.menu = None
        return web.json_response({"result": "success"})

    def _check_token(self, request: web.Request) -> None:
        if request.match_info["version"] != self.version:
            raise GraphError(2635, f"Unknown API version {request.match_info['version']}")
        if request.query.get("access_token") != self.page_token:
            raise GraphError(190, "Invalid OAuth access token.")

    # --- people, through the control API ---------------------------------------------------

    async def new_person(self, request: web.Request) -> web.Response:
        body = await request.json()
        person = await self.new_person_named(str(body.get("name") or "Person"))
        return web.json_response({"psid": person.psid})

    def continue_after(self, psid: int) -> None:
        """New people get ids above this one (the database knows who came before a restart)."""
        self._psids = itertools.count(max(FIRST_PSID, psid + 1))

    async def new_person_named(self, name: str, locale: str = "en_US") -> Person:
        """A person who has found the Page (ids count up from 7000000000001)."""
        person = Person(str(next(self._psids)), name, locale)
        self.people[person.psid] = person
        return person

    async def get_profile(self, request: web.Request) -> web.Response:
        """The Page's Messenger Profile as set (greeting, Get Started, Page-wide menu)."""
        return web.json_response(self.profile)

    async def get_rejected(self, request: web.Request) -> web.Response:
        """The Send and Profile calls refused for breaking a limit, oldest first."""
        return web.json_response(self.rejected)

    async def list_people(self, request: web.Request) -> web.Response:
        """Everyone who has been created, for the page to list after a reload."""
        people = [
            {"psid": p.psid, "name": p.name, "locale": p.locale, "blocked": p.blocked}
            for p in self.people.values()
        ]
        return web.json_response(people)

    async def chat(self, request: web.Request) -> web.Response:
        return web.json_response(self._chat(self._person(request)))

    async def wait(self, request: web.Request) -> web.Response:
        """Answer once the chat changed since a version, or after the timeout."""
        person = self._person(request)
        since = int(request.query.get("since_version", "-1"))
        timeout = float(request.query.get("timeout", "1"))
        async with self._changed:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(
                    self._changed.wait_for(lambda: person.version != since), timeout
                )
        return web.json_response(self._chat(person))

    async def block(self, request: web.Request) -> web.Response:
        person = self._person(request)
        person.blocked = bool((await request.json()).get("blocked", True))
        return web.json_response({"ok": True})

    async def away(self, request: web.Request) -> web.Response:
        """Move the person's last message back in time (to leave the 24-hour window)."""
        person = self._person(request)
        person.last_inbound -= float((await request.json())["seconds"])
        return web.json_response({"ok": True})

    async def person_event(self, request: web.Request) -> web.Response:
        """The person does something; the signed webhook POST returns once the bot answered."""
        person = self._person(request)
        action = await request.json()
        item = self._messaging(person, action)
        person.last_inbound = self.clock()
        shown = action.get("text") or action.get("title")
        if shown:
            person.messages.append({"from": "person", "text": shown})
        person.busy += 1
        await self._touch(person)
        try:
            status = await self.deliver({"object": "page", "entry": [self._entry(item)]})
        finally:
            person.busy -= 1
            await self._touch(person)
        return web.json_response({"status": status})

    def _messaging(self, person: Person, action: dict[str, Any]) -> dict[str, Any]:
        now = int(self.clock() * 1000)
        item: dict[str, Any] = {
            "sender": {"id": person.psid},
            "recipient": {"id": PAGE_ID},
            "timestamp": now,
        }
        mid = action.get("mid") or f"m_person_{self._run}_{next(self._ids)}"
        if "postback" in action:
            item["postback"] = {"title": action.get("title", ""), "payload": action["postback"]}
            item["postback"]["mid"] = mid
            if "ref" in action:
                item["postback"]["referral"] = {"ref": action["ref"], "source": "SHORTLINK"}
        elif "referral" in action:
            item["referral"] = {"ref": action["referral"], "source": "SHORTLINK"}
        elif "attachment" in action:
            kind = action["attachment"]
            payload: dict[str, Any] = {}
            if kind in ("image", "video", "audio", "file"):  # where Messenger keeps the file
                payload["url"] = f"{self.base_url}/media/from-people/{mid}"
            item["message"] = {"mid": mid, "attachments": [{"type": kind, "payload": payload}]}
            if kind == "sticker":
                item["message"]["sticker_id"] = 369239263222822
        else:
            message: dict[str, Any] = {"mid": mid, "text": action.get("text", "")}
            if "quick_reply" in action:
                message["quick_reply"] = {"payload": action["quick_reply"]}
            else:
                # A link in typed text comes with its preview, as a "fallback" attachment.
                link = _LINK.search(message["text"])
                if link is not None:
                    preview = {"type": "fallback", "title": link.group(), "url": link.group()}
                    message["attachments"] = [{**preview, "payload": None}]
            item["message"] = message
        return item

    def _entry(self, item: dict[str, Any]) -> dict[str, Any]:
        return {"id": PAGE_ID, "time": item["timestamp"], "messaging": [item]}

    async def deliver(self, body: dict[str, Any], signature: str | None = None) -> int:
        """POST a webhook body to the bot, signed unless a signature is given; its status."""
        if self.webhook_url is None:
            raise web.HTTPConflict(text="no webhook URL: the bot is not connected")
        if self._http is None:
            self._http = aiohttp.ClientSession()
        # Whatever a person sends opens their 24-hour window, whether the bot hears it or not.
        for entry in body.get("entry", []):
            for item in entry.get("messaging", []):
                person = self.people.get(str(item.get("sender", {}).get("id")))
                if person is not None:
                    person.last_inbound = self.clock()
        raw = json.dumps(body).encode()
        headers = {
            "Content-Type": "application/json",
            "X-Hub-Signature-256": signature or sign(raw, self.app_secret),
        }
        async with self._http.post(self.webhook_url, data=raw, headers=headers) as response:
            return response.status

    def _person(self, request: web.Request) -> Person:
        person = self.people.get(request.match_info["psid"])
        if person is None:
            raise web.HTTPNotFound(text="no such person")
        return person

    def _chat(self, person: Person) -> dict[str, Any]:
        return {
            "psid": person.psid,
            "name": person.name,
            "version": person.version,
            "busy": person.busy > 0,
            "reporting": True,
            "blocked": person.blocked,
            "menu": person.menu,
            "messages": person.messages,
        }

    async def _touch(self, person: Person) -> None:
        async with self._changed:
            person.version += 1
            self._changed.notify_all()


async def _body(request: web.Request) -> dict[str, Any]:
    if request.content_type.startswith("multipart/"):
        form = await request.post()
        body: dict[str, Any] = {}
        for key, value in form.items():
            if isinstance(value, web.FileField):
                body["filedata"] = {
                    "filename": value.filename,
                    "content_type": value.content_type,
                    "content": value.file.read().decode("utf-8", "replace"),
                }
            else:
                body[key] = json.loads(str(value)) if str(value)[:1] in "{[" else str(value)
        if "filedata" not in body:
            raise GraphError(100, "(#100) Upload attachment failure.")
        message = body.get("message") or {}
        payload = (message.get("attachment") or {}).get("payload")
        if isinstance(payload, dict):
            payload["sandbox_file"] = body.pop("filedata")
        return body
    try:
        parsed = await request.json()
    except json.JSONDecodeError:
        raise GraphError(100, "(#100) The request body is not JSON") from None
    if not isinstance(parsed, dict):
        raise GraphError(100, "(#100) The request body is not an object")
    return parsed


def _recorded(body: dict[str, Any]) -> dict[str, Any]:
    recorded: dict[str, Any] = json.loads(json.dumps(body, default=str))
    return recorded


def _limit(text: Any, limit: int, what: str) -> None:
    if not isinstance(text, str) or not text:
        raise GraphError(100, f"(#100) {what} is required")
    if len(text) > limit:
        raise GraphError(100, f"(#100) {what} is longer than {limit} characters")


def checked_message(message: Any) -> dict[str, Any]:
    """What the Send API shows of a message; GraphError for anything over Messenger's limits."""
    if not isinstance(message, dict):
        raise GraphError(100, "(#100) message is required")
    quick_replies = message.get("quick_replies")
    if "text" in message:
        _limit(message["text"], LIMITS["text"], "message text")
        shown: dict[str, Any] = {"text": message["text"], "kind": "text"}
    elif "attachment" in message:
        shown = _checked_attachment(message["attachment"])
    else:
        raise GraphError(100, "(#100) message must have text or an attachment")
    if quick_replies is not None:
        if not isinstance(quick_replies, list) or not 1 <= len(quick_replies) <= 13:
            raise GraphError(100, "(#100) quick_replies holds 1 to 13 items")
        for reply in quick_replies:
            _limit(reply.get("title"), LIMITS["title"], "quick reply title")
            _limit(reply.get("payload"), LIMITS["payload"], "quick reply payload")
        shown["quick_replies"] = quick_replies
    return shown


def _checked_attachment(attachment: Any) -> dict[str, Any]:
    if not isinstance(attachment, dict):
        raise GraphError(100, "(#100) attachment must be an object")
    kind = attachment.get("type")
    payload = attachment.get("payload") or {}
    if kind == "template" and payload.get("template_type") == "generic":
        return _checked_carousel(payload)
    if kind == "template":
        if payload.get("template_type") != "button":
            raise GraphError(100, "(#100) only button and generic templates are emulated")
        _limit(payload.get("text"), LIMITS["template_text"], "button template text")
        buttons = payload.get("buttons")
        if not isinstance(buttons, list) or not 1 <= len(buttons) <= 3:
            raise GraphError(100, "(#100) a button template holds 1 to 3 buttons")
        _check_buttons(buttons)
        return {"kind": "template", "text": payload["text"], "buttons": buttons}
    if kind in ("image", "video", "audio"):
        if payload.get("attachment_id"):
            return {"kind": kind, "attachment_id": str(payload["attachment_id"])}
        if not payload.get("url"):
            raise GraphError(100, "(#100) an attachment needs a url or an attachment_id")
        return {"kind": kind, "url": payload["url"], "reusable": bool(payload.get("is_reusable"))}
    if kind == "file":
        file = payload.get("sandbox_file") or {}
        return {"kind": "file", "filename": file.get("filename"), "content": file.get("content")}
    raise GraphError(100, f"(#100) unknown attachment type {kind!r}")


def _check_buttons(buttons: list[dict[str, Any]]) -> None:
    for button in buttons:
        _limit(button.get("title"), LIMITS["title"], "button title")
        if button.get("type") == "postback":
            _limit(button.get("payload"), LIMITS["payload"], "postback payload")
        elif button.get("type") != "web_url" or not button.get("url"):
            raise GraphError(100, "(#100) a button is a postback or a web_url")


def _checked_carousel(payload: dict[str, Any]) -> dict[str, Any]:
    """A generic template: 1 to 10 cards, each a title, maybe a subtitle, image and 3 buttons."""
    elements = payload.get("elements")
    if not isinstance(elements, list) or not 1 <= len(elements) <= LIMITS["elements"]:
        raise GraphError(100, "(#100) a generic template holds 1 to 10 elements")
    cards = []
    for element in elements:
        _limit(element.get("title"), LIMITS["element_text"], "element title")
        if "subtitle" in element:
            _limit(element["subtitle"], LIMITS["element_text"], "element subtitle")
        buttons = element.get("buttons") or []
        if len(buttons) > LIMITS["template_buttons"]:
            raise GraphError(100, "(#100) an element holds at most 3 buttons")
        _check_buttons(buttons)
        cards.append(
            {
                "title": element["title"],
                "subtitle": element.get("subtitle", ""),
                "image": element.get("image_url"),
                "buttons": buttons,
            }
        )
    return {"kind": "carousel", "cards": cards}


def _check_menu(menu: dict[str, Any]) -> None:
    actions = menu.get("call_to_actions") or []
    if not 1 <= len(actions) <= 20:
        raise GraphError(100, "(#100) a persistent menu holds 1 to 20 items")
    for action in actions:
        _limit(action.get("title"), LIMITS["menu_title"], "menu item title")
