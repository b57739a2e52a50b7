"""The puzzle file validator: strict, explains every error, reports them all.

Each test reads as one rule of the puzzle file format.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Literal

import pytest
import yaml

from raddle.puzzles.model import Difficulty, Puzzle, Rung
from raddle.puzzles.validate import (
    MAX_FILE_BYTES,
    PuzzleError,
    check_paths,
    load_puzzle_file,
    parse_puzzle,
    validate_paths,
    word_problems,
)

PATH = "pack/easy-cold-snap.yaml"

VALID: dict[str, Any] = {
    "title": "Cold Snap",
    "author": "Tester",
    "difficulty": "easy",
    "ladder": [
        {"word": "SNOW", "clue": "<> + {} = a wintry missile", "transform": "compound"},
        {"word": "BALL", "clue": "A <> {} is worn to a dance"},
        {"word": "GOWN", "clue": "Change the first letter of <> to get {}", "transform": "G→T"},
        {"word": "TOWN", "clue": "The mayor works in the <> {}"},
        {"word": "HALL"},
    ],
}

REMOVE = object()


def variant(top: dict[str, Any] | None = None, **rungs: dict[str, Any]) -> dict[str, Any]:
    """VALID with some top-level keys and some rungs (``r1`` ... ``r5``) changed."""
    data = copy.deepcopy(VALID)
    for key, value in (top or {}).items():
        if value is REMOVE:
            del data[key]
        else:
            data[key] = value
    for name, changes in rungs.items():
        rung = data["ladder"][int(name[1:]) - 1]
        for key, value in changes.items():
            if value is REMOVE:
                rung.pop(key, None)
            else:
                rung[key] = value
    return data


def yaml_errors(data: dict[str, Any], path: str = PATH) -> list[PuzzleError]:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    return parse_puzzle(text, path=path, fmt="yaml")[1]


def yaml_text_errors(text: str) -> list[PuzzleError]:
    return parse_puzzle(text, path=PATH, fmt="yaml")[1]


def messages(errors: list[PuzzleError]) -> list[tuple[int | None, str]]:
    return [(e.rung, e.message) for e in errors]


def raw_ladder(word4: str = '"TOWN"', clue4: str = '"The mayor works in the <> {}"') -> str:
    """A YAML file written by hand, with rung 4's word and clue given as raw YAML."""
    return (
        "title: Cold Snap\n"
        "difficulty: easy\n"
        "ladder:\n"
        '  - word: "SNOW"\n'
        '    clue: "<> + {} = a wintry missile"\n'
        '  - word: "BALL"\n'
        '    clue: "A <> {} is worn to a dance"\n'
        '  - word: "GOWN"\n'
        '    clue: "Change the first letter of <> to get {}"\n'
        f"  - word: {word4}\n"
        f"    clue: {clue4}\n"
        '  - word: "HALL"\n'
    )


# ------------------------------------------------------------------ valid files


def test_a_valid_yaml_file_becomes_a_puzzle() -> None:
    puzzle, errors = parse_puzzle(yaml.safe_dump(VALID, allow_unicode=True), path=PATH, fmt="yaml")
    assert errors == []
    assert puzzle == Puzzle(
        slug="easy-cold-snap",
        title="Cold Snap",
        author="Tester",
        difficulty=Difficulty.EASY,
        rungs=(
            Rung("SNOW", "<> + {} = a wintry missile", "compound"),
            Rung("BALL", "A <> {} is worn to a dance", None),
            Rung("GOWN", "Change the first letter of <> to get {}", "G→T"),
            Rung("TOWN", "The mayor works in the <> {}", None),
            Rung("HALL", None, None),
        ),
        source=PATH,
    )


def test_json_and_yaml_give_the_same_puzzle() -> None:
    from_yaml, _ = parse_puzzle(yaml.safe_dump(VALID), path="a/easy-x.yaml", fmt="yaml")
    from_json, errors = parse_puzzle(json.dumps(VALID), path="a/easy-x.json", fmt="json")
    assert errors == []
    assert from_json is not None and from_yaml is not None
    assert from_json.rungs == from_yaml.rungs
    assert from_json.slug == from_yaml.slug == "easy-x"


