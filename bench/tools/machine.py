#!/usr/bin/env python3
"""Machine facts and the code under test, as JSON: cores, CPU model, memory, kernel,
Python and package versions, tool versions, and the git commit (read-only git calls)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from lib.common import ROOT, VENV_BIN, machine_facts

PACKAGES = [
    "raddle-teams",
    "fastapi",
    "starlette",
    "uvicorn",
    "uvloop",
    "httptools",
    "websockets",
    "sqlalchemy",
    "aiosqlite",
    "asyncpg",
    "redis",
    "pydantic",
    "orjson",
    "httpx",
    "py-spy",
]


def run(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=20).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return ""


def main() -> int:
    facts = machine_facts()
    # Versions as the server's virtualenv sees them.
    probe = (
        "import json, importlib.metadata as m\n"
        "out = {}\n"
        f"for p in {PACKAGES!r}:\n"
        "    try: out[p] = m.version(p)\n"
        "    except m.PackageNotFoundError: pass\n"
        "print(json.dumps(out))"
    )
    try:
        versions = json.loads(run([str(VENV_BIN / "python"), "-c", probe]))
    except ValueError:
        versions = {}
    facts["venv_python"] = run(
        [str(VENV_BIN / "python"), "-c", "import sys;print(sys.version.split()[0])"]
    )
    facts["packages"] = versions
    facts["tools"] = {
        "wrk": run(["wrk", "--version"]).splitlines()[0] if run(["wrk", "--version"]) else "",
        "hyperfine": run(["hyperfine", "--version"]),
        "py-spy": run([str(VENV_BIN / "py-spy"), "--version"]),
        "postgres": run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", "SHOW server_version"]
        ),
        "redis": run(["redis-cli", "-h", "127.0.0.1", "INFO", "server"])
        .split("redis_version:")[-1]
        .split()[0]
        if run(["redis-cli", "-h", "127.0.0.1", "PING"]) == "PONG"
        else "",
    }
    git = ["git", "-C", str(ROOT)]
    facts["git_commit"] = run([*git, "rev-parse", "HEAD"])
    facts["git_subject"] = run([*git, "log", "-1", "--format=%s"])
    facts["git_dirty_src"] = run([*git, "status", "--porcelain", "--", "src"]).splitlines()
    facts["loadavg"] = Path("/proc/loadavg").read_text().split()[:3]
    print(json.dumps(facts, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
