"""Campaign news: who is told of what is published, once, and how it stops."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.campaign.announce import announce
from bot.campaign.content import parse
from bot.campaign.library import import_content
from bot.services.erasure import erase_person
from bot.services.news import NewsService
from storage.models import User
from storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

NOW = datetime(2026, 11, 26, 12, tzinfo=UTC)
DRAFTS = """
stories:
  - slug: school-story
    published: false
    expert: Ilze
    topics: [school]
    video: media/stories/school-story.mp4
    title: {en: "School"}
    summary: {en: "..."}
  - slug: family-story
    published: false
    expert: Ilze
    topics: [family]
    video: media/stories/family-story.mp4
    title: {en: "Family"}
    summary: {en: "..."}
opportunities:
  - slug: for-lithuania
    published: false
    countries: [LT]
    interest: true
    title: {en: "For Lithuania"}
    text: {en: "..."}
"""


async def person(uow: UnitOfWork, external_id: str, country: str = "LV") -> User:
    user = await uow.users.get_or_create("telegram", external_id, "en")
    user.country, user.age_group, user.consent_at = country, "14-17", NOW
    uow.session.add(user)
    await uow.session.flush()
    return user


async def test_subscribers_are_told_once_of_what_is_published(
    uow_factory: UnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        await import_content(uow, parse(DRAFTS), NOW)
        everything = await person(uow, "1")
        school_only = await person(uow, "2")
        in_lithuania = await person(uow, "3", country="LT")
        nobody = await person(uow, "4")
        assert await NewsService(uow, everything, NOW).set_all_stories(True)
        assert await NewsService(uow, everything, NOW).set_opportunities(True)
        assert await NewsService(uow, school_only, NOW).toggle_topic("school")
        assert await NewsService(uow, in_lithuania, NOW).set_opportunities(True)
        # People, not subscriptions: two topics of one person count once.
        assert await uow.subscriptions.count() == {"stories": 2, "opportunities": 2}
        await uow.commit()

    published = parse(DRAFTS.replace("published: false", "published: true"))
    for _ in range(2):  # imported twice: nobody is told twice
        async with uow_factory() as uow:
            result = await import_content(uow, published, NOW)
            await announce(uow, result.published_stories, result.published_opportunities, NOW)
            await uow.commit()

    async def kinds(user: User) -> list[str]:
        async with uow_factory() as uow:
            assert user.id is not None
            return sorted(row.kind for row in await uow.outbox.pending_for(user.id))

    assert await kinds(everything) == ["news_story", "news_story"]  # not Lithuania's call
    assert await kinds(school_only) == ["news_story"]
    assert await kinds(in_lithuania) == ["news_opportunity"]
    assert await kinds(nobody) == []


async def test_stop_and_erasure_leave_no_subscription(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        first, second = await person(uow, "1"), await person(uow, "2")
        for user in (first, second):
            news = NewsService(uow, user, NOW)
            await news.set_all_stories(True)
            await news.set_opportunities(True)
        assert await NewsService(uow, first, NOW).stop() == 2
        await erase_person(uow, second, NOW, [])
        await uow.commit()
    async with uow_factory() as uow:
        assert first.id is not None and second.id is not None
        assert await uow.subscriptions.of(first.id) == []
        assert await uow.subscriptions.of(second.id) == []


async def test_no_subscription_before_consent(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        stranger = await uow.users.get_or_create("telegram", "9", "en")
        assert not await NewsService(uow, stranger, NOW).set_all_stories(True)
        assert stranger.id is not None
        assert await uow.subscriptions.of(stranger.id) == []
