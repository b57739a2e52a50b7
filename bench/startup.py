#!/usr/bin/env python3
"""(e) Start-up time: from process start (fork/exec of `raddle serve`, pinned to core 0)
to the first 200 from GET /api/health, polled every 5 ms from core 1.

Two variants, --runs each: "existing" reuses one migrated SQLite file (the usual restart),
"fresh" starts on an empty file every time (migrations create the tables). Also times a
bare `python -c "import raddle.app"` to separate import cost from the rest.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lib.common import VENV_BIN, Server, emit, pin_load_core


def stats(values: list[float]) -> dict[str, Any]:
    return {
        "runs": len(values),
        "min_s": round(min(values), 3),
        "median_s": round(statistics.median(values), 3),
        "mean_s": round(statistics.fmean(values), 3),
        "max_s": round(max(values), 3),
        "all_s": [round(v, 3) for v in values],
    }


def slowest_imports(top: int = 15) -> list[dict[str, Any]]:
    """`python -X importtime -c "import raddle.app"`: import self-time summed per top-level
    package, largest first (where the start-up's import time goes)."""
    proc = subprocess.run(
        [
            "taskset",
            "-c",
            "0",
            str(VENV_BIN / "python"),
            "-X",
            "importtime",
            "-c",
            "import raddle.app",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    per_package: dict[str, int] = {}
    for line in proc.stderr.splitlines():
        # "import time:   self_us |  cumulative_us | <indent>module"
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        parts = line[len("import time:") :].split("|")
        if len(parts) != 3:
            continue
        package = parts[2].strip().split(".")[0]
        per_package[package] = per_package.get(package, 0) + int(parts[0])
    rows = [{"package": k, "self_ms": round(v / 1000, 1)} for k, v in per_package.items()]
    rows.sort(key=lambda r: -float(r["self_ms"]))
    return rows[:top]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--port", type=int, default=8840)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--out")
    args = ap.parse_args()
    pin_load_core()
    result: dict[str, Any] = {"benchmark": "startup"}
    folder = tempfile.mkdtemp(prefix="raddle-bench-start-")
    existing = f"{folder}/existing.db"
    # Create and migrate the reused file once (not timed).
    Server(port=args.port, sqlite_path=existing).start().stop()
    for variant in ("existing", "fresh"):
        times = []
        for i in range(args.runs):
            path = existing if variant == "existing" else f"{folder}/fresh{i}.db"
            server = Server(port=args.port, sqlite_path=path)
            try:
                server.start(timeout=20)
                times.append(server.ready_s)
            finally:
                server.stop()
            time.sleep(0.2)
        result[variant] = stats(times)
        print(f"# {variant}: median {result[variant]['median_s']} s", file=sys.stderr)
    imports = []
    for _ in range(3):
        t = time.monotonic()
        subprocess.run(
            ["taskset", "-c", "0", str(VENV_BIN / "python"), "-c", "import raddle.app"],
            check=True,
            timeout=30,
        )
        imports.append(time.monotonic() - t)
    result["import_raddle_app"] = stats(imports)
    result["slowest_imports"] = slowest_imports()
    shutil.rmtree(folder, ignore_errors=True)
    emit(result, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
