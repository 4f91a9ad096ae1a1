from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

FIXTURE = Path(os.environ.get("SUPERCONFIG_BENCH_FIXTURE", "/work/shared/bench-fixture"))
REPO_FIXTURE = Path(__file__).parent / "data"


@pytest.fixture
def fixture_dir() -> Path:
    """The shared benchmark fixture (a realistic service config); a copy ships in tests/data."""
    return FIXTURE if (FIXTURE / "base.toml").is_file() else REPO_FIXTURE


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