def test_author_is_optional_and_the_lower_word_mark_too() -> None:
    data = variant({"author": REMOVE}, r2={"clue": "A <> to dance in"})
    puzzle, errors = parse_puzzle(yaml.safe_dump(data), path=PATH, fmt="yaml")
    assert errors == []
    assert puzzle is not None and puzzle.author is None


@pytest.mark.parametrize(
    "word", ["NEW YORK", "X-RAY", "ROCK 'N' ROLL", "O'CLOCK", "CAFÉ", "24-7", "1e3", "über"]
)
def test_words_may_hold_letters_digits_and_single_separators(word: str) -> None:
    assert word_problems(word) == []


def test_words_are_kept_exactly_as_written() -> None:
    data = variant(
        r1={"word": "snow"}, r2={"word": "ball"}, r3={"word": "gown"}, r4={"word": "town"}
    )
    data["ladder"][4]["word"] = "hall"
    puzzle, errors = parse_puzzle(yaml.safe_dump(data), path=PATH, fmt="yaml")
    assert errors == []
    assert puzzle is not None and puzzle.words == ("snow", "ball", "gown", "town", "hall")


def test_a_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "easy-bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(VALID).encode())
    puzzle, errors = load_puzzle_file(path)
    assert errors == [] and puzzle is not None


# ------------------------------------------------------------------ error format


def test_an_error_reads_path_rung_message() -> None:
    assert str(PuzzleError("a.yaml", 4, "clue: missing <>")) == "a.yaml: rung 4: clue: missing <>"
    assert str(PuzzleError("a.yaml", None, "missing title")) == "a.yaml: missing title"


def test_every_error_in_a_file_is_reported_not_only_the_first() -> None:
    data = variant(
        {"difficulty": "extreme"},
        r2={"clue": "no marks"},
        r3={"word": "GO WN!"},
        r4={"clue": REMOVE},
    )
    assert messages(yaml_errors(data)) == [
        (None, "difficulty: 'extreme' is not one of easy, medium, hard"),
        (2, "clue: missing <> (where the upper word goes)"),
        (
            3,
            "word: 'GO WN!' contains '!'; a word may hold only letters, digits, "
            "single spaces, hyphens and apostrophes",
        ),
        (4, "missing clue: every rung but the last needs a clue to the rung below"),
    ]


# ------------------------------------------------------------------ clues


def test_a_clue_must_contain_the_upper_word_mark() -> None:
    errors = yaml_errors(variant(r3={"clue": "Change the first letter to get {}"}))
    assert messages(errors) == [(3, "clue: missing <> (where the upper word goes)")]


def test_a_clue_may_not_hold_stray_marks() -> None:
    errors = yaml_errors(variant(r2={"clue": "A <> {0} is worn"}))
    assert messages(errors) == [
        (2, "clue: stray { }; write <> for the upper word and {} for the lower word")
    ]


def test_every_rung_but_the_last_needs_a_clue() -> None:
    errors = yaml_errors(variant(r2={"clue": REMOVE}))
    assert messages(errors) == [
        (2, "missing clue: every rung but the last needs a clue to the rung below")
    ]


def test_an_empty_clue_counts_as_missing() -> None:
    errors = yaml_text_errors(raw_ladder(clue4=""))
    assert messages(errors) == [
        (4, "missing clue: every rung but the last needs a clue to the rung below")
    ]


def test_the_last_rung_has_no_clue() -> None:
    data = variant()
    data["ladder"][4]["clue"] = "<> is the end"
    assert messages(yaml_errors(data)) == [
        (5, "the last rung must not have a clue: there is no rung below it to lead to")
    ]


def test_the_last_rung_has_no_transform() -> None:
    data = variant()
    data["ladder"][4]["transform"] = "anagram"
    assert messages(yaml_errors(data)) == [
        (5, "the last rung has no step below it, so it cannot have a transform")
    ]


