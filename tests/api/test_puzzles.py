"""Hosts write, check, import, export, hide and deal their own ladders over HTTP."""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from tests.support.api import assert_error, bearer
from tests.support.databases import database
from tests.support.game import make_game
from tests.support.server import ADMIN_PASSWORD, ServerProcess

URL = "/api/admin/puzzles"


def ladder(
    title: str, gown_clue: str = "Change the first letter of <> to get {}, a place"
) -> dict[str, Any]:
    """A host's ladder; its GOWN -> TOWN clue decides whether it lints clean."""
    return {
        "title": title,
        "author": "The Quiz Team",
        "note": "Written for the office party",
        "difficulty": "easy",
        "ladder": [
            {"word": "SNOW", "clue": "A <> {} is thrown in winter"},
            {"word": "BALL", "clue": "A <> {} is worn to a dance"},
            {"word": "GOWN", "clue": gown_clue},
            {"word": "TOWN", "clue": "The mayor works in the <> {}"},
            {"word": "HALL"},
        ],
    }


def unique(title: str) -> str:
    """Tests share one server per backend: every ladder gets a title of its own."""
    return f"{title} {secrets.token_hex(3)}"


def as_json(data: dict[str, Any]) -> dict[str, str]:
    return {"text": json.dumps(data), "format": "json"}


async def test_a_draft_is_validated_and_linted_as_the_host_types(
    client: httpx.AsyncClient, host: dict[str, str]
) -> None:
    unfair = ladder(unique("Winter Dance"), "Change the first letter of <> to get {}")
    checked = (await client.post(f"{URL}/check", json=as_json(unfair), headers=host)).json()
    assert checked["valid"] is True and checked["ready"] is False
    error = next(n for n in checked["lint"] if n["severity"] == "error")
    assert error["rung"] == 3 and error["kind"] == "competitor"
    assert "DOWN" in error["words"] and "DOWN" in error["message"]
    assert error["clue"] == "Change the first letter of <> to get {}"

    broken = ladder(unique("Broken"))
    broken["ladder"][1]["clue"] = "no marks here"
    checked = (await client.post(f"{URL}/check", json=as_json(broken), headers=host)).json()
    assert checked["valid"] is False and checked["ready"] is False
    assert {"rung": 2, "message": "clue: missing <> (where the upper word goes)"} in checked[
        "errors"
    ]

    fair = ladder(unique("Winter Dance"))
    checked = (await client.post(f"{URL}/check", json=as_json(fair), headers=host)).json()
    assert checked["ready"] is True
    assert all(n["severity"] == "warning" for n in checked["lint"])
    assert checked["puzzle"]["ladder"][2]["word"] == "GOWN"


async def test_only_a_valid_lint_clean_ladder_is_saved(
    client: httpx.AsyncClient, host: dict[str, str]
) -> None:
    unfair = ladder(unique("Dress Code"), "Change the first letter of <> to get {}")
    refused = await client.post(URL, json=as_json(unfair), headers=host)
    assert_error(refused, 422, "puzzle_lint_errors")
    assert "rung 3" in refused.json()["detail"] and "DOWN" in refused.json()["detail"]
    broken = ladder(unique("Dress Code"))
    del broken["difficulty"]
    assert_error(await client.post(URL, json=as_json(broken), headers=host), 422, "invalid_puzzle")
    assert_error(await client.post(URL, json=as_json(ladder("x"))), 401)


