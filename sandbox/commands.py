"""Bot command lists per scope and language, and the chat menu button."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from sandbox.api_spec import UploadedFile
from sandbox.errors import bad_request

COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")
LANGUAGE_RE = re.compile(r"[a-z]{2}")
MAX_COMMANDS = 100
MAX_DESCRIPTION = 256

ScopeKey = tuple[str, str]  # (scope type with its ids, language code or "")


def scope_id(scope: dict[str, Any] | None) -> str:
    """Identify a BotCommandScope by type plus the chat/user it names."""
    if not scope:
        return "default"
    parts = [str(scope.get("type", "default"))]
    parts += [str(scope[key]) for key in ("chat_id", "user_id") if key in scope]
    return ":".join(parts)


class CommandMethods:
    """Implement set/get/deleteMyCommands and the chat menu button methods."""

    def __init__(self) -> None:
        self.commands: dict[ScopeKey, list[dict[str, str]]] = {}
        self.menu_buttons: dict[str, dict[str, Any]] = {}

    def handlers(self) -> dict[str, Callable[..., Awaitable[Any]]]:
        """Map spec method names to their implementations."""
        return {
            "setMyCommands": self.set_my_commands,
            "getMyCommands": self.get_my_commands,
            "deleteMyCommands": self.delete_my_commands,
            "setChatMenuButton": self.set_chat_menu_button,
            "getChatMenuButton": self.get_chat_menu_button,
        }

    def key(self, params: dict[str, Any]) -> ScopeKey:
        """Build the storage key and validate language_code like Telegram."""
        language = params.get("language_code", "")
        if language and not LANGUAGE_RE.fullmatch(language):
            raise bad_request("invalid language code specified")
        return scope_id(params.get("scope")), language

    async def set_my_commands(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        """Store the command list for a scope and language."""
        commands = params["commands"]
        if len(commands) > MAX_COMMANDS:
            raise bad_request("too many commands specified")
        for command in commands:
            if not COMMAND_RE.fullmatch(command["command"]):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(command["description"].strip()) <= MAX_DESCRIPTION:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        key = self.key(params)
        if commands:
            self.commands[key] = [
                {"command": c["command"], "description": c["description"]} for c in commands
            ]
        else:
            self.commands.pop(key, None)
        return True

    async def get_my_commands(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        """Return the list stored for exactly this scope and language."""
        return self.commands.get(self.key(params), [])

    async def delete_my_commands(
        self, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> Any:
        """Forget the list for a scope and language."""
        self.commands.pop(self.key(params), None)
        return True

    async def set_chat_menu_button(
        self, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> Any:
        """Remember the menu button (shown nowhere; the page always offers commands)."""
        self.menu_buttons[str(params.get("chat_id", ""))] = params.get(
            "menu_button", {"type": "default"}
        )
        return True

    async def get_chat_menu_button(
        self, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> Any:
        """Return the remembered menu button, or the default one."""
        chat_key = str(params.get("chat_id", ""))
        return self.menu_buttons.get(chat_key) or self.menu_buttons.get("", {"type": "default"})

    def visible_commands(self, language: str, chat_id: int | None) -> list[dict[str, str]]:
        """Resolve what a private-chat user sees, in Telegram's scope/language fallback order."""
        scopes = [f"chat:{chat_id}"] if chat_id is not None else []
        scopes += ["all_private_chats", "default"]
        for scope in scopes:
            for lang in ([language] if language else []) + [""]:
                if (scope, lang) in self.commands:
                    return self.commands[(scope, lang)]
        return []
