"""Letter operations: what a wordplay clue asks the solver to do to a word.

A clue such as "Change the first letter of <> to get {}, a bag for coins" names a
letter operation that turns the upper word into the lower one, and may add a
definition of the word it leads to (", a bag for coins"). `read_operation` reads the
operation and the definition from the clue text, falling back on the rung's
``transform`` label ("anagram", "T→P", "-R", ...) when the wording is free-form.

`fits` says whether an operation turns one word into another. It is written for
words folded by `raddle.game.words.normalise` (upper case, letters and digits only).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum


class OperationKind(StrEnum):
    """The kinds of letter operation a clue can ask for."""

    CHANGE = "change"  # change one letter (at a named position, or anywhere)
    ADD = "add"  # add letters (named or not; at the front, the end, or anywhere)
    REMOVE = "remove"  # remove letters (named or not; from the front, the end, or anywhere)
    ANAGRAM = "anagram"  # rearrange the letters
    REVERSAL = "reversal"  # read the word backwards
    HOMOPHONE = "homophone"  # a word that sounds the same
    HIDDEN = "hidden"  # the lower word is spelt out inside the upper one


#: Where an added, removed or changed letter goes; None means anywhere.
FRONT = 0
END = -1


@dataclass(frozen=True)
class LetterOperation:
    """One operation read from a clue, from the upper word (``<>``) to the lower (``{}``).

    ``position`` is a 0-based index (``END`` for the last letter) or None for anywhere;
    ``letters`` are the letters named by the clue ("" when it says "a letter");
    ``count`` is how many letters are added or removed; ``rearrange`` is set when the
    clue also asks for an anagram ("Add E to <> and rearrange").
    ``definition`` is the clue's wording that defines the word it leads to, or None
    when the clue names the operation only. ``from_label`` is set when the operation
    was read from the transform label rather than from the clue's words, in which case
    nothing is known about a definition.
    """

    kind: OperationKind
    position: int | None = None
    letters: str = ""
    count: int = 0
    rearrange: bool = False
    definition: str | None = None
    from_label: bool = False

    @property
    def defines_target(self) -> bool:
        """Whether the clue says what the word it leads to means (or may, if unknown)."""
        return self.from_label or self.definition is not None

    def describe(self) -> str:
        """The operation in words, for messages: "changing the first letter"."""
        if self.kind is OperationKind.CHANGE:
            return f"changing {_ordinal_name(self.position)} letter"
        if self.kind in (OperationKind.ADD, OperationKind.REMOVE):
            what = (
                self.letters or f"{_count_name(self.count)} letter{'s' if self.count > 1 else ''}"
            )
            verb = "adding" if self.kind is OperationKind.ADD else "removing"
            if self.position is None:
                place = ""
            elif self.kind is OperationKind.ADD:
                place = " at the front" if self.position == FRONT else " at the end"
            else:
                place = " from the front" if self.position == FRONT else " from the end"
            return f"{verb} {what}{place}" + (" and rearranging" if self.rearrange else "")
        return {
            OperationKind.ANAGRAM: "rearranging the letters",
            OperationKind.REVERSAL: "spelling it backwards",
            OperationKind.HOMOPHONE: "a word that sounds the same",
            OperationKind.HIDDEN: "a word hidden inside it",
        }[self.kind]


def _ordinal_name(position: int | None) -> str:
    if position is None:
        return "one"
    if position == END:
        return "the last"
    names = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
    return f"the {names[position]}" if position < len(names) else f"letter {position + 1} as the"


def _count_name(count: int) -> str:
    return {1: "a", 2: "two", 3: "three"}.get(count, str(count))


# ------------------------------------------------------------------ reading clues

_ORDINALS = {
    "first": 0,
    "second": 1,
    "third": 2,
    "fourth": 3,
    "fifth": 4,
    "sixth": 5,
    "seventh": 6,
    "eighth": 7,
    "ninth": 8,
    "last": END,
    "final": END,
}
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3}
_ORDINAL = "(?P<ordinal>" + "|".join(_ORDINALS) + ")"
_COUNT = "(?P<count>a|an|one|two|three)"
_NAMED = r"(?:the )?(?P<letters>[A-Z]{1,3})"
_PLACE = r"(?:to |at )?(?:the )?(?P<place>front|start|beginning|end|back)(?: of)?"
_UPPER = re.escape("<>")
_TARGET = r"(?P<pre>[^{}<>]*?)\{\}"


@dataclass(frozen=True)
class _Wording:
    """One way of writing an operation in a clue."""

    pattern: re.Pattern[str]
    kind: OperationKind
    position: int | None = None
    rearrange: bool = False


def _wording(
    pattern: str, kind: OperationKind, *, position: int | None = None, rearrange: bool = False
) -> _Wording:
    # Named letters ("Remove the R") are capitals; everything else ignores case.
    return _Wording(re.compile(pattern), kind, position, rearrange)


# Each pattern reads the operation part of a clue; whatever the pattern does not cover
# (its ``pre`` group, and the text around the match) is the clue's definition.
_WORDINGS: tuple[_Wording, ...] = (
    _wording(
        rf"(?i:change) (?i:the) (?i:{_ORDINAL}) (?i:letter of) {_UPPER} (?i:to get|to make|"
        rf"and you get|for) {_TARGET}",
        OperationKind.CHANGE,
    ),
    _wording(
        rf"(?i:change) (?i:{_COUNT}) (?i:letter)(?: (?i:in|of))? {_UPPER} (?i:to get|to make|"
        rf"and you get|for) {_TARGET}",
        OperationKind.CHANGE,
    ),
    _wording(
        rf"(?i:rearrange|jumble|scramble|shuffle)(?: (?i:the letters of|the letters in))? "
        rf"{_UPPER} (?i:to get|to make|to spell|and you get|for) {_TARGET}",
        OperationKind.ANAGRAM,
    ),
    _wording(
        rf"{_UPPER} (?i:is an anagram of) {_TARGET}",
        OperationKind.ANAGRAM,
    ),
    _wording(
        rf"{_UPPER} (?i:spelled|spelt|written|read) (?i:backwards?|in reverse) "
        rf"(?i:is|gives|makes) {_TARGET}",
        OperationKind.REVERSAL,
    ),
    _wording(
        rf"(?i:reverse) {_UPPER} (?i:to get|to make|and you get|for) {_TARGET}",
        OperationKind.REVERSAL,
    ),
    _wording(
        rf"{_UPPER} (?i:sounds) (?i:just |exactly )?(?i:like) {_TARGET}",
        OperationKind.HOMOPHONE,
    ),
    _wording(
        rf"(?i:hidden|hiding|concealed) (?i:in|inside) {_UPPER} (?i:is|you'll find|are) "
        rf"{_TARGET}",
        OperationKind.HIDDEN,
    ),
    _wording(
        rf"(?i:remove|drop|delete|take off|cut) (?i:the) (?i:{_ORDINAL})(?: (?i:{_COUNT}))? "
        rf"(?i:letters?) (?i:of|from) {_UPPER} (?i:to get|to make|and you get|for) {_TARGET}",
        OperationKind.REMOVE,
    ),
    _wording(
        rf"(?i:remove|drop|delete|take out|take away|cut)(?: (?i:one|an?))? {_NAMED} "
        rf"(?i:from|out of) {_UPPER} (?i:to get|to make|and you get|for) {_TARGET}",
        OperationKind.REMOVE,
    ),
    _wording(
        rf"(?i:take)(?: (?i:one|an?|the))? {_NAMED} (?i:out of|from|off) {_UPPER} "
        rf"(?i:to get|to make|and you get|for) {_TARGET}",
        OperationKind.REMOVE,
    ),
    _wording(
        rf"(?i:add|put|insert|stick)(?: (?i:an?|one|the))? {_NAMED} (?i:to|into|in|on) "
        rf"{_UPPER} (?i:and) (?i:rearrange|jumble|scramble|shuffle)"
        rf"(?: (?i:it|them|the letters))? (?i:to get|to make|for) {_TARGET}",
        OperationKind.ADD,
        rearrange=True,
    ),
    _wording(
        rf"(?i:add|put|stick)(?: (?i:an?|one|the))? {_NAMED} (?i:{_PLACE}) {_UPPER} "
        rf"(?i:to get|to make|and you get|for) {_TARGET}",
        OperationKind.ADD,
    ),
    _wording(
        rf"(?i:put|stick|place)(?: (?i:an?|one|the))? {_NAMED} (?i:in front of|before) "
        rf"{_UPPER} (?i:to get|to make|and you get|for) {_TARGET}",
        OperationKind.ADD,
        position=FRONT,
    ),
    _wording(
        rf"(?i:put|stick|place)(?: (?i:an?|one|the))? {_NAMED} (?i:after|behind) "
        rf"{_UPPER} (?i:to get|to make|and you get|for) {_TARGET}",
        OperationKind.ADD,
        position=END,
    ),
    _wording(
        rf"(?i:add|insert|put|stick)(?: (?i:an?|one|the))? {_NAMED} (?i:to|into|in|on) "
        rf"{_UPPER} (?i:to get|to make|and you get|for) {_TARGET}",
        OperationKind.ADD,
    ),
    _wording(
        rf"(?i:add|insert|put|stick) (?i:{_COUNT}) (?i:letters?) (?i:{_PLACE}) {_UPPER} "
        rf"(?i:to get|to make|and you get|for) {_TARGET}",
        OperationKind.ADD,
    ),
    _wording(
        rf"(?i:add|insert|put|stick) (?i:{_COUNT}) (?i:letters?) (?i:to|into|in|inside) "
        rf"{_UPPER} (?i:to get|to make|and you get|for) {_TARGET}",
        OperationKind.ADD,
    ),
)

# Words that say nothing about what the target word means.
_FILLER = frozenset(
    {"a", "an", "the", "is", "are", "to", "get", "another", "other", "word", "words"}
    | {"new", "one", "which", "that", "its", "it"}
)


def _definition(clue: str, match: re.Match[str]) -> str | None:
    """The clue's words outside the operation, if they say anything."""
    rest = " ".join((clue[: match.start()], match.group("pre"), clue[match.end() :]))
    words = [w for w in re.findall(r"[A-Za-z']+", rest) if w.lower() not in _FILLER]
    if not words:
        return None
    return " ".join(rest.split()).strip(" ,;:.-!?")