def test_clues_and_transforms_have_length_limits() -> None:
    errors = yaml_errors(variant(r1={"clue": "<> " + "x" * 200, "transform": "y" * 31}))
    assert messages(errors) == [
        (1, "clue: is 203 characters long; the limit is 200"),
        (1, "transform: is 31 characters long; the limit is 30"),
    ]


def test_a_clue_is_one_line_without_surrounding_spaces() -> None:
    errors = yaml_errors(variant(r1={"clue": "<> +\n{} = a missile"}, r2={"clue": " <> {} "}))
    assert messages(errors) == [
        (1, "clue: contains a line break or another control character"),
        (2, "clue: has spaces or a line break at the start or end"),
    ]


# ------------------------------------------------------------------ words


@pytest.mark.parametrize(
    ("word", "problem"),
    [
        ("", "is empty"),
        ("SNOW!", "'SNOW!' contains '!'"),
        ("SNOW_BALL", "'SNOW_BALL' contains '_'"),
        ("NEW\tYORK", "'NEW\\tYORK' contains '\\t'"),
        ("NEW  YORK", "'NEW  YORK' has '  '; separators must be single"),
        ("SNOW--BALL", "'SNOW--BALL' has '--'; separators must be single"),
        ("SNOW -BALL", "'SNOW -BALL' has ' -'; separators must be single"),
        ("-SNOW", "'-SNOW' must not start or end with a space, hyphen or apostrophe"),
        ("SNOW'", '"SNOW\'" must not start or end with a space, hyphen or apostrophe'),
        ("A" * 31, "is 31 characters long; the limit is 30"),
        ("ΑΒΓ", "'ΑΒΓ' has no letters A-Z or digits once accents are removed"),
    ],
)
def test_bad_word_shapes_are_explained(word: str, problem: str) -> None:
    assert any(p.startswith(problem) for p in word_problems(word)), word_problems(word)


def test_a_word_needs_a_letter_or_digit() -> None:
    assert "'-' must contain at least one letter or digit" in word_problems("-")


def test_a_bad_word_is_reported_on_its_rung() -> None:
    errors = yaml_errors(variant(r4={"word": "TOWN HALL!"}))
    assert [e.rung for e in errors] == [4]
    assert errors[0].message.startswith("word: 'TOWN HALL!' contains '!'")


def test_consecutive_rungs_must_differ_ignoring_case_and_punctuation() -> None:
    errors = yaml_errors(variant(r2={"word": "S-now"}))
    assert (
        2,
        "word 'S-now' is the same as the rung above (ignoring case, accents and punctuation)",
    ) in messages(errors)


def test_a_word_may_not_repeat_anywhere_in_the_ladder() -> None:
    errors = yaml_errors(variant(r4={"word": "SNOW"}))
    assert messages(errors) == [(4, "word 'SNOW' repeats rung 1")]


def test_words_are_stored_in_one_consistent_case() -> None:
    errors = yaml_errors(variant(r3={"word": "gown"}, r4={"word": "Town"}))
    assert messages(errors) == [
        (
            3,
            "word 'gown' is in lower case but rung 1 is in upper case; "
            "store every word of a ladder in the same case",
        ),
        (
            4,
            "word 'Town' is in mixed case but rung 1 is in upper case; "
            "store every word of a ladder in the same case",
        ),
    ]


# ------------------------------------------------------------------ the ladder


@pytest.mark.parametrize(("count", "plural"), [(0, "s"), (1, ""), (4, "s"), (21, "s")])
def test_a_ladder_has_5_to_20_rungs(count: int, plural: str) -> None:
    ladder = [{"word": f"W{i}", "clue": "<> then {}"} for i in range(count)]
    if ladder:
        del ladder[-1]["clue"]
    errors = yaml_errors(variant({"ladder": ladder}))
    assert messages(errors) == [(None, f"ladder has {count} rung{plural}; a ladder needs 5 to 20")]


def test_twenty_rungs_is_fine() -> None:
    ladder = [{"word": f"W{i}", "clue": "<> then {}"} for i in range(20)]
    del ladder[-1]["clue"]
    assert yaml_errors(variant({"ladder": ladder})) == []


