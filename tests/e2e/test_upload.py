"""`content import --upload`: every story's video goes to Telegram and Messenger once, ahead of
the first viewer, and later sends reuse the platforms' ids."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.app import messenger_endpoint
from bot.channels.media import MediaIds
from bot.cli import parser, run
from bot.config import Settings
from bot.services.campaign import media_url
from sandbox import BotApiEmulator, GraphEmulator
from storage.database import create_engine, create_session_factory
from storage.unit_of_work import UnitOfWorkFactory
from tests.e2e.conftest import TOKEN
from tests.e2e.harness import SandboxClient

CONTENT = """
stories:
  - slug: first-voice
    expert: Ieva
    topics: [friends]
    video: media/stories/first-voice.mp4
    title: {lv: "Pirmā balss"}
    summary: {lv: "Ieva stāsta."}
  - slug: second-voice
    expert: Kajus
    topics: [school]
    video: https://videos.example/second-voice.mp4
    title: {lt: "Antras balsas"}
    summary: {lt: "Kajus pasakoja."}
"""


async def test_import_uploads_each_video_once_to_each_platform(
    emulator: BotApiEmulator,
    graph: GraphEmulator,
    sandbox: SandboxClient,
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    coordinator = await sandbox.new_user("Coordinator", "en")
    monkeypatch.setenv("DATABASE_URL", database_url)
    settings = Settings()
    settings.telegram.bot_token = SecretStr(TOKEN)
    settings.telegram.api_base_url = emulator.base_url
    settings.messenger.page_token = SecretStr(messenger_endpoint(Settings()).page_token)
    settings.messenger.graph_url = graph.base_url
    settings.app.admin_ids = [f"telegram:{coordinator.id}"]
    settings.campaign.media_url = f"{emulator.base_url}/media"
    file = tmp_path / "content.yaml"
    file.write_text(CONTENT, encoding="utf-8")

    command = parser().parse_args(["content", "import", str(file), "--upload"])
    assert await run(command, settings) == 0
    assert "Videos: 4 uploaded, 0 already there." in capsys.readouterr().err
    # Telegram's copies passed through the coordinator's chat and were deleted again.
    assert not [m for m in await coordinator.bot_messages() if m.raw.get("video")]
    uploads = [call for call in graph.calls if call["path"] == "message_attachments"]
    assert len(uploads) == 2

    engine = create_engine(database_url)
    try:
        uow_factory = UnitOfWorkFactory(create_session_factory(engine))
        for channel in ("telegram", "messenger"):
            ids = MediaIds(uow_factory, channel)
            for video in (
                "media/stories/first-voice.mp4",
                "https://videos.example/second-voice.mp4",
            ):
                assert await ids.get(media_url(video, settings.campaign.media_url)) is not None
    finally:
        await engine.dispose()

    # Again: nothing is uploaded twice.
    assert await run(command, settings) == 0
    assert "Videos: 0 uploaded, 4 already there." in capsys.readouterr().err
    assert len([c for c in graph.calls if c["path"] == "message_attachments"]) == 2
