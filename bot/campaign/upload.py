"""Upload the stories' videos to each platform ahead of time (`content import --upload`).

Otherwise the first young person to open a story waits while the platform fetches its video by
URL. Each platform's id for the file is kept per channel, as a first send would keep it, so
every later send reuses it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError

from bot.campaign.content import Content
from bot.channels.media import MediaIds
from bot.messenger.graph import GraphClient, GraphError, Unreachable, describe
from bot.services.campaign import media_url
from storage.unit_of_work import UnitOfWorkFactory

Progress = Callable[[int, int, str], None]  # done, total, what


class UploadFailed(Exception):
    """The platform would not take the file; the reason is safe to print."""


class Uploader(Protocol):
    channel: str

    async def upload(self, url: str) -> str:
        """The platform's id for the video at `url`."""
        ...


class TelegramUploader:
    """Telegram keeps a file only once it is sent to a chat: the video goes silently to a
    coordinator's chat, its file_id is kept, and the message is deleted again."""

    channel = "telegram"

    def __init__(self, bot: Bot, chat_id: int) -> None:
        self._bot = bot
        self._chat_id = chat_id

    async def upload(self, url: str) -> str:
        try:
            sent = await self._bot.send_video(self._chat_id, url, disable_notification=True)
        except TelegramAPIError as error:
            raise UploadFailed(error.message) from None
        if sent.video is None:
            raise UploadFailed("Telegram did not keep it as a video")
        # If it cannot be deleted, the coordinator may do it: the file id is what counts.
        with contextlib.suppress(TelegramAPIError):
            await self._bot.delete_message(self._chat_id, sent.message_id)
        return sent.video.file_id


class MessengerUploader:
    """Messenger's Attachment Upload API keeps a reusable file without any recipient."""

    channel = "messenger"

    def __init__(self, graph: GraphClient) -> None:
        self._graph = graph

    async def upload(self, url: str) -> str:
        attachment = {"type": "video", "payload": {"url": url, "is_reusable": True}}
        try:
            answer = await self._graph.post(
                "message_attachments", {"message": {"attachment": attachment}}
            )
        except (GraphError, Unreachable) as error:
            raise UploadFailed(describe(error)) from None
        attachment_id = answer.get("attachment_id")
        if not attachment_id:
            raise UploadFailed("Messenger gave no attachment id")
        return str(attachment_id)


@dataclass
class Uploaded:
    uploaded: int = 0
    known: int = 0  # the platform has it already
    failed: list[str] = field(default_factory=list)  # "slug on channel: why"


async def upload_videos(
    uow_factory: UnitOfWorkFactory,
    content: Content,
    media_base: str | None,
    uploaders: list[Uploader],
    progress: Progress | None = None,
) -> Uploaded:
    """Every story's video to every platform that does not have it yet; one failure does not
    stop the rest (that story is sent by URL the first time, as without --upload)."""
    result = Uploaded()
    work = [
        (story.slug, media_url(story.video, media_base), uploader)
        for story in content.stories
        if story.video
        for uploader in uploaders
    ]
    for done, (slug, url, uploader) in enumerate(work, 1):
        ids = MediaIds(uow_factory, uploader.channel)
        if await ids.get(url) is not None:
            result.known += 1
        else:
            try:
                await ids.remember(url, await uploader.upload(url))
                result.uploaded += 1
            except UploadFailed as error:
                result.failed.append(f"{slug} on {uploader.channel}: {error}")
        if progress is not None:
            progress(done, len(work), f"{slug} ({uploader.channel})")
    return result
