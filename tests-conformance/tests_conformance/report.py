"""Counting outcomes and writing the ``--report`` JSON."""

from __future__ import annotations

import datetime
import json
import platform
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tests_conformance.adapters import REFERENCE
from tests_conformance.cases import Case
from tests_conformance.runner import FAIL, PASS, UNSUPPORTED, Outcome

JsonDict = dict[str, Any]


def counts(outcomes: Sequence[Outcome]) -> Counter[str]:
    return Counter(outcome.status for outcome in outcomes)


def summary_line(outcomes: Sequence[Outcome]) -> str:
    """The last line the runner prints: ``N passed, N failed, N unsupported``."""
    tally = counts(outcomes)
    return f"{tally[PASS]} passed, {tally[FAIL]} failed, {tally[UNSUPPORTED]} unsupported"


def build_report(
    cases: Sequence[Case], bindings: Sequence[str], outcomes: Sequence[Outcome]
) -> JsonDict:
    by_case: dict[str, dict[str, Outcome]] = {}
    for outcome in outcomes:
        by_case.setdefault(outcome.case.display_path, {})[outcome.binding] = outcome
    tally = counts(outcomes)
    per_binding: JsonDict = {}
    for binding in bindings:
        mine = [o for o in outcomes if o.binding == binding]
        mine_tally = counts(mine)
        per_binding[binding] = {
            "passed": mine_tally[PASS],
            "failed": mine_tally[FAIL],
            "unsupported": mine_tally[UNSUPPORTED],
            "seconds": round(sum(o.seconds for o in mine), 6),
        }
    entries = []
    for case in cases:
        results = by_case.get(case.display_path, {})
        entries.append(
            {
                "case": case.display_path,
                "id": case.case_id,
                "description": case.description,
                "outcomes": {
                    binding: {
                        "outcome": outcome.status,
                        "seconds": round(outcome.seconds, 6),
                        "problems": outcome.problems,
                        "disagreement": outcome.disagreement,
                    }
                    for binding, outcome in results.items()
                },
            }
        )
    return {
        "generated": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "bindings": list(bindings),
        "reference": REFERENCE,
        "summary": {
            "cases": len(cases),
            "passed": tally[PASS],
            "failed": tally[FAIL],
            "unsupported": tally[UNSUPPORTED],
        },
        "per_binding": per_binding,
        "cases": entries,
        "matrix": {
            "bindings": list(bindings),
            "rows": {
                case.display_path: {
                    b: o.status for b, o in by_case.get(case.display_path, {}).items()
                }
                for case in cases
            },
        },
    }


def write_report(
    path: Path, cases: Sequence[Case], bindings: Sequence[str], outcomes: Sequence[Outcome]
) -> None:
    report = build_report(cases, bindings, outcomes)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
