"""The JSON-lines wire encoding shared by every child-process adapter.

Plain JSON, except that non-finite floats travel as ``{"$float": "inf" | "-inf" | "nan"}``.
Decoding keeps integers and floats apart (``json.loads`` does: ``1`` → int, ``1.0`` → float).
"""

from __future__ import annotations

import json
import math
from typing import Any

_NON_FINITE = {"inf": math.inf, "-inf": -math.inf, "nan": math.nan}


def to_wire(value: Any) -> Any:
    """Replace non-finite floats by their ``$float`` form, recursively."""
    if isinstance(value, float) and not math.isfinite(value):
        if math.isnan(value):
            return {"$float": "nan"}
        return {"$float": "inf" if value > 0 else "-inf"}
    if isinstance(value, dict):
        return {key: to_wire(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_wire(item) for item in value]
    return value


def _object_hook(obj: dict[str, Any]) -> Any:
    if len(obj) == 1 and "$float" in obj and obj["$float"] in _NON_FINITE:
        return _NON_FINITE[obj["$float"]]
    return obj


def encode_line(message: Any) -> str:
    """One JSON line (no trailing newline); non-ASCII stays UTF-8."""
    return json.dumps(to_wire(message), ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def decode_line(line: str) -> Any:
    """Parse one JSON line, turning ``$float`` objects back into floats."""
    return json.loads(line, object_hook=_object_hook)
