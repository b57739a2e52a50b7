"""The puzzle linter: fairness checks beyond the file format.

The validator (`raddle.puzzles.validate`) says whether a file is a well-formed puzzle;
the linter says whether it is a fair one, by solving its wordplay clues against a real
English word list:

- **wrong-operation** (error): a clue's letter operation does not turn its upper word
  into its lower word.
- **competitor**: other common words of the answer's length satisfy a clue's letter
  operation, in the direction a team would use it (down from the upper word, or up
  from the lower one). An error when the clue does not define the word it leads to
  (the team cannot tell which one is meant), a warning when it does (a reviewer checks
  that the definition rules the others out). The first clue going down and the last
  clue going up are the only ways into a ladder, so there a rarer word already counts
  as a competitor and a clue that cannot tell them apart is always an error.
- **no-definition** (warning): a letter-operation clue that gives no definition of the
  word it leads to.
- **blocked** (error): an answer, or any word a clue's operation can lead to, is on the
  blocklist of words never to appear in a party game. Anagrams and reversals of every
  rung's neighbours are checked too, whatever the clue's kind (a warning there).
- **title-gives-away** (error, or a warning for a word merely hidden in the letters) and
  **clue-gives-away** (error for the clue's own answer, a warning for another rung's):
  a hidden answer written in the title or in a clue.
- **repeated-clue** (error): the same clue twice in one ladder.

A reviewed warning is accepted by listing its key in the puzzle file's ``accept`` list;
the key is printed with the warning. Errors cannot be accepted. An accept entry that
matches no warning is itself reported, so stale entries do not pile up.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from raddle.game.ladder import Direction
from raddle.game.words import normalise
from raddle.puzzles.lexicon import Lexicon, Pronunciations, english, pronunciations
from raddle.puzzles.model import Puzzle
from raddle.puzzles.operations import LetterOperation, OperationKind, fits, read_operation

#: A competing answer at least this common (Zipf scale) makes a clue ambiguous.
COMMON = 3.0
#: At the two ways into a ladder, rarer words already count.
ENTRY_COMMON = 2.5
#: Shortest answer looked for inside titles and clues.
MIN_HIDDEN_LETTERS = 3

_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class LintKind(StrEnum):
    WRONG_OPERATION = "wrong-operation"
    COMPETITOR = "competitor"
    NO_DEFINITION = "no-definition"
    BLOCKED = "blocked"
    TITLE_GIVES_AWAY = "title-gives-away"
    CLUE_GIVES_AWAY = "clue-gives-away"
    REPEATED_CLUE = "repeated-clue"
    STALE_ACCEPT = "stale-accept"


@dataclass(frozen=True)
class LintFinding:
    """One problem the linter found; ``rung`` is the 1-based rung whose clue it concerns."""

    path: str
    rung: int | None
    severity: Severity
    kind: LintKind
    message: str
    clue: str | None = None
    direction: Direction | None = None
    words: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """What a puzzle file lists under ``accept`` to accept this warning."""
        parts = [self.kind.value]
        if self.rung is not None:
            parts.append(f"rung {self.rung}")
        if self.direction is not None:
            parts.append(self.direction.value)
        key = " ".join(parts)
        if self.words:
            key += ": " + " ".join(self.words)
        return key

    def __str__(self) -> str:
        where = self.path if self.rung is None else f"{self.path}: rung {self.rung}"
        text = f"{where}: {self.severity.value}: {self.message}"
        if self.clue is not None:
            text += f' (clue "{self.clue}")'
        if self.severity is Severity.WARNING and self.kind is not LintKind.STALE_ACCEPT:
            text += f' [accept: "{self.key}"]'
        return text


@dataclass
class LintReport:
    """The findings for one puzzle: those still open, and the warnings it accepts."""

    puzzle: Puzzle
    findings: list[LintFinding] = field(default_factory=list)
    accepted: list[LintFinding] = field(default_factory=list)

    @property
    def errors(self) -> list[LintFinding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[LintFinding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]


def _fold_key(text: str) -> str:
    return " ".join(text.casefold().split())


# ------------------------------------------------------------------ solving clues


def _one_letter_changes(word: str, position: int | None) -> set[str]:
    positions = range(len(word)) if position is None else [position]
    return {word[:i] + ch + word[i + 1 :] for i in positions for ch in _ALPHABET}


def candidates(
    op: LetterOperation,
    known: str,
    length: int,
    direction: Direction,
    lexicon: Lexicon,
    sounds: Callable[[], Pronunciations],
) -> set[str]:
    """Every listed word of ``length`` letters the operation leads to from ``known``.

    Going down, ``known`` is the upper word and the words found are lower words; going
    up, ``known`` is the lower word and the words found are upper words.
    """
    kind = op.kind
    pool: Iterable[str]
    if kind is OperationKind.CHANGE:
        position = None
        if op.position is not None and len(known) == length:
            position = length - 1 if op.position < 0 else op.position
        pool = _one_letter_changes(known, position) if position is None or position < length else ()
    elif kind is OperationKind.ANAGRAM:
        pool = lexicon.anagrams(known)
    elif kind is OperationKind.REVERSAL:
        pool = [known[::-1]]
    elif kind is OperationKind.HOMOPHONE:
        pool = sounds().homophones(known)
    elif kind is OperationKind.HIDDEN and direction is Direction.DOWN:
        pool = {known[i : i + length] for i in range(len(known) - length + 1)}
    else:
        pool = lexicon.by_length.get(length, ())
    found: set[str] = set()
    for word in pool:
        if len(word) != length or word not in lexicon:
            continue
        upper, lower = (known, word) if direction is Direction.DOWN else (word, known)
        if kind is OperationKind.HOMOPHONE or fits(op, upper, lower):
            found.add(word)
    found.discard(known)
    return found


# ------------------------------------------------------------------ the checks


class _Linter:
    def __init__(
        self, puzzle: Puzzle, lexicon: Lexicon, sounds: Callable[[], Pronunciations]
    ) -> None:
        self.puzzle = puzzle
        self.lexicon = lexicon
        self.sounds = sounds
        self.findings: list[LintFinding] = []
        self.words = [normalise(word) for word in puzzle.words]

    def add(
        self,
        rung: int | None,
        severity: Severity,
        kind: LintKind,
        message: str,
        *,
        clue: str | None = None,
        direction: Direction | None = None,
        words: Sequence[str] = (),
    ) -> None:
        self.findings.append(
            LintFinding(
                self.puzzle.source, rung, severity, kind, message, clue, direction, tuple(words)
            )
        )

    def run(self) -> list[LintFinding]:
        self.blocked_answers()
        self.title()
        self.repeated_clues()
        last_step = len(self.words) - 2
        for step, rung in enumerate(self.puzzle.rungs[:-1]):
            if rung.clue is None:
                continue
            self.clue_text(step, rung.clue)
            op = read_operation(rung.clue, rung.transform)
            if op is not None:
                self.operation(step, rung.clue, op, last_step)
            self.neighbour_anagrams(step, rung.clue, op)
        return self.findings

    # -- answers and text

    def blocked_answers(self) -> None:
        for number, (word, folded) in enumerate(zip(self.puzzle.words, self.words, strict=True)):
            if self.lexicon.is_blocked(folded):
                self.add(
                    number + 1,
                    Severity.ERROR,
                    LintKind.BLOCKED,
                    f"the answer {word} is on the blocklist of words never used in a party game",
                    words=[folded],
                )

    def _hidden_answers(self) -> list[tuple[int, str]]:
        """(0-based rung, folded word) of each answer the team must find."""
        return [
            (index, word)
            for index, word in enumerate(self.words)
            if 0 < index < len(self.words) - 1 and len(word) >= MIN_HIDDEN_LETTERS
        ]

    def title(self) -> None:
        title = self.puzzle.title
        tokens = [normalise(t) for t in re.split(r"[\s\-/]+", title) if normalise(t)]
        letters = "".join(tokens)
        for index, word in self._hidden_answers():
            if _names(tokens, word):
                severity, how = Severity.ERROR, "names"
            elif any(t != word and (t.startswith(word) or t.endswith(word)) for t in tokens):
                severity, how = Severity.ERROR, "contains"
            elif len(word) >= 4 and word in letters:
                severity, how = Severity.WARNING, "hides"
            else:
                continue
            self.add(
                None,
                severity,
                LintKind.TITLE_GIVES_AWAY,
                f'the title "{title}" {how} the answer of rung {index + 1}, '
                f"{self.puzzle.words[index]}, which players see from the start",
                words=[word],
            )

    def clue_text(self, step: int, clue: str) -> None:
        text = clue.replace("<>", " ").replace("{}", " ")
        tokens = [normalise(t) for t in re.split(r"[\s\-/]+", text) if normalise(t)]
        for index, word in self._hidden_answers():
            if not _names(tokens, word):
                continue
            own = index in (step, step + 1)
            self.add(
                step + 1,
                Severity.ERROR if own else Severity.WARNING,
                LintKind.CLUE_GIVES_AWAY,
                (
                    f"the clue writes out its own answer {self.puzzle.words[index]}"
                    if own
                    else f"the clue writes out {self.puzzle.words[index]}, "
                    f"the answer of rung {index + 1}"
                ),
                clue=clue,
                words=[word],
            )

    def repeated_clues(self) -> None:
        first: dict[str, int] = {}
        for step, clue in enumerate(self.puzzle.clues):
            key = _fold_key(clue)
            if key in first:
                self.add(
                    step + 1,
                    Severity.ERROR,
                    LintKind.REPEATED_CLUE,
                    f"the clue repeats rung {first[key] + 1}'s clue word for word",
                    clue=clue,
                )
            else:
                first[key] = step

    # -- wordplay

    def operation(self, step: int, clue: str, op: LetterOperation, last_step: int) -> None:
        upper, lower = self.words[step], self.words[step + 1]
        shown_upper, shown_lower = self.puzzle.words[step], self.puzzle.words[step + 1]
        rung = step + 1
        if not self._holds(op, upper, lower):
            self.add(
                rung,
                Severity.ERROR,
                LintKind.WRONG_OPERATION,
                f"{op.describe()} does not turn {shown_upper} into {shown_lower}, as the clue says",
                clue=clue,
            )
            return
        if not op.defines_target:
            self.add(
                rung,
                Severity.WARNING,
                LintKind.NO_DEFINITION,
                f"the clue names a letter operation ({op.describe()}) but does not define "
                f"{shown_lower}, the word it leads to",
                clue=clue,
            )
        for direction in Direction:
            known, target = (upper, lower) if direction is Direction.DOWN else (lower, upper)
            entry = (step == 0 and direction is Direction.DOWN) or (
                step == last_step and direction is Direction.UP
            )
            found = candidates(op, known, len(target), direction, self.lexicon, self.sounds)
            found.discard(target)
            blocked = sorted(w for w in found if self.lexicon.is_blocked(w))
            if blocked:
                self.add(
                    rung,
                    Severity.ERROR,
                    LintKind.BLOCKED,
                    f"going {direction.value}, {op.describe()} also leads to "
                    f"{', '.join(blocked)}, which must never be an answer in a party game",
                    clue=clue,
                    direction=direction,
                    words=blocked,
                )
            threshold = ENTRY_COMMON if entry else COMMON
            common = sorted(
                (w for w in found if w not in blocked and self.lexicon.zipf(w) >= threshold),
                key=lambda w: (-self.lexicon.zipf(w), w),
            )
            if not common:
                continue
            # A definition in a clue defines the word it leads to, the lower one; going up,
            # only the operation guides the team (unless the wording is unknown).
            defined = op.defines_target if direction is Direction.DOWN else op.from_label
            strict = entry or direction is Direction.DOWN
            severity = Severity.ERROR if strict and not defined else Severity.WARNING
            answer = shown_lower if direction is Direction.DOWN else shown_upper
            listed = ", ".join(f"{w} ({self.lexicon.zipf(w):.1f})" for w in common)
            where = " at a way into the ladder" if entry else ""
            self.add(
                rung,
                severity,
                LintKind.COMPETITOR,
                f"going {direction.value}{where}, {op.describe()} leads to "
                f"{listed} as well as {answer}"
                + ("" if defined else "; the clue does not say which is meant"),
                clue=clue,
                direction=direction,
                words=sorted(common),
            )

    def _holds(self, op: LetterOperation, upper: str, lower: str) -> bool:
        if op.kind is OperationKind.HOMOPHONE:
            table = self.sounds()
            if not (table.known(upper) and table.known(lower)):
                return True  # no pronunciation to check against
            return table.sound_alike(upper, lower)
        return fits(op, upper, lower)

    def neighbour_anagrams(self, step: int, clue: str, op: LetterOperation | None) -> None:
        """Blocked words a team could reach by rearranging or reversing a neighbour."""
        if op is not None and op.kind in (OperationKind.ANAGRAM, OperationKind.REVERSAL):
            return  # already searched as the clue's own operation
        upper, lower = self.words[step], self.words[step + 1]
        for direction, known, target in (
            (Direction.DOWN, upper, lower),
            (Direction.UP, lower, upper),
        ):
            if len(known) != len(target):
                continue
            reachable = set(self.lexicon.anagrams(known)) | {known[::-1]}
            blocked = sorted(
                w for w in reachable if w not in (known, target) and self.lexicon.is_blocked(w)
            )
            if blocked:
                self.add(
                    step + 1,
                    Severity.WARNING,
                    LintKind.BLOCKED,
                    f"going {direction.value}, rearranging {known} gives "
                    f"{', '.join(blocked)}, a word never to be used in a party game",
                    clue=clue,
                    direction=direction,
                    words=blocked,
                )


def _names(tokens: Sequence[str], word: str) -> bool:
    """Whether a run of tokens spells ``word`` (or its plural, or it a plural of them)."""
    for start in range(len(tokens)):
        joined = ""
        for token in tokens[start:]:
            joined += token
            if joined in (word, word + "S", word + "ES") or word in (joined + "S", joined + "ES"):
                return True
            if len(joined) >= len(word) + 2:
                break
    return False


def lint_puzzle(
    puzzle: Puzzle,
    lexicon: Lexicon | None = None,
    sounds: Callable[[], Pronunciations] = pronunciations,
) -> LintReport:
    """Every fairness problem in one validated puzzle, with its accepted warnings apart."""
    found = _Linter(puzzle, lexicon or english(), sounds).run()
    accepts = {_fold_key(entry): entry for entry in puzzle.accept}
    used: set[str] = set()
    report = LintReport(puzzle)
    for finding in found:
        key = _fold_key(finding.key)
        if finding.severity is Severity.WARNING and key in accepts:
            used.add(key)
            report.accepted.append(finding)
        else:
            report.findings.append(finding)
    for key, entry in accepts.items():
        if key not in used:
            report.findings.append(
                LintFinding(
                    puzzle.source,
                    None,
                    Severity.WARNING,
                    LintKind.STALE_ACCEPT,
                    f'accept entry "{entry}" matches no warning (errors cannot be accepted)',
                )
            )
    return report
