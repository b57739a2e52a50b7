"""The interactive API docs at /docs, served from files installed with the app.

FastAPI's default page loads Swagger UI from a public CDN and starts it with an
inline script, which the Content-Security-Policy (rightly) forbids. Here the page,
its scripts and its styles all come from this server: Swagger UI's files from the
`fastapi-offline` package (only its files are used) and a small start-up script of
our own, so /docs runs
under the same headers as every other page.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, HTMLResponse, PlainTextResponse, Response

from raddle.api.errors import error_response

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Raddle Teams API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/start.js"></script>
</body></html>
"""

_START = """window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
});
"""

# Only the files the page uses are served, nothing else from the package folder.
_ASSETS = {"swagger-ui.css", "swagger-ui-bundle.js"}
_CACHE = {"Cache-Control": "public, max-age=3600"}


def _swagger_folder() -> Path:
    """Where the installed Swagger UI files are, found without importing the package."""
    spec = importlib.util.find_spec("fastapi_offline")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the 'fastapi-offline' package (Swagger UI's files) is missing")
    return Path(next(iter(spec.submodule_search_locations))) / "static"


def install(app: FastAPI) -> None:
    folder = _swagger_folder()

    @app.get("/docs", include_in_schema=False)
    async def docs_page() -> HTMLResponse:
        return HTMLResponse(_PAGE, headers={"Cache-Control": "no-cache"})

    @app.get("/docs/start.js", include_in_schema=False)
    async def docs_start() -> PlainTextResponse:
        return PlainTextResponse(_START, media_type="text/javascript", headers=_CACHE)

    @app.get("/docs/assets/{name}", include_in_schema=False)
    async def docs_asset(name: str) -> Response:
        if name not in _ASSETS:
            return error_response(404, "There is no such file.", "not_found")
        return FileResponse(folder / name, headers=_CACHE)
