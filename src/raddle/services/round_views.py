"""A round as each audience may see it: the host sees answers, players only what they solved."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from raddle.db import tables
from raddle.db.repositories import rounds as round_rows
from raddle.game.clues import clue_key_for_step, clue_order, clue_views, present_clue
from raddle.game.ladder import Direction, frontier
from raddle.game.words import length_pattern
from raddle.schemas import iso_utc

RECENT_GUESSES = 30


@dataclass
class RoundData:
    """One round with everything its views need, loaded in one transaction."""

    round: tables.Round
    ladders: list[tables.RoundTeam]
    rungs: dict[int, list[tables.RungState]] = field(default_factory=dict)
    guesses: dict[int, list[tables.Guess]] = field(default_factory=dict)
    hints: dict[int, list[tables.Hint]] = field(default_factory=dict)
    # Whether `guesses` and `hints` were loaded (see `load_round`).
    history: bool = False

    def ladder_of_team(self, team_id: int | None) -> tables.RoundTeam | None:
        if team_id is None:
            return None
        return next((ladder for ladder in self.ladders if ladder.team_id == team_id), None)


async def load_round(
    session: AsyncSession,
    round_: tables.Round,
    team_id: int | None = None,
    *,
    history: bool = True,
) -> RoundData:
    """The round with every ladder, or with only `team_id`'s: a guess needs no more.

    Without `history` the recent guesses and the hints are left out (a wrong guess is
    judged on the rungs alone); `load_history` adds them when a view needs them."""
    if team_id is None:
        ladders = await round_rows.ladders(session, round_.id)
    else:
        ladder = await round_rows.ladder_of_team(session, round_.id, team_id)
        ladders = [] if ladder is None else [ladder]
    ids = [ladder.id for ladder in ladders]
    data = RoundData(round_, ladders)
    by_ladder: dict[int, list[tables.RungState]] = defaultdict(list)
    for rung in await round_rows.rungs(session, ids):
        by_ladder[rung.round_team_id].append(rung)
    data.rungs = dict(by_ladder)
    if history:
        await load_history(session, data)
    return data


async def load_history(session: AsyncSession, data: RoundData) -> None:
    """The recent guesses and the hints of the round's loaded ladders, as stored now."""
    ids = [ladder.id for ladder in data.ladders]
    guesses: dict[int, list[tables.Guess]] = defaultdict(list)
    for guess in await round_rows.recent_guesses(session, ids, RECENT_GUESSES):
        guesses[guess.round_team_id].append(guess)
    data.guesses = dict(guesses)
    hints: dict[int, list[tables.Hint]] = defaultdict(list)
    for hint in await round_rows.hints(session, ids):
        hints[hint.round_team_id].append(hint)
    data.hints = dict(hints)
    data.history = True


def revealed_of(ladder: tables.RoundTeam, rungs: list[tables.RungState]) -> list[bool]:
    revealed = [True] * len(ladder.words)
    for rung in rungs:
        revealed[rung.index] = rung.solved_at is not None
    return revealed


def order_of(ladder: tables.RoundTeam) -> list[int]:
    return clue_order(len(ladder.clues), ladder.clue_seed)


def solved_count(ladder: tables.RoundTeam, rungs: list[tables.RungState]) -> tuple[int, int]:
    return sum(1 for r in rungs if r.solved_at is not None), len(rungs)


def team_progress(data: RoundData) -> list[dict[str, Any]]:
    rows = []
    for ladder in data.ladders:
        solved, total = solved_count(ladder, data.rungs.get(ladder.id, []))
        rows.append(
            {
                "team_id": ladder.team_id,
                "name": ladder.team_name,
                # The puzzle's title: in `different` mode the room wants to know whose is whose.
                "puzzle": ladder.puzzle_title,
                "solved": solved,
                "total": total,
                "progress": round(solved / total, 4) if total else 1.0,
                "finished_at": iso_utc(ladder.finished_at) if ladder.finished_at else None,
                "place": ladder.place,
            }
        )
    return rows


def guess_view(guess: tables.Guess) -> dict[str, Any]:
    return {
        "player_id": guess.player_id,
        "player_name": guess.player_name,
        "rung": guess.rung,
        "word": guess.word,
        "result": guess.result,
        "at": iso_utc(guess.created_at),
    }


def hint_view(hint: tables.Hint, ladder: tables.RoundTeam) -> dict[str, Any]:
    view: dict[str, Any] = {
        "player_id": hint.player_id,
        "player_name": hint.player_name,
        "level": hint.level,
        "rung": hint.rung,
        "direction": hint.direction,
    }
    step = hint.rung - 1 if hint.direction == Direction.DOWN else hint.rung
    if hint.level == 1:
        view["clue_key"] = clue_key_for_step(order_of(ladder), step)
    else:
        view["word"] = ladder.words[hint.rung]
    return view


def transform_of(ladder: tables.RoundTeam, step: int) -> str | None:
    """The puzzle's label for how `step` works; ladders dealt before labels were kept
    have none."""
    labels = ladder.transforms or []
    return labels[step] if step < len(labels) else None


