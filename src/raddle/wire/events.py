"""What the server sends over the socket: lobby events (numbered by `seq`) and the
replies and frames of one socket, each a model with a literal `type`.

Services build an event's body (the fields besides `type` and `seq`) once per
audience; `raddle.services.context.Change.emit` numbers it, and the socket adds
`type` and `seq` when it sends it. The `...Event` models are those frames whole.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag

from raddle.wire.base import Timestamp, Wire, absent_when_none
from raddle.wire.guess import GuessAlreadySolved, GuessJudged, GuessNotFrontier, GuessView
from raddle.wire.hint import HintResult, HintView
from raddle.wire.lobby import Lobby, LobbyState
from raddle.wire.player import Player, SolvedBy
from raddle.wire.round import HostLadderView, LadderView, RoundSummary, RoundTimer, RoundView
from raddle.wire.snapshot import LobbySnapshot
from raddle.wire.team import LeaderboardRow, Team, TeamProgress


class EventType(StrEnum):
    """Every `type` the server sends."""

    # Lobby events, numbered by `seq`.
    PLAYER_JOINED = "player_joined"
    PLAYER_MOVED = "player_moved"
    PLAYER_READY = "player_ready"
    PLAYER_CONNECTED = "player_connected"
    PLAYER_DISCONNECTED = "player_disconnected"
    PLAYER_LEFT = "player_left"
    PLAYER_KICKED = "player_kicked"
    TEAMS_CHANGED = "teams_changed"
    TEAM_CREATED = "team_created"
    TEAM_RENAMED = "team_renamed"
    TEAM_REMOVED = "team_removed"
    LOBBY_UPDATED = "lobby_updated"
    LOBBY_DELETED = "lobby_deleted"
    ROUND_STARTED = "round_started"
    TIMER_STARTED = "timer_started"
    GUESS = "guess"
    RUNG_SOLVED = "rung_solved"
    HINT_TAKEN = "hint_taken"
    TEAM_FINISHED = "team_finished"
    ROUND_ENDED = "round_ended"
    PHASE_CHANGED = "phase_changed"
    # One socket's frames.
    WELCOME = "welcome"
    SNAPSHOT = "snapshot"
    LOBBIES = "lobbies"
    PONG = "pong"
    ACK = "ack"
    ERROR = "error"
    GUESS_RESULT = "guess_result"
    HINT_RESULT = "hint_result"


# -- lobby event bodies: what services build, one per audience --------------------------


class PlayerJoined(Wire):
    player: Player


class PlayerMoved(Wire):
    player_id: int
    team_id: int | None


class PlayerReady(Wire):
    player_id: int
    ready: bool


class PlayerPresence(Wire):
    """A player's sockets came back, or stayed away past the grace period."""

    player_id: int


class PlayerGone(Wire):
    """A player left or was removed, with the team they were on."""

    player_id: int
    name: str
    team_id: int | None


class Roster(Wire):
    """Every team and player: enough for any screen to redraw its lists."""

    teams: list[Team]
    players: list[Player]


class TeamCreated(Wire):
    team_id: int
    teams: list[Team]
    players: list[Player]


class TeamNamed(Wire):
    """A team renamed or removed, with the leaderboard (it names teams as they are now)."""

    team_id: int
    name: str
    leaderboard: list[LeaderboardRow]
    teams: list[Team]
    players: list[Player]


class LobbyDeleted(Wire):
    code: str


class RoundStarted(Wire):
    """The round as the audience sees it, with the roster (ready marks cleared)."""

    round: RoundView
    teams: list[Team]
    players: list[Player]


class RoundEnded(Wire):
    summary: RoundSummary
    leaderboard: list[LeaderboardRow]
    round: RoundView


class PhaseChanged(Wire):
    phase: str


class GuessMade(Wire):
    """A wrong guess; only the guesser's team (and the host) see the guess itself."""

    team_id: int
    guess: GuessView | None = absent_when_none("the guess, for its team and the host")


class RungSolved(Wire):
    """A rung solved, as its team (and, with answers, the host) sees it; `guess` is
    null when a word hint revealed it."""

    team_id: int
    rung: int
    word: str
    solved_by: SolvedBy
    guess: GuessView | None
    ladder: HostLadderView | LadderView


class RungProgress(Wire):
    """A rung solved, as the other teams and the big screen see it: progress only."""

    team_id: int
    solved: int
    total: int
    progress: float


