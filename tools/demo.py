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


#: Each layer on its own, every value visible (the profiled file read as a plain one, so every
#: profile's values count): what the core redacts in these is what the output must not show.
SECRET_PROBES = [
    ["--defaults", f"{EXAMPLE}/defaults.json"],
    ["--file", f"{EXAMPLE}/config.toml"],
    ["--file", f"{EXAMPLE}/profiles.yaml"],
    ["--env", "APP_"],
]


def redacted_values(redacted: object, raw: object) -> list[str]:
    """The values the core's redaction replaced: leaves that are ``***`` in ``redacted`` (a
    ``show --format json`` output) and something else in ``raw`` (the same with
    ``--no-redact``). The core decides what a secret is; this only compares."""
    if isinstance(redacted, dict) and isinstance(raw, dict):
        return [v for k in redacted for v in redacted_values(redacted[k], raw.get(k))]
    if isinstance(redacted, list) and isinstance(raw, list):
        return [v for r, w in zip(redacted, raw, strict=False) for v in redacted_values(r, w)]
    if redacted == "***" and raw != "***":
        return _strings(raw)
    return []


def _strings(tree: object) -> list[str]:
    """Every non-empty string in a value (a redacted table hides all of them)."""
    if isinstance(tree, dict):
        return [s for v in tree.values() for s in _strings(v)]
    if isinstance(tree, list):
        return [s for v in tree for s in _strings(v)]
    return [tree] if isinstance(tree, str) and tree else []


def shell_command(args: list[str]) -> str:
    return " ".join(shlex.quote(a) for a in ["superconfig", *args])
