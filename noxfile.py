"""SuperConfig's task runner: one entry point for building, testing, linting and benchmarking the
core and its four faces.

    nox                    # everything testable: rust python node wasm conformance lint demo fuzz
    nox -s demo            # the `superconfig` CLI on examples/service
    nox -s conformance -- --binding python --cases /some/dir   # arguments go to the runner
    nox -s bench           # every benchmark -> bench-results/results.{json,md}
    nox -s fuzz -- 120     # every fuzz target of the core for 120 s (default 30)
    nox -s coverage        # line/region/branch coverage of the core -> target/coverage/
    nox --list             # sessions with their descriptions

Every crate builds into one target directory, ``<repo>/target`` (the crates are independent, with
no Cargo workspace), so the core is compiled once per profile and reused by every binding and
session. A session never skips a binding: a missing toolchain piece fails it with a message saying
what to install. How each binding is built lives in ``tools/builds.py``.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import nox

sys.path.insert(0, str(Path(__file__).resolve().parent))

from tools import bench as bench_results
from tools import builds, checks
from tools import conformance as conformance_runner
from tools import coverage as core_coverage
from tools import demo as service_demo
from tools import fuzz as fuzzing
from tools.paths import (
    BENCH_RESULTS,
    CONFORMANCE,
    CORE,
    JS_GLUE,
    NODE,
    PYTHON,
    REPO,
    TARGET_DIR,
    WASM,
    bench_fixture,
    rel,
    rust_crates,
)

nox.options.sessions = ["rust", "python", "node", "wasm", "conformance", "lint", "demo", "fuzz"]
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = True

# One shared target directory for cargo, maturin, napi-rs, the WASM build and the Rust adapter.
os.environ["CARGO_TARGET_DIR"] = str(TARGET_DIR)
os.environ.setdefault("SUPERCONFIG_REPO", str(REPO))
_fixture = bench_fixture()
if _fixture is not None:
    os.environ.setdefault("SUPERCONFIG_BENCH_FIXTURE", str(_fixture))


# ----- Rust -------------------------------------------------------------------------------------


def _cargo(session: nox.Session, crate: Path, *args: str) -> None:
    session.run(
        "cargo", args[0], "--manifest-path", str(crate / "Cargo.toml"), *args[1:], external=True
    )


def _clippy(session: nox.Session, crates: list[Path]) -> None:
    for crate in crates:
        _cargo(session, crate, "clippy", "--all-targets", "--", "-D", "warnings")
        if crate == JS_GLUE:
            # Its `fs` feature (the Node build's file layers) is off by default (the WASM build's).
            _cargo(
                session, crate, "clippy", "--all-targets", "--all-features", "--", "-D", "warnings"
            )


_CRATE_ALIASES = {"core": CORE, "python": PYTHON, "node": NODE, "wasm": WASM}


def _selected_crates(session: nox.Session) -> list[Path]:
    crates = rust_crates()
    if not session.posargs:
        return crates
    chosen = [_CRATE_ALIASES.get(arg, (REPO / arg).resolve()) for arg in session.posargs]
    unknown = [rel(c) for c in chosen if c not in crates]
    if unknown:
        session.error(
            f"not a crate of this checkout: {unknown} (have: "
            f"{[rel(c) for c in crates]}; aliases: {list(_CRATE_ALIASES)})"
        )
    return chosen


@nox.session(venv_backend="none")
def rust(session: nox.Session) -> None:
    """cargo fmt --check, clippy -D warnings, test: the core and every binding crate.

    Crates: crates/* (the core first), then bindings-python, bindings-node, bindings-wasm, each
    with its own Cargo.toml and lock file, all built into <repo>/target. `nox -s rust -- core
    node` checks only those (aliases core/python/node/wasm, or crate directories).
    """
    checks.require_rust_components(session, "rustfmt", "clippy")
    crates = _selected_crates(session)
    session.log("crates: " + ", ".join(rel(c) for c in crates))
    for crate in crates:
        _cargo(session, crate, "fmt", "--check")
    _clippy(session, crates)
    for crate in crates:
        _cargo(session, crate, "test")
    if CORE in crates:
        # Hostile input within 1 s, 256 MiB and a 256 KiB stack: bounds for optimised builds.
        _cargo(session, CORE, "test", "--release", "--test", "bounded_work")


# ----- Python -----------------------------------------------------------------------------------


@nox.session
def python(session: nox.Session) -> None:
    """Builds the Python binding (maturin) into the venv, then pytest bindings-python/tests.

    Arguments after -- go to pytest.
    """
    builds.install_python_binding(session, "test")
    with session.chdir(PYTHON):
        session.run("pytest", "tests", *session.posargs)


# ----- Node -------------------------------------------------------------------------------------


@nox.session(venv_backend="none")
def node(session: nox.Session) -> None:
    """npm install (from the lock), builds the napi-rs addon (release), then node --test."""
    builds.build_node_addon(session)
    if "test" in checks.npm_script_names(NODE):
        checks.run_in(session, NODE, "npm", "test", "--", *session.posargs, external=True)
    else:
        checks.run_in(session, NODE, "node", "--test", *session.posargs, external=True)


# ----- WASM -------------------------------------------------------------------------------------


@nox.session(venv_backend="none")
def wasm(session: nox.Session) -> None:
    """WASM toolchain and build (bindings-wasm/scripts/), then its Node and browser tests.

    bindings-wasm/scripts/toolchain.sh installs or checks the toolchain; the build step is
    scripts/build.* (else the npm script 'build'), the tests scripts/test.* (else 'npm test'),
    with Debian's Chromium for the browser.
    """
    builds.build_wasm(session, browser=True)
    checks.ensure_chromium(session)
    command = builds.wasm_step("test")
    if command is None:
        session.error(
            "bindings-wasm has no test step: expected bindings-wasm/scripts/test.sh (or .mjs/.py) "
            "or an npm script 'test'"
        )
    checks.run_in(session, WASM, *command, *session.posargs, external=True)


# ----- Conformance ------------------------------------------------------------------------------


@nox.session
def conformance(session: nox.Session) -> None:
    """Builds every binding and runs the conformance suite on all of them.

    `nox -s conformance -- ARGS` passes ARGS to `python -m tests_conformance` unchanged and builds
    only the bindings ARGS select with --binding (every binding when ARGS name none).
    """
    args, bindings = conformance_runner.runner_arguments(session.posargs)
    session.log("bindings: " + ", ".join(bindings))
    session.install("-e", str(CONFORMANCE), "pytest")
    if "rust" in bindings:
        builds.build_rust_adapter(session)
    if "python" in bindings:
        builds.install_python_binding(session)
    if "node" in bindings:
        builds.build_node_addon(session)
    if "wasm-node" in bindings or "wasm-browser" in bindings:
        builds.build_wasm(session, browser="wasm-browser" in bindings)
    if "wasm-browser" in bindings:
        checks.ensure_chromium(session)
    if not session.posargs:
        # The runner's own tests (comparison rule, case loading, adapters against a fake one);
        # the cases themselves run below, once, through the runner.
        with session.chdir(CONFORMANCE):
            session.run("pytest", "tests", "--ignore=tests/test_conformance.py", "-q")
        TARGET_DIR.mkdir(parents=True, exist_ok=True)
        args += ["--report", str(TARGET_DIR / "conformance-report.json")]
    session.run("python", "-m", "tests_conformance", *args)


# ----- Lint -------------------------------------------------------------------------------------


def _module_cycles(session: nox.Session) -> None:
    """No import cycle between the modules of any Rust crate (tools/module_cycles.py)."""
    session.run("python", str(REPO / "tools" / "module_cycles.py"), *map(str, rust_crates()))


def _typescript_node(session: nox.Session) -> None:
    """tsc --noEmit over the Node binding's hand-written and generated types."""
    builds.npm_install(session, NODE)
    if "typecheck" in checks.npm_script_names(NODE):
        checks.run_in(session, NODE, "npm", "run", "typecheck", external=True)
    else:
        tsc = str(NODE / "node_modules" / ".bin" / "tsc")
        checks.run_in(session, NODE, tsc, "--noEmit", "--strict", "index.d.ts", external=True)


def _typescript_wasm(session: nox.Session) -> None:
    """tsc --noEmit over the .d.ts files of the WASM build (wasm-bindgen's output)."""
    builds.build_wasm(session)
    step = builds.wasm_step("typecheck")
    if step is not None:
        checks.run_in(session, WASM, *step, external=True)
        return
    declarations = sorted(p for p in WASM.glob("pkg*/**/*.d.ts") if "node_modules" not in p.parts)
    if not declarations:
        session.error("the WASM build produced no .d.ts under bindings-wasm/pkg*/")
    own = WASM / "node_modules" / ".bin" / "tsc"
    if not own.exists():
        builds.npm_install(session, NODE)
    tsc = own if own.exists() else NODE / "node_modules" / ".bin" / "tsc"
    relative = [str(p.relative_to(WASM)) for p in declarations]
    checks.run_in(session, WASM, str(tsc), "--noEmit", "--strict", *relative, external=True)


