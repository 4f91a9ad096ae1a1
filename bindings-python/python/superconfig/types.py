"""Shapes of the records SuperConfig returns, for annotations::

    from superconfig.types import Source

    def where(cfg: SuperConfig, key: str) -> Source:
        return cfg.source(key)

At run time the records are plain ``dict``s; this module only names their keys and types.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, Optional, TypedDict, Union

__all__ = [
    "DumpFormat",
    "ErrorKind",
    "Explanation",
    "FieldError",
    "FormatName",
    "KeyPath",
    "LayerInfo",
    "LayerStatus",
    "Source",
    "SourceKind",
    "Stats",
    "Value",
    "WarningInfo",
    "WarningKind",
]

# Closed lists. Each is the core's own list (tests/test_closed_lists.py compares them with the
# native module's ERROR_KINDS, WARNING_KINDS, FORMAT_NAMES, DUMP_FORMATS, SOURCE_KINDS and
# LAYER_STATUSES, which come from the Rust core).

#: The kind of an error (``SuperConfigError.kind``), strict-mode warnings included.
ErrorKind = Literal[
    "ParseError",
    "FileNotFound",
    "KeyNotFound",
    "TypeMismatch",
    "ProfileNotFound",
    "InvalidHandle",
    "InvalidArgument",
    "IoError",
    "NoMatch",
    "IgnoredFile",
    "IgnoredKey",
    "KeyConflict",
    "ArrayOpOnNonArray",
    "SourceUnavailable",
    "SuspiciousEnv",
]

#: The kind of a warning.
WarningKind = Literal[
    "FileNotFound",
    "NoMatch",
    "IgnoredFile",
    "IgnoredKey",
    "KeyConflict",
    "ArrayOpOnNonArray",
    "ProfileNotFound",
    "SourceUnavailable",
    "SuspiciousEnv",
]

#: A document format name accepted by ``with_file``/``with_string`` (any case).
FormatName = Literal["toml", "yaml", "yml", "json", "env", "dotenv"]

#: A format ``dump`` writes.
DumpFormat = Literal["toml", "yaml", "json"]

#: Where a value came from.
SourceKind = Literal["defaults", "file", "string", "env"]

#: What became of a layer.
LayerStatus = Literal["loaded", "missing", "ignored", "empty"]

#: A configuration value as Python sees it (docs/behaviour.md, "Values").
Value = Union[None, bool, int, float, str, list[Any], dict[str, Any]]

#: A key path: dotted (``"servers.0.host"``) or a list of segments (``["k8s", "app.io/name"]``).
KeyPath = Union[str, Sequence[Union[str, int]]]


class Source(TypedDict):
    """Where a value was set: ``kind`` is ``defaults``, ``file``, ``string`` or ``env``; ``name``
    the file path, source name or variable name; ``line`` the 1-based line when known."""

    kind: SourceKind
    name: str
    line: Optional[int]


class Explanation(TypedDict):
    """A value (secrets redacted), where it was set, and what it overrode (oldest first)."""

    value: Any
    source: Source
    overridden: list[Source]


class FieldError(TypedDict):
    """One invalid field of a ``TypeMismatch`` raised by ``extract(Model)`` (``err.errors``): the
    full dotted key path, what is wrong with it (never the value), and where the value was set
    (``None`` when there is no value there, e.g. a missing field)."""

    key: str
    message: str
    source: Optional[Source]


class WarningInfo(TypedDict):
    """A warning: ``kind`` (``FileNotFound``, ``NoMatch``, ...), a message without secrets, the
    source it is about and the key path when there is one."""

    kind: WarningKind
    message: str
    source: Optional[str]
    key: Optional[str]


class LayerInfo(TypedDict):
    """A layer: ``kind``, ``name`` and ``status`` (``loaded``, ``missing``, ``ignored`` or
    ``empty``)."""

    kind: SourceKind
    name: str
    status: LayerStatus


class Stats(TypedDict):
    """Counters of the process-wide configuration registry."""

    handles: int
    creates: int
    reads: int
    updates: int
    deletes: int
    memory_bytes: int
    warnings: int
