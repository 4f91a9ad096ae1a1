"""What the ``conformance`` session builds and how it calls the runner.

``nox -s conformance`` runs every binding; ``nox -s conformance -- ARGS`` hands ARGS to
``python -m tests_conformance`` unchanged and builds only the bindings ARGS name with
``--binding`` (when ARGS name none, every binding is added, so "every binding" stays the default).
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Sequence

from tools.paths import CONFORMANCE

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


def _js_adapter(impl: str) -> str:
    script = CONFORMANCE / "js" / "adapter.mjs"
    return " ".join(shlex.quote(p) for p in ("node", str(script), "--impl", impl))


def adapter_environment() -> dict[str, str]:
    """Command lines of the JavaScript adapter drivers for the runner (``tests-conformance/js``),
    unless the caller already set them. The runner ignores a variable once it has a built-in
    factory for that binding."""
    env: dict[str, str] = {}
    defaults = {
        "SUPERCONFIG_NODE_ADAPTER": ("native", CONFORMANCE / "js" / "impls" / "native.mjs"),
        "SUPERCONFIG_WASM_NODE_ADAPTER": ("wasm", CONFORMANCE / "js" / "impls" / "wasm.mjs"),
    }
    for variable, (impl, module) in defaults.items():
        if not os.environ.get(variable) and module.is_file():
            env[variable] = _js_adapter(impl)
    return env
