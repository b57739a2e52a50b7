"""In the browser: a host writes a ladder, fixes what the linter finds, deals it, and a
player climbs it; the results credit its author."""

from __future__ import annotations

import re
import secrets

import httpx
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, Browsers
from tests.e2e.steps import host_creates_lobby, join_with_code, move_player, team_names

WORDS = ["SNOW", "BALL", "GOWN", "TOWN", "HALL"]
CLUES = [
    "A <> {} is thrown in winter",
    "A <> {} is worn to a dance",
    "Change the first letter of <> to get {}",
    "The mayor works in the <> {}",
]


def test_a_host_writes_a_fair_ladder_deals_it_and_it_is_played(
    browsers: Browsers, host_api: httpx.Client
) -> None:
    host = browsers.open("host", DESKTOP)
    code = host_creates_lobby(host.page)
    page = host.page
    page.goto("/host")
    page.get_by_role("link", name=re.compile("Puzzles")).click()
    expect(page.get_by_role("heading", name="Puzzles", exact=True)).to_be_visible()
    page.get_by_role("link", name="Write or import a ladder").click()

    title = f"Office Night {secrets.token_hex(2)}"
    page.get_by_label("Title").fill(title)
    page.get_by_label("Author (optional)").fill("The Quiz Team")
    page.get_by_label("Note shown when the round ends (optional)").fill("Written for the party")
    for index, word in enumerate(WORDS):
        page.get_by_label(f"Word {index + 1}", exact=True).fill(word.lower())
    for index, clue in enumerate(CLUES):
        page.get_by_label(f"Clue from word {index + 1} to word {index + 2}").fill(clue)

    # "Change the first letter of GOWN" also gives DOWN: the linter says so, and the
    # ladder cannot be saved until the clue says which word it means.
    save = page.get_by_role("button", name="Save ladder")
    expect(page.locator(".lint-error")).to_contain_text("DOWN", timeout=30_000)
    expect(page.locator(".lint-error")).to_contain_text("Rung 3")
    expect(save).to_be_disabled()
    host.shots("puzzle-editor-lint")
    page.get_by_label("Clue from word 3 to word 4").fill(
        "Change the first letter of <> to get {}, where a mayor works"
    )
    expect(page.locator(".lint-error")).to_have_count(0, timeout=30_000)
    expect(save).to_be_enabled(timeout=30_000)
    host.shots("puzzle-editor-fixed")
    save.click()
    page.wait_for_url(re.compile(r"/host/puzzles$"))
    mine = page.get_by_role("list", name="Your ladders")
    expect(mine).to_contain_text(title)
    host.shots("puzzle-list")

    # Deal it to the one team that has a player.
    slug = next(p["slug"] for p in host_api.get("/api/admin/puzzles").json() if p["title"] == title)
    ana = browsers.open("ana")
    join_with_code(ana.page, code, "Ana")
    page.goto(f"/host/{code}")
    page.get_by_label("Number of teams").fill("2")
    page.get_by_role("button", name="Make teams").click()
    expect(page.locator("select[id^=move-]").first).to_be_visible()
    team = team_names(page)[0]
    move_player(page, "Ana", team)
    expect(ana.page.get_by_role("heading", name=team)).to_be_visible()
    page.get_by_label("Puzzle", exact=True).select_option(value=slug)
    page.get_by_role("button", name="Start round").click()
    page.get_by_role("button", name="Start anyway").click()
    expect(ana.page.get_by_role("heading", name=re.compile(title))).to_be_visible()

    for rung in (1, 2, 3):
        ana.page.get_by_label(re.compile(f"Your guess for rung {rung + 1}, going down")).fill(
            WORDS[rung].lower()
        )
        if rung < 3:  # the last one ends the round at once
            expect(ana.page.locator(".rung-word", has_text=WORDS[rung])).to_be_visible()

    # Every team with players finished: the round ends and credits the ladder's author.
    expect(ana.page.get_by_role("heading", name=re.compile("Round 1 results"))).to_be_visible()
    credits = ana.page.get_by_role("list", name="About the puzzles")
    expect(credits).to_contain_text("by The Quiz Team")
    expect(credits).to_contain_text("Written for the party")
    expect(page.get_by_role("list", name="About the puzzles")).to_contain_text("The Quiz Team")
    ana.shots("results-credits")
    assert browsers.problems() == []
