"""For n teams, place p scores n - p + 1; a team that did not finish scores less than any
finisher in proportion to its progress; hints cost points, never below 0; only a
finisher can win."""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from raddle.game.scoring import (
    NON_FINISHER_SHARE,
    LeaderboardRow,
    TeamResult,
    TeamScore,
    leaderboard,
    round_winner,
    score_round,
)


def finished(team_id: int, at: float, hint_cost: float = 0.0) -> TeamResult:
    return TeamResult(team_id, finished_at=at, progress=1.0, hint_cost=hint_cost)


def unfinished(team_id: int, progress: float, hint_cost: float = 0.0) -> TeamResult:
    return TeamResult(team_id, finished_at=None, progress=progress, hint_cost=hint_cost)


def by_team(scores: list[TeamScore]) -> dict[int, TeamScore]:
    return {score.team_id: score for score in scores}


def test_place_p_of_n_scores_n_minus_p_plus_one() -> None:
    scores = score_round([finished(1, 300), finished(2, 100), finished(3, 200)])
    assert scores == [
        TeamScore(2, place=1, points=3.0, finished=True),
        TeamScore(3, place=2, points=2.0, finished=True),
        TeamScore(1, place=3, points=1.0, finished=True),
    ]


def test_a_tie_on_time_goes_to_the_lower_team_id() -> None:
    scores = score_round([finished(9, 100), finished(4, 100)])
    assert [(score.team_id, score.place) for score in scores] == [(4, 1), (9, 2)]


def test_a_non_finisher_gets_a_share_of_the_last_finishers_points() -> None:
    # Four teams, two finish: the last finisher (2nd) has 3 points.
    scores = by_team(
        score_round([finished(1, 100), finished(2, 200), unfinished(3, 0.5), unfinished(4, 0.0)])
    )
    assert scores[2].points == 3.0
    assert scores[3] == TeamScore(
        3, place=None, points=round(3 * 0.5 * NON_FINISHER_SHARE, 2), finished=False
    )
    assert scores[4].points == 0.0


def test_one_rung_short_is_still_less_than_finishing_last() -> None:
    scores = by_team(score_round([finished(1, 100), unfinished(2, 1.0)]))
    assert scores[2].points < scores[1].points


def test_when_nobody_finishes_everyone_scores_under_one_point() -> None:
    scores = score_round([unfinished(1, 1.0), unfinished(2, 0.4)])
    assert [score.team_id for score in scores] == [1, 2]
    assert all(score.points < 1 for score in scores)
    assert scores[0].points == NON_FINISHER_SHARE


def test_non_finishers_rank_by_progress() -> None:
    scores = score_round([unfinished(1, 0.2), finished(5, 50), unfinished(2, 0.8)])
    assert [score.team_id for score in scores] == [5, 2, 1]


def test_hint_costs_are_subtracted() -> None:
    scores = by_team(score_round([finished(1, 100, hint_cost=1.5), finished(2, 200)]))
    assert scores[1].points == 0.5


def test_points_never_go_below_zero() -> None:
    scores = by_team(score_round([finished(1, 100, hint_cost=5), unfinished(2, 0.5, 3)]))
    assert scores[1].points == 0.0
    assert scores[2].points == 0.0


def test_a_finisher_still_outranks_a_non_finisher_it_scores_below() -> None:
    scores = score_round([finished(1, 100, hint_cost=2.0), unfinished(2, 1.0)])
    assert [score.team_id for score in scores] == [1, 2]
    assert scores[0].points < scores[1].points
    assert round_winner(scores) == 1


def test_points_are_rounded_to_two_decimals() -> None:
    # The last finisher has 2 points: 2 * 2/7 * 0.9 = 0.514...
    scores = score_round([finished(1, 10), finished(2, 20), unfinished(3, 2 / 7)])
    assert by_team(scores)[3].points == 0.51


def test_only_a_team_that_finished_can_win() -> None:
    assert round_winner(score_round([finished(1, 200), finished(2, 100)])) == 2
    assert round_winner(score_round([unfinished(1, 0.9), unfinished(2, 0.1)])) is None
    assert round_winner([]) is None


def test_a_round_with_no_teams_scores_nothing() -> None:
    assert score_round([]) == []


@pytest.mark.parametrize(
    "bad",
    [
        [finished(1, 10), finished(1, 20)],
        [unfinished(1, 1.5)],
        [unfinished(1, -0.1)],
        [unfinished(1, math.nan)],
        [finished(1, 10, hint_cost=-1)],
        [finished(1, math.inf)],
    ],
)
def test_nonsense_results_are_refused(bad: list[TeamResult]) -> None:
    with pytest.raises(ValueError):
        score_round(bad)


