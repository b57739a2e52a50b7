"""The puzzle library: the bundled pack, extra folders, and the tutorial kept apart."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from raddle.puzzles import library as library_module
from raddle.puzzles.library import PackError, PuzzleLibrary, load_library, load_pack
from raddle.puzzles.model import Difficulty, Puzzle, Rung


def puzzle_yaml(title: str, difficulty: str = "easy", words: tuple[str, ...] = ()) -> str:
    words = words or ("SNOW", "BALL", "GOWN", "TOWN", "HALL")
    ladder: list[dict[str, str]] = [{"word": w, "clue": "<> then {}"} for w in words]
    del ladder[-1]["clue"]
    return yaml.safe_dump({"title": title, "difficulty": difficulty, "ladder": ladder})


def test_the_bundled_pack_loads_with_no_errors() -> None:
    library = load_library()
    assert library.errors == []
    assert len(library.all()) >= 45
    _, errors = load_pack()
    assert errors == []


def test_all_is_sorted_by_difficulty_then_slug() -> None:
    puzzles = load_library().all()
    keys = [(p.difficulty.rank, p.slug) for p in puzzles]
    assert keys == sorted(keys)
    assert puzzles[0].difficulty is Difficulty.EASY
    assert puzzles[-1].difficulty is Difficulty.HARD


def test_the_tutorial_is_never_dealt() -> None:
    library = load_library()
    tutorial = library.tutorial()
    assert tutorial.slug == "tutorial"
    assert tutorial not in library.all()
    assert tutorial not in library.by_difficulty(Difficulty.EASY)
    assert library.get("tutorial") == tutorial


def test_by_difficulty_and_get() -> None:
    library = load_library()
    hard = library.by_difficulty("hard")
    assert hard and all(p.difficulty is Difficulty.HARD for p in hard)
    assert [p.slug for p in hard] == sorted(p.slug for p in hard)
    assert library.by_difficulty(Difficulty.HARD) == hard
    assert library.get(hard[0].slug) == hard[0]
    assert library.get("no-such-puzzle") is None
    assert hard[0].slug in library


def test_extra_folders_add_puzzles_and_later_folders_override(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "party-one.yaml").write_text(puzzle_yaml("First version"))
    (second / "party-one.yaml").write_text(puzzle_yaml("Second version", "hard"))
    (second / "easy-winter-formal.yaml").write_text(puzzle_yaml("Host's own"))
    library = load_library([first, second])
    assert library.errors == []
    one = library.get("party-one")
    assert one is not None and one.title == "Second version"
    assert one.difficulty is Difficulty.HARD and one in library.by_difficulty("hard")
    overridden = library.get("easy-winter-formal")
    assert overridden is not None and overridden.title == "Host's own"


def test_invalid_extra_files_are_skipped_and_their_errors_kept(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(puzzle_yaml("Good"))
    (tmp_path / "bad.yaml").write_text(puzzle_yaml("Bad", "impossible"))
    (tmp_path / "broken.json").write_text("{")
    library = load_library([tmp_path, tmp_path / "missing"])
    assert library.get("good") is not None
    assert library.get("bad") is None and library.get("broken") is None
    assert [str(e) for e in library.errors] == [
        f"{tmp_path / 'bad.yaml'}: difficulty: 'impossible' is not one of easy, medium, hard",
        f"{tmp_path / 'broken.json'}: JSON parse error at line 1, column 2: "
        "Expecting property name enclosed in double quotes",
        f"{tmp_path / 'missing'}: no such folder",
    ]


def test_two_files_with_one_slug_in_a_folder_keep_the_first(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "dup.yaml").write_text(puzzle_yaml("First"))
    (tmp_path / "sub" / "dup.yaml").write_text(puzzle_yaml("Second"))
    library = load_library([tmp_path])
    dup = library.get("dup")
    assert dup is not None and dup.title == "First"
    assert len(library.errors) == 1
    assert "already loaded from" in library.errors[0].message


def test_a_broken_bundled_pack_raises(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "tutorial.yaml").write_text(puzzle_yaml("Practice", "gentle"))
    monkeypatch.setattr(library_module, "pack_directory", lambda: tmp_path)
    with pytest.raises(PackError) as raised:
        load_library()
    assert "difficulty: 'gentle'" in str(raised.value)


def test_a_pack_without_a_tutorial_raises(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "easy-one.yaml").write_text(puzzle_yaml("One"))
    monkeypatch.setattr(library_module, "pack_directory", lambda: tmp_path)
    with pytest.raises(PackError, match=r"missing tutorial\.yaml"):
        load_library()


def test_a_library_without_a_tutorial_says_so() -> None:
    puzzle = Puzzle(
        slug="easy-x",
        title="X",
        author=None,
        difficulty=Difficulty.EASY,
        rungs=(Rung("A", "<>", None), Rung("B", None, None)),
        source="x",
    )
    library = PuzzleLibrary([puzzle])
    assert library.all() == [puzzle] and list(library) == [puzzle] and len(library) == 1
    with pytest.raises(LookupError):
        library.tutorial()
