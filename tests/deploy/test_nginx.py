"""The deploy/nginx recipe, for real: Debian's nginx with TLS in front of two server
processes on PostgreSQL + Redis, no sticky sessions.

nginx redirects HTTP to HTTPS, stops oversized bodies, upgrades sockets and passes the
client's address on, which the servers trust from nginx alone. Players spread over
both processes play a round; one process is stopped mid-round: every player is playing
again through the other within seconds, and every guess that was acknowledged is in
the guess log.
"""

from __future__ import annotations

import asyncio
import secrets
import ssl
import string
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
import websockets

from tests.deploy.nginx import Nginx, nginx_binary
from tests.faults.table import NAMES, Seat, Table, guess
from tests.faults.tracking import round_trip
from tests.support.api import bearer
from tests.support.databases import REDIS_URL, postgres_database
from tests.support.server import ADMIN_PASSWORD, ServerProcess

# Generous bounds for a busy machine; the measured failover is printed.
BACK_WITHIN = 30.0
STEP = 0.25

pytestmark = pytest.mark.timeout(240)


@pytest.fixture(scope="module")
def nginx_path() -> str:
    found = nginx_binary()
    if found is None:
        pytest.skip(
            "nginx is not installed and cannot be installed here (needs root and apt-get): "
            "`apt-get install nginx` runs the reverse-proxy test"
        )
    return found


@dataclass
class Play:
    seat: str
    connection: int
    sent: float
    answered: float
    rung: int = 0
    word: str = ""


@dataclass
class Record:
    """Every acknowledged guess (or, for the host, answered ping), in order."""

    plays: list[Play] = field(default_factory=list)
    unanswered: int = 0
    reconnects: list[tuple[str, float]] = field(default_factory=list)

    def first_answer_after(self, seat: str, moment: float) -> float | None:
        return next((p.answered for p in self.plays if p.seat == seat and p.sent > moment), None)

    def answers_after(self, seat: str, moment: float) -> int:
        return sum(1 for p in self.plays if p.seat == seat and p.sent > moment)


def misses(name: str) -> Iterator[str]:
    """Wrong words, all different, so the guess log shows each one exactly once."""
    for n in range(100_000):
        tail = ""
        while True:
            n, digit = divmod(n, 26)
            tail += string.ascii_lowercase[digit]
            if n == 0:
                break
        yield f"{name.lower()}miss{tail}"


async def keep_playing(
    seat: Seat, rung: int, ws_url: str, stop: asyncio.Event, record: Record
) -> None:
    """A player's phone: guess, wait for the answer; when the socket closes, reconnect
    (through nginx, to whichever process answers) and carry on from the last seq."""
    words = misses(seat.name)
    while not stop.is_set():
        assert seat.client is not None
        if seat.client.ended:
            try:
                await seat.connect(ws_url, resume=True)
                record.reconnects.append((seat.name, time.monotonic()))
            except (OSError, AssertionError, TimeoutError, websockets.WebSocketException):
                await asyncio.sleep(0.1)
            continue
        sent = time.monotonic()
        try:
            if seat.is_host:
                await round_trip(seat.client, f"watch-{sent}", timeout=10)
                word = ""
            else:
                word = next(words)
                reply = await guess(seat, rung, word)
                assert reply["result"] == "incorrect", reply
        except (AssertionError, TimeoutError, websockets.ConnectionClosed):
            record.unanswered += 1  # the socket closed under it: not acknowledged
            continue
        record.plays.append(Play(seat.name, seat.connections, sent, time.monotonic(), rung, word))
        await asyncio.sleep(STEP)


async def keep_reading(http: httpx.AsyncClient, url: str, host: dict[str, str],
                       stop: asyncio.Event, statuses: list[int]) -> None:  # fmt: skip
    """The host's page reading the lobby through nginx all along."""
    while not stop.is_set():
        statuses.append((await http.get(url, headers=host)).status_code)
        await asyncio.sleep(STEP)


async def keep_posting(
    http: httpx.AsyncClient, base: str, seat: Seat, rung: int, stop: asyncio.Event,
    record: Record, refused: list[int],
) -> None:  # fmt: skip
    """A script guessing over HTTP (POST /api/me/guess) through nginx; an answer other
    than 200 is not an acknowledgement, and the script goes on with its next word."""
    words = misses(f"{seat.name}post")
    while not stop.is_set():
        word, sent = next(words), time.monotonic()
        reply = await http.post(
            f"{base}/api/me/guess", json={"rung": rung, "word": word}, headers=bearer(seat.token)
        )
        if reply.status_code == 200:
            assert reply.json()["result"] == "incorrect", reply.text
            record.plays.append(Play(f"{seat.name} (HTTP)", 0, sent, time.monotonic(), rung, word))
        else:
            refused.append(reply.status_code)
        await asyncio.sleep(STEP)


