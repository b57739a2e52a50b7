"""Fixtures for socket tests: a lobby with a logged-in host, on the shared server."""

from __future__ import annotations

from dataclasses import dataclass

import httpx
import pytest

from tests.support.game import Game, open_game
from tests.support.server import ServerProcess


@dataclass(kw_only=True)
class Room(Game):
    """A game whose lobby nobody has joined yet, and the server it is on."""

    server: ServerProcess


@pytest.fixture
async def room(server: ServerProcess, client: httpx.AsyncClient, host: dict[str, str]) -> Room:
    game = await open_game(client, host, server.ws_url)
    return Room(client, host, game.code, server.ws_url, server=server)
