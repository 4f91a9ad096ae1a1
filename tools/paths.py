"""Where things are in the repository."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

#: One target directory for every crate (there is no Cargo workspace): the core is compiled once
#: per profile and reused by the bindings, nox sessions and CI.
TARGET_DIR = REPO / "target"

CRATES_DIR = REPO / "crates"
CORE = CRATES_DIR / "superconfig"
#: The JavaScript side of both JS bindings, once (value conversion, arguments, records, errors).
JS_GLUE = CRATES_DIR / "superconfig-js"
PYTHON = REPO / "bindings-python"
NODE = REPO / "bindings-node"
WASM = REPO / "bindings-wasm"
CONFORMANCE = REPO / "tests-conformance"
EXAMPLES = REPO / "examples"
SERVICE_EXAMPLE = EXAMPLES / "service"
BENCH_RESULTS = REPO / "bench-results"


def bench_fixture() -> Path | None:
    """``$SUPERCONFIG_BENCH_FIXTURE`` when set, else ``shared/bench-fixture`` beside the checkout;
    ``None`` when that directory holds no fixture (a wrong setting is not papered over)."""
    explicit = os.environ.get("SUPERCONFIG_BENCH_FIXTURE")
    fixture = Path(explicit) if explicit else REPO.parent / "shared" / "bench-fixture"
    return fixture if (fixture / "base.toml").is_file() else None


def rust_crates() -> list[Path]:
    """Every crate of the project that exists in this checkout: the crates under ``crates/``
    (the core first), then each binding crate."""
    found = [CORE] if (CORE / "Cargo.toml").is_file() else []
    if CRATES_DIR.is_dir():
        found += sorted(
            p for p in CRATES_DIR.iterdir() if p != CORE and (p / "Cargo.toml").is_file()
        )
    found += [p for p in (PYTHON, NODE, WASM) if (p / "Cargo.toml").is_file()]
    return found


def rel(path: Path) -> str:
    """``path`` relative to the repository, for messages and command lines."""
    try:
        return str(path.relative_to(REPO))
    except ValueError:
        return str(path)
