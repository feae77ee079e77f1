"""Typed configuration from the environment (and an optional .env file), one class per concern."""

from __future__ import annotations

import hashlib
from enum import StrEnum
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from sqlalchemy.engine import make_url

from storage.database import normalise_url

PROJECT_ROOT = Path(__file__).resolve().parent.parent

_common = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")


class RunMode(StrEnum):
    POLLING = "polling"
    WEBHOOK = "webhook"


class TelegramSettings(BaseSettings):
    """How the bot reaches Telegram (or the local emulator)."""

    model_config = SettingsConfigDict(**_common, env_prefix="TELEGRAM_")

    bot_token: SecretStr | None = None
    api_base_url: str = "https://api.telegram.org"
    mode: RunMode = RunMode.POLLING
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "127.0.0.1:8080"
    webhook_path: str = "/telegram/webhook"

    @property
    def listen_host(self) -> str:
        return self.webhook_listen.rsplit(":", 1)[0]

    @property
    def listen_port(self) -> int:
        return int(self.webhook_listen.rsplit(":", 1)[1])


class DatabaseSettings(BaseSettings):
    """Where all state lives."""

    model_config = SettingsConfigDict(**_common, env_prefix="DATABASE_")

    url: str = f"sqlite+aiosqlite:///{PROJECT_ROOT / 'data' / 'bot.sqlite3'}"
    echo: bool = False


class AppSettings(BaseSettings):
    """Behaviour of the programme itself."""

    model_config = SettingsConfigDict(**_common, env_prefix="BOT_")

    default_timezone: str = "Europe/Riga"
    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    # Signs button payloads; when unset a random key is generated once and kept in the database.
    secret_key: SecretStr | None = None
    log_level: str = "INFO"
    # Tell coordinators when someone's words say they may be in danger (never what was written).
    distress_alerts: bool = True
    # Personal data of people who have not written for this long is erased (after a notice).
    retention_months: int = Field(default=24, ge=2)

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return [int(part) for part in value.replace(";", ",").split(",") if part.strip()]
        return value


class RedisSettings(BaseSettings):
    """Redis, for the send-rate budget that several bot processes share."""

    model_config = SettingsConfigDict(**_common, env_prefix="REDIS_")

    # Unset: one process, and the send-rate budget is kept in memory.
    url: str | None = None
    prefix: str = "mentorbot:ratelimit:"


class SandboxSettings(BaseSettings):
    """The local Bot API emulator and chat page used when no token is configured."""

    model_config = SettingsConfigDict(**_common, env_prefix="SANDBOX_")

    host: str = "127.0.0.1"
    port: int = 8081
    # A copy of shared/spec (MIT, see its LICENSE) so a fresh clone runs on its own.
    spec_path: Path = PROJECT_ROOT / "bot" / "sandbox" / "spec" / "telegram-bot-api.json"
    # The sandbox's people and chats between runs; unset: beside the SQLite file, or in data/.
    state_path: Path | None = None


class Settings:
    """All configuration, grouped by concern."""

    def __init__(self) -> None:
        self.telegram = TelegramSettings()
        self.database = DatabaseSettings()
        self.app = AppSettings()
        self.redis = RedisSettings()
        self.sandbox = SandboxSettings()

    @property
    def sandbox_mode(self) -> bool:
        return self.telegram.bot_token is None

    def sandbox_state_path(self) -> Path:
        """One state file per database, so two databases never share sandbox people."""
        if self.sandbox.state_path is not None:
            return self.sandbox.state_path
        url = make_url(normalise_url(self.database.url))
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            return Path(url.database).with_name("sandbox-state.json")
        digest = hashlib.sha256(self.database.url.encode()).hexdigest()[:12]
        return PROJECT_ROOT / "data" / f"sandbox-state-{digest}.json"
