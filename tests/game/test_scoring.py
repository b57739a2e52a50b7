"""For n teams, place p scores n - p + 1; a team that did not finish scores less than any
finisher in proportion to its progress; hints cost a share of those points, at most 75 %;
the winner is the first team to finish."""

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


def finished(team_id: int, at: float, hints: float = 0.0) -> TeamResult:
    return TeamResult(team_id, finished_at=at, progress=1.0, hints_taken=hints)


def unfinished(team_id: int, progress: float, hints: float = 0.0) -> TeamResult:
    return TeamResult(team_id, finished_at=None, progress=progress, hints_taken=hints)


def plain(team_id: int, place: int | None, points: float) -> TeamScore:
    """A score with no hints taken: the place points are the points."""
    return TeamScore(team_id, place, points, place is not None, points, 0.0)


def by_team(scores: list[TeamScore]) -> dict[int, TeamScore]:
    return {score.team_id: score for score in scores}


def test_place_p_of_n_scores_n_minus_p_plus_one() -> None:
    scores = score_round([finished(1, 300), finished(2, 100), finished(3, 200)])
    assert scores == [plain(2, 1, 3.0), plain(3, 2, 2.0), plain(1, 3, 1.0)]


def test_a_tie_on_time_goes_to_the_lower_team_id() -> None:
    scores = score_round([finished(9, 100), finished(4, 100)])
    assert [(score.team_id, score.place) for score in scores] == [(4, 1), (9, 2)]


def test_a_non_finisher_gets_a_share_of_the_last_finishers_points() -> None:
    # Four teams, two finish: the last finisher (2nd) has 3 points.
    scores = by_team(
        score_round([finished(1, 100), finished(2, 200), unfinished(3, 0.5), unfinished(4, 0.0)])
    )
    assert scores[2].points == 3.0
    assert scores[3] == plain(3, None, round(3 * 0.5 * NON_FINISHER_SHARE, 2))
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


def test_hints_take_their_share_of_the_place_points() -> None:
    # Two teams: the winner took a clue and a word hint, 10 % + 25 % of its 2 points.
    scores = by_team(score_round([finished(1, 100, hints=0.35), finished(2, 200)]))
    assert scores[1] == TeamScore(1, 1, 1.3, True, place_points=2.0, hint_share=0.35)
    assert scores[2] == plain(2, 2, 1.0)


def test_a_few_hints_cost_part_of_a_place_not_the_place() -> None:
    # The first to finish wins the round, even when its hints leave it fewer points.
    scores = score_round([finished(1, 100, hints=0.75), finished(2, 200)])
    assert round_winner(scores) == 1
    assert [score.team_id for score in scores] == [1, 2]
    assert scores[0].points == 0.5 and scores[1].points == 1.0


def test_hints_never_cost_more_than_three_quarters() -> None:
    scores = by_team(score_round([finished(1, 100, hints=2.5), unfinished(2, 0.5, hints=0.9)]))
    assert scores[1].hint_share == 0.75 and scores[1].points == 0.5
    assert scores[2].hint_share == 0.75
    assert scores[2].points == round(scores[2].place_points * 0.25, 2)


def test_a_finisher_still_outranks_a_non_finisher_it_scores_below() -> None:
    scores = score_round([finished(1, 100, hints=0.75), unfinished(2, 1.0)])
    assert [score.team_id for score in scores] == [1, 2]
    assert scores[0].points < scores[1].points
    assert round_winner(scores) == 1


def test_the_sum_shown_adds_up_as_it_reads() -> None:
    # 2 * 2/7 * 0.9 = 0.514... is kept as 0.51; 10 % of that leaves 0.459 -> 0.46.
    scores = by_team(score_round([finished(1, 10), finished(2, 20), unfinished(3, 2 / 7, 0.1)]))
    assert scores[3].place_points == 0.51
    assert scores[3].points == round(0.51 * 0.9, 2) == 0.46


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
        [finished(1, 10, hints=-1)],
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
    rounds = [[plain(3, 1, 2.0), plain(1, None, 2.0), plain(2, None, 2.0)]]
    assert [row.team_id for row in leaderboard(rounds)] == [3, 1, 2]


def test_leaderboard_totals_do_not_drift() -> None:
    rounds = [[plain(1, None, 0.1)], [plain(1, None, 0.2)]]
    assert leaderboard(rounds)[0].points == 0.3


# -- properties ----------------------------------------------------------------------

progresses = st.floats(min_value=0.0, max_value=1.0)
costs = st.sampled_from([0.0, 0.1, 0.25, 0.35, 0.6, 0.75, 1.2])


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
def test_points_are_the_place_points_less_the_hint_share(results: list[TeamResult]) -> None:
    for score in score_round(results):
        assert 0.0 <= score.hint_share <= 0.75
        assert score.points == round(score.place_points * (1 - score.hint_share), 2)
        # At most three quarters go, so a team that earned something keeps something.
        if score.place_points >= 0.04:
            assert score.points > 0


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
