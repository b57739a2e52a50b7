"""Hints, called as the use case: what each level gives, and the share of points it costs."""

from __future__ import annotations

import pytest

from raddle.errors import Conflict
from raddle.game.hints import MAX_HINT_SHARE
from tests.services.conftest import Published, Table


def team_row(summary: dict[str, object], team_id: int) -> dict[str, object]:
    teams = summary["teams"]
    assert isinstance(teams, list)
    row: dict[str, object] = next(t for t in teams if t["team_id"] == team_id)
    return row


async def test_a_hint_costs_a_share_of_the_rounds_points(table: Table) -> None:
    await table.start()
    ana = table.team(0)[0]

    clue = await table.hint(ana, level=1)
    assert (clue["level"], clue["rung"], clue["direction"]) == (1, 1, "down")
    assert "word" not in clue and isinstance(clue["clue_key"], int)
    await table.solve(ana)
    await table.end()

    # First of two teams: 2 place points, less the clue's tenth.
    row = team_row(await table.summary(), ana.team_id)
    assert (row["place"], row["place_points"], row["hint_share"], row["points"]) == (
        1,
        2.0,
        0.1,
        1.8,
    )
    assert row["hints"] == 1


async def test_a_word_hint_reveals_the_rung_and_costs_a_quarter(
    table: Table, published: Published
) -> None:
    await table.start()
    ana, bo = table.team(0)
    words = await table.words(0)

    reply = await table.hint(ana, level=2, direction="up")

    last = len(words) - 2
    assert reply == {"level": 2, "rung": last, "direction": "up", "word": words[last]}
    solved = published.of_type("rung_solved")
    assert [e.views["admin"]["rung"] for e in solved] == [last]
    # The rung is the team's now: a guess for it is too late.
    assert (await table.guess(bo, last, words[last]))["result"] == "already_solved"
    await table.end()
    row = team_row(await table.summary(), ana.team_id)
    assert (row["hint_share"], row["solved"]) == (0.25, 1)


async def test_the_same_hint_asked_again_is_paid_for_once(
    table: Table, published: Published
) -> None:
    await table.start()
    ana, bo = table.team(0)

    first = await table.hint(ana, level=1)
    # A teammate asking for the same clue, and a copy re-sent under its ref, are free.
    assert await table.hint(bo, level=1) == first
    again = await table.hint(ana, level=1, ref="h-1")
    assert await table.hint(ana, level=1, ref="h-1") == again == first
    assert len(published.of_type("hint_taken")) == 1
    await table.end()
    assert team_row(await table.summary(), ana.team_id)["hint_share"] == 0.1


async def test_hints_never_take_more_than_three_quarters_of_the_points(table: Table) -> None:
    await table.start()
    ana = table.team(0)[0]
    words = await table.words(0)

    # Every hidden rung by word hints: a whole ladder handed over finishes the team.
    for _ in range(len(words) - 2):
        await table.hint(ana, level=2)
    await table.end()

    row = team_row(await table.summary(), ana.team_id)
    assert row["place"] == 1 and row["hints"] == len(words) - 2
    assert row["hint_share"] == min(MAX_HINT_SHARE, 0.25 * (len(words) - 2))
    assert row["points"] == pytest.approx(2.0 * (1 - float(str(row["hint_share"]))))


async def test_no_hint_when_the_round_has_hints_switched_off(table: Table) -> None:
    await table.start(hints=False)
    with pytest.raises(Conflict) as refused:
        await table.hint(table.team(0)[0], level=1)
    assert refused.value.code == "hints_off"


async def test_a_finished_ladder_has_no_hint_to_give(table: Table) -> None:
    await table.start()
    ana = table.team(0)[0]
    await table.solve(ana)
    with pytest.raises(Conflict) as refused:
        await table.hint(ana, level=1)
    assert refused.value.code == "team_finished"
