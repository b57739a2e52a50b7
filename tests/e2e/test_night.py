"""A whole game night in the browser: a host, a TV and six phones of two sizes play three
rounds in both modes, with a reload, an offline spell, a kick and a rejoin, a rename and
a reshuffle. Every screen is checked with axe and photographed into test-artifacts/."""

from __future__ import annotations

import re
from typing import Any

import httpx
from playwright.sync_api import Page, ViewportSize, expect

from tests.e2e.accessibility import blocking_violations
from tests.e2e.conftest import DESKTOP, PHONE, SCREENSHOTS, SMALL_PHONE, TV, Browsers, Tab
from tests.e2e.steps import (
    host_and_big_screen,
    join_by_link,
    join_url_on_screen,
    join_with_code,
)

# What is left of a 390x844 phone's screen with its keyboard up.
KEYBOARD_UP: ViewportSize = {"width": 390, "height": 470}
# A small phone with its keyboard up.
SMALL_KEYBOARD_UP: ViewportSize = {"width": 360, "height": 400}
SIZES = {"phone": PHONE, "small-phone": SMALL_PHONE, "laptop": DESKTOP, "tv": TV}


def photograph(tab: Tab, screen: str, sizes: tuple[str, ...] = tuple(SIZES)) -> None:
    """Save the page at each size as test-artifacts/screenshots/night-<screen>-<size>.png."""
    tab.shots(f"night-{screen}", {label: SIZES[label] for label in sizes})


def accessible(tab: Tab, screen: str) -> None:
    problems = blocking_violations(tab.page)
    assert not problems, (screen, problems)


def smallest_text(page: Page) -> float:
    """The size of the smallest text on the page, in px: each element holding text of its
    own (an icon's drawing scales with the icon, so text inside an SVG is left out)."""
    sizes: list[float] = page.evaluate(
        """() => [...document.querySelectorAll('main *')]
            .filter(e => !e.closest('svg'))
            .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
            .map(e => parseFloat(getComputedStyle(e).fontSize))"""
    )
    return min(sizes)


def fits_one_tv_screen(tv: Tab) -> None:
    assert smallest_text(tv.page) >= 32
    assert tv.page.evaluate("() => document.documentElement.scrollHeight") <= TV["height"]


def guess_box(page: Page, direction: str = "down") -> Any:
    return page.get_by_label(re.compile(f"Your guess for rung \\d+, going {direction}"))


def send(page: Page, word: str, direction: str = "down") -> None:
    box = guess_box(page, direction)
    box.fill(word.lower())
    box.press("Enter")


def host_state(host_api: httpx.Client, code: str) -> dict[str, Any]:
    response = host_api.get(f"/api/admin/lobbies/{code}")
    assert response.status_code == 200, response.text
    return dict(response.json())


def ladder_words(host_api: httpx.Client, code: str, team: str) -> list[str]:
    state = host_state(host_api, code)
    team_id = next(t["id"] for t in state["teams"] if t["name"] == team)
    return [r["word"] for r in state["round"]["ladders"][str(team_id)]["rungs"]]


def team_of(host_api: httpx.Client, code: str, player: str) -> str:
    state = host_state(host_api, code)
    team_id = next(p["team_id"] for p in state["players"] if p["name"] == player)
    name: str = next(t["name"] for t in state["teams"] if t["id"] == team_id)
    return name


def start_round(host: Tab, *, mode: str, difficulty: str) -> None:
    page = host.page
    page.get_by_label("A different one each" if mode == "different" else re.compile("Same")).check()
    page.get_by_label("Difficulty").select_option(difficulty)
    page.get_by_role("button", name="Start round").click()
    start_anyway = page.get_by_role("button", name="Start anyway")
    running = page.get_by_role("heading", name=re.compile(r"Round \d+ is on"))
    expect(start_anyway.or_(running)).to_be_visible()
    if start_anyway.is_visible():
        start_anyway.click()
    expect(running).to_be_visible()


def end_round(host: Tab) -> None:
    host.page.get_by_role("button", name="End round").click()
    host.page.get_by_role("group").get_by_role("button", name="End round").click()


