"""Every dump reads back as the same tree, with SuperConfig and with another reader of the format
(json, tomllib, PyYAML): a property checked over every document of the conformance corpus."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from superconfig import InvalidArgument, SuperConfig, SuperConfigError

# The standard library's TOML reader (Python 3.11 and later) is the other TOML reader.
tomllib = pytest.importorskip("tomllib")

CASES = Path(__file__).resolve().parents[2] / "tests-conformance" / "cases"

_FORMATS = {".toml": "toml", ".yaml": "yaml", ".yml": "yaml", ".json": "json"}


def _documents() -> list[tuple[str, str, str]]:
    """(case/file name, format, text) of every document in the corpus that loads."""
    found = []
    for case in sorted(CASES.rglob("*.yaml")):
        data = yaml.safe_load(case.read_text(encoding="utf-8"))
        for name, text in (data.get("files") or {}).items():
            fmt = _FORMATS.get(Path(name).suffix.lower())
            if fmt is None and (name == ".env" or name.endswith(".env")):
                fmt = "env"
            if fmt is None or not isinstance(text, str):
                continue
            try:
                SuperConfig().with_string(text, fmt)
            except SuperConfigError:
                continue
            found.append((f"{case.relative_to(CASES)}:{name}", fmt, text))
    return found


DOCUMENTS = _documents()


def _same(a: Any, b: Any, ordered: bool = True) -> bool:
    """Equality of trees, types included (1 is not 1.0 nor True), NaN equal to NaN, key order
    too when ``ordered``."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    if isinstance(a, dict):
        keys_match = list(a) == list(b) if ordered else sorted(a) == sorted(b)
        return keys_match and all(_same(a[k], b[k], ordered) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y, ordered) for x, y in zip(a, b))
    return bool(a == b)


_OTHER_READERS = {
    "json": json.loads,
    "toml": tomllib.loads,
    "yaml": yaml.safe_load,
}


def test_the_corpus_is_not_empty() -> None:
    assert len(DOCUMENTS) > 100


@pytest.mark.parametrize("out", ["json", "toml", "yaml"])
@pytest.mark.parametrize(("name", "fmt", "text"), DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_dump_reads_back_as_the_same_tree(name: str, fmt: str, text: str, out: str) -> None:
    cfg = SuperConfig().with_string(text, fmt)
    tree = cfg.extract()
    try:
        dumped = cfg.dump(out, redact=False)
    except InvalidArgument as e:
        # What the format cannot hold (null in TOML, NaN in JSON), refused with the key.
        assert e.key is not None, name
        return
    # TOML writes a table's sub-tables after its plain keys: the order of keys is not kept.
    ordered = out != "toml"
    back = SuperConfig().with_string(dumped, out).extract()
    assert _same(back, tree, ordered), f"{name} as {out}:\n{dumped}"
    other = _OTHER_READERS[out](dumped)
    if other is None:
        other = {}
    assert _same(other, tree, ordered), f"{name} as {out}, read by another reader:\n{dumped}"


def test_json_refuses_nan_naming_the_key() -> None:
    cfg = SuperConfig().with_string("[a]\nb = nan\n", "toml")
    with pytest.raises(InvalidArgument) as info:
        cfg.dump("json")
    assert info.value.key == "a.b"
    assert "nan" in cfg.dump("yaml").lower()