class HintTaken(Wire):
    """A hint taken; only its team (and the host) see the hint and its cost."""

    team_id: int
    hint: HintView | None = absent_when_none("the hint, for its team and the host")
    cost: float | None = absent_when_none("the share of the round's points it cost")


class TeamFinished(Wire):
    team_id: int
    name: str
    place: int
    finished_at: Timestamp
    teams: list[TeamProgress]


EventBody = (
    PlayerJoined
    | PlayerMoved
    | PlayerReady
    | PlayerPresence
    | PlayerGone
    | Roster
    | TeamCreated
    | TeamNamed
    | LobbyState
    | LobbyDeleted
    | RoundStarted
    | RoundTimer
    | GuessMade
    | RungSolved
    | RungProgress
    | HintTaken
    | TeamFinished
    | RoundEnded
    | PhaseChanged
)

# What body each lobby event carries (a rung solved: one of two, by audience).
EVENT_BODIES: dict[EventType, tuple[type[Wire], ...]] = {
    EventType.PLAYER_JOINED: (PlayerJoined,),
    EventType.PLAYER_MOVED: (PlayerMoved,),
    EventType.PLAYER_READY: (PlayerReady,),
    EventType.PLAYER_CONNECTED: (PlayerPresence,),
    EventType.PLAYER_DISCONNECTED: (PlayerPresence,),
    EventType.PLAYER_LEFT: (PlayerGone,),
    EventType.PLAYER_KICKED: (PlayerGone,),
    EventType.TEAMS_CHANGED: (Roster,),
    EventType.TEAM_CREATED: (TeamCreated,),
    EventType.TEAM_RENAMED: (TeamNamed,),
    EventType.TEAM_REMOVED: (TeamNamed,),
    EventType.LOBBY_UPDATED: (LobbyState,),
    EventType.LOBBY_DELETED: (LobbyDeleted,),
    EventType.ROUND_STARTED: (RoundStarted,),
    EventType.TIMER_STARTED: (RoundTimer,),
    EventType.GUESS: (GuessMade,),
    EventType.RUNG_SOLVED: (RungSolved, RungProgress),
    EventType.HINT_TAKEN: (HintTaken,),
    EventType.TEAM_FINISHED: (TeamFinished,),
    EventType.ROUND_ENDED: (RoundEnded,),
    EventType.PHASE_CHANGED: (PhaseChanged,),
}


# -- lobby events whole, as a socket receives them ---------------------------------------


class PlayerJoinedEvent(PlayerJoined):
    type: Literal[EventType.PLAYER_JOINED]
    seq: int


class PlayerMovedEvent(PlayerMoved):
    type: Literal[EventType.PLAYER_MOVED]
    seq: int


class PlayerReadyEvent(PlayerReady):
    type: Literal[EventType.PLAYER_READY]
    seq: int


class PlayerConnectedEvent(PlayerPresence):
    type: Literal[EventType.PLAYER_CONNECTED]
    seq: int


class PlayerDisconnectedEvent(PlayerPresence):
    type: Literal[EventType.PLAYER_DISCONNECTED]
    seq: int


class PlayerLeftEvent(PlayerGone):
    type: Literal[EventType.PLAYER_LEFT]
    seq: int


class PlayerKickedEvent(PlayerGone):
    type: Literal[EventType.PLAYER_KICKED]
    seq: int


class TeamsChangedEvent(Roster):
    type: Literal[EventType.TEAMS_CHANGED]
    seq: int


class TeamCreatedEvent(TeamCreated):
    type: Literal[EventType.TEAM_CREATED]
    seq: int


class TeamRenamedEvent(TeamNamed):
    type: Literal[EventType.TEAM_RENAMED]
    seq: int


class TeamRemovedEvent(TeamNamed):
    type: Literal[EventType.TEAM_REMOVED]
    seq: int


class LobbyUpdatedEvent(LobbyState):
    type: Literal[EventType.LOBBY_UPDATED]
    seq: int


class LobbyDeletedEvent(LobbyDeleted):
    type: Literal[EventType.LOBBY_DELETED]
    seq: int


class RoundStartedEvent(RoundStarted):
    type: Literal[EventType.ROUND_STARTED]
    seq: int


