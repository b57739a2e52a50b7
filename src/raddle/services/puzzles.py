"""Use cases of puzzles: list them, check a draft, write, import, export, hide, deal.

Hosts' own ladders live in the database as the file text they saved and go through
the same validator as files on disk, then through the linter. A ladder with a
validation or lint error is not saved; warnings are shown and may be accepted in the
file's ``accept`` list.
"""

from __future__ import annotations

import asyncio
import dataclasses
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from raddle.db import tables
from raddle.db.repositories import puzzles as puzzle_rows
from raddle.errors import Conflict, Invalid, NotFound
from raddle.puzzle_schemas import (
    CheckResult,
    FileFormat,
    Origin,
    PuzzleData,
    PuzzleDetail,
    PuzzleInfo,
)
from raddle.puzzles.library import TUTORIAL_SLUG, PuzzleLibrary, pack_directory
from raddle.puzzles.lint import LintReport, lint_puzzle
from raddle.puzzles.model import Puzzle
from raddle.puzzles.serialise import dump_puzzle, slug_from_title
from raddle.puzzles.validate import (
    PuzzleError,
    parse_puzzle,
    parse_puzzle_bytes,
    puzzle_format,
)
from raddle.services.kit.context import Context

#: How many ladders hosts may keep in the database.
MAX_HOST_PUZZLES = 1000
_HOST_SOURCE = "host:"


@dataclass(frozen=True)
class Library:
    """Every puzzle the server knows right now, and which ones the host hid."""

    puzzles: PuzzleLibrary
    host_slugs: frozenset[str]
    hidden: frozenset[str]

    def origin(self, puzzle: Puzzle) -> Origin:
        if puzzle.slug in self.host_slugs:
            return "host"
        return "pack" if _in_pack(puzzle.source) else "folder"

    def info(self, puzzle: Puzzle) -> PuzzleInfo:
        return _info(puzzle, self.origin(puzzle), puzzle.slug in self.hidden)

    def dealable(self) -> list[Puzzle]:
        """The puzzles a round may deal: not the tutorial, not the hidden ones."""
        return [p for p in self.puzzles.all() if p.slug not in self.hidden]


def _info(puzzle: Puzzle, origin: Origin, hidden: bool) -> PuzzleInfo:
    return PuzzleInfo(
        slug=puzzle.slug,
        title=puzzle.title,
        difficulty=puzzle.difficulty.value,
        rungs=puzzle.rung_count,
        author=puzzle.author,
        origin=origin,
        hidden=hidden,
    )


def _in_pack(source: str) -> bool:
    pack: Traversable = pack_directory()
    return Path(source).parent == Path(str(pack))


def _parse_text(text: str, fmt: FileFormat, slug: str) -> tuple[Puzzle | None, list[PuzzleError]]:
    return parse_puzzle(text, path=f"{slug}.{fmt}", fmt=fmt)


def _host_puzzle(row: tables.HostPuzzle) -> Puzzle | None:
    fmt: FileFormat = "yaml" if row.format == "yaml" else "json"
    puzzle, _ = _parse_text(row.text, fmt, row.slug)
    if puzzle is None:
        return None  # saved before a stricter validator: not dealt until it is fixed
    return dataclasses.replace(puzzle, source=f"{_HOST_SOURCE}{row.slug}")


async def load(ctx: Context, session: AsyncSession) -> Library:
    """The files' library plus the hosts' ladders, read in the caller's transaction."""
    library = PuzzleLibrary([*ctx.puzzles.all(), ctx.puzzles.tutorial()])
    rows = await puzzle_rows.all_host(session)
    for row in rows:
        puzzle = _host_puzzle(row)
        if puzzle is not None:
            library.add(puzzle)
    hidden = await puzzle_rows.hidden_slugs(session)
    return Library(library, frozenset(r.slug for r in rows), frozenset(hidden))


# ------------------------------------------------------------------ reading


async def list_puzzles(ctx: Context) -> list[PuzzleInfo]:
    """Every dealable puzzle (hidden ones included, marked), easy first, then by slug."""
    async with ctx.db.read() as session:
        library = await load(ctx, session)
    return [library.info(p) for p in library.puzzles.all()]


async def _known(ctx: Context, slug: str) -> tuple[Library, Puzzle]:
    async with ctx.db.read() as session:
        library = await load(ctx, session)
    puzzle = library.puzzles.get(slug)
    if puzzle is None or slug == TUTORIAL_SLUG:
        raise NotFound(f"There is no puzzle called {slug!r}.", "puzzle_not_found")
    return library, puzzle


async def get_puzzle(ctx: Context, slug: str) -> PuzzleDetail:
    library, puzzle = await _known(ctx, slug)
    return PuzzleDetail(
        info=library.info(puzzle),
        puzzle=PuzzleData.of(puzzle),
        editable=library.origin(puzzle) == "host",
    )


async def export_puzzle(ctx: Context, slug: str, fmt: FileFormat) -> tuple[str, str]:
    """The puzzle as a file: its name and its text."""
    _, puzzle = await _known(ctx, slug)
    return f"{puzzle.slug}.{fmt}", dump_puzzle(puzzle, fmt)


# ------------------------------------------------------------------ drafts


