"""The JavaScript bindings: ``tests-conformance/js/adapter.mjs`` as a child process.

``--impl native`` drives bindings-node, ``--impl wasm`` the wasm-bindgen Node build of
bindings-wasm, ``--impl wasm-browser`` its web build inside headless Chromium (the adapter relays
each request line to the page). ``SUPERCONFIG_<BINDING>_ADAPTER`` still overrides the command.
"""

from __future__ import annotations

import shutil
from typing import Callable

from tests_conformance.adapters.base import BindingUnavailableError, Capabilities
from tests_conformance.adapters.process import DEFAULT_TIMEOUT, ProcessAdapter, command_from_env
from tests_conformance.resources import PROJECT_DIR

BINDINGS = {"native": "node", "wasm": "wasm-node", "wasm-browser": "wasm-browser"}

#: Numbers are untyped in JavaScript; the WASM builds have no filesystem and get
#: with_file/with_env emulated by the runner.
CAPABILITIES = {
    "node": Capabilities(numbers_typed=False),
    "wasm-node": Capabilities(features=frozenset(), numbers_typed=False, needs_fs_emulation=True),
    "wasm-browser": Capabilities(
        features=frozenset(), numbers_typed=False, needs_fs_emulation=True
    ),
}


def env_variable(binding: str) -> str:
    """``SUPERCONFIG_<BINDING>_ADAPTER``: a command line that replaces this binding's driver."""
    return "SUPERCONFIG_" + binding.upper().replace("-", "_") + "_ADAPTER"


def create(impl: str) -> Callable[[float], ProcessAdapter]:
    binding = BINDINGS[impl]

    def factory(timeout: float = DEFAULT_TIMEOUT) -> ProcessAdapter:
        command = command_from_env(env_variable(binding))
        if command is None:
            node = shutil.which("node")
            script = PROJECT_DIR / "js" / "adapter.mjs"
            if node is None or not script.is_file():
                raise BindingUnavailableError(f"{binding}: needs `node` on PATH and {script}")
            command = [node, str(script), "--impl", impl]
        adapter = ProcessAdapter(
            binding, command, capabilities=CAPABILITIES[binding], timeout=timeout
        )
        adapter.start()
        return adapter

    return factory