def test_the_ladder_must_be_a_list_of_mappings() -> None:
    assert messages(yaml_errors(variant({"ladder": "SNOW BALL"}))) == [
        (None, "ladder: got a string; expected a list of rungs")
    ]
    data = variant()
    data["ladder"][1] = "BALL"
    assert messages(yaml_errors(data)) == [
        (2, "a rung must be a mapping with word and clue; got a string ('BALL')")
    ]


def test_the_file_must_be_a_mapping() -> None:
    assert messages(yaml_text_errors("- SNOW\n- BALL\n")) == [
        (None, "the file must hold a mapping with title, difficulty and ladder; got a list")
    ]
    assert messages(yaml_text_errors("")) == [
        (None, "the file must hold a mapping with title, difficulty and ladder; got nothing")
    ]


# ------------------------------------------------------------------ keys and header


def test_title_difficulty_and_ladder_are_required() -> None:
    errors = yaml_errors(variant({"title": REMOVE, "difficulty": REMOVE, "ladder": REMOVE}))
    assert messages(errors) == [
        (None, "missing title"),
        (None, "missing difficulty (one of easy, medium, hard)"),
        (None, "missing ladder (a list of rungs, each with word and clue)"),
    ]


@pytest.mark.parametrize("difficulty", ["extreme", "Easy", "EASY", ""])
def test_difficulty_is_easy_medium_or_hard(difficulty: str) -> None:
    errors = yaml_errors(variant({"difficulty": difficulty}))
    assert messages(errors) == [
        (None, f"difficulty: {difficulty!r} is not one of easy, medium, hard")
    ]


def test_the_title_must_not_be_empty() -> None:
    assert messages(yaml_errors(variant({"title": "  "}))) == [(None, "title: is empty")]


def test_unknown_keys_are_errors_with_a_suggestion() -> None:
    errors = yaml_errors(variant({"titel": "x"}, r2={"cleu": "x"}))
    assert messages(errors) == [
        (
            None,
            "unknown key 'titel'; allowed keys: title, author, note, difficulty, ladder, accept "
            "(did you mean 'title'?)",
        ),
        (2, "unknown key 'cleu'; allowed keys: word, clue, transform (did you mean 'clue'?)"),
    ]


def test_the_file_name_is_the_slug() -> None:
    errors = yaml_errors(VALID, path="pack/Cold Snap.yaml")
    assert messages(errors) == [
        (
            None,
            "file name 'Cold Snap' is not a valid puzzle slug: use lowercase letters a-z, "
            "digits and single hyphens (e.g. 'easy-cold-snap.yaml')",
        )
    ]


# ------------------------------------------------------------------ YAML 1.1 surprises


def test_no_read_as_false_is_explained_with_its_rung() -> None:
    errors = yaml_text_errors(raw_ladder(word4="NO"))
    assert [str(e) for e in errors] == [
        f'{PATH}: rung 4: word: got a boolean (YAML reads NO as false); quote it: "NO"'
    ]


@pytest.mark.parametrize(
    ("raw", "explanation"),
    [
        ("YES", 'got a boolean (YAML reads YES as true); quote it: "YES"'),
        ("ON", 'got a boolean (YAML reads ON as true); quote it: "ON"'),
        ("OFF", 'got a boolean (YAML reads OFF as false); quote it: "OFF"'),
        ("TRUE", 'got a boolean (YAML reads TRUE as true); quote it: "TRUE"'),
        ("NULL", 'got null (YAML reads NULL as null); quote it: "NULL"'),
        ("~", 'got null (YAML reads ~ as null); quote it: "~"'),
        ("0755", 'got a number (YAML reads 0755 as 493); quote it: "0755"'),
        ("1.5e+3", 'got a number (YAML reads 1.5e+3 as 1500.0); quote it: "1.5e+3"'),
        ("12", 'got a number (12); quote it: "12"'),
        ("1_000", 'got a number (YAML reads 1_000 as 1000); quote it: "1_000"'),
        ("2024-01-31", 'got a date (YAML reads 2024-01-31 as a date); quote it: "2024-01-31"'),
    ],
)
def test_yaml_non_strings_in_a_word_are_explained(raw: str, explanation: str) -> None:
    errors = yaml_text_errors(raw_ladder(word4=raw))
    assert messages(errors) == [(4, f"word: {explanation}")]


