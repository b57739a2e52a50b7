"""Playful per-round awards, handed out from each player's guessing stats.

Every award goes to one player, chosen by a fixed rule with a fixed tie-break (ending
in the lower player id), so the same round always gives the same awards. An award is
left out when nobody qualifies, and a round in which nobody guessed gives none.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction

# Misses before stubbornness becomes boldness worth celebrating.
MIN_BOLD_MISSES = 3
# Hits needed before accuracy means something: 1 for 1 is luck.
MIN_SHARPSHOOTER_HITS = 3


@dataclass(frozen=True)
class PlayerStats:
    """What one player did in a round."""

    player_id: int
    team_id: int | None
    correct: int
    wrong: int
    hints: int
    first_guess_at: float | None  # seconds from round start
    fastest_solve_seconds: float | None  # quickest time from a rung opening to solving it


@dataclass(frozen=True)
class Award:
    """One award: `key` is stable for clients, `title` and `detail` are for people."""

    key: str
    title: str
    player_id: int
    detail: str


def _plural(count: int, noun: str, plural: str | None = None) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {plural or noun + 's'}"


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s"


def _best(
    stats: Sequence[PlayerStats],
    eligible: Callable[[PlayerStats], bool],
    rank: Callable[[PlayerStats], tuple[object, ...]],
) -> PlayerStats | None:
    """The eligible player ranked first; the player id settles any tie."""
    candidates = [player for player in stats if eligible(player)]
    if not candidates:
        return None
    return min(candidates, key=lambda player: (*rank(player), player.player_id))


def _rung_raider(stats: Sequence[PlayerStats]) -> Award | None:
    # Most rungs solved; fewer misses breaks a tie, as the cleaner run.
    player = _best(stats, lambda p: p.correct > 0, lambda p: (-p.correct, p.wrong))
    if player is None:
        return None
    detail = f"Cracked {_plural(player.correct, 'rung')} for the team"
    return Award("rung_raider", "Rung Raider", player.player_id, detail)


def _bold_guesser(stats: Sequence[PlayerStats]) -> Award | None:
    player = _best(stats, lambda p: p.wrong >= MIN_BOLD_MISSES, lambda p: (-p.wrong,))
    if player is None:
        return None
    detail = f"{_plural(player.wrong, 'miss', 'misses')} and still swinging"
    return Award("bold_guesser", "Bold Guesser", player.player_id, detail)


def _quick_draw(stats: Sequence[PlayerStats]) -> Award | None:
    player = _best(
        stats,
        lambda p: p.fastest_solve_seconds is not None,
        lambda p: (p.fastest_solve_seconds,),
    )
    if player is None or player.fastest_solve_seconds is None:
        return None
    detail = f"Snapped up a rung in {_duration(player.fastest_solve_seconds)}"
    return Award("quick_draw", "Quick Draw", player.player_id, detail)


def _hint_hunter(stats: Sequence[PlayerStats]) -> Award | None:
    player = _best(stats, lambda p: p.hints > 0, lambda p: (-p.hints,))
    if player is None:
        return None
    detail = f"Asked for {_plural(player.hints, 'hint')}: no shame in a nudge"
    return Award("hint_hunter", "Hint Hunter", player.player_id, detail)


def _sharpshooter(stats: Sequence[PlayerStats]) -> Award | None:
    # Exact fractions, so 2/3 and 4/6 tie instead of differing in the last float bit;
    # among equal accuracy, more hits is the better record.
    player = _best(
        stats,
        lambda p: p.correct >= MIN_SHARPSHOOTER_HITS,
        lambda p: (-Fraction(p.correct, p.correct + p.wrong), -p.correct),
    )
    if player is None:
        return None
    if player.wrong == 0:
        detail = f"{player.correct} for {player.correct}, not a single miss"
    else:
        attempts = player.correct + player.wrong
        percent = round(100 * player.correct / attempts)
        detail = f"{player.correct} of {attempts} on target ({percent}%)"
    return Award("sharpshooter", "Sharpshooter", player.player_id, detail)


def _early_bird(stats: Sequence[PlayerStats]) -> Award | None:
    player = _best(stats, lambda p: p.first_guess_at is not None, lambda p: (p.first_guess_at,))
    if player is None or player.first_guess_at is None:
        return None
    detail = f"First guess in after {_duration(player.first_guess_at)}"
    return Award("early_bird", "Early Bird", player.player_id, detail)


_AWARDS: tuple[Callable[[Sequence[PlayerStats]], Award | None], ...] = (
    _rung_raider,
    _sharpshooter,
    _quick_draw,
    _early_bird,
    _bold_guesser,
    _hint_hunter,
)


def awards(stats: Sequence[PlayerStats]) -> list[Award]:
    """The round's awards in a fixed order; empty when nobody made a guess."""
    if not any(player.correct or player.wrong for player in stats):
        return []
    return [award for pick in _AWARDS if (award := pick(stats)) is not None]
