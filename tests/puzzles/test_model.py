"""The puzzle model: a ladder of rungs and the n-1 clues between them."""

from __future__ import annotations

import dataclasses

import pytest

from raddle.puzzles.model import Difficulty, Puzzle, Rung


def make_puzzle() -> Puzzle:
    return Puzzle(
        slug="easy-test",
        title="Test",
        author=None,
        difficulty=Difficulty.EASY,
        rungs=(
            Rung("CAT", "<> and {}", "pair"),
            Rung("DOG", "A <> chews a {}", None),
            Rung("BONE", None, None),
        ),
        source="easy-test.yaml",
    )


def test_difficulties_are_the_three_file_values_in_order() -> None:
    assert [d.value for d in Difficulty] == ["easy", "medium", "hard"]
    assert Difficulty("medium") is Difficulty.MEDIUM
    assert str(Difficulty.HARD) == "hard"
    assert [d.rank for d in Difficulty] == [0, 1, 2]


def test_a_puzzle_knows_its_words_and_its_n_minus_1_clues() -> None:
    puzzle = make_puzzle()
    assert puzzle.rung_count == 3
    assert puzzle.words == ("CAT", "DOG", "BONE")
    assert puzzle.clues == ("<> and {}", "A <> chews a {}")


def test_puzzles_and_rungs_are_frozen() -> None:
    puzzle = make_puzzle()
    with pytest.raises(dataclasses.FrozenInstanceError):
        puzzle.title = "Other"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        puzzle.rungs[0].word = "COW"  # type: ignore[misc]
    assert hash(puzzle) == hash(make_puzzle())
