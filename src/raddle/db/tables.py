"""The tables. The database is the source of truth for every lobby."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from raddle.game.hints import DEFAULT_HINT_COSTS, HintLevel
from raddle.game.ladder import Direction, GuessOutcome
from raddle.game.phase import LobbyPhase, RoundEndReason, RoundStatus

E = TypeVar("E", bound=StrEnum)


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps are stored and returned as aware UTC datetimes on every engine."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime")
        return value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class Named(TypeDecorator[E]):
    """A column of one of the game's StrEnums, stored as its plain value in a VARCHAR.

    The stored text is exactly what the column held before it was typed, so no
    migration is needed; rows come back as enum members and a value that is not a
    member is refused on the way in.
    """

    impl = String
    cache_ok = True

    def __init__(self, enum: type[E], length: int) -> None:
        super().__init__(length)
        self.enum = enum

    def process_bind_param(self, value: E | str | None, dialect: Any) -> str | None:
        return None if value is None else self.enum(value).value

    def process_result_value(self, value: str | None, dialect: Any) -> E | None:
        return None if value is None else self.enum(value)


class Base(DeclarativeBase):
    pass


# Ids reach clients (events, tokens, stats, awards), so none may ever be handed out
# twice: without AUTOINCREMENT SQLite reuses the highest id after a delete.
NEVER_REUSE_IDS = {"sqlite_autoincrement": True}


class Lobby(Base):
    __tablename__ = "lobbies"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(6), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    phase: Mapped[LobbyPhase] = mapped_column(Named(LobbyPhase, 16), default=LobbyPhase.LOBBY)
    # The last event number handed out; incremented in the same transaction as
    # the change it describes, so sequence numbers are gap-free across processes.
    seq: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The host's switches: no new joins; names checked by the word filter; the code
    # kept off the big screen (for streamed games).
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    family_friendly: Mapped[bool] = mapped_column(Boolean, default=False)
    code_hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    # "New game, same players": the game being played and its first round's number;
    # the leaderboard counts that game's rounds only, earlier ones stay on record.
    game: Mapped[int] = mapped_column(Integer, default=1)
    game_first_round: Mapped[int] = mapped_column(Integer, default=1)


class Team(Base):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    lobby_id: Mapped[int] = mapped_column(ForeignKey("lobbies.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(40))
    name_key: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        UniqueConstraint("lobby_id", "name_key", name="uq_team_name"),
        NEVER_REUSE_IDS,
    )


class Player(Base):
    __tablename__ = "players"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    lobby_id: Mapped[int] = mapped_column(ForeignKey("lobbies.id", ondelete="CASCADE"))
    team_id: Mapped[int | None] = mapped_column(
        ForeignKey("teams.id", ondelete="SET NULL"), index=True, default=None
    )
    name: Mapped[str] = mapped_column(String(24))
    # The case-folded name; the unique constraint below is what settles racing joins.
    name_key: Mapped[str] = mapped_column(String(96))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    ready: Mapped[bool] = mapped_column(Boolean, default=False)
    # Presence as last announced to the lobby, and until when the player's sockets
    # vouch for it; a sweeper announces the disconnect once `seen_until` passes, so a
    # crashed server process leaves no ghosts.
    connected: Mapped[bool] = mapped_column(Boolean, default=False)
    seen_until: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The address the player joined from: for the per-address cap and for bans.
    address: Mapped[str | None] = mapped_column(String(64), default=None)
    # The confusable skeleton of the name: "Alice" and "Аlice" (Cyrillic А) collide.
    name_lookalike: Mapped[str | None] = mapped_column(String(96), default=None)

    __table_args__ = (
        UniqueConstraint("lobby_id", "name_key", name="uq_player_name"),
        UniqueConstraint("lobby_id", "name_lookalike", name="uq_player_lookalike"),
        Index("ix_players_connected", "connected", "seen_until"),
        Index("ix_players_address", "lobby_id", "address"),
        NEVER_REUSE_IDS,
    )


class LobbyBan(Base):
    """Someone the host kicked and banned: they cannot join this lobby again, from the
    same address or under a name that looks the same."""

    __tablename__ = "lobby_bans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    lobby_id: Mapped[int] = mapped_column(ForeignKey("lobbies.id", ondelete="CASCADE"), index=True)
    address: Mapped[str | None] = mapped_column(String(64), default=None)
    name_lookalike: Mapped[str | None] = mapped_column(String(96), default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = NEVER_REUSE_IDS


class AdminSession(Base):
    __tablename__ = "admin_sessions"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


class LobbyEvent(Base):
    """The recent events of a lobby, kept so that a reconnecting client can replay them."""

    __tablename__ = "lobby_events"

    lobby_id: Mapped[int] = mapped_column(
        ForeignKey("lobbies.id", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    type: Mapped[str] = mapped_column(String(32))
    # Audience name -> payload; see services.kit.events for the audiences.
    views: Mapped[dict[str, Any]] = mapped_column(JSON)
    # Who is on which team after the change, for events that changed it (player id ->
    # team id or None); a socket's audience is read from here, never remembered.
    teams: Mapped[dict[str, int | None] | None] = mapped_column(JSON, default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (Index("ix_lobby_events_created", "created_at"),)


class Round(Base):
    __tablename__ = "rounds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    lobby_id: Mapped[int] = mapped_column(ForeignKey("lobbies.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[RoundStatus] = mapped_column(Named(RoundStatus, 16), default=RoundStatus.RUNNING)
    mode: Mapped[str] = mapped_column(String(16))
    hints_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    # Shares of a team's round points that a clue and a word hint cost.
    hint_cost_clue: Mapped[float] = mapped_column(Float, default=DEFAULT_HINT_COSTS[HintLevel.CLUE])
    hint_cost_word: Mapped[float] = mapped_column(Float, default=DEFAULT_HINT_COSTS[HintLevel.WORD])
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The countdown's deadline; whichever process first ends the round after it wins.
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    end_reason: Mapped[RoundEndReason | None] = mapped_column(
        Named(RoundEndReason, 16), default=None
    )

    __table_args__ = (
        UniqueConstraint("lobby_id", "number", name="uq_round_number"),
        Index("ix_rounds_deadline", "status", "ends_at"),
        NEVER_REUSE_IDS,
    )


class Ladder(Base):
    """A team's ladder in one round, with a copy of the puzzle as it was dealt."""

    # The table keeps its first name: a team's row in a round.
    __tablename__ = "round_teams"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    # Kept when the team is removed mid-round, so results still name it.
    team_id: Mapped[int | None] = mapped_column(
        ForeignKey("teams.id", ondelete="SET NULL"), index=True
    )
    team_name: Mapped[str] = mapped_column(String(40))
    puzzle_slug: Mapped[str] = mapped_column(String(80))
    puzzle_title: Mapped[str] = mapped_column(String(120))
    # Shown with the results, so they are kept as dealt like the words.
    puzzle_author: Mapped[str | None] = mapped_column(String(100), default=None)
    puzzle_note: Mapped[str | None] = mapped_column(String(200), default=None)
    difficulty: Mapped[str] = mapped_column(String(16))
    words: Mapped[list[str]] = mapped_column(JSON)
    clues: Mapped[list[str]] = mapped_column(JSON)
    # How each step works ("S→M", "anagram"), one per clue; None where the puzzle says not.
    transforms: Mapped[list[str | None] | None] = mapped_column(JSON, default=None)
    # A per-ladder secret that fixes the shuffled clue order for the whole team.
    clue_seed: Mapped[str] = mapped_column(String(32))
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    place: Mapped[int | None] = mapped_column(Integer, default=None)
    # The costs of the team's hints added up: a share of its round points (capped in scoring).
    hint_cost: Mapped[float] = mapped_column(Float, default=0.0)
    # What the place earned before hints; `points` is that less the hint share.
    place_points: Mapped[float | None] = mapped_column(Float, default=None)
    points: Mapped[float | None] = mapped_column(Float, default=None)

    __table_args__ = (
        UniqueConstraint("round_id", "team_id", name="uq_round_team"),
        NEVER_REUSE_IDS,
    )


