"""`raddle.game` is the one place the rules live: every public function in it is called
by the server, directly or through another rule the server calls. A rule only tests
call would be a second model of the game that the game itself does not follow."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "raddle"
GAME = SRC / "game"


def _names_used(node: ast.AST) -> set[str]:
    used: set[str] = set()
    for child in ast.walk(node):
        if isinstance(child, ast.Name):
            used.add(child.id)
        elif isinstance(child, ast.Attribute):
            used.add(child.attr)
        elif isinstance(child, ast.ImportFrom):
            used.update(alias.name for alias in child.names)
    return used


def _rules() -> dict[str, ast.FunctionDef]:
    """Every public top-level function of the game package, by name."""
    rules: dict[str, ast.FunctionDef] = {}
    for path in sorted(GAME.glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                assert node.name not in rules, f"two rules named {node.name}"
                rules[node.name] = node
    return rules


def _used_outside_the_game() -> set[str]:
    used: set[str] = set()
    for path in SRC.rglob("*.py"):
        if GAME not in path.parents:
            used |= _names_used(ast.parse(path.read_text(encoding="utf-8")))
    return used


def test_every_public_rule_has_a_caller_in_the_server() -> None:
    rules = _rules()
    reached = set(rules) & _used_outside_the_game()
    # A rule another reached rule calls is reached too.
    frontier = set(reached)
    while frontier:
        calls = set().union(*(_names_used(rules[name]) for name in frontier)) & set(rules)
        frontier = calls - reached
        reached |= frontier
    unused = sorted(set(rules) - reached)
    assert not unused, f"rules with no caller outside tests: {unused}"


def test_the_check_sees_the_rules_it_is_about() -> None:
    rules = _rules()
    # Guards against the check passing by finding nothing: these are known callers.
    assert {"decide_guess", "score_round", "clue_views", "automatic_end_reason"} <= set(rules)
    assert {"decide_guess", "score_round"} <= _used_outside_the_game()
    assert "can_transition" not in _used_outside_the_game()  # reached through `transition`
