"""The puzzle linter: each rule caught on a small bad ladder, and a clean ladder passing.

The linter solves clues against the real English word list and pronunciation table
that ship with the project's dependencies, so these tests use them as a user would.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from raddle.game.ladder import Direction
from raddle.puzzles.cli import lint_command
from raddle.puzzles.lint import LintFinding, LintKind, LintReport, Severity, lint_puzzle
from raddle.puzzles.model import Puzzle
from raddle.puzzles.validate import parse_puzzle


def puzzle(
    words: list[str],
    clues: list[str],
    *,
    title: str = "Practice Run",
    accept: list[str] | None = None,
    transforms: dict[int, str] | None = None,
) -> Puzzle:
    """A validated puzzle from its words and the clue of every rung but the last."""
    assert len(clues) == len(words) - 1
    ladder: list[dict[str, Any]] = []
    for index, word in enumerate(words):
        rung: dict[str, Any] = {"word": word}
        if index < len(clues):
            rung["clue"] = clues[index]
        if transforms and index in transforms:
            rung["transform"] = transforms[index]
        ladder.append(rung)
    data: dict[str, Any] = {"title": title, "difficulty": "easy", "ladder": ladder}
    if accept is not None:
        data["accept"] = accept
    parsed, errors = parse_puzzle(yaml.safe_dump(data), path="pack/easy-test.yaml", fmt="yaml")
    assert errors == [] and parsed is not None
    return parsed


def of_kind(report: LintReport, kind: LintKind) -> list[LintFinding]:
    return [f for f in report.findings if f.kind is kind]


# SNOW -> BALL -> GOWN -> TOWN -> HALL, with the GOWN -> TOWN clue varied by each test.
WORDS = ["SNOW", "BALL", "GOWN", "TOWN", "HALL"]


def town_ladder(step_clue: str, **kwargs: Any) -> Puzzle:
    return puzzle(
        WORDS,
        [
            "A <> {} is thrown in winter",
            "A <> {} is worn to a dance",
            step_clue,
            "The mayor works in the <> {}",
        ],
        **kwargs,
    )


def test_a_fair_ladder_has_no_findings() -> None:
    report = lint_puzzle(
        puzzle(
            ["SNOW", "BALL", "ROOM", "MATE", "SHIP"],
            [
                "A <> {} is thrown in winter",
                "Dancers fill the <> {}",
                "A <> {} shares your flat",
                "A ship's officer is a <>; so is a friend on a {}",
            ],
        )
    )
    assert report.findings == []


def test_an_undefined_letter_change_with_a_common_competitor_is_an_error() -> None:
    report = lint_puzzle(town_ladder("Change the first letter of <> to get {}"))
    [down] = [f for f in of_kind(report, LintKind.COMPETITOR) if f.direction is Direction.DOWN]
    assert down.severity is Severity.ERROR
    assert down.rung == 3
    assert "DOWN" in down.words
    assert "TOWN" not in down.words
    assert "the clue does not say which is meant" in down.message
    text = str(down)
    assert text.startswith("pack/easy-test.yaml: rung 3: error: going down")
    assert 'clue "Change the first letter of <> to get {}"' in text


def test_a_defined_letter_change_with_a_competitor_is_a_warning_to_review() -> None:
    report = lint_puzzle(
        town_ladder("Change the first letter of <> to get {}, where a mayor works")
    )
    competitors = of_kind(report, LintKind.COMPETITOR)
    assert competitors and all(f.severity is Severity.WARNING for f in competitors)
    down = next(f for f in competitors if f.direction is Direction.DOWN)
    assert down.words == ("DOWN",)
    assert down.key == "competitor rung 3 down: DOWN"
    assert of_kind(report, LintKind.NO_DEFINITION) == []


def test_a_letter_operation_without_a_definition_is_a_warning() -> None:
    report = lint_puzzle(town_ladder("Change the first letter of <> to get {}"))
    [missing] = of_kind(report, LintKind.NO_DEFINITION)
    assert missing.severity is Severity.WARNING
    assert "does not define TOWN" in missing.message


def test_the_ways_into_a_ladder_are_held_to_a_stricter_standard() -> None:
    clue = "Change the first letter of <> to get {}, a place with a mayor"
    middle = lint_puzzle(town_ladder(clue))
    last = lint_puzzle(
        puzzle(
            ["SNOW", "BALL", "ROOM", "GOWN", "TOWN"],
            [
                "A <> {} is thrown in winter",
                "Dancers fill the <> {}",
                "A dressing <> is where you keep your {}",
                clue,
            ],
        )
    )
    middle_up = next(f for f in of_kind(middle, LintKind.COMPETITOR) if f.direction is Direction.UP)
    last_up = next(f for f in of_kind(last, LintKind.COMPETITOR) if f.direction is Direction.UP)
    # SOWN is too rare to count in the middle of a ladder, but not at a way in ...
    assert "SOWN" not in middle_up.words
    assert "SOWN" in last_up.words and "DOWN" in last_up.words
    # ... and there a clue that cannot tell the words apart is an error, not a warning.
    assert middle_up.severity is Severity.WARNING
    assert last_up.severity is Severity.ERROR
    assert "at a way into the ladder" in last_up.message


def test_a_clue_whose_operation_does_not_give_the_answer_is_an_error() -> None:
    report = lint_puzzle(town_ladder("Change the second letter of <> to get {}, a place"))
    [wrong] = of_kind(report, LintKind.WRONG_OPERATION)
    assert wrong.severity is Severity.ERROR
    assert "does not turn GOWN into TOWN" in wrong.message


@pytest.mark.parametrize(
    ("words", "clue", "competitor"),
    [
        (["BRIDE", "SILENT", "LISTEN"], "Rearrange the letters of <> to get {}", "ENLIST"),
        (["BRIDE", "STOP", "POTS"], "<> spelled backwards is {}", None),
        (["BRIDE", "SEE", "SEA"], "<> sounds like {}", "SCI"),
        (["BRIDE", "CHART", "CHAT"], "Remove a letter from <> to get {}", None),
        (["BRIDE", "BONES", "ONES"], "Remove the first letter of <> to get {}", None),
        (["BRIDE", "TEAM", "STEAM"], "Add a letter to the front of <> to get {}", None),
        (["BRIDE", "TOUR", "ROUTE"], "Add E to <> and rearrange to get {}", "OUTER"),
        (["BRIDE", "PLANET", "PLANE"], "Hidden in <> is {}", None),
    ],
)
def test_each_kind_of_letter_operation_is_solved(
    words: list[str], clue: str, competitor: str | None
) -> None:
    # The operation sits on the second step, going down from words[1] to words[2].
    ladder = [*words, "WALK", "PARK"]
    report = lint_puzzle(
        puzzle(
            ladder,
            [
                f"A <> may {words[1].lower()} at the altar",
                clue,
                "Take a <> in the {}",
                "A <> in the {} is a nice stroll",
            ],
        )
    )
    assert of_kind(report, LintKind.WRONG_OPERATION) == []
    if competitor is not None:
        found = [f for f in of_kind(report, LintKind.COMPETITOR) if competitor in f.words]
        assert found, f"{competitor} should compete with {words[2]} for {clue!r}"


def test_a_blocked_word_as_an_answer_is_an_error() -> None:
    report = lint_puzzle(
        puzzle(
            ["SNOW", "BALL", "DAMN", "FOOL", "SHIP"],
            ["A <> {}", "<> and {}", "<> and {}!", "<> {}"],
        )
    )
    [blocked] = of_kind(report, LintKind.BLOCKED)
    assert blocked.severity is Severity.ERROR and blocked.rung == 3
    assert "DAMN is on the blocklist" in blocked.message


def test_a_blocked_word_a_clue_also_leads_to_is_an_error() -> None:
    report = lint_puzzle(
        puzzle(
            ["BUG", "INSECT", "NICEST", "KINDEST", "GENTLEST"],
            [
                "A <> is an {}",
                "Rearrange the letters of <> to get {}, most pleasant",
                "<> and {} mean much the same",
                "The <> of all is the {} too",
            ],
        )
    )
    blocked = [f for f in of_kind(report, LintKind.BLOCKED) if f.severity is Severity.ERROR]
    # INSECT -> NICEST going down and NICEST -> INSECT going up both reach it.
    assert [(f.direction, f.words) for f in blocked] == [
        (Direction.DOWN, ("INCEST",)),
        (Direction.UP, ("INCEST",)),
    ]


def test_a_blocked_anagram_of_a_neighbour_is_a_warning_whatever_the_clue() -> None:
    report = lint_puzzle(
        puzzle(
            ["BUG", "INSECT", "NICEST", "KINDEST", "GENTLEST"],
            [
                "A <> is an {}",
                "The <> is the {} of all insects",
                "<> and {} mean much the same",
                "The <> of all is the {} too",
            ],
        )
    )
    warnings = of_kind(report, LintKind.BLOCKED)
    assert [(f.rung, f.severity, f.words) for f in warnings] == [
        (2, Severity.WARNING, ("INCEST",)),
        (2, Severity.WARNING, ("INCEST",)),
    ]


def test_a_title_naming_a_hidden_answer_is_an_error() -> None:
    report = lint_puzzle(town_ladder("The <> of the {}", title="Town Hall"))
    [named] = of_kind(report, LintKind.TITLE_GIVES_AWAY)
    assert named.severity is Severity.ERROR
    assert "names the answer of rung 4, TOWN" in named.message
    # The top and bottom words are shown anyway, so naming them is fine: HALL is not flagged.
    compound = lint_puzzle(town_ladder("The <> of the {}", title="Ballroom Blitz"))
    [contained] = of_kind(compound, LintKind.TITLE_GIVES_AWAY)
    assert "contains the answer of rung 2, BALL" in contained.message


def test_a_clue_writing_out_an_answer_gives_it_away() -> None:
    report = lint_puzzle(town_ladder("A <> is worn about {}, never a ball"))
    found = of_kind(report, LintKind.CLUE_GIVES_AWAY)
    assert [(f.rung, f.severity) for f in found] == [(3, Severity.WARNING)]
    assert "BALL, the answer of rung 2" in found[0].message
    own = lint_puzzle(town_ladder("A <> is worn in {}; a town has a mayor"))
    [error] = of_kind(own, LintKind.CLUE_GIVES_AWAY)
    assert error.severity is Severity.ERROR and "its own answer TOWN" in error.message


def test_a_clue_repeated_within_a_ladder_is_an_error() -> None:
    report = lint_puzzle(town_ladder("A <> {} is worn to a dance"))
    [repeat] = of_kind(report, LintKind.REPEATED_CLUE)
    assert repeat.severity is Severity.ERROR and repeat.rung == 3
    assert "repeats rung 2's clue" in repeat.message


def test_an_accepted_warning_is_set_aside_and_errors_cannot_be_accepted() -> None:
    clue = "Change the first letter of <> to get {}, where a mayor works"
    open_report = lint_puzzle(town_ladder(clue))
    keys = [f.key for f in open_report.warnings]
    assert "competitor rung 3 down: DOWN" in keys

    accepted = lint_puzzle(town_ladder(clue, accept=keys))
    assert accepted.findings == []
    assert sorted(f.key for f in accepted.accepted) == sorted(keys)

    error_key = lint_puzzle(town_ladder("A <> {} is worn to a dance")).errors[0].key
    refused = lint_puzzle(
        town_ladder("A <> {} is worn to a dance", accept=[error_key, "competitor rung 9 up: X"])
    )
    assert [f.kind for f in refused.errors] == [LintKind.REPEATED_CLUE]
    stale = of_kind(refused, LintKind.STALE_ACCEPT)
    assert len(stale) == 2 and all(f.severity is Severity.WARNING for f in stale)
    assert "errors cannot be accepted" in stale[0].message


def test_the_transform_label_is_read_when_the_clue_is_free_form() -> None:
    report = lint_puzzle(
        town_ladder("A <> is worn where the {} crier calls", transforms={2: "G→T"})
    )
    # The label says which letter operation joins the words, so competitors are found,
    # but the clue's own words may define the answer: only a warning.
    competitors = of_kind(report, LintKind.COMPETITOR)
    assert competitors and all(f.severity is Severity.WARNING for f in competitors)


# ------------------------------------------------------------------ the command


def test_lint_command_names_file_rung_clue_and_competitors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = {
        "title": "Night Out",
        "difficulty": "easy",
        "ladder": [
            {"word": "SNOW", "clue": "A <> {} is thrown in winter"},
            {"word": "BALL", "clue": "A <> {} is worn to a dance"},
            {"word": "GOWN", "clue": "Change the first letter of <> to get {}"},
            {"word": "TOWN", "clue": "The mayor works in the <> {}"},
            {"word": "HALL"},
        ],
    }
    path = tmp_path / "night-out.yaml"
    path.write_text(yaml.safe_dump(data))
    assert lint_command([str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}: rung 3: error: going down, changing the first letter leads to DOWN" in out
    assert '(clue "Change the first letter of <> to get {}")' in out
    assert "competitor errors: 1" in out
    assert out.rstrip().endswith("1 puzzle: 1 error, 2 warnings, 0 accepted")


def test_lint_command_passes_warnings_and_reports_invalid_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = {
        "title": "Snow Day",
        "difficulty": "easy",
        "ladder": [
            {"word": "SNOW", "clue": "A <> {} is thrown in winter"},
            {"word": "BALL", "clue": "Dancers fill the <> {}"},
            {"word": "ROOM", "clue": "A <> {} shares your flat"},
            {"word": "MATE", "clue": "A ship's officer is a <>; so is a friend on a {}"},
            {"word": "SHIP"},
        ],
    }
    (tmp_path / "snow-day.yaml").write_text(yaml.safe_dump(good))
    assert lint_command([str(tmp_path)]) == 0
    assert capsys.readouterr().out.strip() == "1 puzzle: 0 errors, 0 warnings, 0 accepted"

    (tmp_path / "broken.yaml").write_text("title: [")
    assert lint_command([str(tmp_path)]) == 1
    assert "broken.yaml: YAML parse error" in capsys.readouterr().out
