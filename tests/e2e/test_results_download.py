"""In the browser: the host downloads the lobby's results from the host page."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import httpx
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, SMALL_PHONE, TV, Browsers
from tests.e2e.steps import host_creates_lobby


def play_a_round(host_api: httpx.Client, code: str) -> None:
    """Two players on two teams; one solves a rung, one guesses wrong; the host ends it."""
    tokens = []
    for name in ("Ada", "Bea"):
        joined = host_api.post(f"/api/lobbies/{code}/players", json={"name": name})
        assert joined.status_code == 201, joined.text
        tokens.append(joined.json()["token"])
    assert host_api.post(f"/api/admin/lobbies/{code}/teams", json={"count": 2}).status_code == 201
    started = host_api.post(f"/api/admin/lobbies/{code}/rounds", json={"force": True})
    assert started.status_code == 201, started.text
    me = host_api.get("/api/me", headers={"Authorization": f"Bearer {tokens[0]}"}).json()
    ladder = started.json()["ladders"][str(me["player"]["team_id"])]
    for token, word in ((tokens[0], ladder["rungs"][1]["word"]), (tokens[1], "wrongword")):
        guessed = host_api.post(
            "/api/me/guess",
            json={"rung": 1, "word": word},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert guessed.status_code == 200, guessed.text
    assert host_api.post(f"/api/admin/lobbies/{code}/rounds/current/end").status_code == 200


def test_the_host_downloads_results_as_csv_and_json(
    browsers: Browsers, host_api: httpx.Client
) -> None:
    host = browsers.open("host", DESKTOP)
    code = host_creates_lobby(host.page)
    play_a_round(host_api, code)
    page = host.page
    expect(page.locator(".lb-row")).to_have_count(2)
    downloads = page.get_by_role("region", name="Download results")
    expect(downloads).to_be_visible()
    host.shots("host-results-download")
    for label, size in (("small-phone", SMALL_PHONE), ("tv", TV)):
        page.set_viewport_size(size)
        page.evaluate("window.scrollTo(0, 0)")
        host.shot("host-results-download", label)
    page.set_viewport_size(DESKTOP)

    with page.expect_download() as started:
        downloads.get_by_role("button", name="Guess log (CSV)").click()
    download = started.value
    assert download.suggested_filename.startswith(f"raddle-{code}-guesses-")
    assert download.suggested_filename.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text("utf-8"))))
    assert sorted((r["player"], r["result"]) for r in rows) == [
        ("Ada", "correct"),
        ("Bea", "incorrect"),
    ]

    with page.expect_download() as started:
        downloads.get_by_role("button", name="Rounds (CSV)").click()
    rounds = list(csv.DictReader(io.StringIO(Path(started.value.path()).read_text("utf-8"))))
    assert [r["round"] for r in rounds] == ["1", "1"]
    expected = host_api.get(f"/api/admin/lobbies/{code}/results").json()
    assert [(r["team"], r["points"]) for r in rounds] == [
        (t["team"], str(t["points"])) for t in expected["rounds"][0]["teams"]
    ]

    with page.expect_download() as started:
        downloads.get_by_role("button", name="Everything (JSON)").click()
    assert started.value.suggested_filename.endswith(".json")
    everything = json.loads(Path(started.value.path()).read_text("utf-8"))
    assert everything["code"] == code
    assert everything["players"] == expected["players"]
    assert everything["guesses"] == expected["guesses"]
    assert browsers.problems() == []
