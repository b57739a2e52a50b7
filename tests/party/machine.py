"""A whole room played at random: hosts and players doing what people do at a party.

The machine drives real server processes over REST and real sockets, one random
step at a time, and after every step checks what must always hold:

- every connected player's state, rebuilt only from the frames their socket
  received, equals a fresh snapshot taken at the same `seq` (team, roster,
  ladder, leaderboard);
- no player receives another team's ladder, words, guesses or hints;
- `seq` is gap-free on every socket, and a correct guess the server acknowledged
  is on the ladder of every teammate, also after a reload;
- no 5xx, no `internal_error` frame, no socket closed without a reason.

Hypothesis prints a failing run as a script of the steps, replayable as is.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from tests.support.player_view import PlayerView, essentials
from tests.support.server import ADMIN_PASSWORD, ServerProcess
from tests.support.ws import Client, player_socket

T = TypeVar("T")

NAMES = ["Ana", "Bo", "Cy", "Di", "Ed", "Flo", "Gus"]
TEAM_NAMES = ["Owls", "Foxes", "Otters", "Hares"]
DEADLINE = 20.0
# Close codes a socket may end with, and why: left, kicked, lobby deleted.
CLOSE_LEFT, CLOSE_KICKED, CLOSE_DELETED = 4001, 4003, 4004


class Loop:
    """An event loop in its own thread: the machine's rules are plain functions."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 60.0) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def stop(self) -> None:
        """Cancel whatever still runs (readers of sockets a failed run left open), then
        close the loop, so no transport outlives it."""

        async def cancel_all() -> None:
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        self.run(cancel_all())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        if not self.loop.is_running():
            self.loop.close()


@dataclass
class World:
    """What every run shares: the servers (one, or two behind one Redis) and a loop."""

    servers: list[ServerProcess]
    loop: Loop
    clients: list[httpx.AsyncClient] = field(default_factory=list)
    host: dict[str, str] = field(default_factory=dict)
    steps: int = 0
    rooms: int = 0

    def open(self) -> None:
        async def connect() -> None:
            self.clients = [httpx.AsyncClient(base_url=s.url, timeout=30) for s in self.servers]
            login = await self.clients[0].post(
                "/api/admin/session", json={"password": ADMIN_PASSWORD}
            )
            assert login.status_code == 200, login.text
            self.host = {"Authorization": f"Bearer {login.json()['token']}"}

        self.loop.run(connect())

    def close(self) -> None:
        async def disconnect() -> None:
            for client in self.clients:
                await client.aclose()

        self.loop.run(disconnect())


@dataclass
class Seat:
    """One person's phone: their player and, while connected, a socket."""

    name: str
    id: int
    token: str
    server: int
    socket: Client | None = None
    view: PlayerView = field(default_factory=PlayerView)
    # Sockets closed by us or by the server for a reason, with the code expected.
    closing: list[tuple[Client, int | None]] = field(default_factory=list)


