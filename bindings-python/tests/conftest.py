from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

#: ``$SUPERCONFIG_BENCH_FIXTURE`` (nox sets it), else ``shared/bench-fixture`` beside the checkout.
FIXTURE = Path(
    os.environ.get("SUPERCONFIG_BENCH_FIXTURE")
    or Path(__file__).resolve().parents[3] / "shared" / "bench-fixture"
)


@pytest.fixture
def fixture_dir() -> Path:
    """The shared benchmark fixture (a realistic service config). Missing: a failure, not a skip."""
    if not (FIXTURE / "base.toml").is_file():
        pytest.fail(f"no bench fixture at {FIXTURE}: set SUPERCONFIG_BENCH_FIXTURE")
    return FIXTURE


@pytest.fixture
def fixture_env(fixture_dir: Path) -> dict[str, str]:
    return json.loads((fixture_dir / "env.json").read_text())


@pytest.fixture
def write(tmp_path: Path):
    """write("name.toml", text) -> path, inside a fresh directory."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _write
