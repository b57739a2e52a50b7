"""Rate limits and caps that keep one client from spoiling the game for everyone."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Hashable

from raddle.errors import TooMany


class TokenBucket:
    """A steady rate with room for short bursts."""

    __slots__ = ("burst", "rate", "stamp", "tokens")

    def __init__(self, rate: float, burst: float) -> None:
        self.rate = rate
        self.burst = burst
        self.tokens = burst
        self.stamp = time.monotonic()

    def take(self) -> bool:
        return self.wait_for() == 0.0

    def wait_for(self) -> float:
        """Take a token if there is one (0.0); else how long until there will be."""
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return 0.0
        return (1.0 - self.tokens) / self.rate


class KeyedLimiter:
    """One bucket per key (an address, a lobby, a player), forgetting the least recent
    keys beyond `max_keys` so a flood of new keys cannot exhaust memory."""

    def __init__(self, rate: float, burst: float, max_keys: int = 50_000) -> None:
        self.rate = rate
        self.burst = burst
        self.max_keys = max_keys
        self._buckets: OrderedDict[Hashable, TokenBucket] = OrderedDict()

    def wait_for(self, key: Hashable) -> float:
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = TokenBucket(self.rate, self.burst)
            if len(self._buckets) > self.max_keys:
                self._buckets.popitem(last=False)
        else:
            self._buckets.move_to_end(key)
        return bucket.wait_for()

    def check(self, key: Hashable, detail: str) -> None:
        wait = self.wait_for(key)
        if wait > 0:
            raise TooMany(detail, retry_after=wait)


class Limits:
    """This process's limiters. Limits are per process: with several processes a
    client gets that many times the rate, which still stops floods."""

    def __init__(self, *, enabled: bool = True, scale: float = 1.0) -> None:
        self.enabled = enabled
        self.login = KeyedLimiter(rate=0.2 * scale, burst=10 * scale)
        self.join_per_address = KeyedLimiter(rate=5 * scale, burst=40 * scale)
        self.join_per_lobby = KeyedLimiter(rate=50 * scale, burst=200 * scale)
        self.play_per_player = KeyedLimiter(rate=10 * scale, burst=30 * scale)

    def login_attempt(self, address: str) -> None:
        if self.enabled:
            self.login.check(address, "Too many login attempts; wait a little.")

    def join_attempt(self, address: str, code: str) -> None:
        if self.enabled:
            self.join_per_address.check(address, "Too many joins from here; wait a little.")
            self.join_per_lobby.check(code.upper(), "Too many joins to this lobby; wait a little.")

    def play(self, player_id: int) -> None:
        if self.enabled:
            self.play_per_player.check(player_id, "Slow down: too many guesses and hints.")
