"""In the browser, after a round: a player shares the team's result, and the host starts
a new game with the same players and teams. One phone and the host's laptop; the round
is set up through the host's API and played on the phone."""

from __future__ import annotations

import re
from typing import Any

import httpx
from playwright.sync_api import expect

from tests.e2e.accessibility import blocking_violations
from tests.e2e.conftest import PHONE, SCREENSHOTS, SHOT_SIZES, Browsers, Tab
from tests.e2e.steps import host_and_big_screen, join_with_code

SIZES = SHOT_SIZES


def photograph(tab: Tab, screen: str, sizes: tuple[str, ...] = tuple(SIZES)) -> None:
    """The page at each size, as test-artifacts/screenshots/after-<screen>-<size>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    before = tab.page.viewport_size
    for label in sizes:
        size = SIZES[label]
        tab.page.set_viewport_size(size)
        tab.page.wait_for_timeout(100)
        tab.page.screenshot(path=str(SCREENSHOTS / f"after-{screen}-{label}.png"), full_page=True)
    if before:
        tab.page.set_viewport_size(before)


def shortest_puzzle(host_api: httpx.Client) -> dict[str, Any]:
    puzzles = host_api.get("/api/admin/puzzles").json()
    return dict(min(puzzles, key=lambda p: (p["rungs"], p["slug"])))


def play_one_round(host_api: httpx.Client, code: str, phone: Tab) -> list[str]:
    """Start a round; on the phone, solve the first hidden rung and reveal the second
    with a hint; the host ends the round. The ladder's words, top to bottom."""
    started = host_api.post(
        f"/api/admin/lobbies/{code}/rounds",
        json={"puzzle": shortest_puzzle(host_api)["slug"], "force": True},
    )
    assert started.status_code == 201, started.text
    ladder = next(iter(started.json()["ladders"].values()))
    words = [r["word"] for r in ladder["rungs"]]
    box = phone.page.get_by_label(re.compile(r"Your guess for rung \d+, going down"))
    box.fill(words[1].lower())
    box.press("Enter")
    expect(phone.page.locator(".rung-word", has_text=words[1]).first).to_be_visible()
    phone.page.get_by_role("button", name=re.compile("Reveal word")).click()
    phone.page.get_by_role("button", name="Take the hint").click()
    expect(phone.page.locator(".rung-word", has_text=words[2]).first).to_be_visible()
    ended = host_api.post(f"/api/admin/lobbies/{code}/rounds/current/end")
    assert ended.status_code == 200, ended.text
    expect(phone.page.get_by_role("heading", name="Share your result")).to_be_visible()
    return words


def test_a_player_shares_the_result_and_the_host_starts_a_new_game(
    browsers: Browsers, host_api: httpx.Client
) -> None:
    host, code, tv = host_and_big_screen(browsers)
    phone = browsers.open("ana", PHONE, inject=True)
    # Chromium on Linux has no share sheet; make sure of it, so the clipboard is used.
    phone.context.add_init_script("delete Navigator.prototype.share")
    phone.context.grant_permissions(["clipboard-read", "clipboard-write"])
    join_with_code(phone.page, code, "Ana")
    made = host_api.post(f"/api/admin/lobbies/{code}/teams", json={"count": 2})
    assert made.status_code in (200, 201), made.text
    words = play_one_round(host_api, code, phone)

    phone.page.get_by_role("button", name="Share result").click()
    expect(phone.page.get_by_role("status").filter(has_text="Copied")).to_be_visible()
    text: str = phone.page.evaluate("() => navigator.clipboard.readText()")
    hidden = len(words) - 2
    assert text.splitlines()[0] == "Raddle Teams · round 1"
    assert "🟩🟨" + "⬛" * (hidden - 2) in text
    assert f"1 solved · 1 by hint · {hidden - 2} revealed at the end" in text
    assert "Did not finish · 2/" in text
    # Nothing in it leads back to the lobby or names anyone.
    for secret in (code, "Ana", *words[1:-1]):
        assert secret.lower() not in text.lower(), secret
    assert blocking_violations(phone.page) == []
    photograph(phone, "player-share")
    expect(tv.page.get_by_role("heading", name="Round 1 is over")).to_be_visible()
    photograph(tv, "tv-results")
    # The big screen's dark high-contrast theme, from here on for the evening.
    tv.page.get_by_role("button", name="High contrast").click()
    assert blocking_violations(tv.page) == []
    photograph(tv, "tv-results-contrast", ("tv",))

    # The host starts a new game: same players and teams, the leaderboard at zero.
    team = next(
        t["name"]
        for t in host_api.get(f"/api/admin/lobbies/{code}").json()["teams"]
        if t["player_ids"]
    )
    expect(host.page.get_by_role("heading", name="Play again")).to_be_visible()
    assert blocking_violations(host.page) == []
    photograph(host, "host-play-again")
    host.page.get_by_role("button", name="New game, same players").click()
    host.page.get_by_role("group").get_by_role("button", name="New game").click()
    expect(phone.page.get_by_role("heading", name=team)).to_be_visible()
    expect(phone.page.get_by_role("heading", name="Leaderboard")).to_have_count(0)
    expect(host.page.locator(".leaderboard")).to_contain_text("No rounds played yet.")
    expect(host.page.get_by_role("heading", name="Play again")).to_have_count(0)
    expect(host.page.get_by_text("Game 2", exact=True)).to_be_visible()
    state = host_api.get(f"/api/admin/lobbies/{code}").json()
    assert state["lobby"]["phase"] == "lobby" and state["leaderboard"] == []
    photograph(host, "host-new-game", ("laptop",))
    # The big screen is back in the lobby with the board cleared; each team shows its letter.
    expect(tv.page.get_by_role("heading", name="Leaderboard")).to_have_count(0)
    expect(tv.page.locator(".screen-team .team-mark")).to_have_count(2)
    assert blocking_violations(tv.page) == []
    expect(tv.page.locator(".screen.theme-contrast")).to_be_visible()
    photograph(tv, "tv-lobby-new-game-contrast")
    photograph(phone, "player-lobby-new-game")
    # The new game's round is round 2; the first game's round stays on record.
    play_one_round(host_api, code, phone)
    board = host_api.get(f"/api/admin/lobbies/{code}/leaderboard").json()
    assert [row["rounds_played"] for row in board] == [1]
    expect(phone.page.locator(".leaderboard")).to_contain_text("1 played")
    assert browsers.problems() == []
