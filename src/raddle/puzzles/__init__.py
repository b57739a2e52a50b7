"""Puzzles: the model, the strict file validator, the library and the bundled pack."""

from raddle.puzzles.library import PackError, PuzzleLibrary, load_library
from raddle.puzzles.model import Difficulty, Puzzle, Rung
from raddle.puzzles.validate import (
    PuzzleError,
    load_puzzle_file,
    parse_puzzle,
    validate_paths,
)

__all__ = [
    "Difficulty",
    "PackError",
    "Puzzle",
    "PuzzleError",
    "PuzzleLibrary",
    "Rung",
    "load_library",
    "load_puzzle_file",
    "parse_puzzle",
    "validate_paths",
]
