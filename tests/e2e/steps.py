"""The steps people take in the web app, written once for every browser test."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from playwright.sync_api import Page, expect

from tests.support.server import ADMIN_PASSWORD

if TYPE_CHECKING:
    from tests.e2e.conftest import Browsers, Tab


def host_creates_lobby(page: Page) -> str:
    """Log in at /host, create a lobby, and return its code (the room opens)."""
    page.goto("/host")
    page.get_by_label("Host password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Your lobbies")).to_be_visible()
    page.get_by_role("button", name="Create lobby").click()
    page.wait_for_url(re.compile(r"/host/[A-Z0-9]{6}$"))
    code = page.url.rsplit("/", 1)[1]
    expect(page.get_by_role("heading", name=f"Lobby {code}")).to_be_visible()
    return code


def join_with_code(page: Page, code: str, name: str) -> None:
    page.goto("/")
    page.get_by_label("Lobby code").fill(code.lower())
    page.get_by_label("Your name").fill(name)
    page.get_by_role("button", name="Let’s play!").click()
    page.wait_for_url("**/play")
    expect(page.get_by_text(f"Playing as {name}")).to_be_visible()


def join_by_link(page: Page, url: str, name: str) -> None:
    page.goto(url)
    page.get_by_label("Your name").fill(name)
    page.get_by_role("button", name="Let’s play!").click()
    page.wait_for_url("**/play")
    expect(page.get_by_text(f"Playing as {name}")).to_be_visible()


def join_url_on_screen(screen: Page) -> str:
    """The join address as the big screen prints it (without the scheme)."""
    text = "".join(screen.locator(".join-url").first.inner_text().split())
    return text if text.startswith("http") else f"http://{text}"


def move_player(host: Page, player: str, team: str) -> None:
    host.get_by_label(f"Team for {player}").select_option(label=team)
    expect(host.get_by_label(f"Team for {player}")).to_have_value(
        re.compile(r"\d+"), timeout=10_000
    )


def team_names(host: Page) -> list[str]:
    """The team names in the host's select (besides "Waiting")."""
    select = host.locator("select[id^=move-]").first
    # The host's page redraws from the socket: wait until it shows the teams.
    expect(select.locator("option").nth(1)).to_be_attached()
    options = select.locator("option").all_inner_texts()
    return [o for o in options if not o.startswith("Waiting")]


def host_and_big_screen(browsers: Browsers) -> tuple[Tab, str, Tab]:
    """A host on a laptop makes a lobby and puts it on the TV: (host, code, tv)."""
    from tests.e2e.conftest import DESKTOP, TV

    host = browsers.open("host", DESKTOP, inject=True)
    code = host_creates_lobby(host.page)
    tv = browsers.open("tv", TV, inject=True)
    tv.page.goto(f"/screen/{code}")
    return host, code, tv
