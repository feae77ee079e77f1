"""The local sandbox: Telegram Bot API and Graph API (Messenger) emulators and a web chat page.

Imported only in sandbox mode (no token) and by the tests: production never loads it.
"""

from sandbox.emulator import BotApiEmulator
from sandbox.graph import GraphEmulator
from sandbox.ratelimit import EmulatorLimits

__all__ = ["BotApiEmulator", "EmulatorLimits", "GraphEmulator"]
