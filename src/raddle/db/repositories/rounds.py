"""Queries on rounds, their ladders, rungs, guesses and hints."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import cast

from sqlalchemy import Table, and_, bindparam, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from raddle.db.tables import Guess, Hint, Ladder, Lobby, Round, RungState
from raddle.game.phase import RoundStatus

# The statements of every guess, built once (see `running_with_ladder`, `rungs`,
# `guess_by_ref`, `add_guess`): building a statement costs more than SQLite running it.
_RUNNING = select(Round).where(
    Round.lobby_id == bindparam("lobby_id"), Round.status == RoundStatus.RUNNING
)
_RUNNING_WITH_LADDER = (
    select(Round, Ladder)
    .outerjoin(Ladder, and_(Ladder.round_id == Round.id, Ladder.team_id == bindparam("team_id")))
    .where(Round.lobby_id == bindparam("lobby_id"), Round.status == RoundStatus.RUNNING)
)
_RUNGS = (
    select(RungState)
    .where(RungState.round_team_id.in_(bindparam("ladder_ids", expanding=True)))
    .order_by(RungState.round_team_id, RungState.index)
)
_GUESS_BY_REF = (
    select(Guess)
    .join(Ladder, Ladder.id == Guess.round_team_id)
    .where(
        Guess.player_id == bindparam("player_id"),
        Guess.ref == bindparam("ref"),
        Ladder.round_id == bindparam("round_id"),
    )
    .limit(1)
)
_guesses = cast(Table, Guess.__table__)
_ADD_GUESS = insert(_guesses).returning(_guesses.c.id)
_GUESS_FIELDS = ("round_team_id", "player_id", "player_name", "rung", "word", "result", "ref")


async def running(session: AsyncSession, lobby_id: int) -> Round | None:
    result = await session.execute(_RUNNING, {"lobby_id": lobby_id})
    return result.scalar_one_or_none()


async def running_with_ladder(
    session: AsyncSession, lobby_id: int, team_id: int | None
) -> tuple[Round | None, Ladder | None]:
    """The running round and the team's ladder in it (None where there is none): what
    every guess and hint needs first, in one statement."""
    row = (
        await session.execute(_RUNNING_WITH_LADDER, {"lobby_id": lobby_id, "team_id": team_id})
    ).one_or_none()
    return (None, None) if row is None else (row[0], row[1])


_LATEST = (
    select(Round)
    .where(Round.lobby_id == bindparam("lobby_id"))
    .order_by(Round.number.desc())
    .limit(1)
)
_ENDED_LADDERS = (
    select(Round, Ladder)
    .join(Ladder, Ladder.round_id == Round.id)
    .join(Lobby, Lobby.id == Round.lobby_id)
    .where(
        Round.lobby_id == bindparam("lobby_id"),
        Round.status == RoundStatus.ENDED,
        Round.number >= Lobby.game_first_round,
    )
    .order_by(Round.number, Ladder.id)
)


async def latest(session: AsyncSession, lobby_id: int) -> Round | None:
    result = await session.execute(_LATEST, {"lobby_id": lobby_id})
    return result.scalar_one_or_none()


async def by_id(session: AsyncSession, round_id: int) -> Round | None:
    return await session.get(Round, round_id)


async def in_lobby(session: AsyncSession, lobby_id: int) -> list[Round]:
    result = await session.execute(
        select(Round).where(Round.lobby_id == lobby_id).order_by(Round.number)
    )
    return list(result.scalars())


async def count_in_lobby(session: AsyncSession, lobby_id: int) -> int:
    result = await session.execute(
        select(func.count()).select_from(Round).where(Round.lobby_id == lobby_id)
    )
    return int(result.scalar_one())


async def played_slugs(session: AsyncSession, lobby_id: int) -> set[str]:
    result = await session.execute(
        select(Ladder.puzzle_slug).join(Round).where(Round.lobby_id == lobby_id).distinct()
    )
    return set(result.scalars())


async def add_round(session: AsyncSession, round_: Round) -> Round:
    session.add(round_)
    await session.flush()
    return round_


async def add_ladder(session: AsyncSession, ladder: Ladder) -> Ladder:
    session.add(ladder)
    await session.flush()
    session.add_all(
        RungState(round_team_id=ladder.id, index=i) for i in range(1, len(ladder.words) - 1)
    )
    await session.flush()
    return ladder


async def ladders(session: AsyncSession, round_id: int) -> list[Ladder]:
    result = await session.execute(
        select(Ladder).where(Ladder.round_id == round_id).order_by(Ladder.id)
    )
    return list(result.scalars())


async def rungs(session: AsyncSession, ladder_ids: list[int]) -> list[RungState]:
    if not ladder_ids:
        return []
    result = await session.execute(_RUNGS, {"ladder_ids": ladder_ids})
    return list(result.scalars())


async def reveal(
    session: AsyncSession,
    rung: RungState,
    now: datetime,
    player_id: int,
    player_name: str,
    *,
    by_hint: bool = False,
) -> bool:
    """Reveal a rung if it is still hidden: the first correct answer wins, once."""
    result = await session.execute(
        update(RungState)
        .where(
            RungState.round_team_id == rung.round_team_id,
            RungState.index == rung.index,
            RungState.solved_at.is_(None),
        )
        .values(solved_at=now, solved_by=player_id, solved_by_name=player_name, by_hint=by_hint)
        .returning(RungState.index)
    )
    return result.scalar_one_or_none() is not None


async def finished_count(session: AsyncSession, round_id: int) -> int:
    result = await session.execute(
        select(func.count())
        .select_from(Ladder)
        .where(Ladder.round_id == round_id, Ladder.finished_at.is_not(None))
    )
    return int(result.scalar_one())


async def finish(session: AsyncSession, ladder: Ladder, now: datetime, place: int) -> bool:
    result = await session.execute(
        update(Ladder)
        .where(Ladder.id == ladder.id, Ladder.finished_at.is_(None))
        .values(finished_at=now, place=place)
        .returning(Ladder.id)
    )
    return result.scalar_one_or_none() is not None


async def add_guess(session: AsyncSession, guess: Guess) -> Guess:
    """Store a guess (a Core INSERT: the object gets its id but stays out of the session)."""
    values = {name: getattr(guess, name) for name in _GUESS_FIELDS}
    values["created_at"] = guess.created_at or datetime.now(UTC)
    result = await session.execute(_ADD_GUESS, values)
    guess.id = int(result.scalar_one())
    guess.created_at = values["created_at"]
    return guess


async def recent_guesses(session: AsyncSession, ladder_ids: list[int], limit: int) -> list[Guess]:
    """The latest guesses of each ladder (oldest first)."""
    if not ladder_ids:
        return []
    ranked = (
        select(
            Guess.id,
            func.row_number()
            .over(partition_by=Guess.round_team_id, order_by=Guess.id.desc())
            .label("rank"),
        )
        .where(Guess.round_team_id.in_(ladder_ids))
        .subquery()
    )
    result = await session.execute(
        select(Guess)
        .join(ranked, ranked.c.id == Guess.id)
        .where(ranked.c.rank <= limit)
        .order_by(Guess.id)
    )
    return list(result.scalars())


async def all_guesses(session: AsyncSession, ladder_ids: list[int]) -> list[Guess]:
    if not ladder_ids:
        return []
    result = await session.execute(
        select(Guess).where(Guess.round_team_id.in_(ladder_ids)).order_by(Guess.id)
    )
    return list(result.scalars())


async def guess_by_ref(
    session: AsyncSession, round_id: int, player_id: int, ref: str
) -> Guess | None:
    """The guess `player_id` sent under `ref` in this round, if it was recorded."""
    result = await session.execute(
        _GUESS_BY_REF, {"player_id": player_id, "ref": ref, "round_id": round_id}
    )
    return result.scalar_one_or_none()


async def hint_by_ref(
    session: AsyncSession, round_id: int, player_id: int, ref: str
) -> Hint | None:
    """The hint `player_id` took under `ref` in this round, if any."""
    result = await session.execute(
        select(Hint)
        .join(Ladder, Ladder.id == Hint.round_team_id)
        .where(Hint.player_id == player_id, Hint.ref == ref, Ladder.round_id == round_id)
        .limit(1)
    )
    return result.scalar_one_or_none()


async def ladder_by_id(session: AsyncSession, ladder_id: int) -> Ladder | None:
    return await session.get(Ladder, ladder_id)


async def add_hint(session: AsyncSession, hint: Hint) -> Hint:
    session.add(hint)
    await session.flush()
    await session.execute(
        update(Ladder)
        .where(Ladder.id == hint.round_team_id)
        .values(hint_cost=Ladder.hint_cost + hint.cost)
    )
    return hint


async def hints(session: AsyncSession, ladder_ids: list[int]) -> list[Hint]:
    if not ladder_ids:
        return []
    result = await session.execute(
        select(Hint).where(Hint.round_team_id.in_(ladder_ids)).order_by(Hint.id)
    )
    return list(result.scalars())


async def end(session: AsyncSession, round_: Round, now: datetime, reason: str) -> bool:
    """Mark a running round ended; True only for the one caller that did it."""
    result = await session.execute(
        update(Round)
        .where(Round.id == round_.id, Round.status == RoundStatus.RUNNING)
        .values(status=RoundStatus.ENDED, ended_at=now, end_reason=reason)
        .returning(Round.id)
    )
    return result.scalar_one_or_none() is not None


async def set_deadline(session: AsyncSession, round_id: int, ends_at: datetime) -> None:
    await session.execute(update(Round).where(Round.id == round_id).values(ends_at=ends_at))


async def due(session: AsyncSession, now: datetime) -> list[Round]:
    """Running rounds whose countdown has run out."""
    result = await session.execute(
        select(Round).where(Round.status == RoundStatus.RUNNING, Round.ends_at <= now)
    )
    return list(result.scalars())


async def save_score(
    session: AsyncSession,
    ladder: Ladder,
    *,
    place_points: float,
    points: float,
    place: int | None,
) -> None:
    await session.execute(
        update(Ladder)
        .where(Ladder.id == ladder.id)
        .values(place_points=place_points, points=points, place=place)
    )


async def ended_ladders_in_lobby(
    session: AsyncSession, lobby_id: int
) -> list[tuple[Round, Ladder]]:
    """Every team's ladder of each ended round of the lobby's current game."""
    result = await session.execute(_ENDED_LADDERS, {"lobby_id": lobby_id})
    return [(r, t) for r, t in result.all()]
