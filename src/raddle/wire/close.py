"""The close codes of the server's sockets, in one place."""

from __future__ import annotations

from enum import IntEnum


class CloseCode(IntEnum):
    """Why the server closed a socket. 4xxx codes are the game's own. A client
    reconnects, backing off, after 1012, 1013, 4008, 4009 and 4029 (each passes);
    not after the others, where it would only be refused again."""

    RESTART = 1012  # the server is restarting
    TRY_AGAIN = 1013  # the server could not load the lobby just now
    LEFT = 4001  # the player left
    KICKED = 4003  # the host removed the player
    LOBBY_GONE = 4004  # the lobby (or the player) is gone
    FLOOD = 4008  # too many messages
    SLOW = 4009  # too slow to read what the server sends
    TOO_MANY = 4029  # too many open sockets from one address
    UNAUTHORIZED = 4401  # no valid auth frame, or the host's session ended
    ORIGIN = 4403  # a browser page from another site
