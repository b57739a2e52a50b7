"""The web app: its own test suite (vitest) passes, its first load stays small, and it
is built the way the server's CSP and caching expect."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FRONTEND = ROOT / "frontend"
STATIC = ROOT / "src" / "raddle" / "static"
INITIAL_JS_LIMIT = 150 * 1024
ANSI = re.compile(r"\x1b\[[0-9;]*m")


class _Scripts(HTMLParser):
    """The scripts index.html loads at once: module entries and their preloads."""

    def __init__(self) -> None:
        super().__init__()
        self.initial: list[str] = []
        self.inline = 0
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script":
            if found.get("src"):
                self.initial.append(str(found["src"]))
            else:
                self._in_script = True
        elif tag == "link" and found.get("rel") == "modulepreload" and found.get("href"):
            self.initial.append(str(found["href"]))

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False


def _built_index() -> str:
    index = STATIC / "index.html"
    if not index.is_file():
        pytest.skip("The web app is not built (./rt builds it; or npm run build in frontend/)")
    return index.read_text()


def test_the_vitest_suite_passes() -> None:
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is not installed")
    assert (FRONTEND / "node_modules").is_dir(), (
        "run ./rt setup first: frontend/node_modules is missing"
    )
    result = subprocess.run(
        [npm, "test", "--silent"],
        cwd=FRONTEND,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, "CI": "true", "NO_COLOR": "1", "FORCE_COLOR": "0"},
    )
    output = ANSI.sub("", result.stdout + result.stderr)
    assert result.returncode == 0, output[-6000:]
    passed = re.search(r"Tests\s+(\d+) passed", output)
    assert passed and int(passed.group(1)) > 0, output[-3000:]
    assert "failed" not in output.split("Test Files", 1)[-1].split("\n", 2)[0]


def test_the_initial_javascript_is_small() -> None:
    scripts = _Scripts()
    scripts.feed(_built_index())
    assert scripts.initial, "index.html loads no script"
    total = 0
    for src in scripts.initial:
        assert src.startswith("/assets/"), src
        total += len(gzip.compress((STATIC / src.lstrip("/")).read_bytes(), compresslevel=9))
    assert total <= INITIAL_JS_LIMIT, f"initial JS is {total / 1024:.1f} KB gzipped"


def test_the_build_suits_the_servers_csp_and_cache() -> None:
    scripts = _Scripts()
    html = _built_index()
    scripts.feed(html)
    # script-src 'self': no inline scripts; assets are cached forever, so names carry a hash.
    assert scripts.inline == 0
    assert "http://" not in html and "https://" not in html
    for asset in (STATIC / "assets").iterdir():
        assert re.search(r"-[A-Za-z0-9_-]{8,}\.(js|css|svg|png|woff2?)$", asset.name), asset.name


def test_dependencies_are_pinned_and_the_lock_has_no_addresses() -> None:
    package = json.loads((FRONTEND / "package.json").read_text())
    for section in ("dependencies", "devDependencies"):
        for name, version in package.get(section, {}).items():
            assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name} is not pinned: {version}"
    lock = FRONTEND / "package-lock.json"
    if lock.exists():
        assert '"resolved"' not in lock.read_text()
