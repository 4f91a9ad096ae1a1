"""Each closed list (error kinds, warning kinds, formats, source kinds, layer statuses) is declared
once, in the Rust core. This test holds every other place that spells one out to the core's
list, as the Python binding exports it: the case schema, the runner's extension table, the
TypeScript unions of the Node and WASM faces, and the Python ``Literal`` types.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import get_args

import pytest

from tests_conformance import request

native = pytest.importorskip("superconfig._superconfig")
types = pytest.importorskip("superconfig.types")

REPO = Path(__file__).resolve().parents[2]
SCHEMA = REPO / "tests-conformance" / "case.schema.json"
NODE_TYPES = REPO / "bindings-node" / "index.d.ts"
# The declarations both JS builds share (Node: napi's dtsHeaderFile; WASM: types.rs includes it).
JS_TYPES = REPO / "crates" / "superconfig-js" / "js" / "types.d.ts"

# The kind every face gives a caught panic (the core's `panic::INTERNAL_ERROR`, Python's
# `superconfig.InternalError`); not one of the core's error kinds.
INTERNAL_ERROR = "InternalError"


def ts_union(text: str, name: str) -> list[str]:
    """The string literals of ``export type <name> = 'a' | 'b' | Other`` (names of other
    unions in it expanded), in order."""
    match = re.search(rf"export type {name} =(.*?)(?:;|\n(?!\s*\|))", text, re.S)
    assert match, f"no union {name}"
    out: list[str] = []
    for raw in match.group(1).split("|"):
        part = raw.strip()
        if not part:
            continue
        if part.startswith("'"):
            out.append(part.strip("'"))
        else:
            out.extend(ts_union(text, part))
    return out


def test_case_schema_kinds_are_the_core_lists() -> None:
    defs = json.loads(SCHEMA.read_text(encoding="utf-8"))["$defs"]
    assert tuple(defs["error_kind"]["enum"]) == native.ERROR_KINDS
    assert tuple(defs["warning_kind"]["enum"]) == native.WARNING_KINDS


def test_runner_extension_table_is_the_core_table() -> None:
    core = {f".{ext}": name for ext, name in native.FORMAT_EXTENSIONS}
    assert core == request._EXTENSION_FORMATS
    for ext, name in core.items():
        assert request.format_from_extension(f"dir/config{ext.upper()}") == name


@pytest.mark.parametrize("path", [NODE_TYPES, JS_TYPES], ids=lambda p: p.name)
def test_typescript_unions_are_the_core_lists(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert tuple(ts_union(text, "WarningKind")) == native.WARNING_KINDS
    codes = [c for c in ts_union(text, "ErrorCode") if c != INTERNAL_ERROR]
    assert INTERNAL_ERROR in ts_union(text, "ErrorCode")
    # ErrorCode unites the error kinds with WarningKind, which repeats two of them.
    assert set(codes) == set(native.ERROR_KINDS)
    assert tuple(ts_union(text, "Format")) == native.FORMAT_NAMES
    assert tuple(ts_union(text, "SourceKind")) == native.SOURCE_KINDS
    assert tuple(ts_union(text, "LayerStatus")) == native.LAYER_STATUSES


def test_internal_error_has_one_name_in_every_face() -> None:
    superconfig = pytest.importorskip("superconfig")
    assert superconfig.InternalError.kind == INTERNAL_ERROR


def test_python_literals_are_the_core_lists() -> None:
    assert get_args(types.ErrorKind) == native.ERROR_KINDS
    assert get_args(types.WarningKind) == native.WARNING_KINDS
    assert get_args(types.FormatName) == native.FORMAT_NAMES
    assert set(get_args(types.DumpFormat)) == set(native.DUMP_FORMATS)
    assert get_args(types.SourceKind) == native.SOURCE_KINDS
    assert get_args(types.LayerStatus) == native.LAYER_STATUSES
