"""Games within a lobby: when a new one may begin and where its rounds start."""

from __future__ import annotations

from raddle.game.games import Game, can_start_new_game, next_game
from raddle.game.phase import LobbyPhase


def test_a_new_game_waits_for_the_running_round_to_end() -> None:
    assert not can_start_new_game(LobbyPhase.PLAYING)
    assert can_start_new_game(LobbyPhase.RESULTS)
    assert can_start_new_game(LobbyPhase.LOBBY)


def test_a_new_game_counts_from_the_next_round() -> None:
    assert next_game(Game(number=1, first_round=1), rounds_played=3) == Game(2, 4)
    assert next_game(Game(number=2, first_round=4), rounds_played=3) == Game(3, 4)
    # Before any round, the first game's rounds and the next game's start alike.
    assert next_game(Game(number=1, first_round=1), rounds_played=0) == Game(2, 1)
