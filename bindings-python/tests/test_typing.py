"""Type hints: `mypy --strict` on user code and on the package; stubtest against the module."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent


def mypy(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # Run outside the project directory so that mypy sees the installed package only.
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_user_code_passes_mypy_strict(tmp_path):
    done = mypy(tmp_path, "mypy", "--strict", "--no-incremental", str(HERE / "typing_user_code.py"))
    assert done.returncode == 0, done.stdout + done.stderr


def test_package_passes_mypy_strict(tmp_path):
    done = mypy(tmp_path, "mypy", "--strict", "--no-incremental", "-p", "superconfig")
    assert done.returncode == 0, done.stdout + done.stderr


def test_stubs_match_the_built_module(tmp_path):
    allowlist = HERE.parent / "stubtest-allowlist.txt"
    done = mypy(tmp_path, "mypy.stubtest", "superconfig", "--allowlist", str(allowlist))
    assert done.returncode == 0, done.stdout + done.stderr
