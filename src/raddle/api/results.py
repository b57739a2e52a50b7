"""The host's downloads of a lobby's results, as JSON or as CSV tables."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Response

from raddle import wire
from raddle.api.deps import AdminToken, Ctx
from raddle.services import results
from raddle.views import results_csv
from raddle.views.results import LobbyResults

router = APIRouter(prefix="/admin", tags=["results"])
# FastAPI's `responses`: OpenAPI text about each error status (the body is ErrorBody).
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": wire.ErrorBody} for code in (401, 404, 422)
}
Table = Literal["rounds", "leaderboard", "players", "guesses"]


class CSVResponse(Response):
    media_type = "text/csv"


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"}


@router.get("/lobbies/{code}/results", response_model=LobbyResults, responses=ERRORS)
async def results_json(ctx: Ctx, _: AdminToken, code: str) -> Response:
    """Everything about the lobby's rounds in one document: each round's teams with
    places and points (hint costs shown apart), the leaderboard, per-player figures
    and every guess."""
    found = await results.lobby_results(ctx, code)
    name = results.exported_name(found, "results", "json", found.exported_at)
    return Response(
        found.model_dump_json(indent=2), media_type="application/json", headers=_attachment(name)
    )


@router.get(
    "/lobbies/{code}/results/{table}.csv",
    # A bare Response: the 200 is documented as CSV only, the errors as JSON.
    response_class=Response,
    responses={**ERRORS, 200: {"content": {"text/csv": {"schema": {"type": "string"}}}}},
)
async def results_csv_table(ctx: Ctx, _: AdminToken, code: str, table: Table) -> Response:
    """One table of the results as CSV: `rounds` (a row per team per round),
    `leaderboard`, `players` or `guesses`."""
    found = await results.lobby_results(ctx, code)
    name = results.exported_name(found, table, "csv", found.exported_at)
    return CSVResponse(results_csv.render(found, table), headers=_attachment(name))
