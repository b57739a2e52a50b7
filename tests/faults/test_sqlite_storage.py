"""A full disk or a read-only SQLite file: clear errors, and nothing already saved is lost."""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.api import bearer
from tests.support.game import host_with_lobby
from tests.support.server import ServerProcess

DISK_BYTES = 4 * 1024 * 1024


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MiB filesystem of its own, so that filling it hurts nobody else."""
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={DISK_BYTES}", "tmpfs", str(mount)],
        capture_output=True,
    )
    if made.returncode != 0:
        pytest.skip("mounting a small filesystem needs root")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def chattr(flag: str, files: list[Path]) -> bool:
    return subprocess.run(["chattr", flag, *map(str, files)], capture_output=True).returncode == 0


def integrity(path: Path) -> str:
    with sqlite3.connect(path) as db:
        return str(db.execute("PRAGMA integrity_check").fetchone()[0])


async def test_a_full_disk_refuses_writes_clearly_and_recovers(
    small_disk: Path, tmp_path: Path
) -> None:
    database = small_disk / "raddle.db"
    server = ServerProcess(f"sqlite:///{database}", tmp_path / "server.log").start()
    try:
        async with httpx.AsyncClient(base_url=server.url, timeout=20) as http:
            token, code = await host_with_lobby(http)
            assert (
                await http.post(f"/api/lobbies/{code}/players", json={"name": "Early"})
            ).status_code == 201

            filler = small_disk / "filler"
            with filler.open("wb") as out:
                try:
                    while True:
                        out.write(b"\0" * 65536)
                        out.flush()
                except OSError:
                    pass
            refused = None
            for i in range(200):  # the WAL may hold a little before it needs a new page
                response = await http.post(
                    f"/api/lobbies/{code}/players", json={"name": f"Late {i}"}
                )
                if response.status_code != 201:
                    refused = response
                    break
            assert refused is not None and refused.status_code == 503
            assert refused.json()["code"] == "storage_full"
            assert "full" in refused.json()["detail"]
            # Reads still work while writes cannot.
            assert (await http.get(f"/api/lobbies/{code}")).status_code == 200

            filler.unlink()
            again = await http.post(f"/api/lobbies/{code}/players", json={"name": "After"})
            assert again.status_code == 201, again.text
            names = [
                p["name"]
                for p in (
                    await http.get(f"/api/admin/lobbies/{code}", headers=bearer(token))
                ).json()["players"]
            ]
            assert "Early" in names and "After" in names
    finally:
        server.stop()
    assert integrity(database) == "ok"


async def test_a_read_only_database_refuses_writes_clearly(tmp_path: Path) -> None:
    database = tmp_path / "raddle.db"
    server = ServerProcess(f"sqlite:///{database}", tmp_path / "server.log").start()
    try:
        async with httpx.AsyncClient(base_url=server.url, timeout=20) as http:
            _, code = await host_with_lobby(http)
        server.stop()
        files = [
            p for p in (database, Path(f"{database}-wal"), Path(f"{database}-shm")) if p.exists()
        ]
        if not chattr("+i", files):
            pytest.skip("making files immutable needs root on a filesystem that supports it")
        try:
            server.start()
            async with httpx.AsyncClient(base_url=server.url, timeout=20) as http:
                assert (await http.get(f"/api/lobbies/{code}")).status_code == 200
                refused = await http.post(f"/api/lobbies/{code}/players", json={"name": "Blocked"})
                assert refused.status_code == 503
                assert refused.json()["code"] in ("storage_read_only", "unavailable")
                assert refused.json()["detail"]
        finally:
            server.stop()
            chattr("-i", files)
    finally:
        server.stop()
    assert integrity(database) == "ok"
