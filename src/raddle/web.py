"""Serving the built web app: hashed assets cached for good, every other page gets index.html."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from starlette.routing import Match

from raddle.api.errors import error_response

STATIC = Path(__file__).parent / "static"
IMMUTABLE = "public, max-age=31536000, immutable"

PLACEHOLDER = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Raddle Teams</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; margin: 3rem auto; max-width: 36rem">
<h1>Raddle Teams is running</h1>
<p>The web app has not been built into this installation. The API is live:
see <a href="/docs">/docs</a>.</p>
</body></html>
"""


def install(app: FastAPI, static_dir: Path = STATIC) -> None:
    root = static_dir.resolve()
    index = root / "index.html"

    @app.api_route(
        "/{path:path}",
        methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
        include_in_schema=False,
    )
    async def web_app(request: Request, path: str) -> Response:
        if path == "api" or path.startswith("api/"):
            if _other_method_allowed(app, request):
                return error_response(
                    405, "This endpoint does not take that method.", "method_not_allowed"
                )
            return error_response(404, "There is no such API endpoint.", "not_found")
        if request.method not in ("GET", "HEAD"):
            return error_response(405, "Pages can only be read.", "method_not_allowed")
        if path:
            candidate = (root / path).resolve()
            if candidate.is_relative_to(root) and candidate.is_file():
                cache = IMMUTABLE if path.startswith("assets/") else "public, max-age=300"
                return FileResponse(candidate, headers={"Cache-Control": cache})
            if path.startswith("assets/"):
                return error_response(404, "There is no such file.", "not_found")
        if index.is_file():
            return FileResponse(index, headers={"Cache-Control": "no-cache"})
        return HTMLResponse(PLACEHOLDER, headers={"Cache-Control": "no-cache"})


def _other_method_allowed(app: FastAPI, request: Request) -> bool:
    """Whether a real endpoint sits at this path under another method (405, not 404)."""
    for route in app.router.routes:
        if getattr(route, "path", None) == "/{path:path}":
            continue
        match, _ = route.matches(request.scope)
        if match is Match.PARTIAL:
            return True
    return False
