"""The English words the linter searches for competing answers, with how common each is.

Frequencies come from the ``wordfreq`` package (its English list ships inside the
package, so nothing is fetched at run time) on the Zipf scale: about 3 is a word seen
once per million words ("vat", "tat"), 5 or more an everyday word ("town", "down").
Pronunciations, used only for homophone clues, come from the CMU Pronouncing
Dictionary through the ``pronouncing`` package, and are loaded on first use.
The blocklist is our own data file, ``blocklist.txt`` beside this module.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from importlib import resources

#: Words rarer than this are not searched at all (except blocked ones): below it the
#: list is mostly names, typos and fragments nobody would offer as an answer.
SEARCH_FLOOR = 2.0

_LETTERS = re.compile(r"[a-z]+")


class Lexicon:
    """Words by length and by sorted letters, each with a Zipf frequency.

    Words are kept folded to upper case, as `raddle.game.words.normalise` leaves them.
    """

    def __init__(self, frequencies: dict[str, float], blocked: Iterable[str] = ()) -> None:
        self.blocked = frozenset(word.upper() for word in blocked)
        self._zipf: dict[str, float] = {word.upper(): z for word, z in frequencies.items()}
        for word in self.blocked:
            self._zipf.setdefault(word, 0.0)
        self.by_length: dict[int, list[str]] = defaultdict(list)
        self.by_letters: dict[str, list[str]] = defaultdict(list)
        for word in self._zipf:
            self.by_length[len(word)].append(word)
            self.by_letters["".join(sorted(word))].append(word)

    def __contains__(self, word: object) -> bool:
        return word in self._zipf

    def zipf(self, word: str) -> float:
        """How common a word is (0 for a word not in the list)."""
        return self._zipf.get(word, 0.0)

    def is_blocked(self, word: str) -> bool:
        return word in self.blocked

    def anagrams(self, word: str) -> list[str]:
        """Every listed word with exactly these letters (the word itself included)."""
        return list(self.by_letters.get("".join(sorted(word)), ()))


@cache
def blocklist() -> frozenset[str]:
    """The words never to be an answer or a competing answer in a party game."""
    text = resources.files("raddle.puzzles").joinpath("blocklist.txt").read_text("utf-8")
    words = set()
    for line in text.splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            words.add(entry.upper())
    return frozenset(words)


@cache
def english() -> Lexicon:
    """The English lexicon, loaded once per process (about two seconds)."""
    from wordfreq import get_frequency_dict

    frequencies = get_frequency_dict("en", "large")
    zipf: dict[str, float] = {}
    for word, frequency in frequencies.items():
        if not _LETTERS.fullmatch(word):
            continue
        value = math.log10(frequency) + 9
        if value >= SEARCH_FLOOR:
            zipf[word] = round(value, 2)
    return Lexicon(zipf, blocklist())


class Pronunciations:
    """Which words sound alike, from a table of word → phone strings."""

    def __init__(self, table: Iterable[tuple[str, str]]) -> None:
        self._phones: dict[str, set[str]] = defaultdict(set)
        self._words: dict[str, set[str]] = defaultdict(set)
        for word, phones in table:
            folded = re.sub(r"\(\d+\)$", "", word).upper()
            # Stress marks do not change which words sound alike in speech.
            sound = re.sub(r"\d", "", phones.split("#", 1)[0]).strip()
            self._phones[folded].add(sound)
            self._words[sound].add(folded)

    def known(self, word: str) -> bool:
        return word in self._phones

    def sound_alike(self, a: str, b: str) -> bool:
        return bool(self._phones.get(a, set()) & self._phones.get(b, set()))

    def homophones(self, word: str) -> set[str]:
        """The other words pronounced like ``word``."""
        found: set[str] = set()
        for sound in self._phones.get(word, ()):
            found |= self._words[sound]
        found.discard(word)
        return found


@cache
def pronunciations() -> Pronunciations:
    """The CMU Pronouncing Dictionary, loaded on first use (a few seconds)."""
    import pronouncing

    pronouncing.init_cmu()
    return Pronunciations(
        (word, phones) for word, phones in pronouncing.pronunciations if word.isalpha()
    )
