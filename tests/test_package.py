"""The built wheel carries everything the game needs: installed into a fresh virtualenv
and started far from the repository, it serves the web app, migrates its database and
deals puzzles from the bundled pack."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import time
import zipfile
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

import httpx
import pytest

from raddle import __version__
from tests.support.server import ADMIN_PASSWORD, free_port

ROOT = Path(__file__).resolve().parents[1]
STATIC_INDEX = ROOT / "src" / "raddle" / "static" / "index.html"

pytestmark = [
    pytest.mark.timeout(240),
    pytest.mark.skipif(
        not STATIC_INDEX.is_file(), reason="the web app is not built (./rt builds it)"
    ),
]


def run(*command: str | Path, cwd: Path | None = None) -> str:
    done = subprocess.run(
        [str(part) for part in command], cwd=cwd, capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, f"{command}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from a copy of the sources so the repository stays untouched."""
    folder = tmp_path_factory.mktemp("wheel")
    source = folder / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "src",
        source / "src",
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", ".built"),
    )
    # Offline and quick: the setuptools already in this environment does the build.
    run(
        sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
        "--wheel-dir", folder / "dist", source,
    )  # fmt: skip
    [built] = (folder / "dist").glob("raddle_teams-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv with the wheel installed; its dependencies are the ones this
    environment already has (a .pth file points at them), so nothing is downloaded."""
    venv = tmp_path_factory.mktemp("venv") / "env"
    run(sys.executable, "-m", "venv", "--without-pip", venv)
    purelib = Path(
        run(
            venv / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"
        ).strip()
    )
    (purelib / "zz_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    run(
        sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "--quiet",
        "--no-deps", "--no-index", wheel,
    )  # fmt: skip
    return venv


def test_the_wheel_holds_the_web_app_migrations_and_puzzle_pack(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "raddle/static/index.html" in names
    assert any(n.startswith("raddle/static/assets/") and n.endswith(".js") for n in names)
    assert "raddle/db/migrations/env.py" in names
    assert any(n.startswith("raddle/db/migrations/versions/0001_") for n in names)
    assert len([n for n in names if n.startswith("raddle/puzzles/pack/")]) >= 45
    assert wheel.name == f"raddle_teams-{__version__}-py3-none-any.whl"


def test_raddle_version_names_the_installed_release(installed: Path) -> None:
    out = run(installed / "bin" / "raddle", "--version")
    assert out.strip() == f"raddle-teams {__version__}"
    assert __version__ == version("raddle-teams")


@pytest.fixture
def served(installed: Path, tmp_path: Path) -> Iterator[str]:
    """`raddle serve` from the installed package, in a folder outside the repository."""
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    port = free_port()
    log = (tmp_path / "server.log").open("wb")
    process = subprocess.Popen(
        [installed / "bin" / "raddle", "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=workdir,
        env={
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
            "RADDLE_ADMIN_PASSWORD": ADMIN_PASSWORD,
        },
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert process.poll() is None, (tmp_path / "server.log").read_text()
            try:
                if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        yield base
        # The default database lives in the folder it was started in.
        assert (workdir / "data" / "raddle.db").is_file()
    finally:
        process.terminate()
        process.wait(timeout=15)
        log.close()


def test_the_installed_server_serves_the_game_from_any_folder(installed: Path, served: str) -> None:
    site = run(installed / "bin" / "python", "-c", "import raddle; print(raddle.__file__)")
    assert site.startswith(str(installed)), site
    with httpx.Client(base_url=served, timeout=20) as http:
        health = http.get("/api/health").json()
        assert health == {"status": "ok", "version": __version__}
        page = http.get("/")
        assert page.status_code == 200 and '<div id="root">' in page.text
        script = next(
            part.split('"')[0] for part in page.text.split('src="')[1:] if "/assets/" in part
        )
        assert http.get(script).status_code == 200
        login = http.post("/api/admin/session", json={"password": ADMIN_PASSWORD})
        host = {"Authorization": f"Bearer {login.json()['token']}"}
        code = http.post("/api/admin/lobbies", json={}, headers=host).json()["code"]
        lobby_page = http.get(f"/join/{code}")
        assert lobby_page.status_code == 200 and '<div id="root">' in lobby_page.text
        assert http.get(f"/api/lobbies/{code}").json()["code"] == code
        puzzles = http.get("/api/admin/puzzles", headers=host).json()
        assert len(puzzles) >= 45
