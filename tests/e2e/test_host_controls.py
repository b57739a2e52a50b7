"""In the browser: the host locks the lobby, bans a troll and hides the code on the big screen."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import DESKTOP, TV, Browsers
from tests.e2e.steps import host_creates_lobby, join_with_code


def try_to_join(page: Page, code: str, name: str) -> None:
    page.goto("/")
    page.get_by_label("Lobby code").fill(code)
    page.get_by_label("Your name").fill(name)
    page.get_by_role("button", name="Let’s play!").click()


def flip(page: Page, label: str, *, on: bool) -> None:
    box = page.get_by_label(label)
    box.click()
    if on:
        expect(box).to_be_checked()
    else:
        expect(box).not_to_be_checked()


def test_a_host_keeps_intruders_out(browsers: Browsers) -> None:
    host = browsers.open("host", DESKTOP)
    code = host_creates_lobby(host.page)
    screen = browsers.open("screen", TV)
    screen.page.goto(f"/screen/{code}")
    expect(screen.page.locator(".screen-code")).to_have_text(code)

    # Hide the code for a streamed game: the big screen drops code, link and QR code.
    # The boxes show the lobby's state as the server confirms it, so they are clicked
    # and then seen to be checked.
    flip(host.page, "Hide the code on the big screen", on=True)
    expect(screen.page.get_by_text("The join code is hidden")).to_be_visible()
    expect(screen.page.locator(".screen-code")).to_have_count(0)
    expect(screen.page.locator(".qr")).to_have_count(0)
    screen.shot("screen-code-hidden", "tv")

    # Lock the lobby: nobody new gets in.
    join_with_code(browsers.open("ana").page, code, "Ana")
    flip(host.page, "Lock the lobby", on=True)
    late = browsers.open("late")
    try_to_join(late.page, code, "Latecomer")
    expect(late.page.get_by_role("alert")).to_contain_text("locked")
    host.shots("host-lobby-locked")
    flip(host.page, "Lock the lobby", on=False)

    # Ban a troll: removed at once, and not back under the same name.
    troll = browsers.open("troll")
    join_with_code(troll.page, code, "Troll")
    host.page.get_by_role("button", name="Ban Troll").click()
    host.page.get_by_role("button", name="Ban", exact=True).click()
    expect(troll.page.get_by_text("You were removed")).to_be_visible()
    expect(host.page.locator(".player-name", has_text="Troll")).to_have_count(0)
    again = browsers.open("troll-again")
    try_to_join(again.page, code, "TR0LL")
    expect(again.page.get_by_role("alert")).to_contain_text("removed you")
    # Everyone else still joins (here they share the troll's address, so only the
    # name is barred).
    join_with_code(browsers.open("bea").page, code, "Bea")

    # The switches survive a reload of the host's page.
    host.page.reload()
    expect(host.page.get_by_label("Hide the code on the big screen")).to_be_checked()
    expect(host.page.get_by_label("Lock the lobby")).not_to_be_checked()
    assert browsers.problems() == []
