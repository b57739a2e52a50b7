"""A socket catches up, goes live, falls back to catching up on a gap or a change of
teams, and once closing stays closed; only its own methods move it."""

from __future__ import annotations

import asyncio
from typing import Any

from raddle.realtime.connection import Connection, SocketState
from raddle.services.kit.events import ADMIN, PLAYERS, Event, team_audience


class FakeSocket:
    def __init__(self) -> None:
        self.sent: list[str] = []
        self.closed_with: int | None = None

    async def send_text(self, text: str) -> None:
        self.sent.append(text)

    async def close(self, code: int, reason: str) -> None:
        self.closed_with = code


def event(seq: int, teams: dict[int, int | None] | None = None) -> Event:
    views: dict[str, Any] = {ADMIN: {"n": seq}, PLAYERS: {"n": seq}}
    return Event(lobby_id=1, seq=seq, type="test", views=views, teams=teams)


def socket_for(role: str = "admin", player_id: int | None = None) -> Connection:
    return Connection(
        FakeSocket(),  # type: ignore[arg-type]
        role,  # type: ignore[arg-type]
        1,
        queue_limit=16,
        lobby_code="ABC234",
        player_id=player_id,
    )


def state_of(connection: Connection) -> SocketState:
    """The socket's state, read afresh (a transition changes what an earlier read said)."""
    return connection.state


def queued_seqs(connection: Connection) -> list[int]:
    items = connection.queued()
    return [int(item.split('"seq":')[1].split(",")[0]) for item in items]


async def test_a_new_socket_holds_events_until_its_snapshot_is_queued() -> None:
    connection = socket_for()
    assert connection.state is SocketState.CATCHING_UP
    connection.offer(event(6), {})
    connection.offer(event(5), {})
    assert queued_seqs(connection) == []
    connection.go_live(4, None)
    assert state_of(connection) is SocketState.LIVE
    assert queued_seqs(connection) == [5, 6]
    assert connection.last_seq == 6


async def test_events_the_snapshot_already_holds_are_not_sent_again() -> None:
    connection = socket_for()
    connection.offer(event(3), {})
    connection.go_live(3, None)
    assert queued_seqs(connection) == []


async def test_a_replay_goes_out_before_what_waited() -> None:
    connection = socket_for()
    connection.offer(event(4), {})
    connection.go_live(1, None, [event(2), event(3)])
    assert queued_seqs(connection) == [2, 3, 4]


async def test_a_gap_sends_the_socket_back_to_catch_up() -> None:
    connection = socket_for()
    asked: list[Connection] = []
    connection.when_resync_needed(asked.append)
    connection.go_live(1, None)
    connection.offer(event(3), {})
    assert asked == [connection]
    assert connection.state is SocketState.CATCHING_UP
    assert queued_seqs(connection) == []


async def test_a_player_moved_to_another_team_catches_up_as_the_new_team() -> None:
    connection = socket_for("player", player_id=9)
    asked: list[Connection] = []
    connection.when_resync_needed(asked.append)
    connection.go_live(1, 7)
    assert connection.team_id == 7
    connection.offer(event(2, teams={9: 8}), {})
    assert asked == [connection] and connection.state is SocketState.CATCHING_UP
    connection.go_live(2, 8)
    assert connection.team_id == 8
    encoded: dict[str, str] = {}
    connection.offer(Event(1, 3, "x", {team_audience(8): {"word": "MOTH"}}), encoded)
    assert queued_seqs(connection) == [3]
    assert "MOTH" in encoded[connection.audience_key()]


async def test_asking_to_catch_up_while_live_holds_events_again() -> None:
    connection = socket_for()
    connection.go_live(0, None)
    connection.catching_up()
    connection.offer(event(1), {})
    assert queued_seqs(connection) == []
    connection.go_live(0, None)
    assert queued_seqs(connection) == [1]


async def test_a_closing_socket_never_goes_live_again() -> None:
    connection = socket_for()
    connection.go_live(0, None)
    connection.abort(4000, "bye")
    assert connection.closed and connection.state is SocketState.CLOSING
    connection.catching_up()
    connection.go_live(5, None)
    connection.offer(event(1), {})
    assert connection.state is SocketState.CLOSING
    assert queued_seqs(connection) == []
    await asyncio.sleep(0)
    await connection.finish()
    assert connection.close_code == 4000


async def test_a_close_waits_for_what_is_queued_before_it() -> None:
    connection = socket_for()
    socket: FakeSocket = connection.websocket  # type: ignore[assignment]
    connection.start_writer()
    connection.go_live(0, None)
    connection.offer(event(1), {})
    connection.close(4003, "kicked")
    assert connection.state is SocketState.LIVE  # until the writer reaches the close
    for _ in range(5):
        await asyncio.sleep(0)
    assert len(socket.sent) == 1 and socket.closed_with == 4003
    assert connection.closed
    await connection.finish()
