"""Names: what is refused, what looks the same, what a family-friendly lobby turns away."""

from __future__ import annotations

import pytest

from raddle.game.names import BadName, clean_player_name, name_lookalike, strip_invisible
from raddle.game.wordfilter import is_unfriendly


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "\u3164",
        "Ana\u3164",
        "\u2800",
        "\u200b",
        "A\u202eB",
        "e" + "\u0300" * 5,
        "\u0300",
    ],
)
def test_names_that_do_not_show_as_what_they_are_are_refused(raw: str) -> None:
    with pytest.raises(BadName):
        clean_player_name(raw)


def test_names_are_trimmed_collapsed_and_composed() -> None:
    assert clean_player_name("  Ana   Bea ") == "Ana Bea"
    assert clean_player_name("Zoe\u0308") == "Zoë"  # one composed letter
    assert clean_player_name("Nguye\u0302\u0303n") == "Nguyễn"


@pytest.mark.parametrize(
    ("one", "two"),
    [("Alice", "\u0410lice"), ("Troll", "TR0LL"), ("paypal", "\u0440aypal"), ("Ana", "\uff21na")],
)
def test_names_that_look_alike_share_a_key(one: str, two: str) -> None:
    assert name_lookalike(one) == name_lookalike(two)


def test_different_names_keep_different_keys() -> None:
    assert name_lookalike("Ana") != name_lookalike("Anna")
    assert name_lookalike("Bob") != name_lookalike("Rob")


def test_guesses_lose_their_invisible_characters() -> None:
    assert strip_invisible("\u202eEIP") == "EIP"
    assert strip_invisible("PI\u200bE") == "PIE"


@pytest.mark.parametrize("name", ["F.U.C.K", "sh1t", "Big Shitter", "\u0410ss", "fück"])
def test_the_word_filter_sees_through_disguises(name: str) -> None:
    assert is_unfriendly(name)


@pytest.mark.parametrize(
    "name", ["Scunthorpe", "Classy Cats", "Dickens", "Cocktail Club", "Sussex"]
)
def test_the_word_filter_leaves_innocent_words_alone(name: str) -> None:
    assert not is_unfriendly(name)
