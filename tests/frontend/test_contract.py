"""The web app's side of the typed contract: its code passes the linter, and its wire
types are the ones generated from the server's current schemas."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from raddle.cli import contract_schemas, main
from raddle.wire import CloseCode, EventType

ROOT = Path(__file__).resolve().parents[2]
FRONTEND = ROOT / "frontend"
GENERATED = {
    "api.ts": FRONTEND / "src" / "protocol" / "generated" / "api.ts",
    "socket.ts": FRONTEND / "src" / "protocol" / "generated" / "socket.ts",
    "socket-schema.json": ROOT / "docs" / "socket-schema.json",
}
REGENERATE = "cd frontend && npm run gen"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
QUIET = {"CI": "true", "NO_COLOR": "1", "FORCE_COLOR": "0"}


def _node_tool(name: str) -> str:
    tool = shutil.which(name)
    if tool is None:
        pytest.skip(f"{name} is not installed")
    assert (FRONTEND / "node_modules").is_dir(), (
        "run ./rt setup first: frontend/node_modules is missing"
    )
    return tool


def test_the_linter_finds_nothing_wrong() -> None:
    npm = _node_tool("npm")
    result = subprocess.run(
        [npm, "run", "--silent", "lint"],
        cwd=FRONTEND,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, **QUIET},
    )
    output = ANSI.sub("", result.stdout + result.stderr)
    assert result.returncode == 0, f"npm run lint (in frontend/) found problems:\n{output[-8000:]}"
    assert "problem" not in output, output[-8000:]


def test_the_committed_wire_types_match_the_server_schemas(tmp_path: Path) -> None:
    node = _node_tool("node")
    result = subprocess.run(
        [node, "scripts/gen-contract.mjs", "--out", str(tmp_path)],
        cwd=FRONTEND,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        # The raddle command of the Python running these tests, wherever its venv is.
        env={**os.environ, **QUIET, "RADDLE_BIN": str(Path(sys.executable).parent / "raddle")},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    stale = [
        str(committed.relative_to(ROOT))
        for name, committed in GENERATED.items()
        if not committed.is_file()
        or committed.read_text(encoding="utf-8") != (tmp_path / name).read_text(encoding="utf-8")
    ]
    assert not stale, (
        f"generated from older server schemas: {', '.join(stale)}; run `{REGENERATE}` "
        "and commit the result"
    )


def test_the_contract_command_writes_both_schemas(tmp_path: Path) -> None:
    assert main(["contract", "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["openapi.json", "socket.json"]


def test_the_socket_schema_names_every_close_code_and_event_type() -> None:
    defs = contract_schemas()["socket.json"]["$defs"]
    for name in ("ServerEvent", "ClientMessage", "EventType", "CloseCode"):
        assert name in defs
    close = defs["CloseCode"]
    assert dict(zip(close["x-enum-varnames"], close["enum"], strict=True)) == {
        c.name: c.value for c in CloseCode
    }
    events = defs["EventType"]
    assert dict(zip(events["x-enum-varnames"], events["enum"], strict=True)) == {
        e.name: e.value for e in EventType
    }


def test_the_rest_document_leaves_out_testing_and_metrics_routes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The environment of whoever runs the command does not change the document.
    monkeypatch.setenv("RADDLE_TESTING", "true")
    monkeypatch.setenv("RADDLE_METRICS", "true")
    paths = contract_schemas()["openapi.json"]["paths"]
    assert "/api/lobbies/{code}" in paths
    assert not [p for p in paths if p.startswith("/api/testing") or p == "/metrics"]
