"""In the browser: a whole round, from forming teams to the leaderboard, on every screen.

Four players in four browser contexts play two teams; one team works down the
ladder, the other up. The answers come from the host's own view of the lobby
(`GET /api/admin/lobbies/{code}`), as the host's screen shows them.
"""

from __future__ import annotations

import re
from typing import Any

import httpx
from playwright.sync_api import Page, expect

from tests.e2e.conftest import DESKTOP, TV, Browsers, Tab
from tests.e2e.steps import (
    host_creates_lobby,
    join_by_link,
    join_url_on_screen,
    join_with_code,
    move_player,
    team_names,
)


def guess_box(page: Page, rung: int, direction: str) -> Any:
    return page.get_by_label(re.compile(f"Your guess for rung {rung + 1}, going {direction}"))


def send_guess(page: Page, rung: int, word: str, direction: str) -> None:
    """Type a guess and send it; a full word alone is not sent."""
    box = guess_box(page, rung, direction)
    box.fill(word)
    box.press("Enter")


def solve(tab: Tab, rung: int, word: str, direction: str) -> None:
    send_guess(tab.page, rung, word.lower(), direction)
    expect(tab.page.locator(".rung-word", has_text=word)).to_be_visible()


def shortest_easy_puzzle(host_api: httpx.Client) -> dict[str, Any]:
    puzzles = host_api.get("/api/admin/puzzles").json()
    easy = [p for p in puzzles if p["difficulty"] == "easy"] or puzzles
    return min(easy, key=lambda p: (p["rungs"], p["slug"]))


