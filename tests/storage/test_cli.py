"""The operators' command line, on both databases."""

from __future__ import annotations

import pytest

from bot.cli import main
from bot.config import Settings
from storage.unit_of_work import UnitOfWorkFactory


@pytest.fixture
def settings(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("DATABASE_URL", database_url)
    return Settings()


async def test_grant_and_revoke_staff(
    settings: Settings, uow_factory: UnitOfWorkFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    async with uow_factory() as uow:
        user = await uow.users.get_or_create("telegram", "4242", "en")
        await uow.commit()
        user_id = user.id
    assert await _cli("grant-staff", "4242") == 0
    async with uow_factory() as uow:
        assert await uow.staff.is_granted(user_id)  # type: ignore[arg-type]
    assert await _cli("revoke-staff", "4242") == 0
    async with uow_factory() as uow:
        assert not await uow.staff.is_granted(user_id)  # type: ignore[arg-type]
    assert await _cli("grant-staff", "999") == 1
    assert "write to the bot first" in capsys.readouterr().err


async def _cli(*argv: str) -> int:
    from bot.cli import parser, run

    return await run(parser().parse_args(list(argv)), Settings())


def test_main_is_wired() -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
