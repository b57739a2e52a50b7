#!/usr/bin/env python3
"""(g) CPU per use case, in one process, without HTTP or sockets.

Calls the service functions directly on a fresh SQLite file, one after another, and
reports the process CPU time (not wall time) per call: on a machine shared with other
programs this moves much less than any rate measured over the network does.

  join   `join_lobby` into one lobby that grows by every join (after --warm joins)
  guess  `submit_guess` of a wrong word, with a ref, at rung 1 of a running round
         (8 teams of 5; each team's ladder collects every guess)
  host   `lobbies.snapshot` (the host view of GET /api/admin/lobbies/{code}) of a
         10-player lobby, serialised as the endpoint does

    .venv/bin/python bench/service_cpu.py --count 1000 --out /tmp/service_cpu.json
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lib.common import emit

os.environ.setdefault("RADDLE_ADMIN_PASSWORD", "bench-password-123")


async def per_call(count: int, call: Callable[[int], Awaitable[Any]]) -> dict[str, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    for i in range(count):
        await call(i)
    return {
        "calls": count,
        "cpu_ms_per_call": round((time.process_time() - cpu) / count * 1000, 3),
        "wall_ms_per_call": round((time.perf_counter() - wall) / count * 1000, 3),
    }


async def run(count: int, warm: int) -> dict[str, Any]:
    from raddle.config import Settings
    from raddle.db.engine import Database
    from raddle.db.migrate import upgrade
    from raddle.limits import Limits
    from raddle.services import lobbies, play, players, rounds, teams
    from raddle.services.kit.context import Context
    from raddle.wire.guess import GuessBody

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.db"
        await asyncio.to_thread(upgrade, url)
        settings = Settings(
            database_url=url, max_players_per_lobby=100_000, max_players_per_address=100_000
        )
        ctx = Context(settings=settings, db=Database(url), limits=Limits(enabled=False))
        try:
            results: dict[str, Any] = {}

            code = (await lobbies.create_lobby(ctx, "Bench Joins")).code
            for i in range(warm):
                await players.join_lobby(ctx, code, f"w{i}")

            async def join(i: int) -> None:
                await players.join_lobby(ctx, code, f"j{i}")

            results["join"] = await per_call(count, join)

            code = (await lobbies.create_lobby(ctx, "Bench Guesses")).code
            ids = [(await players.join_lobby(ctx, code, f"g{i}")).player.id for i in range(40)]
            await teams.make_teams(ctx, code, 8)
            await rounds.start_round(ctx, code, rounds.RoundOptions(force=True))

            async def guess(i: int) -> None:
                body = GuessBody(rung=1, word=f"nope{i}", ref=f"r{i}")
                reply = await play.submit_guess(ctx, ids[i % 40], body)
                assert reply.result == "incorrect", reply

            results["guess"] = await per_call(count, guess)

            code = (await lobbies.create_lobby(ctx, "Bench Host View")).code
            for i in range(10):
                await players.join_lobby(ctx, code, f"h{i}")

            async def host(i: int) -> None:
                (await lobbies.snapshot(ctx, code)).model_dump_json()

            results["host"] = await per_call(count, host)
            return results
        finally:
            await ctx.db.dispose()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--count", type=int, default=1000, help="calls per use case")
    ap.add_argument("--warm", type=int, default=200, help="joins before the measured ones")
    ap.add_argument("--out")
    args = ap.parse_args()
    result = {"benchmark": "service_cpu", **asyncio.run(run(args.count, args.warm))}
    for name in ("join", "guess", "host"):
        print(f"# {name}: {result[name]['cpu_ms_per_call']} ms CPU per call", file=sys.stderr)
    emit(result, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
