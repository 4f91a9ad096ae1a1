"""The JavaScript bindings: ``tests-conformance/js/adapter.mjs`` as a child process.

``--impl native`` drives bindings-node, ``--impl wasm`` the wasm-bindgen Node build of
bindings-wasm, ``--impl wasm-browser`` its web build inside headless Chromium (the adapter relays
each request line to the page). ``SUPERCONFIG_<BINDING>_ADAPTER`` still overrides the command.
"""

from __future__ import annotations

import shutil
from typing import Callable

from tests_conformance.adapters.base import BindingUnavailableError
from tests_conformance.adapters.placeholders import CAPABILITIES, env_variable
from tests_conformance.adapters.process import DEFAULT_TIMEOUT, ProcessAdapter, command_from_env
from tests_conformance.resources import PROJECT_DIR

BINDINGS = {"native": "node", "wasm": "wasm-node", "wasm-browser": "wasm-browser"}


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
