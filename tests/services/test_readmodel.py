"""The read model forgets a lobby's answers when it changes, and never keeps a stale one."""

from __future__ import annotations

from raddle.services.kit.readmodel import ReadModel


def test_a_change_drops_only_that_lobbys_answers() -> None:
    reads = ReadModel(identities=True)
    reads.keep_summary("AAAAAA", 1, b"a", reads.generation)
    reads.keep_summary("BBBBBB", 2, b"b", reads.generation)
    reads.keep_identity("hash", 1, b"me", reads.generation)
    reads.lobby_changed({1})
    assert reads.summary("AAAAAA") is None and reads.identity("hash") is None
    assert reads.summary("BBBBBB") == b"b"


def test_an_answer_read_before_a_change_is_not_kept() -> None:
    reads = ReadModel(identities=True)
    began = reads.generation
    reads.lobby_changed({7})  # a change commits while the read was in flight
    reads.keep_summary("CCCCCC", 7, b"stale", began)
    assert reads.summary("CCCCCC") is None


def test_identities_are_not_kept_when_changes_happen_elsewhere() -> None:
    reads = ReadModel(identities=False)
    reads.keep_identity("hash", 1, b"me", reads.generation)
    assert reads.identity("hash") is None
