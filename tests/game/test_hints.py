"""A hint is about the rung being solved in the taker's direction: level 1 points at its
clue, level 2 gives the word; each costs the team a share of the round's points."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from raddle.game.clues import clue_key_for_step, clue_order
from raddle.game.hints import (
    DEFAULT_HINT_COSTS,
    MAX_HINT_SHARE,
    HintLevel,
    capped_share,
    clue_step_for,
    hint_cost,
    hint_target,
)
from raddle.game.ladder import Direction, frontier

from .strategies import ladders


def test_by_default_a_clue_costs_ten_percent_and_a_word_a_quarter() -> None:
    assert hint_cost(HintLevel.CLUE) == 0.10
    assert hint_cost(HintLevel.WORD) == 0.25
    assert DEFAULT_HINT_COSTS == {HintLevel.CLUE: 0.10, HintLevel.WORD: 0.25}


def test_a_lobby_may_set_its_own_costs() -> None:
    costs = {HintLevel.CLUE: 0.05, HintLevel.WORD: 0.5}
    assert hint_cost(HintLevel.CLUE, costs) == 0.05
    assert hint_cost(HintLevel.WORD, costs) == 0.5


@pytest.mark.parametrize("bad", [-0.1, 1.5])
def test_a_hint_costs_a_share_and_never_earns_points(bad: float) -> None:
    with pytest.raises(ValueError):
        hint_cost(HintLevel.CLUE, {HintLevel.CLUE: bad, HintLevel.WORD: 0.25})


def test_the_default_costs_cannot_be_changed_by_accident() -> None:
    with pytest.raises(TypeError):
        DEFAULT_HINT_COSTS[HintLevel.CLUE] = 0.0  # type: ignore[index]


def test_a_team_pays_for_every_hint_it_takes() -> None:
    levels = [HintLevel.CLUE, HintLevel.WORD, HintLevel.CLUE]
    assert capped_share(sum(hint_cost(level) for level in levels)) == 0.45
    assert capped_share(0.0) == 0.0


def test_hints_cost_at_most_three_quarters_in_all() -> None:
    assert MAX_HINT_SHARE == 0.75
    assert capped_share(4 * hint_cost(HintLevel.WORD)) == 0.75
    assert capped_share(0.1 + 0.2) == 0.3
    with pytest.raises(ValueError):
        capped_share(-0.1)


def test_a_hint_is_about_the_frontier_in_the_takers_direction() -> None:
    revealed = [True, True, False, False, True]
    assert hint_target(revealed, Direction.DOWN) == 2
    assert hint_target(revealed, Direction.UP) == 3


def test_there_is_nothing_to_hint_on_a_complete_ladder() -> None:
    assert hint_target([True] * 5, Direction.DOWN) is None


def test_going_down_the_clue_is_the_step_into_the_rung() -> None:
    assert clue_step_for(2, Direction.DOWN) == 1


def test_going_up_the_clue_is_the_step_out_of_the_rung() -> None:
    assert clue_step_for(2, Direction.UP) == 2


def test_the_top_rung_has_no_clue_leading_down_to_it() -> None:
    with pytest.raises(ValueError):
        clue_step_for(0, Direction.DOWN)


@given(ladders(min_rungs=3), st.sampled_from(Direction), st.text())
def test_a_clue_hint_points_at_a_clue_joining_the_target_to_a_known_word(
    revealed: list[bool], direction: Direction, seed: str
) -> None:
    rung = hint_target(revealed, direction)
    assume(rung is not None)
    assert rung is not None and rung == frontier(revealed, direction)
    step = clue_step_for(rung, direction)
    # Clue `step` joins rungs step and step + 1: one is the target, the other known.
    assert rung in (step, step + 1)
    known = step if rung == step + 1 else step + 1
    assert revealed[known]
    order = clue_order(len(revealed) - 1, seed)
    assert order[clue_key_for_step(order, step)] == step
