"""What every adapter is: ``run(request) -> response`` and ``close()``, plus its capabilities."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

JsonDict = dict[str, Any]


class BindingUnavailableError(RuntimeError):
    """The binding cannot start (not built, not installed, no adapter yet).

    A failure of every case of that binding, never a skip.
    """


@dataclass(frozen=True)
class Capabilities:
    """What an adapter can do; the runner adapts requests and comparisons to it.

    - ``features``: capabilities a case may ``require`` (``fs``: real files, globs, discovery;
      ``watch``: the case changes files between reloads, which implies ``fs``). A case requiring
      one the adapter lacks is reported ``unsupported``.
    - ``numbers_typed``: the binding tells ``1`` from ``1.0`` (False for JavaScript).
    - ``needs_fs_emulation``: run ``with_file`` as ``with_string`` and ``with_env`` as
      ``with_env_map`` (see :class:`tests_conformance.request.FsEmulation`).
    """

    features: frozenset[str] = field(default_factory=lambda: frozenset({"fs", "watch"}))
    numbers_typed: bool = True
    needs_fs_emulation: bool = False


@runtime_checkable
class Adapter(Protocol):
    """One binding under test. ``run`` takes one request (see the README's protocol section) and
    returns its response; it must not raise for anything a case does (errors are responses), and
    returns ``{"id": ..., "fatal": message}`` for its own failures."""

    name: str
    capabilities: Capabilities

    def run(self, request: JsonDict) -> JsonDict: ...

    def close(self) -> None: ...


@contextmanager
def case_environment(directory: str, env: Mapping[str, str]) -> Iterator[None]:
    """Run the body with cwd ``directory`` and the process environment exactly ``env``; restore
    both afterwards. For in-process adapters (the Python binding)."""
    saved_cwd = os.getcwd()
    saved_env = dict(os.environ)
    try:
        os.chdir(directory)
        os.environ.clear()
        os.environ.update(env)
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved_env)
        os.chdir(saved_cwd)


def write_file_by_rename(path: str, text: str) -> None:
    """The ``write_file`` reload step: write ``text`` (UTF-8, exact) to ``path`` the way editors
    save: a temporary file in the same directory, then renamed over ``path`` (parent directories
    created). Relative to the current directory (the case directory during a case)."""
    directory = os.path.dirname(path) or "."
    os.makedirs(directory, exist_ok=True)
    temporary = os.path.join(directory, f".{os.path.basename(path)}.superconfig-tmp")
    with open(temporary, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    os.replace(temporary, path)


def remove_file(path: str) -> None:
    """The ``remove_file`` reload step."""
    os.remove(path)
