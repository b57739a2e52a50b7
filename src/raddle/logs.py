"""Structured logging: JSON lines or readable console lines, never a secret."""

from __future__ import annotations

import asyncio
import atexit
import logging
import re
import sys
import time
from typing import Any

import orjson

# Anything that looks like a credential is masked before a line is written,
# whoever logged it (our code, uvicorn, a library).
_BEARER = re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+")
_TOKEN_FIELD = re.compile(r'(?i)("?(?:token|password|authorization)"?\s*[:=]\s*"?)[^",}\s]+')

# Control characters (a newline above all) would let a client write a line of its own
# into a console log; they are shown escaped instead.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
MAX_PATH_CHARS = 512


def printable(text: str, limit: int | None = None) -> str:
    """`text` with control characters escaped (\\n, \\x1b...), cut to `limit` characters."""
    if limit is not None and len(text) > limit:
        text = text[:limit] + f"...[{len(text) - limit} more]"
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


# uvicorn adds a terminal-coloured copy of some messages; the plain one is enough.
_RESERVED = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "color_message"}


class Redactor(logging.Filter):
    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def scrub(self, text: str) -> str:
        text = _TOKEN_FIELD.sub(r"\1[redacted]", _BEARER.sub(r"\1[redacted]", text))
        for secret in self.secrets:
            text = text.replace(secret, "[redacted]")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        record.msg = self.scrub(message)
        record.args = None
        for key, value in list(vars(record).items()):
            if key not in _RESERVED and isinstance(value, str):
                setattr(record, key, self.scrub(value))
        return True


def _extras(record: logging.LogRecord) -> dict[str, Any]:
    return {k: v for k, v in vars(record).items() if k not in _RESERVED}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
            **_extras(record),
        }
        if record.exc_info:
            line["exc"] = self.formatException(record.exc_info)
        return orjson.dumps(line, default=str).decode()


class ConsoleFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        extras = " ".join(f"{k}={printable(str(v))}" for k, v in _extras(record).items())
        stamp = time.strftime("%H:%M:%S", time.localtime(record.created))
        text = f"{stamp} {record.levelname:<7} {record.name}: {printable(record.getMessage())}"
        if extras:
            text += f"  {extras}"
        if record.exc_info:
            text += "\n" + self.formatException(record.exc_info)
        return text


def configure(fmt: str, level: str, secrets: list[str]) -> None:
    redactor = Redactor(secrets)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else ConsoleFormatter())
    handler.addFilter(redactor)
    ACCESS.json = fmt == "json"
    ACCESS.enabled = logging.getLevelName(level.upper()) <= logging.INFO
    ACCESS.redactor = redactor
    atexit.register(ACCESS.flush)
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())
    # We write our own access line per request; uvicorn's would repeat it.
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers.clear()
        logging.getLogger(name).propagate = True
    logging.getLogger("uvicorn.access").disabled = True
    # Per-statement chatter from the SQLite driver drowns everything else.
    logging.getLogger("aiosqlite").setLevel(logging.INFO)


class AccessLines:
    """The per-request access lines, formatted here and written in small batches.

    The logging module's per-record machinery (filters, formatters, a lock and a
    flush per line) costs more than a cached answer does; these lines are built from
    our own fields, with the path scrubbed like any other line.
    """

    FLUSH_SECONDS = 0.05
    MAX_PENDING = 256

    def __init__(self, fmt: str, enabled: bool, redactor: Redactor | None = None) -> None:
        self.json = fmt == "json"
        self.enabled = enabled
        self.redactor = redactor or Redactor([])
        self.pending: list[str] = []
        self._scheduled = False
        self._second = -1
        self._stamp = ""

    def _timestamp(self, now: float) -> str:
        second = int(now)
        if second != self._second:
            self._second = second
            self._stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(second))
        return f"{self._stamp}.{int((now - second) * 1000):03d}Z"

    def write(
        self, method: str, path: str, status: int, duration_ms: float, request_id: str
    ) -> None:
        if not self.enabled:
            return
        path = printable(self.redactor.scrub(path), MAX_PATH_CHARS)
        now = time.time()
        if self.json:
            line = orjson.dumps(
                {
                    "ts": self._timestamp(now),
                    "level": "info",
                    "logger": "raddle.access",
                    "msg": f"{method} {path} {status}",
                    "method": method,
                    "path": path,
                    "status": status,
                    "duration_ms": duration_ms,
                    "request_id": request_id,
                }
            ).decode()
        else:
            clock = time.strftime("%H:%M:%S", time.localtime(now))
            line = (
                f"{clock} INFO    raddle.access: {method} {path} {status}  "
                f"duration_ms={duration_ms} request_id={request_id}"
            )
        self.pending.append(line)
        if len(self.pending) >= self.MAX_PENDING:
            self.flush()
        elif not self._scheduled:
            try:
                asyncio.get_running_loop().call_later(self.FLUSH_SECONDS, self.flush)
                self._scheduled = True
            except RuntimeError:
                self.flush()

    def flush(self) -> None:
        self._scheduled = False
        if self.pending:
            text = "\n".join(self.pending) + "\n"
            self.pending.clear()
            sys.stderr.write(text)
            sys.stderr.flush()


ACCESS = AccessLines("console", enabled=False)
