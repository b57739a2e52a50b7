"""Debian's nginx, run by a test on loopback ports with the site file from deploy/nginx."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path
from string import Template

import httpx

from tests.support.server import free_port

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "deploy" / "nginx" / "raddle.conf"


def nginx_binary() -> str | None:
    """nginx's path, installed with apt when it is missing and apt can be used;
    None where it cannot (the caller skips and says why)."""
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if found or os.geteuid() != 0 or not shutil.which("apt-get"):
        return found
    # RUNLEVEL=1 keeps the package from starting a system-wide nginx on port 80.
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive", "RUNLEVEL": "1"}
    subprocess.run(["apt-get", "update", "-qq"], env=env, check=False, capture_output=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "nginx"], env=env, check=False, capture_output=True
    )
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "tls.crt", folder / "tls.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", key, "-out", cert, "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def fill_in(template: str, values: dict[str, str]) -> str:
    """The site file's placeholders filled in as its header says: envsubst, told which
    variables are ours so nginx's own $variables stay (string.Template where it is
    missing does the same)."""
    envsubst = shutil.which("envsubst")
    if envsubst is None:
        return Template(template).safe_substitute(values)
    done = subprocess.run(
        [envsubst, " ".join(f"${name}" for name in values)],
        input=template,
        env={**os.environ, **values},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


class Nginx:
    """nginx in the foreground with one worker (so round-robin order is predictable),
    its logs and temporary files in a private folder."""

    def __init__(self, binary: str, folder: Path, backends: list[str]) -> None:
        self.binary = binary
        self.folder = folder
        self.http_port = free_port()
        self.https_port = free_port()
        self.cert, self.key = self_signed_certificate(folder)
        values = {
            "RADDLE_SERVER_NAME": "127.0.0.1",
            "RADDLE_PUBLIC_ORIGIN": self.url,
            "RADDLE_HTTP_LISTEN": f"127.0.0.1:{self.http_port}",
            "RADDLE_HTTPS_LISTEN": f"127.0.0.1:{self.https_port}",
            "RADDLE_TLS_CERT": str(self.cert),
            "RADDLE_TLS_KEY": str(self.key),
            "RADDLE_BACKEND_1": backends[0],
            "RADDLE_BACKEND_2": backends[1],
        }
        site = fill_in(SITE.read_text(), values)
        unfilled = re.findall(r"\$\{RADDLE_[A-Z0-9_]+\}", site)
        assert not unfilled, f"placeholders of the site file not filled in: {unfilled}"
        (folder / "site.conf").write_text(site)
        temp = folder / "temp"
        temp.mkdir()
        user = "user root;" if os.geteuid() == 0 else ""
        (folder / "nginx.conf").write_text(
            f"""
            {user}
            worker_processes 1;
            daemon off;
            pid {folder}/nginx.pid;
            error_log {folder}/error.log warn;
            events {{ worker_connections 512; }}
            http {{
                access_log {folder}/access.log;
                client_body_temp_path {temp}/body;
                proxy_temp_path {temp}/proxy;
                fastcgi_temp_path {temp}/fastcgi;
                uwsgi_temp_path {temp}/uwsgi;
                scgi_temp_path {temp}/scgi;
                include {folder}/site.conf;
            }}
            """
        )
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.https_port}"

    @property
    def ws_url(self) -> str:
        return f"wss://127.0.0.1:{self.https_port}/ws"

    def start(self) -> Nginx:
        command = [self.binary, "-p", str(self.folder), "-e", str(self.folder / "error.log")]
        checked = subprocess.run(
            [*command, "-t", "-c", str(self.folder / "nginx.conf")], capture_output=True
        )
        assert checked.returncode == 0, checked.stderr.decode()
        self.process = subprocess.Popen(
            [*command, "-c", str(self.folder / "nginx.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.errors()
            try:
                httpx.get(f"http://127.0.0.1:{self.http_port}/", timeout=1)
                return self
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError(f"nginx did not start: {self.errors()}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def errors(self) -> str:
        log = self.folder / "error.log"
        return log.read_text(errors="replace") if log.exists() else ""
