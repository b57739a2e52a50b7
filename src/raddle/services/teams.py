"""Use cases of teams: make them, deal players into them, rename and remove them."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from raddle import wire
from raddle.db import tables
from raddle.db.repositories import lobbies as lobby_rows
from raddle.db.repositories import players as player_rows
from raddle.db.repositories import teams as team_rows
from raddle.errors import Conflict, Invalid, NotFound
from raddle.game.dealing import deal_players
from raddle.game.names import clean_team_name, team_names
from raddle.game.phase import LobbyPhase
from raddle.game.wordfilter import is_unfriendly
from raddle.services.kit.context import Change, Context, retried
from raddle.services.kit.guard import checked_name, unfriendly_name
from raddle.services.lobbies import locked_lobby
from raddle.services.players import roster_event
from raddle.views import lobby as views
from raddle.views.summary import lobby_leaderboard
from raddle.wire.events import EventType, TeamCreated, TeamNamed

MIN_TEAMS = 2
MAX_TEAMS = 10


def team_name_taken(name: str) -> Conflict:
    return Conflict(f"There is already a team called {name!r}.", "team_name_taken")


@retried
async def make_teams(ctx: Context, code: str, count: int) -> list[wire.Team]:
    """Bring the lobby to `count` teams in all, then deal the unassigned players into them."""
    if not MIN_TEAMS <= count <= MAX_TEAMS:
        raise Invalid(f"A lobby has {MIN_TEAMS} to {MAX_TEAMS} teams.", "bad_team_count")
    async with ctx.change() as change:
        lobby = await locked_lobby(change, code)
        existing = await team_rows.in_lobby(change.session, lobby.id)
        if count < len(existing):
            raise Conflict(
                f"This lobby already has {len(existing)} teams; remove some first.",
                "too_many_teams",
            )
        taken = {t.name for t in existing}
        for name in team_names(count - len(existing), taken, ctx.rng):
            await team_rows.add(change.session, lobby.id, name)
        teams = await team_rows.in_lobby(change.session, lobby.id)
        players = await player_rows.in_lobby(change.session, lobby.id)
        sizes = {t.id: sum(1 for p in players if p.team_id == t.id) for t in teams}
        unassigned = [p.id for p in players if p.team_id is None]
        assignments = deal_players(unassigned, [t.id for t in teams], sizes, ctx.rng)
        await player_rows.set_teams(change.session, assignments)
        roster = await roster_event(change, lobby.id, EventType.TEAMS_CHANGED)
    return roster.teams


@retried
async def reshuffle_teams(ctx: Context, code: str) -> list[wire.Team]:
    """Deal everyone in the lobby afresh into its teams, evenly and at random.

    Between rounds only: mid-round it would take every player off the ladder their
    team is climbing.
    """
    async with ctx.change() as change:
        lobby = await locked_lobby(change, code)
        if lobby.phase == LobbyPhase.PLAYING:
            raise Conflict("Reshuffle the teams between rounds.", "round_running")
        teams = await team_rows.in_lobby(change.session, lobby.id)
        if len(teams) < MIN_TEAMS:
            raise Conflict(f"Make at least {MIN_TEAMS} teams first.", "no_teams")
        players = await player_rows.in_lobby(change.session, lobby.id)
        assignments = deal_players([p.id for p in players], [t.id for t in teams], {}, ctx.rng)
        await player_rows.set_teams(change.session, assignments)
        roster = await roster_event(change, lobby.id, EventType.TEAMS_CHANGED)
    return roster.teams


@retried
async def add_team(ctx: Context, code: str, raw_name: str | None) -> wire.Team:
    try:
        async with ctx.change() as change:
            lobby = await locked_lobby(change, code)
            existing = await team_rows.in_lobby(change.session, lobby.id)
            if len(existing) >= MAX_TEAMS:
                raise Conflict(f"A lobby has at most {MAX_TEAMS} teams.", "too_many_teams")
            if raw_name is None:
                name = team_names(1, {t.name for t in existing}, ctx.rng)[0]
            else:
                name = checked_name(clean_team_name, raw_name)
                if lobby.family_friendly and is_unfriendly(name):
                    raise unfriendly_name("team name")
            team = await team_rows.add(change.session, lobby.id, name)
            await roster_event(
                change,
                lobby.id,
                EventType.TEAM_CREATED,
                lambda teams, players: TeamCreated(team_id=team.id, teams=teams, players=players),
            )
    except IntegrityError as exc:
        raise team_name_taken(raw_name or "") from exc
    return wire.Team(id=team.id, name=team.name, player_ids=[])


async def _locked_team(change: Change, team_id: int) -> tables.Team:
    """The team, its lobby's row lock taken first."""
    team = await team_rows.by_id(change.session, team_id)
    if team is not None:
        await change.lock_lobby(team.lobby_id)
        team = await team_rows.by_id(change.session, team_id, fresh=True)
    if team is None:
        raise NotFound(f"There is no team with id {team_id}.", "team_not_found")
    return team


@retried
async def rename_team(ctx: Context, team_id: int, raw_name: str) -> wire.Team:
    name = checked_name(clean_team_name, raw_name)
    try:
        async with ctx.change() as change:
            team = await _locked_team(change, team_id)
            lobby = await lobby_rows.by_id(change.session, team.lobby_id)
            if lobby is not None and lobby.family_friendly and is_unfriendly(name):
                raise unfriendly_name("team name")
            await team_rows.rename(change.session, team, name)
            # The leaderboard names teams as they are called now.
            board = await lobby_leaderboard(change.session, team.lobby_id)
            await roster_event(
                change,
                team.lobby_id,
                EventType.TEAM_RENAMED,
                lambda teams, players: TeamNamed(
                    team_id=team.id, name=name, leaderboard=board, teams=teams, players=players
                ),
            )
            members = [
                p
                for p in await player_rows.in_lobby(change.session, team.lobby_id)
                if p.team_id == team.id
            ]
    except IntegrityError as exc:
        raise team_name_taken(name) from exc
    return views.team(team, members)


@retried
async def remove_team(ctx: Context, team_id: int) -> None:
    """Remove a team; its players wait unassigned for the host to place them."""
    async with ctx.change() as change:
        team = await _locked_team(change, team_id)
        for player in await player_rows.in_lobby(change.session, team.lobby_id):
            if player.team_id == team.id:
                await player_rows.set_team(change.session, player, None)
        await team_rows.remove(change.session, team.id)
        # A removed team stays on the leaderboard, without a team id.
        board = await lobby_leaderboard(change.session, team.lobby_id)
        await roster_event(
            change,
            team.lobby_id,
            EventType.TEAM_REMOVED,
            lambda teams, players: TeamNamed(
                team_id=team.id, name=team.name, leaderboard=board, teams=teams, players=players
            ),
        )
