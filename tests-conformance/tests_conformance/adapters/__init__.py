"""Binding adapters. ``ADAPTERS`` maps a binding name to a factory ``(timeout) -> Adapter``; a
factory raises :class:`BindingUnavailableError` when the binding cannot start."""

from __future__ import annotations

from typing import Callable

from tests_conformance.adapters import node, python, rust
from tests_conformance.adapters.base import (
    Adapter,
    BindingUnavailableError,
    Capabilities,
    case_environment,
)
from tests_conformance.adapters.process import DEFAULT_TIMEOUT, ProcessAdapter

AdapterFactory = Callable[[float], Adapter]

ADAPTERS: dict[str, AdapterFactory] = {
    "rust": rust.create,
    "python": python.create,
    "node": node.create("native"),
    "wasm-node": node.create("wasm"),
    "wasm-browser": node.create("wasm-browser"),
}

#: The binding every other one is compared with when several run.
REFERENCE = "rust"
DEFAULT_BINDINGS = ("rust", "python")


def create_adapter(binding: str, timeout: float = DEFAULT_TIMEOUT) -> Adapter:
    try:
        factory = ADAPTERS[binding]
    except KeyError:
        raise BindingUnavailableError(
            f"unknown binding {binding!r} (known: {', '.join(ADAPTERS)})"
        ) from None
    return factory(timeout)


__all__ = [
    "ADAPTERS",
    "DEFAULT_BINDINGS",
    "DEFAULT_TIMEOUT",
    "REFERENCE",
    "Adapter",
    "AdapterFactory",
    "BindingUnavailableError",
    "Capabilities",
    "ProcessAdapter",
    "case_environment",
    "create_adapter",
]
