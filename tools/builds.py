"""How each binding is built, in one place, so that every session builds a binding the same way
(same cargo profile, same shared target directory) and cargo finds it already built the second
time.

- core / Rust adapter: ``cargo build --release --example conformance_adapter`` (crates/superconfig)
- Python: ``pip install bindings-python`` (maturin's PEP 517 backend, release profile) into the
  session's virtualenv
- Node: ``npm install`` from the lock file (scripts off: nothing downloads or builds behind our
  back), ``npm run build``
  (``napi build --platform --release``) in bindings-node
- WASM: ``bindings-wasm/scripts/toolchain.sh`` (installs/checks the toolchain), then the build
  script in ``bindings-wasm/scripts/``
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from tools import checks
from tools.paths import CORE, NODE, PYTHON, WASM, rel

Session = Any

# ----- Python ---------------------------------------------------------------------------------


def _load_toml(path: Path) -> dict[str, Any]:
    import tomllib

    with path.open("rb") as handle:
        return tomllib.load(handle)


def python_extras(*extras: str) -> list[str]:
    """The requirements of the Python binding's optional-dependency groups ``extras``."""
    project = _load_toml(PYTHON / "pyproject.toml").get("project", {})
    groups = project.get("optional-dependencies", {})
    requirements: list[str] = []
    for extra in extras:
        if extra not in groups:
            raise KeyError(f"bindings-python/pyproject.toml has no optional dependency {extra!r}")
        requirements += [r for r in groups[extra] if r not in requirements]
    return requirements


def install_python_binding(session: Session, *extras: str, also: tuple[str, ...] = ()) -> None:
    """Builds the Python binding (maturin, release, shared target dir) and installs it in the
    session's virtualenv, with the requirements of ``extras`` and ``also``.

    The package itself is installed with ``--no-deps --force-reinstall``: its version does not
    change between commits, and a stale build must never be tested.
    """
    checks.require_dir(session, PYTHON / "pyproject.toml", "the Python binding")
    checks.require(session, "cargo", why="to build the Python binding (maturin)")
    requirements = [*python_extras(*extras), *also]
    if requirements:
        session.install(*requirements)
    session.install("--no-deps", "--force-reinstall", str(PYTHON))
    session.run(
        "python",
        "-c",
        "import superconfig, sys; print('superconfig', "
        "superconfig.__version__, 'installed for', sys.executable)",
    )


# ----- npm ------------------------------------------------------------------------------------


def _node_modules_current(package_dir: Path) -> bool:
    """Whether node_modules holds exactly what package-lock.json pins (npm's own record of the
    installed tree, node_modules/.package-lock.json, lists the same packages at the same
    versions)."""
    lock_path = package_dir / "package-lock.json"
    hidden_path = package_dir / "node_modules" / ".package-lock.json"
    if not lock_path.is_file() or not hidden_path.is_file():
        return False
    try:
        lock = json.loads(lock_path.read_text(encoding="utf-8")).get("packages", {})
        hidden = json.loads(hidden_path.read_text(encoding="utf-8")).get("packages", {})
    except (OSError, ValueError):
        return False
    wanted = {k: v.get("version") for k, v in lock.items() if k and not v.get("optional")}
    have = {k: v.get("version") for k, v in hidden.items() if k}
    return all(have.get(k) == version for k, version in wanted.items())


def npm_install(session: Session, package_dir: Path) -> None:
    """``npm install`` of what the lock file pins, unless node_modules already holds it.
    Not ``npm ci``: the registry here lacks some optional per-platform packages (for example
    ``@napi-rs/lzma-darwin-arm64``), which npm then leaves out of the lock, and ``npm ci`` refuses
    such a lock. Lifecycle scripts are off: the builds are explicit steps, and no package may
    fetch a browser or a binary from outside the registry."""
    checks.require_node(session)
    if _node_modules_current(package_dir):
        session.log(f"{rel(package_dir)}/node_modules matches package-lock.json")
        return
    checks.run_in(
        session,
        package_dir,
        "npm",
        "install",
        "--ignore-scripts",
        "--no-audit",
        "--no-fund",
        external=True,
    )


# ----- Node -----------------------------------------------------------------------------------


