"""Snapshots already built, shared by every viewer of one audience at one seq."""

from __future__ import annotations

from raddle.services.kit.events import ADMIN, Event
from raddle.wire.events import EventType
from raddle.wire.player import Player
from raddle.wire.snapshot import LobbySnapshot

# The part of a snapshot that is the same for every viewer of one audience: all of it
# but `me`. Keyed by the role and the player's team (a team's ladder is its own).
_Audience = tuple[str, int | None]
# Lobbies × audiences kept at most; past that the shelf starts again (it refills from
# the first snapshot of each audience).
SHELF_ENTRIES = 512


# Events that change one flag of one player and nothing else a snapshot shows: the
# shelf carries its snapshots over them instead of building them again, so a room of
# phones arriving (a `player_connected` each) shares one snapshot per team.
_FLAG_EVENTS = {
    EventType.PLAYER_CONNECTED.value: "connected",
    EventType.PLAYER_DISCONNECTED.value: "connected",
    EventType.PLAYER_READY.value: "ready",
}


class SnapshotShelf:
    """Snapshots already built, per lobby, for the lobby's current seq only.

    Everything a snapshot shows changes only through an event, and every event takes
    the lobby's next seq in the transaction that makes the change, so two snapshots of
    one lobby at one seq for one audience are the same (the random party checks this
    for every phone: a state rebuilt from events equals a fresh snapshot at its seq).
    A snapshot transaction reads the seq first and finds its audience's snapshot here,
    or builds it: when a whole room reconnects, or every phone asks again after the
    teams are made, the lobby is read once per team, not once per phone. An entry is
    never wrong, only unused: there is nothing to invalidate, on any process. The
    changes this process commits carry the entries over a player's flag changing
    (`advance`); after any other change the next snapshot is built afresh.
    """

    def __init__(self) -> None:
        self._lobbies: dict[int, tuple[int, dict[_Audience, LobbySnapshot]]] = {}
        self._entries = 0

    def get(self, lobby_id: int, seq: int, audience: _Audience) -> LobbySnapshot | None:
        kept = self._lobbies.get(lobby_id)
        if kept is None or kept[0] != seq:
            return None
        return kept[1].get(audience)

    def keep(self, lobby_id: int, seq: int, audience: _Audience, state: LobbySnapshot) -> None:
        kept = self._lobbies.get(lobby_id)
        if kept is not None and kept[0] > seq:
            return  # a slower reader of an older seq: the newer entries stay
        if kept is None or kept[0] != seq:
            if kept is not None:
                self._entries -= len(kept[1])
            kept = self._lobbies[lobby_id] = (seq, {})
        if self._entries >= SHELF_ENTRIES:
            self._lobbies = {lobby_id: kept}
            self._entries = len(kept[1])
        if audience not in kept[1]:
            self._entries += 1
        kept[1][audience] = state

    def advance(self, event: Event) -> None:
        """Bring a lobby's snapshots past an event committed by this process, or let
        them go if the event changes more than a player's flag."""
        kept = self._lobbies.get(event.lobby_id)
        if kept is None or kept[0] >= event.seq:
            return  # nothing kept, or already built at (or after) this event's seq
        flag = _FLAG_EVENTS.get(event.type)
        if kept[0] != event.seq - 1 or flag is None:
            del self._lobbies[event.lobby_id]
            self._entries -= len(kept[1])
            return
        body = event.views[ADMIN]
        value = body["ready"] if flag == "ready" else event.type == EventType.PLAYER_CONNECTED
        player_id = body["player_id"]
        states = {
            audience: state.model_copy(
                update={"players": _with_flag(state.players, player_id, flag, value)}
            )
            for audience, state in kept[1].items()
        }
        self._lobbies[event.lobby_id] = (event.seq, states)


def _with_flag(players: list[Player], player_id: int, flag: str, value: bool) -> list[Player]:
    return [p.model_copy(update={flag: value}) if p.id == player_id else p for p in players]
