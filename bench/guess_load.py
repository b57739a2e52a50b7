#!/usr/bin/env python3
"""(c) Guess round trip under load: L lobbies x T teams x S players, each player sending
one guess a second over its socket for D seconds (open loop: the schedule does not
wait for answers).

Set-up: every lobby gets T*S players (REST joins), T teams (POST .../teams {"count": T}),
and a running round (POST .../rounds {"force": true}); the round's host view has every
team's ladder with its answers. Every player opens a socket (snapshot) first.

Each guess is at the team's downward frontier rung; most are wrong (a unique word per
guess, so the `guess` event that teammates receive can be matched to its send time);
with probability --correct the right word. Measured:
  guess_result latency   send -> the guesser's `guess_result` (matched by ref)
  team broadcast latency send -> arrival of that guess's `guess` event at each teammate
                         (and the last teammate per guess)
  achieved guesses/s, result counts, errors, and the server's CPU from /proc/<pid>/stat.

After D seconds sending stops; answers still outstanding are awaited up to --drain
seconds and then counted as unanswered.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lib.common import (
    Api,
    CpuMeter,
    add_server_args,
    emit,
    pin_load_core,
    raise_nofile,
    self_cpu_seconds,
    start_from_args,
    summary_ms,
)
from lib.profiling import finish_pyspy, start_pyspy
from lib.wsclient import Sock, close_all, open_many


class Team:
    __slots__ = ("down", "finished", "id", "up", "words")

    def __init__(self, team_id: int, ladder: dict[str, Any]) -> None:
        self.id = team_id
        self.words = [r["word"] for r in ladder["rungs"]]
        self.down = (
            int(ladder["frontier"]["down"]) if ladder["frontier"]["down"] is not None else -1
        )
        up = ladder["frontier"].get("up")
        self.up = int(up) if up is not None else -1
        self.finished = ladder.get("finished_at") is not None or self.down < 0


class Load:
    def __init__(self, correct_p: float, seed: int) -> None:
        self.rng = random.Random(seed)
        self.correct_p = correct_p
        self.sent: dict[bytes, float] = {}  # ref -> send time
        self.words_sent: dict[str, tuple[float, int]] = {}  # unique wrong word -> (t, team)
        self.result_lat: list[float] = []
        self.results: Counter[str] = Counter()
        self.errors: Counter[str] = Counter()
        self.bcast_lat: list[float] = []
        self.bcast_last: dict[str, float] = {}
        self.bcast_count: Counter[str] = Counter()
        self.team_sizes: dict[int, int] = {}
        self.n = 0
        self.measuring = True
        self.other_team_frames = 0
        self.closed: Counter[int] = Counter()

    def on_frame(
        self, sock: Sock, data: bytes, kind: bytes, seq: int | None, ref: bytes | None, now: float
    ) -> None:
        if kind == b"guess_result":
            t0 = self.sent.pop(ref or b"", None)
            if t0 is not None:
                self.result_lat.append(now - t0)
                msg = orjson.loads(data)
                self.results[msg.get("result", "?")] += 1
            return
        if kind == b"error":
            msg = orjson.loads(data)
            self.errors[msg.get("code", "?")] += 1
            r = msg.get("ref")
            if r is not None:
                self.sent.pop(str(r).encode(), None)
            return
        if kind == b"guess":
            if b'"guess":{' not in data:
                self.other_team_frames += 1
                return
            msg = orjson.loads(data)
            word = msg["guess"]["word"]
            entry = self.words_sent.get(word)
            if entry is not None:
                lat = now - entry[0]
                self.bcast_lat.append(lat)
                self.bcast_count[word] += 1
                self.bcast_last[word] = lat
            return
        if kind == b"rung_solved" and b'"ladder":' in data:
            msg = orjson.loads(data)
            team: Team | None = sock.extra.get("team")
            ladder = msg.get("ladder")
            if team is not None and ladder and msg.get("team_id") == team.id:
                fr = ladder["frontier"]
                if fr.get("down") is None:
                    team.finished = True
                else:
                    team.down = int(fr["down"])
            return
        if kind in (b"team_finished", b"round_ended"):
            team = sock.extra.get("team")
            if (
                kind == b"round_ended"
                or (team is not None and f'"team_id":{team.id},'.encode() in data[:200])
            ) and team is not None:
                team.finished = True


async def player_loop(
    sock: Sock, load: Load, start: float, duration: float, stop_at: float
) -> None:
    team: Team = sock.extra["team"]
    offset = load.rng.random()
    k = 0
    while True:
        due = start + offset + k
        if due >= start + duration or time.monotonic() > stop_at:
            return
        delay = due - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        k += 1
        if team.finished or sock.closed_code is not None:
            continue
        load.n += 1
        ref = f"{sock.index}.{k}"
        rung = team.down
        if load.rng.random() < load.correct_p and 0 <= rung < len(team.words):
            word = team.words[rung]
        else:
            word = f"NOPE{sock.index}X{k}"
        t = time.perf_counter()
        load.sent[ref.encode()] = t
        if not word.startswith("NOPE"):
            pass
        else:
            load.words_sent[word] = (t, team.id)
        try:
            await sock.ws.send(
                orjson.dumps({"type": "guess", "ref": ref, "rung": rung, "word": word}).decode()
            )
        except Exception:
            load.sent.pop(ref.encode(), None)
            return


async def setup_lobby(api: Api, teams: int, size: int, index: int) -> dict[str, Any]:
    code = await api.create_lobby(f"Bench Guess {index}")
    joined = await api.join_many(code, [f"g{index}-{i}" for i in range(teams * size)])
    await api.make_teams(code, teams)
    rnd = await api.start_round(code)
    snap = await api.host_snapshot(code)
    ladders = (snap.get("round") or {}).get("ladders") or rnd.get("ladders") or {}
    team_of = {pid: t["id"] for t in snap["teams"] for pid in t["player_ids"]}
    team_objs = {int(tid): Team(int(tid), lad) for tid, lad in ladders.items()}
    return {"code": code, "joined": joined, "team_of": team_of, "teams": team_objs}


async def run(args: argparse.Namespace, url: str, pids: list[int]) -> dict[str, Any]:
    api = Api(url, concurrency=16)
    await api.login()
    out: dict[str, Any] = {}
    t = time.perf_counter()
    sem = asyncio.Semaphore(4)

    async def one(i: int) -> dict[str, Any]:
        async with sem:
            return await setup_lobby(api, args.teams, args.team_size, i)

    lobbies = await asyncio.wait_for(
        asyncio.gather(*(one(i) for i in range(args.lobbies))), args.setup_budget
    )
    out["setup_s"] = round(time.perf_counter() - t, 2)
    print(f"# set-up: {args.lobbies} lobbies in {out['setup_s']} s", file=sys.stderr)
    auths, teams_of_sock = [], []
    for lob in lobbies:
        for j in lob["joined"]:
            auths.append({"type": "auth", "token": j["token"]})
            tid = lob["team_of"].get(j["player"]["id"])
            teams_of_sock.append(lob["teams"].get(tid) if tid is not None else None)
    t = time.perf_counter()
    socks, times, errors = await open_many(
        url.replace("http://", "ws://") + "/ws",
        auths,
        compression="deflate",
        concurrency=20,
        deadline_s=args.setup_budget,
    )
    out["connect"] = {
        "sockets": len(socks),
        "errors": len(errors),
        "first_errors": errors[:3],
        "seconds": round(time.perf_counter() - t, 2),
        "time_to_snapshot": summary_ms(times),
    }
    print(f"# connect: {len(socks)} sockets in {out['connect']['seconds']} s", file=sys.stderr)
    load = Load(args.correct, args.seed)
    for s in socks:
        s.extra["team"] = teams_of_sock[s.index]
        s.start_reader(load.on_frame)
    await asyncio.sleep(1.5)  # let the connect events settle
    players = [s for s in socks if s.extra["team"] is not None]
    meter = CpuMeter(pids).start() if pids else None
    spy = (
        start_pyspy(pids[0], Path(args.pyspy), max(1, int(args.duration) - 1))
        if args.pyspy and pids
        else None
    )
    c0 = self_cpu_seconds()
    start = time.monotonic()
    stop_at = start + args.duration + 1
    await asyncio.gather(*(player_loop(s, load, start, args.duration, stop_at) for s in players))
    send_end = time.monotonic()
    server_cpu = meter.stop() if meter else None
    if spy is not None:
        await asyncio.to_thread(finish_pyspy, spy)
    client_cpu = (self_cpu_seconds() - c0) / (send_end - start)
    answered_in_window = len(load.result_lat)
    # Drain: wait (bounded) for answers still outstanding.
    drain_until = time.monotonic() + args.drain
    # A bounded poll: answers arrive in the frame callbacks, which set no event.
    while load.sent and time.monotonic() < drain_until:  # noqa: ASYNC110
        await asyncio.sleep(0.1)
    drained = time.monotonic() - send_end
    await asyncio.sleep(0.3)
    last_teammate = [v for w, v in load.bcast_last.items()]
    out["load"] = {
        "lobbies": args.lobbies,
        "teams_per_lobby": args.teams,
        "players_per_team": args.team_size,
        "players_guessing": len(players),
        "offered_guesses_per_s": round(len(players), 1),
        "duration_s": args.duration,
        "guesses_sent": load.n,
        "answered_during_load": answered_in_window,
        "answered_total": len(load.result_lat),
        "unanswered_after_drain": len(load.sent),
        "drain_s": round(drained, 2),
        "achieved_guesses_per_s": round(answered_in_window / (send_end - start), 1),
        "results": dict(load.results),
        "error_frames": dict(load.errors),
        "guess_result": summary_ms(load.result_lat),
        "team_broadcast_each_teammate": summary_ms(load.bcast_lat),
        "team_broadcast_last_teammate": summary_ms(last_teammate),
        "other_team_guess_frames": load.other_team_frames,
        "server_cpu": server_cpu,
        "client_cpu_pct": round(100 * client_cpu, 1),
        "sockets_closed_by_server": dict(
            Counter(s.closed_code for s in socks if s.closed_code is not None)
        ),
    }
    await close_all(socks)
    await api.close()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    add_server_args(ap, port=8820)
    ap.add_argument("--lobbies", type=int, default=100)
    ap.add_argument("--teams", type=int, default=8)
    ap.add_argument("--team-size", type=int, default=5)
    ap.add_argument("--duration", type=float, default=20.0)
    ap.add_argument("--correct", type=float, default=0.03, help="share of correct guesses")
    ap.add_argument("--drain", type=float, default=10.0)
    ap.add_argument("--setup-budget", type=float, default=240.0)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument(
        "--pyspy",
        help="record a py-spy profile of the server during the load "
        "(path prefix: writes .raw and .txt)",
    )
    args = ap.parse_args()
    pin_load_core()
    nofile = raise_nofile()
    server, url, pids = start_from_args(args)
    result: dict[str, Any] = {
        "benchmark": "guess_load",
        "url": url,
        "db": args.db,
        "workers": args.workers,
        "server_cores": args.server_cores,
        "client_nofile": nofile,
    }
    try:
        result.update(asyncio.run(run(args, url, pids)))
        if server is not None:
            result["server_rss_kib"] = server.rss_kib()
    finally:
        if server is not None:
            server.stop()
    emit(result, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
