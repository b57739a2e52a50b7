"""Answers to the hottest reads, kept encoded in memory and dropped when their lobby changes.

Every committed change to a lobby drops that lobby's entries here before its events
are published (and, with several processes, when the hub tells of a change made
elsewhere), so a cached answer is never older than the last change this process
knows of.
"""

from __future__ import annotations

from collections import defaultdict

MAX_ENTRIES = 50_000


class ReadModel:
    def __init__(self, *, identities: bool) -> None:
        # Whether answers that grant access (who a token belongs to) may be cached:
        # only when every change reaches this process synchronously (one process).
        self.identities = identities
        self._summaries: dict[str, tuple[int, bytes]] = {}
        self._identities: dict[str, tuple[int, bytes]] = {}
        self._keys: dict[int, set[tuple[str, str]]] = defaultdict(set)
        # Bumped by every change: a read that began before a change must not keep its
        # answer, or a stale one could outlive the change.
        self.generation = 0

    def summary(self, code: str) -> bytes | None:
        entry = self._summaries.get(code)
        return None if entry is None else entry[1]

    def keep_summary(self, code: str, lobby_id: int, body: bytes, generation: int) -> None:
        if generation == self.generation:
            self._keep(self._summaries, "s", code, lobby_id, body)

    def identity(self, token_hash: str) -> bytes | None:
        entry = self._identities.get(token_hash)
        return None if entry is None else entry[1]

    def keep_identity(self, token_hash: str, lobby_id: int, body: bytes, generation: int) -> None:
        if self.identities and generation == self.generation:
            self._keep(self._identities, "i", token_hash, lobby_id, body)

    def _keep(
        self, table: dict[str, tuple[int, bytes]], kind: str, key: str, lobby_id: int, body: bytes
    ) -> None:
        if len(table) >= MAX_ENTRIES:
            self.clear()
        table[key] = (lobby_id, body)
        self._keys[lobby_id].add((kind, key))

    def lobby_changed(self, lobby_ids: set[int]) -> None:
        self.generation += 1
        for lobby_id in lobby_ids:
            for kind, key in self._keys.pop(lobby_id, ()):
                (self._summaries if kind == "s" else self._identities).pop(key, None)

    def clear(self) -> None:
        self.generation += 1
        self._summaries.clear()
        self._identities.clear()
        self._keys.clear()
