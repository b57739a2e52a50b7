"""Strict validation of puzzle files, in JSON (``.json``) or YAML (``.yaml``/``.yml``).

A puzzle file is a mapping::

    title: "Cold Snap"            # required, non-empty
    author: "Raddle Teams"        # optional
    note: "Written for ..."       # optional, shown with the author when a round ends
    difficulty: "easy"            # easy | medium | hard
    accept: ["..."]               # optional: lint warnings a reviewer accepted
    ladder:                       # MIN_RUNGS to MAX_RUNGS rungs (raddle.game.ladder)
      - word: "SNOW"
        clue: "<> + {} = a wintry missile"   # <> is this word, {} the next one
        transform: "compound"                # optional label of how the step works
      - word: "BALL"                         # the last rung has no clue

The validator never stops at the first problem: it reports every error it can
find in a file, each with the 1-based rung it concerns, and explains the YAML
1.1 surprises (``NO`` read as false, ``0755`` read as 493, ...) in plain words.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from raddle.game.clues import LOWER_MARK, UPPER_MARK
from raddle.game.ladder import MAX_RUNGS, MIN_RUNGS
from raddle.game.words import normalise
from raddle.puzzles.model import Difficulty, Puzzle, Rung

Format = Literal["json", "yaml"]

MAX_FILE_BYTES = 256 * 1024
MAX_WORD_CHARS = 30
MAX_CLUE_CHARS = 200
MAX_TRANSFORM_CHARS = 30
MAX_TITLE_CHARS = 100
MAX_AUTHOR_CHARS = 100
MAX_NOTE_CHARS = 200
MAX_ACCEPTS = 100
MAX_ACCEPT_CHARS = 200

#: File suffixes (lower case) the validator and the library read, and their format.
PUZZLE_SUFFIXES: Mapping[str, Format] = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}

TOP_KEYS = ("title", "author", "note", "difficulty", "ladder", "accept")
RUNG_KEYS = ("word", "clue", "transform")

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_SEPARATORS = frozenset(" -'’")
# Two separators may not touch, except an apostrophe next to a space or hyphen
# ("ROCK 'N' ROLL", "JACK-O'-LANTERN").
_DOUBLE_SEPARATOR = re.compile(r"[ -]{2,}|['’]{2,}")
_DIFFICULTIES = ", ".join(d.value for d in Difficulty)


@dataclass(frozen=True)
class PuzzleError:
    """One problem in one puzzle file; ``rung`` is 1-based, or None for the whole file."""

    path: str
    rung: int | None
    message: str

    def __str__(self) -> str:
        if self.rung is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}: rung {self.rung}: {self.message}"


# --------------------------------------------------------------------------- YAML


@dataclass(frozen=True)
class YamlScalar:
    """A YAML scalar that YAML 1.1 resolved to something other than a string.

    Every value in a puzzle file is a string, so any such scalar is an error; we
    keep the text as written (``raw``) to explain what YAML did with it.
    """

    value: object
    raw: str
    line: int


class _FatalParseError(Exception):
    def __init__(self, errors: list[PuzzleError]) -> None:
        super().__init__(errors)
        self.errors = errors


def _load_yaml(text: str, path: str) -> object:
    # PyYAML is loaded with the first YAML file read, not when the server starts.
    import yaml

    from raddle.puzzles.yaml_reader import StrictYamlLoader, yaml_error_message

    try:
        # The reader checks every character as it is made, so this can already fail.
        loader = StrictYamlLoader(text)
    except yaml.YAMLError as exc:
        raise _FatalParseError([PuzzleError(path, None, yaml_error_message(exc, text))]) from exc
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as exc:
        raise _FatalParseError([PuzzleError(path, None, yaml_error_message(exc, text))]) from exc
    finally:
        loader.dispose()
    if loader.duplicate_keys:
        raise _FatalParseError(
            [
                PuzzleError(
                    path,
                    None,
                    f"duplicate key {key!r} at line {line}: each key may appear once "
                    "per mapping (YAML would silently keep only the last one)",
                )
                for line, key in sorted(loader.duplicate_keys)
            ]
        )
    return data


def _load_json(text: str, path: str) -> object:
    duplicates: list[str] = []

    def unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                duplicates.append(key)
            result[key] = value
        return result

    try:
        data = json.loads(text, object_pairs_hook=unique_pairs)
    except json.JSONDecodeError as exc:
        raise _FatalParseError(
            [
                PuzzleError(
                    path,
                    None,
                    f"JSON parse error at line {exc.lineno}, column {exc.colno}: {exc.msg}",
                )
            ]
        ) from exc
    except RecursionError as exc:
        raise _FatalParseError([PuzzleError(path, None, "JSON nests too deeply")]) from exc
    if duplicates:
        raise _FatalParseError(
            [
                PuzzleError(path, None, f"duplicate key {key!r}: each key may appear once")
                for key in duplicates
            ]
        )
    return data


# ------------------------------------------------------------------ describing values


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, datetime):
        return "a date and time"
    if isinstance(value, date):
        return "a date"
    if isinstance(value, bytes):
        return "binary data"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


def _describe_non_string(value: object) -> str:
    """Why a value that should be a string is not one, and how to fix it."""
    if isinstance(value, YamlScalar):
        raw, parsed = value.raw, value.value
        if raw == "" and parsed is None:
            return "got nothing (the value is empty); write the text in quotes"
        quoted = json.dumps(raw, ensure_ascii=False)
        if isinstance(parsed, bool):
            reading = "true" if parsed else "false"
        elif parsed is None:
            reading = "null"
        elif isinstance(parsed, int | float):
            reading = repr(parsed)
        else:
            reading = _kind(parsed)
        if reading == raw:
            return f"got {_kind(parsed)} ({raw}); quote it: {quoted}"
        return f"got {_kind(parsed)} (YAML reads {raw} as {reading}); quote it: {quoted}"
    if isinstance(value, bool | int | float) or value is None:
        return f"got {_kind(value)} ({json.dumps(value)}); write it as a string in quotes"
    return f"got {_kind(value)}; expected a string"


def _key_name(key: object) -> str:
    if isinstance(key, YamlScalar):
        return repr(key.raw)
    return repr(key)


def _unknown_key_message(key: object, allowed: Sequence[str]) -> str:
    message = f"unknown key {_key_name(key)}; allowed keys: {', '.join(allowed)}"
    if isinstance(key, str):
        close = difflib.get_close_matches(key, allowed, n=1)
        if close:
            message += f" (did you mean {close[0]!r}?)"
    return message


def _is_null(value: object) -> bool:
    return value is None or (isinstance(value, YamlScalar) and value.value is None)


def _has_control_character(text: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in text)


# ------------------------------------------------------------------ words


def word_problems(word: str) -> list[str]:
    """Everything wrong with the shape of an answer word (empty when it is fine)."""
    if not word.strip():
        return ["is empty"]
    problems: list[str] = []
    if len(word) > MAX_WORD_CHARS:
        problems.append(f"is {len(word)} characters long; the limit is {MAX_WORD_CHARS}")
    shape = unicodedata.normalize("NFC", word)
    bad = sorted(
        {ch for ch in shape if not (ch.isalpha() or ch in "0123456789" or ch in _SEPARATORS)}
    )
    if bad:
        shown = ", ".join(repr(ch) for ch in bad)
        problems.append(
            f"{word!r} contains {shown}; a word may hold only letters, digits, "
            "single spaces, hyphens and apostrophes"
        )
    if shape[0] in _SEPARATORS or shape[-1] in _SEPARATORS:
        problems.append(f"{word!r} must not start or end with a space, hyphen or apostrophe")
    doubled = _DOUBLE_SEPARATOR.search(shape)
    if doubled:
        problems.append(f"{word!r} has {doubled.group()!r}; separators must be single")
    if not any(ch.isalpha() or ch in "0123456789" for ch in shape):
        problems.append(f"{word!r} must contain at least one letter or digit")
    elif not normalise(word):
        problems.append(
            f"{word!r} has no letters A-Z or digits once accents are removed, "
            "so no guess could ever match it"
        )
    return problems


def _case_style(word: str) -> str | None:
    has_upper = any(ch.isupper() for ch in word)
    has_lower = any(ch.islower() for ch in word)
    if has_upper and has_lower:
        return "mixed case"
    if has_upper:
        return "upper case"
    if has_lower:
        return "lower case"
    return None


# ------------------------------------------------------------------ the checker


class _Checker:
    def __init__(self, path: str) -> None:
        self.path = path
        self.errors: list[PuzzleError] = []

    def error(self, message: str, rung: int | None = None) -> None:
        self.errors.append(PuzzleError(self.path, rung, message))

    def text(
        self,
        value: object,
        field: str,
        *,
        limit: int,
        rung: int | None = None,
    ) -> str | None:
        """A required one-line string field; None (after reporting) when it is not one."""
        if not isinstance(value, str):
            self.error(f"{field}: {_describe_non_string(value)}", rung)
            return None
        ok = True
        if not value.strip():
            self.error(f"{field}: is empty", rung)
            return None
        if value != value.strip():
            self.error(f"{field}: has spaces or a line break at the start or end", rung)
            ok = False
        if _has_control_character(value):
            self.error(f"{field}: contains a line break or another control character", rung)
            ok = False
        if len(value) > limit:
            self.error(f"{field}: is {len(value)} characters long; the limit is {limit}", rung)
            ok = False
        return value if ok else None

    def unknown_keys(
        self, mapping: dict[Any, Any], allowed: Sequence[str], rung: int | None
    ) -> None:
        for key in mapping:
            if key not in allowed:
                self.error(_unknown_key_message(key, allowed), rung)


def _slug_for(path: str) -> str:
    return Path(path).stem


def _check_puzzle(data: object, path: str) -> tuple[Puzzle | None, list[PuzzleError]]:
    check = _Checker(path)
    slug = _slug_for(path)
    if not _SLUG.fullmatch(slug):
        check.error(
            f"file name {slug!r} is not a valid puzzle slug: use lowercase letters a-z, "
            "digits and single hyphens (e.g. 'easy-cold-snap.yaml')"
        )
    if not isinstance(data, dict):
        what = (
            "nothing"
            if _is_null(data)
            else _kind(data.value if isinstance(data, YamlScalar) else data)
        )
        check.error(f"the file must hold a mapping with title, difficulty and ladder; got {what}")
        return None, check.errors
    check.unknown_keys(data, TOP_KEYS, None)

    title: str | None = None
    if "title" not in data:
        check.error("missing title")
    else:
        title = check.text(data["title"], "title", limit=MAX_TITLE_CHARS)

    author: str | None = None
    if "author" in data and not _is_null(data["author"]):
        author = check.text(data["author"], "author", limit=MAX_AUTHOR_CHARS)

    note: str | None = None
    if "note" in data and not _is_null(data["note"]):
        note = check.text(data["note"], "note", limit=MAX_NOTE_CHARS)

    accept = _check_accept(check, data.get("accept"))

    difficulty: Difficulty | None = None
    if "difficulty" not in data:
        check.error(f"missing difficulty (one of {_DIFFICULTIES})")
    elif not isinstance(data["difficulty"], str):
        check.error(f"difficulty: {_describe_non_string(data['difficulty'])}")
    else:
        try:
            difficulty = Difficulty(data["difficulty"])
        except ValueError:
            check.error(f"difficulty: {data['difficulty']!r} is not one of {_DIFFICULTIES}")

    rungs = _check_ladder(check, data)
    if check.errors or title is None or difficulty is None or rungs is None:
        # file-wide errors first, then rung by rung (stable within a rung)
        return None, sorted(check.errors, key=lambda e: -1 if e.rung is None else e.rung)
    puzzle = Puzzle(
        slug=slug,
        title=title,
        author=author,
        difficulty=difficulty,
        rungs=tuple(rungs),
        source=path,
        note=note,
        accept=accept,
    )
    return puzzle, []


def _check_accept(check: _Checker, value: object) -> tuple[str, ...]:
    """The reviewed lint warnings a file accepts: a list of short strings."""
    if _is_null(value):
        return ()
    if not isinstance(value, list):
        shown = value.value if isinstance(value, YamlScalar) else value
        check.error(f"accept: got {_kind(shown)}; expected a list of lint keys in quotes")
        return ()
    if len(value) > MAX_ACCEPTS:
        check.error(f"accept: has {len(value)} entries; the limit is {MAX_ACCEPTS}")
    entries: list[str] = []
    for number, item in enumerate(value, start=1):
        text = check.text(item, f"accept entry {number}", limit=MAX_ACCEPT_CHARS)
        if text is not None:
            entries.append(text)
    return tuple(entries)


def _check_ladder(check: _Checker, data: dict[Any, Any]) -> list[Rung] | None:
    if "ladder" not in data:
        check.error("missing ladder (a list of rungs, each with word and clue)")
        return None
    ladder = data["ladder"]
    if not isinstance(ladder, list):
        shown = ladder.value if isinstance(ladder, YamlScalar) else ladder
        check.error(f"ladder: got {_kind(shown)}; expected a list of rungs")
        return None
    count = len(ladder)
    if not MIN_RUNGS <= count <= MAX_RUNGS:
        check.error(
            f"ladder has {count} rung{'s' if count != 1 else ''}; "
            f"a ladder needs {MIN_RUNGS} to {MAX_RUNGS}"
        )

    rungs: list[Rung] = []
    words: dict[int, str] = {}
    for number, item in enumerate(ladder, start=1):
        rung, word = _check_rung(check, item, number, last=number == count)
        if rung is not None:
            rungs.append(rung)
        if word is not None:
            words[number] = word
    _check_words_together(check, words)
    return rungs if len(rungs) == count else None


def _is_missing(value: object) -> bool:
    """Absent, or written with no value at all (``clue:``) or as JSON null."""
    return value is None or (
        isinstance(value, YamlScalar) and value.value is None and value.raw == ""
    )


def _check_rung(
    check: _Checker, item: object, number: int, *, last: bool
) -> tuple[Rung | None, str | None]:
    """The rung (None if it has any error) and its word (None if the word is bad)."""
    if not isinstance(item, dict):
        shown = item.value if isinstance(item, YamlScalar) else item
        check.error(
            f"a rung must be a mapping with word and clue; got {_kind(shown)}"
            + (f" ({item!r})" if isinstance(item, str) else ""),
            number,
        )
        return None, None
    ok = True
    check.unknown_keys(item, RUNG_KEYS, number)
    if any(key not in RUNG_KEYS for key in item):
        ok = False

    word: str | None = None
    if "word" not in item:
        check.error("missing word", number)
        ok = False
    else:
        value = check.text(item["word"], "word", limit=MAX_WORD_CHARS, rung=number)
        if value is None:
            ok = False
        else:
            problems = word_problems(value)
            for problem in problems:
                check.error(f"word: {problem}", number)
            if problems:
                ok = False
            else:
                word = value

    clue: str | None = None
    if last:
        if not _is_null(item.get("clue")):
            check.error(
                "the last rung must not have a clue: there is no rung below it to lead to",
                number,
            )
            ok = False
    elif _is_missing(item.get("clue")):
        check.error("missing clue: every rung but the last needs a clue to the rung below", number)
        ok = False
    else:
        clue = check.text(item["clue"], "clue", limit=MAX_CLUE_CHARS, rung=number)
        marks_ok = clue is not None and _check_clue_marks(check, clue, number)
        ok = ok and marks_ok

    transform: str | None = None
    if not _is_null(item.get("transform")):
        if last:
            check.error("the last rung has no step below it, so it cannot have a transform", number)
            ok = False
        else:
            transform = check.text(
                item["transform"], "transform", limit=MAX_TRANSFORM_CHARS, rung=number
            )
            ok = ok and transform is not None
    if not ok or word is None:
        return None, word
    return Rung(word=word, clue=clue, transform=transform), word


def _check_clue_marks(check: _Checker, clue: str, number: int) -> bool:
    ok = True
    if UPPER_MARK not in clue:
        check.error("clue: missing <> (where the upper word goes)", number)
        ok = False
    leftover = clue.replace(UPPER_MARK, "").replace(LOWER_MARK, "")
    stray = sorted({ch for ch in leftover if ch in "<>{}"})
    if stray:
        check.error(
            f"clue: stray {' '.join(stray)}; "
            "write <> for the upper word and {} for the lower word",
            number,
        )
        ok = False
    return ok


def _check_words_together(check: _Checker, words: dict[int, str]) -> None:
    first_seen: dict[str, int] = {}
    for number, word in sorted(words.items()):
        folded = normalise(word)
        earlier = first_seen.get(folded)
        if earlier is None:
            first_seen[folded] = number
        elif earlier == number - 1:
            check.error(
                f"word {word!r} is the same as the rung above "
                "(ignoring case, accents and punctuation)",
                number,
            )
        else:
            check.error(f"word {word!r} repeats rung {earlier}", number)

    reference: tuple[int, str] | None = None
    for number, word in sorted(words.items()):
        style = _case_style(word)
        if style is None:
            continue
        if reference is None:
            reference = (number, style)
        elif style != reference[1]:
            check.error(
                f"word {word!r} is in {style} but rung {reference[0]} is in {reference[1]}; "
                "store every word of a ladder in the same case",
                number,
            )


# ------------------------------------------------------------------ entry points


def parse_puzzle(
    text: str, *, path: str, fmt: Literal["json", "yaml"]
) -> tuple[Puzzle | None, list[PuzzleError]]:
    """Parse and validate one puzzle. The slug is the stem of ``path``.

    Returns the puzzle (None when there is any error) and every error found.
    """
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > MAX_FILE_BYTES:
        return None, [PuzzleError(path, None, _too_big(size))]
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        # Text that came as JSON with a "\ud800"-style escape, never from a UTF-8 file.
        line = text[: exc.start].count("\n") + 1
        return None, [
            PuzzleError(path, None, f"line {line} holds a character that is not valid Unicode")
        ]
    try:
        data = _load_json(text, path) if fmt == "json" else _load_yaml(text, path)
    except _FatalParseError as exc:
        return None, exc.errors
    return _check_puzzle(data, path)


def _too_big(size: int) -> str:
    return (
        f"file is {size / 1024:.1f} KiB; a puzzle file may be at most {MAX_FILE_BYTES // 1024} KiB"
    )


def parse_puzzle_bytes(
    data: bytes, *, path: str, fmt: Literal["json", "yaml"]
) -> tuple[Puzzle | None, list[PuzzleError]]:
    """Like `parse_puzzle`, for the raw bytes of a file (which must be UTF-8)."""
    if len(data) > MAX_FILE_BYTES:
        return None, [PuzzleError(path, None, _too_big(len(data)))]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [
            PuzzleError(
                path,
                None,
                f"not valid UTF-8: byte 0x{data[exc.start]:02x} at line {line} "
                f"(byte offset {exc.start}); save the file as UTF-8",
            )
        ]
    return parse_puzzle(text, path=path, fmt=fmt)


def puzzle_format(path: Path) -> Format | None:
    """The format a file name calls for, or None if it is not a puzzle file name."""
    return PUZZLE_SUFFIXES.get(path.suffix.lower())


def load_puzzle_file(path: Path) -> tuple[Puzzle | None, list[PuzzleError]]:
    """Read, parse and validate one puzzle file."""
    name = str(path)
    fmt = puzzle_format(path)
    if fmt is None:
        return None, [
            PuzzleError(name, None, "not a puzzle file: the name must end in .json, .yaml or .yml")
        ]
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [PuzzleError(name, None, _too_big(size))]
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return None, [PuzzleError(name, None, f"cannot read the file: {exc.strerror or exc}")]
    return parse_puzzle_bytes(data, path=name, fmt=fmt)


def puzzle_files(directory: Path) -> list[Path]:
    """Every puzzle file under a folder (recursively, skipping hidden names), sorted."""
    found = [
        path
        for path in directory.rglob("*")
        if puzzle_format(path) is not None
        and path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(directory).parts)
    ]
    return sorted(found, key=lambda path: path.relative_to(directory).as_posix())


def check_paths(paths: Sequence[Path]) -> tuple[list[Puzzle], list[PuzzleError]]:
    """Validate files and folders (walked for .json/.yaml/.yml).

    Returns the valid puzzles and every error. Within one folder, two files may
    not share a slug (``a.yaml`` and ``sub/a.json`` would both be ``a``).
    """
    puzzles: list[Puzzle] = []
    errors: list[PuzzleError] = []
    for given in paths:
        target = Path(given)
        if target.is_dir():
            files = puzzle_files(target)
            if not files:
                errors.append(
                    PuzzleError(str(target), None, "no puzzle files (.json, .yaml, .yml) here")
                )
        elif target.is_file():
            files = [target]
        else:
            errors.append(PuzzleError(str(target), None, "no such file or folder"))
            continue
        slugs: dict[str, str] = {}
        for file in files:
            puzzle, file_errors = load_puzzle_file(file)
            errors.extend(file_errors)
            if puzzle is None:
                continue
            if puzzle.slug in slugs:
                errors.append(
                    PuzzleError(
                        str(file),
                        None,
                        f"slug {puzzle.slug!r} is already used by {slugs[puzzle.slug]}",
                    )
                )
                continue
            slugs[puzzle.slug] = str(file)
            puzzles.append(puzzle)
    return puzzles, errors


def validate_paths(paths: Sequence[Path]) -> list[PuzzleError]:
    """Every error in the given puzzle files and folders; empty when all are valid."""
    return check_paths(paths)[1]
