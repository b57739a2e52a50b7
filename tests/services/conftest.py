"""Use cases called in-process: the real `Context` on a real database, without HTTP.

The context is built the way `raddle.app.create_app` builds it, on a migrated SQLite
file or a PostgreSQL database of its own; what would be published to sockets is kept,
so a test can read the events a use case announced.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from raddle.clock import Clock
from raddle.config import Settings
from raddle.db.engine import Database
from raddle.db.migrate import upgrade
from raddle.game.hints import HintLevel
from raddle.game.ladder import Direction
from raddle.limits import Limits
from raddle.services import lobbies, play, players, rounds, teams
from raddle.services.kit.context import Context
from raddle.services.kit.events import Event
from raddle.services.kit.readmodel import ReadModel
from raddle.wire.guess import GuessBody
from raddle.wire.hint import HintBody
from tests.support.databases import database
from tests.support.server import ADMIN_PASSWORD


@dataclass
class Published:
    """Stands in for the socket hub: keeps what each committed change announced."""

    events: list[Event] = field(default_factory=list)

    def publish(self, events: list[Event], lobby_list_changed: bool) -> None:
        self.events.extend(events)

    def of_type(self, kind: str) -> list[Event]:
        return [e for e in self.events if e.type == kind]


@pytest.fixture(scope="session")
def migrated_url(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database of this run's own, migrated to the latest schema."""
    with database(backend, tmp_path_factory.mktemp(f"services-{backend}")) as url:
        upgrade(url)
        yield url


@pytest.fixture(scope="session")
async def service_db(migrated_url: str) -> AsyncIterator[Database]:
    db = Database(migrated_url)
    try:
        yield db
    finally:
        await db.dispose()


@pytest.fixture(scope="session")
def service_context(migrated_url: str, service_db: Database) -> Context:
    """The context as the app builds it for a testing server, minus the rate limits
    (a test plays faster than any person). One for the whole run, like a server's:
    the puzzle library is read once; each test plays in a lobby of its own."""
    settings = Settings(
        _env_file=None,
        database_url=migrated_url,
        admin_password=ADMIN_PASSWORD,
        testing=True,
        rate_limits=False,
    )
    return Context(
        settings=settings,
        db=service_db,
        clock=Clock(),
        limits=Limits(enabled=False),
        reads=ReadModel(identities=True),
    )


@pytest.fixture
def published() -> Published:
    return Published()


@pytest.fixture
def ctx(service_context: Context, published: Published) -> Context:
    """The context, publishing to this test's own record of events."""
    service_context.publisher = published
    return service_context


@dataclass
class Seat:
    """A player at the table: who they are and the team they play for."""

    id: int
    name: str
    team_id: int


@dataclass
class Table:
    """One lobby with players dealt into teams, driven through the use cases."""

    ctx: Context
    code: str
    seats: list[Seat]
    team_ids: list[int]

    def team(self, index: int) -> list[Seat]:
        return [s for s in self.seats if s.team_id == self.team_ids[index]]

    async def start(self, **options: Any) -> dict[str, Any]:
        """Start a round (everyone counts as ready); the host's view of it, answers too."""
        options.setdefault("force", True)
        options.setdefault("difficulty", "easy")
        started = await rounds.start_round(self.ctx, self.code, rounds.RoundOptions(**options))
        return started.model_dump(mode="json")

    async def end(self) -> dict[str, Any]:
        return (await rounds.end_current_round(self.ctx, self.code)).model_dump(mode="json")

    async def words(self, index: int) -> list[str]:
        """Every word of the ladder the team at `index` plays this round."""
        snapshot = await lobbies.snapshot(self.ctx, self.code)
        round_ = snapshot.model_dump(mode="json")["round"]
        ladder = round_["ladders"][str(self.team_ids[index])]
        return [rung["word"] for rung in ladder["rungs"]]

    async def summary(self) -> dict[str, Any]:
        """The summary of the lobby's last round, as the host sees it."""
        snapshot = await lobbies.snapshot(self.ctx, self.code)
        assert snapshot.last_summary is not None
        return snapshot.last_summary.model_dump(mode="json")

    async def guess(
        self, seat: Seat, rung: int, word: str, ref: str | None = None
    ) -> dict[str, Any]:
        body = GuessBody(rung=rung, word=word, ref=ref)
        return (await play.submit_guess(self.ctx, seat.id, body)).model_dump(mode="json")

    async def hint(
        self, seat: Seat, level: int, direction: str = "down", ref: str | None = None
    ) -> dict[str, Any]:
        body = HintBody(direction=Direction(direction), level=HintLevel(level), ref=ref)
        return (await play.take_hint(self.ctx, seat.id, body)).model_dump(mode="json")

    async def solve(self, seat: Seat) -> None:
        """The seat's team solves its ladder from the top, one rung after another."""
        words = await self.words(self.team_ids.index(seat.team_id))
        for rung in range(1, len(words) - 1):
            assert (await self.guess(seat, rung, words[rung]))["result"] == "correct"


async def seat_players(ctx: Context, teams_count: int = 2, per_team: int = 2) -> Table:
    made = await lobbies.create_lobby(ctx, None)
    names = [f"Player {i + 1}" for i in range(teams_count * per_team)]
    joined = [await players.join_lobby(ctx, made.code, name) for name in names]
    dealt = await teams.make_teams(ctx, made.code, teams_count)
    team_of = {pid: team.id for team in dealt for pid in team.player_ids}
    seats = [Seat(j.player.id, j.player.name, team_of[j.player.id]) for j in joined]
    return Table(ctx, made.code, seats, [team.id for team in dealt])


@pytest.fixture
async def table(ctx: Context) -> Table:
    """A lobby of four players dealt into two teams of two, no round yet."""
    return await seat_players(ctx)
