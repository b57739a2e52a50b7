"""Schemathesis against the live /openapi.json: no request is a 5xx, every answer is documented.

Each operation is fuzzed on its own, positive and negative data, with a fresh game behind it
(a host, a lobby, players on two teams, a running round), so the cases reach the real code
paths and not just 401s and 404s: half of them name that game's lobby, team and player in
their path, and they carry a host token (`/api/admin/*`) or a player token (`/api/me*`).

The campaign runs once per backend; the tests below each judge one rule over its outcomes,
and the bugs it once found each keep a deterministic test of their own.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from hypothesis.reporting import with_reporter
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.core.result import Err
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.support.server import ADMIN_PASSWORD, ServerProcess

MAX_EXAMPLES = 25
# Wiping the data or moving the clock on days would spoil the other tests' lobbies.
EXCLUDED = {("DELETE", "/api/testing/reset"), ("POST", "/api/testing/clock")}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
TIMEOUT = 15.0
#: A host's own ladder, fair enough to be saved; each game gets one to fuzz.
HOST_LADDER: dict[str, Any] = {
    "title": "Fuzz Ladder",
    "difficulty": "easy",
    "ladder": [
        {"word": "SNOW", "clue": "A <> {} is thrown in winter"},
        {"word": "BALL", "clue": "A <> {} is worn to a dance"},
        {"word": "GOWN", "clue": "Change the first letter of <> to get {}, where a mayor works"},
        {"word": "TOWN", "clue": "The mayor works in the <> {}"},
        {"word": "HALL"},
    ],
}


# -- a fresh game for each operation -------------------------------------------------------


@dataclass(frozen=True)
class Game:
    host_token: str
    player_token: str
    code: str
    team_id: int
    player_id: int
    last_rung: int
    puzzle_slug: str

    def path_parameters(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "team_id": self.team_id,
            "player_id": self.player_id,
            "number": 1,
            "slug": self.puzzle_slug,
            "table": "guesses",
        }

    def token_for(self, path: str) -> str:
        return self.player_token if path.startswith("/api/me") else self.host_token


def new_game(http: httpx.Client) -> Game:
    """A lobby with three players on two teams and a round running."""
    login = http.post("/api/admin/session", json={"password": ADMIN_PASSWORD})
    assert login.status_code == 200, login.text
    host = {"Authorization": f"Bearer {login.json()['token']}"}
    lobby = http.post("/api/admin/lobbies", json={}, headers=host)
    assert lobby.status_code == 201, lobby.text
    code = lobby.json()["code"]
    joined = []
    for name in ("Ana", "Bo", "Cy"):
        answer = http.post(f"/api/lobbies/{code}/players", json={"name": name})
        assert answer.status_code == 201, answer.text
        joined.append(answer.json())
    teams = http.post(f"/api/admin/lobbies/{code}/teams", json={"count": 2}, headers=host)
    assert teams.status_code == 201, teams.text
    started = http.post(f"/api/admin/lobbies/{code}/rounds", json={"force": True}, headers=host)
    assert started.status_code == 201, started.text
    ladders = started.json()["ladders"]
    # The host's own ladder is the one whose slug the puzzle operations fuzz, so hiding
    # or deleting it touches nothing other tests deal.
    puzzle = http.post(
        "/api/admin/puzzles",
        json={"text": json.dumps(HOST_LADDER), "format": "json"},
        headers=host,
    )
    assert puzzle.status_code == 201, puzzle.text
    return Game(
        host_token=login.json()["token"],
        player_token=joined[0]["token"],
        code=code,
        team_id=teams.json()[0]["id"],
        player_id=joined[1]["player"]["id"],
        last_rung=max(len(ladder["rungs"]) - 1 for ladder in ladders.values()),
        puzzle_slug=puzzle.json()["slug"],
    )


# -- what one case did -----------------------------------------------------------------


@dataclass
class Outcome:
    operation: str
    mode: str
    status: int
    content_type: str
    body: bytes
    failures: list[Failure]
    curl: str
    game: Game
    sent: Any = None

    def json_body(self) -> Any:
        try:
            return json.loads(self.body)
        except ValueError:
            return None

    def describe(self) -> str:
        found = "; ".join(f"{f.title}: {str(f.message).strip()[:300]}" for f in self.failures)
        return f"{self.operation} [{self.mode}] -> {self.status}: {found}\n    {self.curl[:600]}"


@dataclass
class Campaign:
    backend: str
    outcomes: list[Outcome] = field(default_factory=list)
    operations: int = 0
    seconds: float = 0.0

    def failing(self, *checks: str) -> list[Outcome]:
        """Outcomes that failed one of `checks` (failure class names)."""
        return [
            outcome
            for outcome in self.outcomes
            if any(type(f).__name__ in checks for f in outcome.failures)
        ]


def _operations(schema: schemathesis.BaseSchema) -> Iterator[Any]:
    for result in schema.get_all_operations():
        if isinstance(result, Err):
            raise result.err()
        operation = result.ok()
        if (operation.method.upper(), operation.path) not in EXCLUDED:
            yield operation


def _path_names(path: str) -> list[str]:
    return re.findall(r"{(\w+)}", path)


def _fuzz_operation(
    campaign: Campaign, operation: Any, mode: GenerationMode, base_url: str, http: httpx.Client
) -> None:
    game = new_game(http)
    headers = {"Authorization": f"Bearer {game.token_for(operation.path)}"}
    strategy = operation.as_strategy(generation_mode=mode, headers=headers)
    names = _path_names(operation.path)
    if names:
        known = game.path_parameters()
        fixed = {name: known[name] for name in names}
        strategy = st.one_of(
            strategy,
            operation.as_strategy(generation_mode=mode, headers=headers, path_parameters=fixed),
        )
    label = f"{operation.method.upper()} {operation.path}"

    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case: Any) -> None:
        response = case.call(base_url=base_url, timeout=TIMEOUT)
        failures: list[Failure] = []
        try:
            case.validate_response(response, checks=CHECKS)
        except FailureGroup as group:
            failures = list(group.exceptions)
        campaign.outcomes.append(
            Outcome(
                operation=label,
                mode=mode.value,
                status=response.status_code,
                content_type=response.headers.get("content-type", [""])[0],
                body=response.content or b"",
                failures=failures,
                curl=case.as_curl_command(),
                game=game,
                sent=case.body if isinstance(case.body, dict | list | str) else None,
            )
        )

    try:
        with with_reporter(lambda _: None):  # no "reproduce with @seed" lines for Unsatisfiable
            run()
    except Unsatisfiable:
        # Nothing to negate (no parameters, or only free-form strings): positive covers it.
        assert mode is GenerationMode.NEGATIVE, label


def run_campaign(server: ServerProcess, backend: str) -> Campaign:
    started = time.monotonic()
    config = schemathesis.Config()
    schema = schemathesis.openapi.from_url(f"{server.url}/openapi.json", config=config)
    campaign = Campaign(backend)
    with httpx.Client(base_url=server.url, timeout=TIMEOUT) as http:
        login = http.post("/api/admin/session", json={"password": ADMIN_PASSWORD})
        janitor = {"Authorization": f"Bearer {login.json()['token']}"}
        for operation in _operations(schema):
            campaign.operations += 1
            for mode in MODES:
                done = len(campaign.outcomes)
                _fuzz_operation(campaign, operation, mode, server.url, http)
                _tidy_up(http, janitor, campaign.outcomes[done:])
    campaign.seconds = time.monotonic() - started
    statuses = Counter(outcome.status for outcome in campaign.outcomes)
    print(
        f"\nschemathesis [{backend}]: {len(campaign.outcomes)} cases over "
        f"{campaign.operations} operations in {campaign.seconds:.1f} s; "
        f"statuses {dict(sorted(statuses.items()))}"
    )
    return campaign


def _tidy_up(http: httpx.Client, janitor: dict[str, str], outcomes: list[Outcome]) -> None:
    """Delete the lobbies a run made, so the shared server stays under its lobby cap."""
    codes = {o.game.code for o in outcomes}
    slugs = {o.game.puzzle_slug for o in outcomes}
    for outcome in outcomes:
        body = outcome.json_body()
        if outcome.operation == "POST /api/admin/lobbies" and outcome.status == 201:
            codes.add(body["code"])
        if outcome.operation == "POST /api/admin/puzzles" and outcome.status == 201:
            slugs.add(body["slug"])
    for code in codes:
        gone = http.delete(f"/api/admin/lobbies/{code}", headers=janitor)
        assert gone.status_code in (204, 404), gone.text
    for slug in slugs:
        gone = http.delete(f"/api/admin/puzzles/{slug}", headers=janitor)
        assert gone.status_code in (204, 404), gone.text


@pytest.fixture(scope="module")
def campaign(server: ServerProcess, backend: str) -> Campaign:
    return run_campaign(server, backend)


# -- regressions: bugs the campaign once found, each pinned by its own test below ------------


def report(outcomes: list[Outcome]) -> str:
    seen: dict[tuple[str, int], Outcome] = {}
    for outcome in outcomes:
        seen.setdefault((outcome.operation, outcome.status), outcome)
    return f"{len(outcomes)} failing cases; one per operation and status:\n" + "\n".join(
        outcome.describe() for outcome in seen.values()
    )


# -- the rules, judged over the whole campaign -------------------------------------------


def test_the_campaign_covers_every_operation_with_real_answers(campaign: Campaign) -> None:
    assert campaign.operations >= 25
    assert len(campaign.outcomes) >= campaign.operations * MAX_EXAMPLES // 2
    successes = {o.operation for o in campaign.outcomes if 200 <= o.status < 300}
    # The fixed lobby, team and player make most operations succeed at least once.
    assert len(successes) >= campaign.operations * 2 // 3, sorted(successes)


def test_no_request_is_answered_with_a_server_error(campaign: Campaign) -> None:
    failing = [
        o
        for o in campaign.outcomes
        if (o.status >= 500 or any(type(f).__name__ == "ServerError" for f in o.failures))
    ]
    assert not failing, report(failing)


def test_every_status_code_is_documented(campaign: Campaign) -> None:
    failing = campaign.failing("UndefinedStatusCode")
    assert not failing, report(failing)


# The one download documented as CSV; every other answer, and every error, is JSON.
CSV_DOWNLOADS = {"GET /api/admin/lobbies/{code}/results/{table}.csv"}
#: A puzzle file to download, in YAML or JSON as asked.
PUZZLE_DOWNLOADS = {"GET /api/admin/puzzles/{slug}/export"}


def _media_type(outcome: Outcome) -> str:
    if outcome.status == 200 and outcome.operation in CSV_DOWNLOADS:
        return "text/csv"
    if outcome.status == 200 and outcome.operation in PUZZLE_DOWNLOADS:
        return "application/"
    return "application/json"


def test_every_answer_has_the_documented_json_content_type(campaign: Campaign) -> None:
    failing = campaign.failing("UndefinedContentType", "MalformedMediaType")
    failing += [
        o
        for o in campaign.outcomes
        if o.body and not o.content_type.startswith(_media_type(o)) and o not in failing
    ]
    assert not failing, report(failing)


def test_every_answer_matches_its_response_schema(campaign: Campaign) -> None:
    failing = campaign.failing("JsonSchemaError", "MalformedJson")
    assert not failing, report(failing)


def test_every_error_is_detail_and_code(campaign: Campaign) -> None:
    failing = []
    for outcome in campaign.outcomes:
        body = outcome.json_body()
        well_formed = (
            isinstance(body, dict)
            and set(body) == {"detail", "code"}
            and all(isinstance(body[k], str) and body[k] for k in body)
        )
        if outcome.status >= 400 and not well_formed:
            failing.append(outcome)
    assert not failing, report(failing)


def test_the_server_is_healthy_after_the_campaign(
    campaign: Campaign, server: ServerProcess
) -> None:
    assert server.process is not None and server.process.poll() is None
    assert httpx.get(f"{server.url}/api/health", timeout=5).status_code == 200


# -- bugs the campaign found once, one deterministic test each ------------------------------


def game_on(server: ServerProcess) -> Game:
    with httpx.Client(base_url=server.url, timeout=TIMEOUT) as http:
        return new_game(http)


def _operation(server: ServerProcess, method: str, path: str) -> Any:
    schema = schemathesis.openapi.from_url(
        f"{server.url}/openapi.json", config=schemathesis.Config()
    )
    return schema[path][method]


def _validate(operation: Any, response: httpx.Response, **case: Any) -> None:
    """Raise schemathesis's failures when `response` breaks the documented contract."""
    operation.Case(**case).validate_response(
        response, checks=[status_code_conformance, response_schema_conformance]
    )


