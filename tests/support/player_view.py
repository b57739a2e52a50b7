"""What a player's screen knows, rebuilt only from the frames its socket received.

The rules are the protocol's (docs/protocol.md): a snapshot replaces everything,
each event changes what it names. Tests compare the result with a fresh snapshot
taken at the same `seq`, so a socket that missed or misapplied anything shows.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

ROSTER_EVENTS = {
    "player_joined",
    "player_left",
    "player_kicked",
    "player_moved",
    "player_ready",
    "player_connected",
    "player_disconnected",
    "team_created",
    "team_renamed",
    "team_removed",
    "teams_changed",
}


@dataclass
class PlayerView:
    seq: int = -1
    state: dict[str, Any] = field(default_factory=dict)
    # The state as it was after each seq, to compare with a snapshot taken at that seq.
    history: dict[int, dict[str, Any]] = field(default_factory=dict)
    consumed: int = 0
    # (seq, the player's team when the frame arrived, frame), for secrecy checks.
    seen: list[tuple[int, int | None, dict[str, Any]]] = field(default_factory=list)

    def feed(self, frames: list[dict[str, Any]]) -> None:
        """Apply the frames not seen yet, in the order they arrived."""
        for frame in frames[self.consumed :]:
            self.consumed += 1
            self.apply(frame)

    def apply(self, frame: dict[str, Any]) -> None:
        kind = frame.get("type")
        if kind == "snapshot":
            self.state = copy.deepcopy(frame["state"])
            self.seen.append((frame["seq"], self.team_id(), frame))
        elif "seq" in frame:
            if frame["seq"] != self.seq + 1:
                raise AssertionError(f"gap: {kind} at seq {frame['seq']} after {self.seq}")
            self.seen.append((frame["seq"], self.team_id(), frame))
            self._event(frame)
        else:
            return
        self.seq = frame["seq"]
        self.history[self.seq] = essentials(self.state)

    def team_id(self) -> int | None:
        me = self.state.get("me") if self.state else None
        return None if me is None else me["team_id"]

    def _event(self, event: dict[str, Any]) -> None:
        kind = event["type"]
        state = self.state
        if kind in ROSTER_EVENTS:
            self._roster(event)
        elif kind == "round_started":
            state["round"] = event["round"]
            self._roster(event)
            state["lobby"]["phase"] = "playing"
        elif kind == "rung_solved" and state.get("round") and "ladder" in event:
            ladder = state["round"].get("ladder")
            if ladder and ladder["team_id"] == event["team_id"]:
                state["round"]["ladder"] = event["ladder"]
        elif kind == "round_ended":
            state["round"] = event["round"]
            state["last_summary"] = event["summary"]
            state["leaderboard"] = event["leaderboard"]
            state["lobby"]["phase"] = "results"
        elif kind == "phase_changed":
            state["lobby"]["phase"] = event["phase"]
            if event["phase"] == "lobby":
                state["round"] = None  # back in the lobby, the last round is put away

    def _roster(self, event: dict[str, Any]) -> None:
        state = self.state
        if "players" in event and "teams" in event:
            state["players"], state["teams"] = event["players"], event["teams"]
        else:
            players: list[dict[str, Any]] = state["players"]
            pid = event.get("player_id")
            kind = event["type"]
            if kind == "player_joined":
                players[:] = [p for p in players if p["id"] != event["player"]["id"]]
                players.append(event["player"])
            elif kind in ("player_left", "player_kicked"):
                players[:] = [p for p in players if p["id"] != pid]
                for team in state["teams"]:
                    team["player_ids"] = [p for p in team["player_ids"] if p != pid]
            elif kind == "player_moved":
                for p in players:
                    if p["id"] == pid:
                        p["team_id"] = event["team_id"]
                for team in state["teams"]:
                    others = [p for p in team["player_ids"] if p != pid]
                    team["player_ids"] = others + ([pid] if team["id"] == event["team_id"] else [])
            elif kind == "player_ready":
                for p in players:
                    if p["id"] == pid:
                        p["ready"] = event["ready"]
            elif kind in ("player_connected", "player_disconnected"):
                for p in players:
                    if p["id"] == pid:
                        p["connected"] = kind == "player_connected"
        me = state.get("me")
        if me is not None:
            fresh = next((p for p in state["players"] if p["id"] == me["id"]), None)
            if fresh is not None:
                state["me"] = dict(fresh)


def essentials(state: dict[str, Any]) -> dict[str, Any]:
    """What must agree between a rebuilt state and a snapshot: team, roster, ladder,
    leaderboard. (Guess lists and progress counters of other teams are left out:
    they are decoration the protocol lets a screen keep as it likes.)"""
    round_ = state.get("round")
    ladder = round_.get("ladder") if round_ else None
    return {
        "phase": state["lobby"]["phase"],
        "me": state.get("me", {}).get("team_id") if state.get("me") else None,
        "players": sorted(
            (p["id"], p["name"], p["team_id"], p["ready"], p["connected"]) for p in state["players"]
        ),
        "teams": sorted(
            (t["id"], t["name"], tuple(sorted(t["player_ids"]))) for t in state["teams"]
        ),
        "round": None
        if round_ is None
        else (
            round_["id"],
            round_["status"],
            None
            if ladder is None
            else (
                ladder["team_id"],
                tuple(r["word"] for r in ladder["rungs"]),
                ladder["frontier"]["down"],
                ladder["frontier"]["up"],
            ),
        ),
        # A removed team keeps its place on the leaderboard, without a team id.
        "leaderboard": sorted(
            (r["team_id"] or 0, r["name"], r["points"]) for r in state.get("leaderboard", [])
        ),
    }
