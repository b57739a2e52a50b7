"""The HTTP connection as uvicorn serves it, with two guards uvicorn lacks.

- **A header deadline.** A client must send a whole request head (the request line
  and headers, also of a WebSocket upgrade) within `RADDLE_HEADER_TIMEOUT_SECONDS`
  of connecting or of starting the next request; otherwise the connection is closed.
  Without it, slow or silent clients hold connections open for as long as they like.
- **Connections per address.** One client address may hold at most
  `RADDLE_MAX_CONNECTIONS_PER_ADDRESS` HTTP connections in this process; more are
  closed at once. Trusted proxies (`RADDLE_TRUSTED_PROXIES`) are not counted: every
  visitor arrives through them. Upgraded sockets leave this count and are capped by
  the socket endpoint instead.

uvicorn builds this protocol in each worker process from its import path, so the
settings are read from the environment there, once.
"""

from __future__ import annotations

import asyncio
from functools import lru_cache
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from raddle.config import Settings
from raddle.net import AddressSet


@lru_cache(maxsize=1)
def _guards() -> tuple[float, int, AddressSet]:
    settings = Settings()
    return (
        settings.header_timeout_seconds,
        settings.max_connections_per_address,
        AddressSet(settings.trusted_proxies),
    )


class GuardedHttp(HttpToolsProtocol):
    open_per_address: dict[str, int] = {}  # noqa: RUF012 - shared by this process's connections

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline: asyncio.TimerHandle | None = None
        self._counted: str | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        header_seconds, cap, proxies = _guards()
        address = self.client[0] if self.client else None
        if address is not None and address not in proxies:
            count = self.open_per_address.get(address, 0)
            if count >= cap:
                transport.close()
                return
            self.open_per_address[address] = count + 1
            self._counted = address
        self._arm(header_seconds)

    def _arm(self, seconds: float) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(seconds, self._too_slow)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        self._deadline = None
        if not self.transport.is_closing():
            self.transport.close()

    def _release(self) -> None:
        address, self._counted = self._counted, None
        if address is not None:
            left = self.open_per_address.get(address, 1) - 1
            if left > 0:
                self.open_per_address[address] = left
            else:
                self.open_per_address.pop(address, None)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        if self._deadline is None:
            self._arm(_guards()[0])

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()

    def handle_websocket_upgrade(self) -> None:
        self._disarm()
        self._release()
        super().handle_websocket_upgrade()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        self._release()
        super().connection_lost(exc)