def test_guessing_a_given_end_word_is_not_a_server_error(server: ServerProcess) -> None:
    game = game_on(server)
    player = {"Authorization": f"Bearer {game.player_token}"}
    for rung in (0, game.last_rung):
        # A connection each: after a 500 the server drops the one it answered on.
        response = httpx.post(
            f"{server.url}/api/me/guess", json={"rung": rung, "word": "tea"}, headers=player
        )
        assert response.status_code < 500, (rung, response.status_code, response.text)


def test_a_guess_with_a_nul_character_is_not_a_server_error(server: ServerProcess) -> None:
    game = game_on(server)
    player = {"Authorization": f"Bearer {game.player_token}"}
    response = httpx.post(
        f"{server.url}/api/me/guess", json={"rung": 1, "word": "ab\u0000c"}, headers=player
    )
    assert response.status_code < 500, response.text


def test_a_body_that_is_not_utf8_gets_a_documented_status(server: ServerProcess) -> None:
    operation = _operation(server, "POST", "/api/lobbies/{code}/players")
    response = httpx.post(
        f"{server.url}/api/lobbies/ABCDEF/players",
        content=b'{"name": "\xff\xfe"}',
        headers={"content-type": "application/json"},
        timeout=TIMEOUT,
    )
    assert response.status_code < 500
    _validate(operation, response, path_parameters={"code": "ABCDEF"}, body={"name": "x"})
