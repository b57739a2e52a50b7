"""Answer words: how guesses are compared and how hidden rungs are described."""

from __future__ import annotations

import re
import unicodedata

# A separator in a length pattern keeps the kind of gap the answer has, so that
# "NEW YORK" reads (3 4) and "X-RAY" reads (1-3); other punctuation is dropped.
_PATTERN_SEPARATORS = {" ": " ", "-": "-"}
_WORD_CHARS = re.compile(r"[^0-9A-Z]")


def normalise(text: str) -> str:
    """Fold a guess or an answer to the form two matching words share.

    Case, accents and every character that is not a letter or digit are ignored,
    so "né-w york" and "NEW YORK" normalise alike. Idempotent.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _WORD_CHARS.sub("", without_marks.upper())


def matches(guess: str, answer: str) -> bool:
    """True when a guess names the answer (see `normalise`)."""
    folded = normalise(guess)
    return bool(folded) and folded == normalise(answer)


def length_pattern(word: str) -> str:
    """The length pattern shown for a hidden rung: "(5)", "(3 4)", "(4-4)"."""
    parts: list[str] = []
    count = 0
    for ch in word.strip():
        if ch in _PATTERN_SEPARATORS:
            if count:
                parts.append(str(count))
                parts.append(_PATTERN_SEPARATORS[ch])
            count = 0
        else:
            # Count what the character folds to, not the character itself: "ß" folds
            # to "SS" and "ﬁ" to "FI", and the pattern must agree with what `matches`
            # compares (a guess of the shown length has to be able to match).
            count += len(normalise(ch))
    if count:
        parts.append(str(count))
    elif parts:
        parts.pop()
    return "(" + "".join(parts) + ")"
