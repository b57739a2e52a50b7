"""A lobby's results as CSV tables, one per download: rounds, leaderboard, players, guesses."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from pydantic import BaseModel

from raddle.views.results import GuessRecord, LobbyResults, PlayerResult, Standing, TeamRound

TABLES = ("rounds", "leaderboard", "players", "guesses")

# A cell starting with one of these is read as a formula by spreadsheet programs; the
# words and names in a guess log come from players, so such cells are quoted with '.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def render(results: LobbyResults, table: str) -> str:
    model: type[BaseModel]
    rows: Sequence[BaseModel]
    if table == "rounds":
        model, rows = TeamRound, [team for round_ in results.rounds for team in round_.teams]
    elif table == "leaderboard":
        model, rows = Standing, results.leaderboard
    elif table == "players":
        model, rows = PlayerResult, results.players
    elif table == "guesses":
        model, rows = GuessRecord, results.guesses
    else:
        raise ValueError(f"no table {table!r}")
    return _csv(list(model.model_fields), (row.model_dump(mode="json") for row in rows))


def _csv(columns: list[str], rows: Iterable[dict[str, object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row[column]) for column in columns])
    return out.getvalue()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    if text.startswith(_FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
