"""One person, two channels: a Messenger person links a Telegram account for reminders.

Messenger lets the bot write only within 24 hours of the person's last message; Telegram at
any time. The person asks for a one-time code where they are and opens the link on Telegram;
that account then speaks as them, and the bot's own news reach them there.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from bot.services.bound import BoundService
from dialogs.ports import LinkOffer
from storage.models import User
from storage.unit_of_work import UnitOfWork

CODE_LIFETIME = timedelta(minutes=30)
LINK_PREFIX = "link-"
# No 0/O or 1/I/L: the code may be typed from one screen to another.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


class LinkingService(BoundService):
    def __init__(
        self,
        uow: UnitOfWork,
        user: User,
        account: User,
        now: datetime,
        link_bases: tuple[str, ...] = (),
    ) -> None:
        super().__init__(uow, user, now)
        self._account = account  # the account writing now (the person's own, or linked)
        self._link_bases = link_bases  # deep links of the channels that can always write

    async def offer(self) -> LinkOffer | None:
        if not self._link_bases or self._user.consent_at is None:
            return None
        code = "".join(secrets.choice(ALPHABET) for _ in range(8))
        await self._uow.links.new_code(self._me, code, self._now + CODE_LIFETIME)
        links = tuple(f"{base}{LINK_PREFIX}{code}" for base in self._link_bases)
        return LinkOffer(code, links, int(CODE_LIFETIME.total_seconds() // 60))

    async def linked(self) -> bool:
        return await self._uow.links.second_account(self._me) is not None

    async def link(self, code: str) -> str:
        account = self._account
        person_id = await self._uow.links.take(code.strip().upper(), self._now)
        if person_id is None:
            return "gone"
        if person_id in (account.id, account.linked_to_id):
            return "own"
        # An account with a profile of its own is a different person's, or needs erasing first.
        if account.consent_at is not None or account.linked_to_id is not None:
            return "taken"
        if await self._uow.links.second_account(person_id) is not None:
            return "taken"
        await self._uow.links.link(account, person_id)
        return "ok"
