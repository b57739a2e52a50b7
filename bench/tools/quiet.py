#!/usr/bin/env python3
"""Wait (bounded) until the machine is quiet: both cores below --busy percent over a
1 s window, for at most --max-wait seconds. Prints JSON with what it saw. Other
programs on a shared machine skew every figure; the runner records this before each
benchmark so the results can say how busy the machine was."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from lib.common import core_times


def busy_over(seconds: float) -> dict[str, float]:
    a = core_times()
    time.sleep(seconds)
    b = core_times()
    return {k: round(100.0 * (b[k][0] - a[k][0]) / max(1, b[k][1] - a[k][1]), 1) for k in b}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--busy", type=float, default=25.0)
    ap.add_argument("--max-wait", type=float, default=20.0)
    args = ap.parse_args()
    start = time.monotonic()
    seen = busy_over(1.0)
    while max(seen.values()) > args.busy and time.monotonic() - start < args.max_wait:
        seen = busy_over(1.0)
    print(
        json.dumps(
            {
                "waited_s": round(time.monotonic() - start, 1),
                "core_busy_pct": seen,
                "quiet": max(seen.values()) <= args.busy,
                "loadavg": Path("/proc/loadavg").read_text().split()[:3],
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
