"""Fixtures for socket tests: a lobby with a logged-in host and helpers to join it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.support.api import join
from tests.support.server import ServerProcess


@dataclass
class Room:
    server: ServerProcess
    client: httpx.AsyncClient
    host: dict[str, str]
    code: str

    @property
    def host_token(self) -> str:
        return self.host["Authorization"].removeprefix("Bearer ")

    async def join(self, name: str) -> dict[str, Any]:
        return await join(self.client, self.code, name)


@pytest.fixture
async def room(
    server: ServerProcess, client: httpx.AsyncClient, host: dict[str, str], lobby: dict[str, str]
) -> Room:
    return Room(server, client, host, lobby["code"])
