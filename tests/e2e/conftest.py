"""Browser fixtures: Debian's Chromium driven by Playwright against a real server.

Playwright cannot download its own browsers here, so the system Chromium is used;
without it (or without a built web app) these tests skip and say why.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    ViewportSize,
    expect,
    sync_playwright,
)

from tests.support.server import ADMIN_PASSWORD, ServerProcess

ROOT = Path(__file__).resolve().parents[2]
STATIC_INDEX = ROOT / "src" / "raddle" / "static" / "index.html"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
# A busy two-core CI machine runs a server, four browsers and the test at once.
expect.set_options(timeout=15_000)

PHONE: ViewportSize = {"width": 390, "height": 844}
SMALL_PHONE: ViewportSize = {"width": 360, "height": 640}
DESKTOP: ViewportSize = {"width": 1440, "height": 900}
TV: ViewportSize = {"width": 1920, "height": 1080}
LAPTOP: ViewportSize = {"width": 1366, "height": 768}
# The sizes every changed screen is photographed at: two phones, a laptop and a TV.
SHOT_SIZES: dict[str, ViewportSize] = {
    "phone": PHONE,
    "small-phone": SMALL_PHONE,
    "laptop": LAPTOP,
    "tv": TV,
}
# Chromium reports every HTTP error answer to fetch() on the console; the app shows
# those answers to the user on purpose (a taken name is a 409), so they are not bugs.
_EXPECTED_CONSOLE = re.compile(
    r"Failed to load resource: the server responded with a status of 4\d\d"
)


@pytest.fixture(scope="session")
def backend() -> str:
    """One backend is enough here: the browser tests are about the web app, and the
    API and socket suites already run against every database."""
    return "sqlite"


@dataclass
class Tab:
    """One browser context (a separate person) with one page, and what it logged."""

    name: str
    context: BrowserContext
    page: Page
    problems: list[str] = field(default_factory=list)

    def shot(self, screen: str, size: str | None = None) -> None:
        """Save this page as test-artifacts/screenshots/<screen>-<size>.png."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        label = size or ("phone" if self.page.viewport_size == PHONE else "desktop")
        self.page.screenshot(path=str(SCREENSHOTS / f"{screen}-{label}.png"), full_page=True)

    def shots(self, screen: str, sizes: Mapping[str, ViewportSize] | None = None) -> None:
        """Save the page at each size (phone and desktop unless named), then go back to
        the size it had. A page already at a size is taken as it is."""
        before = self.page.viewport_size
        for label, size in (sizes or {"phone": PHONE, "desktop": DESKTOP}).items():
            if self.page.viewport_size != size:
                self.page.set_viewport_size(size)
                self.page.wait_for_timeout(150)  # the layout settles at its new size
            self.shot(screen, label)
        if before and self.page.viewport_size != before:
            self.page.set_viewport_size(before)


class Browsers:
    """Opens one context per person and checks none of them hit a script error."""

    def __init__(self, browser: Browser, base_url: str) -> None:
        self.browser = browser
        self.base_url = base_url
        self.tabs: list[Tab] = []

    def open(self, name: str, viewport: ViewportSize = PHONE, *, inject: bool = False) -> Tab:
        """`inject` lets the test add scripts of its own (axe) past the page's CSP."""
        context = self.browser.new_context(
            viewport=viewport, base_url=self.base_url, bypass_csp=inject
        )
        context.set_default_timeout(15_000)
        page = context.new_page()
        tab = Tab(name, context, page)

        def on_console(message: Any) -> None:
            if message.type == "error" and not _EXPECTED_CONSOLE.search(message.text):
                tab.problems.append(f"console error: {message.text}")

        page.on("console", on_console)
        page.on("pageerror", lambda error: tab.problems.append(f"page error: {error}"))
        self.tabs.append(tab)
        return tab

    def problems(self) -> list[str]:
        return [f"{tab.name}: {problem}" for tab in self.tabs for problem in tab.problems]

    def close(self) -> None:
        for tab in self.tabs:
            tab.context.close()


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("Chromium is not installed (Debian: apt-get install -y chromium)")
    if not STATIC_INDEX.is_file():
        pytest.skip("The web app is not built (./rt builds it; or npm run build in frontend/)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def browsers(chromium: Browser, server: ServerProcess) -> Iterator[Browsers]:
    opened = Browsers(chromium, server.url)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def host_api(server: ServerProcess) -> Iterator[httpx.Client]:
    """A host session of the test's own, for reading what the host view holds."""
    with httpx.Client(base_url=server.url, timeout=10.0) as http:
        response = http.post("/api/admin/session", json={"password": ADMIN_PASSWORD})
        assert response.status_code == 200, response.text
        http.headers["Authorization"] = f"Bearer {response.json()['token']}"
        yield http