async def _lint(puzzle: Puzzle) -> LintReport:
    # Solving clues is CPU work (and the first call loads the word list): off the loop.
    return await asyncio.to_thread(lint_puzzle, puzzle)


async def _checked(
    puzzle: Puzzle | None, errors: list[PuzzleError]
) -> tuple[Puzzle | None, list[PuzzleError], LintReport | None]:
    report = await _lint(puzzle) if puzzle is not None else None
    return puzzle, errors, report


async def check_draft(text: str, fmt: FileFormat) -> CheckResult:
    """Validate and lint a draft as the host types it; nothing is saved."""
    return CheckResult.of(*(await _checked(*_parse_text(text, fmt, "draft"))))


async def check_upload(name: str, data: bytes) -> CheckResult:
    """Validate and lint an uploaded file exactly as a file on disk would be."""
    fmt = puzzle_format(Path(name))
    if fmt is None:
        raise Invalid("A puzzle file's name must end in .json, .yaml or .yml.", "bad_puzzle_file")
    # The slug comes from the title when the ladder is saved, so the file's own name
    # (which need not be a valid slug) only tells the format.
    parsed = parse_puzzle_bytes(data, path=f"upload.{fmt}", fmt=fmt)
    return CheckResult.of(*(await _checked(*parsed)))


def _refusal(errors: list[PuzzleError], report: LintReport | None) -> Invalid:
    if errors:
        lines = [str(e) if e.rung is None else f"rung {e.rung}: {e.message}" for e in errors]
        return Invalid("The puzzle is not valid: " + "; ".join(lines[:5]), "invalid_puzzle")
    assert report is not None
    lines = [f"rung {f.rung}: {f.message}" if f.rung else f.message for f in report.errors[:5]]
    return Invalid("Fix the lint errors first: " + "; ".join(lines), "puzzle_lint_errors")


async def _ready(text: str, fmt: FileFormat) -> Puzzle:
    puzzle, errors, report = await _checked(*_parse_text(text, fmt, "draft"))
    if puzzle is None or report is None or report.errors:
        raise _refusal(errors, report)
    return puzzle


# ------------------------------------------------------------------ writing


async def create_puzzle(ctx: Context, text: str, fmt: FileFormat) -> PuzzleInfo:
    """Save a host's new ladder under a slug made from its title."""
    puzzle = await _ready(text, fmt)
    base = slug_from_title(puzzle.title)
    async with ctx.change() as change:
        session = change.session
        taken = await puzzle_rows.host_slugs(session)
        if len(taken) >= MAX_HOST_PUZZLES:
            raise Conflict(f"Hosts may keep at most {MAX_HOST_PUZZLES} ladders.", "too_many")
        taken |= {p.slug for p in ctx.puzzles.all()} | {TUTORIAL_SLUG}
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        now = ctx.clock()
        await puzzle_rows.add_host(
            session,
            tables.HostPuzzle(
                slug=slug,
                title=puzzle.title,
                difficulty=puzzle.difficulty.value,
                format=fmt,
                text=text,
                created_at=now,
                updated_at=now,
            ),
        )
    return _info(dataclasses.replace(puzzle, slug=slug), "host", hidden=False)


async def _host_row(session: AsyncSession, ctx: Context, slug: str) -> tables.HostPuzzle:
    row = await puzzle_rows.host_by_slug(session, slug)
    if row is not None:
        return row
    if slug in ctx.puzzles and slug != TUTORIAL_SLUG:
        raise Conflict(
            "Bundled puzzles and puzzles from folders cannot be changed here; "
            "export one to start from a copy.",
            "not_editable",
        )
    raise NotFound(f"There is no puzzle called {slug!r}.", "puzzle_not_found")


async def update_puzzle(ctx: Context, slug: str, text: str, fmt: FileFormat) -> PuzzleInfo:
    """Replace a host's ladder; its slug stays, so rounds already played still match it."""
    puzzle = await _ready(text, fmt)
    async with ctx.change() as change:
        row = await _host_row(change.session, ctx, slug)
        row.title = puzzle.title
        row.difficulty = puzzle.difficulty.value
        row.format = fmt
        row.text = text
        row.updated_at = ctx.clock()
        hidden = slug in await puzzle_rows.hidden_slugs(change.session)
    return _info(dataclasses.replace(puzzle, slug=slug), "host", hidden)


async def delete_puzzle(ctx: Context, slug: str) -> None:
    async with ctx.change() as change:
        row = await _host_row(change.session, ctx, slug)
        await puzzle_rows.delete_host(change.session, row)
        await puzzle_rows.unhide(change.session, slug)


async def set_hidden(ctx: Context, slug: str, hidden: bool) -> PuzzleInfo:
    """Keep a puzzle out of every deal, or let it be dealt again."""
    async with ctx.change() as change:
        library = await load(ctx, change.session)
        puzzle = library.puzzles.get(slug)
        if puzzle is None or slug == TUTORIAL_SLUG:
            raise NotFound(f"There is no puzzle called {slug!r}.", "puzzle_not_found")
        if hidden:
            await puzzle_rows.hide(change.session, slug, ctx.clock())
        else:
            await puzzle_rows.unhide(change.session, slug)
    return _info(puzzle, library.origin(puzzle), hidden)
