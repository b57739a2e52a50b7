"""Settings: URLs as people write them, production safety, and the development password."""

from __future__ import annotations

import pytest

from raddle.config import (
    Environment,
    Settings,
    SettingsError,
    async_database_url,
    ensure_admin_password,
)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("sqlite:///data/raddle.db", "sqlite+aiosqlite:///data/raddle.db"),
        ("postgresql://root@127.0.0.1:5432/db", "postgresql+asyncpg://root@127.0.0.1:5432/db"),
        ("postgres://u:p@h/db", "postgresql+asyncpg://u:p@h/db"),
        ("postgresql+asyncpg://u@h/db", "postgresql+asyncpg://u@h/db"),
    ],
)
def test_database_urls_get_the_async_driver(given: str, expected: str) -> None:
    assert async_database_url(given) == expected


def test_production_refuses_a_missing_or_weak_password() -> None:
    for password in (None, "", "short", "password"):
        settings = Settings(env=Environment.PRODUCTION, admin_password=password)
        with pytest.raises(SettingsError):
            settings.check()
    Settings(env=Environment.PRODUCTION, admin_password="a-long-and-strong-one").check()


def test_development_makes_up_a_password_when_none_is_set() -> None:
    settings = Settings(env=Environment.DEVELOPMENT, admin_password=None)
    generated = ensure_admin_password(settings)
    assert generated and settings.admin_password == generated and len(generated) >= 12
    assert ensure_admin_password(settings) is None


def test_lists_come_from_comma_separated_environment_values(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RADDLE_CORS_ORIGINS", "https://a.example, https://b.example/")
    assert Settings().cors_origins == ["https://a.example", "https://b.example"]


@pytest.mark.parametrize("password", ["aaaaaaaaaaaa", "Password1234", " " * 16, "qwertyuiop12"])
def test_production_refuses_guessable_passwords(password: str) -> None:
    with pytest.raises(SettingsError):
        Settings(env=Environment.PRODUCTION, admin_password=password).check()


def test_production_refuses_the_testing_switch() -> None:
    settings = Settings(
        env=Environment.PRODUCTION, admin_password="a-long-and-strong-one", testing=True
    )
    with pytest.raises(SettingsError, match="RADDLE_TESTING"):
        settings.check()


def test_docs_are_off_in_production_unless_switched_on() -> None:
    assert Settings().docs_enabled
    strong = "a-long-and-strong-one"
    assert not Settings(env=Environment.PRODUCTION, admin_password=strong).docs_enabled
    assert Settings(env=Environment.PRODUCTION, admin_password=strong, api_docs=True).docs_enabled


def test_the_development_warning_speaks_only_of_weak_passwords_on_the_network() -> None:
    from raddle.cli import weak_password_warning

    weak = Settings(admin_password="Password1234")
    assert weak_password_warning(weak, "0.0.0.0", generated=False)
    assert weak_password_warning(weak, "127.0.0.1", generated=False) is None
    strong = Settings(admin_password="a-long-and-strong-one")
    assert weak_password_warning(strong, "0.0.0.0", generated=False) is None


def test_the_readme_documents_every_setting_and_only_settings() -> None:
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `RADDLE_")]
    documented = {
        name for row in rows for name in re.findall(r"`RADDLE_([A-Z_]+)`", row.split("|")[1])
    }
    fields = {name.upper() for name in Settings.model_fields}
    assert documented == fields


def test_where_the_server_listens_is_a_setting_like_any_other(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert (Settings().host, Settings().port) == ("0.0.0.0", 8000)
    monkeypatch.setenv("RADDLE_HOST", "127.0.0.1")
    monkeypatch.setenv("RADDLE_PORT", "8123")
    assert (Settings().host, Settings().port) == ("127.0.0.1", 8123)
    monkeypatch.setenv("RADDLE_PORT", "70000")
    with pytest.raises(ValueError):
        Settings()


def test_the_command_line_overrides_where_the_server_listens() -> None:
    from raddle.cli import listen_address

    settings = Settings(host="127.0.0.1", port=8123)
    assert listen_address(settings, None, None) == ("127.0.0.1", 8123)
    assert listen_address(settings, "0.0.0.0", 9000) == ("0.0.0.0", 9000)
