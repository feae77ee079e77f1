"""The campaign as one person sees it: stories in their language, their "this helped me"."""

from __future__ import annotations

from datetime import datetime

from bot.campaign.content import TOPICS
from bot.services.bound import BoundService
from dialogs.i18n import LANGUAGES
from dialogs.ports import CampaignPort, StoryView
from storage.models import Story, User
from storage.unit_of_work import UnitOfWork

# The language a country's people are most likely to read after their own.
COUNTRY_LANGUAGE = {"LV": "lv", "LT": "lt"}


def nearest_language(texts: dict[str, str], user: User) -> str:
    """The person's language, else the one of their country, else English, else any."""
    preferred = [user.language, COUNTRY_LANGUAGE.get(user.country or ""), "en"]
    for language in [*preferred, *LANGUAGES]:
        if language and language in texts:
            return language
    return next(iter(texts))


def media_url(path: str, base: str | None) -> str:
    """A content path ("media/stories/x.mp4") under the media base; a URL as it is."""
    if path.startswith(("http://", "https://")) or base is None:
        return path
    return f"{base.rstrip('/')}/{path.removeprefix('media/').lstrip('/')}"


class CampaignService(BoundService, CampaignPort):
    def __init__(
        self, uow: UnitOfWork, user: User, now: datetime, channel: str, media_base: str | None
    ) -> None:
        super().__init__(uow, user, now)
        self._channel = channel
        self._media_base = media_base

    async def stories(self, topic: str | None = None) -> list[StoryView]:
        rows = await self._uow.campaign.stories(published_only=True)
        helped = set()
        if self._user.id is not None and self._user.consent_at is not None:
            helped = await self._uow.campaign.helped_by(self._me)
        return [
            self._view(row, row.id in helped)
            for row in rows
            if topic is None or topic in row.topics
        ]

    async def topics(self) -> list[str]:
        used = {topic for row in await self._uow.campaign.stories(True) for topic in row.topics}
        return [topic for topic in TOPICS if topic in used]

    async def watched(self, story_id: int) -> None:
        await self._uow.campaign.count_view(story_id)

    async def mark_helped(self, story_id: int) -> bool:
        if self._user.consent_at is None or self._user.id is None:
            return False  # a tap is kept with the person: only once they agreed
        await self._uow.campaign.mark_helped(story_id, self._me)
        return True

    def _view(self, row: Story, helped: bool) -> StoryView:
        assert row.id is not None
        language = nearest_language(row.title, self._user)
        video = row.video_ids.get(self._channel) or media_url(row.video, self._media_base)
        thumbnail = media_url(row.thumbnail, self._media_base) if row.thumbnail else None
        return StoryView(
            id=row.id,
            slug=row.slug,
            expert=row.expert,
            topics=tuple(row.topics),
            title=row.title[language],
            summary=row.summary.get(language, ""),
            language=language,
            video=video,
            thumbnail=thumbnail,
            helped=helped,
        )