def _python_lint(session: nox.Session) -> None:
    # ruff, each project with its own configuration
    with session.chdir(PYTHON):
        session.run("ruff", "check", ".")
    with session.chdir(CONFORMANCE):
        session.run("ruff", "check", ".")
    with session.chdir(REPO):
        mine = ["noxfile.py", "tools"]
        style = ["--line-length", "100", "--target-version", "py311"]
        session.run("ruff", "check", *style, "--select", "E,F,W,I,UP,B,SIM,RUF", *mine)
        session.run("ruff", "format", "--check", *style, *mine)


def _mypy(session: nox.Session) -> None:
    # the binding's sources, stubs and typing tests (its pyproject says which files)
    with session.chdir(PYTHON):
        session.run("mypy")
    with session.chdir(CONFORMANCE):
        session.run("mypy")


def _stubtest(session: nox.Session) -> None:
    allowlist = PYTHON / "stubtest-allowlist.txt"
    with session.chdir(REPO):  # not bindings-python/python, whose sources would shadow the build
        session.run("python", "-m", "mypy.stubtest", "superconfig", "--allowlist", str(allowlist))


@nox.session
def lint(session: nox.Session) -> None:
    """ruff, mypy + stubtest, clippy, tsc --noEmit (Node types and the WASM .d.ts).

    ruff and mypy (strict) with each Python project's own configuration; mypy.stubtest checks the
    Python stubs against the compiled module; clippy -D warnings for every crate. Every check
    runs even when an earlier one fails; the session fails at the end, naming the failed ones.
    """
    session.install("ruff", "mypy")
    builds.install_python_binding(session, "test")
    session.install("-e", f"{CONFORMANCE}[dev]")
    checks.require_rust_components(session, "clippy")

    steps = [
        ("ruff", _python_lint),
        ("mypy", _mypy),
        ("stubtest", _stubtest),
        ("clippy", lambda s: _clippy(s, rust_crates())),
        ("import cycles", _module_cycles),
        ("tsc (Node)", _typescript_node),
        ("tsc (WASM)", _typescript_wasm),
    ]
    failed = []
    for name, step in steps:
        session.log(f"--- lint: {name}")
        try:
            step(session)
        except Exception as exc:  # nox's CommandFailed, or a session.error of a build helper
            session.warn(f"lint: {name} failed: {exc}")
            failed.append(name)
    if failed:
        session.error("lint failed: " + ", ".join(failed))


