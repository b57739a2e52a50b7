"""A round as each audience may see it: the host sees answers, players only what they solved."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from raddle.db import tables
from raddle.db.repositories import rounds as round_rows
from raddle.game.clues import clue_key_for_step, clue_order, clue_views, present_clue
from raddle.game.hints import HintLevel, clue_step_for
from raddle.game.ladder import Direction, frontier, progress, revealed_after
from raddle.game.words import length_pattern
from raddle.wire.guess import GuessView
from raddle.wire.hint import HintView
from raddle.wire.ladder import (
    AnswerClues,
    AnswerRung,
    AnswerStep,
    ClueCard,
    Frontier,
    HostPuzzleLabel,
    PlayerClues,
    PuzzleLabel,
    RungView,
    WholeLadder,
)
from raddle.wire.player import SolvedBy
from raddle.wire.round import (
    HostLadderView,
    HostRound,
    LadderView,
    PlayerRound,
    RoundView,
    ScreenRound,
)
from raddle.wire.team import TeamProgress

RECENT_GUESSES = 30


@dataclass
class RoundData:
    """One round with everything its views need, loaded in one transaction."""

    round: tables.Round
    ladders: list[tables.Ladder]
    rungs: dict[int, list[tables.RungState]] = field(default_factory=dict)
    guesses: dict[int, list[tables.Guess]] = field(default_factory=dict)
    hints: dict[int, list[tables.Hint]] = field(default_factory=dict)
    # Whether `guesses` and `hints` were loaded (see `load_round`).
    history: bool = False

    def ladder_of_team(self, team_id: int | None) -> tables.Ladder | None:
        if team_id is None:
            return None
        return next((ladder for ladder in self.ladders if ladder.team_id == team_id), None)


async def load_round(
    session: AsyncSession, round_: tables.Round, *, history: bool = True
) -> RoundData:
    """The round with every ladder, its rungs and (with `history`) the recent guesses
    and the hints."""
    return await _loaded(session, round_, await round_rows.ladders(session, round_.id), history)


async def load_team_round(
    session: AsyncSession, round_: tables.Round, ladder: tables.Ladder, *, history: bool
) -> RoundData:
    """The round with only one team's ladder: a guess or a hint needs no more.

    Without `history` the recent guesses and the hints are left out (a wrong guess is
    judged on the rungs alone); `load_history` adds them when a view needs them."""
    return await _loaded(session, round_, [ladder], history)


async def _loaded(
    session: AsyncSession, round_: tables.Round, ladders: list[tables.Ladder], history: bool
) -> RoundData:
    data = RoundData(round_, ladders)
    by_ladder: dict[int, list[tables.RungState]] = defaultdict(list)
    for rung in await round_rows.rungs(session, [ladder.id for ladder in ladders]):
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


def revealed_of(ladder: tables.Ladder, rungs: list[tables.RungState]) -> list[bool]:
    return revealed_after(len(ladder.words), (r.index for r in rungs if r.solved_at is not None))


def hint_costs_of(round_: tables.Round) -> dict[HintLevel, float]:
    """The share of its points each level of hint costs a team in this round."""
    return {HintLevel.CLUE: round_.hint_cost_clue, HintLevel.WORD: round_.hint_cost_word}


def order_of(ladder: tables.Ladder) -> list[int]:
    return clue_order(len(ladder.clues), ladder.clue_seed)


def solved_count(rungs: list[tables.RungState]) -> tuple[int, int]:
    return sum(1 for r in rungs if r.solved_at is not None), len(rungs)


def team_progress(data: RoundData) -> list[TeamProgress]:
    rows = []
    for ladder in data.ladders:
        solved, total = solved_count(data.rungs.get(ladder.id, []))
        rows.append(
            TeamProgress(
                team_id=ladder.team_id,
                name=ladder.team_name,
                # The puzzle's title: in `different` mode the room wants to know whose is whose.
                puzzle=ladder.puzzle_title,
                solved=solved,
                total=total,
                progress=progress_of(ladder, data.rungs.get(ladder.id, [])),
                finished_at=ladder.finished_at,
                place=ladder.place,
            )
        )
    return rows


def progress_of(ladder: tables.Ladder, rungs: list[tables.RungState]) -> float:
    """The game's progress of a ladder, rounded as every view shows it."""
    return round(progress(revealed_of(ladder, rungs)), 4)


