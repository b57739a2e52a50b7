"""What fault and fuzz tests check on the frames a client received, over any reconnects."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from typing import Any

from tests.support.ws import Client


def seq_breaks(frames: Iterable[dict[str, Any]]) -> list[str]:
    """Where a client's numbered frames break the protocol's promise.

    Every event is the one after the one before; a snapshot may jump ahead (never back),
    and the events after it continue from it. Frames of successive connections are read
    as one stream: a reconnect with `last_seq` must continue exactly where the last left.
    """
    problems: list[str] = []
    due: int | None = None
    for frame in frames:
        seq = frame.get("seq")
        if not isinstance(seq, int):
            continue
        if frame.get("type") == "snapshot":
            if due is not None and seq < due - 1:
                problems.append(f"snapshot #{seq} went back (#{due} was due)")
            due = seq + 1
            continue
        if due is not None and seq != due:
            problems.append(f"{frame.get('type')} #{seq} where #{due} was due")
        due = seq + 1
    return problems


def last_seq(frames: Iterable[dict[str, Any]]) -> int | None:
    """The seq a reconnecting client sends: the newest numbered frame it saw."""
    seqs = [f["seq"] for f in frames if isinstance(f.get("seq"), int)]
    return max(seqs) if seqs else None


class Throttle:
    """Keeps one socket under the server's message rate (20/s, burst 40)."""

    def __init__(self, rate: float = 15.0, burst: float = 10.0) -> None:
        self.rate = rate
        self.burst = burst
        self.tokens = burst
        self.stamp = time.monotonic()

    async def take(self, count: int = 1) -> None:
        while True:
            now = time.monotonic()
            self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
            self.stamp = now
            if self.tokens >= count:
                self.tokens -= count
                return
            await asyncio.sleep((count - self.tokens) / self.rate)


async def round_trip(client: Client, ref: str, timeout: float = 5.0) -> float:
    """Ping and wait for the pong; the seconds it took."""
    started = time.monotonic()
    await client.send({"type": "ping", "ref": ref})
    await client.expect("pong", timeout=timeout, ref=ref)
    return time.monotonic() - started
