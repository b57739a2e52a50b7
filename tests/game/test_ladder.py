"""The first and last rungs are shown; a team solves inward from both ends, and a guess
may only name a frontier rung."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from raddle.game.ladder import (
    MAX_RUNGS,
    MIN_RUNGS,
    Direction,
    GuessOutcome,
    decide_guess,
    frontier,
    initially_revealed,
    is_complete,
    open_rungs,
    progress,
    revealed_after,
)

from .strategies import ladders

ANSWERS = ["DOWN", "SOUTH", "MOUTH", "MOTH", "MATH"]


def judge(answers: list[str], revealed: list[bool], rung: int, word: str) -> GuessOutcome:
    return decide_guess(answers, revealed, rung, word).outcome


def test_a_round_starts_with_only_the_first_and_last_words_shown() -> None:
    assert initially_revealed(5) == [True, False, False, False, True]
    assert initially_revealed(MAX_RUNGS) == [True] + [False] * (MAX_RUNGS - 2) + [True]


@pytest.mark.parametrize("count", [0, 1, 2, MIN_RUNGS - 1, MAX_RUNGS + 1])
def test_a_ladder_has_five_to_twenty_rungs(count: int) -> None:
    assert (MIN_RUNGS, MAX_RUNGS) == (5, 20)
    with pytest.raises(ValueError):
        initially_revealed(count)


def test_solved_rungs_are_revealed_on_top_of_the_given_ends() -> None:
    assert revealed_after(5, [1]) == [True, True, False, False, True]
    assert revealed_after(5, []) == initially_revealed(5)
    assert is_complete(revealed_after(5, [1, 2, 3]))


def test_going_down_the_frontier_is_the_first_hidden_rung() -> None:
    assert frontier([True, True, False, False, True], Direction.DOWN) == 2


def test_going_up_the_frontier_is_the_last_hidden_rung() -> None:
    assert frontier([True, True, False, False, True], Direction.UP) == 3


def test_both_frontiers_meet_on_the_last_hidden_rung() -> None:
    revealed = [True, True, False, True, True]
    assert frontier(revealed, Direction.DOWN) == frontier(revealed, Direction.UP) == 2
    assert open_rungs(revealed) == {2}


def test_a_complete_ladder_has_no_frontier() -> None:
    revealed = [True] * 5
    assert frontier(revealed, Direction.DOWN) is None
    assert frontier(revealed, Direction.UP) is None
    assert open_rungs(revealed) == set()
    assert is_complete(revealed)


def test_a_fresh_ladder_is_open_at_both_ends() -> None:
    assert open_rungs(initially_revealed(5)) == {1, 3}
    assert not is_complete(initially_revealed(5))


def test_progress_counts_only_the_hidden_middle() -> None:
    assert progress(initially_revealed(6)) == 0.0
    assert progress([True, True, False, False, True, True]) == 0.5
    assert progress([True] * 6) == 1.0


def test_a_ladder_with_nothing_hidden_is_already_solved() -> None:
    assert progress([True, True]) == 1.0
    assert is_complete([True, True])


def test_a_correct_guess_on_the_frontier_is_correct() -> None:
    revealed = initially_revealed(5)
    assert judge(ANSWERS, revealed, 1, "south") is GuessOutcome.CORRECT
    assert judge(ANSWERS, revealed, 3, "Moth") is GuessOutcome.CORRECT


def test_a_wrong_guess_on_the_frontier_is_incorrect() -> None:
    assert judge(ANSWERS, initially_revealed(5), 1, "NORTH") is GuessOutcome.INCORRECT


def test_a_guess_beyond_the_frontier_is_refused_even_when_right() -> None:
    assert judge(ANSWERS, initially_revealed(5), 2, "MOUTH") is GuessOutcome.NOT_FRONTIER


def test_a_guess_for_a_solved_rung_is_told_it_is_solved() -> None:
    revealed = [True, True, False, False, True]
    assert judge(ANSWERS, revealed, 1, "SOUTH") is GuessOutcome.ALREADY_SOLVED
    # The given words count as solved too.
    assert judge(ANSWERS, revealed, 0, "DOWN") is GuessOutcome.ALREADY_SOLVED


def test_already_solved_is_checked_before_the_frontier() -> None:
    # Rung 1 is solved and not open; the player is told it is solved, not out of reach.
    revealed = [True, True, True, False, True]
    assert 1 not in open_rungs(revealed)
    assert judge(ANSWERS, revealed, 1, "anything") is GuessOutcome.ALREADY_SOLVED


@pytest.mark.parametrize("rung", [-1, 5, 99])
def test_a_rung_off_the_ladder_is_invalid(rung: int) -> None:
    assert judge(ANSWERS, initially_revealed(5), rung, "SOUTH") is GuessOutcome.INVALID_RUNG


def test_answers_must_cover_every_rung() -> None:
    with pytest.raises(ValueError):
        judge(ANSWERS[:4], initially_revealed(5), 1, "SOUTH")


def test_the_guess_that_fills_the_last_hidden_rung_completes_the_ladder() -> None:
    decision = decide_guess(ANSWERS, [True, True, True, False, True], 3, "moth")
    assert decision.reveals
    assert is_complete(revealed_after(5, [1, 2, decision.rung]))


def test_an_earlier_correct_guess_does_not_complete_the_ladder() -> None:
    decision = decide_guess(ANSWERS, initially_revealed(5), 1, "south")
    assert decision.reveals and not is_complete(revealed_after(5, [decision.rung]))


def test_only_a_correct_guess_reveals() -> None:
    assert not decide_guess(ANSWERS, initially_revealed(5), 1, "north").reveals
    assert not decide_guess(ANSWERS, initially_revealed(5), 2, "mouth").reveals


@given(ladders(), st.sampled_from(Direction))
def test_the_frontier_is_always_a_hidden_rung(revealed: list[bool], direction: Direction) -> None:
    rung = frontier(revealed, direction)
    if is_complete(revealed):
        assert rung is None
    else:
        assert rung is not None and not revealed[rung]


@given(ladders())
def test_open_rungs_are_hidden_and_adjacent_to_a_revealed_rung(revealed: list[bool]) -> None:
    for rung in open_rungs(revealed):
        assert not revealed[rung]
        assert revealed[rung - 1] or revealed[rung + 1]


@given(ladders())
def test_progress_is_a_fraction(revealed: list[bool]) -> None:
    assert 0.0 <= progress(revealed) <= 1.0
    assert (progress(revealed) == 1.0) == is_complete(revealed)


@given(st.integers(min_value=MIN_RUNGS, max_value=MAX_RUNGS), st.data())
def test_any_order_of_correct_guesses_completes_the_ladder_exactly_once(
    rung_count: int, data: st.DataObject
) -> None:
    answers = [f"WORD{i}" for i in range(rung_count)]
    revealed = initially_revealed(rung_count)
    revealed_at: dict[int, int] = {}
    completions = 0
    was_complete = False
    for turn in range(rung_count):  # more turns than hidden rungs, so it must finish
        choices = sorted(open_rungs(revealed))
        if not choices:
            break
        rung = data.draw(st.sampled_from(choices), label=f"rung on turn {turn}")
        decision = decide_guess(answers, revealed, rung, answers[rung].lower())
        assert decision.outcome is GuessOutcome.CORRECT
        assert rung not in revealed_at, "a rung was revealed twice"
        revealed_at[rung] = turn
        revealed = revealed_after(rung_count, revealed_at)
        completions += is_complete(revealed) and not was_complete
        was_complete = is_complete(revealed)
        # Once solved, the rung refuses further guesses instead of revealing again.
        assert judge(answers, revealed, rung, answers[rung]) is GuessOutcome.ALREADY_SOLVED

    assert is_complete(revealed)
    assert sorted(revealed_at) == list(range(1, rung_count - 1))
    assert completions == 1
