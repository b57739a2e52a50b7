"""The lobby's phases and how a round ends, as an explicit state machine.

A lobby waits in LOBBY, plays a round in PLAYING and shows its summary in RESULTS. From
RESULTS the host either starts the next round or goes back to the lobby to rearrange
teams. Any other move is a bug or a stale request, so it is refused rather than ignored.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum


class LobbyPhase(StrEnum):
    """Where a lobby is between and during rounds."""

    LOBBY = "lobby"
    PLAYING = "playing"
    RESULTS = "results"


class RoundStatus(StrEnum):
    """Whether a round is still being played. A round ends once and stays ended: the
    database moves it from RUNNING to ENDED with one conditional update."""

    RUNNING = "running"
    ENDED = "ended"


class RoundEndReason(StrEnum):
    """Why a round ended: shown in the summary and decides nothing else."""

    ALL_FINISHED = "all_finished"
    HOST = "host"
    TIMER = "timer"


class PhaseError(ValueError):
    """A phase change the rules do not allow."""


ALLOWED: dict[LobbyPhase, frozenset[LobbyPhase]] = {
    LobbyPhase.LOBBY: frozenset({LobbyPhase.PLAYING}),
    LobbyPhase.PLAYING: frozenset({LobbyPhase.RESULTS}),
    LobbyPhase.RESULTS: frozenset({LobbyPhase.PLAYING, LobbyPhase.LOBBY}),
}


def can_transition(current: LobbyPhase, target: LobbyPhase) -> bool:
    """Whether a lobby in `current` may move to `target`. Staying put is not a move."""
    return target in ALLOWED[current]


def transition(current: LobbyPhase, target: LobbyPhase) -> LobbyPhase:
    """The new phase, or PhaseError when the rules do not allow the move."""
    if not can_transition(current, target):
        raise PhaseError(f"a lobby cannot go from {current} to {target}")
    return target


def automatic_end_reason(
    teams_finished: int, teams_playing: int, now: datetime, deadline: datetime | None
) -> RoundEndReason | None:
    """Why a running round should end on its own right now, or None if it goes on.

    All teams finishing is checked first: if the last team finished as the clock ran
    out, the round ended because everyone finished. A round with no teams has nobody
    left to finish, so only the host or the timer can end it.
    """
    if teams_playing > 0 and teams_finished >= teams_playing:
        return RoundEndReason.ALL_FINISHED
    if deadline is not None and now >= deadline:
        return RoundEndReason.TIMER
    return None
