"""Guessing, called as the use case: judged against the team's own ladder, once per ref."""

from __future__ import annotations

import pytest

from raddle.errors import Conflict
from raddle.services.kit.events import team_audience
from tests.services.conftest import Published, Table


async def test_a_right_guess_reveals_the_rung_for_the_whole_team(
    table: Table, published: Published
) -> None:
    await table.start()
    ana, bo = table.team(0)
    words = await table.words(0)

    reply = await table.guess(ana, 1, words[1].lower())

    assert reply == {"result": "correct", "rung": 1, "word": words[1]}
    solved = published.of_type("rung_solved")
    assert len(solved) == 1
    team_view = solved[0].views[team_audience(ana.team_id)]
    assert team_view["solved_by"] == {"id": ana.id, "name": ana.name}
    assert team_view["ladder"]["rungs"][1]["word"] == words[1]
    # The teammate finds the rung already taken, and by whom.
    late = await table.guess(bo, 1, words[1])
    assert late == {
        "result": "already_solved",
        "rung": 1,
        "solved_by": {"id": ana.id, "name": ana.name},
    }


async def test_a_wrong_guess_reveals_nothing_and_counts_against_the_team(
    table: Table, published: Published
) -> None:
    await table.start()
    ana = table.team(0)[0]

    reply = await table.guess(ana, 1, "NOPE")

    assert reply == {"result": "incorrect", "rung": 1, "word": "NOPE"}
    assert published.of_type("rung_solved") == []
    assert [
        e.views[team_audience(ana.team_id)]["guess"]["word"] for e in published.of_type("guess")
    ] == ["NOPE"]
    await table.end()
    team = next(t for t in (await table.summary())["teams"] if t["team_id"] == ana.team_id)
    assert (team["solved"], team["wrong_guesses"]) == (0, 1)


async def test_a_guess_beyond_both_frontiers_is_not_judged(table: Table) -> None:
    await table.start()
    ana = table.team(0)[0]
    words = await table.words(0)
    # Every ladder has at least five rungs, so the second lies between the two frontiers
    # (the first and the last hidden rungs) whatever ladder was dealt.
    assert len(words) >= 5

    assert await table.guess(ana, 2, words[2]) == {"result": "not_frontier", "rung": 2}


async def test_a_guess_sent_twice_under_one_ref_is_judged_once(
    table: Table, published: Published
) -> None:
    await table.start()
    ana = table.team(0)[0]
    words = await table.words(0)

    first = await table.guess(ana, 1, "NOPE", ref="phone-1")
    again = await table.guess(ana, 1, "NOPE", ref="phone-1")
    assert again == first == {"result": "incorrect", "rung": 1, "word": "NOPE"}
    assert len(published.of_type("guess")) == 1

    # A right answer re-sent after it revealed the rung is still "correct", not
    # "already solved": the phone learns what its first copy did.
    right = await table.guess(ana, 1, words[1], ref="phone-2")
    assert await table.guess(ana, 1, words[1], ref="phone-2") == right
    assert right["result"] == "correct"
    assert len(published.of_type("rung_solved")) == 1

    await table.end()
    team = next(t for t in (await table.summary())["teams"] if t["team_id"] == ana.team_id)
    assert (team["solved"], team["wrong_guesses"]) == (1, 1)


async def test_a_ref_is_one_players_own(table: Table) -> None:
    await table.start()
    ana, bo = table.team(0)

    assert (await table.guess(ana, 1, "NOPE", ref="same"))["word"] == "NOPE"
    # The same ref from a teammate is a different message, judged on its own.
    assert (await table.guess(bo, 1, "WRONG", ref="same"))["word"] == "WRONG"


async def test_a_guess_after_the_round_ended_is_refused(table: Table) -> None:
    await table.start()
    ana = table.team(0)[0]
    words = await table.words(0)
    assert (await table.guess(ana, 1, "NOPE", ref="before"))["result"] == "incorrect"
    await table.end()

    with pytest.raises(Conflict) as refused:
        await table.guess(ana, 2, words[2])
    assert refused.value.code == "no_round"
    # A copy of a guess judged during the round is refused too: the round is over.
    with pytest.raises(Conflict) as resent:
        await table.guess(ana, 1, "NOPE", ref="before")
    assert resent.value.code == "no_round"
    summary = await table.summary()
    assert all(t["solved"] == 0 for t in summary["teams"])