def answer_steps(ladder: tables.RoundTeam, order: list[int]) -> list[dict[str, Any]]:
    """Every clue of the ladder in ladder order, with both its words filled in."""
    return [
        {
            "step": step,
            "key": clue_key_for_step(order, step),
            "text": present_clue(clue, ladder.words[step], ladder.words[step + 1]),
            "transform": transform_of(ladder, step),
        }
        for step, clue in enumerate(ladder.clues)
    ]


def whole_ladder(data: RoundData, ladder: tables.RoundTeam) -> dict[str, Any]:
    """A team's whole ladder as everyone sees it once the round is over: every word, who
    found it, and every clue with how its step works."""
    rung_rows = {r.index: r for r in data.rungs.get(ladder.id, [])}
    rungs = []
    for index, word in enumerate(ladder.words):
        state = rung_rows.get(index)
        rungs.append(
            {
                "index": index,
                "word": word,
                "given": state is None,
                "solved_by": (
                    {"id": state.solved_by, "name": state.solved_by_name}
                    if state is not None and state.solved_at is not None
                    else None
                ),
                "by_hint": bool(state and state.by_hint),
            }
        )
    return {
        "team_id": ladder.team_id,
        "name": ladder.team_name,
        "puzzle": {"title": ladder.puzzle_title, "difficulty": ladder.difficulty},
        "rungs": rungs,
        "steps": answer_steps(ladder, order_of(ladder)),
    }


def ladder_view(data: RoundData, ladder: tables.RoundTeam, *, answers: bool) -> dict[str, Any]:
    """A team's ladder. Without `answers`, hidden words never appear anywhere in it."""
    rung_rows = {r.index: r for r in data.rungs.get(ladder.id, [])}
    revealed = revealed_of(ladder, list(rung_rows.values()))
    order = order_of(ladder)
    rungs = []
    for index, word in enumerate(ladder.words):
        state = rung_rows.get(index)
        shown = revealed[index] or answers
        rungs.append(
            {
                "index": index,
                "word": word if shown else None,
                "pattern": length_pattern(word),
                "solved_by": (
                    {"id": state.solved_by, "name": state.solved_by_name}
                    if state is not None and state.solved_at is not None
                    else None
                ),
                "by_hint": bool(state and state.by_hint),
            }
        )
    view: dict[str, Any] = {
        "team_id": ladder.team_id,
        "puzzle": {"title": ladder.puzzle_title, "difficulty": ladder.difficulty},
        "rungs": rungs,
        "frontier": {
            "down": frontier(revealed, Direction.DOWN),
            "up": frontier(revealed, Direction.UP),
        },
        "finished_at": iso_utc(ladder.finished_at) if ladder.finished_at else None,
        "place": ladder.place,
        "hints": [hint_view(h, ladder) for h in data.hints.get(ladder.id, [])],
        "guesses": [guess_view(g) for g in data.guesses.get(ladder.id, [])],
    }
    if answers:
        view["puzzle"]["slug"] = ladder.puzzle_slug
        view["clues"] = {"steps": answer_steps(ladder, order)}
    else:
        view["clues"] = {
            direction.value: [
                {"key": c.key, "text": c.text, "used": c.used}
                for c in clue_views(ladder.clues, ladder.words, revealed, order, direction)
            ]
            for direction in Direction
        }
    return view


def round_view(data: RoundData, audience: str, team_id: int | None = None) -> dict[str, Any]:
    """`audience` is "admin", "screen", "players" or "team" (with `team_id`)."""
    round_ = data.round
    view: dict[str, Any] = {
        "id": round_.id,
        "number": round_.number,
        "status": round_.status,
        "mode": round_.mode,
        "started_at": iso_utc(round_.started_at),
        "ends_at": iso_utc(round_.ends_at) if round_.ends_at else None,
        "ended_at": iso_utc(round_.ended_at) if round_.ended_at else None,
        "hints": round_.hints_enabled,
        "hint_costs": {"1": round_.hint_cost_clue, "2": round_.hint_cost_word},
        "teams": team_progress(data),
    }
    if audience == "admin":
        view["ladders"] = {
            str(ladder.team_id): ladder_view(data, ladder, answers=True)
            for ladder in data.ladders
            if ladder.team_id is not None
        }
    elif audience == "team":
        ladder = data.ladder_of_team(team_id)
        view["ladder"] = ladder_view(data, ladder, answers=False) if ladder else None
    elif audience == "players":
        view["ladder"] = None
    return view


def audiences(data: RoundData) -> dict[str, dict[str, Any]]:
    """The round as every audience of a lobby event sees it."""
    from raddle.services.events import ADMIN, PLAYERS, SCREEN, team_audience

    views = {
        ADMIN: round_view(data, "admin"),
        PLAYERS: round_view(data, "players"),
        SCREEN: round_view(data, "screen"),
    }
    for ladder in data.ladders:
        if ladder.team_id is not None:
            views[team_audience(ladder.team_id)] = round_view(data, "team", ladder.team_id)
    return views