def test_yaml_non_strings_in_clue_title_and_transform_are_explained() -> None:
    text = raw_ladder(clue4="yes").replace("title: Cold Snap", "title: 1984")
    text = text.replace(
        '    clue: "<> + {} = a wintry missile"\n',
        '    clue: "<> + {} = a wintry missile"\n    transform: off\n',
    )
    assert messages(yaml_text_errors(text)) == [
        (None, 'title: got a number (1984); quote it: "1984"'),
        (1, 'transform: got a boolean (YAML reads off as false); quote it: "off"'),
        (4, 'clue: got a boolean (YAML reads yes as true); quote it: "yes"'),
    ]


def test_a_word_with_no_value_is_explained() -> None:
    errors = yaml_text_errors(raw_ladder(word4=""))
    assert messages(errors) == [
        (4, "word: got nothing (the value is empty); write the text in quotes")
    ]


def test_json_non_strings_are_explained() -> None:
    data = variant(r2={"word": True}, r3={"clue": 7})
    _, errors = parse_puzzle(json.dumps(data), path="easy-x.json", fmt="json")
    assert messages(errors) == [
        (2, "word: got a boolean (true); write it as a string in quotes"),
        (3, "clue: got a number (7); write it as a string in quotes"),
    ]


def test_duplicate_yaml_keys_are_errors_with_line_numbers() -> None:
    text = raw_ladder().replace('  - word: "BALL"\n', '  - word: "BALL"\n    word: "BELL"\n')
    text = "difficulty: easy\n" + text
    assert messages(yaml_text_errors(text)) == [
        (
            None,
            "duplicate key 'difficulty' at line 3: each key may appear once per mapping "
            "(YAML would silently keep only the last one)",
        ),
        (
            None,
            "duplicate key 'word' at line 8: each key may appear once per mapping "
            "(YAML would silently keep only the last one)",
        ),
    ]


def test_duplicate_json_keys_are_errors() -> None:
    text = json.dumps(VALID).replace('"title": "Cold Snap"', '"title": "A", "title": "B"')
    _, errors = parse_puzzle(text, path="easy-x.json", fmt="json")
    assert messages(errors) == [(None, "duplicate key 'title': each key may appear once")]


def test_yaml_parse_errors_give_the_line() -> None:
    text = raw_ladder(word4='"TOWN"\n   bad: indent')  # line 11 is indented wrongly
    assert messages(yaml_text_errors(text)) == [
        (
            None,
            "YAML parse error at line 11, column 4: while parsing a block collection; "
            "expected <block end>, but found '<block mapping start>'",
        )
    ]


def test_json_parse_errors_give_the_line() -> None:
    text = json.dumps(VALID, indent=2).replace('"difficulty": "easy",', '"difficulty": "easy"')
    _, errors = parse_puzzle(text, path="easy-x.json", fmt="json")
    assert messages(errors) == [
        (None, "JSON parse error at line 5, column 3: Expecting ',' delimiter")
    ]


def test_yaml_with_python_tags_or_two_documents_is_refused() -> None:
    (tagged,) = yaml_text_errors("title: !!python/object:os.system 'ls'\n")
    assert tagged.message.startswith("YAML parse error at line 1")
    (two_docs,) = yaml_text_errors("title: a\n---\ntitle: b\n")
    assert two_docs.message.startswith("YAML parse error at line 2")


# ------------------------------------------------------------------ files


def test_files_over_256_kib_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "easy-big.yaml"
    path.write_text("# " + "x" * MAX_FILE_BYTES + "\n" + yaml.safe_dump(VALID))
    puzzle, errors = load_puzzle_file(path)
    assert puzzle is None
    assert messages(errors) == [(None, "file is 256.3 KiB; a puzzle file may be at most 256 KiB")]
    _, errors = parse_puzzle(path.read_text(), path=str(path), fmt="yaml")
    assert messages(errors) == [(None, "file is 256.3 KiB; a puzzle file may be at most 256 KiB")]


