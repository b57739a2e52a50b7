"""A running round ends by itself when every playing team has finished or its countdown
has run out; a team removed mid-round is not waited for."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from raddle.db import tables
from raddle.game.phase import RoundEndReason
from raddle.services.rounds import reason_to_end

START = datetime(2026, 11, 28, 20, 0, tzinfo=UTC)


def round_(ends_in: float | None = None) -> tables.Round:
    ends_at = None if ends_in is None else START + timedelta(seconds=ends_in)
    return tables.Round(started_at=START, ends_at=ends_at)


def ladder(team_id: int | None, finished_after: float | None = None) -> tables.Ladder:
    finished_at = None if finished_after is None else START + timedelta(seconds=finished_after)
    return tables.Ladder(team_id=team_id, finished_at=finished_at)


def at(seconds: float) -> datetime:
    return START + timedelta(seconds=seconds)


def test_the_round_goes_on_while_a_playing_team_is_still_solving() -> None:
    ladders = [ladder(1, finished_after=30), ladder(2)]
    assert reason_to_end(round_(), ladders, at(60)) is None


def test_the_round_ends_when_every_playing_team_has_finished() -> None:
    ladders = [ladder(1, finished_after=30), ladder(2, finished_after=50)]
    assert reason_to_end(round_(), ladders, at(60)) is RoundEndReason.ALL_FINISHED


def test_a_team_removed_mid_round_is_not_waited_for() -> None:
    ladders = [ladder(1, finished_after=30), ladder(None)]
    assert reason_to_end(round_(), ladders, at(60)) is RoundEndReason.ALL_FINISHED


def test_a_removed_team_that_had_finished_does_not_stand_in_for_a_playing_one() -> None:
    ladders = [ladder(None, finished_after=10), ladder(2)]
    assert reason_to_end(round_(), ladders, at(60)) is None


def test_the_countdown_ends_the_round_once_it_has_run_out() -> None:
    ladders = [ladder(1), ladder(2)]
    assert reason_to_end(round_(ends_in=60), ladders, at(59)) is None
    assert reason_to_end(round_(ends_in=60), ladders, at(60)) is RoundEndReason.TIMER
