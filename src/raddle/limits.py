"""Rate limits and caps that keep one client from spoiling the game for everyone.

The per-use-case limits (login, join, lookup, ready, guess and hint) are counted by
the `limits` library in moving windows. With Redis configured the counters live
there, so every server process draws on the same allowance; without it they live
in this process. If Redis cannot be reached a process falls back to its own
counters rather than refusing everyone.

The per-socket message rate stays a token bucket in memory: a socket lives in one
process, so there is nothing to share.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from raddle.errors import TooMany

if TYPE_CHECKING:
    from limits import RateLimitItem
    from limits.aio.strategies import MovingWindowRateLimiter

log = logging.getLogger("raddle.limits")


class TokenBucket:
    """A steady rate with room for short bursts."""

    __slots__ = ("burst", "rate", "stamp", "tokens")

    def __init__(self, rate: float, burst: float) -> None:
        self.rate = rate
        self.burst = burst
        self.tokens = burst
        self.stamp = time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return True
        return False


class OpenCounts:
    """How many of something (sockets) each key (an address) holds open in this
    process, refusing more than `cap`."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self._open: dict[str, int] = {}

    def open(self, key: str) -> bool:
        count = self._open.get(key, 0)
        if count >= self.cap:
            return False
        self._open[key] = count + 1
        return True

    def closed(self, key: str) -> None:
        left = self._open.get(key, 1) - 1
        if left > 0:
            self._open[key] = left
        else:
            self._open.pop(key, None)


@dataclass(frozen=True)
class Rule:
    """At most `amount` hits in any `seconds`-long window, per key."""

    name: str
    amount: int
    seconds: int
    detail: str

    def scaled(self, scale: float) -> RateLimitItem:
        from limits import RateLimitItemPerSecond

        return RateLimitItemPerSecond(max(1, round(self.amount * scale)), self.seconds, self.name)


LOGIN = Rule("login", 10, 60, "Too many login attempts; wait a little.")
JOIN_PER_ADDRESS = Rule("join-address", 40, 8, "Too many joins from here; wait a little.")
JOIN_PER_LOBBY = Rule("join-lobby", 200, 4, "Too many joins to this lobby; wait a little.")
# Looking up codes that do not exist is how codes are guessed; real players mistype
# a code a few times at most.
LOOKUP_MISSES = Rule("lookup-miss", 20, 60, "Too many unknown lobby codes from here; wait.")
READY = Rule("ready", 10, 10, "Slow down: too many ready changes.")
PLAY = Rule("play", 30, 3, "Slow down: too many guesses and hints.")


class Limits:
    """The limits of this deployment, shared through Redis when `redis_url` is set."""

    def __init__(
        self,
        *,
        enabled: bool = True,
        scale: float = 1.0,
        redis_url: str | None = None,
        prefix: str = "raddle",
    ) -> None:
        self.enabled = enabled
        self.scale = scale
        self._redis_url = redis_url
        self._prefix = prefix
        # The limiters (and the `limits` library) are made at the first hit, not at
        # start-up: a server that never counts (limits off) never loads them.
        self._limiters: tuple[MovingWindowRateLimiter, MovingWindowRateLimiter | None] | None = None
        self._warned = False

    def _made(self) -> tuple[MovingWindowRateLimiter, MovingWindowRateLimiter | None]:
        """(the per-process limiter, the shared one or None), made once."""
        if self._limiters is None:
            from limits.aio.storage import MemoryStorage, RedisStorage
            from limits.aio.strategies import MovingWindowRateLimiter

            shared: MovingWindowRateLimiter | None = None
            if self._redis_url:
                storage = RedisStorage(
                    "async+" + self._redis_url,
                    implementation="redispy",
                    key_prefix=f"{self._prefix}:limits",
                    wrap_exceptions=True,
                    # A Redis that hangs must not hang requests: give up and count here.
                    socket_timeout=1.0,
                    socket_connect_timeout=1.0,
                )
                shared = MovingWindowRateLimiter(storage)
            self._limiters = (MovingWindowRateLimiter(MemoryStorage()), shared)
        return self._limiters

    @property
    def _local(self) -> MovingWindowRateLimiter:
        return self._made()[0]

    @property
    def _shared(self) -> MovingWindowRateLimiter | None:
        return self._made()[1]

    @property
    def shared(self) -> bool:
        return bool(self._redis_url)

    async def check(self, rule: Rule, *key: str | int) -> None:
        """Count one hit against `rule` for `key`; refuse with 429 once the window is full."""
        if not self.enabled:
            return
        item = rule.scaled(self.scale)
        parts = [str(part) for part in key]
        limiter = self._shared or self._local
        try:
            allowed = await limiter.hit(item, *parts)
        except Exception as exc:  # Redis is away: keep limiting, per process
            if not self._warned:
                log.warning("shared limits unavailable, counting per process: %s", exc)
                self._warned = True
            limiter = self._local
            allowed = await limiter.hit(item, *parts)
        else:
            self._warned = False
        if not allowed:
            raise TooMany(rule.detail, retry_after=await self._wait(limiter, item, parts))

    async def exhausted(self, rule: Rule, *key: str | int) -> bool:
        """Whether `key` has no hits left under `rule`, without counting one."""
        if not self.enabled:
            return False
        item = rule.scaled(self.scale)
        parts = [str(part) for part in key]
        try:
            return not await (self._shared or self._local).test(item, *parts)
        except Exception:
            return not await self._local.test(item, *parts)

    async def refuse_if_exhausted(self, rule: Rule, *key: str | int) -> None:
        if await self.exhausted(rule, *key):
            item = rule.scaled(self.scale)
            wait = await self._wait(self._shared or self._local, item, [str(k) for k in key])
            raise TooMany(rule.detail, retry_after=wait)

    async def _wait(
        self, limiter: MovingWindowRateLimiter, item: RateLimitItem, parts: list[str]
    ) -> float:
        try:
            stats = await limiter.get_window_stats(item, *parts)
        except Exception:
            return float(item.get_expiry())
        return max(1.0, stats.reset_time - time.time())

    # The use cases' limits, named as the game names them.

    async def login_attempt(self, address: str) -> None:
        await self.check(LOGIN, address)

    async def join_attempt(self, address: str, code: str) -> None:
        await self.check(JOIN_PER_ADDRESS, address)
        await self.check(JOIN_PER_LOBBY, code.upper())

    async def ready(self, player_id: int) -> None:
        await self.check(READY, player_id)

    async def play(self, player_id: int) -> None:
        await self.check(PLAY, player_id)
