#!/usr/bin/env python3
"""(b) WebSocket fan-out: one lobby, N player sockets, events triggered over REST.

Steps (every loop is bounded in count and in time):
 1. N players join one lobby over REST.
 2. Warm-up: each player opens one socket, waits for its own `player_connected`, and
    closes it (a few at a time). The server is started with
    RADDLE_PRESENCE_GRACE_SECONDS=300 so the players stay "connected" afterwards.
    Without this, opening N sockets makes N `player_connected` events, each sent to
    every socket already open: O(N^2) frames (see the separate `storm` measurement,
    done at a smaller N).
 3. The N measured sockets open (bounded concurrency) and authenticate; each gets a
    snapshot. Time to snapshot is recorded.
 4. Latency: `--triggers` sequential triggers per kind; for each, the time from just
    before the REST call to the frame's arrival at each socket (p50 socket and last
    socket). Kinds:
      ready  PUT /api/me/ready toggles of one player -> `player_ready` (that player only)
      rename PATCH /api/admin/teams/{id} by the host -> `team_renamed` (full roster)
      timer  POST .../rounds/current/timer (a round runs) -> `timer_started` (tiny)
 5. Throughput: `--burst` triggers per kind sent back to back (4 in flight); delivered
    frames / time from the first trigger to the last frame at the last socket.

The client reads frames without decoding JSON (type/seq come from the frame head) and
reports its own CPU use, so a saturated client is visible. By default (`--client raw`)
the measured sockets are read after the handshake by a Protocol that parses only the
frame headers and the last frame's type and seq of each read (lib/wsclient.py).
`--compression deflate` (the default) offers permessage-deflate as browsers do (the
server declines it, so the raw reader can be used); `none` does not offer it.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import sys
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import orjson
from lib.common import (
    Api,
    CpuMeter,
    add_server_args,
    emit,
    percentile,
    pin_load_core,
    raise_nofile,
    self_cpu_seconds,
    start_from_args,
    summary_ms,
)
from lib.wsclient import (
    RawReader,
    SeqBoard,
    Sock,
    close_all,
    close_raw,
    go_raw,
    open_many,
    open_sock,
)


class Collector:
    """Arrival times of each lobby event (by seq) over all measured sockets."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.arrivals: dict[int, list[float]] = defaultdict(list)
        self.sizes: dict[bytes, int] = {}
        self.done: dict[int, asyncio.Event] = defaultdict(asyncio.Event)
        self.last_seq = 0
        self.kinds: dict[int, bytes] = {}

    def on_frame(
        self, sock: Sock, data: bytes, kind: bytes, seq: int | None, ref: bytes | None, now: float
    ) -> None:
        if seq is None:
            return
        arr = self.arrivals[seq]
        arr.append(now)
        self.kinds[seq] = kind
        self.sizes[kind] = len(data)
        if seq > self.last_seq:
            self.last_seq = seq
        if len(arr) >= self.n:
            self.done[seq].set()

    def times(self, seq: int) -> list[float]:
        """Arrival time of `seq` at each socket that has it."""
        return self.arrivals.get(seq, [])

    def settle(self) -> None:
        """Take the newest seq seen as the start of the next measurement."""
        self.last_seq = max(self.arrivals.keys(), default=self.last_seq)

    async def wait(self, seq: int, timeout: float) -> bool:
        try:
            await asyncio.wait_for(self.done[seq].wait(), timeout)
            return True
        except TimeoutError:
            return False


class RawCollector:
    """The same questions as Collector, answered from sockets read by RawReader."""

    def __init__(self, readers: list[RawReader], board: SeqBoard) -> None:
        self.readers = readers
        self.board = board
        self.n = len(readers)
        self.kinds = board.kinds
        self.sizes = board.sizes

    @property
    def last_seq(self) -> int:
        """The newest seq any socket has received."""
        return self.board.newest

    def times(self, seq: int) -> list[float]:
        out = []
        for r in self.readers:
            t = r.arrival(seq)
            if t is not None:
                out.append(t)
        return out

    def settle(self) -> None:
        """Nothing to do: `last_seq` follows the sockets."""

    async def wait(self, seq: int, timeout: float) -> bool:
        return await self.board.wait(seq, timeout)


