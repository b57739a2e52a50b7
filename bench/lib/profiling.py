"""py-spy around a measurement: record the server while the load runs (on core 1).

Writes <prefix>.raw (collapsed stacks, the input format of flamegraph.pl, inferno or
speedscope) and <prefix>.txt (a text summary: top self and inclusive frames, see
tools/flame_summary.py).
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from lib.common import BENCH, LOAD_CORE, VENV_BIN

PY_SPY = VENV_BIN / "py-spy"


@dataclass
class Spy:
    proc: subprocess.Popen[bytes]
    prefix: Path
    seconds: int


def start_pyspy(
    pid: int, prefix: Path, seconds: int, rate: int = 100, gil: bool = False
) -> Spy | None:
    """gil=True samples only the thread holding the GIL: where Python CPU time goes."""
    if not PY_SPY.exists():
        print("py-spy is not installed: .venv/bin/pip install py-spy==0.4.3", file=sys.stderr)
        return None
    prefix.parent.mkdir(parents=True, exist_ok=True)
    cmd = [
        "taskset",
        "-c",
        str(LOAD_CORE),
        str(PY_SPY),
        "record",
        "-p",
        str(pid),
        "-d",
        str(seconds),
        "-r",
        str(rate),
        "--nonblocking",
        "-f",
        "raw",
        "-o",
        f"{prefix}.raw",
        *(["--gil"] if gil else []),
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return Spy(proc, prefix, seconds)


def finish_pyspy(spy: Spy) -> None:
    try:
        spy.proc.wait(timeout=spy.seconds + 30)
    except subprocess.TimeoutExpired:
        spy.proc.kill()
        spy.proc.wait()
    raw = Path(f"{spy.prefix}.raw")
    if not raw.exists():
        err = spy.proc.stderr.read().decode() if spy.proc.stderr else ""
        print(f"py-spy wrote no profile: {err[-300:]}", file=sys.stderr)
        return
    summary = subprocess.run(
        [sys.executable, str(BENCH / "tools" / "flame_summary.py"), str(raw), "--top", "40"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    Path(f"{spy.prefix}.txt").write_text(summary.stdout)
