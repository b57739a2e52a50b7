"""Status columns hold the game's enums, stored as the same plain text as ever."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.exc import StatementError
from sqlalchemy.orm import Session

from raddle.db.tables import Base, Lobby, Round
from raddle.game.phase import LobbyPhase, RoundEndReason, RoundStatus

NOW = datetime(2026, 11, 28, tzinfo=UTC)


def test_statuses_are_stored_as_text_and_read_back_as_the_games_enums() -> None:
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        lobby = Lobby(code="ABC234", name="Quiz", seq=0, created_at=NOW)
        session.add(lobby)
        session.flush()
        session.add(
            Round(
                lobby_id=lobby.id,
                number=1,
                status=RoundStatus.ENDED,
                mode="same",
                started_at=NOW,
                end_reason=RoundEndReason.TIMER,
            )
        )
        session.commit()
        stored = session.execute(text("SELECT phase FROM lobbies")).scalar_one()
        assert (stored, type(stored)) == ("lobby", str)
        assert session.execute(text("SELECT status, end_reason FROM rounds")).one() == (
            "ended",
            "timer",
        )
        session.expire_all()
        found = session.execute(select(Round)).scalar_one()
        assert found.status is RoundStatus.ENDED and found.end_reason is RoundEndReason.TIMER
        assert session.execute(select(Lobby)).scalar_one().phase is LobbyPhase.LOBBY
        # Plain text in a query means the same member.
        assert session.execute(select(Round).where(Round.status == "ended")).scalar_one()


def test_a_value_that_is_not_a_member_is_refused() -> None:
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.add(Lobby(code="ABC234", name="Quiz", seq=0, created_at=NOW, phase="paused"))
        with pytest.raises(StatementError):
            session.commit()
