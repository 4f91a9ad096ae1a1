"""Where the suite's own files are: the case schema, the default case directory, the repository."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
#: ``tests-conformance/`` when running from a source tree or an editable install.
PROJECT_DIR = PACKAGE_DIR.parent
#: Copies a regular wheel carries (see ``force-include`` in ``pyproject.toml``).
_DATA_DIR = PACKAGE_DIR / "_data"


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.exists():
            return candidate
    return candidates[0]


def schema_path() -> Path:
    """``tests-conformance/case.schema.json``."""
    return _first_existing(PROJECT_DIR / "case.schema.json", _DATA_DIR / "case.schema.json")


def default_cases_dir() -> Path:
    """``tests-conformance/cases``."""
    return _first_existing(PROJECT_DIR / "cases", _DATA_DIR / "cases")


def repo_root() -> Path | None:
    """The SuperConfig repository (the directory holding ``crates/superconfig``), if found.

    ``SUPERCONFIG_REPO`` wins; otherwise the parent of this project, then the working directory and
    its ancestors.
    """
    explicit = os.environ.get("SUPERCONFIG_REPO")
    if explicit:
        return Path(explicit).resolve()
    starts = [PROJECT_DIR.parent, Path.cwd()]
    for start in starts:
        for directory in (start, *start.parents):
            if (directory / "crates" / "superconfig" / "Cargo.toml").is_file():
                return directory
    return None
