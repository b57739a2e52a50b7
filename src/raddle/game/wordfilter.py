"""The family-friendly word filter for player and team names, switched on per lobby.

A name is refused when one of its words, or the whole name run together, is a
blocked word or starts with a blocked stem. Words are compared by their confusable
skeleton with digits read as letters, so "Аss" with a Cyrillic А, "a55" or
"f.u.c.k" do not slip through, while "class", "Scunthorpe" or "Dickens" (a word
merely containing one) are left alone.
"""

from __future__ import annotations

import re
import unicodedata

from raddle.game.confusables import skeleton

# Whole words only.
_WORDS = frozenset(
    {
        "arse",
        "ass",
        "asses",
        "bastard",
        "bitch",
        "bollocks",
        "boob",
        "boobs",
        "cock",
        "cocks",
        "crap",
        "cum",
        "damn",
        "dick",
        "dicks",
        "dildo",
        "fag",
        "fags",
        "hoe",
        "hoes",
        "jizz",
        "nazi",
        "nazis",
        "piss",
        "porn",
        "prick",
        "pussy",
        "rape",
        "sex",
        "slut",
        "spunk",
        "tit",
        "tits",
        "twat",
        "wank",
        "whore",
    }
)
# Any word starting with these.
_STEMS = (
    "arsehole",
    "asshole",
    "bullshit",
    "cunt",
    "dickhead",
    "faggot",
    "fuck",
    "motherfuck",
    "nigga",
    "nigger",
    "retard",
    "shit",
    "wanker",
)
# Digits and symbols people put in place of letters.
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)
_SPLIT = re.compile(r"[^a-z]+")


def _letters(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_LEET)
    plain = skeleton(folded).casefold()
    # Accents go: "fück" reads as "fuck".
    return "".join(ch for ch in unicodedata.normalize("NFD", plain) if ch.isascii())


def _blocked(word: str) -> bool:
    return word in _WORDS or word.startswith(_STEMS)


def is_unfriendly(name: str) -> bool:
    """Whether a name has a word a family-friendly lobby refuses."""
    letters = _letters(name)
    words = [w for w in _SPLIT.split(letters) if w]
    return any(_blocked(w) for w in words) or _blocked("".join(words))
