"""Real server processes for tests: started, probed, stopped, killed and restarted."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.support.databases import sqlite_database

ADMIN_PASSWORD = "test-host-password-5f2c"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServerProcess:
    """`raddle serve` in its own process, logging JSON lines to a file."""

    def __init__(
        self,
        database_url: str,
        log_path: Path,
        *,
        redis_url: str | None = None,
        port: int | None = None,
        extra_env: dict[str, str] | None = None,
    ) -> None:
        self.database_url = database_url
        self.redis_url = redis_url
        self.log_path = log_path
        self.port = port or free_port()
        self.extra_env = extra_env or {}
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("RADDLE_")}
        env.update(
            RADDLE_DATABASE_URL=self.database_url,
            RADDLE_ADMIN_PASSWORD=ADMIN_PASSWORD,
            RADDLE_TESTING="true",
            RADDLE_LOG_FORMAT="json",
            RADDLE_LOG_LEVEL="DEBUG",
            RADDLE_PRESENCE_GRACE_SECONDS="1.5",
            RADDLE_MIN_COUNTDOWN_SECONDS="1",
            # The suite makes players far faster than people do; limits get their own tests.
            RADDLE_RATE_LIMIT_SCALE="1000",
            # Every player of the suite comes from 127.0.0.1; the caps get their own tests.
            RADDLE_MAX_PLAYERS_PER_ADDRESS="100000",
            RADDLE_MAX_SOCKETS_PER_ADDRESS="100000",
            RADDLE_MAX_CONNECTIONS_PER_ADDRESS="100000",
        )
        if self.redis_url:
            env["RADDLE_REDIS_URL"] = self.redis_url
        env.update(self.extra_env)
        return env

    def start(self, timeout: float = 30.0) -> ServerProcess:
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "raddle.cli",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
            ],
            env=self.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        self.wait_healthy(timeout)
        return self

    def wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited early; log:\n{self.log_text()[-4000:]}")
            try:
                if httpx.get(self.url + "/api/health", timeout=1.0).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"server did not become healthy; log:\n{self.log_text()[-4000:]}")

    def stop(self, timeout: float = 15.0) -> int | None:
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else None
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""


@contextmanager
def serving(folder: Path, env: dict[str, str] | None = None) -> Iterator[ServerProcess]:
    """A server on a new SQLite database in `folder`, configured with `env` besides the
    test settings; stopped afterwards."""
    with sqlite_database(folder) as url:
        server = ServerProcess(url, folder / "server.log", extra_env=env).start()
        try:
            yield server
        finally:
            server.stop()


@contextmanager
def two_servers(
    database_url: str, redis_url: str, folder: Path, prefix: str
) -> Iterator[tuple[ServerProcess, ServerProcess]]:
    """Two server processes on one database, their events shared through Redis under
    `prefix`; both stopped afterwards."""
    env = {"RADDLE_REDIS_PREFIX": prefix}
    one = ServerProcess(database_url, folder / "one.log", redis_url=redis_url, extra_env=env)
    two = ServerProcess(database_url, folder / "two.log", redis_url=redis_url, extra_env=env)
    one.start()
    try:
        two.start()
        yield one, two
    finally:
        one.stop()
        two.stop()