# ----- Benchmarks -------------------------------------------------------------------------------

BENCH_SUITES = ("core", "python", "node", "wasm")


@nox.session
def bench(session: nox.Session) -> None:
    """Every benchmark, collected into bench-results/results.json and results.md.

    criterion for the core, then the Python, Node and WASM bench scripts on
    shared/bench-fixture. `nox -s bench -- core node` runs a subset.
    """
    suites = list(session.posargs) or list(BENCH_SUITES)
    unknown = [s for s in suites if s not in BENCH_SUITES]
    if unknown:
        session.error(f"unknown bench suite(s) {unknown}; choose from {list(BENCH_SUITES)}")
    if _fixture is None:
        session.error(
            "shared/bench-fixture not found beside the checkout (or set SUPERCONFIG_BENCH_FIXTURE)"
        )
    BENCH_RESULTS.mkdir(parents=True, exist_ok=True)
    started = time.time()

    if "core" in suites:
        session.install("PyYAML", "tomli-w")  # gen_large.py writes the 1 MB documents
        session.run(
            "cargo",
            "bench",
            "--manifest-path",
            str(CORE / "Cargo.toml"),
            "--bench",
            "core",
            external=True,
        )

    if "python" in suites:
        builds.install_python_binding(session, "bench")
        scripts = sorted((PYTHON / "benches").glob("*.py"))
        if not scripts:
            session.error("no Python bench script in bindings-python/benches/")
        for script in scripts:
            # convention: the output file is the one positional argument
            out = BENCH_RESULTS / f"python-{script.stem}.json"
            options = ["--fixture", str(_fixture)] if "--fixture" in script.read_text() else []
            session.run("python", str(script), str(out), *options)

    if "node" in suites:
        builds.build_node_addon(session)
        if "bench" not in checks.npm_script_names(NODE):
            session.error("bindings-node/package.json has no 'bench' script")
        checks.run_in(session, NODE, "npm", "run", "bench", external=True)
        produced = NODE / "bench" / "results.json"
        if not produced.is_file() or produced.stat().st_mtime < started:
            session.error("the Node bench wrote no bindings-node/bench/results.json")
        (BENCH_RESULTS / "node.json").write_bytes(produced.read_bytes())

    if "wasm" in suites:
        builds.build_wasm(session)
        command = builds.wasm_step("bench")
        if command is None:
            session.error("bindings-wasm has no bench step (scripts/bench.* or npm script 'bench')")
        out = BENCH_RESULTS / "wasm.json"
        separator = ["--"] if command[0] == "npm" else []
        checks.run_in(session, WASM, *command, *separator, str(out), external=True)

    result = bench_results.collect(BENCH_RESULTS, since=started, expected=tuple(suites))
    session.log(f"{len(result['rows'])} results: {rel(BENCH_RESULTS)}/results.json, results.md")
    if result["missing"]:
        session.error("no results from: " + ", ".join(result["missing"]))


