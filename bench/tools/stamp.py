#!/usr/bin/env python3
"""Stamp a result file with the code it measured and the machine's load around it.

    stamp.py RESULT.json CODE.txt "UPTIME BEFORE" "UPTIME AFTER"

CODE.txt holds the commit on its first line, then `git status --porcelain -- src`
(uncommitted server files, if any). The load averages come from `uptime`: this
machine is shared, and a figure measured under load is a lower bound.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main() -> int:
    result, code, before, after = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4]
    if not result.exists():
        return 0
    data = json.loads(result.read_text())
    lines = code.read_text().splitlines() if code.exists() else []
    data["measured"] = {
        "commit": lines[0] if lines else None,
        "uncommitted_src": lines[1:],
        "uptime_before": before.strip(),
        "uptime_after": after.strip(),
    }
    result.write_text(json.dumps(data, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
