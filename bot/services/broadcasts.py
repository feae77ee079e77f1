"""Broadcasts as a coordinator composes and follows them in the chat."""

from __future__ import annotations

from dataclasses import replace

from bot.broadcasts import control
from bot.broadcasts.expand import GUARDIAN_NEEDED, version_for
from bot.broadcasts.post import Post
from bot.broadcasts.progress import view_of
from bot.broadcasts.report import report_csv
from bot.messenger.delivery import WINDOW
from bot.services.audit import record_action
from bot.services.bound import StaffAwareService
from dialogs.ports import AudienceCount, BroadcastDraft, BroadcastsPort, BroadcastView
from storage.broadcasts import Audience
from storage.models import Broadcast


class BroadcastsService(StaffAwareService, BroadcastsPort):
    async def count(self, draft: BroadcastDraft) -> AudienceCount | None:
        if not await self._is_staff():
            return None
        census = await self._uow.broadcasts.census(
            _audience(draft), GUARDIAN_NEEDED, self._now - WINDOW
        )
        counts = {"telegram": 0, "messenger": 0, "now": 0, "no_version": 0, "not_agreed": 0}
        for channel, language, country, agreed, seen, number in census:
            if not agreed:
                counts["not_agreed"] += number
            elif version_for(draft.texts, draft.fallback, language, country) is None:
                counts["no_version"] += number
            else:
                counts["messenger" if channel == "messenger" else "telegram"] += number
                counts["now"] += number if channel == "messenger" and seen else 0
        return AudienceCount(
            telegram=counts["telegram"],
            messenger=counts["messenger"],
            messenger_now=counts["now"],
            no_version=counts["no_version"],
            not_agreed=counts["not_agreed"],
        )

    async def create(self, draft: BroadcastDraft) -> int | None:
        if not await self._is_staff():
            return None
        post = Post(texts=draft.texts, fallback=draft.fallback, media=draft.media)
        made = await control.create(
            self._uow, post, _audience(draft), draft.send_at or self._now, self._now, self._me
        )
        made.button = draft.button  # already resolved to an id by the composer
        self._uow.session.add(made)
        await self._uow.session.flush()
        assert made.id is not None
        await record_action(
            self._uow, self._me, "broadcast_created", None, self._now, f"broadcast:{made.id}"
        )
        return made.id

    async def recent(self) -> list[BroadcastView] | None:
        if not await self._is_staff():
            return None
        return [await self._view(row) for row in await self._uow.broadcasts.all(limit=10)]

    async def view(self, broadcast_id: int) -> BroadcastView | None:
        if not await self._is_staff():
            return None
        row = await self._uow.broadcasts.get(broadcast_id)
        return None if row is None else await self._view(row)

    async def steer(self, broadcast_id: int, action: str) -> bool:
        if not await self._is_staff() or action not in ("pause", "resume", "cancel"):
            return False
        steer = {"pause": control.pause, "resume": control.resume, "cancel": control.cancel}
        try:
            await steer[action](self._uow, broadcast_id)
        except control.BroadcastError:
            return False
        await record_action(
            self._uow, self._me, f"broadcast_{action}", None, self._now, f"broadcast:{broadcast_id}"
        )
        return True

    async def _view(self, row: Broadcast) -> BroadcastView:
        report = await self._uow.broadcasts.report(row)
        view = await view_of(self._uow, row, self._now, report)
        return replace(view, csv=report_csv(row, report).encode())


def _audience(draft: BroadcastDraft) -> Audience:
    return Audience.from_json({key: value for key, value in draft.audience.items() if value})
