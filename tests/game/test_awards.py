"""A few playful awards for the round summary, each to one player by a fixed rule."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from raddle.game.awards import Award, PlayerStats, awards


def player(
    player_id: int,
    correct: int = 0,
    wrong: int = 0,
    hints: int = 0,
    first_guess_at: float | None = None,
    fastest: float | None = None,
    team_id: int | None = 1,
) -> PlayerStats:
    return PlayerStats(player_id, team_id, correct, wrong, hints, first_guess_at, fastest)


def winners(stats: list[PlayerStats]) -> dict[str, int]:
    return {award.key: award.player_id for award in awards(stats)}


def test_no_guesses_no_awards() -> None:
    assert awards([]) == []
    assert awards([player(1, hints=2), player(2)]) == []


def test_the_rung_raider_solved_the_most_rungs() -> None:
    stats = [player(1, correct=2), player(2, correct=5), player(3, correct=4)]
    award = next(a for a in awards(stats) if a.key == "rung_raider")
    assert award == Award("rung_raider", "Rung Raider", 2, "Cracked 5 rungs for the team")


def test_between_equal_raiders_the_cleaner_run_wins() -> None:
    stats = [player(1, correct=3, wrong=2), player(2, correct=3, wrong=1)]
    assert winners(stats)["rung_raider"] == 2


def test_the_bold_guesser_needs_at_least_three_misses() -> None:
    assert "bold_guesser" not in winners([player(1, correct=1, wrong=2)])
    stats = [player(1, wrong=3), player(2, wrong=7), player(3, correct=1)]
    award = next(a for a in awards(stats) if a.key == "bold_guesser")
    assert award.player_id == 2
    assert award.detail == "7 misses and still swinging"


def test_quick_draw_goes_to_the_fastest_single_solve() -> None:
    stats = [player(1, correct=1, fastest=12.5), player(2, correct=3, fastest=4.25)]
    award = next(a for a in awards(stats) if a.key == "quick_draw")
    assert award.player_id == 2
    assert award.detail == "Snapped up a rung in 4.2 s"


def test_long_times_read_in_minutes() -> None:
    award = next(a for a in awards([player(1, correct=1, fastest=125)]) if a.key == "quick_draw")
    assert award.detail == "Snapped up a rung in 2 min 5 s"


def test_the_hint_hunter_took_the_most_hints() -> None:
    stats = [player(1, correct=1, hints=1), player(2, wrong=1, hints=3)]
    award = next(a for a in awards(stats) if a.key == "hint_hunter")
    assert (award.player_id, award.detail) == (2, "Asked for 3 hints: no shame in a nudge")


def test_nobody_is_a_hint_hunter_without_hints() -> None:
    assert "hint_hunter" not in winners([player(1, correct=3)])


def test_the_sharpshooter_needs_three_hits_and_prefers_no_misses() -> None:
    stats = [
        player(1, correct=2, wrong=0),  # too few hits to count
        player(2, correct=9, wrong=1),
        player(3, correct=3, wrong=0),
    ]
    award = next(a for a in awards(stats) if a.key == "sharpshooter")
    assert (award.player_id, award.detail) == (3, "3 for 3, not a single miss")


def test_a_sharpshooter_with_misses_shows_their_aim() -> None:
    award = next(a for a in awards([player(1, correct=3, wrong=1)]) if a.key == "sharpshooter")
    assert award.detail == "3 of 4 on target (75%)"


def test_equal_accuracy_goes_to_more_hits() -> None:
    stats = [player(1, correct=4, wrong=2), player(2, correct=6, wrong=3)]
    assert winners(stats)["sharpshooter"] == 2


def test_the_early_bird_guessed_first() -> None:
    stats = [player(1, wrong=1, first_guess_at=9.0), player(2, correct=1, first_guess_at=3.0)]
    assert winners(stats)["early_bird"] == 2


def test_ties_go_to_the_lower_player_id() -> None:
    stats = [player(7, correct=2, fastest=5.0, hints=1), player(3, correct=2, fastest=5.0, hints=1)]
    found = winners(stats)
    assert found["rung_raider"] == found["quick_draw"] == found["hint_hunter"] == 3


def test_every_title_is_its_own() -> None:
    stats = [
        player(1, correct=5, wrong=4, hints=2, first_guess_at=1.0, fastest=3.0),
        player(2, correct=3, first_guess_at=2.0, fastest=8.0),
    ]
    found = awards(stats)
    assert [a.key for a in found] == [
        "rung_raider",
        "sharpshooter",
        "quick_draw",
        "early_bird",
        "bold_guesser",
        "hint_hunter",
    ]
    assert len({a.title for a in found}) == len(found)


counts = st.integers(min_value=0, max_value=20)
times = st.none() | st.floats(min_value=0.0, max_value=3600.0)
stats_lists = st.lists(
    st.builds(
        PlayerStats,
        player_id=st.integers(1, 30),
        team_id=st.none() | st.integers(1, 5),
        correct=counts,
        wrong=counts,
        hints=counts,
        first_guess_at=times,
        fastest_solve_seconds=times,
    ),
    max_size=12,
    unique_by=lambda stats: stats.player_id,
)


@given(stats_lists, st.randoms())
def test_awards_do_not_depend_on_the_order_players_are_listed(
    stats: list[PlayerStats], rng: random.Random
) -> None:
    shuffled = list(stats)
    rng.shuffle(shuffled)
    assert awards(shuffled) == awards(stats)


@given(stats_lists)
def test_every_award_goes_to_a_player_who_qualifies(stats: list[PlayerStats]) -> None:
    by_id = {p.player_id: p for p in stats}
    for award in awards(stats):
        winner = by_id[award.player_id]
        assert award.title and award.detail
        if award.key == "bold_guesser":
            assert winner.wrong >= 3 and winner.wrong == max(p.wrong for p in stats)
        if award.key == "sharpshooter":
            assert winner.correct >= 3
        if award.key == "rung_raider":
            assert winner.correct == max(p.correct for p in stats) > 0
