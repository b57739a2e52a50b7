"""The puzzle library: the bundled pack plus any folders the host adds."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from raddle.puzzles.model import Difficulty, Puzzle
from raddle.puzzles.validate import (
    PUZZLE_SUFFIXES,
    PuzzleError,
    load_puzzle_file,
    parse_puzzle_bytes,
    puzzle_files,
)

#: The slug of the practice ladder; it is never dealt in a round.
TUTORIAL_SLUG = "tutorial"


class PackError(RuntimeError):
    """The bundled pack is broken: a release bug, never the host's fault."""

    def __init__(self, errors: Sequence[PuzzleError]) -> None:
        self.errors = list(errors)
        lines = "\n".join(f"  {error}" for error in self.errors)
        super().__init__(f"the bundled puzzle pack is invalid:\n{lines}")


def _sort_key(puzzle: Puzzle) -> tuple[int, str]:
    return (puzzle.difficulty.rank, puzzle.slug)


class PuzzleLibrary:
    """Puzzles by slug. The tutorial is kept apart from the puzzles dealt in rounds."""

    def __init__(self, puzzles: Sequence[Puzzle] = (), errors: Sequence[PuzzleError] = ()) -> None:
        self._by_slug: dict[str, Puzzle] = {}
        #: Problems met while loading extra folders; those files were skipped.
        self.errors: list[PuzzleError] = list(errors)
        for puzzle in puzzles:
            self.add(puzzle)

    def add(self, puzzle: Puzzle) -> Puzzle | None:
        """Add a puzzle, replacing (and returning) any puzzle with the same slug."""
        replaced = self._by_slug.get(puzzle.slug)
        self._by_slug[puzzle.slug] = puzzle
        return replaced

    def get(self, slug: str) -> Puzzle | None:
        """The puzzle with this slug (the tutorial included), or None."""
        return self._by_slug.get(slug)

    def all(self) -> list[Puzzle]:
        """Every puzzle that may be dealt, by difficulty (easy first) then slug."""
        return sorted(
            (p for slug, p in self._by_slug.items() if slug != TUTORIAL_SLUG), key=_sort_key
        )

    def by_difficulty(self, difficulty: Difficulty | str) -> list[Puzzle]:
        """The puzzles of one difficulty that may be dealt, by slug."""
        wanted = Difficulty(difficulty)
        return [p for p in self.all() if p.difficulty is wanted]

    def tutorial(self) -> Puzzle:
        """The practice ladder of the tutorial screen."""
        puzzle = self._by_slug.get(TUTORIAL_SLUG)
        if puzzle is None:
            raise LookupError("the library has no tutorial puzzle")
        return puzzle

    def __len__(self) -> int:
        return len(self._by_slug)

    def __contains__(self, slug: object) -> bool:
        return slug in self._by_slug

    def __iter__(self) -> Iterator[Puzzle]:
        return iter(self.all())


def pack_directory() -> Traversable:
    """Where the bundled pack lives inside the installed package."""
    return resources.files("raddle.puzzles").joinpath("pack")


def load_pack() -> tuple[list[Puzzle], list[PuzzleError]]:
    """Parse every file of the bundled pack; returns the puzzles and any errors."""
    puzzles: list[Puzzle] = []
    errors: list[PuzzleError] = []
    entries = sorted((e for e in pack_directory().iterdir() if e.is_file()), key=lambda e: e.name)
    for entry in entries:
        fmt = PUZZLE_SUFFIXES.get(Path(entry.name).suffix.lower())
        if fmt is None or entry.name.startswith("."):
            continue
        puzzle, file_errors = parse_puzzle_bytes(entry.read_bytes(), path=str(entry), fmt=fmt)
        errors.extend(file_errors)
        if puzzle is not None:
            puzzles.append(puzzle)
    slugs = [p.slug for p in puzzles]
    for slug in sorted({s for s in slugs if slugs.count(s) > 1}):
        errors.append(PuzzleError(str(pack_directory()), None, f"two files share slug {slug!r}"))
    if TUTORIAL_SLUG not in slugs and not errors:
        errors.append(PuzzleError(str(pack_directory()), None, f"missing {TUTORIAL_SLUG}.yaml"))
    return puzzles, errors


def load_library(extra_dirs: Sequence[Path] = ()) -> PuzzleLibrary:
    """The bundled pack plus every puzzle file under ``extra_dirs``.

    A later folder overrides a puzzle of the same slug. Invalid files in extra
    folders are skipped and their errors kept in ``library.errors``; an invalid
    bundled pack raises `PackError`.
    """
    puzzles, errors = load_pack()
    if errors:
        raise PackError(errors)
    library = PuzzleLibrary(puzzles)
    for given in extra_dirs:
        directory = Path(given)
        if not directory.is_dir():
            library.errors.append(PuzzleError(str(directory), None, "no such folder"))
            continue
        loaded_here: dict[str, str] = {}
        for file in puzzle_files(directory):
            puzzle, file_errors = load_puzzle_file(file)
            if puzzle is None:
                library.errors.extend(file_errors)
                continue
            if puzzle.slug in loaded_here:
                library.errors.append(
                    PuzzleError(
                        str(file),
                        None,
                        f"slug {puzzle.slug!r} was already loaded from "
                        f"{loaded_here[puzzle.slug]} in the same folder; skipped",
                    )
                )
                continue
            loaded_here[puzzle.slug] = str(file)
            library.add(puzzle)
    return library
