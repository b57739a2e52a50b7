"""The host's endpoints: log in, run lobbies, teams and players."""

from __future__ import annotations

from typing import Self

from fastapi import APIRouter, Response, status
from pydantic import BaseModel, Field, model_validator

from raddle import wire
from raddle.api.deps import MAX_ID, Address, AdminToken, Ctx, RowId
from raddle.services import admin_auth, lobbies, players, teams

router = APIRouter(prefix="/admin", tags=["host"])
ERRORS: dict[int | str, dict[str, object]] = {
    code: {"model": wire.ErrorBody} for code in (401, 404, 409, 422)
}


class LoginBody(BaseModel):
    password: str = Field(max_length=1024)


class NewLobbyBody(BaseModel):
    name: str | None = Field(default=None, max_length=200)


class TeamsBody(BaseModel):
    """Either `count` (bring the lobby to that many teams and deal players) or `name` (add one)."""

    count: int | None = Field(default=None, ge=-1000, le=1000)
    name: str | None = Field(default=None, max_length=200)

    @model_validator(mode="after")
    def _one_of(self) -> Self:
        if (self.count is None) == (self.name is None):
            raise ValueError("give either 'count' or 'name'")
        return self


class RenameTeamBody(BaseModel):
    name: str = Field(max_length=200)


class MoveBody(BaseModel):
    team_id: int | None = Field(ge=1, le=MAX_ID)


@router.post(
    "/session",
    response_model=wire.AdminToken,
    responses={code: {"model": wire.ErrorBody} for code in (401, 422, 429)},
)
async def log_in(ctx: Ctx, address: Address, body: LoginBody) -> wire.AdminToken:
    await ctx.limits.login_attempt(address)
    return await admin_auth.log_in(ctx, body.password)


@router.delete("/session", status_code=status.HTTP_204_NO_CONTENT, responses=ERRORS)
async def log_out(ctx: Ctx, token: AdminToken) -> Response:
    await admin_auth.log_out(ctx, token)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/lobbies", status_code=status.HTTP_201_CREATED, response_model=wire.Lobby, responses=ERRORS
)
async def create_lobby(ctx: Ctx, _: AdminToken, body: NewLobbyBody | None = None) -> wire.Lobby:
    return await lobbies.create_lobby(ctx, body.name if body else None)


@router.get("/lobbies", response_model=list[wire.Lobby], responses=ERRORS)
async def list_lobbies(ctx: Ctx, _: AdminToken) -> list[wire.Lobby]:
    return await lobbies.list_lobbies(ctx)


@router.get("/lobbies/{code}", response_model=wire.LobbySnapshot, responses=ERRORS)
async def lobby_snapshot(ctx: Ctx, _: AdminToken, code: str) -> Response:
    # The service already built and checked the model: serialised once here, not
    # validated and encoded again by the framework (most of this request's cost).
    snapshot = await lobbies.snapshot(ctx, code)
    return Response(snapshot.model_dump_json(), media_type="application/json")


@router.patch("/lobbies/{code}", response_model=wire.Lobby, responses=ERRORS)
async def set_switches(ctx: Ctx, _: AdminToken, code: str, body: wire.LobbySwitches) -> wire.Lobby:
    """Lock the lobby, switch the family-friendly word filter, hide the code on the big
    screen; only the switches named change."""
    return await lobbies.set_switches(ctx, code, body)


@router.delete("/lobbies/{code}", status_code=status.HTTP_204_NO_CONTENT, responses=ERRORS)
async def delete_lobby(ctx: Ctx, _: AdminToken, code: str) -> Response:
    await lobbies.delete_lobby(ctx, code)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/lobbies/{code}/teams",
    status_code=status.HTTP_201_CREATED,
    response_model=list[wire.Team],
    responses=ERRORS,
)
async def create_teams(ctx: Ctx, _: AdminToken, code: str, body: TeamsBody) -> list[wire.Team]:
    if body.count is not None:
        return await teams.make_teams(ctx, code, body.count)
    return [await teams.add_team(ctx, code, body.name)]


@router.post("/lobbies/{code}/teams/reshuffle", response_model=list[wire.Team], responses=ERRORS)
async def reshuffle_teams(ctx: Ctx, _: AdminToken, code: str) -> list[wire.Team]:
    """Deal every player of the lobby afresh into its teams (between rounds)."""
    return await teams.reshuffle_teams(ctx, code)


@router.patch("/teams/{team_id}", response_model=wire.Team, responses=ERRORS)
async def rename_team(ctx: Ctx, _: AdminToken, team_id: RowId, body: RenameTeamBody) -> wire.Team:
    return await teams.rename_team(ctx, team_id, body.name)


@router.delete("/teams/{team_id}", status_code=status.HTTP_204_NO_CONTENT, responses=ERRORS)
async def remove_team(ctx: Ctx, _: AdminToken, team_id: RowId) -> Response:
    await teams.remove_team(ctx, team_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.put("/players/{player_id}/team", response_model=wire.Player, responses=ERRORS)
async def move_player(ctx: Ctx, _: AdminToken, player_id: RowId, body: MoveBody) -> wire.Player:
    return await players.move(ctx, player_id, body.team_id)


@router.delete("/players/{player_id}", status_code=status.HTTP_204_NO_CONTENT, responses=ERRORS)
async def kick_player(ctx: Ctx, _: AdminToken, player_id: RowId, ban: bool = False) -> Response:
    """Remove a player; `?ban=true` also keeps them out of this lobby for good."""
    await players.kick(ctx, player_id, ban)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
