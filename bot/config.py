"""Typed configuration from the environment (and an optional .env file), one class per concern."""

from __future__ import annotations

import hashlib
from datetime import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from sqlalchemy.engine import make_url

from bot.services.access import admin_keys
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
    webhook_path: str = "/telegram/webhook"
    # Messages per second across all chats. Telegram allows about 30 without paying; a bot
    # with paid broadcasts enabled may send up to 1000 (and Telegram charges for those).
    send_rate: float = Field(default=25.0, gt=0)
    # Broadcast messages sent at once (each to a different person), within that rate.
    broadcast_concurrency: int = Field(default=8, ge=1, le=256)


class MessengerSettings(BaseSettings):
    """How the bot reaches a Facebook Page's Messenger (or the local Graph emulator)."""

    model_config = SettingsConfigDict(**_common, env_prefix="MESSENGER_")

    page_token: SecretStr | None = None
    app_secret: SecretStr | None = None
    verify_token: SecretStr | None = None
    graph_url: str = "https://graph.facebook.com"
    graph_version: str = "v23.0"
    webhook_path: str = "/messenger/webhook"
    # The Page's username: links into the bot (m.me/<name>?ref=...) are written with it.
    page_name: str | None = None
    # Sends per second across all people; Meta allows a Page about 300 text sends a second.
    send_rate: float = Field(default=200.0, gt=0)


class WebSettings(BaseSettings):
    """The bot's web server: the Telegram webhook (in webhook mode) and the Messenger webhook."""

    model_config = SettingsConfigDict(**_common, env_prefix="WEB_")

    listen: str = "127.0.0.1:8080"

    @property
    def host(self) -> str:
        return self.listen.rsplit(":", 1)[0]

    @property
    def port(self) -> int:
        return int(self.listen.rsplit(":", 1)[1])


class DatabaseSettings(BaseSettings):
    """Where all state lives."""

    model_config = SettingsConfigDict(**_common, env_prefix="DATABASE_")

    url: str = f"sqlite+aiosqlite:///{PROJECT_ROOT / 'data' / 'bot.sqlite3'}"
    echo: bool = False


class AppSettings(BaseSettings):
    """Behaviour of the programme itself."""

    model_config = SettingsConfigDict(**_common, env_prefix="BOT_")

    default_timezone: str = "Europe/Riga"
    # Who coordinates from the start: telegram:<id>, messenger:<psid>, or a plain Telegram id.
    admin_ids: Annotated[list[str], NoDecode] = Field(default_factory=list)
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
            value = [part for part in value.replace(";", ",").split(",") if part.strip()]
        if isinstance(value, list):
            return admin_keys(value)
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
    spec_path: Path = PROJECT_ROOT / "sandbox" / "spec" / "telegram-bot-api.json"
    # The sandbox's people and chats between runs; unset: beside the SQLite file, or in data/.
    state_path: Path | None = None


class CampaignSettings(BaseSettings):
    """The campaign's stories and opportunities."""

    model_config = SettingsConfigDict(**_common, env_prefix="CAMPAIGN_")

    # A new database starts with the sample stories and opportunities (bot/campaign/sample).
    sample: bool = True
    # When someone is there to talk (in BOT_DEFAULT_TIMEZONE), and the honest promise of how
    # soon a request is answered; outside the hours people are told when, and get the helplines.
    talk_days: Annotated[list[int], NoDecode] = Field(default_factory=lambda: [0, 1, 2, 3, 4])
    talk_from: time = time(10)
    talk_until: time = time(18)
    answer_hours: int = Field(default=24, ge=1)
    # Where media paths in the content ("media/stories/x.mp4") are found; URLs are used as they
    # are. Unset in the sandbox: the sandbox serves placeholders itself.
    media_url: str | None = None

    @field_validator("talk_days", mode="before")
    @classmethod
    def _days(cls, value: object) -> object:
        """`mon,tue,wed` or `0,1,2` (Monday is 0)."""
        names = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
        if isinstance(value, str):
            parts = [part.strip().lower()[:3] for part in value.split(",") if part.strip()]
            return [names.index(part) if part in names else int(part) for part in parts]
        return value


class Settings:
    """All configuration, grouped by concern."""

    def __init__(self) -> None:
        self.telegram = TelegramSettings()
        self.messenger = MessengerSettings()
        self.web = WebSettings()
        self.database = DatabaseSettings()
        self.app = AppSettings()
        self.redis = RedisSettings()
        self.sandbox = SandboxSettings()
        self.campaign = CampaignSettings()

    @property
    def sandbox_mode(self) -> bool:
        """No Telegram token: emulators stand in for Telegram and Messenger."""
        return self.telegram.bot_token is None

    @property
    def messenger_enabled(self) -> bool:
        """A Page is configured, or the sandbox emulates one."""
        return self.sandbox_mode or self.messenger.page_token is not None

    def sandbox_state_path(self) -> Path:
        """One state file per database, so two databases never share sandbox people."""
        if self.sandbox.state_path is not None:
            return self.sandbox.state_path
        url = make_url(normalise_url(self.database.url))
        if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
            return Path(url.database).with_name("sandbox-state.json")
        digest = hashlib.sha256(self.database.url.encode()).hexdigest()[:12]
        return PROJECT_ROOT / "data" / f"sandbox-state-{digest}.json"
