"""The campaign's stories and opportunities, and the anonymous taps on them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Opportunity, OpportunityInterest, Story, StoryHelped, as_utc
from storage.repositories import _insert


class CampaignRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    # --- stories -------------------------------------------------------------------------------

    async def stories(self, published_only: bool = False) -> list[Story]:
        """Stories in their order (drafts too unless `published_only`)."""
        query = select(Story).order_by(col(Story.position), col(Story.slug))
        if published_only:
            query = query.where(col(Story.published).is_(True))
        return list((await self._session.exec(query)).all())

    async def story(self, slug: str) -> Story | None:
        return (await self._session.exec(select(Story).where(Story.slug == slug))).first()

    async def story_by_id(self, story_id: int) -> Story | None:
        return await self._session.get(Story, story_id)

    async def count_view(self, story_id: int) -> None:
        statement = (
            update(Story)
            .where(col(Story.id) == story_id)
            .values(views=Story.views + 1)
            .execution_options(synchronize_session=False)
        )
        await self._session.exec(statement)

    async def mark_helped(self, story_id: int, user_id: int) -> bool:
        """Record the tap; False when the person had tapped it already."""
        statement = (
            _insert(self._session, StoryHelped)
            .values(story_id=story_id, user_id=user_id)
            .on_conflict_do_nothing(index_elements=["story_id", "user_id"])
        )
        inserted: int = (await self._session.exec(statement)).rowcount
        return inserted == 1

    async def helped_by(self, user_id: int) -> set[int]:
        """The stories the person said helped them."""
        query = select(StoryHelped.story_id).where(StoryHelped.user_id == user_id)
        return set((await self._session.exec(query)).all())

    async def helped_counts(self) -> dict[int, int]:
        query = select(StoryHelped.story_id, func.count()).group_by(col(StoryHelped.story_id))
        return {story: count for story, count in (await self._session.exec(query)).all()}

    async def forget_person(self, user_id: int) -> int:
        """Erasure: the person's taps and interests go (the counts drop with them)."""
        taps = delete(StoryHelped).where(col(StoryHelped.user_id) == user_id)
        interest = delete(OpportunityInterest).where(col(OpportunityInterest.user_id) == user_id)
        removed: int = (await self._session.exec(taps)).rowcount
        removed += (await self._session.exec(interest)).rowcount
        return removed

    # --- opportunities -------------------------------------------------------------------------

    async def opportunities(self, published_only: bool = False) -> list[Opportunity]:
        query = select(Opportunity).order_by(col(Opportunity.deadline), col(Opportunity.slug))
        if published_only:
            query = query.where(col(Opportunity.published).is_(True))
        return list((await self._session.exec(query)).all())

    async def opportunity(self, slug: str) -> Opportunity | None:
        query = select(Opportunity).where(Opportunity.slug == slug)
        return (await self._session.exec(query)).first()

    async def opportunity_by_id(self, opportunity_id: int) -> Opportunity | None:
        return await self._session.get(Opportunity, opportunity_id)

    async def mark_interest(
        self, opportunity_id: int, user_id: int, region: str | None, at: datetime
    ) -> bool:
        """Record the interest (a region given later is added to it); False if nothing changed."""
        statement = _insert(self._session, OpportunityInterest).values(
            opportunity_id=opportunity_id, user_id=user_id, region=region, at=as_utc(at)
        )
        keys = ["opportunity_id", "user_id"]
        if region is None:
            statement = statement.on_conflict_do_nothing(index_elements=keys)
        else:
            statement = statement.on_conflict_do_update(
                index_elements=keys, set_={"region": region}
            )
        changed: int = (await self._session.exec(statement)).rowcount
        return changed == 1

    async def interests_of(self, user_id: int) -> set[int]:
        query = select(OpportunityInterest.opportunity_id).where(
            OpportunityInterest.user_id == user_id
        )
        return set((await self._session.exec(query)).all())

    async def interested(self, opportunity_id: int) -> list[OpportunityInterest]:
        """Who is interested in one opportunity, earliest first."""
        query = (
            select(OpportunityInterest)
            .where(OpportunityInterest.opportunity_id == opportunity_id)
            .order_by(col(OpportunityInterest.at))
        )
        return list((await self._session.exec(query)).all())

    async def interest_counts(self) -> dict[int, int]:
        query = select(OpportunityInterest.opportunity_id, func.count()).group_by(
            col(OpportunityInterest.opportunity_id)
        )
        return {item: count for item, count in (await self._session.exec(query)).all()}

    async def is_empty(self) -> bool:
        """No content at all, ever imported (a new database)."""
        stories = (await self._session.exec(select(func.count()).select_from(Story))).one()
        others = (await self._session.exec(select(func.count()).select_from(Opportunity))).one()
        return stories == 0 and others == 0
