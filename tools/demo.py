"""The bundled example (``examples/service``) and the ``superconfig`` command lines the ``demo``
session runs on it. The same command is the README's first example."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from tools.paths import SERVICE_EXAMPLE, rel

EXAMPLE = rel(SERVICE_EXAMPLE)

#: Layers, lowest priority first: code defaults, the base TOML, the profiled YAML, then APP_*.
LAYERS = [
    "--defaults",
    f"{EXAMPLE}/defaults.json",
    "--file",
    f"{EXAMPLE}/config.toml",
    "--profiled-file",
    f"{EXAMPLE}/profiles.yaml",
    "--env",
    "APP_",
]
PROFILE = ["--profile", "prod"]

#: (title, arguments after ``superconfig``)
COMMANDS = [
    (
        "every value with the layer that set it and the ones it overrode",
        ["show", *LAYERS, *PROFILE, "--sources"],
    ),
    (
        "the merged configuration as YAML (secrets redacted)",
        ["show", *LAYERS, *PROFILE, "--format", "yaml"],
    ),
    (
        "why a few values are what they are",
        ["explain", *LAYERS, *PROFILE, "server.port", "features", "database.password"],
    ),
    ("the layers, the profile and any warnings", ["sources", *LAYERS, *PROFILE]),
]

_LINE = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$")
_SECRET_WORDS = (
    "password",
    "passwd",
    "secret",
    "token",
    "api_key",
    "apikey",
    "private_key",
    "credential",
)


def example_environment(path: Path | None = None) -> dict[str, str]:
    """The variables of ``examples/service/.env.example`` (shell syntax: ``KEY=value``, quotes,
    ``export``, ``#`` comments), so the demo needs no shell to set them."""
    env: dict[str, str] = {}
    text = (path or SERVICE_EXAMPLE / ".env.example").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _LINE.match(line)
        if not match:
            raise ValueError(f".env.example: cannot read line {line!r}")
        name, raw = match.groups()
        words = shlex.split(raw, comments=True)
        env[name] = words[0] if words else ""
    return env


def secret_values(env: dict[str, str]) -> list[str]:
    """Values of the variables whose key names a secret: none may appear in the demo's output."""
    return [
        value
        for name, value in env.items()
        if value and any(word in name.lower() for word in _SECRET_WORDS)
    ]


def file_secret_values() -> list[str]:
    """Values under secret-named keys in the example's TOML and JSON files (the YAML holds none):
    the overridden ones must not show either."""
    import json
    import tomllib

    found: list[str] = []

    def walk(tree: object, secret: bool) -> None:
        if isinstance(tree, dict):
            for key, value in tree.items():
                walk(value, secret or any(w in str(key).lower() for w in _SECRET_WORDS))
        elif isinstance(tree, list):
            for item in tree:
                walk(item, secret)
        elif secret and isinstance(tree, str) and tree:
            found.append(tree)

    walk(tomllib.loads((SERVICE_EXAMPLE / "config.toml").read_text(encoding="utf-8")), False)
    walk(json.loads((SERVICE_EXAMPLE / "defaults.json").read_text(encoding="utf-8")), False)
    return found


def shell_command(args: list[str]) -> str:
    return " ".join(shlex.quote(a) for a in ["superconfig", *args])
