"""Bot API methods that send, edit and delete messages and answer callback queries."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Awaitable, Callable
from pathlib import PurePosixPath
from typing import Any

from sandbox.api_spec import UploadedFile
from sandbox.content import (
    TEXT_LIMIT,
    apply_reply_keyboard,
    check_length,
    check_reply_target,
    format_caption,
    format_text,
    inline_only,
    reply_parameters,
)
from sandbox.errors import bad_request, forbidden
from sandbox.keyboards import check_reply_markup
from sandbox.ratelimit import RateLimiter
from sandbox.render import message_to_api
from sandbox.state import Chat, ChatMessage, SandboxState, StoredFile

Handler = Callable[[dict[str, Any], dict[str, UploadedFile]], Awaitable[Any]]

ANSWER_TEXT_LIMIT = 200
CALLBACK_TTL_SECONDS = 15 * 60
CHAT_ACTIONS = {
    "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
    "upload_document", "choose_sticker", "find_location", "record_video_note",
    "upload_video_note",
}  # fmt: skip
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
MEDIA_KINDS = ("document", "photo", "video")


class MessagingMethods:
    """Implement sendMessage, edits, deletes, media, chat actions and callback answers."""

    def __init__(self, state: SandboxState, limiter: RateLimiter, bot_user: dict[str, Any]):
        self.state = state
        self.limiter = limiter
        self.bot_user = bot_user

    def handlers(self) -> dict[str, Handler]:
        """Map spec method names to their implementations."""
        return {
            "sendMessage": self.send_message,
            "editMessageText": self.edit_message_text,
            "editMessageCaption": self.edit_message_caption,
            "editMessageReplyMarkup": self.edit_message_reply_markup,
            "editMessageMedia": self.edit_message_media,
            "deleteMessage": self.delete_message,
            "answerCallbackQuery": self.answer_callback_query,
            "sendChatAction": self.send_chat_action,
            "sendDocument": self.send_document,
            "sendPhoto": self.send_photo,
            "sendVideo": self.send_video,
            "getFile": self.get_file,
        }

    # --- lookups -------------------------------------------------------------------------

    def chat(self, chat_id: int | str) -> Chat:
        """Find a private chat; usernames never resolve for private chats, as in Telegram."""
        if isinstance(chat_id, str):
            if not re.fullmatch(r"-?\d+", chat_id):
                raise bad_request("chat not found")
            chat_id = int(chat_id)
        chat = self.state.chats.get(chat_id)
        if chat is None:
            raise bad_request("chat not found")
        return chat

    def writable_chat(self, chat_id: int | str) -> Chat:
        """Find a chat the bot may write to (the user has not blocked the bot)."""
        chat = self.chat(chat_id)
        if chat.user.blocked:
            raise forbidden("bot was blocked by the user")
        return chat

    def message_to_edit(self, params: dict[str, Any]) -> tuple[Chat, ChatMessage]:
        """Resolve chat_id + message_id of an edit request to a bot message."""
        if "inline_message_id" in params:
            # The sandbox has no inline mode, so no inline message can exist.
            raise bad_request("message to edit not found")
        if "chat_id" not in params:
            raise bad_request("chat_id is empty")
        if "message_id" not in params:
            raise bad_request("message identifier is not specified")
        chat = self.writable_chat(params["chat_id"])
        message = chat.live_message(params["message_id"])
        if message is None:
            raise bad_request("message to edit not found")
        if message.sender != "bot":
            raise bad_request("message can't be edited")
        return chat, message

    def api(self, chat: Chat, message: ChatMessage) -> dict[str, Any]:
        """Render a message as the Bot API Message object returned to the bot."""
        return message_to_api(message, chat.user, self.bot_user)

    # --- sending -------------------------------------------------------------------------

    async def send_message(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        """Send a text message after Telegram's text, markup, reply and flood checks."""
        chat = self.writable_chat(params["chat_id"])
        body = format_text(params["text"], params.get("parse_mode"), params.get("entities"))
        check_length(body, TEXT_LIMIT, "message is too long", empty="message text is empty")
        markup = check_reply_markup(params.get("reply_markup"))
        check_reply_target(chat, reply_parameters(params))
        self.limiter.acquire(chat.user.id)
        message = chat.add_message(
            "bot", text=body.text, html=body.html, entities=body.entities,
            reply_markup=inline_only(markup),
        )  # fmt: skip
        apply_reply_keyboard(chat, markup)
        await self.state.touch(chat)
        return self.api(chat, message)

    async def send_document(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        """Send a file as a document."""
        return await self.send_media("document", params, files)

    async def send_photo(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        """Send a photo."""
        return await self.send_media("photo", params, files)

    async def send_video(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        """Send a video."""
        return await self.send_media("video", params, files)

    async def send_media(
        self, kind: str, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> Any:
        """Store the uploaded or referenced file and add a media message to the chat."""
        chat = self.writable_chat(params["chat_id"])
        stored = self.resolve_file(params[kind], files)
        caption = format_caption(params)
        markup = check_reply_markup(params.get("reply_markup"))
        check_reply_target(chat, reply_parameters(params))
        self.limiter.acquire(chat.user.id)
        extra = {key: params[key] for key in ("width", "height", "duration") if key in params}
        message = chat.add_message(
            "bot", media_kind=kind, media=stored, media_extra=extra,
            caption=caption.text or None, caption_html=caption.html,
            caption_entities=caption.entities, reply_markup=inline_only(markup),
        )  # fmt: skip
        apply_reply_keyboard(chat, markup)
        await self.state.touch(chat)
        return self.api(chat, message)

    def resolve_file(self, value: Any, files: dict[str, UploadedFile]) -> StoredFile:
        """Turn an upload, attach:// reference, known file_id or URL into a stored file."""
        if isinstance(value, str) and value.startswith("attach://"):
            value = files.get(value.removeprefix("attach://"), value)
        if isinstance(value, UploadedFile):
            if not value.data:
                raise bad_request("file must be non-empty")
            mime = value.content_type if value.content_type != "application/octet-stream" else None
            stored = StoredFile(value.file_name, value.data, mime, value.size)
            return self.state.store_file(stored)
        if value in self.state.files:
            return self.state.files[value]
        if re.match(r"https?://\S+$", value):
            # No internet here: remember the URL by name only, as an empty file.
            name = PurePosixPath(value.split("?")[0]).name or "file"
            return self.state.store_file(StoredFile(name, b"", None, 0))
        raise bad_request("wrong file identifier/HTTP URL specified")

    async def get_file(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        """Describe a stored file; its bytes are served under /file/bot<token>/<file_path>."""
        stored = self.state.files.get(params["file_id"])
        if stored is None:
            raise bad_request("invalid file_id")
        return {**stored.to_api(), "file_path": f"files/{stored.file_id}"}

    async def send_chat_action(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        """Show 'typing…' and similar in the chat for a few seconds."""
        chat = self.writable_chat(params["chat_id"])
        if params["action"] not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        chat.last_action = (params["action"], time.monotonic())
        await self.state.touch(chat)
        return True

    # --- editing -------------------------------------------------------------------------

    async def edit_message_text(
        self, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> Any:
        """Replace a bot message's text; a missing reply_markup removes the keyboard."""
        chat, message = self.message_to_edit(params)
        if message.media is not None or message.contact is not None:
            raise bad_request("there is no text in the message to edit")
        body = format_text(params["text"], params.get("parse_mode"), params.get("entities"))
        check_length(body, TEXT_LIMIT, "message is too long", empty="message text is empty")
        markup = check_reply_markup(params.get("reply_markup"))
        same = (
            body.text == message.text
            and body.entities == message.entities
            and markup == message.reply_markup
        )
        if same:
            raise bad_request(NOT_MODIFIED)
        self.limiter.acquire(chat.user.id)
        message.text, message.html, message.entities = body.text, body.html, body.entities
        message.reply_markup = markup
        return await self.finish_edit(chat, message)

    async def edit_message_caption(
        self, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> Any:
        """Replace a media message's caption; a missing reply_markup removes the keyboard."""
        chat, message = self.message_to_edit(params)
        if message.media is None:
            raise bad_request("there is no caption in the message to edit")
        caption = format_caption(params)
        markup = check_reply_markup(params.get("reply_markup"))
        same = (
            (caption.text or None) == message.caption
            and caption.entities == message.caption_entities
            and markup == message.reply_markup
        )
        if same:
            raise bad_request(NOT_MODIFIED)
        self.limiter.acquire(chat.user.id)
        message.caption, message.caption_html = caption.text or None, caption.html
        message.caption_entities = caption.entities
        message.reply_markup = markup
        return await self.finish_edit(chat, message)

    async def edit_message_media(
        self, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> Any:
        """Replace a media message's photo or video, with its caption and keyboard."""
        chat, message = self.message_to_edit(params)
        media = params.get("media")
        if isinstance(media, str):
            media = json.loads(media)
        if not isinstance(media, dict) or media.get("type") not in ("photo", "video"):
            raise bad_request("media type is not supported")
        if message.media is None or message.media_kind not in ("photo", "video"):
            raise bad_request("there is no media in the message to edit")
        stored = self.resolve_file(media.get("media"), files)
        caption = format_caption(media)
        markup = check_reply_markup(params.get("reply_markup"))
        self.limiter.acquire(chat.user.id)
        message.media_kind, message.media = media["type"], stored
        message.caption, message.caption_html = caption.text or None, caption.html
        message.caption_entities = caption.entities
        message.reply_markup = markup
        return await self.finish_edit(chat, message)

    async def edit_message_reply_markup(
        self, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> Any:
        """Replace or remove a bot message's inline keyboard."""
        chat, message = self.message_to_edit(params)
        markup = check_reply_markup(params.get("reply_markup"))
        if markup == message.reply_markup:
            raise bad_request(NOT_MODIFIED)
        self.limiter.acquire(chat.user.id)
        message.reply_markup = markup
        return await self.finish_edit(chat, message)

    async def finish_edit(self, chat: Chat, message: ChatMessage) -> dict[str, Any]:
        """Mark a message edited, wake waiters and return it."""
        message.edit_count += 1
        message.edit_date = int(time.time())
        await self.state.touch(chat, edited=message)
        return self.api(chat, message)

    async def delete_message(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        """Delete a message (bots may delete both sides of a private chat)."""
        chat = self.chat(params["chat_id"])
        message = chat.live_message(params["message_id"])
        if message is None:
            raise bad_request("message to delete not found")
        message.deleted = True
        await self.state.touch(chat)
        return True

    # --- callback queries ----------------------------------------------------------------

    async def answer_callback_query(
        self, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> Any:
        """Answer a button press once, within Telegram's 15-minute window."""
        query = self.state.callbacks.get(params["callback_query_id"])
        expired = query is not None and time.monotonic() - query.created > CALLBACK_TTL_SECONDS
        if query is None or query.answered or expired:
            raise bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        text = params.get("text", "")
        if len(text) > ANSWER_TEXT_LIMIT:
            raise bad_request("MESSAGE_TOO_LONG")
        query.answered = True
        chat = self.state.chats[query.user_id]
        answer = {
            "callback_query_id": query.id,
            "text": text,
            "show_alert": bool(params.get("show_alert", False)),
        }
        if "url" in params:
            answer["url"] = params["url"]
        chat.callback_answers.append(answer)
        await self.state.touch(chat)
        return True