def test_the_leaderboard_adds_up_every_round() -> None:
    first = score_round([finished(1, 100), finished(2, 200)])
    second = score_round([finished(2, 100), unfinished(1, 0.5)])
    third = score_round([finished(2, 100), finished(1, 200), unfinished(3, 0.1)])
    assert leaderboard([first, second, third]) == [
        LeaderboardRow(team_id=2, points=6.0, rounds_won=2, rounds_played=3),
        LeaderboardRow(team_id=1, points=4.9, rounds_won=1, rounds_played=3),
        LeaderboardRow(team_id=3, points=0.18, rounds_won=0, rounds_played=1),
    ]


def test_leaderboard_ties_go_to_more_wins_then_lower_team_id() -> None:
    rounds = [
        [TeamScore(3, 1, 2.0, True), TeamScore(1, None, 2.0, False), TeamScore(2, None, 2.0, False)]
    ]
    assert [row.team_id for row in leaderboard(rounds)] == [3, 1, 2]


def test_leaderboard_totals_do_not_drift() -> None:
    rounds = [[TeamScore(1, None, 0.1, False)], [TeamScore(1, None, 0.2, False)]]
    assert leaderboard(rounds)[0].points == 0.3


# -- properties ----------------------------------------------------------------------

progresses = st.floats(min_value=0.0, max_value=1.0)
costs = st.sampled_from([0.0, 0.5, 1.0, 1.5, 2.0, 3.5, 10.0])


@st.composite
def rounds(draw: st.DrawFn, with_hints: bool = True) -> list[TeamResult]:
    team_ids = draw(st.lists(st.integers(1, 50), min_size=1, max_size=10, unique=True))
    results = []
    for team_id in team_ids:
        cost = draw(costs) if with_hints else 0.0
        if draw(st.booleans()):
            at = draw(st.floats(min_value=0.0, max_value=3600.0))
            results.append(TeamResult(team_id, at, 1.0, cost))
        else:
            results.append(TeamResult(team_id, None, draw(progresses), cost))
    return results


@given(rounds())
def test_finishers_always_rank_above_non_finishers(results: list[TeamResult]) -> None:
    flags = [score.finished for score in score_round(results)]
    assert flags == sorted(flags, reverse=True)


@given(rounds(with_hints=False))
def test_before_hints_every_finisher_outscores_every_non_finisher(
    results: list[TeamResult],
) -> None:
    scores = score_round(results)
    finisher_points = [score.points for score in scores if score.finished]
    other_points = [score.points for score in scores if not score.finished]
    if finisher_points and other_points:
        assert min(finisher_points) > max(other_points)
    if not finisher_points:
        assert all(points < 1 for points in other_points)


@given(rounds(with_hints=False))
def test_before_hints_places_score_n_down_to_n_minus_f_plus_one(results: list[TeamResult]) -> None:
    n = len(results)
    for score in score_round(results):
        if score.place is not None:
            assert score.points == n - score.place + 1


@given(rounds())
def test_scores_never_go_below_zero(results: list[TeamResult]) -> None:
    assert all(
        score.points >= 0 and math.copysign(1, score.points) > 0 for score in score_round(results)
    )


@given(rounds())
def test_every_team_is_scored_once_with_places_one_to_f(results: list[TeamResult]) -> None:
    scores = score_round(results)
    assert sorted(score.team_id for score in scores) == sorted(r.team_id for r in results)
    places = [score.place for score in scores if score.finished]
    assert places == list(range(1, len(places) + 1))
    assert all(score.place is None for score in scores if not score.finished)


@given(rounds(), st.randoms())
def test_the_order_results_arrive_in_does_not_matter(
    results: list[TeamResult], rng: random.Random
) -> None:
    shuffled = list(results)
    rng.shuffle(shuffled)
    assert score_round(shuffled) == score_round(results)


@given(rounds())
def test_the_winner_is_the_first_finisher(results: list[TeamResult]) -> None:
    scores = score_round(results)
    winner = round_winner(scores)
    if any(score.finished for score in scores):
        assert winner == scores[0].team_id and scores[0].place == 1
    else:
        assert winner is None


@given(st.lists(rounds(), max_size=5))
def test_the_leaderboard_is_sorted_and_sums_to_the_rounds(rounds_: list[list[TeamResult]]) -> None:
    scored = [score_round(results) for results in rounds_]
    rows = leaderboard(scored)
    keys = [(-row.points, -row.rounds_won, row.team_id) for row in rows]
    assert keys == sorted(keys)
    assert sum(row.rounds_played for row in rows) == sum(len(scores) for scores in scored)
    assert sum(row.rounds_won for row in rows) == sum(round_winner(s) is not None for s in scored)
