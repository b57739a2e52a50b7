#!/usr/bin/env python3
"""(d) Server memory: RSS idle, and with 1,000 and 10,000 idle authenticated sockets.

Steps (each bounded):
 1. Start the server; RSS after start-up with no request yet ("idle").
 2. L lobbies x P players join over REST (default 25 x 40 = 1,000 players); RSS again
    ("baseline": the same process after the REST work, no socket open).
 3. One socket per player (1,000), each authenticated within the 5 s limit and given
    its snapshot; RSS after the connect events settle.
 4. More sockets, round-robin over the same players (a player may have several tabs),
    up to --sockets (10,000); RSS again.
 5. --extra-plain sockets without permessage-deflate, to show what compression state
    costs per socket.
Per-socket cost = (RSS with sockets - baseline) / sockets. Sockets negotiate
permessage-deflate like browsers do unless --compression none.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lib.common import (
    Api,
    add_server_args,
    emit,
    pin_load_core,
    raise_nofile,
    rss_kib,
    server_from_args,
    threads,
)
from lib.wsclient import Sock, close_all, open_many


def discard(*_: Any) -> None:
    return None


async def lobby_seqs(ws_url: str, codes: list[str]) -> dict[str, int]:
    """Each lobby's current seq, from a big-screen socket's snapshot."""
    screens, _, _ = await open_many(
        ws_url, [{"type": "auth", "screen": c} for c in codes], compression=None, concurrency=10
    )
    seqs = {c: s.snapshot_seq for c, s in zip(codes, screens, strict=True)}
    await close_all(screens)
    return seqs


async def settle_rss(pid: int, seconds: float) -> int:
    await asyncio.sleep(seconds)
    return rss_kib(pid)


async def run(args: argparse.Namespace, url: str, pid: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    ws_url = url.replace("http://", "ws://") + "/ws"
    compression = None if args.compression == "none" else "deflate"
    out["rss_kib_idle"] = await settle_rss(pid, 2.0)
    out["threads_idle"] = threads(pid)
    api = Api(url, concurrency=16)
    await api.login()
    t = time.perf_counter()
    sem = asyncio.Semaphore(4)

    async def lobby(i: int) -> list[dict[str, Any]]:
        async with sem:
            code = await api.create_lobby(f"Bench Idle {i}")
            joined = await api.join_many(code, [f"i{i}-{k}" for k in range(args.players)])
            for j in joined:
                j["code"] = code
            return joined

    groups = await asyncio.wait_for(
        asyncio.gather(*(lobby(i) for i in range(args.lobbies))), args.budget
    )
    players = [j for g in groups for j in g]
    out["players"] = len(players)
    out["join_s"] = round(time.perf_counter() - t, 2)
    out["rss_kib_baseline"] = await settle_rss(pid, 2.0)
    auths = [{"type": "auth", "token": j["token"]} for j in players]
    code_of = {j["token"]: j["code"] for j in players}
    socks: list[Sock] = []
    steps = []
    targets = [n for n in (len(players), args.sockets) if n <= args.sockets]
    for target in targets:
        need = target - len(socks)
        if need <= 0:
            continue
        batch = [auths[(len(socks) + i) % len(auths)] for i in range(need)]
        reconnect = bool(socks)
        if reconnect:
            # Every player has a socket now, so nothing more happens in the lobbies: the
            # extra sockets come in as reconnects (last_seq = the lobby's seq, read from
            # a big-screen snapshot), which skips building a snapshot per socket.
            seqs = await lobby_seqs(ws_url, sorted({j["code"] for j in players}))
            batch = [{**a, "last_seq": seqs[code_of[a["token"]]]} for a in batch]
        t = time.perf_counter()
        opened, _times, errors = await open_many(
            ws_url,
            batch,
            compression=compression,
            concurrency=args.concurrency,
            deadline_s=args.budget,
            want_snapshot=not reconnect,
        )
        for s in opened:
            s.start_reader(discard)
        socks.extend(opened)
        rss = await settle_rss(pid, args.settle)
        step = {
            "sockets": len(socks),
            "open_errors": len(errors),
            "open_s": round(time.perf_counter() - t, 2),
            "rss_kib": rss,
            "threads": threads(pid),
            "per_socket_kib": round((rss - out["rss_kib_baseline"]) / max(1, len(socks)), 2),
        }
        step["reconnect_style"] = reconnect
        steps.append(step)
        print(
            f"# {len(socks)} sockets: RSS {rss / 1024:.1f} MiB "
            f"({step['per_socket_kib']} KiB/socket)",
            file=sys.stderr,
        )
    out["steps"] = steps
    if args.extra_plain:
        before = steps[-1]["rss_kib"] if steps else out["rss_kib_baseline"]
        seqs = await lobby_seqs(ws_url, sorted({j["code"] for j in players}))
        batch = [
            {**auths[i % len(auths)], "last_seq": seqs[code_of[auths[i % len(auths)]["token"]]]}
            for i in range(args.extra_plain)
        ]
        opened, _, errors = await open_many(
            ws_url,
            batch,
            compression=None,
            concurrency=args.concurrency,
            deadline_s=args.budget,
            want_snapshot=False,
        )
        for s in opened:
            s.start_reader(discard)
        socks.extend(opened)
        rss = await settle_rss(pid, args.settle)
        out["extra_plain"] = {
            "sockets": len(opened),
            "open_errors": len(errors),
            "rss_kib": rss,
            "per_socket_kib": round((rss - before) / max(1, len(opened)), 2),
        }
        print(
            f"# +{len(opened)} plain sockets: {out['extra_plain']['per_socket_kib']} KiB/socket",
            file=sys.stderr,
        )
    closed = sum(1 for s in socks if s.closed_code is not None)
    out["closed_by_server"] = closed
    await close_all(socks)
    await api.close()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    add_server_args(ap, port=8830)
    ap.add_argument("--lobbies", type=int, default=25)
    ap.add_argument("--players", type=int, default=40, help="players per lobby")
    ap.add_argument("--sockets", type=int, default=10000)
    ap.add_argument("--extra-plain", type=int, default=1000)
    ap.add_argument("--compression", choices=["deflate", "none"], default="deflate")
    ap.add_argument("--concurrency", type=int, default=50)
    ap.add_argument("--settle", type=float, default=3.0)
    ap.add_argument("--budget", type=float, default=180.0)
    args = ap.parse_args()
    if args.url:
        raise SystemExit("idle_rss.py measures its own server's memory: do not pass --url")
    pin_load_core()
    nofile = raise_nofile()
    server = server_from_args(args)
    assert server is not None
    server.start()
    result: dict[str, Any] = {
        "benchmark": "idle_rss",
        "db": args.db,
        "client_nofile": nofile,
        "compression": args.compression,
    }
    try:
        result.update(asyncio.run(run(args, server.url, server.pid)))
    finally:
        server.stop()
    emit(result, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