def _from_clue(clue: str) -> LetterOperation | None:
    for wording in _WORDINGS:
        match = wording.pattern.search(clue)
        if match is None:
            continue
        kind = wording.kind
        groups = match.groupdict()
        position = wording.position
        if groups.get("ordinal"):
            position = _ORDINALS[groups["ordinal"].lower()]
        place = (groups.get("place") or "").lower()
        if place in ("front", "start", "beginning"):
            position = FRONT
        elif place in ("end", "back"):
            position = END
        letters = (groups.get("letters") or "").upper()
        count = _COUNTS[groups["count"].lower()] if groups.get("count") else len(letters) or 1
        if kind is OperationKind.REMOVE and groups.get("ordinal") and not groups.get("count"):
            count = 1
        return LetterOperation(
            kind=kind,
            position=position,
            letters=letters,
            count=count if kind in (OperationKind.ADD, OperationKind.REMOVE) else 0,
            rearrange=wording.rearrange,
            definition=_definition(clue, match),
        )
    return None


_CHANGE_LABEL = re.compile(r"(?P<old>[A-Z])\s*(?:→|->)\s*(?P<new>[A-Z])")
_ADD_REMOVE_LABEL = re.compile(r"(?P<sign>[+-])\s*(?P<letters>[A-Z]{1,3})")


