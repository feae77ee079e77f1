"""Who sees which opportunity, and the reminder before its deadline."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.campaign.content import parse
from bot.campaign.library import import_content
from bot.services.opportunities import OpportunitiesService
from storage.models import User
from storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

NOW = datetime(2026, 11, 26, 12, tzinfo=UTC)
CONTENT = """
opportunities:
  - slug: for-latvia
    published: true
    countries: [LV]
    deadline: "2027-01-31T23:59:00+02:00"
    interest: true
    age: {min: 13, max: 25}
    title: {lv: "Latvijai", en: "For Latvia"}
    text: {en: "..."}
  - slug: for-lithuania
    published: true
    countries: [LT]
    apply_url: https://example.org
    title: {en: "For Lithuania"}
    text: {en: "..."}
  - slug: closing-soon
    published: true
    countries: [LV, LT]
    deadline: "2026-11-28T12:00:00+00:00"
    interest: true
    title: {en: "Closing soon"}
    text: {en: "..."}
  - slug: draft
    published: false
    interest: true
    title: {en: "Draft"}
    text: {en: "..."}
"""


async def person(uow: UnitOfWork, external_id: str, country: str, age: str) -> User:
    user = await uow.users.get_or_create("telegram", external_id, "en")
    user.country, user.age_group, user.consent_at = country, age, NOW
    uow.session.add(user)
    await uow.session.flush()
    return user


async def test_only_what_is_open_to_the_person(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        await import_content(uow, parse(CONTENT), NOW)
        teen_lv = await person(uow, "1", "LV", "14-17")
        adult_lv = await person(uow, "2", "LV", "26plus")
        teen_lt = await person(uow, "3", "LT", "14-17")
        await uow.commit()

    async def slugs(user: User, now: datetime) -> list[str]:
        async with uow_factory() as uow:
            items = await OpportunitiesService(uow, user, [], now).open_to_me()
        return sorted(item.slug for item in items)

    assert await slugs(teen_lv, NOW) == ["closing-soon", "for-latvia"]
    assert await slugs(adult_lv, NOW) == ["closing-soon"]  # 26: above the age limit
    assert await slugs(teen_lt, NOW) == ["closing-soon", "for-lithuania"]
    # Two days on, the passed deadline has taken its opportunity away by itself.
    assert await slugs(teen_lv, NOW + timedelta(days=2)) == ["for-latvia"]


async def test_a_reminder_three_days_before_once(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        await import_content(uow, parse(CONTENT), NOW)
        teen = await person(uow, "1", "LV", "14-17")
        await uow.commit()
    async with uow_factory() as uow:
        service = OpportunitiesService(uow, teen, [], NOW)
        [latvia] = [item for item in await service.open_to_me() if item.slug == "for-latvia"]
        [soon] = [item for item in await service.open_to_me() if item.slug == "closing-soon"]
        assert await service.remind(latvia.id) == "set"
        assert await service.remind(latvia.id) == "set"  # asked twice: still one reminder
        assert await service.remind(soon.id) == "late"
        assert await service.mark_interest(latvia.id, "kurzeme")
        await uow.commit()
    async with uow_factory() as uow:
        assert teen.id is not None
        [pending] = await uow.outbox.pending_for(teen.id)
        assert pending.kind == "opportunity_deadline"
        assert pending.due_at.replace(tzinfo=UTC) == datetime(2027, 1, 28, 21, 59, tzinfo=UTC)
        view = await OpportunitiesService(uow, teen, [], NOW).get(latvia.id)
        assert view is not None and view.reminder_set and view.interested
        [interest] = await uow.campaign.interested(latvia.id)
        assert interest.user_id == teen.id and interest.region == "kurzeme"