async def test_a_host_writes_edits_exports_and_deletes_a_ladder(
    client: httpx.AsyncClient, host: dict[str, str]
) -> None:
    title = unique("Office Party")
    made = await client.post(URL, json=as_json(ladder(title)), headers=host)
    assert made.status_code == 201, made.text
    info = made.json()
    slug = info["slug"]
    assert slug.startswith("office-party-")
    assert info == {
        "slug": slug,
        "title": title,
        "difficulty": "easy",
        "rungs": 5,
        "author": "The Quiz Team",
        "origin": "host",
        "hidden": False,
    }
    listed = (await client.get(URL, headers=host)).json()
    assert info in listed
    assert {p["origin"] for p in listed} >= {"pack", "host"}

    # The same title again gets a slug of its own.
    again = (await client.post(URL, json=as_json(ladder(title)), headers=host)).json()
    assert again["slug"] == f"{slug}-2"

    changed = ladder(title)
    changed["difficulty"] = "medium"
    changed["note"] = "Now medium"
    updated = await client.put(f"{URL}/{slug}", json=as_json(changed), headers=host)
    assert updated.status_code == 200, updated.text
    detail = (await client.get(f"{URL}/{slug}", headers=host)).json()
    assert detail["editable"] is True
    assert detail["info"]["difficulty"] == "medium"
    assert detail["puzzle"]["note"] == "Now medium"

    for fmt, load in (("yaml", yaml.safe_load), ("json", json.loads)):
        exported = await client.get(f"{URL}/{slug}/export", params={"format": fmt}, headers=host)
        assert exported.status_code == 200
        assert f'filename="{slug}.{fmt}"' in exported.headers["content-disposition"]
        assert load(exported.text) == changed

    assert (await client.delete(f"{URL}/{slug}", headers=host)).status_code == 204
    assert_error(await client.get(f"{URL}/{slug}", headers=host), 404, "puzzle_not_found")
    assert slug not in {p["slug"] for p in (await client.get(URL, headers=host)).json()}


async def test_bundled_ladders_are_exported_but_not_edited(
    client: httpx.AsyncClient, host: dict[str, str]
) -> None:
    bundled = next(p for p in (await client.get(URL, headers=host)).json() if p["origin"] == "pack")
    detail = (await client.get(f"{URL}/{bundled['slug']}", headers=host)).json()
    assert detail["editable"] is False
    body = as_json(ladder(unique("Copy")))
    assert_error(await client.put(f"{URL}/{bundled['slug']}", json=body, headers=host), 409)
    assert_error(await client.delete(f"{URL}/{bundled['slug']}", headers=host), 409)
    exported = await client.get(f"{URL}/{bundled['slug']}/export", headers=host)
    assert yaml.safe_load(exported.text)["title"] == bundled["title"]
    assert_error(await client.get(f"{URL}/tutorial", headers=host), 404)


async def test_an_uploaded_file_is_read_like_a_file_on_disk(
    client: httpx.AsyncClient, host: dict[str, str]
) -> None:
    text = yaml.safe_dump(ladder(unique("Imported")), sort_keys=False)
    imported = await client.post(
        f"{URL}/import",
        params={"name": "Our Party (final).yaml"},
        content=b"\xef\xbb\xbf" + text.encode(),
        headers=host,
    )
    assert imported.status_code == 200, imported.text
    assert imported.json()["valid"] is True
    assert imported.json()["puzzle"]["ladder"][0]["word"] == "SNOW"

    not_utf8 = await client.post(
        f"{URL}/import", params={"name": "party.yaml"}, content=b"title: caf\xe9\n", headers=host
    )
    [problem] = not_utf8.json()["errors"]
    assert problem["message"].startswith("not valid UTF-8: byte 0xe9 at line 1")

    huge = b"title: x\n" + b"# filler\n" * 33_000
    too_big = await client.post(
        f"{URL}/import", params={"name": "huge.yaml"}, content=huge, headers=host
    )
    assert too_big.status_code == 200
    assert too_big.json()["errors"][0]["message"].endswith("a puzzle file may be at most 256 KiB")

    norway = await client.post(
        f"{URL}/import",
        params={"name": "party.yml"},
        content=text.replace("difficulty: easy", "difficulty: NO").encode(),
        headers=host,
    )
    assert "YAML reads NO as false" in norway.json()["errors"][0]["message"]

    wrong_name = await client.post(
        f"{URL}/import", params={"name": "party.txt"}, content=text.encode(), headers=host
    )
    assert_error(wrong_name, 422, "bad_puzzle_file")