async def storm(
    api: Api, ws_url: str, n: int, compression: str | None, budget_s: float
) -> dict[str, Any]:
    """Open n player sockets into a fresh lobby of n players with no warm-up."""
    code = await api.create_lobby("Bench Storm")
    joined = await api.join_many(code, [f"s{i}" for i in range(n)])
    collector = Collector(n)
    t_cpu = self_cpu_seconds()
    t0 = time.perf_counter()
    socks, times, errors = await open_many(
        ws_url,
        [{"type": "auth", "token": j["token"]} for j in joined],
        compression=compression,
        concurrency=20,
        deadline_s=budget_s,
    )
    for s in socks:
        # Count what arrives after the snapshot; events before it are inside the snapshot.
        s.start_reader(collector.on_frame)
    opened = time.perf_counter() - t0
    # Settle: wait until the storm's last event has reached every socket (bounded).
    stop_at = time.monotonic() + budget_s
    settled = False
    while time.monotonic() < stop_at:
        await asyncio.sleep(0.25)
        last = collector.last_seq
        if (
            last
            and all(s.closed_code is None for s in socks)
            and len(collector.arrivals.get(last, [])) >= len(socks)
        ):
            await asyncio.sleep(0.5)
            if collector.last_seq == last:
                settled = True
                break
    elapsed = time.perf_counter() - t0
    frames = sum(s.frames for s in socks)
    data = sum(s.bytes for s in socks)
    closed: dict[str, int] = defaultdict(int)
    for s in socks:
        if s.closed_code is not None:
            closed[str(s.closed_code)] += 1
    client_cpu = self_cpu_seconds() - t_cpu
    await close_all(socks)
    return {
        "players": n,
        "sockets_opened": len(socks),
        "open_errors": errors[:5],
        "open_s": round(opened, 3),
        "settled": settled,
        "settle_s": round(elapsed, 3),
        "frames_after_snapshot": frames,
        "bytes_after_snapshot": data,
        "closed_by_server": dict(closed),
        "snapshot_ms": summary_ms(times),
        "client_cpu_pct": round(100 * client_cpu / elapsed, 1),
    }


async def settle(collector: Collector | RawCollector, budget_s: float) -> float | None:
    """Wait (bounded) until every socket has the newest seq and nothing newer comes for
    0.5 s; seconds taken, or None when the budget ran out first."""
    t0 = time.perf_counter()
    stop_at = time.monotonic() + budget_s
    await asyncio.sleep(0.5)
    while time.monotonic() < stop_at:
        collector.settle()
        newest = collector.last_seq
        if await collector.wait(newest, max(0.1, stop_at - time.monotonic())):
            await asyncio.sleep(0.5)
            collector.settle()
            if collector.last_seq == newest:
                return round(time.perf_counter() - t0, 2)
    collector.settle()
    return None


async def trigger_fn(api: Api, kind: str, ctx: dict[str, Any]) -> Callable[..., Awaitable[int]]:
    """A coroutine factory: calling it sends one trigger of this kind."""
    counter = itertools.count()
    if kind == "ready":
        tokens = ctx["tokens"]

        async def fire(slot: int = 0) -> int:
            i = next(counter)
            r = await api.set_ready(tokens[slot % len(tokens)], bool(i % 2 == 0))
            return r.status_code
    elif kind == "rename":
        team_ids = ctx["team_ids"]

        async def fire(slot: int = 0) -> int:
            i = next(counter)
            r = await api.rename_team(team_ids[slot % len(team_ids)], f"Bench Team {slot}-{i}")
            return r.status_code
    elif kind == "timer":
        code = ctx["code"]

        async def fire(slot: int = 0) -> int:
            r = await api.set_timer(code, 3000 + next(counter) % 500)
            return r.status_code
    else:
        raise SystemExit(f"unknown trigger kind {kind}")
    return fire


