"""Print the shape of the code: imports between raddle's packages, and the largest modules.

Run from the project's root: `.venv/bin/python scripts/code_report.py`. The duplicate-block
report is `cd frontend && npm run --silent duplicates`.
"""

from __future__ import annotations

import ast
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "raddle"


def unit_of(module: str) -> str:
    """The unit a dotted name belongs to: `raddle.services.play` -> `services`."""
    parts = module.split(".")
    if len(parts) < 2:
        return "__init__"
    # A subpackage (e.g. services.kit) is a unit of its own.
    if len(parts) > 2 and (PACKAGE / parts[1] / parts[2]).is_dir():
        return f"{parts[1]}.{parts[2]}"
    return parts[1]


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("raddle"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target.startswith("raddle"):
                found.add(target)
    return found


def import_graph() -> Counter[tuple[str, str]]:
    edges: Counter[tuple[str, str]] = Counter()
    for path in sorted(PACKAGE.rglob("*.py")):
        source = unit_of(module_name(path))
        for target in imports_of(path):
            destination = unit_of(target)
            if destination != source:
                edges[(source, destination)] += 1
    return edges


def cycles(edges: Counter[tuple[str, str]]) -> list[tuple[str, str]]:
    return sorted((a, b) for (a, b) in edges if a < b and (b, a) in edges)


def largest(limit: int = 15) -> list[tuple[int, str]]:
    files = [*PACKAGE.rglob("*.py"), *(ROOT / "frontend" / "src").rglob("*.ts*")]
    sizes = [
        (len(path.read_text(encoding="utf-8").splitlines()), str(path.relative_to(ROOT)))
        for path in files
        if "generated" not in path.parts
    ]
    return sorted(sizes, reverse=True)[:limit]


def main() -> int:
    edges = import_graph()
    print("imports between packages (importer -> imported: import statements)")
    for (source, destination), count in sorted(edges.items()):
        print(f"  {source:>10} -> {destination:<10} {count}")
    both_ways = cycles(edges)
    print("packages importing each other:", ", ".join(f"{a}<->{b}" for a, b in both_ways) or "none")
    print("\nlargest modules (lines)")
    for lines, path in largest():
        print(f"  {lines:6d}  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
