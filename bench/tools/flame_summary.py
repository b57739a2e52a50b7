#!/usr/bin/env python3
"""Summarise a py-spy collapsed-stack file (`py-spy record -f raw`) as text.

Prints, for the sampled threads, the functions with the most *self* samples and
the most *inclusive* samples, plus the share of samples that were idle (waiting
in the event loop's selector). Usage: flame_summary.py FILE [--top N] [--json]
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys

IDLE_MARKERS = ("select (selectors.py", "run_forever (asyncio", "_run_once (asyncio")


def frame_name(frame: str) -> str:
    # py-spy frames look like "func (path/to/file.py:123)"; drop the line number.
    m = re.match(r"(.*) \((.*?)(?::\d+)?\)$", frame)
    if not m:
        return frame
    func, path = m.groups()
    path = path.split("site-packages/")[-1].split("/src/")[-1]
    return f"{func} ({path})"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--thread", default=None, help="only stacks whose first frame contains this")
    args = ap.parse_args()
    selfs: collections.Counter[str] = collections.Counter()
    incl: collections.Counter[str] = collections.Counter()
    threads: collections.Counter[str] = collections.Counter()
    total = 0
    with open(args.file) as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                continue
            stack, _, count = line.rpartition(" ")
            try:
                n = int(count)
            except ValueError:
                continue
            frames = stack.split(";")
            if args.thread and args.thread not in frames[0]:
                continue
            total += n
            threads[frames[0]] += n
            names = [frame_name(f) for f in frames[1:]] or [frames[0]]
            selfs[names[-1]] += n
            for name in set(names):
                incl[name] += n
    if not total:
        print("no samples", file=sys.stderr)
        return 1

    def table(counter: collections.Counter[str]) -> list[tuple[str, float]]:
        return [(k, round(100.0 * v / total, 1)) for k, v in counter.most_common(args.top)]

    out = {
        "samples": total,
        "threads": table(threads),
        "self_pct": table(selfs),
        "inclusive_pct": table(incl),
    }
    if args.json:
        print(json.dumps(out, indent=1))
        return 0
    print(f"samples: {total}")
    for title, key in (
        ("root frames (thread or greenlet)", "threads"),
        ("self %", "self_pct"),
        ("inclusive %", "inclusive_pct"),
    ):
        print(f"\n== {title}")
        for name, pct in out[key]:
            print(f"{pct:6.1f}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
