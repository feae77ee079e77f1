"""Flows driven through the real conversation service and services, on a fresh database.

What the bot's channels do with an update, minus the channel: the same transaction, the same
services, the same stored state. Only the clock is the test's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.services.conversation import ConversationService, Handled, Incoming
from dialogs.conversation import build_engine
from dialogs.events import ActionEvent, CommandEvent, Event, TextEvent
from dialogs.i18n import Catalogues
from dialogs.replies import Reply
from storage.unit_of_work import UnitOfWorkFactory

CATALOGUES = Catalogues()
ENGINE = build_engine()


@dataclass
class Clock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now


@dataclass
class RealPerson:
    """One person on Telegram: events in, the bot's replies out."""

    service: ConversationService
    external_id: str
    language_code: str = "en"
    version: int = 0
    replies: list[Reply] = field(default_factory=list)

    async def do(self, event: Event) -> Handled:
        handled = await self.service.handle(
            Incoming("telegram", self.external_id, event, language_code=self.language_code)
        )
        self.version = handled.version
        self.replies = handled.replies
        return handled

    async def send(self, text: str) -> Handled:
        return await self.do(TextEvent(text))

    async def command(self, name: str) -> Handled:
        return await self.do(CommandEvent(name))

    async def press(self, action: str, version: int | None = -1) -> Handled:
        """A button on the newest screen; `version` None for a sticky one on a notice."""
        return await self.do(ActionEvent(action, self.version if version == -1 else version))

    @property
    def screen(self) -> Reply:
        return self.replies[-1]


def service(
    uow_factory: UnitOfWorkFactory, clock: Clock, admin_ids: list[int] | None = None
) -> ConversationService:
    return ConversationService(uow_factory, ENGINE, CATALOGUES, admin_ids=admin_ids, clock=clock)


async def at(uow_factory: UnitOfWorkFactory, person: RealPerson) -> tuple[str, str]:
    """The flow and step the person's conversation is at, as stored."""
    async with uow_factory() as uow:
        user = await uow.users.find("telegram", person.external_id)
        state = await uow.dialogs.get(user.id) if user and user.id else None
        assert state is not None, f"{person.external_id} has no conversation yet"
        return state.flow, state.step


def labels(reply: Reply) -> list[str]:
    return [button.label for row in reply.buttons for button in row]


def actions(reply: Reply) -> list[str]:
    return [button.action for row in reply.buttons for button in row]
