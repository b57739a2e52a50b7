"""create_app(settings): wiring only; nothing runs at import time."""

from __future__ import annotations

import asyncio
import gc
import logging
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import orjson
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from raddle import __version__, logs, web, wire
from raddle.api import (
    admin,
    docs,
    errors,
    health,
    players,
    public,
    puzzles,
    results,
    rounds,
    testing,
)
from raddle.api import metrics as metrics_api
from raddle.api.fastpath import DirectRoutes, FastReads
from raddle.api.middleware import AccessLog, BodyLimit, HostGuard, SecurityHeaders
from raddle.clock import Clock
from raddle.config import Settings
from raddle.db.engine import Database
from raddle.db.migrate import is_current, upgrade
from raddle.limits import Limits
from raddle.metrics import METRICS
from raddle.net import AllowedHosts
from raddle.realtime import endpoint
from raddle.realtime.direct import KeepRawSend
from raddle.realtime.server import Realtime
from raddle.services.kit.context import Context, utcnow
from raddle.services.kit.readmodel import ReadModel
from raddle.upkeep import Upkeep

GC_YOUNG_THRESHOLD = 20_000

log = logging.getLogger("raddle")


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    settings.check()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        db = Database(settings.database_url)
        if not await is_current(db):
            await asyncio.to_thread(upgrade, settings.database_url)
        context = Context(
            settings=settings,
            db=db,
            # Tests may move a testing server's clock forward; nobody else can.
            clock=Clock() if settings.testing else utcnow,
            limits=Limits(
                enabled=settings.rate_limits,
                scale=settings.rate_limit_scale,
                redis_url=settings.redis_url,
                prefix=settings.redis_prefix,
            ),
            # Access-granting answers are cached only when every change happens here.
            reads=ReadModel(identities=settings.redis_url is None),
        )
        realtime = Realtime(context)
        context.publisher = realtime.hub
        await realtime.start()
        upkeep = Upkeep(context)
        upkeep.start()
        if settings.metrics:
            metrics_api.watch_realtime(METRICS, realtime)
            for engine in {db.read_engine, db.write_engine}:
                metrics_api.time_statements(METRICS, engine)
        app.state.context = context
        app.state.realtime = realtime
        # Everything loaded so far lives as long as the process: move it out of the
        # collector's sight, so full collections under load stay short. Start-up
        # leaves next to no garbage in the old generation, so only the young ones are
        # swept first (a full sweep of the ~120K objects of the imports took ~50 ms).
        gc.collect(1)
        gc.freeze()
        # Each open socket keeps a few hundred objects, so with thousands of players
        # the collector's default pace (a young sweep every 700 new objects) walks
        # live sockets over and over: 11.7 s of collections in one run of the guess
        # benchmark (2,000 sockets, ~560K objects), 2.3 s at these thresholds.
        # Reference counting frees nearly everything; sweeps only find cycles.
        gc.set_threshold(GC_YOUNG_THRESHOLD, 10, 10)
        log.info(
            "serving",
            extra={
                "database": db.url.split(":", 1)[0],
                "hub": "redis" if settings.redis_url else "memory",
                "version": __version__,
            },
        )
        try:
            yield
        finally:
            await upkeep.stop()
            await realtime.stop()
            await db.dispose()
            logs.ACCESS.flush()

    app = FastAPI(
        title="Raddle Teams",
        version=__version__,
        description="A live, team-based word-ladder party game.",
        lifespan=lifespan,
        # Our own /docs (see api/docs.py) or none; never FastAPI's CDN-loaded pages.
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json" if settings.docs_enabled else None,
    )
    routers = [
        health.router,
        admin.router,
        rounds.router,
        puzzles.router,
        results.router,
        players.router,
        public.router,
    ]
    if settings.testing:
        routers.append(testing.router)
    for router in routers:
        app.include_router(router, prefix="/api")
    app.add_api_websocket_route("/ws", endpoint.serve)
    errors.install(app)
    _document_errors_as_sent(app)
    if settings.metrics:
        metrics_api.install(app, METRICS)
    if settings.docs_enabled:
        docs.install(app)
    web.install(app)

    app.add_middleware(DirectRoutes, holder=app)  # innermost: every middleware sees them
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["*"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(SecurityHeaders)
    app.add_middleware(
        BodyLimit,
        max_bytes=settings.max_body_bytes,
        # Puzzle files may be as large as the validator allows files on disk to be.
        wider={"/api/admin/puzzles": max(settings.max_body_bytes, puzzles.MAX_UPLOAD_BODY)},
    )
    app.add_middleware(FastReads, holder=app)
    app.add_middleware(HostGuard, allowed=AllowedHosts(settings.allowed_hosts))
    app.add_middleware(AccessLog, metrics=METRICS if settings.metrics else None)
    if settings.trusted_proxies:
        # Outermost: everything inside sees the visitor's address and scheme, taken
        # from X-Forwarded-For/-Proto only when the peer is one of these proxies
        # (uvicorn's middleware, for HTTP and WebSocket alike).
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.trusted_proxies)
    # Outermost of all: the server's own send of each socket, for direct frame writes.
    app.add_middleware(KeepRawSend)
    return app


def _document_errors_as_sent(app: FastAPI) -> None:
    """Every error, validation included, is {"detail", "code"}: say so in the schema
    instead of FastAPI's default validation-error shape."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            text = (
                orjson.dumps(schema)
                .decode()
                .replace(
                    "#/components/schemas/HTTPValidationError", "#/components/schemas/ErrorBody"
                )
            )
            schema = orjson.loads(text)
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            components.setdefault("ErrorBody", wire.ErrorBody.model_json_schema())
            components.pop("HTTPValidationError", None)
            components.pop("ValidationError", None)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def configure_logging(settings: Settings) -> None:
    logs.configure(settings.log_format, settings.log_level, [settings.admin_password or ""])


def factory() -> FastAPI:
    """The app as each worker process builds it from the environment."""
    # Work that does run in threads (the rate limiter's expiry, migrations) would with
    # the default 5 ms switch interval wait that long for the event loop to let go of
    # the GIL. A short interval hands it over at once. (SQLite statements run on the
    # loop itself: db/inline_sqlite.py.)
    sys.setswitchinterval(0.0002)
    settings = Settings()
    configure_logging(settings)
    return create_app(settings)
