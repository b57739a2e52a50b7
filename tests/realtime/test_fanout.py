"""Events reach sockets in seq order, even when they arrive out of order."""

from __future__ import annotations

import asyncio
from typing import Any

from raddle.realtime.connection import Connection
from raddle.realtime.fanout import Fanout
from raddle.realtime.hub import event_from_wire, event_to_wire
from raddle.services.kit.events import ADMIN, PLAYERS, CloseOrder, Event, team_audience


class FakeSocket:
    def __init__(self) -> None:
        self.sent: list[str] = []

    async def send_text(self, text: str) -> None:
        self.sent.append(text)

    async def close(self, code: int, reason: str) -> None:
        self.sent.append(f"close {code}")


def event(seq: int, **views: dict[str, Any]) -> Event:
    return Event(
        lobby_id=1, seq=seq, type="test", views=views or {ADMIN: {"n": seq}, PLAYERS: {"n": seq}}
    )


def live(
    fanout: Fanout, role: str = "admin", player_id: int | None = None, team_id: int | None = None
) -> tuple[Connection, FakeSocket]:
    socket = FakeSocket()
    connection = Connection(socket, role, 1, queue_limit=64, player_id=player_id)  # type: ignore[arg-type]
    fanout.add(connection)
    connection.go_live(0, team_id)
    return connection, socket


async def settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


async def test_events_out_of_order_are_delivered_in_order() -> None:
    fanout = Fanout(lambda *_: asyncio.sleep(0, []))
    connection, _ = live(fanout)
    for seq in (1, 3, 2, 5, 4):
        fanout.deliver(event(seq))
    assert [int(t.split('"seq":')[1].split(",")[0]) for t in _queued(connection)] == [1, 2, 3, 4, 5]


async def test_a_gap_that_does_not_close_is_read_back_from_the_log() -> None:
    async def log(lobby: int, after: int, upto: int) -> list[Event]:
        return [event(s) for s in range(after + 1, upto + 1)]

    fanout = Fanout(log)
    connection, _ = live(fanout)
    fanout.deliver(event(1))
    fanout.deliver(event(4))
    await asyncio.sleep(0.3)
    assert len(_queued(connection)) == 4


async def test_each_audience_gets_its_own_view_serialised_once() -> None:
    fanout = Fanout(lambda *_: asyncio.sleep(0, []))
    host, _ = live(fanout, "admin")
    red = [live(fanout, "player", pid, team_id=7)[0] for pid in (1, 2)]
    other, _ = live(fanout, "player", 3, team_id=8)
    views: dict[str, dict[str, Any]] = {
        ADMIN: {"answer": "MOUTH"},
        team_audience(7): {"word": "MOUTH"},
        PLAYERS: {"progress": 1},
    }
    fanout.deliver(event(1, **views))
    assert "MOUTH" in _queued(host)[0]
    assert all('"word":"MOUTH"' in _queued(c)[0] for c in red)
    assert _queued(red[0])[0] is _queued(red[1])[0]  # one string for the whole team
    assert "MOUTH" not in _queued(other)[0]


async def test_a_close_order_closes_only_its_player() -> None:
    fanout = Fanout(lambda *_: asyncio.sleep(0, []))
    kicked, _ = live(fanout, "player", 1)
    stays, _ = live(fanout, "player", 2)
    fanout.deliver(
        Event(1, 1, "player_kicked", {PLAYERS: {}}, CloseOrder(4003, "bye", player_id=1))
    )
    assert kicked.queue_size == 2 and stays.queue_size == 1


def test_events_survive_the_trip_through_redis() -> None:
    original = Event(3, 9, "player_kicked", {ADMIN: {"a": [1, "é"]}}, CloseOrder(4003, "bye", 5))
    assert event_from_wire(event_to_wire(original)) == original


def _queued(connection: Connection) -> list[str]:
    return connection.queued()
