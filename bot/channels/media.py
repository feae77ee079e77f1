"""Media sent by URL once, then by the id the platform gave it.

Telegram fetches a URL on every send (and only files up to 20 MB); Messenger too unless the
attachment is reusable. The first send by URL returns the platform's id for the file; it is
kept in the database per channel, so every later send, in any process, reuses it.
"""

from __future__ import annotations

from storage.unit_of_work import UnitOfWorkFactory


class MediaIds:
    def __init__(self, uow_factory: UnitOfWorkFactory, channel: str) -> None:
        self._uow_factory = uow_factory
        self._channel = channel
        self._known: dict[str, str] = {}  # this process's copy: most sends need no query

    async def get(self, url: str) -> str | None:
        if url not in self._known:
            async with self._uow_factory() as uow:
                found = await uow.media.get(self._channel, url)
            if found is None:
                return None
            self._known[url] = found
        return self._known[url]

    async def remember(self, url: str, platform_id: str) -> None:
        if self._known.get(url) == platform_id:
            return
        self._known[url] = platform_id
        async with self._uow_factory() as uow:
            await uow.media.put(self._channel, url, platform_id)
            await uow.commit()

    async def forget(self, url: str) -> None:
        """The platform no longer knows the id (another bot, a purge): send the URL again."""
        self._known.pop(url, None)
        async with self._uow_factory() as uow:
            await uow.media.forget(self._channel, url)
            await uow.commit()