async def test_a_hidden_puzzle_is_never_dealt(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    made = (await client.post(URL, json=as_json(ladder(unique("Hide Me"))), headers=host)).json()
    hidden = await client.put(f"{URL}/{made['slug']}/hidden", json={"hidden": True}, headers=host)
    assert hidden.json()["hidden"] is True
    listed = {p["slug"]: p for p in (await client.get(URL, headers=host)).json()}
    assert listed[made["slug"]]["hidden"] is True

    game = await make_game(client, host, server.ws_url, teams=2, per_team=1)
    start = f"/api/admin/lobbies/{game.code}/rounds"
    refused = await client.post(start, json={"puzzle": made["slug"], "force": True}, headers=host)
    assert_error(refused, 409, "puzzle_hidden")

    # Hide every easy puzzle but one: every deal of easy ladders is that one.
    easy = [p for p in listed.values() if p["difficulty"] == "easy" and not p["hidden"]]
    keep, *others = easy
    for other in others:
        await client.put(f"{URL}/{other['slug']}/hidden", json={"hidden": True}, headers=host)
    try:
        round_ = await game.start(difficulty="easy", mode="same")
        dealt = {ladder["puzzle"]["slug"] for ladder in round_["ladders"].values()}
        assert dealt == {keep["slug"]}
    finally:
        for other in [*others, made]:
            await client.put(f"{URL}/{other['slug']}/hidden", json={"hidden": False}, headers=host)


async def test_a_hosts_ladder_is_dealt_played_and_credited_at_the_end(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    made = (await client.post(URL, json=as_json(ladder(unique("Night Out"))), headers=host)).json()
    game = await make_game(client, host, server.ws_url, teams=2, per_team=1)
    round_ = await game.start(puzzle=made["slug"])
    words = [rung["word"] for rung in next(iter(round_["ladders"].values()))["rungs"]]
    assert words == ["SNOW", "BALL", "GOWN", "TOWN", "HALL"]
    player = game.team(0)[0]
    for rung in (1, 2, 3):
        guessed = await client.post(
            "/api/me/guess", json={"rung": rung, "word": words[rung]}, headers=bearer(player.token)
        )
        assert guessed.status_code == 200, guessed.text
    ended = await client.post(f"/api/admin/lobbies/{game.code}/rounds/current/end", headers=host)
    teams = ended.json()["teams"]
    assert {t["author"] for t in teams} == {"The Quiz Team"}
    assert {t["note"] for t in teams} == {"Written for the office party"}
    assert teams[0]["finished"] is True


async def test_the_tutorial_is_never_dealt(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    game = await make_game(client, host, server.ws_url, teams=2, per_team=1)
    refused = await client.post(
        f"/api/admin/lobbies/{game.code}/rounds",
        json={"puzzle": "tutorial", "force": True},
        headers=host,
    )
    assert_error(refused, 404, "puzzle_not_found")
    assert_error(
        await client.put(f"{URL}/tutorial/hidden", json={"hidden": True}, headers=host), 404
    )


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
async def test_hosts_ladders_and_hidden_marks_survive_a_restart(kind: str, tmp_path: Path) -> None:
    with database(kind, tmp_path) as url:
        server = ServerProcess(url, tmp_path / "server.log").start()
        try:
            async with httpx.AsyncClient(base_url=server.url, timeout=20) as client:
                login = await client.post("/api/admin/session", json={"password": ADMIN_PASSWORD})
                host = bearer(login.json()["token"])
                made = await client.post(URL, json=as_json(ladder("Kept")), headers=host)
                assert made.status_code == 201, made.text
                bundled = next(p for p in (await client.get(URL, headers=host)).json())
                await client.put(
                    f"{URL}/{bundled['slug']}/hidden", json={"hidden": True}, headers=host
                )
                before = (await client.get(URL, headers=host)).json()
            server.kill()
            server.start()
            async with httpx.AsyncClient(base_url=server.url, timeout=20) as client:
                after = (await client.get(URL, headers=host)).json()
                detail = (await client.get(f"{URL}/kept", headers=host)).json()
            assert after == before
            assert detail["puzzle"]["title"] == "Kept"
            assert {p["slug"]: p["hidden"] for p in after}[bundled["slug"]] is True
        finally:
            server.stop()
