"""The campaign as one person sees it: stories in their language, their "this helped me"."""

from __future__ import annotations

from datetime import datetime

from bot.campaign.announce import announce
from bot.campaign.content import new_slug
from bot.campaign.language import nearest_language
from bot.services.access import AdminIds
from bot.services.audit import record_action
from bot.services.bound import StaffAwareService
from dialogs.ports import CampaignPort, ContentItem, OpportunityDraft, StoryDraft, StoryView
from dialogs.programme import TOPICS
from storage.models import Opportunity, Story, User
from storage.unit_of_work import UnitOfWork


def media_url(path: str, base: str | None) -> str:
    """A content path ("media/stories/x.mp4") under the media base; a URL as it is."""
    if path.startswith(("http://", "https://")) or base is None:
        return path
    return f"{base.rstrip('/')}/{path.removeprefix('media/').lstrip('/')}"


class CampaignService(StaffAwareService, CampaignPort):
    def __init__(
        self,
        uow: UnitOfWork,
        user: User,
        admin_ids: AdminIds,
        now: datetime,
        channel: str,
        media_base: str | None,
    ) -> None:
        super().__init__(uow, user, admin_ids, now)
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
            if (topic is None or topic in row.topics) and self._plays_here(row)
        ]

    def _plays_here(self, row: Story) -> bool:
        """A video sent in the chat plays only on the channel it was sent on (unless linked)."""
        return bool(row.video or row.video_ids.get(self._channel))

    async def topics(self) -> list[str]:
        used = {topic for row in await self._uow.campaign.stories(True) for topic in row.topics}
        return [topic for topic in TOPICS if topic in used]

    async def watched(self, story_id: int) -> None:
        await self._uow.campaign.count_view(story_id)

    async def content(self) -> list[ContentItem] | None:
        if not await self._is_staff():
            return None
        items = [
            ContentItem(
                "story",
                row.id or 0,
                row.title[nearest_language(row.title, self._user)],
                row.summary.get(nearest_language(row.title, self._user), ""),
                row.published,
                tuple(sorted(row.title)),
            )
            for row in await self._uow.campaign.stories()
        ]
        items += [
            ContentItem(
                "opportunity",
                row.id or 0,
                row.title[nearest_language(row.title, self._user)],
                row.text.get(nearest_language(row.title, self._user), ""),
                row.published,
                tuple(sorted(row.title)),
            )
            for row in await self._uow.campaign.opportunities()
        ]
        return items

    async def set_published(self, kind: str, item_id: int, published: bool) -> bool:
        if not await self._is_staff():
            return False
        row: Story | Opportunity | None
        if kind == "story":
            row = await self._uow.campaign.story_by_id(item_id)
        else:
            row = await self._uow.campaign.opportunity_by_id(item_id)
        if row is None or row.published == published:
            return row is not None
        row.published, row.updated_at = published, self._now
        self._uow.session.add(row)
        await self._uow.session.flush()
        await record_action(
            self._uow, self._me, "content_published" if published else "content_unpublished",
            None, self._now, f"{kind}:{row.slug}"[:64],
        )  # fmt: skip
        if published:  # the news goes out with the change, in the same transaction
            stories, opportunities = ([row.slug], []) if kind == "story" else ([], [row.slug])
            await announce(self._uow, stories, opportunities, self._now)
        return True

    async def can_edit(self) -> bool:
        return await self._is_staff()

    async def save_story(self, draft: StoryDraft) -> int | None:
        if not await self._is_staff():
            return None
        rows = await self._uow.campaign.stories()
        row = Story(
            slug=new_slug(draft.title, {r.slug for r in rows}, "story"),
            position=max((r.position for r in rows), default=0) + 1,  # after every other
            expert=draft.expert,
            topics=list(draft.topics),
            video=draft.link or "",
            video_ids={self._channel: draft.upload} if draft.upload else {},
            title=dict(draft.title),
            summary=dict(draft.summary),
            updated_at=self._now,
        )
        return await self._created(row)

    async def save_opportunity(self, draft: OpportunityDraft) -> int | None:
        if not await self._is_staff():
            return None
        rows = await self._uow.campaign.opportunities()
        row = Opportunity(
            slug=new_slug(draft.title, {r.slug for r in rows}, "opportunity"),
            countries=list(draft.countries),
            deadline=draft.deadline,
            apply_url=draft.apply_url,
            interest=draft.apply_url is None,
            age_min=draft.age_min,
            age_max=draft.age_max,
            title=dict(draft.title),
            text=dict(draft.text),
            updated_at=self._now,
        )
        return await self._created(row)

    async def _created(self, row: Story | Opportunity) -> int:
        self._uow.session.add(row)
        await self._uow.session.flush()
        kind = "story" if isinstance(row, Story) else "opportunity"
        await record_action(
            self._uow, self._me, "content_created", None, self._now, f"{kind}:{row.slug}"[:64]
        )
        assert row.id is not None
        return row.id

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
            expert=row.expert_names.get(language) or row.expert,
            topics=tuple(row.topics),
            title=row.title[language],
            summary=row.summary.get(language, ""),
            language=language,
            video=video,
            thumbnail=thumbnail,
            helped=helped,
        )
