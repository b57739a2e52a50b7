"""Keyboard only: a host signs in and opens a lobby, a player joins and solves a rung,
with nothing but Tab, Enter and typing; and the landing page, the tutorial and the
host's dashboard have no serious or critical axe violations."""

from __future__ import annotations

import re

import httpx
from playwright.sync_api import Page, expect

from tests.e2e.accessibility import blocking_violations
from tests.e2e.conftest import DESKTOP, PHONE, Browsers
from tests.support.server import ADMIN_PASSWORD

# What the focused element is called: its label, else its accessible text.
FOCUSED_NAME = """() => {
    const e = document.activeElement;
    if (!e || e === document.body) return "";
    const label = e.labels && e.labels.length ? e.labels[0].innerText : null;
    return (label || e.getAttribute("aria-label") || e.innerText || "").trim();
}"""


def tab_to(page: Page, name: str | re.Pattern[str], limit: int = 40) -> None:
    """Press Tab until the focused element is called `name`; fail if it never is."""
    seen: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused: str = page.evaluate(FOCUSED_NAME)
        seen.append(focused)
        if name.search(focused) if isinstance(name, re.Pattern) else focused == name:
            return
    raise AssertionError(f"Tab never reached {name!r}; it went through {seen}")


def test_a_host_and_a_player_need_only_the_keyboard(
    browsers: Browsers, host_api: httpx.Client
) -> None:
    host = browsers.open("host", DESKTOP, inject=True)
    host.page.goto("/host")
    # The host's pages load on demand: wait for the form before moving through it.
    expect(host.page.get_by_label("Host password")).to_be_visible()
    tab_to(host.page, "Host password")
    host.page.keyboard.type(ADMIN_PASSWORD)
    host.page.keyboard.press("Enter")
    expect(host.page.get_by_role("heading", name="Your lobbies")).to_be_visible()
    assert blocking_violations(host.page) == []
    expect(host.page.get_by_role("button", name="Create lobby")).to_be_visible()
    tab_to(host.page, "Create lobby")
    host.page.keyboard.press("Enter")
    host.page.wait_for_url(re.compile(r"/host/[A-Z0-9]{6}$"))
    code = host.page.url.rsplit("/", 1)[1]
    expect(host.page.get_by_role("heading", name=f"Lobby {code}")).to_be_visible()
    assert blocking_violations(host.page) == []

    phone = browsers.open("ana", PHONE, inject=True)
    phone.page.goto("/")
    expect(phone.page.get_by_label("Lobby code")).to_be_visible()
    # The first Tab offers the way past the header.
    phone.page.keyboard.press("Tab")
    assert phone.page.evaluate(FOCUSED_NAME) == "Skip to content"
    assert blocking_violations(phone.page) == []
    tab_to(phone.page, "Lobby code")
    phone.page.keyboard.type(code.lower())
    tab_to(phone.page, "Your name")
    phone.page.keyboard.type("Ana")
    phone.page.keyboard.press("Enter")
    phone.page.wait_for_url("**/play")
    expect(phone.page.get_by_text("Playing as Ana")).to_be_visible()

    made = host_api.post(f"/api/admin/lobbies/{code}/teams", json={"count": 2})
    assert made.status_code == 201, made.text
    started = host_api.post(f"/api/admin/lobbies/{code}/rounds", json={"force": True})
    assert started.status_code == 201, started.text
    ladder = next(iter(started.json()["ladders"].values()))
    word = ladder["rungs"][1]["word"]
    guess = phone.page.get_by_label(re.compile(r"Your guess for rung 2, going down"))
    expect(guess).to_be_visible()
    tab_to(phone.page, re.compile(r"^Your guess for rung 2"))
    phone.page.keyboard.type(word.lower())
    phone.page.keyboard.press("Enter")
    expect(phone.page.locator(".rung-word", has_text=word).first).to_be_visible()
    # The next rung's box is where the keyboard carries on.
    expect(phone.page.get_by_label(re.compile(r"Your guess for rung 3"))).to_be_visible()

    # The tutorial has no serious or critical violations either.
    phone.page.goto("/tutorial")
    expect(phone.page.get_by_role("heading", level=1)).to_be_visible()
    assert blocking_violations(phone.page) == []
    assert browsers.problems() == []