def _from_label(label: str) -> LetterOperation | None:
    text = label.strip()
    lowered = text.lower()
    extra = _ADD_REMOVE_LABEL.search(text)
    if lowered.startswith("anagram"):
        if extra and extra.group("sign") == "+":
            letters = extra.group("letters")
            return LetterOperation(
                OperationKind.ADD,
                letters=letters,
                count=len(letters),
                rearrange=True,
                from_label=True,
            )
        if extra:
            letters = extra.group("letters")
            return LetterOperation(
                OperationKind.REMOVE,
                letters=letters,
                count=len(letters),
                rearrange=True,
                from_label=True,
            )
        return LetterOperation(OperationKind.ANAGRAM, from_label=True)
    for kind in (OperationKind.REVERSAL, OperationKind.HOMOPHONE, OperationKind.HIDDEN):
        if lowered == kind.value:
            return LetterOperation(kind, from_label=True)
    if _CHANGE_LABEL.fullmatch(text):
        return LetterOperation(OperationKind.CHANGE, from_label=True)
    if extra and extra.group(0) == text:
        letters = extra.group("letters")
        kind = OperationKind.ADD if extra.group("sign") == "+" else OperationKind.REMOVE
        return LetterOperation(kind, letters=letters, count=len(letters), from_label=True)
    return None


