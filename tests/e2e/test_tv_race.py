"""The big screen during a round: ten teams racing up twenty-rung ladders fit one
1920×1080 screen with no text under 32 px, and a live feed names each rung solved,
newest first, sliding in only for those who have not asked for less motion."""

from __future__ import annotations

import re

import httpx
from playwright.sync_api import expect

from tests.e2e.accessibility import blocking_violations
from tests.e2e.conftest import SCREENSHOTS, SHOT_SIZES, TV, Browsers, Tab
from tests.e2e.test_night import smallest_text

SIZES = SHOT_SIZES


def test_ten_teams_on_twenty_rungs_fit_the_tv_with_a_live_feed(
    browsers: Browsers, host_api: httpx.Client
) -> None:
    code = host_api.post("/api/admin/lobbies", json={}).json()["code"]
    tokens: dict[str, str] = {}
    for i in range(10):
        joined = host_api.post(f"/api/lobbies/{code}/players", json={"name": f"Player {i + 1}"})
        assert joined.status_code == 201, joined.text
        tokens[joined.json()["player"]["name"]] = joined.json()["token"]
    made = host_api.post(f"/api/admin/lobbies/{code}/teams", json={"count": 10})
    assert made.status_code == 201, made.text
    longest = max(host_api.get("/api/admin/puzzles").json(), key=lambda p: p["rungs"])
    started = host_api.post(
        f"/api/admin/lobbies/{code}/rounds", json={"puzzle": longest["slug"], "force": True}
    )
    assert started.status_code == 201, started.text
    ladders = started.json()["ladders"]
    assert {len(ladder["rungs"]) for ladder in ladders.values()} == {20}

    tv = browsers.open("tv", TV, inject=True)
    tv.page.emulate_media(reduced_motion="no-preference")
    tv.page.goto(f"/screen/{code}")
    expect(tv.page.get_by_role("progressbar")).to_have_count(10)
    expect(tv.page.get_by_text("The first rung is up for grabs…")).to_be_visible()

    # Three teams solve from the top, in turn; the feed names them newest first.
    state = host_api.get(f"/api/admin/lobbies/{code}").json()
    team_names = {t["id"]: t["name"] for t in state["teams"]}
    solvers = []
    for team in state["teams"][:3]:
        player = next(p for p in state["players"] if p["team_id"] == team["id"])
        solvers.append((team["name"], tokens[player["name"]], ladders[str(team["id"])]))
    for rung in (1, 2):
        for _team, token, ladder in solvers:
            guessed = host_api.post(
                "/api/me/guess",
                json={"rung": rung, "word": ladder["rungs"][rung]["word"]},
                headers={"Authorization": f"Bearer {token}"},
            )
            assert guessed.json()["result"] == "correct", guessed.text
    last_team = solvers[-1][0]
    feed = tv.page.locator(".solve-feed-item")
    expect(feed.first).to_have_text(re.compile(f"{re.escape(last_team)} solved rung 3$"))
    expect(feed).to_have_count(5)
    assert feed.nth(1).inner_text().endswith(f"{solvers[1][0]} solved rung 3")
    # No answer reaches the big screen.
    words = {r["word"] for ladder in ladders.values() for r in ladder["rungs"][1:-1]}
    shown = tv.page.locator("body").inner_text()
    assert not [w for w in words if re.search(rf"\b{re.escape(w)}\b", shown)]
    assert set(team_names.values()) <= set(re.findall(r"[A-Z][a-z]+ [A-Z][a-z]+", shown))

    # One screen, nothing under 32 px.
    assert smallest_text(tv.page) >= 32
    assert tv.page.evaluate("() => document.documentElement.scrollHeight") <= TV["height"]
    assert tv.page.evaluate("() => document.documentElement.scrollWidth") <= TV["width"]
    assert feed.first.evaluate("e => getComputedStyle(e).animationName") == "feed-in"
    tv.page.emulate_media(reduced_motion="reduce")
    assert feed.first.evaluate("e => getComputedStyle(e).animationName") == "none"
    tv.page.emulate_media(reduced_motion="no-preference")
    tv.page.wait_for_timeout(500)
    assert blocking_violations(tv.page) == []

    # Every team carries its own letter besides its colour.
    letters = tv.page.locator(".race-row .team-mark").all_inner_texts()
    assert sorted(letters) == list("ABCDEFGHIJ")
    photograph(tv, "tv-race-10-teams")

    # The dark high-contrast theme: still one screen, still readable, still no answers.
    tv.page.get_by_role("button", name="High contrast").click()
    expect(tv.page.get_by_role("button", name="High contrast")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert (
        tv.page.evaluate(
            "() => getComputedStyle(document.querySelector('.screen')).backgroundColor"
        )
        == "rgb(0, 0, 0)"
    )
    assert smallest_text(tv.page) >= 32
    assert tv.page.evaluate("() => document.documentElement.scrollHeight") <= TV["height"]
    assert blocking_violations(tv.page) == []
    photograph(tv, "tv-race-10-teams-contrast")
    # The choice is kept for the evening.
    tv.page.reload()
    expect(tv.page.locator(".screen.theme-contrast")).to_be_visible()
    assert browsers.problems() == []


def photograph(tv: Tab, screen: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    before = tv.page.viewport_size
    for label, size in SIZES.items():
        tv.page.set_viewport_size(size)
        tv.page.wait_for_timeout(100)
        tv.page.screenshot(path=str(SCREENSHOTS / f"{screen}-{label}.png"), full_page=True)
    if before:
        tv.page.set_viewport_size(before)