async def latency_phase(
    fire: Any,
    collector: Collector | RawCollector,
    n: int,
    triggers: int,
    budget_s: float,
    gap_s: float,
) -> dict[str, Any]:
    last_ms: list[float] = []
    p50_ms: list[float] = []
    first_ms: list[float] = []
    spread_ms: list[float] = []
    rest_ms: list[float] = []
    missed = 0
    statuses: dict[int, int] = defaultdict(int)
    sizes = set()
    t_cpu, t_wall = self_cpu_seconds(), time.perf_counter()
    stop_at = time.monotonic() + budget_s
    done = 0
    for _ in range(triggers):
        if time.monotonic() > stop_at:
            break
        seq = collector.last_seq + 1
        t0 = time.perf_counter()
        status = await fire()
        rest_ms.append((time.perf_counter() - t0) * 1000)
        statuses[status] += 1
        ok = await collector.wait(seq, timeout=10.0)
        arr = sorted(collector.times(seq))
        if not ok or not arr:
            missed += 1
            continue
        done += 1
        first_ms.append((arr[0] - t0) * 1000)
        p50_ms.append(((percentile(arr, 50) or t0) - t0) * 1000)
        last_ms.append((arr[-1] - t0) * 1000)
        spread_ms.append((arr[-1] - arr[0]) * 1000)
        sizes.add(collector.kinds.get(seq, b"").decode())
        await asyncio.sleep(gap_s)
    wall = time.perf_counter() - t_wall

    def stats(v: list[float]) -> dict[str, Any]:
        return {
            "p50": round(percentile(v, 50) or 0, 2),
            "p99": round(percentile(v, 99) or 0, 2),
            "max": round(max(v), 2) if v else None,
        }

    per_trigger_rate = [n / (v / 1000) for v in last_ms if v > 0]
    return {
        "triggers": done,
        "missed": missed,
        "rest_status": dict(statuses),
        "event_types": sorted(sizes),
        "rest_reply_ms": stats(rest_ms),
        "first_socket_ms": stats(first_ms),
        "median_socket_ms": stats(p50_ms),
        "last_socket_ms": stats(last_ms),
        # first socket -> last socket: the fan-out itself, without the REST write.
        "spread_ms": stats(spread_ms),
        # N frames delivered within trigger -> last socket, per trigger (median).
        "events_per_s_single": round(percentile(per_trigger_rate, 50) or 0),
        "client_cpu_pct": round(100 * (self_cpu_seconds() - t_cpu) / wall, 1),
    }


async def burst_phase(
    fire: Any,
    collector: Collector | RawCollector,
    n: int,
    burst: int,
    in_flight: int,
    budget_s: float,
) -> dict[str, Any]:
    first_seq = collector.last_seq + 1
    sem = asyncio.Semaphore(in_flight)
    t_cpu = self_cpu_seconds()
    t0 = time.perf_counter()

    async def one(slot: int) -> int:
        async with sem:
            return int(await fire(slot))

    statuses = await asyncio.gather(*(one(i) for i in range(burst)))
    ok = sum(1 for s in statuses if s < 300)
    last_seq = first_seq + ok - 1
    await collector.wait(last_seq, timeout=max(1.0, budget_s - (time.perf_counter() - t0)))
    per_seq = [collector.times(s) for s in range(first_seq, last_seq + 1)]
    delivered = sum(len(t) for t in per_seq)
    ends = [max(t) for t in per_seq if t]
    elapsed = (max(ends) if ends else time.perf_counter()) - t0
    return {
        "triggers": burst,
        "accepted": ok,
        "delivered_frames": delivered,
        "expected_frames": ok * n,
        "elapsed_s": round(elapsed, 3),
        "delivered_events_per_s": round(delivered / elapsed) if elapsed > 0 else None,
        "client_cpu_pct": round(100 * (self_cpu_seconds() - t_cpu) / max(elapsed, 1e-9), 1),
    }