# ----- Fuzzing ----------------------------------------------------------------------------------


@nox.session(venv_backend="none")
def fuzz(session: nox.Session) -> None:
    """cargo-fuzz + libFuzzer on the core (crates/superconfig/fuzz), on stable Rust.

    `nox -s fuzz -- [SECONDS] [TARGET...] [--sanitizer none|address]`: each target for SECONDS
    (default 30). Installs cargo-fuzz if missing, builds into target/fuzz, fails if any target
    crashes, times out or runs out of memory. How and why: tools/fuzz.py and the core's README.
    """
    fuzzing.run(session)


# ----- Coverage ---------------------------------------------------------------------------------


@nox.session
def coverage(session: nox.Session) -> None:
    """Line, region and branch coverage of the core by its tests and the conformance suite.

    cargo-llvm-cov with Debian's llvm-22 (installed if missing); `cargo test` of the core (unit,
    tests/, doctests) and the conformance cases through the instrumented Rust adapter, merged into
    one per-file table and target/coverage/{summary.md,summary.json,lcov.info,html/}. Fails under
    95% of the lines in total (`nox -s coverage -- --fail-under N`). How and why: tools/coverage.py
    and the core's README.
    """
    core_coverage.run(session)


# ----- Demo -------------------------------------------------------------------------------------


@nox.session
def demo(session: nox.Session) -> None:
    """The superconfig CLI on examples/service, with the source of every value.

    Layers: defaults + TOML + profiled YAML + APP_* variables from .env.example, profile prod.
    Fails if a secret value shows up in the output.
    """
    builds.install_python_binding(session)
    example_env = service_demo.example_environment()
    # exactly the example's APP_* variables: none from the caller's shell
    env: dict[str, str | None] = {k: None for k in os.environ if k.startswith("APP_")}
    env.update(example_env)
    color = ["--color", "always"] if sys.stdout.isatty() and not os.environ.get("NO_COLOR") else []
    secrets: list[str] = []
    quiet: dict[str, Any] = {"env": env, "silent": True}
    with session.chdir(REPO):
        for probe in service_demo.SECRET_PROBES:
            shown = [
                json.loads(str(session.run("superconfig", "show", *probe, *extra, **quiet)))
                for extra in ([], ["--no-redact"])
            ]
            secrets += service_demo.redacted_values(*shown)
    if not secrets:
        session.error("the example has no secret values to check the output against")
    session.log(
        "environment (examples/service/.env.example): " + " ".join(f"{k}=…" for k in example_env)
    )
    with session.chdir(REPO):
        for title, args in service_demo.COMMANDS:
            session.log(f"{title}:\n    {service_demo.shell_command(args)}")
            output = session.run("superconfig", *args, *color, env=env, silent=True)
            assert isinstance(output, str)
            print(output, flush=True)
            leaked = [s for s in secrets if s in output]
            if leaked:
                session.error(f"a secret value was printed by `superconfig {args[0]}`")
            if args[0] == "show" and "--sources" in args and "***" not in output:
                session.error("the secrets were not shown as *** in `superconfig show --sources`")
