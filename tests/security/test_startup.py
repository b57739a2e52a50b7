"""What production refuses to start with, and what development warns about."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.server import free_port

STRONG = "test-host-password-5f2c"


def serve(tmp_path: Path, host: str, env: dict[str, str]) -> tuple[int | None, str]:
    """Start `raddle serve`: (its exit code, or None while it serves, and its output).

    It is watched until it exits or prints where to open the game (it has started).
    """
    environment = {k: v for k, v in os.environ.items() if not k.startswith("RADDLE_")}
    environment.update(RADDLE_DATABASE_URL=f"sqlite:///{tmp_path}/raddle.db", **env)
    out = tmp_path / "output.txt"
    with out.open("w") as sink:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "raddle.cli",
                "serve",
                "--host",
                host,
                "--port",
                str(free_port()),
            ],
            env=environment,
            stdout=sink,
            stderr=subprocess.STDOUT,
            text=True,
        )
    code: int | None = None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        code = process.poll()
        if code is not None or "Raddle Teams: open" in out.read_text():
            break
        time.sleep(0.1)
    if code is None:
        process.terminate()
        process.wait(20)
    return code, out.read_text()


def test_production_refuses_the_testing_endpoints(tmp_path: Path) -> None:
    code, output = serve(
        tmp_path,
        "127.0.0.1",
        {"RADDLE_ENV": "production", "RADDLE_ADMIN_PASSWORD": STRONG, "RADDLE_TESTING": "true"},
    )
    assert code == 2
    assert "RADDLE_TESTING" in output


@pytest.mark.parametrize("password", ["aaaaaaaaaaaa", "Password1234", " " * 12, "abcabcabcabc"])
def test_production_refuses_a_guessable_password(tmp_path: Path, password: str) -> None:
    code, output = serve(
        tmp_path, "127.0.0.1", {"RADDLE_ENV": "production", "RADDLE_ADMIN_PASSWORD": password}
    )
    assert code == 2
    assert "strong password" in output
    assert password.strip() == "" or password not in output


def test_development_warns_of_a_weak_password_reachable_from_the_network(
    tmp_path: Path,
) -> None:
    code, output = serve(tmp_path, "0.0.0.0", {"RADDLE_ADMIN_PASSWORD": "Password1234"})
    assert code is None  # it serves all the same
    assert "warning: the host password is weak" in output


def test_development_on_this_computer_only_does_not_warn(tmp_path: Path) -> None:
    code, output = serve(tmp_path, "127.0.0.1", {"RADDLE_ADMIN_PASSWORD": "Password1234"})
    assert code is None
    assert "warning" not in output
