"""The systemd unit in deploy/ is one systemd accepts, starting `raddle serve` on its port."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

UNIT = Path(__file__).resolve().parents[2] / "deploy" / "systemd" / "raddle@.service"


def test_the_unit_file_is_valid_for_systemd(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    raddle = Path(sys.executable).parent / "raddle"
    text = UNIT.read_text()
    assert "ExecStart=/opt/raddle/bin/raddle serve --host 127.0.0.1 --port %i" in text
    # The installed command and settings file live elsewhere on this machine.
    text = text.replace("/opt/raddle/bin/raddle", str(raddle)).replace(
        "EnvironmentFile=/etc/raddle/raddle.env", "EnvironmentFile=-/nonexistent/raddle.env"
    )
    instance = tmp_path / "raddle@8001.service"
    instance.write_text(text)
    checked = subprocess.run(
        [analyze, "verify", str(instance)], capture_output=True, text=True, timeout=60
    )
    complaints = [line for line in checked.stderr.splitlines() if instance.name in line]
    assert checked.returncode == 0 and not complaints, checked.stderr
