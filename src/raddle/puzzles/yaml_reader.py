"""The YAML side of the puzzle validator: a strict loader and plain-words parse errors.

Kept apart from validate.py so that PyYAML is loaded with the first YAML file read,
not when the server starts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from raddle.puzzles.validate import YamlScalar


class StrictYamlLoader(yaml.SafeLoader):
    """A SafeLoader that records duplicate mapping keys and keeps non-string scalars
    as `YamlScalar` so that the validator can explain them."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        #: (line, key text) of every key that repeats an earlier key of its mapping
        self.duplicate_keys: list[tuple[int, str]] = []

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[object] = set()
        for key_node, _value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag.endswith(":merge"):
                continue
            key = self.construct_object(key_node, deep=deep)
            plain = key.value if isinstance(key, YamlScalar) else key
            try:
                if plain in seen:
                    self.duplicate_keys.append((key_node.start_mark.line + 1, str(key_node.value)))
                seen.add(plain)
            except TypeError:  # unhashable: the base constructor reports it
                pass
        return super().construct_mapping(node, deep=deep)


def _keep_raw(
    construct: Callable[[SafeConstructor, Any], object],
) -> Callable[[StrictYamlLoader, Any], YamlScalar]:
    def construct_scalar(loader: StrictYamlLoader, node: Any) -> YamlScalar:
        return YamlScalar(construct(loader, node), str(node.value), node.start_mark.line + 1)

    return construct_scalar


for _tag, _construct in (
    ("null", SafeConstructor.construct_yaml_null),
    ("bool", SafeConstructor.construct_yaml_bool),
    ("int", SafeConstructor.construct_yaml_int),
    ("float", SafeConstructor.construct_yaml_float),
    ("timestamp", SafeConstructor.construct_yaml_timestamp),
    ("binary", SafeConstructor.construct_yaml_binary),
):
    StrictYamlLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _keep_raw(_construct))


def yaml_error_message(exc: yaml.YAMLError, text: str) -> str:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        what = "; ".join(part for part in (exc.context, exc.problem) if part)
        if mark is not None:
            return (
                f"YAML parse error at line {mark.line + 1}, column {mark.column + 1}: "
                f"{what or 'invalid YAML'}"
            )
        return f"YAML parse error: {what or 'invalid YAML'}"
    if isinstance(exc, yaml.reader.ReaderError):
        line = text[: int(exc.position)].count("\n") + 1
        shown = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        return f"YAML parse error at line {line}: character {shown} is not allowed in a YAML file"
    return f"YAML parse error: {exc}"
