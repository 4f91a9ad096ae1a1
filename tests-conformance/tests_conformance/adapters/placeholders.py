"""Capabilities of the JavaScript-side bindings (``node``, ``wasm-node``, ``wasm-browser``) and
the environment variable that overrides each one's adapter command (see ``node.py``).

Any binding's driver can be swapped without touching the runner: point
``SUPERCONFIG_<NAME>_ADAPTER`` (``NODE``, ``WASM_NODE``, ``WASM_BROWSER``) at a command line that
speaks the JSON-lines protocol; the capabilities below then apply.
"""

from __future__ import annotations

from tests_conformance.adapters.base import Capabilities

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
