"""The cross-face edge cases (tests-conformance/cross-face/edge_cases.json), in Python."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import superconfig
from superconfig import SuperConfig

CASES = json.loads(
    (
        Path(__file__).resolve().parents[2] / "tests-conformance" / "cross-face" / "edge_cases.json"
    ).read_text(encoding="utf-8")
)["cases"]


def _build(case: dict[str, Any]) -> dict[str, Any]:
    defaults: dict[str, Any] = json.loads(json.dumps(case.get("defaults", {})))
    if "link" in case:
        target: Any = defaults
        for seg in case["link"]["to"]:
            target = target[seg]
        holder: Any = defaults
        *parents, last = case["link"]["at"]
        for seg in parents:
            holder = holder[seg]
        holder[last] = target
    if "nest" in case:
        value: Any = 1
        for _ in range(case["nest"]["levels"]):
            value = {case["nest"]["key"]: value}
        defaults = value
    return defaults


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_cross_face_case(case: dict[str, Any]) -> None:
    def run() -> Any:
        cfg = SuperConfig().with_defaults(_build(case))
        return cfg.get(case["get"]) if "get" in case else None

    if "error" in case:
        want = case["error"]
        with pytest.raises(superconfig.SuperConfigError) as info:
            run()
        assert info.value.kind == want["kind"], str(info.value)
        if "key" in want:
            assert info.value.key == want["key"]
        if "message_contains" in want:
            assert want["message_contains"] in str(info.value)
    else:
        assert run() == case["value"]
