"""Tell subscribers of what was just published, through the outbox.

Each piece of news is one outbox row per person, keyed so that a second import (or a crash and
a retry) never tells anyone twice. On Messenger the outbox holds it for the person's next visit
when their 24-hour window is closed; news nobody could deliver in four weeks expires.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.services.opportunities import is_open_to
from dialogs.notice_payloads import NewsOpportunity, NewsStory
from storage.models import as_utc
from storage.subscriptions import OPPORTUNITIES, STORIES
from storage.unit_of_work import UnitOfWork

NEWS_LIFETIME = timedelta(days=28)


async def announce(
    uow: UnitOfWork, stories: list[str], opportunities: list[str], now: datetime
) -> int:
    """Queue the news of these newly published items for their subscribers; how many rows."""
    queued = 0
    for slug in stories:
        story = await uow.campaign.story(slug)
        if story is None or not story.published or story.id is None:
            continue
        payload = NewsStory(story=story.id, title=story.title)
        for person in await uow.subscriptions.subscribers(STORIES, story.topics):
            if not (story.video or story.video_ids.get(person.channel)):
                continue  # a video sent in one app's chat, without a link: not playable here
            assert person.id is not None
            queued += await uow.outbox.enqueue(
                person.id,
                "news_story",
                payload,
                due_at=now,
                expires_at=now + NEWS_LIFETIME,
                dedupe_key=f"news:story:{story.id}:{person.id}",
            )
    for slug in opportunities:
        item = await uow.campaign.opportunity(slug)
        if item is None or not item.published or item.id is None:
            continue
        deadline = as_utc(item.deadline) if item.deadline else None
        news = NewsOpportunity(
            opportunity=item.id,
            title=item.title,
            deadline=deadline.isoformat() if deadline else "",
        )
        ends = min(deadline, now + NEWS_LIFETIME) if deadline else now + NEWS_LIFETIME
        for person in await uow.subscriptions.subscribers(OPPORTUNITIES):
            if not is_open_to(item, person, now):
                continue  # not for their country or age: no news of it either
            assert person.id is not None
            queued += await uow.outbox.enqueue(
                person.id,
                "news_opportunity",
                news,
                due_at=now,
                expires_at=ends,
                dedupe_key=f"news:opportunity:{item.id}:{person.id}",
            )
    return queued
