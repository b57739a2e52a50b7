"""Players are dealt onto the smallest team first so teams stay even; puzzles are dealt
unplayed first, and for "different" rounds of similar length."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from raddle.game.dealing import PuzzleChoice, deal_players, pick_puzzles


def rng(seed: int = 0) -> random.Random:
    return random.Random(seed)


# -- players -------------------------------------------------------------------------


def test_new_players_even_out_the_teams() -> None:
    deal = deal_players([1, 2, 3, 4, 5], [10, 20, 30], {10: 2, 20: 0, 30: 1}, rng())
    sizes = Counter({10: 2, 20: 0, 30: 1}) + Counter(deal.values())
    assert sorted(sizes.values()) == [2, 3, 3]


def test_the_smallest_team_is_filled_first() -> None:
    deal = deal_players([1, 2], [10, 20, 30], {10: 3, 20: 1, 30: 3}, rng())
    assert deal == {1: 20, 2: 20}


def test_a_team_missing_from_the_sizes_is_empty() -> None:
    assert deal_players([1], [10, 20], {10: 1}, rng()) == {1: 20}


def test_the_deal_is_random_but_repeatable() -> None:
    players = list(range(12))
    deals = {tuple(sorted(deal_players(players, [1, 2, 3], {}, rng(s)).items())) for s in range(10)}
    assert len(deals) > 1
    assert deal_players(players, [1, 2, 3], {}, rng(4)) == deal_players(
        players, [1, 2, 3], {}, rng(4)
    )


def test_nobody_to_deal_is_no_deal() -> None:
    assert deal_players([], [], {}, rng()) == {}


def test_players_need_a_team_to_go_to() -> None:
    with pytest.raises(ValueError):
        deal_players([1], [], {}, rng())


def test_a_player_is_dealt_once() -> None:
    with pytest.raises(ValueError):
        deal_players([1, 1], [10], {}, rng())


@given(
    st.lists(st.integers(0, 1000), unique=True, max_size=40),
    st.dictionaries(st.integers(1, 8), st.integers(0, 10), min_size=1, max_size=8),
    st.randoms(),
)
def test_dealing_never_leaves_a_team_emptier_than_it_must_be(
    players: list[int], sizes: dict[int, int], rng_: random.Random
) -> None:
    deal = deal_players(players, list(sizes), sizes, rng_)
    assert set(deal) == set(players)
    assert set(deal.values()) <= set(sizes)
    after = {team: size + list(deal.values()).count(team) for team, size in sizes.items()}
    # A team only ever grows while it is among the smallest, so every team that received
    # a player ends within one of the smallest team.
    smallest = min(after.values())
    for team in set(deal.values()):
        assert after[team] <= smallest + 1


# -- puzzles -------------------------------------------------------------------------

PACK = [
    PuzzleChoice("a5", 5),
    PuzzleChoice("b6", 6),
    PuzzleChoice("c6", 6),
    PuzzleChoice("d7", 7),
    PuzzleChoice("e12", 12),
    PuzzleChoice("f13", 13),
    PuzzleChoice("g20", 20),
]


def test_same_deals_one_puzzle_to_every_team() -> None:
    slugs = pick_puzzles(PACK, 4, "same", set(), rng())
    assert len(slugs) == 4 and len(set(slugs)) == 1


def test_same_prefers_a_puzzle_not_yet_played() -> None:
    played = {choice.slug for choice in PACK} - {"d7"}
    assert pick_puzzles(PACK, 3, "same", played, rng()) == ["d7"] * 3


def test_same_replays_a_puzzle_when_every_one_was_played() -> None:
    slugs = pick_puzzles(PACK, 2, "same", {choice.slug for choice in PACK}, rng())
    assert slugs[0] in {choice.slug for choice in PACK}


def test_different_deals_distinct_puzzles_of_the_closest_lengths() -> None:
    slugs = pick_puzzles(PACK, 3, "different", set(), rng())
    assert sorted(slugs) == ["b6", "c6", "d7"] or sorted(slugs) == ["a5", "b6", "c6"]


def test_different_avoids_played_puzzles_even_at_some_cost_in_length() -> None:
    played = {"a5", "b6", "c6", "d7"}
    assert sorted(pick_puzzles(PACK, 2, "different", played, rng())) == ["e12", "f13"]


def test_different_tops_up_with_played_puzzles_close_to_the_fresh_ones() -> None:
    played = {"a5", "b6", "c6", "d7", "f13", "g20"}
    assert sorted(pick_puzzles(PACK, 2, "different", played, rng())) == ["e12", "f13"]


def test_different_reuses_puzzles_only_when_there_are_more_teams_than_puzzles() -> None:
    pack = [PuzzleChoice("x", 5), PuzzleChoice("y", 6)]
    slugs = pick_puzzles(pack, 5, "different", set(), rng())
    assert len(slugs) == 5
    counts = Counter(slugs)
    assert set(counts) == {"x", "y"} and sorted(counts.values()) == [2, 3]


def test_a_duplicate_candidate_is_dealt_once() -> None:
    pack = [PuzzleChoice("x", 5), PuzzleChoice("x", 5), PuzzleChoice("y", 5)]
    assert sorted(pick_puzzles(pack, 2, "different", set(), rng())) == ["x", "y"]


def test_there_must_be_a_puzzle_to_deal() -> None:
    with pytest.raises(ValueError):
        pick_puzzles([], 2, "same", set(), rng())


def test_there_must_be_a_team_to_deal_to() -> None:
    with pytest.raises(ValueError):
        pick_puzzles(PACK, 0, "same", set(), rng())


def test_an_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError):
        pick_puzzles(PACK, 2, "mixed", set(), rng())  # type: ignore[arg-type]


puzzle_packs = st.lists(
    st.builds(PuzzleChoice, st.text("abcdefgh", min_size=1, max_size=3), st.integers(5, 20)),
    min_size=1,
    max_size=15,
    unique_by=lambda choice: choice.slug,
)


@given(puzzle_packs, st.integers(1, 8), st.data(), st.randoms())
def test_different_is_distinct_fresh_first_and_as_close_as_can_be(
    pack: list[PuzzleChoice], teams: int, data: st.DataObject, rng_: random.Random
) -> None:
    played = data.draw(st.sets(st.sampled_from([choice.slug for choice in pack])))
    slugs = pick_puzzles(pack, teams, "different", played, rng_)
    assert len(slugs) == teams
    assert set(slugs) <= {choice.slug for choice in pack}
    if len(pack) < teams:
        assert set(slugs) == {choice.slug for choice in pack}
        return
    assert len(set(slugs)) == teams
    fresh = [choice for choice in pack if choice.slug not in played]
    assert sum(slug in played for slug in slugs) == max(0, teams - len(fresh))
    if len(fresh) >= teams:
        # No other choice of fresh puzzles spans fewer rung counts.
        lengths = {choice.slug: choice.rung_count for choice in pack}
        spread = max(lengths[s] for s in slugs) - min(lengths[s] for s in slugs)
        counts = sorted(choice.rung_count for choice in fresh)
        tightest = min(counts[i + teams - 1] - counts[i] for i in range(len(counts) - teams + 1))
        assert spread == tightest


@given(puzzle_packs, st.integers(1, 8), st.data(), st.randoms())
def test_same_is_one_puzzle_fresh_when_possible(
    pack: list[PuzzleChoice], teams: int, data: st.DataObject, rng_: random.Random
) -> None:
    played = data.draw(st.sets(st.sampled_from([choice.slug for choice in pack])))
    slugs = pick_puzzles(pack, teams, "same", played, rng_)
    assert len(slugs) == teams and len(set(slugs)) == 1
    if any(choice.slug not in played for choice in pack):
        assert slugs[0] not in played
