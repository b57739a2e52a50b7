"""`raddle puzzles validate|lint|list`: the command bodies."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from raddle.puzzles.library import PackError, load_library, load_pack
from raddle.puzzles.lint import LintReport, Severity, lint_puzzle
from raddle.puzzles.model import Puzzle
from raddle.puzzles.validate import PuzzleError, check_paths


def validate_command(paths: Sequence[str]) -> int:
    """Validate puzzle files and folders (the bundled pack when none are given).

    Prints every error, then "ok: N puzzles" when there are none. Returns the
    exit code: 0 when everything is valid, 1 otherwise.
    """
    if paths:
        puzzles, errors = check_paths([Path(p) for p in paths])
    else:
        puzzles, errors = load_pack()
    for error in errors:
        print(error)
    if errors:
        files = len({error.path for error in errors})
        print(
            f"{len(errors)} error{'s' if len(errors) != 1 else ''} "
            f"in {files} file{'s' if files != 1 else ''}"
        )
        return 1
    print(f"ok: {len(puzzles)} puzzle{'s' if len(puzzles) != 1 else ''}")
    return 0


def list_command(extra_dirs: Sequence[str | Path] = ()) -> int:
    """Print a table of the library: slug, difficulty, rungs, title.

    Dealable puzzles come first (by difficulty, then slug), then the tutorial.
    Files skipped from extra folders are reported after the table, and make the
    exit code 1.
    """
    try:
        library = load_library([Path(d) for d in extra_dirs])
    except PackError as exc:
        for error in exc.errors:
            print(error)
        return 1
    puzzles = [*library.all(), library.tutorial()]
    rows = [("SLUG", "DIFFICULTY", "RUNGS", "TITLE")]
    rows += [(p.slug, p.difficulty.value, str(p.rung_count), p.title) for p in puzzles]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for slug, difficulty, rungs, title in rows:
        print(f"{slug:<{widths[0]}}  {difficulty:<{widths[1]}}  {rungs:>{widths[2]}}  {title}")
    for error in library.errors:
        print(f"skipped: {error}")
    return 1 if library.errors else 0


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"


def lint_command(paths: Sequence[str], extra_dirs: Sequence[str | Path] = ()) -> int:
    """Validate, then lint, puzzle files and folders.

    With no paths: the bundled pack (the tutorial included) plus the folders in
    ``extra_dirs``. Prints every finding, then counts by kind. Returns 0 when there is
    no error (warnings alone pass), 1 otherwise.
    """
    puzzles: list[Puzzle]
    invalid: list[PuzzleError]
    if paths:
        puzzles, invalid = check_paths([Path(p) for p in paths])
    else:
        puzzles, invalid = load_pack()
        if extra_dirs:
            more, more_invalid = check_paths([Path(d) for d in extra_dirs])
            puzzles += more
            invalid += more_invalid
    for problem in invalid:
        print(f"{problem}  (invalid file)")
    reports: list[LintReport] = [lint_puzzle(puzzle) for puzzle in puzzles]
    for report in reports:
        for finding in report.findings:
            print(finding)
    errors = [f for r in reports for f in r.findings if f.severity is Severity.ERROR]
    warnings = [f for r in reports for f in r.findings if f.severity is Severity.WARNING]
    accepted = sum(len(r.accepted) for r in reports)
    kinds = Counter((f.kind.value, f.severity.value) for r in reports for f in r.findings)
    for (kind, severity), count in sorted(kinds.items()):
        print(f"  {kind} {severity}s: {count}")
    print(
        f"{_plural(len(puzzles), 'puzzle')}: {_plural(len(errors) + len(invalid), 'error')}, "
        f"{_plural(len(warnings), 'warning')}, {accepted} accepted"
    )
    return 1 if errors or invalid else 0
