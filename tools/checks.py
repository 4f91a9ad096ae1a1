"""Toolchain checks. A session never skips a binding quietly: a missing piece is a failure whose
message says what is missing and how to get it.

Debian packages (Chromium for the browser tests) are installed when that is possible without a
question (root, or passwordless sudo) and ``SUPERCONFIG_NO_APT`` is not set; otherwise the session
fails with the command to run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

# The session type is nox's; typed loosely so these helpers import without nox.
Session = Any

_HINTS = {
    "cargo": "install Rust with rustup (https://rustup.rs), stable toolchain",
    "rustup": "install Rust with rustup (https://rustup.rs), stable toolchain",
    "node": "install Node.js 20 (Debian: the nodejs package from NodeSource, or nvm)",
    "npm": "npm comes with Node.js 20",
    "python3": "install CPython 3.11",
}

_apt_updated = False


def require(session: Session, *tools: str, why: str = "") -> None:
    """Fails the session unless every program in ``tools`` is on PATH."""
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        lines = [f"missing on PATH: {', '.join(missing)}" + (f" (needed {why})" if why else "")]
        lines += [f"  {t}: {_HINTS[t]}" for t in missing if t in _HINTS]
        session.error("\n".join(lines))


def require_dir(session: Session, path: Path, what: str) -> None:
    """Fails the session unless ``path`` exists (a binding directory, a script)."""
    if not path.exists():
        session.error(f"{what}: {path} does not exist in this checkout")


def require_rust_components(session: Session, *components: str) -> None:
    """``rustfmt``/``clippy`` come with rustup's default profile; say how to add them if not."""
    require(session, "cargo", why="for the Rust crates")
    for component in components:
        sub = {"rustfmt": "fmt", "clippy": "clippy"}[component]
        probe = subprocess.run(
            ["cargo", sub, "--version"], capture_output=True, text=True, check=False
        )
        if probe.returncode != 0:
            session.error(f"cargo {sub} is not available: run `rustup component add {component}`")


def _cargo_subcommand_version(subcommand: str) -> str | None:
    probe = subprocess.run(
        ["cargo", subcommand, "--version"], capture_output=True, text=True, check=False
    )
    return probe.stdout.strip() if probe.returncode == 0 else None


def ensure_cargo_subcommand(session: Session, subcommand: str, crate: str) -> None:
    """``cargo SUBCOMMAND`` from crates.io (``cargo install --locked CRATE``) unless installed."""
    version = _cargo_subcommand_version(subcommand)
    if version is None:
        session.log(f"{crate} is not installed: cargo install --locked {crate}")
        session.run("cargo", "install", "--locked", crate, external=True)
        version = _cargo_subcommand_version(subcommand)
        if version is None:
            session.error(f"`cargo install {crate}` ran but `cargo {subcommand}` still fails")
    session.log(f"{version}; {subprocess.check_output(['rustc', '-V'], text=True).strip()}")


def node_major() -> int | None:
    try:
        out = subprocess.run(["node", "--version"], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    match = re.match(r"v(\d+)", out.stdout.strip())
    return int(match.group(1)) if match else None


def require_node(session: Session, minimum: int = 18) -> None:
    require(session, "node", "npm", why="for the Node and WASM bindings")
    major = node_major()
    if major is None or major < minimum:
        session.error(f"Node.js >= {minimum} is needed (found {major}): {_HINTS['node']}")


def _found(program: str) -> bool:
    return Path(program).exists() if "/" in program else shutil.which(program) is not None


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _privileged_prefix() -> list[str] | None:
    """``[]`` as root, ``["sudo", "-n"]`` with passwordless sudo, ``None`` otherwise."""
    if is_root():
        return []
    if shutil.which("sudo"):
        probe = subprocess.run(["sudo", "-n", "true"], capture_output=True, check=False)
        if probe.returncode == 0:
            return ["sudo", "-n"]
    return None


def ensure_debian_packages(session: Session, programs: Mapping[str, str], why: str) -> None:
    """Makes sure each program (name on PATH or absolute path) exists, installing its Debian
    package (``programs`` maps program -> package) when it does not and we may."""
    global _apt_updated
    missing = sorted({pkg for program, pkg in programs.items() if not _found(program)})
    if not missing:
        return
    command = ["apt-get", "install", "-y", "--no-install-recommends", *missing]
    prefix = _privileged_prefix()
    if os.environ.get("SUPERCONFIG_NO_APT") or prefix is None or not shutil.which("apt-get"):
        session.error(
            f"{why} needs the Debian package(s) {', '.join(missing)}, which are not installed.\n"
            f"  Install them: sudo apt-get update && sudo {' '.join(command)}"
        )
    session.log(f"installing Debian package(s) {', '.join(missing)} ({why})")
    env = {"DEBIAN_FRONTEND": "noninteractive"}
    if not _apt_updated:
        session.run(*prefix, "apt-get", "update", "-qq", external=True, env=env)
        _apt_updated = True
    session.run(*prefix, *command, external=True, env=env)
    still = [program for program in programs if not _found(program)]
    if still:
        session.error(f"installed {', '.join(missing)} but {', '.join(still)} is still missing")


CHROMIUM = "/usr/bin/chromium"


def ensure_chromium(session: Session) -> None:
    """Debian's Chromium, driven by playwright-core in the browser tests (no browser download)."""
    ensure_debian_packages(session, {CHROMIUM: "chromium"}, "the browser (WASM) tests")


def run_in(session: Session, directory: Path, *args: str, **kwargs: Any) -> Any:
    """``session.run`` with ``directory`` as the working directory."""
    with session.chdir(directory):
        return session.run(*args, **kwargs)


def npm_script_names(package_dir: Path) -> set[str]:
    import json

    manifest = package_dir / "package.json"
    if not manifest.is_file():
        return set()
    return set(json.loads(manifest.read_text(encoding="utf-8")).get("scripts", {}))