def test_non_utf8_files_are_refused_with_the_line(tmp_path: Path) -> None:
    path = tmp_path / "easy-latin1.yaml"
    path.write_bytes(raw_ladder(word4='"CAFÉ"').encode("latin-1"))
    puzzle, errors = load_puzzle_file(path)
    assert puzzle is None
    assert messages(errors) == [
        (None, "not valid UTF-8: byte 0xc9 at line 10 (byte offset 237); save the file as UTF-8")
    ]


def test_only_json_yaml_and_yml_files_are_puzzles(tmp_path: Path) -> None:
    (tmp_path / "easy-a.yml").write_text(yaml.safe_dump(VALID))
    puzzle, errors = load_puzzle_file(tmp_path / "easy-a.yml")
    assert errors == [] and puzzle is not None and puzzle.slug == "easy-a"
    (tmp_path / "easy-a.txt").write_text(yaml.safe_dump(VALID))
    _, errors = load_puzzle_file(tmp_path / "easy-a.txt")
    assert messages(errors) == [
        (None, "not a puzzle file: the name must end in .json, .yaml or .yml")
    ]


def test_a_missing_file_is_an_error(tmp_path: Path) -> None:
    _, errors = load_puzzle_file(tmp_path / "easy-gone.yaml")
    assert messages(errors) == [(None, "cannot read the file: No such file or directory")]


def test_validate_paths_walks_folders(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "easy-a.yaml").write_text(yaml.safe_dump(VALID))
    (tmp_path / "sub" / "easy-b.json").write_text(json.dumps(VALID))
    (tmp_path / "sub" / "easy-c.yml").write_text(yaml.safe_dump(variant({"difficulty": "x"})))
    (tmp_path / "notes.txt").write_text("not a puzzle")
    (tmp_path / ".hidden.yaml").write_text("broken: [")
    puzzles, errors = check_paths([tmp_path])
    assert sorted(p.slug for p in puzzles) == ["easy-a", "easy-b"]
    assert [str(e) for e in errors] == [
        f"{tmp_path / 'sub' / 'easy-c.yml'}: difficulty: 'x' is not one of easy, medium, hard"
    ]
    assert validate_paths([tmp_path]) == errors
    assert validate_paths([tmp_path / "easy-a.yaml"]) == []


def test_validate_paths_reports_missing_paths_empty_folders_and_shared_slugs(
    tmp_path: Path,
) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "pack" / "sub").mkdir(parents=True)
    (tmp_path / "pack" / "easy-a.yaml").write_text(yaml.safe_dump(VALID))
    (tmp_path / "pack" / "sub" / "easy-a.json").write_text(json.dumps(VALID))
    errors = validate_paths([tmp_path / "nope", tmp_path / "empty", tmp_path / "pack"])
    assert [str(e) for e in errors] == [
        f"{tmp_path / 'nope'}: no such file or folder",
        f"{tmp_path / 'empty'}: no puzzle files (.json, .yaml, .yml) here",
        f"{tmp_path / 'pack' / 'sub' / 'easy-a.json'}: slug 'easy-a' is already used by "
        f"{tmp_path / 'pack' / 'easy-a.yaml'}",
    ]


def test_a_control_character_in_yaml_text_is_an_error_not_a_crash() -> None:
    errors = yaml_text_errors("title: Cold\u0082Snap\n")
    assert messages(errors) == [
        (None, "YAML parse error at line 1: character U+0082 is not allowed in a YAML file")
    ]


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_text_that_is_not_valid_unicode_is_an_error(fmt: Literal["yaml", "json"]) -> None:
    # Only text sent as JSON with a lone surrogate escape can hold such a character.
    text = '{"title": "Cold\ud800Snap"}'
    _, errors = parse_puzzle(text, path=f"easy-x.{fmt}", fmt=fmt)
    assert messages(errors) == [(None, "line 1 holds a character that is not valid Unicode")]
