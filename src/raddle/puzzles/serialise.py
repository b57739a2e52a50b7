"""Writing puzzles back out as files, and naming the ladders hosts write."""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

from raddle.puzzles.model import Puzzle
from raddle.puzzles.validate import Format

MAX_SLUG_CHARS = 60


def puzzle_data(puzzle: Puzzle) -> dict[str, Any]:
    """The puzzle as the mapping a puzzle file holds, keys in the documented order."""
    data: dict[str, Any] = {"title": puzzle.title}
    if puzzle.author is not None:
        data["author"] = puzzle.author
    if puzzle.note is not None:
        data["note"] = puzzle.note
    data["difficulty"] = puzzle.difficulty.value
    ladder: list[dict[str, str]] = []
    for rung in puzzle.rungs:
        item = {"word": rung.word}
        if rung.clue is not None:
            item["clue"] = rung.clue
        if rung.transform is not None:
            item["transform"] = rung.transform
        ladder.append(item)
    data["ladder"] = ladder
    if puzzle.accept:
        data["accept"] = list(puzzle.accept)
    return data


def dump_puzzle(puzzle: Puzzle, fmt: Format) -> str:
    """A puzzle file's text that the validator reads back as the same puzzle."""
    data = puzzle_data(puzzle)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    # Every value is written as a double-quoted scalar (a JSON string is one), so YAML
    # 1.1 never reads a word such as NO as false.
    lines: list[str] = []
    for key, value in data.items():
        if key == "ladder":
            lines.append("ladder:")
            for item in value:
                prefix = "  - "
                for field, text in item.items():
                    lines.append(f"{prefix}{field}: {_quoted(text)}")
                    prefix = "    "
        elif key == "accept":
            lines.append("accept:")
            lines.extend(f"  - {_quoted(entry)}" for entry in value)
        else:
            lines.append(f"{key}: {_quoted(value)}")
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def slug_from_title(title: str) -> str:
    """A file-name-like slug for a title: "Office Party!" -> "office-party"."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    slug = slug[:MAX_SLUG_CHARS].rstrip("-")
    return slug or "ladder"
