"""In the browser: a host opens a lobby, players join, teams form, the big screen follows."""

from __future__ import annotations

import re

import httpx
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, TV, Browsers
from tests.e2e.steps import (
    host_creates_lobby,
    join_by_link,
    join_url_on_screen,
    join_with_code,
    move_player,
    team_names,
)
from tests.support.server import ServerProcess


def test_players_join_teams_form_and_the_big_screen_follows(
    browsers: Browsers, server: ServerProcess
) -> None:
    host = browsers.open("host", DESKTOP)
    code = host_creates_lobby(host.page)

    screen = browsers.open("screen", TV)
    screen.page.goto(f"/screen/{code.lower()}")
    expect(screen.page.locator(".screen-code")).to_have_text(code)
    expect(screen.page.get_by_text("Waiting for players…")).to_be_visible()
    url = join_url_on_screen(screen.page)
    assert url == f"{server.url}/join/{code}"
    expect(screen.page.get_by_role("img", name=f"QR code for {url}")).to_be_visible()

    ana = browsers.open("ana")
    join_by_link(ana.page, url, "Ana")
    expect(ana.page.get_by_text("Waiting to be placed on a team")).to_be_visible()
    ana.shot("player-waiting")
    for name in ("Ben", "Cleo", "Dan"):
        join_with_code(browsers.open(name.lower()).page, code, name)
    expect(screen.page.get_by_text("4 players in!")).to_be_visible()
    for name in ("Ana", "Ben", "Cleo", "Dan"):
        expect(screen.page.locator(".chip", has_text=name)).to_be_visible()

    # Refusals come back in plain words.
    stranger = browsers.open("stranger")
    stranger.page.goto("/")
    stranger.page.get_by_label("Lobby code").fill(code)
    stranger.page.get_by_label("Your name").fill("ana")
    stranger.page.get_by_role("button", name="Let’s play!").click()
    expect(stranger.page.get_by_role("alert")).to_contain_text("already called “ana”")
    stranger.page.get_by_label("Lobby code").fill("ZZZ999")
    stranger.page.get_by_role("button", name="Let’s play!").click()
    expect(stranger.page.get_by_role("alert")).to_contain_text("no lobby with the code ZZZ999")
    stranger.page.get_by_label("Lobby code").fill(code)
    stranger.page.get_by_label("Your name").fill("Zed\u200b")  # an invisible character: 422
    stranger.page.get_by_role("button", name="Let’s play!").click()
    expect(stranger.page.get_by_role("alert")).to_contain_text("That name will not work")

    # Teams: make two, rename one, add and remove a third, move people about.
    host.page.get_by_label("Number of teams").fill("2")
    host.page.get_by_role("button", name="Make teams").click()
    expect(screen.page.locator(".screen-team")).to_have_count(2)
    expect(ana.page.get_by_text("Your team", exact=True)).to_be_visible()
    first, second = team_names(host.page)
    host.page.get_by_role("button", name=f"Rename {first}").click()
    host.page.get_by_label(f"New name for {first}").fill("Word Nerds")
    host.page.get_by_role("button", name="Save").click()
    expect(screen.page.get_by_role("heading", name="Word Nerds")).to_be_visible()
    host.page.get_by_placeholder("New team name").fill("Spare Team")
    host.page.get_by_role("button", name="Add team").click()
    expect(screen.page.locator(".screen-team")).to_have_count(3)
    host.page.get_by_role("button", name="Remove Spare Team").click()
    host.page.get_by_role("button", name="Remove", exact=True).click()
    expect(screen.page.locator(".screen-team")).to_have_count(2)
    for player, team in (("Ana", "Word Nerds"), ("Ben", "Word Nerds"), ("Cleo", second)):
        move_player(host.page, player, team)
    expect(ana.page.get_by_role("heading", name="Word Nerds")).to_be_visible()
    expect(ana.page.locator(".person", has_text="Ben")).to_be_visible()

    # Ready, presence and kicking all show up live.
    ana.page.get_by_role("button", name="I’m ready!").click()
    expect(ana.page.get_by_role("button", name="✓ I’m ready")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(host.page.locator(".player-row", has_text="Ana").locator(".tag-ready")).to_be_visible()
    ana.page.reload()
    expect(ana.page.get_by_text("Playing as Ana")).to_be_visible()
    expect(ana.page.get_by_role("button", name="✓ I’m ready")).to_be_visible()
    dan = next(tab for tab in browsers.tabs if tab.name == "dan")
    host.page.get_by_role("button", name="Kick Dan").click()
    host.page.get_by_role("button", name="Kick", exact=True).click()
    expect(dan.page.get_by_text("You were removed")).to_be_visible()
    expect(screen.page.get_by_text("3 players in!")).to_be_visible()
    ben = next(tab for tab in browsers.tabs if tab.name == "ben")
    ben.context.close()
    browsers.tabs.remove(ben)
    expect(
        host.page.locator(".player-row", has_text="Ben").get_by_role("img", name="offline")
    ).to_be_visible()

    host.shots("host-lobby")
    screen.shot("screen-lobby", "tv")
    ana.shots("player-lobby")
    assert browsers.problems() == []


def test_a_player_can_rejoin_and_leave(browsers: Browsers) -> None:
    host = browsers.open("host", DESKTOP)
    code = host_creates_lobby(host.page)
    eve = browsers.open("eve")
    join_with_code(eve.page, code, "Eve")
    eve.page.goto("/")
    expect(eve.page.get_by_role("button", name="Rejoin as Eve")).to_be_visible()
    eve.shots("landing")
    eve.page.get_by_role("button", name="Rejoin as Eve").click()
    eve.page.wait_for_url("**/play")
    eve.page.get_by_role("button", name="Leave lobby").click()
    eve.page.get_by_role("button", name="Leave", exact=True).click()
    eve.page.wait_for_url(re.compile(r"/$"))
    expect(eve.page.get_by_role("button", name=re.compile("Rejoin"))).to_have_count(0)
    expect(host.page.locator(".player-row", has_text="Eve")).to_have_count(0)

    # Deleting the lobby sends everyone home.
    finn = browsers.open("finn")
    join_with_code(finn.page, code, "Finn")
    host.page.get_by_role("button", name="Delete lobby").click()
    host.page.get_by_role("button", name="Delete", exact=True).click()
    expect(host.page.get_by_role("heading", name="Your lobbies")).to_be_visible()
    expect(finn.page.get_by_role("heading", name="The lobby is closed")).to_be_visible()
    expect(host.page.locator(".lobby-item", has_text=code)).to_have_count(0)
    host.page.get_by_role("button", name="Create lobby").click()
    host.page.wait_for_url(re.compile(r"/host/[A-Z0-9]{6}$"))
    host.page.get_by_role("link", name="All lobbies").click()
    expect(host.page.locator(".lobby-item")).not_to_have_count(0)
    host.shots("host-dashboard")
    newcomer = browsers.open("newcomer")
    newcomer.page.goto("/host")
    expect(newcomer.page.get_by_label("Host password")).to_be_visible()
    newcomer.shots("host-login")
    newcomer.page.get_by_label("Host password").fill("not the password")
    newcomer.page.get_by_role("button", name="Sign in").click()
    expect(newcomer.page.get_by_role("alert")).to_contain_text("not right")
    assert browsers.problems() == []


def test_the_tutorial_teaches_alone(browsers: Browsers, server: ServerProcess) -> None:
    answers: list[str]
    response = httpx.get(f"{server.url}/api/tutorial", timeout=10)
    learner = browsers.open("learner")
    learner.page.goto("/tutorial")
    expect(learner.page.get_by_role("heading", name="Welcome to word ladders!")).to_be_visible()
    words = learner.page.locator(".rung-word").all_inner_texts()
    if response.status_code == 200:
        body = response.json()
        body = body.get("puzzle", body)
        rungs = body.get("ladder") or body.get("rungs")
        answers = [r["word"] if isinstance(r, dict) else r for r in rungs]
    else:
        answers = ["SNOW", "MAN", "MANGO", "TREE", "HOUSE"]  # the app's own fallback
    # The visible word is the last line; before it is "Rung n:" for screen readers.
    assert [w.split("\n")[-1].strip() for w in words] == [answers[0], answers[-1]]
    learner.shots("tutorial")

    page = learner.page
    page.get_by_label(re.compile("Your guess for rung 2")).fill("zz" + "z" * (len(answers[1]) - 2))
    expect(page.get_by_text("Not quite: try again!")).to_be_visible()
    page.get_by_label(re.compile("Your guess for rung 2")).fill(answers[1].lower())
    expect(page.locator(".rung-word", has_text=answers[1])).to_be_visible()
    page.get_by_role("radio", name=re.compile("^Up")).check()
    expect(page.get_by_role("heading", name="Keep climbing")).to_be_visible()
    # Going up, the last clue puts the bottom word first ("CUP___ is a small sponge").
    last = len(answers) - 2
    page.get_by_label(re.compile(f"Your guess for rung {last + 1}, going up")).fill(answers[last])
    expect(page.locator(".rung-word", has_text=answers[last])).to_be_visible()
    # One rung left: the coach points out the anagram and offers the clue hint.
    expect(page.get_by_role("heading", name="One rung left")).to_be_visible()
    expect(page.get_by_text("anagram")).to_be_visible()
    learner.shots("tutorial-last-rung")
    page.get_by_role("button", name=re.compile("Which clue")).click()
    page.get_by_role("button", name="Take the hint").click()
    expect(page.locator(".clue-hinted")).to_be_visible()
    expect(page.get_by_role("heading", name="That's the clue")).to_be_visible()
    page.get_by_label(re.compile("Your guess for rung 3")).fill(answers[2])
    expect(
        page.get_by_role("heading", name=re.compile("You climbed the whole ladder"))
    ).to_be_visible()
    learner.shots("tutorial-finished")
    assert browsers.problems() == []
