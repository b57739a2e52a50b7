"""Settings read from the environment (prefix RADDLE_) or an optional .env file."""

from __future__ import annotations

import secrets
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_DATA_DIR = Path("data")
MIN_PRODUCTION_PASSWORD_LENGTH = 12


class Environment(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class SettingsError(ValueError):
    """The configuration cannot be used as given."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="RADDLE_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    # Where `raddle serve` listens unless --host/--port say otherwise. All interfaces by
    # default: the players' phones are other machines on the network.
    host: str = "0.0.0.0"
    port: int = Field(default=8000, ge=1, le=65535)
    admin_password: str | None = None
    database_url: str = f"sqlite:///{DEFAULT_DATA_DIR / 'raddle.db'}"
    redis_url: str | None = None
    # Channel names start with this, so several deployments can share one Redis.
    redis_prefix: str = Field(default="raddle", pattern=r"^[A-Za-z0-9_.-]{1,40}$")
    env: Environment = Environment.DEVELOPMENT
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    log_format: Literal["json", "console"] = "console"
    log_level: str = "INFO"
    testing: bool = False
    puzzle_dirs: Annotated[list[Path], NoDecode] = Field(default_factory=list)
    admin_session_hours: float = 12.0
    max_body_bytes: int = 64 * 1024
    # After a player's last socket closes, how long before the room hears they left.
    presence_grace_seconds: float = Field(default=10.0, ge=0.5, le=300)
    # Frames a socket may have waiting before it counts as too slow and is dropped.
    ws_queue_limit: int = Field(default=512, ge=4, le=100_000)
    # The shortest countdown a host may set (short ones make fast tests).
    min_countdown_seconds: int = Field(default=10, ge=1, le=3600)
    # Abuse limits: rate limits per address, lobby and player (scaled by the factor),
    # and caps on players per lobby and live lobbies per server.
    # Serve Prometheus metrics at /metrics (per process).
    metrics: bool = False
    rate_limits: bool = True
    rate_limit_scale: float = Field(default=1.0, gt=0, le=10_000)
    max_players_per_lobby: int = Field(default=200, ge=1, le=100_000)
    max_lobbies: int = Field(default=1000, ge=1, le=1_000_000)
    # Players one address may have in one lobby (everyone at a venue may share an
    # address, so this is generous), and sockets one address may hold open.
    max_players_per_address: int = Field(default=40, ge=1, le=100_000)
    max_sockets_per_address: int = Field(default=200, ge=1, le=1_000_000)
    # Host names this server answers to; empty = IP addresses, localhost and this
    # machine's own name (a page on another domain cannot reach it by DNS rebinding).
    allowed_hosts: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # Addresses (or networks) of reverse proxies whose X-Forwarded-For/-Proto is believed.
    trusted_proxies: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # The interactive API docs at /docs; off in production unless switched on.
    api_docs: bool | None = None
    # Seconds a client may take to send a request's headers (and a socket's upgrade
    # request), and that an idle keep-alive connection stays open.
    header_timeout_seconds: float = Field(default=10.0, gt=0, le=300)
    keep_alive_seconds: int = Field(default=5, ge=1, le=300)
    # Open TCP connections per client address, per process (proxies are not counted).
    max_connections_per_address: int = Field(default=256, ge=1, le=1_000_000)
    # Lobbies with no activity for this many days are deleted with everything in them.
    retention_days: float = Field(default=7.0, gt=0, le=3650)
    # How often each process looks for idle lobbies (spread over half to all of it).
    retention_check_seconds: float = Field(default=600.0, ge=0.05, le=86_400)

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [o.strip().rstrip("/") for o in value.split(",") if o.strip()]
        return value

    @field_validator("allowed_hosts", "trusted_proxies", mode="before")
    @classmethod
    def _split_hosts(cls, value: object) -> object:
        if isinstance(value, str):
            return [h.strip().lower() for h in value.split(",") if h.strip()]
        return value

    @field_validator("puzzle_dirs", mode="before")
    @classmethod
    def _split_dirs(cls, value: object) -> object:
        if isinstance(value, str):
            return [Path(p) for p in value.split(":") if p.strip()]
        return value

    @field_validator("redis_url", "admin_password", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if value == "" else value

    @property
    def is_sqlite(self) -> bool:
        return async_database_url(self.database_url).startswith("sqlite")

    @property
    def docs_enabled(self) -> bool:
        if self.api_docs is None:
            return self.env is not Environment.PRODUCTION
        return self.api_docs

    def check(self) -> None:
        """Refuse configurations that are unsafe to serve."""
        if self.env is Environment.PRODUCTION:
            if self.testing:
                raise SettingsError(
                    "RADDLE_TESTING=true wipes data without credentials; it is refused with "
                    "RADDLE_ENV=production"
                )
            weakness = password_weakness(self.admin_password or "")
            if weakness:
                raise SettingsError(
                    "RADDLE_ENV=production needs RADDLE_ADMIN_PASSWORD set to a strong password: "
                    + weakness
                )


def password_weakness(password: str) -> str | None:
    """Why a host password is too weak to guard a public server, or None if it will do."""
    if len(password) < MIN_PRODUCTION_PASSWORD_LENGTH:
        return f"use at least {MIN_PRODUCTION_PASSWORD_LENGTH} characters"
    if not password.strip():
        return "it is only whitespace"
    if len(set(password.lower())) < 5:
        return "it repeats too few different characters"
    # zxcvbn estimates the guesses an attacker needs (dictionaries, keyboard walks,
    # dates, l33t); 4 means "very unguessable". Only the first 100 characters are
    # scored: the estimate is slow on very long input and long enough is long enough.
    from zxcvbn import zxcvbn

    if zxcvbn(password[:100])["score"] < 4:
        return "it is easy to guess (a common word, pattern or sequence); use a long passphrase"
    return None


def async_database_url(url: str) -> str:
    """Accept URLs as people write them and pick the async driver for each engine."""
    url = url.strip()
    for prefix in (
        "postgres://",
        "postgresql://",
        "postgresql+psycopg://",
        "postgresql+psycopg2://",
    ):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    if url.startswith("sqlite://") and not url.startswith("sqlite+"):
        return "sqlite+aiosqlite://" + url[len("sqlite://") :]
    return url


def ensure_admin_password(settings: Settings) -> str | None:
    """In development with no password set, make one up; returns it to print once."""
    if settings.admin_password:
        return None
    if settings.env is Environment.PRODUCTION:
        raise SettingsError("RADDLE_ADMIN_PASSWORD is required in production")
    settings.admin_password = secrets.token_urlsafe(12)
    return settings.admin_password
