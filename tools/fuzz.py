"""Coverage-guided fuzzing of the core (``crates/superconfig/fuzz``) with cargo-fuzz and libFuzzer,
on the stable toolchain: what ``nox -s fuzz`` does.

    nox -s fuzz                         # every target, 30 s each
    nox -s fuzz -- 120                  # 120 s each
    nox -s fuzz -- 60 roundtrip_toml env_map
    nox -s fuzz -- 60 --sanitizer address   # AddressSanitizer (needs RUSTC_BOOTSTRAP, set here)

The route on stable Rust: ``cargo fuzz build --sanitizer none`` passes rustc only stable ``-C``
flags (the SanitizerCoverage pass and its options, ``--cfg fuzzing``), and libfuzzer-sys compiles
libFuzzer itself from C++ with the system compiler, so no nightly toolchain is needed. Only a
sanitizer (``-Zsanitizer=address``, cargo-fuzz's default) is a nightly flag; with
``--sanitizer address`` the build sets ``RUSTC_BOOTSTRAP=1`` so that stable rustc accepts it (the
ASan runtime ships with the stable toolchain).

Each target runs for N seconds under libFuzzer's fork mode (``-fork=1``) with crashes, timeouts
and OOMs ignored, so one run finds every failure it can in its time instead of stopping at the
first; the session fails afterwards if any target had one. The corpus a run grows is scratch, in
``target/fuzz/corpus/<target>`` (kept between runs, so later runs start further); the committed
seeds in ``crates/superconfig/fuzz/seeds/<target>`` are read, never written. Failing inputs go to
``target/fuzz/artifacts/<target>/`` (emptied at the start of the target's run); each is run once
more afterwards to name its panic. Inputs saved in ``crates/superconfig/fuzz/artifacts-found/
<target>/`` are run first, as regression tests: one that still fails fails the session.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tools import checks
from tools.paths import CORE, TARGET_DIR, rel

Session = Any

FUZZ = CORE / "fuzz"
#: Its own target directory: a fuzz build (instrumented, other RUSTFLAGS) never invalidates or
#: locks the shared one.
FUZZ_TARGET_DIR = TARGET_DIR / "fuzz"
CORPUS = FUZZ_TARGET_DIR / "corpus"
ARTIFACTS = FUZZ_TARGET_DIR / "artifacts"
LOGS = FUZZ_TARGET_DIR / "logs"
SEEDS = FUZZ / "seeds"
FOUND = FUZZ / "artifacts-found"

DEFAULT_SECONDS = 30
SANITIZERS = ("none", "address")

#: Per input: 1 s, 2 GB of RSS.
LIBFUZZER_LIMITS = ["-rss_limit_mb=2048", "-timeout=1"]
#: Re-running one failing input to name it.
REPRODUCE_TIMEOUT_S = 30
#: Failing inputs re-run per target (the smallest first); the rest are only counted.
REPRODUCE_AT_MOST = 40

_FORK_STATUS = re.compile(
    r"^#(?P<runs>\d+): cov: (?P<cov>\d+) ft: (?P<ft>\d+) corp: (?P<corp>\d+) "
    r"exec/s: (?P<eps>\d+) oom/timeout/crash: (?P<oom>\d+)/(?P<timeout>\d+)/(?P<crash>\d+) "
    r"time: (?P<time>\d+)s"
)
_INITED = re.compile(r"INFO: -fork=\d+: (?P<seeds>\d+) seed inputs")
_QUOTED = re.compile(r"'[^']*'")
_POSITION = re.compile(r":\d+:\d+:")
_PANIC = re.compile(r"panicked at (?P<where>[^\n]+?):\n(?P<message>[^\n]*)")


@dataclass
class Failure:
    """Failing inputs of one kind and place (the panic's location and first line)."""

    signature: str
    artifacts: list[str] = field(default_factory=list)


@dataclass
class TargetRun:
    target: str
    seconds: int = 0
    executions: int = 0
    cov: int = 0
    ft: int = 0
    corpus: int = 0
    seeds: int = 0
    crashes: int = 0
    timeouts: int = 0
    ooms: int = 0
    artifacts: int = 0
    failures: list[Failure] = field(default_factory=list)
    regressions: list[str] = field(default_factory=list)
    log: str = ""
    finished: bool = False

    @property
    def exec_per_s(self) -> int:
        return self.executions // self.seconds if self.seconds else 0

    @property
    def failed(self) -> bool:
        return bool(
            not self.finished
            or self.crashes
            or self.timeouts
            or self.ooms
            or self.artifacts
            or self.regressions
        )


# ----- arguments ---------------------------------------------------------------------------------


def targets() -> list[str]:
    """The fuzz targets: the ``[[bin]]`` entries of crates/superconfig/fuzz/Cargo.toml."""
    with (FUZZ / "Cargo.toml").open("rb") as handle:
        manifest = tomllib.load(handle)
    return [b["name"] for b in manifest.get("bin", [])]


def parse_posargs(posargs: list[str]) -> tuple[int, list[str], str]:
    """``[SECONDS] [TARGET...] [--sanitizer none|address]`` -> (seconds, targets, sanitizer)."""
    seconds = DEFAULT_SECONDS
    chosen: list[str] = []
    sanitizer = "none"
    known = targets()
    args = list(posargs)
    while args:
        arg = args.pop(0)
        if arg == "--sanitizer" and args:
            sanitizer = args.pop(0)
        elif arg.startswith("--sanitizer="):
            sanitizer = arg.split("=", 1)[1]
        elif arg.isdigit():
            seconds = int(arg)
        elif arg in known:
            chosen.append(arg)
        else:
            raise ValueError(
                f"unknown argument {arg!r}: expected seconds, a target ({', '.join(known)}) "
                f"or --sanitizer {{{','.join(SANITIZERS)}}}"
            )
    if sanitizer not in SANITIZERS:
        raise ValueError(f"--sanitizer must be one of {SANITIZERS}, not {sanitizer!r}")
    if seconds < 1:
        raise ValueError("the time per target must be at least 1 second")
    return seconds, chosen or known, sanitizer


# ----- toolchain and build -----------------------------------------------------------------------


def host_triple() -> str:
    out = subprocess.run(["rustc", "-vV"], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        if line.startswith("host:"):
            return line.split(":", 1)[1].strip()
    raise RuntimeError("`rustc -vV` printed no host triple")


def build_env(sanitizer: str, target_dir: Path = FUZZ_TARGET_DIR) -> dict[str, str]:
    env = {"CARGO_TARGET_DIR": str(target_dir)}
    if sanitizer != "none":
        # -Zsanitizer is a nightly flag; stable rustc accepts it with RUSTC_BOOTSTRAP=1.
        env["RUSTC_BOOTSTRAP"] = "1"
    return env


def target_dir_for(sanitizer: str) -> Path:
    """One target directory per sanitizer: switching never rebuilds the other."""
    return FUZZ_TARGET_DIR if sanitizer == "none" else TARGET_DIR / f"fuzz-{sanitizer}"


def build(session: Session, chosen: list[str], sanitizer: str) -> Path:
    """``cargo fuzz build`` of the chosen targets; returns the directory of the binaries."""
    target_dir = target_dir_for(sanitizer)
    env = build_env(sanitizer, target_dir)
    # The fuzz crate's own lock file is committed: refuse to run if it would have to change.
    session.run(
        "cargo",
        "metadata",
        "--locked",
        "--format-version",
        "1",
        "--manifest-path",
        str(FUZZ / "Cargo.toml"),
        external=True,
        silent=True,
        env=env,
    )
    every = chosen == targets()
    for target in [None] if every else chosen:
        args = ["cargo", "fuzz", "build", "--fuzz-dir", str(FUZZ), "--sanitizer", sanitizer]
        session.run(*args, *([target] if target else []), external=True, env=env)
    binaries = target_dir / host_triple() / "release"
    missing = [t for t in chosen if not (binaries / t).is_file()]
    if missing:
        session.error(f"cargo fuzz build produced no binary for {missing} in {rel(binaries)}")
    return binaries


# ----- running -----------------------------------------------------------------------------------


def _empty_dir(path: Path) -> None:
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)


def _failing_inputs(directory: Path) -> list[Path]:
    prefixes = ("crash-", "timeout-", "oom-", "leak-")
    if not directory.is_dir():
        return []
    found = [p for p in directory.iterdir() if p.is_file() and p.name.startswith(prefixes)]
    return sorted(found, key=lambda p: (p.stat().st_size, p.name))


def run_input(binary: Path, path: Path) -> tuple[bool, str]:
    """Runs ``binary`` on one input: (whether it failed, a one-line signature of the failure)."""
    env = {**os.environ, "RUST_BACKTRACE": "1"}
    try:
        done = subprocess.run(
            [str(binary), *LIBFUZZER_LIMITS, str(path)],
            capture_output=True,
            text=True,
            errors="replace",
            env=env,
            timeout=REPRODUCE_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return True, f"no answer within {REPRODUCE_TIMEOUT_S} s"
    return done.returncode != 0, signature(done.stdout + done.stderr)


def signature(output: str) -> str:
    """What a libFuzzer run on one input died of, in one line."""
    panic = _PANIC.search(output)
    if panic:
        # quoted keys and values vary between inputs that fail the same way
        message = _POSITION.sub(":L:C:", _QUOTED.sub("'…'", panic["message"]))
        return f"panic at {panic['where']}: {message[:160]}"
    for needle, what in (
        ("has overflowed its stack", "stack overflow"),
        ("ERROR: libFuzzer: timeout", "timeout (> 1 s)"),
        ("ERROR: libFuzzer: out-of-memory", "out of memory (> 2048 MB)"),
        ("ERROR: AddressSanitizer", "AddressSanitizer: "),
        ("ERROR: libFuzzer: deadly signal", "deadly signal"),
    ):
        if needle in output:
            if what.endswith(": "):
                line = next(ln for ln in output.splitlines() if needle in ln)
                return what + line.split(needle, 1)[1].strip()[:160]
            return what
    return "failed (no panic message; see the log)"


def regressions(binary: Path, target: str) -> list[str]:
    """Inputs saved in artifacts-found/<target>/ that still fail, with what they fail of."""
    still: list[str] = []
    directory = FOUND / target
    if not directory.is_dir():
        return still
    for path in sorted(p for p in directory.iterdir() if p.is_file() and p.name != "README.md"):
        failed, why = run_input(binary, path)
        if failed:
            still.append(f"{rel(path)}: {why}")
    return still


def _stop(process: subprocess.Popen[str]) -> None:
    """Ends the fuzzer and the jobs it forked (its own process group), if still running."""
    if process.poll() is not None:
        return
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
            process.wait(timeout=10)
            return
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            continue


def run_target(session: Session, binary: Path, target: str, seconds: int) -> TargetRun:
    result = TargetRun(target=target)
    result.regressions = regressions(binary, target)
    for line in result.regressions:
        session.warn(f"{target}: a saved failing input still fails: {line}")

    corpus = CORPUS / target
    corpus.mkdir(parents=True, exist_ok=True)
    artifacts = ARTIFACTS / target
    _empty_dir(artifacts)
    LOGS.mkdir(parents=True, exist_ok=True)
    log_path = LOGS / f"{target}.log"
    result.log = rel(log_path)
    seeds = [str(SEEDS / target)] if (SEEDS / target).is_dir() else []
    command = [
        str(binary),
        str(corpus),  # the first directory is the one libFuzzer writes to
        *seeds,
        "-fork=1",
        "-ignore_crashes=1",
        "-ignore_timeouts=1",
        "-ignore_ooms=1",
        f"-max_total_time={seconds}",
        *LIBFUZZER_LIMITS,
        f"-artifact_prefix={artifacts}/",
        "-print_final_stats=1",
    ]
    session.log(f"--- {target}: {seconds} s, corpus {rel(corpus)}, seeds {len(seeds)} dir(s)")
    started = time.monotonic()
    with log_path.open("w", encoding="utf-8") as log:
        log.write(" ".join(command) + "\n")
        log.flush()
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            start_new_session=True,
            env={**os.environ, "RUST_BACKTRACE": "1"},
        )
        # libFuzzer stops by itself after max_total_time (plus the running job's wrap-up); this
        # only guards against a fuzzer that never does.
        watchdog = threading.Timer(seconds + 300, _stop, args=(process,))
        watchdog.start()
        try:
            assert process.stdout is not None
            for line in process.stdout:
                log.write(line)
                status = _FORK_STATUS.match(line)
                if status:
                    result.executions = int(status["runs"])
                    result.cov = int(status["cov"])
                    result.ft = int(status["ft"])
                    result.corpus = int(status["corp"])
                    result.ooms = int(status["oom"])
                    result.timeouts = int(status["timeout"])
                    result.crashes = int(status["crash"])
                inited = _INITED.search(line)
                if inited:
                    result.seeds = int(inited["seeds"])
                if line.startswith("INFO: exiting:"):
                    result.finished = True
            process.wait()
        finally:
            watchdog.cancel()
            _stop(process)
    result.seconds = max(1, round(time.monotonic() - started))

    found = _failing_inputs(artifacts)
    result.artifacts = len(found)
    groups: dict[str, Failure] = {}
    for path in found[:REPRODUCE_AT_MOST]:
        _, why = run_input(binary, path)
        groups.setdefault(why, Failure(signature=why)).artifacts.append(rel(path))
    result.failures = list(groups.values())
    session.log(summary_line(result))
    return result


# ----- reporting ---------------------------------------------------------------------------------


def summary_line(r: TargetRun) -> str:
    return (
        f"{r.target}: {r.executions} executions in {r.seconds} s ({r.exec_per_s} exec/s), "
        f"cov {r.cov}, ft {r.ft}, corpus {r.corpus}; crashes {r.crashes}, timeouts {r.timeouts}, "
        f"OOMs {r.ooms}"
    )


def table(results: list[TargetRun]) -> str:
    header = (
        "| target | seconds | executions | exec/s | cov | ft | corpus | crashes | timeouts | OOMs |"
    )
    lines = [header, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        lines.append(
            f"| {r.target} | {r.seconds} | {r.executions:,} | {r.exec_per_s:,} | {r.cov} | "
            f"{r.ft} | {r.corpus} | {r.crashes} | {r.timeouts} | {r.ooms} |"
        )
    return "\n".join(lines)


def failures_text(results: list[TargetRun]) -> str:
    lines: list[str] = []
    for r in results:
        if not r.finished:
            lines.append(f"{r.target}: the fuzzer did not finish normally (see {r.log})")
        lines += [f"{r.target}: saved input still fails: {line}" for line in r.regressions]
        if r.artifacts:
            lines.append(
                f"{r.target}: {r.artifacts} failing input(s) in "
                f"{rel(ARTIFACTS / r.target)}/ (log {r.log})"
            )
        for failure in r.failures:
            smallest = failure.artifacts[0]
            lines.append(f"    {len(failure.artifacts)} x {failure.signature}  e.g. {smallest}")
    return "\n".join(lines)


def run(session: Session) -> None:
    """The ``fuzz`` session."""
    try:
        seconds, chosen, sanitizer = parse_posargs(list(session.posargs))
    except ValueError as exc:
        session.error(str(exc))
    checks.ensure_cargo_subcommand(session, "fuzz", "cargo-fuzz")
    binaries = build(session, chosen, sanitizer)
    results = [run_target(session, binaries / t, t, seconds) for t in chosen]
    summary = {
        "sanitizer": sanitizer,
        "seconds_per_target": seconds,
        "targets": [asdict(r) | {"exec_per_s": r.exec_per_s} for r in results],
    }
    (FUZZ_TARGET_DIR / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    print(table(results), flush=True)
    print(f"(sanitizer {sanitizer}; summary in {rel(FUZZ_TARGET_DIR / 'summary.json')})")
    failed_count = sum(r.failed for r in results)
    print(f"fuzz: {len(results) - failed_count} passed, {failed_count} failed", flush=True)
    if failed_count:
        print(failures_text(results), file=sys.stderr, flush=True)
        failed = [r.target for r in results if r.failed]
        session.error(f"fuzzing found failures in: {', '.join(failed)}")