def open_sockets(metrics: str) -> int:
    line = next(x for x in metrics.splitlines() if x.startswith("raddle_ws_open_sockets"))
    return int(float(line.split()[-1]))


async def test_nginx_spreads_players_over_two_processes_and_survives_one_stopping(
    nginx_path: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = {
        "RADDLE_REDIS_PREFIX": f"raddle-nginx-{secrets.token_hex(4)}",
        "RADDLE_TRUSTED_PROXIES": "127.0.0.1",
        "RADDLE_RATE_LIMIT_SCALE": "1",  # the real limits: they key on the client address
        "RADDLE_METRICS": "true",
    }
    with postgres_database() as url:
        one = ServerProcess(url, tmp_path / "one.log", redis_url=REDIS_URL, extra_env=env)
        two = ServerProcess(url, tmp_path / "two.log", redis_url=REDIS_URL, extra_env=env)
        await asyncio.to_thread(one.start)  # one at a time: the first applies the migrations
        await asyncio.to_thread(two.start)
        (tmp_path / "nginx").mkdir()
        proxy = Nginx(nginx_path, tmp_path / "nginx", [f"127.0.0.1:{s.port}" for s in (one, two)])
        try:
            await asyncio.to_thread(proxy.start)
            # Sockets (websockets) and HTTP (httpx) trust the test's own certificate.
            monkeypatch.setenv("SSL_CERT_FILE", str(proxy.cert))
            tls = ssl.create_default_context(cafile=str(proxy.cert))
            await _edge(proxy, tls)
            await _client_addresses(proxy, tls)
            async with httpx.AsyncClient(verify=tls, timeout=20) as http:
                await _failover(proxy, one, two, http)
        finally:
            await asyncio.to_thread(proxy.stop)
            await asyncio.to_thread(one.stop)
            await asyncio.to_thread(two.stop)
        for server in (one, two):
            assert "Exception in ASGI application" not in server.log_text()
        assert "[emerg]" not in proxy.errors() and "[crit]" not in proxy.errors()


async def _edge(proxy: Nginx, tls: ssl.SSLContext) -> None:
    """TLS, the redirect to it, the body limit, the servers' own headers passed on."""
    async with httpx.AsyncClient(verify=tls, timeout=20) as http:
        plain = await http.get(f"http://127.0.0.1:{proxy.http_port}/join/ABC234?from=qr")
        assert plain.status_code == 301
        assert plain.headers["location"] == f"{proxy.url}/join/ABC234?from=qr"
        health = await http.get(f"{proxy.url}/api/health")
        assert health.status_code == 200 and health.json()["status"] == "ok"
        assert health.headers["strict-transport-security"].startswith("max-age=")
        assert health.headers["x-content-type-options"] == "nosniff"
        page = await http.get(f"{proxy.url}/join/ABC234")
        assert page.status_code == 200 and "text/html" in page.headers["content-type"]
        # Metrics are scraped from each process directly, never through the public door.
        assert (await http.get(f"{proxy.url}/metrics")).status_code == 404
        huge = await http.post(
            f"{proxy.url}/api/admin/session",
            content=b'{"password": "' + b"x" * 100_000 + b'"}',
            headers={"Content-Type": "application/json"},
        )
        assert huge.status_code == 413


async def _client_addresses(proxy: Nginx, tls: ssl.SSLContext) -> None:
    """Login attempts are limited per client address: behind nginx that is the player's
    address (X-Forwarded-For, trusted from nginx only), and a client cannot forge it."""

    def from_address(address: str) -> httpx.AsyncClient:
        transport = httpx.AsyncHTTPTransport(local_address=address, verify=tls)
        return httpx.AsyncClient(base_url=proxy.url, transport=transport, timeout=20)

    login = "/api/admin/session"
    async with from_address("127.0.0.5") as guesser, from_address("127.0.0.6") as neighbour:
        refused_in_a_row = 0
        for _ in range(80):  # ten tries per process, then one every five seconds
            wrong = await guesser.post(login, json={"password": "not-it-at-all"})
            assert wrong.status_code in (401, 429), wrong.text
            refused_in_a_row = refused_in_a_row + 1 if wrong.status_code == 429 else 0
            if refused_in_a_row == 4:  # both processes, twice each (round robin)
                break
        assert refused_in_a_row == 4
        # The guesser is held back even with the right password and a made-up address...
        right = {"password": ADMIN_PASSWORD}
        assert (await guesser.post(login, json=right)).status_code == 429
        forged = await guesser.post(login, json=right, headers={"X-Forwarded-For": "10.1.2.3"})
        assert forged.status_code == 429
        # ...while someone at another address, behind the same nginx, logs in at once.
        assert (await neighbour.post(login, json=right)).status_code == 200


async def _failover(
    proxy: Nginx, one: ServerProcess, two: ServerProcess, http: httpx.AsyncClient
) -> None:
    table = await Table.open(http, proxy.url, NAMES)
    everyone = table.everyone
    await table.connect_all(proxy.ws_url)
    # Round robin, no stickiness: the sockets are spread over both processes.
    on_one = open_sockets((await http.get(f"{one.url}/metrics")).text)
    on_two = open_sockets((await http.get(f"{two.url}/metrics")).text)
    assert on_one >= 1 and on_two >= 1 and on_one + on_two == len(everyone), (on_one, on_two)

    ladders = (await table.game.start(difficulty="medium"))["ladders"]
    for seat in everyone:
        assert seat.client is not None
        await seat.client.expect("round_started", timeout=10)
    frontier = {int(team): ladder["frontier"]["down"] for team, ladder in ladders.items()}

    record = Record()
    statuses: list[int] = []
    stop = asyncio.Event()
    tasks = [
        asyncio.create_task(
            keep_playing(seat, frontier.get(seat.team_id or 0, 0), proxy.ws_url, stop, record)
        )
        for seat in everyone
    ]
    lobby_url = f"{proxy.url}/api/admin/lobbies/{table.code}"
    tasks.append(asyncio.create_task(keep_reading(http, lobby_url, table.host, stop, statuses)))
    script = table.seats[0]
    refused: list[int] = []
    tasks.append(
        asyncio.create_task(
            keep_posting(http, proxy.url, script, frontier[script.team_id or 0], stop, record,
                         refused)
        )
    )  # fmt: skip
    try:
        await _until(
            lambda: {s.name for s in everyone} <= {p.seat for p in record.plays}, "all playing"
        )

        # Process two stops (SIGTERM, as a service manager or a deploy does) mid-round.
        stopped = time.monotonic()
        await asyncio.to_thread(two.stop)
        await _until(
            lambda: all(record.first_answer_after(s.name, stopped) is not None for s in everyone),
            "everyone playing again",
            BACK_WITHIN,
        )
        moved = {name for name, at in record.reconnects if at > stopped}
        assert len(moved) == on_two, (moved, on_two)
        back = {
            name: round(answered - stopped, 2)
            for name in moved
            if (answered := record.first_answer_after(name, stopped)) is not None
        }
        # Everyone plays on at the one process left: two more answers each.
        settled = time.monotonic()
        await _until(
            lambda: all(record.answers_after(s.name, settled) >= 2 for s in everyone),
            "playing on at the one process left",
        )
    finally:
        stop.set()
        await asyncio.gather(*tasks)

    print(
        f"\nnginx failover: {len(moved)} of {len(everyone)} sockets were on the stopped "
        f"process; they were connected to the other after "
        f"{ {name: round(at - stopped, 2) for name, at in record.reconnects if at > stopped} } s "
        f"and playing again (a guess answered) after {back} s "
        f"(slowest {max(back.values()):.2f} s); {len(record.plays)} guesses and pings "
        f"answered, {record.unanswered} cut off unanswered, "
        f"{len(statuses)} lobby reads and "
        f"{sum(1 for p in record.plays if p.seat.endswith('(HTTP)'))} HTTP guesses through "
        f"nginx; HTTP guesses refused: {refused or 'none'}"
    )
    # The host's page never saw an error: nginx passed each read to a live process.
    assert set(statuses) == {200}, statuses

    # A rung solved now reaches everyone, in order, across the reconnects.
    team = table.team_ids()[0]
    solver = table.teammates(team)[0]
    rung = frontier[team]
    solved = await guess(solver, rung, ladders[str(team)]["rungs"][rung]["word"])
    assert solved["result"] == "correct"
    for seat in everyone:
        assert seat.client is not None
        assert (await seat.client.expect("rung_solved", timeout=10))["team_id"] == team
        assert not seat.breaks(), (seat.name, seat.breaks())

    # Every acknowledged guess is in the log, once.
    ended = await http.post(f"{lobby_url}/rounds/current/end", headers=table.host)
    assert ended.status_code == 200, ended.text
    logged = (await http.get(f"{lobby_url}/rounds/1/guesses", headers=table.host)).json()
    logged_words = [(g["player_name"], g["word"]) for g in logged]
    acknowledged = [(p.seat.removesuffix(" (HTTP)"), p.word) for p in record.plays if p.word]
    assert len(set(logged_words)) == len(logged_words)
    assert set(acknowledged) <= set(logged_words), set(acknowledged) - set(logged_words)
    await table.close()


async def _until(done: Callable[[], bool], what: str, within: float = BACK_WITHIN) -> None:
    deadline = time.monotonic() + within
    while not done():
        assert time.monotonic() < deadline, f"not {what} after {within} s"
        await asyncio.sleep(0.05)
