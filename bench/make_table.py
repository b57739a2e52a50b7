#!/usr/bin/env python3
"""Turn a results folder (JSON from the benchmark scripts) into a markdown table of
figures vs targets vs the figures before the write-path work.

    .venv/bin/python bench/make_table.py bench/results/latest > bench/results/latest/table.md
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def load(folder: Path, name: str) -> dict[str, Any] | None:
    path = folder / f"{name}.json"
    if not path.exists():
        return None
    try:
        data: dict[str, Any] = json.loads(path.read_text())
        return data
    except ValueError:
        return None


def get(d: Any, *path: Any) -> Any:
    for key in path:
        if d is None:
            return None
        if isinstance(key, int):
            d = d[key] if isinstance(d, list) and len(d) > key else None
        else:
            d = d.get(key) if isinstance(d, dict) else None
    return d


def fmt(v: Any, unit: str = "", digits: int = 0) -> str:
    if v is None:
        return "n/a"
    text = f"{v:,.{digits}f}" if isinstance(v, float | int) else str(v)
    return f"{text}{unit}"


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("yes" if ok else "**no**")


def other(cpu: Any) -> str:
    v = get(cpu, "core0_other_pct")
    return "n/a" if v is None else f"{v:.0f}%"


class Table:
    def __init__(self) -> None:
        self.rows: list[list[str]] = []

    def add(
        self, what: str, figure: str, target: str, met: bool | None, reference: str, noise: str = ""
    ) -> None:
        self.rows.append([what, figure, target, verdict(met), reference, noise])

    def render(self) -> str:
        head = [
            "Measurement",
            "Result",
            "Target",
            "Met",
            "Previous",
            "Core 0 used by other programs",
        ]
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(r) + " |" for r in self.rows]
        return "\n".join(lines)


def rest_rows(t: Table, data: dict[str, Any] | None, label: str) -> None:
    if not data:
        return
    cases = data.get("cases", {})
    for run in cases.get("summary", []):
        c = run["connections"]
        ok = run["rps"] >= 15000 and run["p99_ms"] <= 10
        t.add(
            f"{label} lobby summary, {c} conn",
            f"{fmt(run['rps'])} req/s, p50 "
            f"{fmt(run['p50_ms'], ' ms', 1)}, p99 {fmt(run['p99_ms'], ' ms', 1)}",
            "≥ 15,000 req/s, p99 ≤ 10 ms",
            ok,
            "475 req/s",
            other(run.get("server_cpu")),
        )
    for run in cases.get("me", []):
        c = run["connections"]
        t.add(
            f"{label} GET /api/me, {c} conn",
            f"{fmt(run['rps'])} req/s, p50 "
            f"{fmt(run['p50_ms'], ' ms', 1)}, p99 {fmt(run['p99_ms'], ' ms', 1)}",
            "≥ 10,000 req/s",
            run["rps"] >= 10000,
            "1,070 req/s",
            other(run.get("server_cpu")),
        )
    for run in cases.get("host", []):
        c = run["connections"]
        t.add(
            f"{label} host view GET /api/admin/lobbies/{{code}} (uncached), {c} conn",
            f"{fmt(run['rps'])} req/s ({fmt(run.get('rps_per_server_core'))} per server core), "
            f"p50 {fmt(run['p50_ms'], ' ms', 1)}, p99 {fmt(run['p99_ms'], ' ms', 1)}",
            "≥ 3,000 req/s",
            run["rps"] >= 3000,
            "234 req/s",
            other(run.get("server_cpu")),
        )
    joins = cases.get("join", [])
    base = next((r["rps"] for r in joins if r["connections"] == 50), None)
    for run in joins:
        c = run["connections"]
        errs = run.get("errors") or {}
        size = run.get("largest_lobby")
        fig = (
            f"{fmt(run['rps'])} req/s ({fmt(run.get('rps_per_server_core'))} per server core), "
            f"p50 {fmt(run['p50_ms'], ' ms', 1)}, p99 "
            f"{fmt(run['p99_ms'], ' ms', 1)}; lobby grew to {fmt(size)} players"
            + (f"; errors {errs}" if errs else "")
        )
        if c == 50:
            t.add(
                f"{label} join (one lobby), {c} conn",
                fig,
                "≥ 3,000 req/s, p99 ≤ 50 ms",
                run["rps"] >= 3000 and run["p99_ms"] <= 50,
                "243 req/s",
                other(run.get("server_cpu")),
            )
        else:
            stalled = bool(errs.get("timeout")) or (base is not None and run["rps"] < 0.5 * base)
            t.add(
                f"{label} join (one lobby), {c} conn",
                fig,
                "no stall (no timeouts, ≥ half the 50-conn rate)",
                not stalled,
                "stops answering at 16+ conn",
                other(run.get("server_cpu")),
            )
    for run in cases.get("join_spread", []):
        c = run["connections"]
        t.add(
            f"{label} join spread over {run.get('lobbies')} lobbies, {c} conn (diagnostic)",
            f"{fmt(run['rps'])} req/s, p99 {fmt(run['p99_ms'], ' ms', 1)}; largest lobby "
            f"{fmt(run.get('largest_lobby'))}",
            "≥ 3,000 req/s",
            run["rps"] >= 3000,
            "",
            other(run.get("server_cpu")),
        )


def fanout_rows(t: Table, data: dict[str, Any] | None, label: str) -> None:
    if not data:
        return
    n = get(data, "connect", "sockets") or data.get("players")
    for kind, v in (data.get("kinds") or {}).items():
        lat, burst = v["latency"], v["burst"]
        eps = burst.get("delivered_events_per_s")
        last = get(lat, "last_socket_ms", "p50")
        ok = None if eps is None or last is None else (eps >= 200000 and last <= 5)
        delivered = f"{burst.get('delivered_frames')}/{burst.get('expected_frames')}"
        t.add(
            f"{label} fan-out `{kind}` ({fmt(v.get('frame_bytes'))} B frame), {n} sockets",
            f"{fmt(eps)} events/s (burst, {delivered} delivered); last socket p50 "
            f"{fmt(last, ' ms', 1)} / p99 {fmt(get(lat, 'last_socket_ms', 'p99'), ' ms', 1)}; "
            f"first→last p50 {fmt(get(lat, 'spread_ms', 'p50'), ' ms', 1)}; REST reply p50 "
            f"{fmt(get(lat, 'rest_reply_ms', 'p50'), ' ms', 1)}; burst CPU: server "
            f"{fmt(get(burst, 'server_cpu', 'cpu_pct'), ' %')}, client "
            f"{fmt(burst.get('client_cpu_pct'), ' %')} "
            f"({data.get('client', 'websockets')} reader)",
            "≥ 200,000 events/s, last of 1,000 ≤ 5 ms p50",
            ok,
            "39.8K frames/s",
            f"{other(burst.get('server_cpu'))} (burst), {other(lat.get('server_cpu'))} (latency)",
        )
    for storm in data.get("storm") or []:
        t.add(
            f"{label} connect storm: {storm['players']} fresh sockets into a "
            f"{storm['players']}-player lobby (diagnostic)",
            f"{fmt(storm['settle_s'], ' s', 1)} to settle; {fmt(storm['frames_after_snapshot'])} "
            f"frames, {fmt(storm['bytes_after_snapshot'] / 1e6, ' MB', 1)}; closed "
            f"{storm['closed_by_server'] or 'none'}",
            "",
            None,
            "",
            other(storm.get("server_cpu")),
        )
    cw = data.get("join_and_warmup")
    if cw:
        t.add(
            f"{label} set-up: {cw['players_joined']} joins + first sockets, one at a time "
            "(diagnostic)",
            f"{fmt(cw['seconds'], ' s', 1)} ({fmt(cw['join_rest_seconds'], ' s', 1)}"
            " in REST joins)",
            "",
            None,
            "",
            "",
        )


def guess_rows(t: Table, data: dict[str, Any] | None, label: str) -> None:
    if not data or "load" not in data:
        return
    ld = data["load"]
    res_p99 = get(ld, "guess_result", "p99_ms")
    b_p99 = get(ld, "team_broadcast_each_teammate", "p99_ms")
    answered = ld["achieved_guesses_per_s"]
    cpu_s = get(ld, "server_cpu", "cpu_s")
    answered_in_load = ld.get("answered_during_load")
    ok = None if res_p99 is None else (res_p99 <= 20 and answered >= 2000)
    shape = f"{ld['lobbies']}×{ld['teams_per_lobby']}×{ld['players_per_team']}"
    t.add(
        f"{label} guess round trip, {shape} players, 1 guess/s each",
        f"guess_result p50 {fmt(get(ld, 'guess_result', 'p50_ms'), ' ms', 1)} / p99 "
        f"{fmt(res_p99, ' ms', 1)}; team `guess` p50 "
        f"{fmt(get(ld, 'team_broadcast_each_teammate', 'p50_ms'), ' ms', 1)} / p99 "
        f"{fmt(b_p99, ' ms', 1)}; answered {fmt(ld['achieved_guesses_per_s'])} of "
        f"{fmt(ld['offered_guesses_per_s'])} guesses/s offered; unanswered after drain "
        f"{fmt(ld['unanswered_after_drain'])}; server CPU "
        f"{fmt(get(ld, 'server_cpu', 'cpu_pct'), '%')}"
        + (
            f", {fmt(cpu_s / answered_in_load * 1000, ' ms', 1)} per guess answered in the load"
            if cpu_s and answered_in_load
            else ""
        ),
        "≥ 2,000 answered/s, guess_result p99 ≤ 20 ms",
        ok,
        "154 answered/s, p99 18 s" if ld["lobbies"] >= 50 else "",
        other(ld.get("server_cpu")),
    )


def rss_rows(t: Table, data: dict[str, Any] | None) -> None:
    if not data:
        return
    idle = data["rss_kib_idle"] / 1024
    t.add(
        "(d) RSS idle (fresh server)",
        f"{idle:.1f} MiB (after REST set-up: {data['rss_kib_baseline'] / 1024:.1f} MiB)",
        "≤ 55 MiB",
        idle <= 55,
        "90.5 MiB",
    )
    for step in data.get("steps", []):
        how = "reconnects" if step.get("reconnect_style") else "first sockets"
        t.add(
            f"(d) RSS with {step['sockets']:,} idle sockets ({how})",
            f"{step['rss_kib'] / 1024:.1f} MiB = +{step['per_socket_kib']:.1f} KiB/socket",
            "≤ 20 KiB/socket",
            step["per_socket_kib"] <= 20,
            "+45.9 KiB/socket (first 1,000)",
        )
    plain = data.get("extra_plain")
    if plain:
        t.add(
            f"(d) +{plain['sockets']:,} idle sockets not offering permessage-deflate",
            f"+{plain['per_socket_kib']:.1f} KiB/socket",
            "≤ 20 KiB/socket",
            plain["per_socket_kib"] <= 20,
            "",
        )


def startup_rows(t: Table, data: dict[str, Any] | None) -> None:
    if not data:
        return
    for variant in ("existing", "fresh"):
        s = data.get(variant)
        if s:
            t.add(
                f"(e) start-up to first healthy /api/health ({variant} SQLite file)",
                f"median {s['median_s']:.2f} s (min {s['min_s']:.2f}, max {s['max_s']:.2f}, "
                f"{s['runs']} runs)",
                "≤ 0.40 s",
                s["median_s"] <= 0.40,
                "0.571 s",
            )
    imp = data.get("import_raddle_app")
    if imp:
        t.add(
            "(e) `python -c 'import raddle.app'` alone (diagnostic)",
            f"median {imp['median_s']:.2f} s",
            "",
            None,
            "",
        )


# CPU per call at the start of the write-path work (commit 64cd2c4, aiosqlite threads included).
SERVICE_CPU_BEFORE = {"join": 4.90, "guess": 6.91, "host": 2.89}


def service_rows(t: Table, data: dict[str, Any] | None) -> None:
    if not data:
        return
    for name, what in (
        ("join", "join (lobby growing)"),
        ("guess", "wrong guess with a ref"),
        ("host", "host view of a 10-player lobby"),
    ):
        ms = get(data, name, "cpu_ms_per_call")
        t.add(
            f"(g) CPU per call, service only: {what}",
            f"{fmt(ms, ' ms', 2)}",
            "",
            None,
            f"{SERVICE_CPU_BEFORE[name]:.2f} ms",
        )


def main() -> int:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "bench/results/latest")
    t = Table()
    a_rest, writes = load(folder, "a_rest"), load(folder, "a_rest_writes")
    if a_rest and writes:  # the host view and joins measured again on their own
        a_rest = {**a_rest, "cases": {**a_rest.get("cases", {}), **writes.get("cases", {})}}
    rest_rows(t, a_rest or writes, "(a)")
    fanout_rows(t, load(folder, "b_fanout"), "(b)")
    guess_rows(t, load(folder, "c_guess"), "(c)")
    guess_rows(t, load(folder, "c_guess_light"), "(c, light)")
    guess_rows(t, load(folder, "c_guess_mid"), "(c, mid)")
    rss_rows(t, load(folder, "d_idle_rss"))
    startup_rows(t, load(folder, "e_startup"))
    service_rows(t, load(folder, "g_service_cpu"))
    rest_rows(t, load(folder, "f_rest_pg1"), "(f) PostgreSQL+Redis, 1 process:")
    rest_rows(t, load(folder, "f_rest_pg2"), "(f) PostgreSQL+Redis, 2 processes:")
    guess_rows(t, load(folder, "f_guess_pg1"), "(f) PostgreSQL+Redis, 1 process:")
    guess_rows(t, load(folder, "f_guess_pg2"), "(f) PostgreSQL+Redis, 2 processes:")
    fanout_rows(t, load(folder, "f_fanout_sqlite1"), "(f) SQLite, 1 process:")
    fanout_rows(t, load(folder, "f_fanout_pg1"), "(f) PostgreSQL+Redis, 1 process:")
    fanout_rows(t, load(folder, "f_fanout_pg2"), "(f) PostgreSQL+Redis, 2 processes:")
    fanout_rows(
        t, load(folder, "b_fanout_nodeflate"), "(b, no permessage-deflate) SQLite, 1 process:"
    )
    machine = load(folder, "machine")
    print(f"Results in `{folder}`.\n")
    if machine:
        print(
            f"Commit `{machine.get('git_commit')}` ({machine.get('git_subject')}); "
            f"uncommitted in src: {machine.get('git_dirty_src') or 'none'}. "
            f"{machine.get('nproc')} × {machine.get('cpu_model')}, "
            f"{machine.get('mem_total_kib', 0) / 1048576:.1f} GiB, Python "
            f"{machine.get('venv_python')}.\n"
        )
    codes = {}
    for path in sorted(folder.glob("code_*.txt")):
        lines = path.read_text().split("\n")
        key = lines[0][:10] + (
            " + uncommitted src changes" if any(x.strip() for x in lines[1:]) else ""
        )
        codes.setdefault(key, []).append(path.stem[5:])
    if len(codes) > 1:
        print(
            "Code changed during the run (steps per commit): "
            + "; ".join(f"`{k}`: {', '.join(v)}" for k, v in codes.items())
            + "\n"
        )
    print(t.render())
    return 0


if __name__ == "__main__":
    sys.exit(main())
