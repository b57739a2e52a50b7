"""Clues are shown shuffled, the same order for the whole team; a clue shows only words
the player has revealed, and nothing in the list says which step an unused clue is."""

from __future__ import annotations

import string

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from raddle.game.clues import (
    BLANK,
    ClueView,
    clue_key_for_step,
    clue_order,
    clue_views,
    present_clue,
)
from raddle.game.ladder import Direction

from .strategies import ladders

WORDS = ["DOWN", "SOUTH", "MOUTH", "MOTH", "MATH"]
CLUES = [
    "Cardinal direction that is <> on a map",
    "Change the first letter of <> to get a {}",
    "Drop a letter from <> to find a {}",
    "A {} is <> with one letter changed",
]

words = st.text(st.sampled_from(string.ascii_uppercase), min_size=2, max_size=10)
clue_texts = st.lists(
    st.sampled_from(["<>", "{}", "clue", "of", "the", " ", "-", "<", ">", "{", "}"]),
    max_size=12,
).map("".join)


# -- order -------------------------------------------------------------------------


def test_the_same_seed_gives_the_whole_team_the_same_order() -> None:
    assert clue_order(10, "round-7-team-3") == clue_order(10, "round-7-team-3")


def test_the_order_is_a_shuffle_of_every_clue() -> None:
    assert sorted(clue_order(10, "seed")) == list(range(10))


def test_different_seeds_give_different_orders() -> None:
    orders = {tuple(clue_order(10, f"seed-{i}")) for i in range(20)}
    assert len(orders) > 1


def test_a_clue_key_leads_back_to_its_step_on_the_server() -> None:
    order = clue_order(8, "seed")
    for step in range(8):
        key = clue_key_for_step(order, step)
        assert order[key] == step


def test_an_unknown_step_is_refused() -> None:
    with pytest.raises(ValueError):
        clue_key_for_step([1, 0], 2)


@given(st.integers(min_value=0, max_value=30), st.text())
def test_any_seed_shuffles_every_step_exactly_once(count: int, seed: str) -> None:
    order = clue_order(count, seed)
    assert sorted(order) == list(range(count))
    assert order == clue_order(count, seed)


# -- presenting one clue -------------------------------------------------------------


def test_going_down_the_known_upper_word_fills_its_mark() -> None:
    assert present_clue(CLUES[1], "SOUTH", None) == "Change the first letter of SOUTH to get a ___"


def test_going_up_the_known_lower_word_fills_its_mark() -> None:
    assert present_clue(CLUES[1], None, "MOUTH") == "Change the first letter of ___ to get a MOUTH"


def test_unknown_words_are_blanks() -> None:
    assert present_clue(CLUES[3], None, None) == f"A {BLANK} is {BLANK} with one letter changed"


def test_a_clue_without_marks_is_shown_as_written() -> None:
    assert present_clue("Opposite of up", "DOWN", "UP") == "Opposite of up"


def test_a_word_that_looks_like_a_mark_is_not_filled_in_again() -> None:
    assert present_clue("<> then {}", "{}", None) == f"{{}} then {BLANK}"


@given(clue_texts, words, words)
def test_a_word_passed_as_none_never_appears(clue: str, known: str, hidden: str) -> None:
    # The hidden word could only show up if the clue or the known word already held it.
    assume(hidden not in clue and hidden not in known)
    assert hidden not in present_clue(clue, known, None)
    assert hidden not in present_clue(clue, None, known)
    assert hidden not in present_clue(clue, None, None)


@given(clue_texts, words, words)
def test_known_words_appear_once_per_mark(clue: str, upper: str, lower: str) -> None:
    shown = present_clue(clue, upper, lower)
    expected = len(clue) + clue.count("<>") * (len(upper) - 2) + clue.count("{}") * (len(lower) - 2)
    assert len(shown) == expected


# -- the team's list -----------------------------------------------------------------


def test_a_fresh_ladder_going_down_shows_the_top_word_in_every_clue() -> None:
    order = [2, 0, 3, 1]
    views = clue_views(CLUES, WORDS, [True, False, False, False, True], order, Direction.DOWN)
    assert views == [
        ClueView(0, "Drop a letter from DOWN to find a ___", used=False),
        ClueView(1, "Cardinal direction that is DOWN on a map", used=False),
        ClueView(2, "A ___ is DOWN with one letter changed", used=False),
        ClueView(3, "Change the first letter of DOWN to get a ___", used=False),
    ]