class TimerStartedEvent(RoundTimer):
    type: Literal[EventType.TIMER_STARTED]
    seq: int


class GuessEvent(GuessMade):
    type: Literal[EventType.GUESS]
    seq: int


class RungSolvedEvent(RungSolved):
    type: Literal[EventType.RUNG_SOLVED]
    seq: int


class RungProgressEvent(RungProgress):
    type: Literal[EventType.RUNG_SOLVED]
    seq: int


class HintTakenEvent(HintTaken):
    type: Literal[EventType.HINT_TAKEN]
    seq: int


class TeamFinishedEvent(TeamFinished):
    type: Literal[EventType.TEAM_FINISHED]
    seq: int


class RoundEndedEvent(RoundEnded):
    type: Literal[EventType.ROUND_ENDED]
    seq: int


class PhaseChangedEvent(PhaseChanged):
    type: Literal[EventType.PHASE_CHANGED]
    seq: int


# -- one socket's frames ------------------------------------------------------------------


class WelcomeFrame(Wire):
    """The first frame after a good auth: who the socket is, and the server's clock."""

    type: Literal[EventType.WELCOME] = EventType.WELCOME
    role: Literal["player", "admin", "screen"]
    lobby: str | None = Field(description="the lobby's code; null on the host's lobby list")
    server_time: Timestamp
    player_id: int | None = absent_when_none("for a player's socket")


class SnapshotFrame(Wire):
    type: Literal[EventType.SNAPSHOT] = EventType.SNAPSHOT
    seq: int = Field(description="the last lobby event the state includes")
    state: LobbySnapshot


class LobbiesFrame(Wire):
    """The host's lobby list (a host socket without a lobby)."""

    type: Literal[EventType.LOBBIES] = EventType.LOBBIES
    lobbies: list[Lobby]


class PongFrame(Wire):
    type: Literal[EventType.PONG] = EventType.PONG
    ref: str | None


class AckFrame(Wire):
    type: Literal[EventType.ACK] = EventType.ACK
    ref: str | None


class ErrorFrame(Wire):
    type: Literal[EventType.ERROR] = EventType.ERROR
    code: str
    detail: str
    ref: str | None = absent_when_none("the ref of the message refused, if it had one")


class GuessJudgedFrame(GuessJudged):
    type: Literal[EventType.GUESS_RESULT] = EventType.GUESS_RESULT
    ref: str | None


class GuessAlreadySolvedFrame(GuessAlreadySolved):
    type: Literal[EventType.GUESS_RESULT] = EventType.GUESS_RESULT
    ref: str | None


class GuessNotFrontierFrame(GuessNotFrontier):
    type: Literal[EventType.GUESS_RESULT] = EventType.GUESS_RESULT
    ref: str | None


class HintResultFrame(HintResult):
    type: Literal[EventType.HINT_RESULT] = EventType.HINT_RESULT
    ref: str | None


GuessResultFrame = Annotated[
    GuessJudgedFrame | GuessAlreadySolvedFrame | GuessNotFrontierFrame,
    Field(discriminator="result"),
]


def _rung_solved_view(value: Any) -> str:
    keys = value if isinstance(value, dict) else type(value).model_fields
    return "team" if "ladder" in keys else "progress"


RungSolvedFrame = Annotated[
    Annotated[RungSolvedEvent, Tag("team")] | Annotated[RungProgressEvent, Tag("progress")],
    Discriminator(_rung_solved_view),
]

ServerEvent = Annotated[
    PlayerJoinedEvent
    | PlayerMovedEvent
    | PlayerReadyEvent
    | PlayerConnectedEvent
    | PlayerDisconnectedEvent
    | PlayerLeftEvent
    | PlayerKickedEvent
    | TeamsChangedEvent
    | TeamCreatedEvent
    | TeamRenamedEvent
    | TeamRemovedEvent
    | LobbyUpdatedEvent
    | LobbyDeletedEvent
    | RoundStartedEvent
    | TimerStartedEvent
    | GuessEvent
    | RungSolvedFrame
    | HintTakenEvent
    | TeamFinishedEvent
    | RoundEndedEvent
    | PhaseChangedEvent
    | WelcomeFrame
    | SnapshotFrame
    | LobbiesFrame
    | PongFrame
    | AckFrame
    | ErrorFrame
    | GuessResultFrame
    | HintResultFrame,
    Field(discriminator="type"),
]
