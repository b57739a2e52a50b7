"""In the browser, the party as it really goes: phones are open in the lobby before
the host makes teams, and every phone shows its team's ladder when the round
starts, with no reload; a latecomer dealt in rounds later gets theirs too."""

from __future__ import annotations

import re
from typing import Any

import httpx
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, Browsers, Tab
from tests.e2e.steps import host_creates_lobby, join_with_code


def start_round(host_api: httpx.Client, code: str, puzzle: dict[str, Any]) -> None:
    started = host_api.post(
        f"/api/admin/lobbies/{code}/rounds", json={"puzzle": puzzle["slug"], "force": True}
    )
    assert started.status_code == 201, started.text


def end_round(host_api: httpx.Client, code: str) -> None:
    ended = host_api.post(f"/api/admin/lobbies/{code}/rounds/current/end")
    assert ended.status_code == 200, ended.text


def shows_ladder(tab: Tab, puzzle: dict[str, Any]) -> None:
    expect(
        tab.page.get_by_role("heading", name=re.compile(re.escape(puzzle["title"])))
    ).to_be_visible()
    expect(tab.page.get_by_text("Waiting to be placed on a team")).to_have_count(0)


def test_phones_open_before_teams_show_their_ladders_and_so_does_a_latecomer(
    browsers: Browsers, host_api: httpx.Client
) -> None:
    host = browsers.open("host", DESKTOP)
    code = host_creates_lobby(host.page)
    phones = [browsers.open(name.lower()) for name in ("Ana", "Ben", "Cleo", "Dan")]
    for tab, name in zip(phones, ("Ana", "Ben", "Cleo", "Dan"), strict=True):
        join_with_code(tab.page, code, name)
        expect(tab.page.get_by_text("Waiting to be placed on a team")).to_be_visible()

    host.page.get_by_label("Number of teams").fill("2")
    host.page.get_by_role("button", name="Make teams").click()
    puzzles = host_api.get("/api/admin/puzzles").json()
    for number, puzzle in enumerate(puzzles[:2], start=1):
        start_round(host_api, code, puzzle)
        for tab in phones:
            shows_ladder(tab, puzzle)
        phones[0].shot(f"party-round-{number}")
        end_round(host_api, code)

    late = browsers.open("late")
    join_with_code(late.page, code, "Late Lu")  # arrives while round 2's results show
    host.page.get_by_role("button", name="Make teams & deal waiting players").click()
    third = puzzles[2]
    start_round(host_api, code, third)
    for tab in [*phones, late]:
        shows_ladder(tab, third)
    late.shot("party-latecomer-round-3")
    assert browsers.problems() == []
