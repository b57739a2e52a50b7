"""A guess matches when it equals the answer ignoring case, accents and punctuation;
a hidden rung shows its length pattern."""

from __future__ import annotations

import string

from hypothesis import given
from hypothesis import strategies as st

from raddle.game.words import length_pattern, matches, normalise

# Answers as puzzle authors write them: letters (some accented) with spaces and hyphens.
answer_chars = st.sampled_from(string.ascii_letters + "éèàüöçñÅ" + " -")
answers = st.text(answer_chars, min_size=1, max_size=30)


def test_case_accents_and_punctuation_are_ignored() -> None:
    assert normalise("né-w york") == "NEWYORK"
    assert normalise("Don't!") == "DONT"
    assert normalise("Café") == "CAFE"


def test_digits_are_kept() -> None:
    assert normalise("Catch-22") == "CATCH22"


def test_a_guess_matches_its_answer_however_it_is_typed() -> None:
    assert matches("new york", "NEW YORK")
    assert matches("NEWYORK", "NEW YORK")
    assert matches("  Cafe ", "CAFÉ")
    assert matches("x ray", "X-RAY")


def test_a_different_word_does_not_match() -> None:
    assert not matches("SOUTH", "MOUTH")
    assert not matches("NEW YORKER", "NEW YORK")


def test_an_empty_guess_never_matches() -> None:
    assert not matches("", "")
    assert not matches("!!!", "?")
    assert not matches("   ", "A")


def test_length_pattern_counts_each_word() -> None:
    assert length_pattern("SOUTH") == "(5)"
    assert length_pattern("NEW YORK") == "(3 4)"
    assert length_pattern("X-RAY") == "(1-3)"
    assert length_pattern("WILL-O-THE-WISP") == "(4-1-3-4)"


def test_length_pattern_skips_apostrophes_and_stray_separators() -> None:
    assert length_pattern("DON'T") == "(4)"
    assert length_pattern(" -A- ") == "(1)"
    assert length_pattern("A  B") == "(1 1)"


def test_length_pattern_counts_what_a_letter_folds_to() -> None:
    # "ß" is typed "SS", so the pattern must make room for both letters.
    assert length_pattern("STRAßE") == "(7)"
    assert matches("strasse", "STRAßE")


def test_a_guess_needs_only_the_letters_and_digits() -> None:
    assert matches("newyork", "NEW YORK")
    assert matches("catch 22", "Catch-22")
    assert not matches("", "")


@given(st.text())
def test_normalise_is_idempotent(text: str) -> None:
    assert normalise(normalise(text)) == normalise(text)


@given(st.text())
def test_normalise_leaves_only_capital_letters_and_digits(text: str) -> None:
    assert set(normalise(text)) <= set(string.ascii_uppercase + string.digits)


@given(answers)
def test_length_pattern_counts_the_letters_a_guess_must_have(word: str) -> None:
    numbers = length_pattern(word).strip("()").replace("-", " ").split()
    assert sum(int(number) for number in numbers) == len(normalise(word))


@given(answers)
def test_every_answer_matches_itself_lowercased(word: str) -> None:
    assert matches(word.lower(), word) == (len(normalise(word)) > 0)


@given(st.text())
def test_any_text_has_a_well_formed_pattern(text: str) -> None:
    pattern = length_pattern(text)
    assert pattern.startswith("(") and pattern.endswith(")")
    numbers = pattern.strip("()").replace("-", " ").split()
    assert sum(int(number) for number in numbers) == len(normalise(text))