async def run(
    args: argparse.Namespace, url: str, ws_url: str, pids: list[int], rss: Any
) -> dict[str, Any]:
    compression = None if args.compression == "none" else "deflate"
    api = Api(url, concurrency=16)
    await api.login()
    out: dict[str, Any] = {}
    try:
        storms = [int(x) for x in str(args.storm_players).split(",") if int(x or 0) > 0]
        if storms:
            out["storm"] = []
        for size in storms:
            t = time.perf_counter()
            meter = CpuMeter(pids).start() if pids else None
            one = await storm(api, ws_url, size, compression, args.phase_budget)
            if meter:
                one["server_cpu"] = meter.stop()
            out["storm"].append(one)
            print(
                f"# storm {size}: {one['settle_s']} s ({time.perf_counter() - t:.1f} s)",
                file=sys.stderr,
            )
        if args.players <= 0:
            return out
        code = await api.create_lobby("Bench Fanout")
        # Join + warm-up, one player at a time: the player joins over REST, opens one
        # socket with last_seq = the newest seq (so the server answers with an empty
        # replay, not a full snapshot), waits for its own `player_connected`, and closes.
        # Warming while the lobby is still small halves the O(N^2) roster cost, and each
        # `player_connected` reaches just that one socket.
        t = time.perf_counter()
        warm_ok = 0
        latest_seq: int | None = None
        joined: list[dict[str, Any]] = []
        warm_stop = time.monotonic() + args.phase_budget * 5
        join_s = 0.0
        for i in range(args.players):
            if time.monotonic() > warm_stop:
                print("# join+warm-up: time budget reached", file=sys.stderr)
                break
            tj = time.perf_counter()
            j = await api.join(code, f"f{i}")
            join_s += time.perf_counter() - tj
            joined.append(j)
            pid = j["player"]["id"]
            auth: dict[str, Any] = {"type": "auth", "token": j["token"]}
            if latest_seq is not None:
                latest_seq += 1  # the join's own player_joined
                auth["last_seq"] = latest_seq
            try:
                s = await open_sock(
                    0, ws_url, auth, compression=None, want_snapshot=latest_seq is None
                )
            except Exception as exc:
                print(f"# warm-up socket failed: {exc}", file=sys.stderr)
                latest_seq = None
                continue
            if latest_seq is None:
                latest_seq = s.snapshot_seq
            seen = asyncio.Event()
            box: dict[str, int] = {}

            def on(
                _s: Sock,
                data: bytes,
                kind: bytes,
                seq: int | None,
                ref: Any,
                now: float,
                pid: int = pid,
                seen: asyncio.Event = seen,
                box: dict[str, int] = box,
            ) -> None:
                if seq is not None:
                    box["seq"] = max(box.get("seq", 0), seq)
                if kind == b"player_connected" and (
                    f'"player_id":{pid},'.encode() in data[:120]
                    or f'"player_id":{pid}}}'.encode() in data[:120]
                ):
                    seen.set()

            s.start_reader(on)
            try:
                await asyncio.wait_for(seen.wait(), 5.0)
                warm_ok += 1
            except TimeoutError:
                pass
            latest_seq = max(latest_seq, box.get("seq", latest_seq))
            await s.close()
        tokens = [j["token"] for j in joined]
        auths = [{"type": "auth", "token": tok} for tok in tokens]
        out["join_and_warmup"] = {
            "players_joined": len(joined),
            "players_marked_connected": warm_ok,
            "seconds": round(time.perf_counter() - t, 2),
            "join_rest_seconds": round(join_s, 2),
        }
        print(
            f"# join+warm-up: {warm_ok} in {out['join_and_warmup']['seconds']} s", file=sys.stderr
        )
        await asyncio.sleep(0.5)

        # What a first-time connect costs in this lobby: a few sockets, one at a time,
        # each building a full snapshot (the measured sockets below skip it).
        sample, sample_times, _ = await open_many(
            ws_url,
            auths[: args.snapshot_sample],
            compression=compression,
            concurrency=1,
            deadline_s=args.phase_budget,
        )
        snap_bytes = 0
        if sample:
            snap_bytes = len(
                orjson.dumps(
                    (
                        await open_sock(
                            0, ws_url, auths[0], compression=compression, keep_snapshot=True
                        )
                    ).snapshot
                )
            )
        await close_all(sample)
        out["snapshot_connect"] = {
            "sockets": len(sample),
            "state_bytes": snap_bytes,
            "time_to_snapshot": summary_ms(sample_times),
        }

        # The measured sockets: reconnect-style (last_seq = newest seq: empty replay).
        rss_before = rss()
        t = time.perf_counter()
        socks, times, errors = await open_many(
            ws_url,
            [{**a, "last_seq": latest_seq} for a in auths],
            compression=compression,
            concurrency=args.connect_concurrency,
            deadline_s=args.phase_budget * 2,
            want_snapshot=False,
        )
        out["connect"] = {
            "sockets": len(socks),
            "errors": errors[:5],
            "error_count": len(errors),
            "seconds": round(time.perf_counter() - t, 2),
            "time_to_welcome": summary_ms(times),
            "server_rss_kib_before": rss_before,
            "server_rss_kib_after": rss(),
        }
        print(f"# connect: {len(socks)} sockets in {out['connect']['seconds']} s", file=sys.stderr)
        n = len(socks)
        ws_collector = Collector(n)
        ws_collector.last_seq = latest_seq or 0
        for s in socks:
            s.start_reader(ws_collector.on_frame)
        await asyncio.sleep(1.0)
        ws_collector.settle()
        collector: Collector | RawCollector = ws_collector
        readers: list[RawReader] = []
        if args.client == "raw":
            # Nothing is being sent to these sockets now (the lobby is quiet), so no
            # frame is lost in the switch from the library's reader to the raw one.
            board = SeqBoard(n)
            board.newest = ws_collector.last_seq
            for s in socks:
                r = go_raw(s, board, ws_collector.last_seq)
                if r is not None:
                    readers.append(r)
            if len(readers) == n:
                collector = RawCollector(readers, board)
            else:
                close_raw(readers)
                raise SystemExit("no raw reader (compression negotiated?); use --client websockets")
        out["client"] = args.client

        ctx: dict[str, Any] = {"code": code, "tokens": tokens[:8]}
        out["kinds"] = {}
        kinds = [k for k in args.kinds.split(",") if k]
        for kind in kinds:
            if kind in ("rename", "timer") and "team_ids" not in ctx:
                teams = await api.make_teams(code, 2)
                ctx["team_ids"] = [t["id"] for t in teams]
                # Each player's team changed: every socket gets a fresh snapshot (one
                # database read each), so wait until all have it before measuring.
                out.setdefault("settle_s", {})["teams"] = await settle(
                    collector, args.phase_budget * 4
                )
            if kind == "timer" and not ctx.get("round"):
                await api.start_round(code, time_limit_seconds=None)
                ctx["round"] = True
                out.setdefault("settle_s", {})["round"] = await settle(
                    collector, args.phase_budget * 4
                )
            fire = await trigger_fn(api, kind, ctx)
            meter = CpuMeter(pids).start() if pids else None
            count = args.roster_triggers if kind in ("ready", "rename") else args.triggers
            burst_n = args.roster_triggers if kind in ("ready", "rename") else args.burst
            lat = await latency_phase(fire, collector, n, count, args.phase_budget, args.gap)
            if meter:
                lat["server_cpu"] = meter.stop()
            meter = CpuMeter(pids).start() if pids else None
            burst = await burst_phase(fire, collector, n, burst_n, 4, args.phase_budget)
            if meter:
                burst["server_cpu"] = meter.stop()
            await asyncio.sleep(0.5)
            collector.settle()
            frame_kind = {
                "ready": b"player_ready",
                "rename": b"team_renamed",
                "timer": b"timer_started",
            }[kind]
            out["kinds"][kind] = {
                "frame_bytes": collector.sizes.get(frame_kind),
                "latency": lat,
                "burst": burst,
            }
            print(
                f"# {kind}: last socket p50 {lat['last_socket_ms']['p50']} ms, "
                f"burst {burst['delivered_events_per_s']} events/s",
                file=sys.stderr,
            )
        closed: dict[str, int] = defaultdict(int)
        for s in socks:
            if s.closed_code is not None:
                closed[str(s.closed_code)] += 1
        out["closed_by_server"] = dict(closed)
        out["server_rss_kib_end"] = rss()
        close_raw(readers)
        await close_all([s for s in socks if "raw" not in s.extra])
    finally:
        await api.close()
    return out


