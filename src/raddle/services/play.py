"""Use cases of solving: a guess for a rung, and a hint.

Each runs in one transaction that holds the lobby's lock, so a team's guesses are
judged one after another against the state the previous one left; revealing a rung
is itself a conditional UPDATE, so the first correct answer wins even without it.

A guess or hint may carry the client's `ref`. A phone that lost its connection sends
it again under the same ref once it is back, not knowing whether the first copy
arrived; the server recorded the first, so the copy gets the first one's answer
instead of a second judgement (a second wrong guess, or a hint for the next rung).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from raddle.db import tables
from raddle.db.repositories import players as player_rows
from raddle.db.repositories import rounds as round_rows
from raddle.errors import Conflict, Invalid, Unauthorized
from raddle.game.clues import clue_key_for_step
from raddle.game.hints import HintLevel, clue_step_for, hint_cost, hint_target
from raddle.game.ladder import Direction, GuessOutcome, decide_guess, is_complete
from raddle.game.names import strip_invisible
from raddle.game.words import normalise
from raddle.services.kit.context import Change, Context, retried
from raddle.services.kit.events import ADMIN, PLAYERS, SCREEN, team_audience
from raddle.services.rounds import finish_round, reason_to_end
from raddle.views import round as round_views
from raddle.wire.events import (
    EventBody,
    EventType,
    GuessMade,
    HintTaken,
    RungProgress,
    RungSolved,
    TeamFinished,
)
from raddle.wire.guess import (
    MAX_GUESS_LENGTH,
    GuessAlreadySolved,
    GuessBody,
    GuessJudged,
    GuessNotFrontier,
    GuessResult,
    GuessView,
)
from raddle.wire.hint import HintBody, HintResult
from raddle.wire.player import SolvedBy


@dataclass
class _Seat:
    """Where a player sits in the running round."""

    lobby: tables.Lobby
    player: tables.Player
    round: tables.Round
    ladder: tables.Ladder
    data: round_views.RoundData

    def rung(self, index: int) -> tables.RungState:
        return next(r for r in self.data.rungs[self.ladder.id] if r.index == index)

    def saw_guess(self, guess: tables.Guess) -> None:
        if not self.data.history:
            return  # read with the history, when a view needs it
        recent = self.data.guesses.setdefault(self.ladder.id, [])
        recent.append(guess)
        del recent[: -round_views.RECENT_GUESSES]

    def saw_hint(self, hint: tables.Hint) -> None:
        self.data.hints.setdefault(self.ladder.id, []).append(hint)


async def _seat(change: Change, player_id: int, *, history: bool = True) -> _Seat:
    session = change.session
    player = await player_rows.by_id(session, player_id)
    if player is None:
        raise Unauthorized("You are no longer in this lobby.", "bad_token")
    lobby = await change.lock_lobby(player.lobby_id)
    if lobby is None:
        raise Unauthorized("This lobby is gone.", "bad_token")
    # Read again under the lock: a move or kick may have committed in between.
    player = await player_rows.by_id(session, player_id, fresh=True)
    if player is None:
        raise Unauthorized("You are no longer in this lobby.", "bad_token")
    round_, ladder = await round_rows.running_with_ladder(session, lobby.id, player.team_id)
    if round_ is None:
        raise Conflict("No round is running.", "no_round")
    if player.team_id is None:
        raise Conflict("You are not on a team yet; the host will place you.", "not_on_team")
    if ladder is None:
        raise Conflict("Your team is watching this round.", "not_on_team")
    data = await round_views.load_team_round(session, round_, ladder, history=history)
    # A finished team's guesses are still answered: every rung is "already solved".
    return _Seat(lobby, player, round_, ladder, data)


def _team_and_others(team_id: int, team_view: EventBody, others: EventBody) -> dict[str, EventBody]:
    return {
        ADMIN: team_view,
        team_audience(team_id): team_view,
        PLAYERS: others,
        SCREEN: others,
    }


async def _ladder_of(change: Change, seat: _Seat, ladder_id: int) -> tables.Ladder:
    """The ladder a recorded guess or hint was made on: the seat's, unless the player
    has since moved to another team."""
    if ladder_id == seat.ladder.id:
        return seat.ladder
    ladder = await round_rows.ladder_by_id(change.session, ladder_id)
    assert ladder is not None  # a ladder lives as long as its round
    return ladder


def _guess_reply(guess: tables.Guess, ladder: tables.Ladder) -> GuessJudged:
    if guess.result == GuessOutcome.CORRECT:
        return GuessJudged(result="correct", rung=guess.rung, word=ladder.words[guess.rung])
    return GuessJudged(result="incorrect", rung=guess.rung, word=guess.word)


def _hint_reply(
    level: HintLevel, rung: int, heading: Direction, ladder: tables.Ladder
) -> HintResult:
    if level is HintLevel.CLUE:
        key = clue_key_for_step(round_views.order_of(ladder), clue_step_for(rung, heading))
        return HintResult(level=int(level), rung=rung, direction=heading.value, clue_key=key)
    return HintResult(level=int(level), rung=rung, direction=heading.value, word=ladder.words[rung])


@retried
async def submit_guess(ctx: Context, player_id: int, body: GuessBody) -> GuessResult:
    """Judge a guess; reveal the rung for the whole team if it is the first correct one.

    A guess re-sent under a `ref` already judged gets that judgement again. The body's
    shape (rung range, length, ref) was checked as it arrived."""
    rung, word, ref = body.rung, body.word, body.ref
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in word):
        raise Invalid("A guess cannot contain control characters.", "bad_guess")
    # Format characters (bidi overrides, zero-width joiners) change how a word looks,
    # not what it says: they are dropped before the guess is judged, stored or shown.
    word = strip_invisible(word)
    if not normalise(word):
        raise Invalid("A guess needs at least one letter or digit.", "bad_guess")
    await ctx.limits.play(player_id)
    async with ctx.change() as change:
        seat = await _seat(change, player_id, history=False)
        if ref is not None:
            earlier = await round_rows.guess_by_ref(change.session, seat.round.id, player_id, ref)
            if earlier is not None:
                return _guess_reply(earlier, await _ladder_of(change, seat, earlier.round_team_id))
        ladder, data = seat.ladder, seat.data
        revealed = round_views.revealed_of(ladder, data.rungs.get(ladder.id, []))
        decision = decide_guess(ladder.words, revealed, rung, word)
        outcome = decision.outcome
        if outcome is GuessOutcome.INVALID_RUNG:
            raise Invalid(f"This ladder has no rung {rung}.", "bad_rung")
        if outcome is GuessOutcome.ALREADY_SOLVED:
            # The first and last words were given, not solved: nobody solved them.
            state = next((r for r in data.rungs.get(ladder.id, []) if r.index == rung), None)
            solver = None
            if state is not None and state.solved_by is not None:
                solver = SolvedBy(id=state.solved_by, name=state.solved_by_name)
            return GuessAlreadySolved(result="already_solved", rung=rung, solved_by=solver)
        if outcome is GuessOutcome.NOT_FRONTIER:
            return GuessNotFrontier(result="not_frontier", rung=rung)

        now = ctx.clock()
        correct = decision.reveals
        if correct and not await round_rows.reveal(
            change.session, seat.rung(rung), now, seat.player.id, seat.player.name
        ):
            raise Conflict("That rung was solved a moment ago.", "already_solved")
        guess = await round_rows.add_guess(
            change.session,
            tables.Guess(
                round_team_id=ladder.id,
                player_id=seat.player.id,
                player_name=seat.player.name,
                rung=rung,
                word=word.strip()[:MAX_GUESS_LENGTH],
                result=outcome,  # CORRECT or INCORRECT: the others returned above
                ref=ref,
                created_at=now,
            ),
        )
        seat.saw_guess(guess)
        shown = round_views.guess_view(guess)
        team_id = seat.player.team_id
        assert team_id is not None
        if not correct:
            await change.emit(
                seat.lobby.id,
                EventType.GUESS,
                _team_and_others(
                    team_id, GuessMade(team_id=team_id, guess=shown), GuessMade(team_id=team_id)
                ),
            )
            return _guess_reply(guess, ladder)
        await _after_reveal(ctx, change, seat, rung, shown)
        return _guess_reply(guess, ladder)


async def _after_reveal(
    ctx: Context,
    change: Change,
    seat: _Seat,
    rung: int,
    guess: GuessView | None,
) -> None:
    """Tell the team (and, as progress, everyone else); finish the team and round if done.

    The seat's round data already shows the reveal (an UPDATE through the session also
    updates the rows it has loaded), so nothing is read again for the team's views.
    """
    session = change.session
    team_id = seat.player.team_id
    assert team_id is not None
    data, ladder, solver = seat.data, seat.ladder, seat.player
    if not data.history:
        await round_views.load_history(session, data)
    rungs = data.rungs.get(ladder.id, [])
    solved, total = round_views.solved_count(rungs)
    seen = round_views.ladder_view(data, ladder)
    team_view = RungSolved(
        team_id=team_id,
        rung=rung,
        word=ladder.words[rung],
        solved_by=SolvedBy(id=solver.id, name=solver.name),
        guess=guess,
        ladder=seen,
    )
    # The host's view: the same event with the ladder's answers.
    admin_view = team_view.model_copy(
        update={"ladder": round_views.host_ladder_view(data, ladder, seen)}
    )
    progress = RungProgress(
        team_id=team_id,
        rung=rung,
        by_hint=guess is None,
        solved=solved,
        total=total,
        progress=round_views.progress_of(ladder, rungs),
    )
    views = _team_and_others(team_id, team_view, progress)
    views[ADMIN] = admin_view
    await change.emit(seat.lobby.id, EventType.RUNG_SOLVED, views)
    if not is_complete(round_views.revealed_of(ladder, rungs)):
        return
    now = ctx.clock()
    place = await round_rows.finished_count(session, seat.round.id) + 1
    if not await round_rows.finish(session, ladder, now, place):
        return
    data = await round_views.load_round(session, seat.round)
    finished = TeamFinished(
        team_id=team_id,
        name=ladder.team_name,
        place=place,
        finished_at=now,
        teams=round_views.team_progress(data),
    )
    await change.emit(seat.lobby.id, EventType.TEAM_FINISHED, {ADMIN: finished, PLAYERS: finished})
    reason = reason_to_end(seat.round, data.ladders, now)
    if reason is not None:
        await finish_round(change, seat.lobby, seat.round, now, reason)


@retried
async def take_hint(ctx: Context, player_id: int, body: HintBody) -> HintResult:
    """Level 1 points at the right clue, level 2 reveals the word; each costs the team.

    A hint re-sent under a `ref` already taken gets that hint again, free. A client
    may also name the `rung` it asks about, so that a retry without a ref (the first
    answer lost on the way) is answered again instead of paying for the next rung.
    """
    # The body's shape (direction, level, rung range, ref) was checked as it arrived.
    heading, hint_level = Direction(body.direction), HintLevel(body.level)
    rung, ref = body.rung, body.ref
    await ctx.limits.play(player_id)
    async with ctx.change() as change:
        seat = await _seat(change, player_id)
        if not seat.round.hints_enabled:
            raise Conflict("Hints are off for this round.", "hints_off")
        if ref is not None:
            earlier = await round_rows.hint_by_ref(change.session, seat.round.id, player_id, ref)
            if earlier is not None:
                return _hint_reply(
                    HintLevel(earlier.level),
                    earlier.rung,
                    Direction(earlier.direction),
                    await _ladder_of(change, seat, earlier.round_team_id),
                )
        ladder, data = seat.ladder, seat.data
        revealed = round_views.revealed_of(ladder, data.rungs.get(ladder.id, []))
        target = hint_target(revealed, heading)
        if rung is not None and rung != target:
            if 0 <= rung < len(revealed) and revealed[rung]:
                # Asked about a rung that is solved by now (often by this very hint,
                # sent twice): nothing more to give, nothing to pay.
                return HintResult(
                    level=int(hint_level),
                    rung=rung,
                    direction=heading.value,
                    result="already_solved",
                    word=ladder.words[rung],
                )
            raise Conflict("A hint is only for the next rung to solve.", "not_frontier")
        if target is None:
            raise Conflict("Your ladder is already complete.", "team_finished")
        rung = target
        repeat = any(
            h.level == hint_level and h.rung == rung and h.direction == heading
            for h in data.hints.get(ladder.id, [])
        )
        reply = _hint_reply(hint_level, rung, heading, ladder)
        if repeat:
            return reply  # the team already paid for this one
        cost = hint_cost(hint_level, round_views.hint_costs_of(seat.round))
        hint = await round_rows.add_hint(
            change.session,
            tables.Hint(
                round_team_id=ladder.id,
                player_id=seat.player.id,
                player_name=seat.player.name,
                level=int(hint_level),
                rung=rung,
                direction=heading,
                cost=cost,
                ref=ref,
                created_at=ctx.clock(),
            ),
        )
        seat.saw_hint(hint)
        team_id = seat.player.team_id
        assert team_id is not None
        shown = round_views.hint_view(hint, ladder)
        await change.emit(
            seat.lobby.id,
            EventType.HINT_TAKEN,
            _team_and_others(
                team_id,
                HintTaken(team_id=team_id, hint=shown, cost=cost),
                HintTaken(team_id=team_id),
            ),
        )
        if hint_level is HintLevel.WORD:
            now = ctx.clock()
            if await round_rows.reveal(
                change.session, seat.rung(rung), now, seat.player.id, seat.player.name, by_hint=True
            ):
                await _after_reveal(ctx, change, seat, rung, None)
        return reply
