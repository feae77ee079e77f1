"""The command menu, in each of our languages."""

from __future__ import annotations

from functools import partial

from aiogram.types import BotCommand, BotCommandScopeChat

from bot.telegram.sender import TelegramSender
from dialogs.conversation import MENU_COMMANDS, command_descriptions
from dialogs.i18n import DEFAULT_LANGUAGE, LANGUAGES, Catalogues


class CommandMenu:
    def __init__(self, sender: TelegramSender, catalogues: Catalogues) -> None:
        self._sender = sender
        self._catalogues = catalogues

    def commands(self, language: str) -> list[BotCommand]:
        descriptions = command_descriptions(self._catalogues.translator(language))
        return [BotCommand(command=name, description=descriptions[name]) for name in MENU_COMMANDS]

    async def publish(self) -> None:
        """Set the menu for each language's Telegram clients, English for everyone else."""
        bot = self._sender.bot
        for language in LANGUAGES:
            commands = self.commands(language)
            await self._sender.call(partial(bot.set_my_commands, commands, language_code=language))
        default = self.commands(DEFAULT_LANGUAGE)
        await self._sender.call(lambda: bot.set_my_commands(default))

    async def set_for_chat(self, chat_id: int, language: str) -> None:
        """A user who picked another language than their app's sees the menu in theirs."""
        commands = self.commands(language)
        scope = BotCommandScopeChat(chat_id=chat_id)
        await self._sender.call(lambda: self._sender.bot.set_my_commands(commands, scope=scope))

    async def forget_chat(self, chat_id: int) -> None:
        """After erasure, the chat falls back to the menu of its app's language."""
        scope = BotCommandScopeChat(chat_id=chat_id)
        await self._sender.call(lambda: self._sender.bot.delete_my_commands(scope=scope))
