"""The campaign news a person asked for: new stories (all, or by topic) and new opportunities."""

from __future__ import annotations

from bot.services.bound import BoundService
from dialogs.ports import NewsChoice, NewsPort
from dialogs.programme import TOPICS
from storage.subscriptions import OPPORTUNITIES, STORIES


class NewsService(BoundService, NewsPort):
    async def choice(self) -> NewsChoice:
        if self._user.id is None:
            return NewsChoice(False, (), False)
        rows = await self._uow.subscriptions.of(self._me)
        topics = {row.topic for row in rows if row.kind == STORIES and row.topic}
        return NewsChoice(
            all_stories=any(row.kind == STORIES and not row.topic for row in rows),
            topics=tuple(topic for topic in TOPICS if topic in topics),
            opportunities=any(row.kind == OPPORTUNITIES for row in rows),
        )

    async def set_all_stories(self, on: bool) -> bool:
        if not self._agreed():
            return False
        # All stories or some topics: choosing one replaces the other.
        await self._uow.subscriptions.remove(self._me, STORIES)
        if on:
            await self._uow.subscriptions.add(self._me, STORIES, "", self._now)
        return True

    async def toggle_topic(self, topic: str) -> bool:
        if not self._agreed() or topic not in TOPICS:
            return False
        chosen = await self.choice()
        await self._uow.subscriptions.remove(self._me, STORIES, "")
        if topic in chosen.topics:
            await self._uow.subscriptions.remove(self._me, STORIES, topic)
        else:
            await self._uow.subscriptions.add(self._me, STORIES, topic, self._now)
        return True

    async def set_opportunities(self, on: bool) -> bool:
        if not self._agreed():
            return False
        if on:
            await self._uow.subscriptions.add(self._me, OPPORTUNITIES, "", self._now)
        else:
            await self._uow.subscriptions.remove(self._me, OPPORTUNITIES)
        return True

    async def stop(self) -> int:
        if self._user.id is None:
            return 0
        return await self._uow.subscriptions.remove(self._me)

    def _agreed(self) -> bool:
        return self._user.consent_at is not None and self._user.id is not None
