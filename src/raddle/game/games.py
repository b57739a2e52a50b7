"""Games within a lobby: the same players may play game after game in one lobby.

A game is a run of rounds; the leaderboard counts the rounds of the game being played.
A new game may begin whenever no round is running, and begins with the next round.
"""

from __future__ import annotations

from dataclasses import dataclass

from raddle.game.phase import LobbyPhase


@dataclass(frozen=True, slots=True)
class Game:
    number: int
    first_round: int


def can_start_new_game(phase: LobbyPhase) -> bool:
    """Not in the middle of a round: the round would be split between two games."""
    return phase != LobbyPhase.PLAYING


def next_game(current: Game, rounds_played: int) -> Game:
    """The game after `current`, once the lobby has played `rounds_played` rounds in all."""
    return Game(number=current.number + 1, first_round=rounds_played + 1)
