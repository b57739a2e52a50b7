"""The code stays ruff- and mypy-clean, formatted, and layered one way."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)


LINTED = ("src", "tests", "scripts", "bench")


def test_ruff_finds_nothing() -> None:
    result = run(sys.executable, "-m", "ruff", "check", *LINTED)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_code_is_formatted() -> None:
    result = run(sys.executable, "-m", "ruff", "format", "--check", *LINTED)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_finds_nothing() -> None:
    result = run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_two_packages_import_each_other() -> None:
    """The layers stay one-way: game and wire below views, views below the use cases."""
    result = run(sys.executable, "scripts/code_report.py")
    assert result.returncode == 0, result.stderr
    assert "packages importing each other: none" in result.stdout, result.stdout
