"""How many sockets each client address holds open, capped per address.

With Redis, the count is shared by every server process: each open socket is a
member of its address's sorted set in Redis, scored with the time it expires. A
process renews its own sockets' entries while they stay open (`renew`, from its
upkeep loop), so the sockets of a process that died simply expire. Without Redis,
or while Redis cannot be reached, each process counts its own sockets.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import secrets
import time
from typing import Any

from raddle.limits import OpenCounts

log = logging.getLogger("raddle.realtime")

# How long a socket's entry lives unless its process renews it.
SEAT_SECONDS = 60.0
RENEW_SECONDS = 15.0

# Drop expired entries, then take a seat if the address has fewer than the cap;
# all in one step so that two processes cannot both take the last seat.
_TAKE = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  return 0
end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4])
redis.call('EXPIRE', KEYS[1], ARGV[5])
return 1
"""


class SocketSeats:
    def __init__(self, cap: int, redis_url: str | None = None, prefix: str = "raddle") -> None:
        self.local = OpenCounts(cap)
        self.cap = cap
        self.prefix = prefix
        self._process = secrets.token_hex(4)
        self._ids = itertools.count(1)
        # This process's seats in Redis: member -> address.
        self._held: dict[str, str] = {}
        self._redis: Any = None
        self._warned = False
        if redis_url:
            from redis.asyncio import Redis

            self._redis = Redis.from_url(redis_url, socket_timeout=1.0, socket_connect_timeout=1.0)

    def _key(self, address: str) -> str:
        return f"{self.prefix}:sockets:{address}"

    async def take(self, address: str) -> str | None:
        """A seat for one more socket from `address`, or None when it holds too many."""
        if self._redis is not None:
            member = f"{self._process}:{next(self._ids)}"
            now = time.time()
            try:
                taken = await self._redis.eval(
                    _TAKE,
                    1,
                    self._key(address),
                    now,
                    self.cap,
                    now + SEAT_SECONDS,
                    member,
                    int(SEAT_SECONDS * 2),
                )
            except Exception as exc:  # Redis is away: count here until it is back
                if not self._warned:
                    log.warning("shared socket counts unavailable, counting here: %s", exc)
                    self._warned = True
            else:
                self._warned = False
                if not taken:
                    return None
                self._held[member] = address
                return member
        return "local" if self.local.open(address) else None

    async def give_back(self, address: str, seat: str) -> None:
        if seat == "local":
            self.local.closed(address)
            return
        self._held.pop(seat, None)
        with contextlib.suppress(Exception):  # if not, the entry expires on its own
            await self._redis.zrem(self._key(address), seat)

    async def renew(self) -> None:
        """Push back the expiry of every seat this process holds."""
        if self._redis is None or not self._held:
            return
        until = time.time() + SEAT_SECONDS
        async with self._redis.pipeline(transaction=False) as pipe:
            for member, address in list(self._held.items()):
                pipe.zadd(self._key(address), {member: until}, xx=True)
                pipe.expire(self._key(address), int(SEAT_SECONDS * 2))
            await pipe.execute()

    async def close(self) -> None:
        if self._redis is not None:
            for member, address in list(self._held.items()):
                await self.give_back(address, member)
            await self._redis.aclose()