def run_client(main: Coroutine[Any, Any, dict[str, Any]], loop: str) -> dict[str, Any]:
    """Run the client on uvloop (as the server runs) or on asyncio's own loop. With one
    frame per read, the loop's per-read cost is most of the raw reader's CPU."""
    if loop == "uvloop":
        import uvloop

        with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
            return runner.run(main)
    return asyncio.run(main)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    add_server_args(ap, port=8810)
    ap.add_argument("--players", type=int, default=1000)
    ap.add_argument("--kinds", default="ready,timer")
    ap.add_argument("--triggers", type=int, default=50)
    ap.add_argument("--burst", type=int, default=50)
    ap.add_argument(
        "--roster-triggers",
        type=int,
        default=20,
        help="triggers (latency and burst) for kinds whose frame is the roster",
    )
    ap.add_argument("--gap", type=float, default=0.05, help="seconds between latency triggers")
    ap.add_argument("--compression", choices=["deflate", "none"], default="deflate")
    ap.add_argument(
        "--loop",
        choices=["uvloop", "asyncio"],
        default="uvloop",
        help="the client's event loop (the server runs on uvloop)",
    )
    ap.add_argument(
        "--client",
        choices=["raw", "websockets"],
        default="raw",
        help="how the measured sockets are read after the handshake: raw = an asyncio "
        "Protocol that parses only frame headers (cheap); websockets = the library's "
        "reader, one task per socket (about 4x the client CPU per frame)",
    )
    ap.add_argument("--connect-concurrency", type=int, default=20)
    ap.add_argument(
        "--snapshot-sample",
        type=int,
        default=20,
        help="sockets opened one by one with a full snapshot, to time it",
    )
    ap.add_argument(
        "--storm-players",
        default="0",
        help="comma-separated lobby sizes: also measure opening that many sockets "
        "with no warm-up (0 = skip)",
    )
    ap.add_argument(
        "--phase-budget", type=float, default=30.0, help="upper bound in seconds for each phase"
    )
    args = ap.parse_args()
    pin_load_core()
    nofile = raise_nofile()
    server, url, pids = start_from_args(args, {"RADDLE_PRESENCE_GRACE_SECONDS": "300"})
    ws_url = url.replace("http://", "ws://") + "/ws"
    result: dict[str, Any] = {
        "benchmark": "ws_fanout",
        "url": url,
        "db": args.db,
        "workers": args.workers,
        "server_cores": args.server_cores,
        "players": args.players,
        "compression": args.compression,
        "client_nofile": nofile,
        "client_loop": args.loop,
    }
    try:
        result.update(
            run_client(
                run(args, url, ws_url, pids, (server.rss_kib if server else (lambda: None))),
                args.loop,
            )
        )
    finally:
        if server is not None:
            server.stop()
    emit(result, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
