"""Shared helpers for the runner's own tests (the conformance cases live in test_conformance.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml

from tests_conformance.adapters import Capabilities, ProcessAdapter
from tests_conformance.cases import Case, load_cases

FAKE_ADAPTER = Path(__file__).with_name("fake_adapter.py")


@pytest.fixture
def write_cases(tmp_path: Path) -> Callable[[dict[str, Any]], list[Case]]:
    """Write ``{relative name: case data}`` under a fresh directory and load them as a set."""

    def write(cases: dict[str, Any]) -> list[Case]:
        root = tmp_path / "cases"
        for name, data in cases.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            text = data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False)
            path.write_text(text, encoding="utf-8")
        return load_cases([root])

    return write


@pytest.fixture
def fake_factory(tmp_path: Path) -> Callable[..., Callable[[float], ProcessAdapter]]:
    """A factory for the ``fake_adapter.py`` child process answering from ``script``."""

    def make(
        script: dict[str, Any], *, name: str = "rust", capabilities: Capabilities | None = None
    ) -> Callable[[float], ProcessAdapter]:
        path = tmp_path / f"script-{name}.json"
        path.write_text(json.dumps(script), encoding="utf-8")

        def factory(timeout: float) -> ProcessAdapter:
            adapter = ProcessAdapter(
                name,
                [sys.executable, str(FAKE_ADAPTER), str(path)],
                capabilities=capabilities or Capabilities(),
                timeout=timeout,
            )
            adapter.start()
            return adapter

        return factory

    return make
