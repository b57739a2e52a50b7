"""GET /metrics (when RADDLE_METRICS=true): this process's Prometheus metrics."""

from __future__ import annotations

import time
from typing import Any

from fastapi import FastAPI
from fastapi.responses import PlainTextResponse
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from raddle.metrics import Metrics, Reading
from raddle.realtime.server import Realtime


def install(app: FastAPI, metrics: Metrics) -> None:
    @app.get("/metrics", include_in_schema=False)
    async def serve_metrics() -> PlainTextResponse:
        return PlainTextResponse(metrics.render(), media_type="text/plain; version=0.0.4")


def watch_realtime(metrics: Metrics, realtime: Realtime) -> None:
    fanout = realtime.fanout
    metrics.readings = [
        Reading(
            "raddle_ws_open_sockets", "Open sockets.", "gauge", lambda: len(fanout.connections())
        ),
        Reading(
            "raddle_ws_lobbies_watched",
            "Lobbies with sockets here.",
            "gauge",
            lambda: len(fanout.lobbies),
        ),
        Reading(
            "raddle_events_delivered_total",
            "Lobby events fanned out here.",
            "counter",
            lambda: fanout.delivered,
        ),
        Reading(
            "raddle_ws_frames_sent_total",
            "Frames queued to sockets.",
            "counter",
            lambda: fanout.frames,
        ),
    ]


def time_statements(metrics: Metrics, engine: AsyncEngine) -> None:
    sync = engine.sync_engine

    @event.listens_for(sync, "before_cursor_execute")
    def _start(
        conn: Any, cursor: Any, statement: Any, params: Any, context: Any, many: Any
    ) -> None:
        conn.info.setdefault("raddle_started", []).append(time.perf_counter())

    @event.listens_for(sync, "after_cursor_execute")
    def _stop(conn: Any, cursor: Any, statement: Any, params: Any, context: Any, many: Any) -> None:
        started = conn.info["raddle_started"].pop()
        metrics.db_time.observe(time.perf_counter() - started)
