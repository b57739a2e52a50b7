#!/usr/bin/env python3
"""CPU and context switches per thread (grouped by thread name) of one process over a
window, from /proc/<pid>/task/*/{stat,status}. Shows how a server's CPU splits between
the event loop and helper threads (aiosqlite connections, AnyIO's thread pool, ...).

    thread_cpu.py PID SECONDS   -> JSON
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

CLK = os.sysconf("SC_CLK_TCK")


def snapshot(pid: int) -> dict[str, tuple[str, int, int]]:
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            stat = Path(f"/proc/{pid}/task/{tid}/stat").read_text()
            status = Path(f"/proc/{pid}/task/{tid}/status").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat.rsplit(")", 1)[1].split()
        cpu = int(fields[11]) + int(fields[12])
        switches = sum(
            int(line.split()[1])
            for line in status.splitlines()
            if line.endswith("ctxt_switches") is False and "ctxt_switches" in line
        )
        out[tid] = (name, cpu, switches)
    return out


def python_thread_names(pid: int) -> dict[str, str]:
    """tid -> Python thread name, from `py-spy dump` (Linux shows every thread as the
    process name, because Python 3.11 does not name its OS threads)."""
    spy = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "py-spy"
    try:
        text = subprocess.run(
            [str(spy), "dump", "--nonblocking", "-p", str(pid)],
            capture_output=True,
            text=True,
            timeout=20,
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return {}
    names = {}
    for m in re.finditer(r'^Thread (\d+) \([^)]*\): "([^"]*)"', text, re.M):
        names[m.group(1)] = m.group(2)
    return names


def main() -> int:
    pid, seconds = int(sys.argv[1]), float(sys.argv[2])
    names = python_thread_names(pid)
    a = snapshot(pid)
    time.sleep(seconds)
    b = snapshot(pid)
    groups: dict[str, dict[str, float]] = {}
    for tid, (name, cpu, sw) in b.items():
        cpu0, sw0 = (a[tid][1], a[tid][2]) if tid in a else (0, 0)
        # Group numbered helper threads ("Thread-3 (_connection_worker_thread)") by kind.
        name = names.get(tid, "main (event loop)" if tid == str(pid) else "unnamed")
        key = name.split(" (")[-1].rstrip(")") if "(" in name else name
        g = groups.setdefault(key, {"threads": 0, "cpu_pct": 0.0, "ctx_switches": 0})
        g["threads"] += 1
        g["cpu_pct"] += 100.0 * (cpu - cpu0) / CLK / seconds
        g["ctx_switches"] += sw - sw0
    for g in groups.values():
        g["cpu_pct"] = round(g["cpu_pct"], 1)
    print(
        json.dumps(
            {
                "pid": pid,
                "seconds": seconds,
                "by_thread_kind": dict(sorted(groups.items(), key=lambda kv: -kv[1]["cpu_pct"])),
            },
            indent=1,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