def test_a_whole_round_on_every_screen(browsers: Browsers, host_api: httpx.Client) -> None:
    host = browsers.open("host", DESKTOP)
    code = host_creates_lobby(host.page)
    screen = browsers.open("screen", TV)
    screen.page.goto(f"/screen/{code}")
    ana = browsers.open("ana")
    join_by_link(ana.page, join_url_on_screen(screen.page), "Ana")
    ben, cleo, dan = (browsers.open(name) for name in ("ben", "cleo", "dan"))
    for tab, name in ((ben, "Ben"), (cleo, "Cleo"), (dan, "Dan")):
        join_with_code(tab.page, code, name)

    host.page.get_by_label("Number of teams").fill("2")
    host.page.get_by_role("button", name="Make teams").click()
    expect(screen.page.locator(".screen-team")).to_have_count(2)
    down_team, up_team = team_names(host.page)
    for player, team in (
        ("Ana", down_team),
        ("Ben", down_team),
        ("Cleo", up_team),
        ("Dan", up_team),
    ):
        move_player(host.page, player, team)
    expect(cleo.page.get_by_role("heading", name=up_team)).to_be_visible()
    ana.page.get_by_role("button", name="I’m ready!").click()
    expect(host.page.get_by_text("1 of 4 players ready")).to_be_visible()
    screen.shot("screen-lobby", "tv")

    # Start with a chosen puzzle; not everyone is ready, so the host starts anyway.
    puzzle = shortest_easy_puzzle(host_api)
    host.page.get_by_label("Puzzle", exact=True).select_option(value=puzzle["slug"])
    host.page.get_by_role("button", name="Start round").click()
    expect(host.page.get_by_role("alert")).to_contain_text("ready")
    host.page.get_by_role("button", name="Start anyway").click()
    expect(host.page.get_by_role("heading", name=re.compile("Round 1 is on"))).to_be_visible()
    for tab in (ana, ben, cleo, dan):
        expect(tab.page.get_by_role("heading", name=re.compile(puzzle["title"]))).to_be_visible()

    snapshot = host_api.get(f"/api/admin/lobbies/{code}").json()
    team_id = {t["name"]: t["id"] for t in snapshot["teams"]}
    ladders = snapshot["round"]["ladders"]
    down_words = [r["word"] for r in ladders[str(team_id[down_team])]["rungs"]]
    up_words = [r["word"] for r in ladders[str(team_id[up_team])]["rungs"]]
    last = len(down_words) - 1
    assert last >= 4, "the e2e round needs a ladder with at least three hidden rungs"
    ana.shots("player-round")

    # A wrong guess shows up on a teammate's phone.
    wrong = "Q" * len(re.sub(r"[^0-9A-Za-z]", "", down_words[1]))
    send_guess(ben.page, 1, wrong.lower(), "down")
    expect(ben.page.get_by_text(f"{wrong} is not it")).to_be_visible()
    expect(ana.page.locator(".feed-incorrect", has_text="Ben")).to_contain_text(wrong)

    # The first team works down; Ben reloads in the middle and carries on.
    solve(ana, 1, down_words[1], "down")
    expect(ben.page.locator(".rung-word", has_text=down_words[1])).to_be_visible()
    ben.page.reload()
    expect(ben.page.locator(".rung-word", has_text=down_words[1])).to_be_visible()
    expect(ben.page.locator(".feed-incorrect", has_text=wrong)).to_be_visible()
    solve(ben, 2, down_words[2], "down")

    # The second team works up, with a "which clue" hint and a "reveal word" hint.
    for tab in (cleo, dan):
        tab.page.get_by_role("radio", name=re.compile("^Up")).check()
    dan.page.get_by_role("button", name=re.compile("Which clue")).click()
    expect(
        dan.page.get_by_text(re.compile("It costs your team 10 % of this round"))
    ).to_be_visible()
    dan.page.get_by_role("button", name="Take the hint").click()
    expect(cleo.page.locator(".clue-hinted")).to_contain_text("Dan’s hint")
    cleo.shots("player-round-hint")
    solve(cleo, last - 1, up_words[last - 1], "up")
    dan.page.get_by_role("button", name=re.compile("Reveal word")).click()
    dan.page.get_by_role("button", name="Take the hint").click()
    expect(cleo.page.locator(".rung-word", has_text=up_words[last - 2])).to_be_visible()

    # The host sees every team with answers; the big screen shows progress only.
    expect(host.page.get_by_text("Live progress")).to_be_visible()
    host.page.get_by_label("Countdown from").fill("5")
    host.page.get_by_role("button", name="Start clock").click()
    for tab in (ana, cleo):
        expect(tab.page.get_by_role("timer")).to_be_visible()
    expect(screen.page.get_by_role("timer")).to_be_visible()
    expect(screen.page.get_by_role("progressbar")).to_have_count(2)
    screen_text = screen.page.locator("body").inner_text()
    hidden = [w for w in down_words[3:last] + up_words[1 : last - 2]]
    assert not [w for w in hidden if w in screen_text], "the big screen must not show answers"
    host.shots("host-round")
    screen.shot("screen-round", "tv")

    # The first team finishes and learns its place; the other team sees it too.
    for rung in range(3, last):
        solve(ana, rung, down_words[rung], "down")
    expect(ana.page.get_by_role("heading", name="Your team finished 1st!")).to_be_visible()
    expect(screen.page.get_by_text(f"{down_team} finished 1st")).to_be_visible()
    expect(cleo.page.locator(".race-row", has_text=down_team)).to_contain_text("1st")
    ana.shots("player-finished")

    # The host ends the round; results and the leaderboard reach every screen.
    host.page.get_by_role("button", name="End round").click()
    host.page.get_by_role("group").get_by_role("button", name="End round").click()
    for tab in (ana, ben, cleo, dan):
        expect(tab.page.get_by_role("heading", name=re.compile("Round 1 results"))).to_be_visible()
        expect(tab.page.get_by_role("heading", name="Leaderboard")).to_be_visible()
    expect(ana.page.get_by_role("heading", name="Your team finished 1st!")).to_be_visible()
    expect(screen.page.get_by_role("heading", name=f"{down_team} win round 1!")).to_be_visible()
    expect(screen.page.locator(".tv-standing").first).to_contain_text(down_team)
    # Everyone sees every ladder whole once the round is over: the phones and the TV.
    every_word = set(down_words) | set(up_words)
    for tab in (ana, cleo):
        answers = tab.page.locator(".answers").inner_text()
        assert all(word in answers for word in every_word)
    expect(screen.page.locator(".tv-ladder")).to_be_visible()
    expect(host.page.get_by_role("heading", name=re.compile("Round 1 results"))).to_be_visible()
    ana.shots("player-results")
    cleo.shots("player-results-unfinished")
    host.shots("host-results")
    screen.shot("screen-results", "tv")
    assert browsers.problems() == []
