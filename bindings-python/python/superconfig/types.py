"""Shapes of the records SuperConfig returns, for annotations::

    from superconfig.types import Source

    def where(cfg: SuperConfig, key: str) -> Source:
        return cfg.source(key)

At run time the records are plain ``dict``s; this module only names their keys and types.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Optional, TypedDict, Union

__all__ = [
    "Explanation",
    "KeyPath",
    "LayerInfo",
    "Source",
    "Stats",
    "Value",
    "WarningInfo",
]

#: A configuration value as Python sees it (docs/behaviour.md, "Values").
Value = Union[None, bool, int, float, str, list[Any], dict[str, Any]]

#: A key path: dotted (``"servers.0.host"``) or a list of segments (``["k8s", "app.io/name"]``).
KeyPath = Union[str, Sequence[Union[str, int]]]


class Source(TypedDict):
    """Where a value was set: ``kind`` is ``defaults``, ``file``, ``string`` or ``env``; ``name``
    the file path, source name or variable name; ``line`` the 1-based line when known."""

    kind: str
    name: str
    line: Optional[int]


class Explanation(TypedDict):
    """A value (secrets redacted), where it was set, and what it overrode (oldest first)."""

    value: Any
    source: Source
    overridden: list[Source]


class WarningInfo(TypedDict):
    """A warning: ``kind`` (``FileNotFound``, ``NoMatch``, ...), a message without secrets, the
    source it is about and the key path when there is one."""

    kind: str
    message: str
    source: Optional[str]
    key: Optional[str]


class LayerInfo(TypedDict):
    """A layer: ``kind``, ``name`` and ``status`` (``loaded``, ``missing``, ``ignored`` or
    ``empty``)."""

    kind: str
    name: str
    status: str


class Stats(TypedDict):
    """Counters of the process-wide configuration registry."""

    handles: int
    creates: int
    reads: int
    updates: int
    deletes: int
    memory_bytes: int
    warnings: int
