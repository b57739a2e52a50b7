"""What counts as a name for a player, a team or a lobby, and the names we make up."""

from __future__ import annotations

import random
import unicodedata

from raddle.game.confusables import is_default_ignorable, skeleton

PLAYER_NAME_MAX = 24
TEAM_NAME_MAX = 40
LOBBY_NAME_MAX = 60

# No 0/O, 1/I/L: a code read off a big screen across a room must not be misread.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6

# Combining marks in a row on one letter; real scripts stack two or three, "zalgo"
# text stacks dozens that spill over the lines around it.
MAX_COMBINING_RUN = 3
# Characters that draw nothing but are not classed as space or format characters.
_BLANK = frozenset({"\u2800", "\u3164", "\uffa0", "\u115f", "\u1160"})


class BadName(ValueError):
    """A name that cannot be used, with the reason in plain words."""


def clean_name(raw: str, *, what: str, max_length: int) -> str:
    """Trim a name and collapse inner runs of whitespace; refuse names that would not
    show as what they are: control, format and bidi characters, fillers and blanks
    that look empty, piles of combining marks."""
    if not isinstance(raw, str):
        raise BadName(f"The {what} must be text.")
    for ch in raw:
        category = unicodedata.category(ch)
        if ch.isspace():
            continue
        if category in ("Cc", "Cf", "Cs", "Co", "Cn") or is_default_ignorable(ch):
            raise BadName(f"The {what} contains a character that cannot be shown.")
        if ch in _BLANK:
            raise BadName(f"The {what} contains a blank character.")
    name = " ".join(unicodedata.normalize("NFC", raw).split())
    if not name:
        raise BadName(f"The {what} cannot be empty.")
    if len(name) > max_length:
        raise BadName(f"The {what} can be at most {max_length} characters long.")
    run = 0
    for ch in name:
        run = run + 1 if unicodedata.category(ch) in ("Mn", "Me") else 0
        if run > MAX_COMBINING_RUN:
            raise BadName(f"The {what} has too many accents on one letter.")
    if not any(unicodedata.category(ch)[0] in "LNSP" for ch in name):
        raise BadName(f"The {what} needs at least one letter, digit or symbol.")
    return name


def clean_player_name(raw: str) -> str:
    return clean_name(raw, what="player name", max_length=PLAYER_NAME_MAX)


def clean_team_name(raw: str) -> str:
    return clean_name(raw, what="team name", max_length=TEAM_NAME_MAX)


def clean_lobby_name(raw: str) -> str:
    return clean_name(raw, what="lobby name", max_length=LOBBY_NAME_MAX)


def name_key(name: str) -> str:
    """The form two names are compared in: "ALICE" and "alice" are the same player."""
    return unicodedata.normalize("NFKC", name).casefold()


def strip_invisible(text: str) -> str:
    """`text` without format characters (bidi controls, zero-width joiners) and other
    characters that draw nothing, so what is shown is what was typed."""
    return "".join(
        ch
        for ch in text
        if unicodedata.category(ch) != "Cf" and not is_default_ignorable(ch) and ch not in _BLANK
    )


def name_lookalike(name: str) -> str:
    """The form in which names that look the same are the same: "Alice" and "Аlice"
    (with a Cyrillic А) and "ALICE" all give one key."""
    # Skeleton first, case after: TS #39 maps by appearance ("0" to "O", capital "I"
    # to "l"), which folding case first would lose.
    return skeleton(unicodedata.normalize("NFKC", name)).casefold()[:96]


def normalise_code(raw: str) -> str | None:
    """A lobby code as typed (any case, stray spaces) in its stored form, or None."""
    code = raw.strip().upper()
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return None
    return code


def new_code(rng: random.Random) -> str:
    return "".join(rng.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


_LOBBY_ADJECTIVES = (
    "Giddy",
    "Velvet",
    "Thunder",
    "Midnight",
    "Cosmic",
    "Lucky",
    "Sneaky",
    "Breezy",
    "Jolly",
    "Crimson",
    "Dapper",
    "Fizzy",
    "Golden",
    "Hushed",
    "Jazzy",
    "Mellow",
    "Nimble",
    "Plucky",
    "Quirky",
    "Rowdy",
    "Sunny",
    "Twisty",
    "Wobbly",
    "Zesty",
)
_LOBBY_NOUNS = (
    "Ladders",
    "Wordsmiths",
    "Riddlers",
    "Syllables",
    "Spellbinders",
    "Puzzlers",
    "Vowels",
    "Lexicon",
    "Scribblers",
    "Anagrams",
    "Crosswords",
    "Wordplay",
    "Parade",
    "Carnival",
    "Soiree",
    "Jamboree",
    "Hoedown",
    "Summit",
)
_TEAM_COLOURS = (
    "Red",
    "Blue",
    "Green",
    "Gold",
    "Purple",
    "Orange",
    "Silver",
    "Teal",
    "Pink",
    "Indigo",
)
_TEAM_CREATURES = (
    "Foxes",
    "Owls",
    "Otters",
    "Herons",
    "Badgers",
    "Lynxes",
    "Ravens",
    "Newts",
    "Hares",
    "Moths",
    "Falcons",
    "Wombats",
)


def fun_lobby_name(rng: random.Random) -> str:
    return f"{rng.choice(_LOBBY_ADJECTIVES)} {rng.choice(_LOBBY_NOUNS)}"


def team_names(count: int, taken: set[str], rng: random.Random) -> list[str]:
    """`count` new team names, each with a colour no existing team uses, so teams are easy
    to tell apart on screen; plain numbered names once the colours run out."""
    colours = list(_TEAM_COLOURS)
    creatures = list(_TEAM_CREATURES)
    rng.shuffle(colours)
    rng.shuffle(creatures)
    taken_colours = {name_key(t.split()[0]) for t in taken if t.split()}
    taken_keys = {name_key(t) for t in taken}
    fresh = [
        f"{colour} {creatures[i % len(creatures)]}"
        for i, colour in enumerate(colours)
        if name_key(colour) not in taken_colours
    ]
    numbered = (f"Team {n}" for n in range(1, count + len(taken) + 2))
    names = [n for n in fresh if name_key(n) not in taken_keys][:count]
    names += [n for n in numbered if name_key(n) not in taken_keys][: count - len(names)]
    return names
