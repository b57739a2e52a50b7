"""Everything one client may see of a lobby, at one moment, with that moment's seq."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from raddle.db import tables
from raddle.db.repositories import events as event_log
from raddle.db.repositories import lobbies as lobby_rows
from raddle.db.repositories import players as player_rows
from raddle.db.repositories import rounds as round_rows
from raddle.errors import NotFound, Unauthorized
from raddle.game.phase import LobbyPhase, RoundStatus
from raddle.services.kit.context import REPLAY_EVENTS, Context
from raddle.services.kit.events import Event, assignment_from_json
from raddle.services.kit.shelf import SnapshotShelf
from raddle.views import lobby as views
from raddle.views import round as round_views
from raddle.views import summary as summaries
from raddle.wire.round import RoundSummary, RoundView
from raddle.wire.snapshot import LobbySnapshot

Role = Literal["player", "admin", "screen"]


@dataclass(frozen=True, slots=True)
class Viewer:
    role: Role
    lobby_id: int
    player_id: int | None = None


@dataclass(frozen=True, slots=True)
class Snapshot:
    seq: int
    state: LobbySnapshot
    team_id: int | None  # the player's team at this moment (their audience)


async def _viewing_player(session: AsyncSession, viewer: Viewer) -> tables.Player | None:
    """The player behind a player's socket (None for hosts and screens)."""
    if viewer.role != "player":
        return None
    assert viewer.player_id is not None
    me = await player_rows.by_id(session, viewer.player_id)
    if me is None:
        raise Unauthorized("You are no longer in this lobby.", "bad_token")
    return me


async def lobby_snapshot(ctx: Context, viewer: Viewer) -> Snapshot:
    async with ctx.db.snapshot() as session:
        lobby = await lobby_rows.by_id(session, viewer.lobby_id)
        if lobby is None:
            raise NotFound("This lobby is gone.", "lobby_not_found")
        return await snapshot_of(session, lobby, viewer, ctx.snapshots)


async def snapshot_of(
    session: AsyncSession, lobby: tables.Lobby, viewer: Viewer, shelf: SnapshotShelf
) -> Snapshot:
    """The snapshot of a lobby already read in this snapshot transaction (`db.snapshot`)."""
    me = await _viewing_player(session, viewer)
    team_id = me.team_id if me else None
    audience = (viewer.role, team_id)
    shared = shelf.get(lobby.id, lobby.seq, audience)
    if shared is None:
        shared = await _shared_part(session, lobby, viewer.role, team_id)
        shelf.keep(lobby.id, lobby.seq, audience, shared)
    state = shared if me is None else shared.model_copy(update={"me": views.player(me)})
    return Snapshot(seq=lobby.seq, state=state, team_id=team_id)


async def _shared_part(
    session: AsyncSession, lobby: tables.Lobby, role: Role, team_id: int | None
) -> LobbySnapshot:
    """Everything an audience sees of the lobby, without `me`."""
    roster = await views.load_roster(session, lobby.id)
    round_view: RoundView | None = None
    last_summary: RoundSummary | None = None
    latest = await round_rows.latest(session, lobby.id)
    if latest is not None and (
        latest.status == RoundStatus.RUNNING or lobby.phase == LobbyPhase.RESULTS
    ):
        data = await round_views.load_round(session, latest)
        seen_as: round_views.Audience
        if role == "player":
            seen_as = "team" if data.ladder_of_team(team_id) else "players"
        else:
            seen_as = role
        round_view = round_views.round_view(data, seen_as, team_id)
        if latest.status == RoundStatus.ENDED:
            last_summary = await summaries.summary(session, data)
    return LobbySnapshot(
        lobby=views.lobby(lobby, len(roster.player_rows), len(roster.team_rows)),
        teams=roster.teams,
        players=roster.players,
        round=round_view,
        leaderboard=await summaries.lobby_leaderboard(session, lobby.id),
        last_summary=last_summary,
    )


@dataclass(frozen=True, slots=True)
class Replay:
    """The events a reconnecting client missed, when the log still has them all."""

    seq: int
    events: list[Event]
    team_id: int | None


async def catch_up(ctx: Context, viewer: Viewer, last_seq: int) -> Snapshot | Replay:
    async with ctx.db.snapshot() as session:
        current = await lobby_rows.current_seq(session, viewer.lobby_id)
        if current is None:
            raise NotFound("This lobby is gone.", "lobby_not_found")
        me = await _viewing_player(session, viewer)
        team_id = me.team_id if me else None
        if 0 <= last_seq <= current and current - last_seq <= REPLAY_EVENTS:
            rows = await event_log.after(session, viewer.lobby_id, last_seq, REPLAY_EVENTS)
            events = [row_to_event(row) for row in rows if row.seq <= current]
            # A player's views depend on their team: across a change of teams the old
            # events' views may not be theirs any more, so they get a snapshot instead.
            crosses_team_change = me is not None and any(e.teams is not None for e in events)
            complete = [e.seq for e in events] == list(range(last_seq + 1, current + 1))
            if complete and not crosses_team_change:
                return Replay(seq=current, events=events, team_id=team_id)
    return await lobby_snapshot(ctx, viewer)


def row_to_event(row: tables.LobbyEvent) -> Event:
    return Event(
        lobby_id=row.lobby_id,
        seq=row.seq,
        type=row.type,
        views=row.views,
        teams=assignment_from_json(row.teams),
    )


async def logged_events(ctx: Context, lobby_id: int, after_seq: int, upto_seq: int) -> list[Event]:
    """Events from the lobby's log, for closing a gap in delivery."""
    async with ctx.db.read() as session:
        rows = await event_log.after(session, lobby_id, after_seq, max(0, upto_seq - after_seq))
    return [row_to_event(row) for row in rows if row.seq <= upto_seq]