class PartyMachine(RuleBasedStateMachine):
    world: World  # set by the test before running

    def __init__(self) -> None:
        super().__init__()
        self.seats: dict[str, Seat] = {}
        self.acked: set[tuple[int, int, int, str]] = set()  # round, team, rung, word
        self.turn = 0
        # Sockets of players who are gone, with the close code each must end with.
        self.closing: list[tuple[Client, int | None]] = []
        self.world.rooms += 1
        self.code = self._new_lobby()

    # -- plumbing ------------------------------------------------------------------

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        return self.world.loop.run(coro)

    def http(self) -> httpx.AsyncClient:
        """Requests go to the servers in turn: any process may serve any request."""
        self.turn += 1
        return self.world.clients[self.turn % len(self.world.clients)]

    def call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        response = self.run(self.http().request(method, path, **kwargs))
        assert response.status_code < 500, (method, path, response.status_code, response.text)
        if response.status_code >= 400:
            body = response.json()
            assert set(body) == {"detail", "code"}, body
        return response

    def admin(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        return self.call(method, path, headers=self.world.host, **kwargs)

    def _new_lobby(self) -> str:
        created = self.admin("POST", "/api/admin/lobbies", json={})
        assert created.status_code == 201, created.text
        return str(created.json()["code"])

    def host_state(self) -> dict[str, Any]:
        state = self.admin("GET", f"/api/admin/lobbies/{self.code}")
        assert state.status_code == 200, state.text
        return dict(state.json())

    def pick(self, index: int, connected: bool | None = None) -> Seat | None:
        seats = [
            s
            for s in self.seats.values()
            if connected is None or (s.socket is not None) == connected
        ]
        return seats[index % len(seats)] if seats else None

    def team_ids(self) -> list[int]:
        return [t["id"] for t in self.host_state()["teams"]]

    def open_socket(self, seat: Seat, last_seq: int | None) -> None:
        server = self.world.servers[seat.server % len(self.world.servers)]
        auth = {} if last_seq is None else {"last_seq": last_seq}
        seat.socket = self.run(player_socket(server.ws_url, seat.token, **auth))
        if last_seq is None:
            seat.view = PlayerView()
        else:
            seat.view.consumed = 0  # the new socket's frames continue the same view

    def drop_socket(self, seat: Seat, expected: int | None) -> None:
        if seat.socket is not None:
            seat.closing.append((seat.socket, expected))
            seat.socket = None

    def guess(self, seat: Seat, rung: int, word: str) -> dict[str, Any]:
        if seat.socket is not None:
            ref = f"g{time.monotonic_ns()}"
            self.run(seat.socket.send({"type": "guess", "ref": ref, "rung": rung, "word": word}))
            answer = self.run(_answer(seat.socket, ref))
            if answer is None:  # the socket was closed under the guess by a host action
                return {"result": "no_answer"}
            if answer["type"] == "error":  # a refusal: no round, not on a team...
                assert answer["code"] != "internal_error", answer
                return {"result": "refused"}
            return answer
        response = self.call(
            "POST",
            "/api/me/guess",
            json={"rung": rung, "word": word},
            headers={"Authorization": f"Bearer {seat.token}"},
        )
        return dict(response.json()) if response.status_code == 200 else {"result": "refused"}

    # -- players -------------------------------------------------------------------

    @initialize(
        count=st.integers(min_value=2, max_value=6),
        teams=st.integers(min_value=2, max_value=3),
        start=st.booleans(),
    )
    def guests_arrive(self, count: int, teams: int, start: bool) -> None:
        """The party starts with phones open in the lobby before any team exists; the
        host may make teams and start a round straight away."""
        for name in NAMES[:count]:
            self.join(name, shout=False)
            self.open_socket(self.seats[name], None)
        self.make_teams(teams)
        if start:
            self.start_round("different", hints=True)

    @rule(name=st.sampled_from(NAMES), shout=st.booleans())
    def join(self, name: str, shout: bool) -> None:
        typed = name.upper() if shout else name
        joined = self.call("POST", f"/api/lobbies/{self.code}/players", json={"name": typed})
        taken = any(s.name.casefold() == typed.casefold() for s in self.seats.values())
        if taken:
            assert joined.status_code == 409 and joined.json()["code"] == "name_taken"
            return
        assert joined.status_code == 201, joined.text
        player = joined.json()["player"]
        self.seats[typed] = Seat(typed, player["id"], joined.json()["token"], player["id"])

    @precondition(lambda self: any(s.socket is None for s in self.seats.values()))
    @rule(index=st.integers(min_value=0, max_value=50), resume=st.booleans())
    def connect(self, index: int, resume: bool) -> None:
        """A phone opens the game (again): fresh, or resuming from what it saw last."""
        seat = self.pick(index, connected=False)
        assert seat is not None
        self.open_socket(seat, seat.view.seq if resume and seat.view.seq >= 0 else None)

    @precondition(lambda self: any(s.socket is not None for s in self.seats.values()))
    @rule(index=st.integers(min_value=0, max_value=50))
    def reload(self, index: int) -> None:
        seat = self.hang_up(index)
        self.open_socket(seat, seat.view.seq)

    @precondition(lambda self: any(s.socket is not None for s in self.seats.values()))
    @rule(index=st.integers(min_value=0, max_value=50))
    def lose_signal(self, index: int) -> None:
        self.hang_up(index)

    def hang_up(self, index: int) -> Seat:
        """A connected phone's socket goes away; what it received is kept and checked."""
        seat = self.pick(index, connected=True)
        assert seat is not None and seat.socket is not None
        self.run(seat.socket.close())
        seat.view.feed(seat.socket.frames)
        check_own_team_only(seat.view)
        self.drop_socket(seat, None)
        return seat

    @precondition(lambda self: bool(self.seats))
    @rule(index=st.integers(min_value=0, max_value=50), ready=st.booleans())
    def mark_ready(self, index: int, ready: bool) -> None:
        seat = self.pick(index)
        assert seat is not None
        marked = self.call(
            "PUT",
            "/api/me/ready",
            json={"ready": ready},
            headers={"Authorization": f"Bearer {seat.token}"},
        )
        assert marked.status_code == 200, marked.text

    @precondition(lambda self: bool(self.seats))
    @rule(index=st.integers(min_value=0, max_value=50))
    def leave(self, index: int) -> None:
        seat = self.pick(index)
        assert seat is not None
        left = self.call("DELETE", "/api/me", headers={"Authorization": f"Bearer {seat.token}"})
        assert left.status_code == 204, left.text
        self.drop_socket(seat, CLOSE_LEFT)
        self._gone(seat)

    def _gone(self, seat: Seat) -> None:
        del self.seats[seat.name]
        self.closing.extend(seat.closing)

    # -- the host ------------------------------------------------------------------

    @rule(count=st.integers(min_value=2, max_value=4))
    def make_teams(self, count: int) -> None:
        made = self.admin("POST", f"/api/admin/lobbies/{self.code}/teams", json={"count": count})
        assert made.status_code in (201, 409), made.text

    @rule(name=st.sampled_from(TEAM_NAMES))
    def add_team(self, name: str) -> None:
        added = self.admin("POST", f"/api/admin/lobbies/{self.code}/teams", json={"name": name})
        assert added.status_code in (201, 409), added.text

    @rule(index=st.integers(min_value=0, max_value=50), name=st.sampled_from(TEAM_NAMES))
    def rename_team(self, index: int, name: str) -> None:
        teams = self.team_ids()
        if teams:
            renamed = self.admin(
                "PATCH", f"/api/admin/teams/{teams[index % len(teams)]}", json={"name": name}
            )
            assert renamed.status_code in (200, 409), renamed.text

    @rule(index=st.integers(min_value=0, max_value=50))
    def remove_team(self, index: int) -> None:
        teams = self.team_ids()
        if teams:
            removed = self.admin("DELETE", f"/api/admin/teams/{teams[index % len(teams)]}")
            assert removed.status_code == 204, removed.text

    @precondition(lambda self: bool(self.seats))
    @rule(
        index=st.integers(min_value=0, max_value=50), team=st.integers(min_value=-1, max_value=50)
    )
    def move(self, index: int, team: int) -> None:
        seat = self.pick(index)
        teams = self.team_ids()
        assert seat is not None
        target = None if team < 0 or not teams else teams[team % len(teams)]
        moved = self.admin("PUT", f"/api/admin/players/{seat.id}/team", json={"team_id": target})
        assert moved.status_code == 200, moved.text

    @precondition(lambda self: bool(self.seats))
    @rule(index=st.integers(min_value=0, max_value=50))
    def kick(self, index: int) -> None:
        seat = self.pick(index)
        assert seat is not None
        kicked = self.admin("DELETE", f"/api/admin/players/{seat.id}")
        assert kicked.status_code == 204, kicked.text
        self.drop_socket(seat, CLOSE_KICKED)
        self._gone(seat)

    @rule(mode=st.sampled_from(["same", "different"]), hints=st.booleans())
    def start_round(self, mode: str, hints: bool) -> None:
        started = self.admin(
            "POST",
            f"/api/admin/lobbies/{self.code}/rounds",
            json={"mode": mode, "hints": hints, "force": True},
        )
        assert started.status_code in (201, 409), started.text
        if started.status_code == 409:
            assert started.json()["code"] in ("round_running", "no_teams", "no_puzzles")

    @rule(seconds=st.integers(min_value=1, max_value=3))
    def countdown(self, seconds: int) -> None:
        timer = self.admin(
            "POST",
            f"/api/admin/lobbies/{self.code}/rounds/current/timer",
            json={"seconds": seconds},
        )
        assert timer.status_code in (200, 409), timer.text

    @rule()
    def end_round(self) -> None:
        ended = self.admin("POST", f"/api/admin/lobbies/{self.code}/rounds/current/end")
        assert ended.status_code in (200, 409), ended.text

    @rule()
    def back_to_lobby(self) -> None:
        back = self.admin("POST", f"/api/admin/lobbies/{self.code}/phase", json={"phase": "lobby"})
        assert back.status_code in (204, 409), back.text

    @rule()
    def delete_lobby(self) -> None:
        gone = self.admin("DELETE", f"/api/admin/lobbies/{self.code}")
        assert gone.status_code == 204, gone.text
        for seat in list(self.seats.values()):
            self.drop_socket(seat, CLOSE_DELETED)
            self._gone(seat)
        self.acked.clear()
        self.world.rooms += 1
        self.code = self._new_lobby()

    # -- play ----------------------------------------------------------------------

    @precondition(lambda self: bool(self.seats))
    @rule(index=st.integers(min_value=0, max_value=50), down=st.booleans())
    def guess_right(self, index: int, down: bool) -> None:
        seat = self.pick(index)
        assert seat is not None
        state = self.host_state()
        round_ = state["round"]
        me = next(p for p in state["players"] if p["id"] == seat.id)
        if not round_ or round_["status"] != "running" or me["team_id"] is None:
            return
        ladder = round_["ladders"].get(str(me["team_id"]))
        if ladder is None:
            return
        frontier = ladder["frontier"]
        rung = frontier["down"] if down else frontier["up"]
        if rung is None:
            return
        word = ladder["rungs"][rung]["word"]
        result = self.guess(seat, rung, word.lower())
        assert result["result"] in ("correct", "already_solved", "no_answer", "refused"), result
        if result["result"] == "correct":
            self.acked.add((round_["id"], me["team_id"], rung, word))

    @precondition(lambda self: bool(self.seats))
    @rule(index=st.integers(min_value=0, max_value=50), rung=st.integers(min_value=0, max_value=8))
    def guess_wrong(self, index: int, rung: int) -> None:
        seat = self.pick(index)
        assert seat is not None
        result = self.guess(seat, rung, "Qzxq")
        assert result["result"] != "correct", result

    @precondition(lambda self: bool(self.seats))
    @rule(
        index=st.integers(min_value=0, max_value=50),
        direction=st.sampled_from(["down", "up"]),
        level=st.sampled_from([1, 2]),
    )
    def hint(self, index: int, direction: str, level: int) -> None:
        seat = self.pick(index)
        assert seat is not None
        taken = self.call(
            "POST",
            "/api/me/hint",
            json={"direction": direction, "level": level},
            headers={"Authorization": f"Bearer {seat.token}"},
        )
        assert taken.status_code in (200, 409), taken.text

    # -- what must always hold -----------------------------------------------------

    @invariant()
    def room_is_right(self) -> None:
        self.world.steps += 1
        self.run(self._check())

    async def _check(self) -> None:
        for socket, code in [*self.closing, *(c for s in self.seats.values() for c in s.closing)]:
            closed, reason = await socket.closed(timeout=DEADLINE)
            if code is not None:
                assert closed == code, (closed, reason, code)
            assert_no_faults(socket)
        self.closing = []
        for seat in self.seats.values():
            seat.closing = []
            if seat.socket is not None:
                await self._check_seat(seat)

    async def _check_seat(self, seat: Seat) -> None:
        socket = seat.socket
        assert socket is not None
        assert socket.close_code is None, (seat.name, socket.close_code, socket.close_reason)
        assert_no_faults(socket)
        server = self.world.servers[(seat.server + 1) % len(self.world.servers)]
        for _ in range(5):
            fresh = await player_socket(server.ws_url, seat.token)
            snapshot = await fresh.expect("snapshot", timeout=DEADLINE)
            await fresh.close()
            await _reach(seat, snapshot["seq"])
            if snapshot["seq"] in seat.view.history:
                break
        else:
            raise AssertionError(f"{seat.name}'s socket never stood at a snapshot's seq")
        rebuilt = seat.view.history[snapshot["seq"]]
        expected = essentials(snapshot["state"])
        differs = {k: (rebuilt[k], expected[k]) for k in expected if rebuilt[k] != expected[k]}
        assert not differs, f"{seat.name} at seq {snapshot['seq']}: (rebuilt, snapshot) {differs}"
        state = seat.view.state
        round_ = state.get("round")
        ladder = round_.get("ladder") if round_ else None
        if round_ and ladder is not None:
            for round_id, team_id, rung, word in self.acked:
                if round_id == round_["id"] and team_id == ladder["team_id"]:
                    assert ladder["rungs"][rung]["word"] == word, (seat.name, rung, word)

    def teardown(self) -> None:
        async def close_all() -> None:
            for seat in self.seats.values():
                if seat.socket is not None:
                    await seat.socket.close()
                for socket, _ in seat.closing:
                    await socket.close()
            for socket, _ in self.closing:
                await socket.close()

        self.run(close_all())


async def _reach(seat: Seat, seq: int) -> None:
    """Wait until the seat's socket has applied everything up to `seq`."""
    socket = seat.socket
    assert socket is not None
    deadline = time.monotonic() + DEADLINE
    while True:
        seat.view.feed(socket.frames)
        check_own_team_only(seat.view)
        if seat.view.seq >= seq:
            return
        assert socket.close_code is None, (seat.name, socket.close_code, socket.close_reason)
        assert time.monotonic() < deadline, f"{seat.name} stuck at {seat.view.seq} < {seq}"
        await asyncio.sleep(0.02)


async def _answer(socket: Client, ref: str) -> dict[str, Any] | None:
    """The server's answer to the message sent with `ref`; None if the socket closed."""
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        answer = next((f for f in socket.frames if f.get("ref") == ref), None)
        if answer is not None:
            return answer
        if socket.close_code is not None:
            return None
        await asyncio.sleep(0.02)
    raise AssertionError(f"no answer to {ref} within {DEADLINE} s")


def assert_no_faults(socket: Client) -> None:
    faults = [f for f in socket.frames if f.get("code") == "internal_error"]
    assert not faults, faults


def check_own_team_only(view: PlayerView) -> None:
    """No frame gave this player another team's ladder, words, guesses or hints."""
    for seq, team_id, frame in view.seen:
        round_ = frame.get("round") or (frame.get("state") or {}).get("round")
        ladder = round_.get("ladder") if round_ else None
        assert ladder is None or ladder["team_id"] == team_id, (seq, team_id, frame)
        if frame.get("team_id") not in (None, team_id):
            assert not {"word", "guess", "ladder", "hint"} & set(frame), (seq, team_id, frame)
    view.seen.clear()
