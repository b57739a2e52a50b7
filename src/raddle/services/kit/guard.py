"""Small checks shared by use cases."""

from __future__ import annotations

from collections.abc import Callable

from raddle.errors import Invalid
from raddle.game.names import BadName


def checked_name(clean: Callable[[str], str], raw: str) -> str:
    """Apply a name rule, turning its refusal into a 422 with the rule's own words."""
    try:
        return clean(raw)
    except BadName as exc:
        raise Invalid(str(exc), "bad_name") from exc


def unfriendly_name(what: str) -> Invalid:
    """A family-friendly lobby's refusal of a name the word filter blocks."""
    return Invalid(f"This lobby is family-friendly: choose another {what}.", "unfriendly_name")
