"""Who is asking and under which name: address sets, allowed hosts, origins."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class AddressSet:
    """Addresses and networks (`10.0.0.5`, `10.0.0.0/8`, `::1`); `*` holds every address."""

    def __init__(self, entries: Iterable[str]) -> None:
        self.everything = False
        self.networks: list[IPNetwork] = []
        for entry in entries:
            entry = entry.strip()
            if entry == "*":
                self.everything = True
            elif entry:
                self.networks.append(ipaddress.ip_network(entry, strict=False))

    def __contains__(self, address: object) -> bool:
        if self.everything:
            return True
        if not isinstance(address, str) or not self.networks:
            return False
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in self.networks)

    def __bool__(self) -> bool:
        return self.everything or bool(self.networks)


def host_name(host_header: str) -> str:
    """The name part of a Host header: `Example.org:8000` -> `example.org`, `[::1]:80` -> `::1`."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    if host.count(":") == 1:
        host = host.split(":", 1)[0]
    return host.rstrip(".")


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=1)
def _own_names() -> frozenset[str]:
    name = socket.gethostname().lower()
    return frozenset({name, f"{name}.local", "localhost"})


class AllowedHosts:
    """The names this server answers to.

    Configured (`RADDLE_ALLOWED_HOSTS=game.example.org,*.example.net`), exactly those;
    `*` allows any. Unset, IP addresses, `localhost` and this machine's own name: a
    party on a local network reaches the server by its address, and a web page on
    another domain that re-points its name at the server (DNS rebinding) is refused.
    """

    def __init__(self, configured: list[str]) -> None:
        self.any = "*" in configured
        self.exact = {h for h in configured if not h.startswith("*.") and h != "*"}
        self.suffixes = tuple(h[1:] for h in configured if h.startswith("*."))
        self.default = not configured

    def allows(self, host_header: str | None) -> bool:
        if self.any:
            return True
        if not host_header:
            return False
        name = host_name(host_header)
        if self.default:
            return _is_ip(name) or name in _own_names() or name.endswith(".localhost")
        return name in self.exact or (bool(self.suffixes) and name.endswith(self.suffixes))


def same_origin(origin: str, host_header: str, scheme: str) -> bool:
    """Whether a browser's Origin is this very site: same host and port, and the scheme
    the request arrived with (`wss`/`https` pair, `ws`/`http` pair)."""
    parts = urlsplit(origin.strip().rstrip("/").lower())
    expected = "https" if scheme in ("https", "wss") else "http"
    return parts.scheme == expected and parts.netloc == host_header.strip().lower()
