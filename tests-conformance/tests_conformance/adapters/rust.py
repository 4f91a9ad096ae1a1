"""The ``rust`` binding: the core crate's ``conformance_adapter`` example as a child process.

Binary: ``$SUPERCONFIG_RUST_ADAPTER`` if set, else
``${CARGO_TARGET_DIR:-<repo>/target}/release/examples/conformance_adapter``. When that binary is
missing it is built once with ``cargo build --release --example conformance_adapter``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests_conformance.adapters.base import BindingUnavailableError, Capabilities
from tests_conformance.adapters.process import DEFAULT_TIMEOUT, ProcessAdapter
from tests_conformance.resources import repo_root

EXAMPLE = "conformance_adapter"


def _exe(name: str) -> str:
    return name + (".exe" if sys.platform == "win32" else "")


def target_dir(repo: Path | None) -> Path | None:
    explicit = os.environ.get("CARGO_TARGET_DIR")
    if explicit:
        return Path(explicit)
    return repo / "target" if repo is not None else None


def adapter_binary() -> Path:
    """The adapter binary, building it first when it does not exist yet."""
    explicit = os.environ.get("SUPERCONFIG_RUST_ADAPTER")
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise BindingUnavailableError(
                f"rust: SUPERCONFIG_RUST_ADAPTER={explicit} does not exist"
            )
        return path
    repo = repo_root()
    target = target_dir(repo)
    if target is None or repo is None:
        raise BindingUnavailableError(
            "rust: cannot find the repository (crates/superconfig); set SUPERCONFIG_REPO or "
            "SUPERCONFIG_RUST_ADAPTER"
        )
    binary = target / "release" / "examples" / _exe(EXAMPLE)
    if not binary.is_file():
        _build(repo, target)
    if not binary.is_file():
        raise BindingUnavailableError(f"rust: {binary} was not produced by the build")
    return binary


def _build(repo: Path, target: Path) -> None:
    manifest = repo / "crates" / "superconfig" / "Cargo.toml"
    command = [
        "cargo",
        "build",
        "--release",
        "--example",
        EXAMPLE,
        "--manifest-path",
        str(manifest),
    ]
    env = dict(os.environ, CARGO_TARGET_DIR=str(target))
    print(f"building the rust adapter: {' '.join(command)}", file=sys.stderr, flush=True)
    try:
        # cargo's output goes to our stderr so that the runner's stdout stays the report
        completed = subprocess.run(command, env=env, stdout=sys.stderr, check=False)
    except OSError as exc:
        raise BindingUnavailableError(f"rust: cannot run cargo: {exc}") from exc
    if completed.returncode != 0:
        raise BindingUnavailableError(
            f"rust: `{' '.join(command)}` failed (exit status {completed.returncode})"
        )


def create(timeout: float = DEFAULT_TIMEOUT) -> ProcessAdapter:
    adapter = ProcessAdapter(
        "rust",
        [str(adapter_binary())],
        capabilities=Capabilities(numbers_typed=True),
        timeout=timeout,
    )
    adapter.start()
    return adapter
