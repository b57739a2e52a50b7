#!/usr/bin/env python3
"""(a) REST throughput and latency with wrk.

Cases: the public lobby summary GET /api/lobbies/{code}, GET /api/me with a player's
bearer token, and join POST /api/lobbies/{code}/players with a unique name per request
(Lua counter) into one fresh lobby per run (it grows by every join), plus, for
diagnosis, joins spread round-robin over 50 lobbies. Each case runs at every
--connections level for --duration seconds with one wrk thread pinned to core 1.

Prints JSON: per case and level, req/s, latency percentiles (ms), errors, the lobby size
after join runs, and the server's CPU use during the run.

    .venv/bin/python bench/rest_wrk.py                      # starts its own SQLite server
    .venv/bin/python bench/rest_wrk.py --url http://127.0.0.1:8800 --cases summary
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import contextlib

from lib.common import (
    LOAD_CORE,
    Api,
    CpuMeter,
    add_server_args,
    emit,
    pin_load_core,
    start_from_args,
)
from lib.profiling import finish_pyspy, start_pyspy

LUA = Path(__file__).resolve().parent / "lua"
ALL_CASES = ["summary", "me", "host", "join", "join_spread"]


def run_wrk(
    url: str, script: str, connections: int, duration: int, env: dict[str, str], timeout_s: int = 4
) -> dict[str, Any]:
    cmd = [
        "taskset",
        "-c",
        str(LOAD_CORE),
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{duration}s",
        f"--timeout={timeout_s}s",
        "--latency",
        "-s",
        str(LUA / script),
        url,
    ]
    full_env = {**os.environ, "WRK_LUA_DIR": str(LUA), **env}
    # Bounded: wrk stops itself after `duration`; the subprocess timeout is a backstop.
    proc = subprocess.run(cmd, env=full_env, capture_output=True, text=True, timeout=duration + 30)
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("WRK_JSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no summary: {proc.stdout}\n{proc.stderr}")
    raw = json.loads(line.split(" ", 1)[1])
    result = {
        "connections": connections,
        "duration_s": raw["duration_s"],
        "requests": raw["requests"],
        "rps": round(raw["rps"], 1),
        "p50_ms": raw["p50_us"] / 1000,
        "p75_ms": raw["p75_us"] / 1000,
        "p90_ms": raw["p90_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "p999_ms": raw["p999_us"] / 1000,
        "max_ms": raw["lat_max_us"] / 1000,
        "errors": {k[4:]: v for k, v in raw.items() if k.startswith("err_") and v},
        "wrk_timeout_s": timeout_s,
    }
    return result


async def lobby_size(api: Api, code: str) -> int:
    r = await api.client.get(f"/api/lobbies/{code}")
    return int(r.json()["player_count"]) if r.status_code == 200 else -1


async def prepare(url: str, players_in_lobby: int, host_players: int) -> dict[str, Any]:
    api = Api(url, concurrency=8)
    try:
        await api.login()
        code = await api.create_lobby("Bench Summary")
        joined = await api.join_many(code, [f"p{i}" for i in range(players_in_lobby)])
        host_code = await api.create_lobby("Bench Host View")
        await api.join_many(host_code, [f"h{i}" for i in range(host_players)])
        return {
            "code": code,
            "token": joined[0]["token"],
            "admin": api.admin_token,
            "host_code": host_code,
        }
    finally:
        await api.close()


async def fresh_lobbies(url: str, admin: str, n: int) -> list[str]:
    api = Api(url)
    api.admin_token = admin
    try:
        return [await api.create_lobby(f"Bench Join {i}") for i in range(n)]
    finally:
        await api.close()


async def sizes(url: str, codes: list[str]) -> list[int]:
    api = Api(url)
    try:
        return [await lobby_size(api, c) for c in codes]
    finally:
        await api.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    add_server_args(ap)
    ap.add_argument("--cases", default=",".join(ALL_CASES))
    ap.add_argument("--connections", default="50,200")
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument(
        "--warmup",
        type=int,
        default=3,
        help="unmeasured seconds of the same load before each read case",
    )
    ap.add_argument(
        "--lobby-players",
        type=int,
        default=40,
        help="players in the lobby read by 'summary' and 'me'",
    )
    ap.add_argument(
        "--host-players",
        type=int,
        default=10,
        help="players in the lobby of the host view ('host')",
    )
    ap.add_argument("--spread-lobbies", type=int, default=50)
    ap.add_argument(
        "--spread-connections",
        default="50",
        help="connection levels for join_spread (default: 50 only)",
    )
    ap.add_argument("--pause", type=float, default=1.0, help="seconds between runs")
    ap.add_argument("--pyspy-dir", help="record a py-spy profile of the server during each run")
    ap.add_argument(
        "--pyspy-gil",
        action="store_true",
        help="with --pyspy-dir: sample only the GIL holder (Python CPU time)",
    )
    ap.add_argument(
        "--thread-cpu",
        action="store_true",
        help="also record CPU and context switches per server thread kind",
    )
    args = ap.parse_args()
    pin_load_core()
    cases = [c for c in args.cases.split(",") if c]
    levels = [int(c) for c in args.connections.split(",")]
    server, url, pids = start_from_args(args)
    result: dict[str, Any] = {
        "benchmark": "rest_wrk",
        "url": url,
        "db": args.db,
        "workers": args.workers,
        "server_cores": args.server_cores,
        "duration_s": args.duration,
        "cases": {},
    }
    try:
        setup = asyncio.run(prepare(url, args.lobby_players, args.host_players))
        result["lobby_players"] = args.lobby_players
        for case in cases:
            runs = []
            case_levels = levels
            if case == "join_spread" and args.spread_connections:
                case_levels = [int(c) for c in args.spread_connections.split(",")]
            for conns in case_levels:
                env: dict[str, str] = {}
                target = url
                script = "get.lua"
                codes: list[str] = []
                if case == "summary":
                    target = f"{url}/api/lobbies/{setup['code']}"
                elif case == "me":
                    target = f"{url}/api/me"
                    env["WRK_TOKEN"] = setup["token"]
                elif case == "host":
                    # The host's view of a lobby: not cached, read from the database.
                    target = f"{url}/api/admin/lobbies/{setup['host_code']}"
                    env["WRK_TOKEN"] = setup["admin"]
                elif case in ("join", "join_spread"):
                    script = "join.lua"
                    n = 1 if case == "join" else args.spread_lobbies
                    codes = asyncio.run(fresh_lobbies(url, setup["admin"], n))
                    env["WRK_CODES"] = ",".join(codes)
                    env["WRK_JOIN_PREFIX"] = "j" + secrets.token_hex(2)
                else:
                    raise SystemExit(f"unknown case {case}")
                if case in ("summary", "me", "host") and args.warmup > 0:
                    # Not measured: the first seconds of a fresh server fill its pools
                    # and caches, and a benchmark is about the steady state.
                    run_wrk(target, script, conns, args.warmup, env)
                meter = CpuMeter(pids).start() if pids else None
                spy = None
                if args.pyspy_dir and pids:
                    spy = start_pyspy(
                        pids[0],
                        Path(args.pyspy_dir) / f"rest_{case}_c{conns}"
                        f"{'_gil' if args.pyspy_gil else ''}",
                        max(1, args.duration - 2),
                        gil=args.pyspy_gil,
                    )
                probe = None
                if args.thread_cpu and pids:
                    probe = subprocess.Popen(
                        [
                            "taskset",
                            "-c",
                            str(LOAD_CORE),
                            sys.executable,
                            str(Path(__file__).resolve().parent / "tools" / "thread_cpu.py"),
                            str(pids[0]),
                            str(max(1, args.duration - 3)),
                        ],
                        stdout=subprocess.PIPE,
                        text=True,
                    )
                run = run_wrk(target, script, conns, args.duration, env)
                if spy is not None:
                    finish_pyspy(spy)
                if probe is not None:
                    text, _ = probe.communicate(timeout=30)
                    with contextlib.suppress(ValueError, KeyError):
                        run["threads"] = json.loads(text)["by_thread_kind"]
                if meter:
                    run["server_cpu"] = meter.stop()
                    # On a shared machine the server may get only part of its core: the
                    # rate per core it did get is the figure to compare across runs.
                    busy = run["server_cpu"].get("cpu_pct") or 0
                    run["rps_per_server_core"] = round(run["rps"] * 100 / busy, 1) if busy else None
                if codes:
                    got = asyncio.run(sizes(url, codes))
                    run["lobbies"] = len(codes)
                    run["players_after_run"] = sum(got)
                    run["largest_lobby"] = max(got)
                runs.append(run)
                print(
                    f"# {case} c={conns}: {run['rps']} req/s p50 {run['p50_ms']} ms "
                    f"p99 {run['p99_ms']} ms errors {run['errors']} "
                    f"({run.get('rps_per_server_core')} req/s per server core)",
                    file=sys.stderr,
                )
                time.sleep(args.pause)
            result["cases"][case] = runs
    finally:
        if server is not None:
            server.stop()
    emit(result, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