def read_operation(clue: str, label: str | None = None) -> LetterOperation | None:
    """The letter operation a clue asks for, or None for a clue of another kind.

    The clue's own words win; the transform label is used only when the wording is
    not one the reader knows.
    """
    found = _from_clue(clue)
    if found is None and label:
        found = _from_label(label)
    return found


# ------------------------------------------------------------------ applying them


def _resolve(position: int, length: int) -> int:
    return length - 1 if position == END else position


def _removed(longer: str, shorter: str) -> Counter[str] | None:
    """The letters deleted from ``longer`` to leave ``shorter`` in order, or None."""
    it = iter(longer)
    if not all(ch in it for ch in shorter):
        return None
    return Counter(longer) - Counter(shorter)


def _adds(op: LetterOperation, upper: str, lower: str) -> bool:
    """Whether ``lower`` is ``upper`` with the operation's letters added."""
    count = op.count or len(op.letters) or 1
    if len(lower) != len(upper) + count:
        return False
    if op.rearrange:
        extra = Counter(lower) - Counter(upper)
        if sum(extra.values()) != count or Counter(upper) - Counter(lower):
            return False
        return not op.letters or extra == Counter(op.letters)
    if op.position == FRONT:
        added = lower[:count]
        return lower[count:] == upper and (not op.letters or added == op.letters)
    if op.position == END:
        added = lower[-count:]
        return lower[:-count] == upper and (not op.letters or added == op.letters)
    removed = _removed(lower, upper)
    if removed is None:
        return False
    return not op.letters or removed == Counter(op.letters)


def fits(op: LetterOperation, upper: str, lower: str, sounds_alike: bool | None = None) -> bool:
    """Whether the operation turns ``upper`` into ``lower`` (both folded).

    Homophones need a pronunciation table: the caller passes ``sounds_alike``.
    """
    if not upper or not lower or upper == lower:
        return False
    kind = op.kind
    if kind is OperationKind.CHANGE:
        if len(upper) != len(lower):
            return False
        changed = [i for i, (a, b) in enumerate(zip(upper, lower, strict=True)) if a != b]
        if len(changed) != 1:
            return False
        return op.position is None or changed[0] == _resolve(op.position, len(upper))
    if kind is OperationKind.ADD:
        return _adds(op, upper, lower)
    if kind is OperationKind.REMOVE:
        return _adds(op, lower, upper)
    if kind is OperationKind.ANAGRAM:
        return sorted(upper) == sorted(lower)
    if kind is OperationKind.REVERSAL:
        return upper[::-1] == lower
    if kind is OperationKind.HIDDEN:
        return lower in upper
    return bool(sounds_alike)
