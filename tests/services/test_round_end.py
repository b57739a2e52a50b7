"""The end of a round, called as the use cases: scores, places, the winner, every ladder shown."""

from __future__ import annotations

from typing import Any

import pytest

from raddle.errors import Conflict
from raddle.services import lobbies, rounds, teams
from raddle.services.kit.events import ADMIN, PLAYERS
from tests.services.conftest import Published, Table


def by_team(summary: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {t["team_id"]: t for t in summary["teams"]}


async def test_the_round_ends_when_every_team_has_finished_and_the_first_wins(
    table: Table, published: Published
) -> None:
    await table.start(mode="different")
    first, second = table.team(1)[0], table.team(0)[0]

    await table.solve(first)
    assert published.of_type("round_ended") == []
    await table.solve(second)

    ended = published.of_type("round_ended")
    assert len(ended) == 1
    summary = ended[0].views[ADMIN]["summary"]
    assert summary["reason"] == "all_finished"
    assert [t["team_id"] for t in summary["teams"]] == [first.team_id, second.team_id]
    teams = by_team(summary)
    assert (teams[first.team_id]["place"], teams[first.team_id]["points"]) == (1, 2.0)
    assert (teams[second.team_id]["place"], teams[second.team_id]["points"]) == (2, 1.0)
    board = ended[0].views[ADMIN]["leaderboard"]
    assert board[0]["team_id"] == first.team_id
    assert [e.views[ADMIN]["place"] for e in published.of_type("team_finished")] == [1, 2]


async def test_when_the_round_ends_every_ladder_is_revealed_to_everyone(
    table: Table, published: Published
) -> None:
    await table.start(mode="different")
    words = {team_id: await table.words(i) for i, team_id in enumerate(table.team_ids)}
    ana = table.team(0)[0]
    await table.guess(ana, 1, words[ana.team_id][1])

    await table.end()

    event = published.of_type("round_ended")[0]
    for audience in (ADMIN, PLAYERS):
        ladders = event.views[audience]["summary"]["ladders"]
        shown = {ladder["team_id"]: [r["word"] for r in ladder["rungs"]] for ladder in ladders}
        assert shown == words
    solver = next(
        r
        for ladder in ladders
        if ladder["team_id"] == ana.team_id
        for r in ladder["rungs"]
        if r["index"] == 1
    )
    assert solver["solved_by"] == {"id": ana.id, "name": ana.name}


async def test_a_finisher_outranks_any_team_still_climbing(table: Table) -> None:
    await table.start(mode="different")
    finisher, climber = table.team(0)[0], table.team(1)[0]
    climber_words = await table.words(1)
    # The climber gets all but one rung, the finisher pays for hints all the way.
    for rung in range(1, len(climber_words) - 2):
        await table.guess(climber, rung, climber_words[rung])
    for _ in range(len(await table.words(0)) - 2):
        await table.hint(finisher, level=2)

    summary = await table.end()

    assert summary["reason"] == "host"
    assert [t["team_id"] for t in summary["teams"]] == [finisher.team_id, climber.team_id]
    teams = by_team(summary)
    assert teams[climber.team_id]["place"] is None and not teams[climber.team_id]["finished"]
    assert teams[finisher.team_id]["place"] == 1
    # Ranked by place, not points: the hints left the finisher with fewer points.
    assert teams[finisher.team_id]["points"] < teams[climber.team_id]["points"]
    # Still, one rung short scores less than finishing would have.
    assert teams[climber.team_id]["points"] < teams[finisher.team_id]["place_points"]


async def test_nobody_finishing_scores_everyone_under_one_point(table: Table) -> None:
    await table.start()
    ana = table.team(0)[0]
    await table.guess(ana, 1, (await table.words(0))[1])

    teams = by_team(await table.end())

    assert all(t["place"] is None for t in teams.values())
    assert 0 < teams[ana.team_id]["points"] < 1.0
    assert teams[table.team_ids[1]]["points"] == 0


async def test_a_round_ends_once(table: Table, published: Published) -> None:
    await table.start()
    await table.end()
    with pytest.raises(Conflict) as refused:
        await table.end()
    assert refused.value.code == "no_round"
    assert len(published.of_type("round_ended")) == 1


async def test_the_leaderboard_adds_up_the_rounds_and_counts_the_wins(table: Table) -> None:
    ana, rival = table.team(0)[0], table.team(1)[0]
    for _ in range(2):
        await table.start()
        await table.solve(ana)
        await table.solve(rival)
        await rounds.back_to_lobby(table.ctx, table.code)

    snapshot = await lobbies.snapshot(table.ctx, table.code)
    board = {row.team_id: row for row in snapshot.leaderboard}
    assert (board[ana.team_id].points, board[ana.team_id].rounds_won) == (4.0, 2)
    assert (board[rival.team_id].points, board[rival.team_id].rounds_won) == (2.0, 0)


async def test_a_team_without_players_sits_the_round_out(table: Table) -> None:
    empty = await teams.add_team(table.ctx, table.code, "Empty Chairs")

    started = await table.start()

    assert set(started["ladders"]) == {str(team_id) for team_id in table.team_ids}
    summary = await table.end()
    assert empty.id not in by_team(summary)
