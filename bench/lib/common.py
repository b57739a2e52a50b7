"""Shared helpers for the Raddle Teams benchmarks.

- `Server` starts `raddle serve` pinned to core 0 (SQLite, or PostgreSQL + Redis with
  a throw-away database and Redis prefix), waits for /api/health, and stops it again.
- `Api` is a small async REST client (httpx) for set-up: host login, lobbies, joins,
  teams, rounds.
- /proc readers for CPU seconds and RSS of the server's processes.
- `pin_load_core()` pins the calling load generator to core 1.

Everything talks to 127.0.0.1 only.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import resource
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[2]  # /work/main
BENCH = ROOT / "bench"
VENV_BIN = ROOT / ".venv" / "bin"
RADDLE = VENV_BIN / "raddle"
ADMIN_PASSWORD = "bench-password-123"
SERVER_CORE = "0"
LOAD_CORE = 1
HOST = "127.0.0.1"
CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379/0"
BENCH_SERVER_ENV = {
    "RADDLE_RATE_LIMITS": "false",
    "RADDLE_MAX_PLAYERS_PER_LOBBY": "100000",
    "RADDLE_MAX_LOBBIES": "1000000",
    # Every simulated player comes from 127.0.0.1.
    "RADDLE_MAX_PLAYERS_PER_ADDRESS": "100000",
    "RADDLE_MAX_SOCKETS_PER_ADDRESS": "1000000",
    "RADDLE_MAX_CONNECTIONS_PER_ADDRESS": "1000000",
}


# -- process placement -----------------------------------------------------------------


def pin_load_core() -> None:
    """Run the load generator on core 1 (the server gets core 0)."""
    with contextlib.suppress(AttributeError, OSError):
        os.sched_setaffinity(0, {LOAD_CORE})


def raise_nofile(want: int = 65536) -> int:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = min(want, hard) if hard != resource.RLIM_INFINITY else want
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


# -- /proc -----------------------------------------------------------------------------


def children(pid: int) -> list[int]:
    out: list[int] = []
    task_dir = Path(f"/proc/{pid}/task")
    try:
        for task in task_dir.iterdir():
            text = (task / "children").read_text().split()
            out.extend(int(x) for x in text)
    except OSError:
        pass
    return out


def descendants(pid: int) -> list[int]:
    seen: list[int] = []
    stack = [pid]
    while stack:
        p = stack.pop()
        for c in children(p):
            if c not in seen:
                seen.append(c)
                stack.append(c)
    return seen


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process (all its threads), in seconds."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = text.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def threads(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("Threads:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def core_times() -> dict[str, tuple[int, int]]:
    """(busy, total) jiffies per core from /proc/stat."""
    out: dict[str, tuple[int, int]] = {}
    for line in Path("/proc/stat").read_text().splitlines():
        if line.startswith("cpu") and line[3:4].isdigit():
            name, *vals = line.split()
            nums = [int(v) for v in vals]
            idle = nums[3] + (nums[4] if len(nums) > 4 else 0)
            out[name] = (sum(nums) - idle, sum(nums))
    return out


class CpuMeter:
    """CPU seconds used by a set of processes between start() and stop(), plus how busy
    each core was (so CPU taken by other programs on the machine shows up)."""

    def __init__(self, pids: Sequence[int]) -> None:
        self.pids = list(pids)
        self.t0 = 0.0
        self.c0: dict[int, float] = {}
        self.wall = 0.0
        self.per_pid: dict[int, float] = {}

    def start(self) -> CpuMeter:
        self.t0 = time.monotonic()
        self.c0 = {p: cpu_seconds(p) for p in self.pids}
        self.k0 = core_times()
        return self

    def stop(self) -> dict[str, Any]:
        self.wall = time.monotonic() - self.t0
        self.per_pid = {p: cpu_seconds(p) - self.c0[p] for p in self.pids}
        used = sum(self.per_pid.values())
        k1 = core_times()
        cores = {}
        for name, (busy, total) in k1.items():
            b0, t0 = self.k0.get(name, (busy, total))
            cores[name] = round(100.0 * (busy - b0) / (total - t0), 1) if total > t0 else None
        server_pct = 100.0 * used / self.wall if self.wall else 0.0
        return {
            "core_busy_pct": cores,
            # core 0 is the server's: whatever else kept it busy was another program.
            "core0_other_pct": (
                round(max(0.0, (cores.get("cpu0") or 0.0) - server_pct), 1) if cores else None
            ),
            "wall_s": round(self.wall, 3),
            "cpu_s": round(used, 3),
            "cpu_pct": round(100.0 * used / self.wall, 1) if self.wall else None,
            "per_process_cpu_pct": [
                round(100.0 * v / self.wall, 1) if self.wall else None
                for v in self.per_pid.values()
            ],
        }


def self_cpu_seconds() -> float:
    t = os.times()
    return t.user + t.system


# -- the server --------------------------------------------------------------------------


def _psql(sql: str, db: str = "postgres") -> None:
    subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-d",
            db,
            "-v",
            "ON_ERROR_STOP=1",
            "-qc",
            sql,
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )


@dataclass
class Server:
    """`raddle serve` on 127.0.0.1, pinned to core 0.

    db="sqlite" uses a fresh SQLite file in a temporary folder; db="postgres" creates
    a database raddle_bench_<random> (dropped by stop()) and uses Redis with the prefix
    bench-<random>. Keep `workers=1` for SQLite (the server refuses more).
    """

    port: int = 8800
    db: str = "sqlite"
    workers: int = 1
    redis: bool | None = None  # default: on for postgres, off for sqlite
    env: dict[str, str] = field(default_factory=dict)
    log_path: Path | None = None
    sqlite_path: str | None = None  # reuse this file instead of a fresh one
    cores: str = SERVER_CORE
    proc: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    ready_s: float = 0.0
    pg_db: str | None = None
    tmpdir: str | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://{HOST}:{self.port}/ws"

    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("RADDLE_")}
        env["RADDLE_ADMIN_PASSWORD"] = ADMIN_PASSWORD
        # All load comes from one address: per-address abuse limits and the
        # per-lobby/per-server caps would measure the limiter, not the server.
        env.update(BENCH_SERVER_ENV)
        tag = secrets.token_hex(4)
        if self.db == "sqlite":
            if self.sqlite_path is None:
                self.tmpdir = tempfile.mkdtemp(prefix="raddle-bench-")
                self.sqlite_path = f"{self.tmpdir}/raddle.db"
            env["RADDLE_DATABASE_URL"] = f"sqlite:///{self.sqlite_path}"
        else:
            self.pg_db = f"raddle_bench_{tag}"
            _psql(f"CREATE DATABASE {self.pg_db}")
            env["RADDLE_DATABASE_URL"] = f"{PG_ADMIN_URL}/{self.pg_db}"
        use_redis = self.redis if self.redis is not None else self.db == "postgres"
        if use_redis:
            env["RADDLE_REDIS_URL"] = REDIS_URL
            env["RADDLE_REDIS_PREFIX"] = f"bench-{tag}"
        env.update(self.env)
        return env

    def start(self, timeout: float = 30.0) -> Server:
        ensure_port_free(self.port)
        env = self.environment()
        if self.log_path is None:
            self.log_path = Path(tempfile.gettempdir()) / f"raddle-bench-server-{self.port}.log"
        log = open(self.log_path, "wb")  # noqa: SIM115 - closed with the process
        cmd = [
            "taskset",
            "-c",
            self.cores,
            str(RADDLE),
            "serve",
            "--host",
            HOST,
            "--port",
            str(self.port),
            "--workers",
            str(self.workers),
        ]
        self.started_at = time.monotonic()
        self.proc = subprocess.Popen(
            cmd,
            cwd=tempfile.gettempdir(),
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        self.ready_s = wait_healthy(self.url, self.started_at, timeout, self.proc)
        time.sleep(0.05)
        if self.proc.poll() is not None:
            raise RuntimeError(f"server on port {self.port} exited; see {self.log_path}")
        if self.workers > 1:
            # Wait until every worker process is up (each answers health by itself).
            deadline = time.monotonic() + timeout
            while len(self.worker_pids()) < self.workers and time.monotonic() < deadline:
                time.sleep(0.1)
            time.sleep(1.0)
        return self

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def worker_pids(self) -> list[int]:
        """The processes that serve requests (the `raddle` process, or its workers)."""
        if self.proc is None:
            return []
        kids = descendants(self.proc.pid)
        if self.workers == 1:
            return [self.proc.pid]
        # uvicorn's supervisor spawns the workers (plus a multiprocessing helper).
        workers = [p for p in kids if _cmdline(p).find("multiprocessing.resource_tracker") < 0]
        return workers

    def all_pids(self) -> list[int]:
        if self.proc is None:
            return []
        return [self.proc.pid, *descendants(self.proc.pid)]

    def rss_kib(self) -> int:
        return sum(rss_kib(p) for p in self.all_pids())

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=8)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=5)
        self.proc = None
        if self.pg_db is not None:
            try:
                _psql(f"DROP DATABASE IF EXISTS {self.pg_db} WITH (FORCE)")
            except subprocess.CalledProcessError as exc:
                print(f"warning: could not drop {self.pg_db}: {exc}", file=sys.stderr)
            self.pg_db = None
        if self.tmpdir is not None:
            shutil.rmtree(self.tmpdir, ignore_errors=True)
            self.tmpdir = None

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def ensure_port_free(port: int) -> None:
    """Refuse to start when something already listens there (it would answer for us)."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        if probe.connect_ex((HOST, port)) == 0:
            raise RuntimeError(f"port {port} is already in use; pick another with --port")


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def wait_healthy(
    url: str,
    since: float,
    timeout: float,
    proc: subprocess.Popen[bytes] | None = None,
    poll_s: float = 0.005,
) -> float:
    """Poll GET /api/health until 200; seconds from `since` (a monotonic time)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before it was healthy")
        try:
            with urllib.request.urlopen(f"{url}/api/health", timeout=1.0) as resp:
                if resp.status == 200:
                    return time.monotonic() - since
        except OSError:
            pass
        time.sleep(poll_s)
    raise RuntimeError(f"{url} not healthy within {timeout}s")


def server_from_args(args: Any) -> Server | None:
    """A Server to start, or None when --url points at a running one."""
    if getattr(args, "url", None):
        return None
    return Server(
        port=args.port,
        db=args.db,
        workers=args.workers,
        cores=getattr(args, "server_cores", SERVER_CORE),
        env=dict(kv.split("=", 1) for kv in (getattr(args, "server_env", None) or [])),
    )


def start_from_args(
    args: Any, env: dict[str, str] | None = None
) -> tuple[Server | None, str, list[int]]:
    """Start the server the arguments ask for (with `env` added), unless --url names a
    running one: (the server or None, its base URL, its worker pids)."""
    server = server_from_args(args)
    if server is None:
        return None, args.url, []
    for key, value in (env or {}).items():
        server.env.setdefault(key, value)
    server.start()
    return server, server.url, server.worker_pids()


def add_server_args(parser: Any, port: int = 8800) -> None:
    parser.add_argument("--url", help="base URL of a running server (default: start one)")
    parser.add_argument("--port", type=int, default=port, help="port for a server we start")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument(
        "--server-cores",
        default=SERVER_CORE,
        help="taskset CPU list for a server we start (default: 0)",
    )
    parser.add_argument(
        "--server-env",
        action="append",
        metavar="KEY=VALUE",
        help="extra environment for a server we start (repeatable)",
    )
    parser.add_argument("--out", help="also write the JSON result to this file")


def emit(result: dict[str, Any], out: str | None) -> None:
    text = json.dumps(result, indent=1)
    print(text)
    if out:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(text + "\n")


# -- statistics --------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    k = (len(ordered) - 1) * q / 100.0
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def summary_ms(values_s: Iterable[float]) -> dict[str, Any]:
    values = [v * 1000.0 for v in values_s]
    if not values:
        return {"n": 0}
    return {
        "n": len(values),
        "p50_ms": round(percentile(values, 50) or 0, 3),
        "p90_ms": round(percentile(values, 90) or 0, 3),
        "p99_ms": round(percentile(values, 99) or 0, 3),
        "max_ms": round(max(values), 3),
        "mean_ms": round(sum(values) / len(values), 3),
    }


# -- REST set-up client ------------------------------------------------------------------


class Api:
    """The REST calls the benchmarks need for set-up (not for measuring)."""

    def __init__(self, base_url: str, concurrency: int = 16) -> None:
        self.base = base_url.rstrip("/")
        self.client = httpx.AsyncClient(
            base_url=self.base,
            timeout=httpx.Timeout(60.0),
            trust_env=False,  # never a proxy: 127.0.0.1 only
            limits=httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency),
        )
        self.sem = asyncio.Semaphore(concurrency)
        self.admin_token: str | None = None

    async def close(self) -> None:
        await self.client.aclose()

    def _admin(self) -> dict[str, str]:
        assert self.admin_token, "call login() first"
        return {"Authorization": f"Bearer {self.admin_token}"}

    async def login(self) -> str:
        r = await self.client.post("/api/admin/session", json={"password": ADMIN_PASSWORD})
        r.raise_for_status()
        self.admin_token = r.json()["token"]
        return self.admin_token

    async def create_lobby(self, name: str | None = None) -> str:
        r = await self.client.post(
            "/api/admin/lobbies", json={"name": name} if name else {}, headers=self._admin()
        )
        r.raise_for_status()
        return str(r.json()["code"])

    async def join(self, code: str, name: str) -> dict[str, Any]:
        async with self.sem:
            for attempt in range(5):
                r = await self.client.post(f"/api/lobbies/{code}/players", json={"name": name})
                if r.status_code == 201:
                    data: dict[str, Any] = r.json()
                    return data
                if r.status_code >= 500 or r.status_code == 429:
                    await asyncio.sleep(0.2 * (attempt + 1))
                    continue
                r.raise_for_status()
            r.raise_for_status()
            raise RuntimeError("unreachable")

    async def join_many(self, code: str, names: Sequence[str]) -> list[dict[str, Any]]:
        return list(await asyncio.gather(*(self.join(code, n) for n in names)))

    async def make_teams(self, code: str, count: int) -> list[dict[str, Any]]:
        r = await self.client.post(
            f"/api/admin/lobbies/{code}/teams", json={"count": count}, headers=self._admin()
        )
        r.raise_for_status()
        teams: list[dict[str, Any]] = r.json()
        return teams

    async def start_round(self, code: str, **options: Any) -> dict[str, Any]:
        body = {"force": True, "hints": True, **options}
        r = await self.client.post(
            f"/api/admin/lobbies/{code}/rounds", json=body, headers=self._admin()
        )
        r.raise_for_status()
        data: dict[str, Any] = r.json()
        return data

    async def host_snapshot(self, code: str) -> dict[str, Any]:
        r = await self.client.get(f"/api/admin/lobbies/{code}", headers=self._admin())
        r.raise_for_status()
        data: dict[str, Any] = r.json()
        return data

    async def set_timer(self, code: str, seconds: int) -> httpx.Response:
        return await self.client.post(
            f"/api/admin/lobbies/{code}/rounds/current/timer",
            json={"seconds": seconds},
            headers=self._admin(),
        )

    async def set_ready(self, token: str, ready: bool) -> httpx.Response:
        return await self.client.put(
            "/api/me/ready", json={"ready": ready}, headers={"Authorization": f"Bearer {token}"}
        )

    async def rename_team(self, team_id: int, name: str) -> httpx.Response:
        return await self.client.patch(
            f"/api/admin/teams/{team_id}", json={"name": name}, headers=self._admin()
        )


def machine_facts() -> dict[str, Any]:
    facts: dict[str, Any] = {"nproc": os.cpu_count()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                facts["cpu_model"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                facts["mem_total_kib"] = int(line.split()[1])
    except OSError:
        pass
    facts["kernel"] = os.uname().release
    facts["python"] = sys.version.split()[0]
    return facts
