"""`raddle puzzles validate` and `raddle puzzles list`: output and exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from raddle.puzzles.cli import list_command, validate_command

GOOD = {
    "title": "Snow Day",
    "difficulty": "medium",
    "ladder": [{"word": w, "clue": "<> then {}"} for w in ("A", "B", "C", "D")] + [{"word": "E"}],
}


def test_validate_prints_ok_and_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "snow-day.yaml").write_text(yaml.safe_dump(GOOD))
    (tmp_path / "snow-night.yaml").write_text(yaml.safe_dump(GOOD))
    assert validate_command([str(tmp_path)]) == 0
    assert capsys.readouterr().out == "ok: 2 puzzles\n"


def test_validate_prints_each_error_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = dict(GOOD, difficulty="extreme", title="")
    (tmp_path / "bad.yaml").write_text(yaml.safe_dump(bad))
    (tmp_path / "good.yaml").write_text(yaml.safe_dump(GOOD))
    assert validate_command([str(tmp_path), str(tmp_path / "missing.yaml")]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{tmp_path / 'bad.yaml'}: title: is empty",
        f"{tmp_path / 'bad.yaml'}: difficulty: 'extreme' is not one of easy, medium, hard",
        f"{tmp_path / 'missing.yaml'}: no such file or folder",
        "3 errors in 2 files",
    ]


def test_validate_with_no_paths_checks_the_bundled_pack(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert validate_command([]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ok: ") and int(out.split()[1]) >= 151


def test_list_prints_a_table_with_the_tutorial_last(capsys: pytest.CaptureFixture[str]) -> None:
    assert list_command([]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["SLUG", "DIFFICULTY", "RUNGS", "TITLE"]
    assert lines[1].split()[:3] == ["easy-after-the-storm", "easy", "7"]
    assert lines[-1].split()[:3] == ["tutorial", "easy", "5"]
    assert any(line.split()[:2] == ["hard-the-long-way-round", "hard"] for line in lines)


def test_list_includes_extra_folders_and_reports_skipped_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "snow-day.yaml").write_text(yaml.safe_dump(GOOD))
    (tmp_path / "broken.yaml").write_text("title: [")
    assert list_command([str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert any(line.split()[:3] == ["snow-day", "medium", "5"] for line in out.splitlines())
    assert f"skipped: {tmp_path / 'broken.yaml'}: YAML parse error at line 1" in out