def test_a_whole_night(browsers: Browsers, host_api: httpx.Client) -> None:
    host, code, tv = host_and_big_screen(browsers)
    url = join_url_on_screen(tv.page)

    names = ["Ana", "Ben", "Cleo", "Dan", "Eve", "Finn"]
    phones: dict[str, Tab] = {}
    for i, name in enumerate(names):
        phones[name] = browsers.open(
            name.lower(), PHONE if i % 2 == 0 else SMALL_PHONE, inject=True
        )
        if i < 3:
            join_by_link(phones[name].page, url, name)
        else:
            join_with_code(phones[name].page, code, name)
    expect(tv.page.get_by_text("6 players in!")).to_be_visible()
    accessible(phones["Ana"], "player-waiting")
    fits_one_tv_screen(tv)
    photograph(tv, "tv-lobby", ("tv",))

    # Three teams; the host renames one, then reshuffles everyone.
    host.page.get_by_label("Number of teams").fill("3")
    host.page.get_by_role("button", name="Make teams").click()
    expect(tv.page.locator(".screen-team")).to_have_count(3)
    first = host_state(host_api, code)["teams"][0]["name"]
    host.page.get_by_role("button", name=f"Rename {first}").click()
    host.page.get_by_label(f"New name for {first}").fill("Night Owls")
    host.page.get_by_role("button", name="Save").click()
    expect(tv.page.get_by_role("heading", name="Night Owls")).to_be_visible()
    host.page.get_by_role("button", name="Reshuffle teams").click()
    host.page.get_by_role("group").get_by_role("button", name="Reshuffle").click()
    expect(host.page.get_by_role("alert")).to_have_count(0)
    teams = host_state(host_api, code)["teams"]
    assert sorted(len(t["player_ids"]) for t in teams) == [2, 2, 2]
    expect(phones["Ana"].page.get_by_text("Your team", exact=True)).to_be_visible()
    accessible(host, "host-lobby")
    accessible(tv, "tv-lobby")
    photograph(host, "host-lobby", ("laptop",))
    photograph(phones["Ana"], "player-lobby", ("phone", "small-phone"))

    # Round 1: one puzzle for every team.
    start_round(host, mode="same", difficulty="easy")
    ana, ben = phones["Ana"], phones["Ben"]
    expect(guess_box(ana.page)).to_be_visible()
    accessible(ana, "player-round")
    accessible(tv, "tv-round")
    accessible(host, "host-round")
    # The answers stay off the host's screen until asked for.
    team = team_of(host_api, code, "Ana")
    words = ladder_words(host_api, code, team)
    hidden = words[1:-1]
    host_text = host.page.locator("main").inner_text()
    assert not [w for w in hidden if re.search(rf"\b{re.escape(w)}\b", host_text)]

    # With the keyboard up, the rung being solved and its clues share the screen.
    for tab, size in ((ana, KEYBOARD_UP), (ben, SMALL_KEYBOARD_UP)):
        tab.page.set_viewport_size(size)
        box = guess_box(tab.page)
        box.focus()
        box.scroll_into_view_if_needed()
        clue = tab.page.locator(".clue").first
        for element in (box, clue, tab.page.get_by_role("button", name="Send")):
            found = element.bounding_box()
            assert found is not None
            assert found["y"] >= 0 and found["y"] + found["height"] <= size["height"], size
        tab.page.screenshot(
            path=str(SCREENSHOTS / f"night-player-keyboard-{size['width']}x{size['height']}.png")
        )
    ana.page.set_viewport_size(PHONE)
    ben.page.set_viewport_size(SMALL_PHONE)
    # Tap targets are at least 44 px.
    for name in ("Send", "Leave lobby"):
        found = ana.page.get_by_role("button", name=name).bounding_box()
        assert found is not None and found["height"] >= 44, name

    # A full word is not sent until the player sends it.
    guess_box(ana.page).fill(words[1].lower())
    ana.page.wait_for_timeout(500)
    expect(ana.page.locator(".rung-word", has_text=words[1])).to_have_count(0)
    guess_box(ana.page).press("Enter")
    expect(ana.page.locator(".rung-word", has_text=words[1]).first).to_be_visible()

    # An offline spell: the phone says so, keeps the guess, and sends it once back.
    mate = next(n for n in names if n != "Ana" and team_of(host_api, code, n) == team)
    mate_tab = phones[mate]
    expect(mate_tab.page.locator(".rung-word", has_text=words[1]).first).to_be_visible()
    mate_tab.context.set_offline(True)
    expect(mate_tab.page.get_by_role("status").filter(has_text="Reconnecting")).to_be_visible()
    send(mate_tab.page, words[2])
    expect(
        mate_tab.page.get_by_text(re.compile("your guess goes as soon as you are back"))
    ).to_be_visible()
    mate_tab.page.screenshot(path=str(SCREENSHOTS / "night-player-offline-phone.png"))
    mate_tab.context.set_offline(False)
    expect(mate_tab.page.locator(".rung-word", has_text=words[2]).first).to_be_visible()
    log = host_api.get(f"/api/admin/lobbies/{code}/rounds/1/guesses").json()
    assert [g["word"].upper() for g in log if g["player_name"] == mate] == [words[2]]

    # A reload comes back to the same ladder.
    ana.page.reload()
    expect(ana.page.locator(".rung-word", has_text=words[2]).first).to_be_visible()

    # A "which clue" hint, then the team finishes; the host ends the round.
    ana.page.get_by_role("button", name=re.compile("Which clue")).click()
    ana.page.get_by_role("button", name="Take the hint").click()
    expect(ana.page.locator(".clue-hinted")).to_contain_text("your hint")
    for word in words[3:-1]:
        send(ana.page, word)
        expect(ana.page.locator(".rung-word", has_text=word).first).to_be_visible()
    expect(ana.page.get_by_role("heading", name="Your team finished 1st!")).to_be_visible()
    photograph(tv, "tv-round", ("tv",))
    # The other teams are still on this puzzle: the host's page keeps its words hidden
    # (right guesses included) until the host asks for them.
    expect(host.page.locator(".team-progress", has_text=team)).to_contain_text("1st")
    host_text = host.page.locator("main").inner_text()
    assert not [w for w in hidden if re.search(rf"\b{re.escape(w)}\b", host_text)]
    photograph(host, "host-round", ("laptop",))
    host.page.get_by_role("button", name="Show answers").click()
    expect(host.page.locator(".mini-feed").first).to_contain_text(words[-2])
    host.page.get_by_role("button", name="Hide answers").click()
    end_round(host)

    # Everyone sees every team's whole ladder and the score as a sum.
    for tab in phones.values():
        expect(tab.page.get_by_role("heading", name="The answers")).to_be_visible()
    expect(ana.page.locator(".points-sum").first).to_contain_text("10 % hints =")
    expect(tv.page.get_by_role("heading", name=f"{team} win round 1!")).to_be_visible()
    expect(tv.page.locator(".tv-standing").first).to_contain_text("10 % =")
    accessible(ana, "player-results")
    accessible(tv, "tv-results")
    accessible(host, "host-results")
    fits_one_tv_screen(tv)
    photograph(tv, "tv-results", ("tv",))
    photograph(ana, "player-results", ("phone", "small-phone"))
    photograph(host, "host-results", ("laptop",))

    # Between rounds: the host kicks Ben, who joins again and is placed on a team.
    host.page.get_by_role("button", name="Kick Ben").click()
    host.page.get_by_role("group").get_by_role("button", name="Kick").click()
    expect(ben.page.get_by_role("heading", name="You were removed")).to_be_visible()
    join_with_code(ben.page, code, "Ben")
    back_team = host_state(host_api, code)["teams"][0]["name"]
    host.page.get_by_label("Team for Ben").select_option(label=back_team)
    expect(ben.page.get_by_role("banner")).to_contain_text(back_team)

    # Round 2: a different puzzle for each team; the TV names them.
    start_round(host, mode="different", difficulty="medium")
    state = host_state(host_api, code)
    titles = {ladder["puzzle"]["title"] for ladder in state["round"]["ladders"].values()}
    for title in titles:
        expect(tv.page.locator(".race-puzzle", has_text=title).first).to_be_visible()
    accessible(tv, "tv-round-different")
    fits_one_tv_screen(tv)
    photograph(tv, "tv-round-different", ("tv",))
    ben_words = ladder_words(host_api, code, back_team)
    send(ben.page, ben_words[1])
    expect(ben.page.locator(".rung-word", has_text=ben_words[1]).first).to_be_visible()
    end_round(host)
    expect(tv.page.get_by_role("heading", name="Round 2 is over")).to_be_visible()
    for tab in phones.values():
        expect(tab.page.get_by_role("heading", name="The answers")).to_be_visible()

    # Round 3, the same puzzle again for all, ended by the host.
    start_round(host, mode="same", difficulty="hard")
    end_round(host)
    expect(tv.page.get_by_role("heading", name="Round 3 is over")).to_be_visible()
    expect(tv.page.locator(".tv-standing")).to_have_count(3)
    photograph(tv, "tv-results-3", ("tv",))

    # The host closes the lobby: the TV ends the night on its champions.
    board = host_api.get(f"/api/admin/lobbies/{code}/leaderboard").json()
    host.page.get_by_role("button", name="Delete lobby").click()
    host.page.get_by_role("group").get_by_role("button", name="Delete").click()
    expect(tv.page.get_by_text("Champions of the night")).to_be_visible()
    expect(tv.page.locator(".tv-champions")).to_contain_text(board[0]["name"])
    accessible(tv, "tv-closed")
    photograph(tv, "tv-closed", ("tv",))
    # The browser logs each reconnect tried while offline; that spell was on purpose.
    offline = "net::ERR_INTERNET_DISCONNECTED"
    assert [problem for problem in browsers.problems() if offline not in problem] == []
