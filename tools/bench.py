"""Collects every benchmark's results into ``bench-results/results.json`` and a markdown table
``bench-results/results.md``.

Inputs:
- core: criterion's ``target/criterion/**/new/{benchmark,estimates}.json`` (nanoseconds), only
  those written by this run (``--since``);
- every other ``bench-results/<suite>*.json`` (written by the Python, Node and WASM bench scripts).
  Their shapes differ, so rows are read loosely: any object with a time field (``median_ns``,
  ``mean_ns``, ``ns``, ``*_us``, ``*_ms``, ``*_s`` ...) is one row, named by its ``name`` (or its
  path in the document); a number under a key ending in ``_ns``/``_us``/``_ms``/``_s`` is one row
  too. The original documents are kept verbatim under ``raw``.

``python -m tools.bench [--since EPOCH_SECONDS]`` does the same outside nox.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import subprocess
import time
from pathlib import Path
from typing import Any

from tools.paths import BENCH_RESULTS, REPO, TARGET_DIR

# field -> (scale to ns, statistic); earlier fields win
_TIME_FIELDS: list[tuple[str, float, str]] = []
for _unit, _scale in (("ns", 1.0), ("us", 1e3), ("µs", 1e3), ("ms", 1e6), ("s", 1e9)):
    for _stat in ("median", "mean", "min", "p50"):
        _TIME_FIELDS.append((f"{_stat}_{_unit}", _scale, _stat))
for _unit, _scale in (("ns", 1.0), ("us", 1e3), ("ms", 1e6)):
    _TIME_FIELDS.append((_unit, _scale, "value"))
_SUFFIXES = (("_ns", 1.0), ("_us", 1e3), ("_ms", 1e6), ("_s", 1e9))

Row = dict[str, Any]


def criterion_rows(target: Path = TARGET_DIR, since: float = 0.0) -> list[Row]:
    rows: list[Row] = []
    root = target / "criterion"
    if not root.is_dir():
        return rows
    for estimates in sorted(root.glob("**/new/estimates.json")):
        if estimates.stat().st_mtime < since:
            continue
        meta_path = estimates.parent / "benchmark.json"
        meta = json.loads(meta_path.read_text()) if meta_path.is_file() else {}
        name = meta.get("full_id") or str(estimates.parent.parent.relative_to(root))
        data = json.loads(estimates.read_text())
        median = data.get("median", {})
        interval = median.get("confidence_interval", {})
        rows.append(
            {
                "suite": "core",
                "name": name,
                "ns": median.get("point_estimate"),
                "stat": "median",
                "low_ns": interval.get("lower_bound"),
                "high_ns": interval.get("upper_bound"),
            }
        )
    return rows


def _time_field(obj: dict[str, Any]) -> tuple[float, str] | None:
    for field, scale, stat in _TIME_FIELDS:
        value = obj.get(field)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return value * scale, stat
    return None


def loose_rows(suite: str, document: Any) -> list[Row]:
    """Rows from a bench script's JSON, whatever its exact shape (see the module docstring)."""
    rows: list[Row] = []

    def visit(obj: Any, path: list[str]) -> None:
        if isinstance(obj, dict):
            found = _time_field(obj)
            if found is not None:
                name = obj.get("name") or obj.get("id") or "/".join(path) or suite
                rows.append({"suite": suite, "name": str(name), "ns": found[0], "stat": found[1]})
                return
            for key, value in obj.items():
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    for suffix, scale in _SUFFIXES:
                        if key.endswith(suffix):
                            name = "/".join([*path, key[: -len(suffix)]])
                            rows.append(
                                {"suite": suite, "name": name, "ns": value * scale, "stat": "value"}
                            )
                            break
                else:
                    visit(value, [*path, str(key)])
        elif isinstance(obj, list):
            for index, item in enumerate(obj):
                label = item.get("name") if isinstance(item, dict) else None
                visit(item, [*path, str(label if label is not None else index)])

    visit(document, [])
    return rows


def human(ns: float | None) -> str:
    if ns is None:
        return "-"
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = None
    return {
        "date": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "commit": commit,
        "cpu": cpu,
        "cores": os.cpu_count(),
        "os": platform.platform(),
        "python": platform.python_version(),
    }


def markdown(result: dict[str, Any]) -> str:
    m = result["machine"]
    lines = [
        "# SuperConfig benchmarks",
        "",
        f"{m['date']}, commit {m['commit']}, {m['cpu']}, {m['cores']} cores, {m['os']}.",
        "Times per operation; lower is better. Raw documents: `results.json`.",
    ]
    suites: dict[str, list[Row]] = {}
    for row in result["rows"]:
        suites.setdefault(row["suite"], []).append(row)
    for suite, rows in suites.items():
        lines += ["", f"## {suite}", "", "| benchmark | time | statistic |", "|---|---:|---|"]
        lines += [f"| `{r['name']}` | {human(r['ns'])} | {r['stat']} |" for r in rows]
    if result["missing"]:
        lines += ["", "Suites that produced no results: " + ", ".join(result["missing"]) + "."]
    return "\n".join(lines) + "\n"


def collect(
    out: Path = BENCH_RESULTS, since: float = 0.0, expected: tuple[str, ...] = ()
) -> dict[str, Any]:
    """Writes ``out/results.json`` and ``out/results.md``; returns the result."""
    out.mkdir(parents=True, exist_ok=True)
    rows = criterion_rows(since=since)
    raw: dict[str, Any] = {}
    for path in sorted(out.glob("*.json")):
        if path.name == "results.json" or path.stat().st_mtime < since:
            continue
        document = json.loads(path.read_text(encoding="utf-8"))
        raw[path.stem] = document
        suite = path.stem.split("-", 1)[0]
        rows += loose_rows(suite, document)
    present = {row["suite"] for row in rows} | {name.split("-", 1)[0] for name in raw}
    result = {
        "machine": machine(),
        "rows": rows,
        "missing": [s for s in expected if s not in present],
        "raw": raw,
    }
    (out / "results.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    (out / "results.md").write_text(markdown(result), encoding="utf-8")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m tools.bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--since",
        type=float,
        default=0.0,
        help="ignore results older than this (seconds since the epoch)",
    )
    parser.add_argument("--out", type=Path, default=BENCH_RESULTS)
    args = parser.parse_args()
    result = collect(args.out, args.since)
    print(
        f"{len(result['rows'])} results -> {args.out / 'results.json'}, "
        f"{args.out / 'results.md'} ({time.strftime('%H:%M:%S')})"
    )


if __name__ == "__main__":
    main()
