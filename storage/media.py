"""The ids platforms gave the media the bot sent by URL."""

from __future__ import annotations

from sqlalchemy import delete
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import MediaId
from storage.repositories import _insert


class MediaIdRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, channel: str, url: str) -> str | None:
        query = select(MediaId.platform_id).where(MediaId.channel == channel, MediaId.url == url)
        return (await self._session.exec(query)).first()

    async def put(self, channel: str, url: str, platform_id: str) -> None:
        statement = _insert(self._session, MediaId).values(
            channel=channel, url=url, platform_id=platform_id
        )
        statement = statement.on_conflict_do_update(
            index_elements=["channel", "url"], set_={"platform_id": platform_id}
        )
        await self._session.exec(statement)

    async def forget(self, channel: str, url: str) -> None:
        statement = delete(MediaId).where(col(MediaId.channel) == channel, col(MediaId.url) == url)
        await self._session.exec(statement)