def test_going_up_every_unused_clue_shows_the_word_below_the_frontier() -> None:
    revealed = [True, False, False, True, True]
    views = clue_views(CLUES, WORDS, revealed, [0, 1, 2, 3], Direction.UP)
    assert [view.text for view in views[:3]] == [
        "Cardinal direction that is ___ on a map",
        "Change the first letter of ___ to get a MOTH",
        "Drop a letter from ___ to find a MOTH",
    ]


def test_a_used_clue_shows_both_of_its_words() -> None:
    revealed = [True, True, False, False, True]
    views = clue_views(CLUES, WORDS, revealed, [0, 1, 2, 3], Direction.DOWN)
    assert views[0] == ClueView(0, "Cardinal direction that is DOWN on a map", used=True)
    assert not views[1].used
    assert views[1].text == "Change the first letter of SOUTH to get a ___"


def test_without_a_direction_unused_clues_show_only_blanks() -> None:
    views = clue_views(CLUES, WORDS, [True, False, False, False, True], [0, 1, 2, 3])
    assert views[1].text == f"Change the first letter of {BLANK} to get a {BLANK}"


def test_unused_clues_do_not_single_out_the_frontier_clue() -> None:
    # Going down from SOUTH, the frontier clue is step 1; it must look like every other
    # unused clue: written with SOUTH, not with anything only step 1 would know.
    revealed = [True, True, False, False, True]
    views = clue_views(CLUES, WORDS, revealed, [3, 2, 1, 0], Direction.DOWN)
    unused = [view for view in views if not view.used]
    assert all("SOUTH" in view.text for view in unused)
    assert all("MOTH" not in view.text for view in unused)


def test_the_keys_are_positions_in_the_shuffled_list() -> None:
    order = clue_order(4, "seed")
    views = clue_views(CLUES, WORDS, [True] * 5, order, Direction.DOWN)
    assert [view.key for view in views] == [0, 1, 2, 3]
    for view in views:
        assert view.text == present_clue(CLUES[order[view.key]], *WORDS[order[view.key] :][:2])


def test_mismatched_inputs_are_refused() -> None:
    revealed = [True, False, False, False, True]
    with pytest.raises(ValueError):
        clue_views(CLUES[:3], WORDS, revealed, [0, 1, 2])
    with pytest.raises(ValueError):
        clue_views(CLUES, WORDS, revealed, [0, 1, 2, 2])
    with pytest.raises(ValueError):
        clue_views(CLUES, WORDS[:4], revealed, [0, 1, 2, 3])


@st.composite
def ladders_with_words(draw: st.DrawFn) -> tuple[list[str], list[bool]]:
    revealed = draw(ladders(max_rungs=12))
    count = len(revealed)
    return draw(st.lists(words, min_size=count, max_size=count, unique=True)), revealed


@given(ladders_with_words(), st.sampled_from([None, *Direction]), st.text())
def test_the_list_never_shows_a_hidden_word(
    ladder: tuple[list[str], list[bool]], direction: Direction | None, seed: str
) -> None:
    ladder_words, revealed = ladder
    clues = ["From <> to {}"] * (len(ladder_words) - 1)
    views = clue_views(clues, ladder_words, revealed, clue_order(len(clues), seed), direction)
    hidden = [word for word, shown in zip(ladder_words, revealed, strict=True) if not shown]
    # A hidden word could legitimately appear inside a longer revealed one ("MOTH" in
    # "MOTHS"), so such ladders say nothing about leaks.
    assume(not any(word in other for word in hidden for other in ladder_words if other != word))
    text = " ".join(view.text for view in views)
    assert not any(word in text for word in hidden)


@given(ladders_with_words(), st.sampled_from([None, *Direction]), st.text())
def test_identical_clues_look_identical_until_used(
    ladder: tuple[list[str], list[bool]], direction: Direction | None, seed: str
) -> None:
    # If every clue is written alike, every unused clue must render alike: nothing else
    # in the view may tell one step's clue from another's.
    ladder_words, revealed = ladder
    clues = ["From <> to {}"] * (len(ladder_words) - 1)
    views = clue_views(clues, ladder_words, revealed, clue_order(len(clues), seed), direction)
    assert len({view.text for view in views if not view.used}) <= 1
