"""Who asked for which campaign news."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, distinct, func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Subscription, User, as_utc
from storage.repositories import _insert

STORIES, OPPORTUNITIES = "stories", "opportunities"


class SubscriptionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def of(self, user_id: int) -> list[Subscription]:
        query = select(Subscription).where(Subscription.user_id == user_id)
        return list((await self._session.exec(query)).all())

    async def add(self, user_id: int, kind: str, topic: str, at: datetime) -> None:
        statement = (
            _insert(self._session, Subscription)
            .values(user_id=user_id, kind=kind, topic=topic, at=as_utc(at))
            .on_conflict_do_nothing(index_elements=["user_id", "kind", "topic"])
        )
        await self._session.exec(statement)

    async def remove(self, user_id: int, kind: str | None = None, topic: str | None = None) -> int:
        """Remove the person's subscriptions: all, of one kind, or one topic of it."""
        statement = delete(Subscription).where(col(Subscription.user_id) == user_id)
        if kind is not None:
            statement = statement.where(col(Subscription.kind) == kind)
        if topic is not None:
            statement = statement.where(col(Subscription.topic) == topic)
        removed: int = (await self._session.exec(statement)).rowcount
        return removed

    async def subscribers(self, kind: str, topics: Iterable[str] = ()) -> list[User]:
        """Everyone who wants this news (all of the kind, or one of the topics), reachable."""
        wanted = ["", *topics]
        people = (
            select(Subscription.user_id)
            .where(Subscription.kind == kind, col(Subscription.topic).in_(wanted))
            .distinct()
        )
        query = (
            select(User)
            .where(
                col(User.id).in_(people),
                col(User.erased_at).is_(None),
                col(User.consent_at).is_not(None),
            )
            .order_by(col(User.id))
        )
        return list((await self._session.exec(query)).all())

    async def count(self) -> dict[str, int]:
        """People per kind of news (for the figures)."""
        query = (
            select(Subscription.kind, func.count(distinct(col(Subscription.user_id))))
            .where(col(Subscription.kind).in_((STORIES, OPPORTUNITIES)))
            .group_by(col(Subscription.kind))
        )
        counted = dict((await self._session.exec(query)).all())
        return {kind: counted.get(kind, 0) for kind in (STORIES, OPPORTUNITIES)}
