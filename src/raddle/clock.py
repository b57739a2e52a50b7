"""The server's sense of time, which tests may move forward (RADDLE_TESTING only)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class Clock:
    """Now, in UTC, plus an offset that starts at zero.

    Only the testing endpoint moves it, so that rules measured in days (retention)
    can be checked against a real server without waiting for them.
    """

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def advance(self, seconds: float) -> datetime:
        self.offset += timedelta(seconds=seconds)
        return self()
