"""The YAML dialect of case files: YAML 1.2 core schema, no duplicate keys, JSON types only.

PyYAML implements YAML 1.1, where ``yes``/``on`` are booleans, ``010`` is octal, ``12:30`` is a
sexagesimal integer and ``2024-01-01`` a date. A case author writing an expected value should not
have to remember any of that, so case files resolve plain scalars as in YAML 1.2's core schema:

- null: ``~``, ``null``, ``Null``, ``NULL`` and the empty scalar
- bool: ``true``/``True``/``TRUE``/``false``/``False``/``FALSE`` (``yes``, ``on``... are strings)
- int: ``[-+]?[0-9]+`` (decimal, leading zeros allowed), ``0o17``, ``0x1F``
- float: ``[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?``, ``.inf``, ``-.inf``, ``.nan``
- everything else is a string (dates and times included).

A mapping with a repeated key is an error, and so is any value that is not a JSON type.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml


class CaseYamlError(ValueError):
    """A case file that is not valid YAML in the case dialect."""


class CaseLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core-schema scalar resolution and duplicate-key detection."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                raise CaseYamlError(
                    f"line {key_node.start_mark.line + 1}: mapping keys must be strings, "
                    f"got {key!r}"
                )
            if key in seen:
                raise CaseYamlError(f"line {key_node.start_mark.line + 1}: duplicate key {key!r}")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


CaseLoader.yaml_implicit_resolvers = {}

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)

CaseLoader.add_implicit_resolver("tag:yaml.org,2002:null", _NULL, ["~", "n", "N", ""])
CaseLoader.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL, list("tTfF"))
CaseLoader.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))
CaseLoader.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, list("-+0123456789."))


def _construct_int(loader: yaml.SafeLoader, node: yaml.Node) -> int:
    text = str(loader.construct_scalar(node))  # type: ignore[arg-type]
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


def _construct_float(loader: yaml.SafeLoader, node: yaml.Node) -> float:
    text = str(loader.construct_scalar(node)).lower()  # type: ignore[arg-type]
    if text.endswith(".inf"):
        return -math.inf if text.startswith("-") else math.inf
    if text == ".nan":
        return math.nan
    return float(text)


def _construct_bool(loader: yaml.SafeLoader, node: yaml.Node) -> bool:
    return str(loader.construct_scalar(node)).lower() == "true"  # type: ignore[arg-type]


CaseLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
CaseLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)
CaseLoader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)


def _check_json_types(value: Any, where: str) -> None:
    if value is None or isinstance(value, (bool, int, float, str)):
        return
    if isinstance(value, list):
        for index, item in enumerate(value):
            _check_json_types(item, f"{where}[{index}]")
        return
    if isinstance(value, dict):
        for key, item in value.items():
            _check_json_types(item, f"{where}.{key}" if where else str(key))
        return
    raise CaseYamlError(f"{where or 'document'}: {type(value).__name__} is not a JSON type")


def load_case_yaml(text: str) -> Any:
    """Parse one case file; raise :class:`CaseYamlError` with a readable message."""
    try:
        data = yaml.load(text, Loader=CaseLoader)
    except yaml.YAMLError as exc:
        raise CaseYamlError(f"not valid YAML: {exc}") from exc
    _check_json_types(data, "")
    return data
