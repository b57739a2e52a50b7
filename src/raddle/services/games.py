"""Use case: a new game in the same lobby, with the same players and teams."""

from __future__ import annotations

from raddle import wire
from raddle.db.repositories import lobbies as lobby_rows
from raddle.db.repositories import rounds as round_rows
from raddle.errors import Conflict
from raddle.game.games import Game, can_start_new_game, next_game
from raddle.game.phase import LobbyPhase, transition
from raddle.services.kit.context import Context, retried
from raddle.services.kit.events import ADMIN, PLAYERS
from raddle.services.lobbies import locked_lobby
from raddle.views import summary as summaries
from raddle.wire.events import EventType, PhaseChanged


@retried
async def new_game(ctx: Context, code: str) -> wire.NewGame:
    """Start counting a new game from the next round: the leaderboard is empty again,
    every earlier round stays on record, and the lobby waits for the first round."""
    async with ctx.change() as change:
        lobby = await locked_lobby(change, code)
        phase = LobbyPhase(lobby.phase)
        if not can_start_new_game(phase):
            raise Conflict("End the running round before starting a new game.", "round_running")
        played = await round_rows.count_in_lobby(change.session, lobby.id)
        game = next_game(Game(lobby.game, lobby.game_first_round), played)
        await lobby_rows.set_game(change.session, lobby, game.number, game.first_round)
        # From the results the lobby goes back to the waiting room for the new game.
        if phase != LobbyPhase.LOBBY:
            lobby.phase = transition(phase, LobbyPhase.LOBBY)
        board = await summaries.lobby_leaderboard(change.session, lobby.id)
        # The same event as "back to the lobby", with the new game's (empty) leaderboard;
        # the big screen reads the players' view.
        data = PhaseChanged(phase=lobby.phase, game=game.number, leaderboard=board)
        await change.emit(lobby.id, EventType.PHASE_CHANGED, {ADMIN: data, PLAYERS: data})
        change.lobby_list_changed()
    return wire.NewGame(game=game.number, first_round=game.first_round, phase=lobby.phase)
