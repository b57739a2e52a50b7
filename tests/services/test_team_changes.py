"""Team changes in the middle of a round, called as the use cases: a player always plays
the ladder of the team they are on now."""

from __future__ import annotations

import pytest

from raddle.errors import Conflict
from raddle.services import players, teams
from raddle.services.kit.events import ADMIN
from tests.services.conftest import Published, Table


async def test_a_player_moved_mid_round_plays_their_new_teams_ladder(
    table: Table, published: Published
) -> None:
    await table.start(mode="different")
    ana = table.team(0)[0]
    old, new = await table.words(0), await table.words(1)
    assert old != new

    await players.move(table.ctx, ana.id, table.team_ids[1])

    moved = published.of_type("player_moved")[-1]
    assert moved.teams is not None and moved.teams[ana.id] == table.team_ids[1]
    reply = await table.guess(ana, 1, new[1])
    assert reply["result"] == "correct"
    solved = published.of_type("rung_solved")[-1].views[ADMIN]
    assert (solved["team_id"], solved["solved_by"]["id"]) == (table.team_ids[1], ana.id)
    if old[2] != new[2]:
        # The old team's next word means nothing on the new ladder.
        assert (await table.guess(ana, 2, old[2]))["result"] == "incorrect"


async def test_a_guess_resent_after_a_move_gets_the_answer_it_had(
    table: Table, published: Published
) -> None:
    await table.start(mode="different")
    ana = table.team(0)[0]
    old = await table.words(0)
    first = await table.guess(ana, 1, old[1], ref="before-the-move")

    await players.move(table.ctx, ana.id, table.team_ids[1])

    assert await table.guess(ana, 1, old[1], ref="before-the-move") == first
    # Nothing was judged again, so nothing was revealed on the new team's ladder.
    assert [e.views[ADMIN]["team_id"] for e in published.of_type("rung_solved")] == [
        table.team_ids[0]
    ]


async def test_a_player_taken_off_their_team_waits(table: Table) -> None:
    await table.start()
    ana = table.team(0)[0]

    await players.move(table.ctx, ana.id, None)

    with pytest.raises(Conflict) as refused:
        await table.guess(ana, 1, (await table.words(0))[1])
    assert refused.value.code == "not_on_team"


async def test_a_team_made_mid_round_watches_until_the_next_round(table: Table) -> None:
    await table.start()
    ana = table.team(0)[0]
    latecomers = await teams.add_team(table.ctx, table.code, "Latecomers")
    await players.move(table.ctx, ana.id, latecomers.id)

    with pytest.raises(Conflict) as refused:
        await table.hint(ana, level=1)
    assert refused.value.code == "not_on_team"

    await table.end()
    started = await table.start()
    assert str(latecomers.id) in started["ladders"]


async def test_a_team_removed_mid_round_no_longer_holds_up_its_end(
    table: Table, published: Published
) -> None:
    await table.start()
    stays, goes = table.team(0)[0], table.team(1)[0]
    await table.guess(goes, 1, (await table.words(1))[1])

    await teams.remove_team(table.ctx, goes.team_id)
    await table.solve(stays)

    ended = published.of_type("round_ended")
    assert len(ended) == 1
    summary = ended[0].views[ADMIN]["summary"]
    assert summary["reason"] == "all_finished"
    # The removed team's round is kept, under no team: it stays in the record.
    assert [(t["team_id"], t["solved"]) for t in summary["teams"]] == [
        (stays.team_id, len(await table.words(0)) - 2),
        (None, 1),
    ]