def guess_view(guess: tables.Guess) -> GuessView:
    return GuessView(
        player_id=guess.player_id,
        player_name=guess.player_name,
        rung=guess.rung,
        word=guess.word,
        result=guess.result,
        at=guess.created_at,
    )


def hint_view(hint: tables.Hint, ladder: tables.Ladder) -> HintView:
    clue = hint.level == HintLevel.CLUE
    step = clue_step_for(hint.rung, Direction(hint.direction))
    return HintView(
        player_id=hint.player_id,
        player_name=hint.player_name,
        level=hint.level,
        rung=hint.rung,
        direction=hint.direction,
        clue_key=clue_key_for_step(order_of(ladder), step) if clue else None,
        word=None if clue else ladder.words[hint.rung],
    )


def transform_of(ladder: tables.Ladder, step: int) -> str | None:
    """The puzzle's label for how `step` works; ladders dealt before labels were kept
    have none."""
    labels = ladder.transforms or []
    return labels[step] if step < len(labels) else None


def answer_steps(ladder: tables.Ladder, order: list[int]) -> list[AnswerStep]:
    """Every clue of the ladder in ladder order, with both its words filled in."""
    return [
        AnswerStep(
            step=step,
            key=clue_key_for_step(order, step),
            text=present_clue(clue, ladder.words[step], ladder.words[step + 1]),
            transform=transform_of(ladder, step),
        )
        for step, clue in enumerate(ladder.clues)
    ]


def _solver(state: tables.RungState | None) -> SolvedBy | None:
    if state is None or state.solved_at is None:
        return None
    return SolvedBy(id=state.solved_by, name=state.solved_by_name)


def whole_ladder(data: RoundData, ladder: tables.Ladder) -> WholeLadder:
    """A team's whole ladder as everyone sees it once the round is over: every word, who
    found it, and every clue with how its step works."""
    rung_rows = {r.index: r for r in data.rungs.get(ladder.id, [])}
    rungs = []
    for index, word in enumerate(ladder.words):
        state = rung_rows.get(index)
        rungs.append(
            AnswerRung(
                index=index,
                word=word,
                given=state is None,
                solved_by=_solver(state),
                by_hint=bool(state and state.by_hint),
            )
        )
    return WholeLadder(
        team_id=ladder.team_id,
        name=ladder.team_name,
        puzzle=PuzzleLabel(title=ladder.puzzle_title, difficulty=ladder.difficulty),
        rungs=rungs,
        steps=answer_steps(ladder, order_of(ladder)),
    )


def _rungs(
    ladder: tables.Ladder, rung_rows: dict[int, tables.RungState], shown: list[bool]
) -> list[RungView]:
    return [
        RungView(
            index=index,
            word=word if shown[index] else None,
            pattern=length_pattern(word),
            solved_by=_solver(rung_rows.get(index)),
            by_hint=bool((state := rung_rows.get(index)) and state.by_hint),
        )
        for index, word in enumerate(ladder.words)
    ]