class RungState(Base):
    """A hidden rung of a ladder; revealing it is one conditional UPDATE."""

    __tablename__ = "rungs"

    round_team_id: Mapped[int] = mapped_column(
        ForeignKey("round_teams.id", ondelete="CASCADE"), primary_key=True
    )
    index: Mapped[int] = mapped_column(Integer, primary_key=True)
    solved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    solved_by: Mapped[int | None] = mapped_column(Integer, default=None)
    solved_by_name: Mapped[str | None] = mapped_column(String(24), default=None)
    by_hint: Mapped[bool] = mapped_column(Boolean, default=False)


class _OnALadder:
    """What a player did on a team's ladder (a guess or a hint), kept under the name they
    had then: the player may since have left or been renamed."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_team_id: Mapped[int] = mapped_column(
        ForeignKey("round_teams.id", ondelete="CASCADE"), index=True
    )
    player_id: Mapped[int] = mapped_column(Integer)
    player_name: Mapped[str] = mapped_column(String(24))


class Guess(_OnALadder, Base):
    __tablename__ = "guesses"
    __table_args__ = (Index("ix_guesses_ref", "player_id", "ref"), NEVER_REUSE_IDS)

    rung: Mapped[int] = mapped_column(Integer)
    word: Mapped[str] = mapped_column(String(64))
    # Only CORRECT or INCORRECT: the other outcomes are answered and not recorded.
    result: Mapped[GuessOutcome] = mapped_column(Named(GuessOutcome, 16))
    # The client's name for the message; a guess re-sent under it is judged once.
    ref: Mapped[str | None] = mapped_column(String(64), default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Hint(_OnALadder, Base):
    __tablename__ = "hints"
    __table_args__ = (Index("ix_hints_ref", "player_id", "ref"), NEVER_REUSE_IDS)

    level: Mapped[int] = mapped_column(Integer)
    rung: Mapped[int] = mapped_column(Integer)
    direction: Mapped[Direction] = mapped_column(Named(Direction, 8))
    cost: Mapped[float] = mapped_column(Float)
    # As for guesses: a hint re-sent under the same ref is taken once.
    ref: Mapped[str | None] = mapped_column(String(64), default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class HostPuzzle(Base):
    """A ladder a host wrote or imported in the web app, kept as the file text it saved.

    The text is parsed with the same validator as files on disk whenever it is used;
    title and difficulty are copies for listing without parsing.
    """

    __tablename__ = "host_puzzles"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(120))
    difficulty: Mapped[str] = mapped_column(String(16))
    format: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class HiddenPuzzle(Base):
    """A puzzle (bundled, from a folder, or a host's) the host keeps out of every deal."""

    __tablename__ = "hidden_puzzles"

    slug: Mapped[str] = mapped_column(String(80), primary_key=True)
    hidden_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
