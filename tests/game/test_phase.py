"""A lobby goes LOBBY → PLAYING → RESULTS, then plays again or returns to the lobby; a
round ends once, when every team finishes, the host ends it or the clock runs out."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest

from raddle.game.phase import (
    ALLOWED,
    LobbyPhase,
    PhaseError,
    RoundEndReason,
    RoundStatus,
    automatic_end_reason,
    can_transition,
    transition,
)

LOBBY, PLAYING, RESULTS = LobbyPhase.LOBBY, LobbyPhase.PLAYING, LobbyPhase.RESULTS

MOVES = {(LOBBY, PLAYING), (PLAYING, RESULTS), (RESULTS, PLAYING), (RESULTS, LOBBY)}


def test_a_round_starts_from_the_lobby() -> None:
    assert transition(LOBBY, PLAYING) is PLAYING


def test_ending_a_round_shows_the_results() -> None:
    assert transition(PLAYING, RESULTS) is RESULTS


def test_from_the_results_the_host_plays_again_or_returns_to_the_lobby() -> None:
    assert transition(RESULTS, PLAYING) is PLAYING
    assert transition(RESULTS, LOBBY) is LOBBY


@pytest.mark.parametrize(
    ("current", "target"),
    [pair for pair in itertools.product(LobbyPhase, repeat=2) if pair not in MOVES],
)
def test_every_other_move_is_refused(current: LobbyPhase, target: LobbyPhase) -> None:
    assert not can_transition(current, target)
    with pytest.raises(PhaseError):
        transition(current, target)


def test_the_table_lists_exactly_the_allowed_moves() -> None:
    assert set(ALLOWED) == set(LobbyPhase)
    assert {(a, b) for a, targets in ALLOWED.items() for b in targets} == MOVES


def test_a_phase_error_is_a_value_error() -> None:
    assert issubclass(PhaseError, ValueError)


def test_phases_travel_as_plain_strings() -> None:
    assert LobbyPhase("playing") is PLAYING
    assert RoundStatus("running") is RoundStatus.RUNNING
    assert {reason.value for reason in RoundEndReason} == {"all_finished", "host", "timer"}


START = datetime(2026, 1, 1, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return START + timedelta(seconds=seconds)


def test_the_round_ends_when_every_team_has_finished() -> None:
    assert automatic_end_reason(3, 3, now=at(10), deadline=None) is RoundEndReason.ALL_FINISHED


def test_the_round_ends_when_the_clock_runs_out() -> None:
    assert automatic_end_reason(1, 3, now=at(60), deadline=at(60)) is RoundEndReason.TIMER


def test_the_round_goes_on_while_teams_are_solving_and_time_is_left() -> None:
    assert automatic_end_reason(2, 3, now=at(59.9), deadline=at(60)) is None
    assert automatic_end_reason(2, 3, now=at(1e9), deadline=None) is None


def test_a_last_finish_on_the_buzzer_counts_as_everyone_finishing() -> None:
    assert automatic_end_reason(3, 3, now=at(61), deadline=at(60)) is RoundEndReason.ALL_FINISHED


def test_a_round_without_teams_waits_for_the_host_or_the_clock() -> None:
    assert automatic_end_reason(0, 0, now=at(0), deadline=None) is None
    assert automatic_end_reason(0, 0, now=at(60), deadline=at(60)) is RoundEndReason.TIMER