def ladder_view(data: RoundData, ladder: tables.Ladder) -> LadderView:
    """A team's ladder as the team sees it: hidden words never appear anywhere in it."""
    rung_rows = {r.index: r for r in data.rungs.get(ladder.id, [])}
    revealed = revealed_of(ladder, list(rung_rows.values()))
    order = order_of(ladder)
    return LadderView(
        team_id=ladder.team_id,
        puzzle=PuzzleLabel(title=ladder.puzzle_title, difficulty=ladder.difficulty),
        rungs=_rungs(ladder, rung_rows, revealed),
        frontier=_frontier(revealed),
        finished_at=ladder.finished_at,
        place=ladder.place,
        hints=[hint_view(h, ladder) for h in data.hints.get(ladder.id, [])],
        guesses=[guess_view(g) for g in data.guesses.get(ladder.id, [])],
        clues=PlayerClues(
            **{
                direction.value: [
                    ClueCard(key=c.key, text=c.text, used=c.used)
                    for c in clue_views(ladder.clues, ladder.words, revealed, order, direction)
                ]
                for direction in Direction
            }
        ),
    )


def host_ladder_view(
    data: RoundData, ladder: tables.Ladder, team_view: LadderView | None = None
) -> HostLadderView:
    """A team's ladder as the host sees it: every word, the clues in ladder order. The
    team's own view of it, when there is one, lends what both show alike."""
    rung_rows = {r.index: r for r in data.rungs.get(ladder.id, [])}
    if team_view is None:
        revealed = revealed_of(ladder, list(rung_rows.values()))
        frontier_, hints, guesses = (
            _frontier(revealed),
            [hint_view(h, ladder) for h in data.hints.get(ladder.id, [])],
            [guess_view(g) for g in data.guesses.get(ladder.id, [])],
        )
    else:
        frontier_, hints, guesses = team_view.frontier, team_view.hints, team_view.guesses
    return HostLadderView(
        team_id=ladder.team_id,
        puzzle=HostPuzzleLabel(
            title=ladder.puzzle_title, difficulty=ladder.difficulty, slug=ladder.puzzle_slug
        ),
        rungs=_rungs(ladder, rung_rows, [True] * len(ladder.words)),
        frontier=frontier_,
        finished_at=ladder.finished_at,
        place=ladder.place,
        hints=hints,
        guesses=guesses,
        clues=AnswerClues(steps=answer_steps(ladder, order_of(ladder))),
    )


def _frontier(revealed: list[bool]) -> Frontier:
    return Frontier(down=frontier(revealed, Direction.DOWN), up=frontier(revealed, Direction.UP))


Audience = Literal["admin", "screen", "players", "team"]


def round_view(data: RoundData, audience: Audience, team_id: int | None = None) -> RoundView:
    """The round as the host ("admin"), the big screen, a player on no ladder
    ("players") or a team ("team", with `team_id`) sees it."""
    round_ = data.round
    common = {
        "id": round_.id,
        "number": round_.number,
        "status": round_.status,
        "mode": round_.mode,
        "started_at": round_.started_at,
        "ends_at": round_.ends_at,
        "ended_at": round_.ended_at,
        "hints": round_.hints_enabled,
        "hint_costs": {"1": round_.hint_cost_clue, "2": round_.hint_cost_word},
        "teams": team_progress(data),
    }
    if audience == "admin":
        ladders = {
            str(ladder.team_id): host_ladder_view(data, ladder)
            for ladder in data.ladders
            if ladder.team_id is not None
        }
        return HostRound(**common, ladders=ladders)
    if audience == "screen":
        return ScreenRound(**common)
    ladder = data.ladder_of_team(team_id) if audience == "team" else None
    return PlayerRound(**common, ladder=ladder_view(data, ladder) if ladder else None)


def audiences(data: RoundData) -> dict[str, RoundView]:
    """The round as every audience of a lobby event sees it."""
    from raddle.services.kit.events import ADMIN, PLAYERS, SCREEN, team_audience

    views = {
        ADMIN: round_view(data, "admin"),
        PLAYERS: round_view(data, "players"),
        SCREEN: round_view(data, "screen"),
    }
    for ladder in data.ladders:
        if ladder.team_id is not None:
            views[team_audience(ladder.team_id)] = round_view(data, "team", ladder.team_id)
    return views
