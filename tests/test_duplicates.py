"""No block of code is written twice: jscpd over the server, the web app, the tests,
the scripts and the benches (migrations are history and left out)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

FRONTEND = Path(__file__).resolve().parent.parent / "frontend"


@pytest.mark.skipif(shutil.which("npm") is None, reason="npm is not installed")
def test_no_copied_blocks() -> None:
    result = subprocess.run(
        ["npm", "run", "--silent", "duplicates"],
        cwd=FRONTEND,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Found 0 clones." in result.stdout, result.stdout
