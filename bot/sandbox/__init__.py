"""Local Telegram Bot API emulator and web chat page ("the sandbox")."""

from bot.sandbox.emulator import BotApiEmulator
from bot.sandbox.ratelimit import EmulatorLimits

__all__ = ["BotApiEmulator", "EmulatorLimits"]
