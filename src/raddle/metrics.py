"""Prometheus metrics in the text exposition format, kept per process.

Labels are low-cardinality only (method, route template, status class): never a
player, a lobby code or anything secret.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable
from typing import Protocol

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)

Labels = tuple[tuple[str, str], ...]


def _labels(labels: Labels) -> str:
    if not labels:
        return ""
    inner = ",".join(f'{k}="{v}"' for k, v in labels)
    return "{" + inner + "}"


class Counter:
    def __init__(self, name: str, help_: str) -> None:
        self.name, self.help = name, help_
        self.values: dict[Labels, float] = defaultdict(float)

    def inc(self, amount: float = 1.0, **labels: str) -> None:
        self.values[tuple(sorted(labels.items()))] += amount

    def render(self) -> list[str]:
        lines = [f"# HELP {self.name} {self.help}", f"# TYPE {self.name} counter"]
        lines += [f"{self.name}{_labels(k)} {v}" for k, v in sorted(self.values.items())]
        return lines


class Histogram:
    def __init__(self, name: str, help_: str, buckets: tuple[float, ...] = LATENCY_BUCKETS) -> None:
        self.name, self.help, self.buckets = name, help_, buckets
        self.counts: dict[Labels, list[int]] = {}
        self.sums: dict[Labels, float] = defaultdict(float)

    def observe(self, value: float, **labels: str) -> None:
        key = tuple(sorted(labels.items()))
        counts = self.counts.get(key)
        if counts is None:
            counts = self.counts[key] = [0] * (len(self.buckets) + 1)
        counts[bisect.bisect_left(self.buckets, value)] += 1
        self.sums[key] += value

    def render(self) -> list[str]:
        lines = [f"# HELP {self.name} {self.help}", f"# TYPE {self.name} histogram"]
        for key, counts in sorted(self.counts.items()):
            running = 0
            for bound, count in zip((*self.buckets, float("inf")), counts, strict=True):
                running += count
                le = "+Inf" if bound == float("inf") else repr(bound)
                lines.append(f"{self.name}_bucket{_labels((*key, ('le', le)))} {running}")
            lines.append(f"{self.name}_sum{_labels(key)} {self.sums[key]}")
            lines.append(f"{self.name}_count{_labels(key)} {running}")
        return lines


class Reading:
    """A value read at scrape time from a counter kept elsewhere (nothing on hot paths)."""

    def __init__(self, name: str, help_: str, kind: str, read: Callable[[], float]) -> None:
        self.name, self.help, self.kind, self.read = name, help_, kind, read

    def render(self) -> list[str]:
        return [
            f"# HELP {self.name} {self.help}",
            f"# TYPE {self.name} {self.kind}",
            f"{self.name} {self.read()}",
        ]


class Renderable(Protocol):
    def render(self) -> list[str]: ...


class Metrics:
    def __init__(self) -> None:
        self.requests = Counter("raddle_http_requests_total", "HTTP requests answered.")
        self.latency = Histogram("raddle_http_request_seconds", "HTTP request duration.")
        self.overflows = Counter("raddle_ws_queue_overflows_total", "Sockets dropped as too slow.")
        self.db_time = Histogram("raddle_db_statement_seconds", "Database statement duration.")
        self.readings: list[Renderable] = []

    def render(self) -> str:
        lines: list[str] = []
        parts: list[Renderable] = [self.requests, self.latency, self.overflows, self.db_time]
        for metric in (*parts, *self.readings):
            lines += metric.render()
        return "\n".join(lines) + "\n"


# One registry per process; recording into it is cheap whether or not it is served.
METRICS = Metrics()
