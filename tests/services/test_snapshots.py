"""Snapshots: each viewer sees its own audience's lobby at the lobby's current seq, with
the part every viewer of that audience shares built once per seq."""

from __future__ import annotations

from raddle.db.repositories import lobbies as lobby_rows
from raddle.services import players, presence
from raddle.services.kit.shelf import SHELF_ENTRIES, SnapshotShelf
from raddle.views.snapshot import Viewer, lobby_snapshot
from raddle.wire.round import PlayerRound
from raddle.wire.snapshot import LobbySnapshot
from tests.services.conftest import Seat, Table


async def _lobby_id(table: Table) -> int:
    async with table.ctx.db.read() as session:
        lobby = await lobby_rows.by_code(session, table.code)
    assert lobby is not None
    lobby_id: int = lobby.id
    return lobby_id


async def _phone(table: Table, seat: Seat) -> LobbySnapshot:
    return (
        await lobby_snapshot(table.ctx, Viewer("player", await _lobby_id(table), seat.id))
    ).state


async def test_teammates_share_their_team_s_view_and_each_is_told_who_they_are(
    table: Table,
) -> None:
    await table.start()
    ana, bo = table.team(0)
    cy = table.team(1)[0]

    for_ana, for_bo, for_cy = [await _phone(table, seat) for seat in (ana, bo, cy)]

    assert for_ana.me is not None and for_ana.me.id == ana.id
    assert for_bo.me is not None and for_bo.me.id == bo.id
    # Built once for the team: the same round, not an equal copy.
    assert for_ana.round is for_bo.round
    assert for_cy.round is not for_ana.round
    assert for_ana.model_dump(exclude={"me"}) == for_bo.model_dump(exclude={"me"})
    assert isinstance(for_ana.round, PlayerRound) and isinstance(for_cy.round, PlayerRound)
    assert for_ana.round.ladder is not None and for_cy.round.ladder is not None
    assert (for_ana.round.ladder.team_id, for_cy.round.ladder.team_id) == (ana.team_id, cy.team_id)


async def test_a_change_is_in_the_next_snapshot(table: Table) -> None:
    await table.start()
    ana, bo = table.team(0)
    words = await table.words(0)
    before = await _phone(table, bo)

    await table.guess(ana, 1, words[1])
    after = await _phone(table, bo)

    assert isinstance(before.round, PlayerRound) and isinstance(after.round, PlayerRound)
    assert before.round.ladder is not None and after.round.ladder is not None
    rung_before, rung_after = before.round.ladder.rungs[1], after.round.ladder.rungs[1]
    assert (rung_before.word, rung_after.word) == (None, words[1])


def _state(name: str) -> LobbySnapshot:
    return LobbySnapshot.model_validate(
        {
            "lobby": {
                "code": "ABCD",
                "name": name,
                "phase": "lobby",
                "created_at": "2026-11-28T08:00:00Z",
                "player_count": 0,
                "team_count": 0,
                "locked": False,
                "family_friendly": True,
                "code_hidden": False,
                "game": 1,
            },
            "teams": [],
            "players": [],
        }
    )


def test_the_shelf_keeps_only_each_lobby_s_newest_seq() -> None:
    shelf = SnapshotShelf()
    shelf.keep(1, 5, ("screen", None), _state("five"))
    shelf.keep(1, 6, ("screen", None), _state("six"))
    # A reader that began before the change finishes after it: its older state stays out.
    shelf.keep(1, 5, ("admin", None), _state("five"))

    assert shelf.get(1, 5, ("screen", None)) is None
    assert shelf.get(1, 5, ("admin", None)) is None
    kept = shelf.get(1, 6, ("screen", None))
    assert kept is not None and kept.lobby.name == "six"


def test_the_shelf_is_bounded() -> None:
    shelf = SnapshotShelf()
    for lobby_id in range(SHELF_ENTRIES + 10):
        shelf.keep(lobby_id, 1, ("screen", None), _state(str(lobby_id)))

    kept = [i for i in range(SHELF_ENTRIES + 10) if shelf.get(i, 1, ("screen", None))]
    assert 0 < len(kept) <= SHELF_ENTRIES
    assert SHELF_ENTRIES + 9 in kept


async def test_a_phone_arriving_is_in_the_snapshot_of_the_next(table: Table) -> None:
    ana, bo = table.team(0)
    lobby_id = await _lobby_id(table)
    first = await _phone(table, ana)

    await presence.socket_opened(table.ctx, lobby_id, ana.id)
    await players.set_ready(table.ctx, ana.id, True)
    for_bo = await _phone(table, bo)

    seen = next(p for p in for_bo.players if p.id == ana.id)
    assert (seen.connected, seen.ready) == (True, True)
    assert for_bo.me is not None and (for_bo.me.id, for_bo.me.connected) == (bo.id, False)
    # Carried over the two changes, not built again: what they left alone is shared.
    assert for_bo.teams is first.teams
    # The same as a snapshot read afresh from the database.
    table.ctx.snapshots = SnapshotShelf()
    assert (await _phone(table, bo)) == for_bo
