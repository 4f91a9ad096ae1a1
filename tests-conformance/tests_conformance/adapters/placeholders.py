"""Adapters for bindings whose drivers are not registered yet (``node``), and the capabilities
of every JavaScript-side binding (``node``, ``wasm-node``, ``wasm-browser``; see ``node.py``).

Each is a child process speaking the JSON-lines protocol. Until a driver exists, its factory raises
:class:`BindingUnavailableError` ("binding not available yet"). A driver can be plugged in without
touching the runner, either by registering a factory in ``ADAPTERS`` or, with no code at all, by
pointing ``SUPERCONFIG_<NAME>_ADAPTER`` (``NODE``, ``WASM_NODE``, ``WASM_BROWSER``) at its command
line; the capabilities below then apply.
"""

from __future__ import annotations

from typing import Callable

from tests_conformance.adapters.base import BindingUnavailableError, Capabilities
from tests_conformance.adapters.process import DEFAULT_TIMEOUT, ProcessAdapter, command_from_env

#: Capabilities of the JavaScript-side bindings: numbers are untyped; the WASM builds have no
#: filesystem and get with_file/with_env emulated by the runner.
CAPABILITIES = {
    "node": Capabilities(numbers_typed=False),
    "wasm-node": Capabilities(features=frozenset(), numbers_typed=False, needs_fs_emulation=True),
    "wasm-browser": Capabilities(
        features=frozenset(), numbers_typed=False, needs_fs_emulation=True
    ),
}


def env_variable(binding: str) -> str:
    return "SUPERCONFIG_" + binding.upper().replace("-", "_") + "_ADAPTER"


def placeholder(binding: str) -> Callable[[float], ProcessAdapter]:
    def create(timeout: float = DEFAULT_TIMEOUT) -> ProcessAdapter:
        command = command_from_env(env_variable(binding))
        if command is None:
            raise BindingUnavailableError(
                f"{binding}: binding not available yet (no adapter driver; set "
                f"{env_variable(binding)} to a command speaking the JSON-lines protocol)"
            )
        adapter = ProcessAdapter(
            binding, command, capabilities=CAPABILITIES[binding], timeout=timeout
        )
        adapter.start()
        return adapter

    return create
