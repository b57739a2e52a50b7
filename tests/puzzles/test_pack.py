"""The bundled pack: every puzzle is valid, the pack is complete, every clue is true.

Clues that make a checkable claim about letters ("Change the first letter of <>",
"Rearrange the letters of <>", "<> spelled backwards") must carry a matching
`transform` label, and the label is checked against the two words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from raddle.game.words import normalise
from raddle.puzzles.library import TUTORIAL_SLUG, load_pack, pack_directory
from raddle.puzzles.lint import lint_puzzle
from raddle.puzzles.model import Difficulty, Puzzle
from raddle.puzzles.operations import OperationKind, read_operation
from raddle.puzzles.validate import load_puzzle_file

PACK = Path(str(pack_directory()))
PACK_FILES = sorted(PACK.glob("*.yaml"))
PUZZLES, PACK_ERRORS = load_pack()

#: (minimum count, minimum rungs, maximum rungs) per difficulty
REQUIRED = {
    Difficulty.EASY: (40, 5, 7),
    Difficulty.MEDIUM: (70, 8, 12),
    Difficulty.HARD: (40, 13, 20),
}

#: transform labels that name a kind of link a program cannot check
UNCHECKED_KINDS = {
    "arithmetic",
    "category",
    "compound",
    "culture",
    "homophone",
    "idiom",
    "meaning",
    "opposite",
    "pair",
    "synonym",
}

ORDINALS = {"first": 0, "second": 1, "third": 2, "fourth": 3, "fifth": 4}


def steps(puzzle: Puzzle) -> list[Step]:
    """(upper word, lower word, clue, transform) for every step of a ladder."""
    return [
        (upper.word, lower.word, upper.clue or "", upper.transform)
        for upper, lower in zip(puzzle.rungs, puzzle.rungs[1:], strict=False)
    ]


Step = tuple[str, str, str, str | None]


def step_failures(puzzle: Puzzle, check: Callable[[str, str, str, str | None], None]) -> list[str]:
    """Run a check on every step of a ladder; one line per step that fails it."""
    failures = []
    for upper, lower, clue, transform in steps(puzzle):
        try:
            check(upper, lower, clue, transform)
        except AssertionError as exc:
            failures.append(f"{upper} -> {lower}, {clue!r} [{transform}]: {exc}")
    return failures


def insertion_points(shorter: str, longer: str, piece: str) -> list[int]:
    """Every index i where inserting `piece` into `shorter` at i gives `longer`."""
    return [i for i in range(len(shorter) + 1) if shorter[:i] + piece + shorter[i:] == longer]


# ------------------------------------------------------------------ the pack as a whole


def test_the_pack_has_no_errors() -> None:
    assert [str(e) for e in PACK_ERRORS] == []


@pytest.mark.parametrize("path", PACK_FILES, ids=[p.name for p in PACK_FILES])
def test_every_bundled_puzzle_validates(path: Path) -> None:
    puzzle, errors = load_puzzle_file(path)
    assert [str(e) for e in errors] == []
    assert puzzle is not None
    assert puzzle.slug == path.stem
    assert puzzle.author == "Raddle Teams"


def test_the_pack_is_pure_yaml_with_prefixed_file_names() -> None:
    for path in PACK.iterdir():
        if path.name.startswith(".") or path.name == "__init__.py":
            continue
        assert path.suffix == ".yaml", path.name
        if path.stem != TUTORIAL_SLUG:
            assert path.stem.split("-")[0] in {d.value for d in Difficulty}, path.name


@pytest.mark.parametrize("difficulty", list(Difficulty))
def test_each_difficulty_has_enough_puzzles_of_the_right_length(difficulty: Difficulty) -> None:
    minimum, shortest, longest = REQUIRED[difficulty]
    puzzles = [p for p in PUZZLES if p.difficulty is difficulty and p.slug != TUTORIAL_SLUG]
    assert len(puzzles) >= minimum
    for puzzle in puzzles:
        assert shortest <= puzzle.rung_count <= longest, puzzle.slug
        assert puzzle.slug.startswith(f"{difficulty.value}-"), puzzle.slug


def test_the_tutorial_is_a_gentle_five_rung_easy_ladder() -> None:
    tutorial = next(p for p in PUZZLES if p.slug == TUTORIAL_SLUG)
    assert tutorial.difficulty is Difficulty.EASY
    assert tutorial.rung_count == 5


def test_the_whole_pack_lints_clean() -> None:
    """The solver finds no error anywhere, and every warning it raises has been read and
    accepted in its puzzle file (an accept entry that matches nothing is itself reported)."""
    open_findings = [str(finding) for puzzle in PUZZLES for finding in lint_puzzle(puzzle).findings]
    assert open_findings == []


def test_the_tutorial_teaches_a_compound_both_ways_and_an_anagram_without_a_trap() -> None:
    tutorial = next(p for p in PUZZLES if p.slug == TUTORIAL_SLUG)
    clues = tutorial.clues
    # Nothing the linter can find: no second answer anywhere, no giveaway.
    assert lint_puzzle(tutorial).findings == []
    # The first clue, the only way in from the top, is a plain phrase, not wordplay.
    assert read_operation(clues[0]) is None
    # A compound that puts the lower word first, so "{}" is met before "<>".
    assert any("{}" in clue and clue.index("{}") < clue.index("<>") for clue in clues)
    # An anagram that says what its answer means.
    anagrams = [op for op in map(read_operation, clues) if op and op.kind is OperationKind.ANAGRAM]
    assert anagrams and all(op.definition for op in anagrams)


def test_titles_are_unique() -> None:
    titles = Counter(p.title for p in PUZZLES)
    assert [t for t, n in titles.items() if n > 1] == []


def test_words_are_stored_in_upper_case() -> None:
    for puzzle in PUZZLES:
        for word in puzzle.words:
            assert word == word.upper(), (puzzle.slug, word)


def test_no_two_puzzles_share_a_ladder_start_and_end() -> None:
    ends = Counter((p.words[0], p.words[-1]) for p in PUZZLES)
    assert [e for e, n in ends.items() if n > 1] == []


# ------------------------------------------------------------------ every clue


@pytest.mark.parametrize("puzzle", PUZZLES, ids=[p.slug for p in PUZZLES])
def test_no_clue_names_a_word_of_its_ladder(puzzle: Puzzle) -> None:
    """Clues are shown before their rungs are solved, so they never spell an answer."""
    for clue in puzzle.clues:
        for word in puzzle.words:
            pattern = r"\b" + re.escape(word) + r"s?\b"
            assert not re.search(pattern, clue, re.IGNORECASE), f"{word!r} appears in {clue!r}"


def check_label_is_known(upper: str, lower: str, clue: str, transform: str | None) -> None:
    assert transform is not None
    checkable = re.fullmatch(
        r"(.)→(.)|anagram|anagram \+[A-Z]+|reversal|[+-][A-Z]+|hidden", transform
    )
    assert checkable or transform in UNCHECKED_KINDS, transform


def check_transform_is_true(upper: str, lower: str, clue: str, transform: str | None) -> None:
    a, b = normalise(upper), normalise(lower)
    assert transform is not None
    if match := re.fullmatch(r"(.)→(.)", transform):
        changed = [i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y]
        assert len(a) == len(b) and len(changed) == 1, (a, b)
        assert (a[changed[0]], b[changed[0]]) == match.groups()
    elif transform == "anagram":
        assert sorted(a) == sorted(b) and a != b
    elif match := re.fullmatch(r"anagram \+([A-Z]+)", transform):
        assert sorted(a + match.group(1)) == sorted(b)
    elif transform == "reversal":
        assert b == a[::-1]
    elif match := re.fullmatch(r"\+([A-Z]+)", transform):
        assert insertion_points(a, b, match.group(1)), (a, b)
    elif match := re.fullmatch(r"-([A-Z]+)", transform):
        assert insertion_points(b, a, match.group(1)), (a, b)
    elif transform == "hidden":
        assert b in a and b != a


#: how a clue may open when it swaps one letter for another, removes or adds
#: letters, reverses, rearranges or hides the next word
LETTER_CHANGE = re.compile(r"^(?:change|swap|switch|replace) the (\w+) letter\b")
NAMED_CHANGE = re.compile(
    r"^(?i:swap|switch|replace|turn) the ([A-Z]) (?:in|of) .*?(?:for|with|into) an? ([A-Z])\b"
)
REARRANGED = re.compile(
    r"^(?:rearrange|shuffle|jumble|scramble|knead|swap two letters"
    r"|swap the (?:first two|last two|middle|first and third) letters"
    r"|move the (?:first|last) letter)\b"
)
REVERSED = re.compile(
    r"spelled backwards|^reverse\b|^(?:read|turn|flip) .*\b(?:backwards|around|round)\b"
)
REMOVED = re.compile(
    r"^(?:remove|behead|drop|wipe|lose|dock)\b|^take (?:the|one) [a-z] (?:out|off)\b"
)
ADDED = re.compile(
    r"^(?:add|slip|insert)\b|^put (?:[a-z]|a letter|two letters|three letters) in front\b"
)
HIDDEN = re.compile(r"^(?:hidden in|inside every|the end of)\b")


def check_removal(a: str, b: str, clue: str, t: str) -> None:
    text = clue.lower()
    assert t.startswith("-"), t
    removed = t[1:]
    points = insertion_points(b, a, removed)
    assert points, (a, b)
    if "first" in text or text.startswith("behead"):
        assert 0 in points
    if re.search(r"\blast\b|\bend\b|\btail\b", text):
        assert len(b) in points
    if "two letters" in text:
        assert len(removed) == 2
    if named := re.search(r"(?:Remove|Drop|Take|Wipe|Lose) (?:the |one )?([A-Z]) ", clue):
        assert removed == named.group(1)


def check_addition(a: str, b: str, clue: str, t: str) -> None:
    text = clue.lower()
    assert t.startswith("+"), t
    added = t[1:]
    points = insertion_points(a, b, added)
    assert points, (a, b)
    if "front" in text:
        assert 0 in points
    if "to the end" in text:
        assert len(a) in points
    if text.startswith(("insert", "slip")):
        assert any(0 < p < len(a) for p in points)
    if "two letters" in text:
        assert len(added) == 2
    elif "three letters" in text:
        assert len(added) == 3
    elif "a letter" in text:
        assert len(added) == 1
    if named := re.search(r"(?:Add|Put|Slip) (?:an? )?([A-Z])\b", clue):
        assert added == named.group(1)


def check_clue_claims_match_transform(
    upper: str, lower: str, clue: str, transform: str | None
) -> None:
    """What the clue says about letters is exactly what the transform does."""
    a, b = normalise(upper), normalise(lower)
    t = transform or ""
    text = clue.lower()
    if REVERSED.search(text):
        assert t == "reversal"
    if "rearrange" in text or REARRANGED.match(text):
        assert t.startswith("anagram")
        if named := re.search(r"add ([a-z]) to <> and rearrange", text):
            assert t == f"anagram +{named.group(1).upper()}"
    elif change := LETTER_CHANGE.match(text):
        assert re.fullmatch(r".→.", t)
        position = len(a) - 1 if change.group(1) == "last" else ORDINALS[change.group(1)]
        assert a[position] != b[position] and a[position] == t[0] and b[position] == t[2]
    elif named := NAMED_CHANGE.match(clue):
        assert t == f"{named.group(1)}→{named.group(2)}"
    elif REMOVED.match(text):
        check_removal(a, b, clue, t)
    elif ADDED.match(text):
        check_addition(a, b, clue, t)
    if HIDDEN.match(text):
        assert t == "hidden"
    if re.search(r"sounds (just )?like", text):
        assert t == "homophone"
        assert a != b


def check_every_letter_transform_is_claimed(
    upper: str, lower: str, clue: str, transform: str | None
) -> None:
    """A step that works on letters says so in its clue, in one of the wordings above."""
    t = transform or ""
    text = clue.lower()
    if re.fullmatch(r".→.", t):
        assert LETTER_CHANGE.match(text) or NAMED_CHANGE.match(clue)
    elif t.startswith("anagram"):
        assert "rearrange" in text or REARRANGED.match(text)
    elif t == "reversal":
        assert REVERSED.search(text)
    elif t.startswith("-"):
        assert REMOVED.match(text)
    elif t.startswith("+"):
        assert ADDED.match(text)
    elif t == "hidden":
        assert HIDDEN.match(text)


def check_clue_reads_naturally(upper: str, lower: str, clue: str, transform: str | None) -> None:
    assert clue.count("<>") >= 1
    assert "  " not in clue
    assert clue[0].isupper() or clue[0] in "<{'", clue


BY_SLUG = pytest.mark.parametrize("puzzle", PUZZLES, ids=[p.slug for p in PUZZLES])


@BY_SLUG
def test_every_step_is_labelled_with_a_known_transform(puzzle: Puzzle) -> None:
    assert step_failures(puzzle, check_label_is_known) == []


@BY_SLUG
def test_every_letter_transform_is_true(puzzle: Puzzle) -> None:
    """Letter changes, anagrams, reversals, added/removed and hidden letters all check out."""
    assert step_failures(puzzle, check_transform_is_true) == []


@BY_SLUG
def test_every_letter_claim_in_a_clue_matches_its_transform(puzzle: Puzzle) -> None:
    """What a clue says about letters ("the first letter", "Add R") is what the step does."""
    assert step_failures(puzzle, check_clue_claims_match_transform) == []


@BY_SLUG
def test_every_letter_step_says_what_it_does(puzzle: Puzzle) -> None:
    """A letter trick is never silent: the clue names it, so the transform can be checked."""
    assert step_failures(puzzle, check_every_letter_transform_is_claimed) == []


@BY_SLUG
def test_clues_read_naturally(puzzle: Puzzle) -> None:
    assert step_failures(puzzle, check_clue_reads_naturally) == []
