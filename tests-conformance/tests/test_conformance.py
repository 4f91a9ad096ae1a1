"""The conformance cases under pytest: one test per binding x case, through the runner's own
functions (same adapters, same comparison rule, same disagreement check as the command line).

- ``SUPERCONFIG_BINDINGS``: comma-separated bindings (default ``rust,python``). A binding that is
  requested but cannot start fails its tests; it is never skipped.
- ``SUPERCONFIG_CASES``: case directories separated by ``os.pathsep`` (default: ``cases/``).
- ``SUPERCONFIG_CASE_TIMEOUT``: per-case limit in seconds for child-process adapters (default 30).

A case a binding cannot run (``requires`` a capability it lacks) is reported as skipped with the
reason ``unsupported``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests_conformance.adapters import DEFAULT_BINDINGS, DEFAULT_TIMEOUT
from tests_conformance.cases import default_roots, load_cases
from tests_conformance.runner import UNSUPPORTED, Session, iter_matrix

BINDINGS = [
    name.strip()
    for name in os.environ.get("SUPERCONFIG_BINDINGS", ",".join(DEFAULT_BINDINGS)).split(",")
    if name.strip()
]
ROOTS = [Path(p) for p in os.environ.get("SUPERCONFIG_CASES", "").split(os.pathsep) if p]
CASES = load_cases(ROOTS or default_roots())
TIMEOUT = float(os.environ.get("SUPERCONFIG_CASE_TIMEOUT", DEFAULT_TIMEOUT))


@pytest.fixture(scope="session")
def conformance_session() -> Iterator[Session]:
    with Session(BINDINGS, timeout=TIMEOUT, repeat_reasons=True) as session:
        yield session


@pytest.mark.parametrize(
    ("binding", "case"),
    [
        pytest.param(binding, case, id=f"{binding}:{case.case_id}")
        for binding, case in iter_matrix(CASES, BINDINGS)
    ],
)
def test_case(conformance_session: Session, binding: str, case) -> None:
    outcome = conformance_session.run(case, binding)
    if outcome.status == UNSUPPORTED:
        pytest.skip(f"unsupported: {'; '.join(outcome.problems)}")
    if outcome.failed:
        pytest.fail("\n".join(outcome.lines()), pytrace=False)