def build_node_addon(session: Session) -> None:
    """The napi-rs addon in bindings-node (release, as published)."""
    checks.require_dir(session, NODE / "package.json", "the Node binding")
    checks.require_node(session)
    checks.require(session, "cargo", why="to build the Node addon (napi-rs)")
    npm_install(session, NODE)
    if "build" not in checks.npm_script_names(NODE):
        session.error("bindings-node/package.json has no 'build' script")
    checks.run_in(session, NODE, "npm", "run", "build", external=True)


# ----- WASM -----------------------------------------------------------------------------------

WASM_SCRIPTS = WASM / "scripts"
_RUNNERS = {
    ".sh": ["bash"],
    ".mjs": ["node"],
    ".js": ["node"],
    ".cjs": ["node"],
    ".py": ["python3"],
}


def wasm_step(action: str) -> list[str] | None:
    """The command for ``action`` (build, test, bench, typecheck) of the WASM binding:
    ``bindings-wasm/scripts/<action>.{sh,mjs,js,cjs,py}``, else the npm script ``<action>``."""
    for suffix, runner in _RUNNERS.items():
        script = WASM_SCRIPTS / f"{action}{suffix}"
        if script.is_file():
            return [*runner, str(script)]
    if action in checks.npm_script_names(WASM):
        return ["npm", "run", action]
    return None


def _wasm_target_installed() -> bool:
    import subprocess

    try:
        out = subprocess.run(
            ["rustup", "target", "list", "--installed"], capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return False
    return "wasm32-unknown-unknown" in out.stdout.split()


def ensure_wasm_toolchain(session: Session, browser: bool = False) -> None:
    """Runs ``bindings-wasm/scripts/toolchain.sh``, which installs (or finds already there) what
    the WASM build needs: the wasm32 standard library (rustup's target, or Debian's rustc-web +
    rust-web-src + lld), wasm-opt, the ``wasm-bindgen`` CLI at the version in Cargo.lock, and with
    ``browser`` Debian's Chromium and playwright-core. It is idempotent; it needs root for apt."""
    checks.require_dir(session, WASM, "the WASM binding")
    toolchain = WASM_SCRIPTS / "toolchain.sh"
    if toolchain.is_file():
        args = ["--with-browser"] if browser else []
        lock = WASM / "Cargo.lock"
        if lock.is_file():
            args.append(str(lock))
        if checks.is_root() and not os.environ.get("SUPERCONFIG_NO_APT"):
            session.run("bash", str(toolchain), *args, external=True)
        else:
            why = "SUPERCONFIG_NO_APT is set" if checks.is_root() else "not root"
            session.warn(
                f"{why}: not running {rel(toolchain)} (it installs with apt-get); assuming the "
                f"WASM toolchain is installed. If the build fails, run as root: "
                f"bash {rel(toolchain)} {' '.join(args)}"
            )
        return
    # No script: at least say precisely what is missing.
    if not _wasm_target_installed() and not Path("/usr/lib/rustlib/src/rust/library").is_dir():
        session.error(
            "no wasm32 standard library: rustup's target wasm32-unknown-unknown is not installed "
            "and Debian's rust-web-src is not either (bindings-wasm/scripts/toolchain.sh installs "
            "the toolchain; it is not in this checkout)"
        )
    checks.require(
        session, "wasm-bindgen", why="for the WASM build (cargo install wasm-bindgen-cli)"
    )


def build_wasm(session: Session, browser: bool = False) -> None:
    """Toolchain (with Chromium when ``browser``), npm packages, then the build script of
    bindings-wasm."""
    ensure_wasm_toolchain(session, browser=browser)
    if (WASM / "package.json").is_file():
        npm_install(session, WASM)
    command = wasm_step("build")
    if command is None:
        session.error(
            "bindings-wasm has no build step: expected bindings-wasm/scripts/build.sh (or .mjs/"
            ".py) or an npm script 'build'"
        )
    checks.run_in(session, WASM, *command, external=True)


# ----- Rust adapter of the conformance suite ----------------------------------------------------


def build_rust_adapter(session: Session) -> None:
    """Built explicitly (not left to the runner, which only builds it when it is missing), so a
    stale adapter is never run."""
    checks.require(session, "cargo", why="for the Rust conformance adapter")
    session.run(
        "cargo",
        "build",
        "--release",
        "--example",
        "conformance_adapter",
        "--manifest-path",
        str(CORE / "Cargo.toml"),
        external=True,
    )
