"""Addresses, host names and origins as the server judges them."""

from __future__ import annotations

import socket

from raddle.net import AddressSet, AllowedHosts, host_name, same_origin


def test_address_sets_hold_addresses_and_networks() -> None:
    proxies = AddressSet(["10.0.0.0/8", "::1", "192.0.2.7"])
    assert "10.1.2.3" in proxies and "::1" in proxies and "192.0.2.7" in proxies
    assert "192.0.2.8" not in proxies and "not an address" not in proxies
    assert "203.0.113.1" in AddressSet(["*"])
    assert not AddressSet([])


def test_host_names_lose_their_port_and_case() -> None:
    assert host_name("Game.Example.org:8000") == "game.example.org"
    assert host_name("[::1]:8000") == "::1"
    assert host_name("example.org.") == "example.org"


def test_by_default_addresses_and_this_machine_are_allowed_but_other_names_not() -> None:
    default = AllowedHosts([])
    for allowed in ("127.0.0.1:8000", "192.168.1.20", "[::1]:80", "localhost", "tv.localhost"):
        assert default.allows(allowed), allowed
    assert default.allows(socket.gethostname())
    for refused in ("evil.example", "192.168.1.20.nip.example", "", None):
        assert not default.allows(refused), refused


def test_configured_names_and_wildcards() -> None:
    allowed = AllowedHosts(["game.example.org", "*.party.example"])
    assert allowed.allows("game.example.org:443")
    assert allowed.allows("tv.party.example")
    assert not allowed.allows("party.example.evil")
    assert not allowed.allows("127.0.0.1")
    assert AllowedHosts(["*"]).allows("anything.example")


def test_an_origin_is_ours_only_with_the_same_scheme_host_and_port() -> None:
    assert same_origin("http://127.0.0.1:8000", "127.0.0.1:8000", "ws")
    assert same_origin("https://game.example.org", "game.example.org", "wss")
    assert not same_origin("https://127.0.0.1:8000", "127.0.0.1:8000", "ws")
    assert not same_origin("http://game.example.org", "game.example.org", "wss")
    assert not same_origin("http://127.0.0.1:8001", "127.0.0.1:8000", "ws")
