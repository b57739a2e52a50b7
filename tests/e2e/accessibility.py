"""axe-core run over a page in the browser: no serious or critical violations.

axe-core comes from the web app's npm packages (a dev dependency); its script is
injected into the page as it stands, so every screen can be checked where it is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page

AXE_SCRIPT = (
    Path(__file__).resolve().parents[2] / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
)
BLOCKING = {"serious", "critical"}


def blocking_violations(page: Page) -> list[str]:
    """Every serious or critical axe violation on the page, one line each."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    results: dict[str, Any] = page.evaluate(
        "() => window.axe.run(document, {resultTypes: ['violations']})"
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:3])
        for violation in results["violations"]
        if violation.get("impact") in BLOCKING
    ]
