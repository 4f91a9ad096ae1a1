"""What the ``conformance`` session builds and how it calls the runner.

``nox -s conformance`` runs every binding; ``nox -s conformance -- ARGS`` hands ARGS to
``python -m tests_conformance`` unchanged and builds only the bindings ARGS name with
``--binding`` (when ARGS name none, every binding is added, so "every binding" stays the default).
"""

from __future__ import annotations

from collections.abc import Sequence

ALL_BINDINGS = ("rust", "python", "node", "wasm-node", "wasm-browser")


def bindings_in(args: Sequence[str]) -> list[str]:
    """The bindings named by ``--binding B`` / ``--binding=B`` in ``args``, in order, once each."""
    found: list[str] = []
    items = list(args)
    for i, arg in enumerate(items):
        value = None
        if arg == "--binding" and i + 1 < len(items):
            value = items[i + 1]
        elif arg.startswith("--binding="):
            value = arg.split("=", 1)[1]
        if value is not None and value not in found:
            found.append(value)
    return found


def runner_arguments(posargs: Sequence[str]) -> tuple[list[str], list[str]]:
    """(arguments for the runner, bindings to build). ``posargs`` pass through unchanged; every
    binding is added when they name none."""
    args = list(posargs)
    named = bindings_in(args)
    if named:
        return args, named
    extra = [part for binding in ALL_BINDINGS for part in ("--binding", binding)]
    return [*extra, *args], list(ALL_BINDINGS)
