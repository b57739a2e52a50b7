"""The wire shapes of the host's puzzle endpoints: listing, drafts, lint, the editor."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from raddle.puzzles.lint import LintFinding, LintReport
from raddle.puzzles.model import Puzzle
from raddle.puzzles.validate import MAX_FILE_BYTES, PuzzleError
from raddle.wire.base import Wire

Origin = Literal["pack", "folder", "host"]
FileFormat = Literal["yaml", "json"]


class PuzzleText(BaseModel):
    """A puzzle file's text as the editor or an import sends it."""

    # A JSON string may escape each character of the file, so room for twice its size.
    text: str = Field(max_length=2 * MAX_FILE_BYTES)
    format: FileFormat = "json"


class HiddenBody(BaseModel):
    hidden: bool


class PuzzleInfo(Wire):
    slug: str
    title: str
    difficulty: str
    rungs: int
    author: str | None = None
    origin: Origin = "pack"
    hidden: bool = False


class RungData(Wire):
    word: str
    clue: str | None = None
    transform: str | None = None


class PuzzleData(Wire):
    """A whole puzzle, as the editor shows it."""

    title: str
    author: str | None
    note: str | None
    difficulty: str
    ladder: list[RungData]
    accept: list[str]

    @classmethod
    def of(cls, puzzle: Puzzle) -> PuzzleData:
        return cls(
            title=puzzle.title,
            author=puzzle.author,
            note=puzzle.note,
            difficulty=puzzle.difficulty.value,
            ladder=[
                RungData(word=r.word, clue=r.clue, transform=r.transform) for r in puzzle.rungs
            ],
            accept=list(puzzle.accept),
        )


class PuzzleDetail(Wire):
    info: PuzzleInfo
    puzzle: PuzzleData
    editable: bool


class Problem(Wire):
    """One validation error: the 1-based rung it concerns (or none) and what is wrong."""

    rung: int | None
    message: str

    @classmethod
    def of(cls, error: PuzzleError) -> Problem:
        return cls(rung=error.rung, message=error.message)


class LintNote(Wire):
    """One lint finding; ``key`` is what the file lists under ``accept`` to accept it."""

    rung: int | None
    severity: Literal["error", "warning"]
    kind: str
    message: str
    clue: str | None
    words: list[str]
    key: str

    @classmethod
    def of(cls, finding: LintFinding) -> LintNote:
        return cls(
            rung=finding.rung,
            severity=finding.severity.value,
            kind=finding.kind.value,
            message=finding.message,
            clue=finding.clue,
            words=list(finding.words),
            key=finding.key,
        )


class CheckResult(Wire):
    """What the editor shows as the host types: the file's errors, then the lint."""

    valid: bool = Field(description="the file is a well-formed puzzle")
    ready: bool = Field(description="valid and no lint errors: it can be saved and dealt")
    errors: list[Problem]
    lint: list[LintNote]
    accepted: list[LintNote]
    puzzle: PuzzleData | None

    @classmethod
    def of(
        cls, puzzle: Puzzle | None, errors: list[PuzzleError], report: LintReport | None
    ) -> CheckResult:
        lint = [LintNote.of(f) for f in report.findings] if report else []
        return cls(
            valid=puzzle is not None,
            ready=puzzle is not None and not any(n.severity == "error" for n in lint),
            errors=[Problem.of(e) for e in errors],
            lint=lint,
            accepted=[LintNote.of(f) for f in report.accepted] if report else [],
            puzzle=PuzzleData.of(puzzle) if puzzle is not None else None,
        )
