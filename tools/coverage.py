"""Line, region and branch coverage of the core (``crates/superconfig``) by its own tests and by the
conformance suite: what ``nox -s coverage`` does.

    nox -s coverage                     # gate: 95 % of the lines in total
    nox -s coverage -- --fail-under 90  # another gate (percent of lines, in total)

Route. rustc's ``-C instrument-coverage`` writes profiles that only the LLVM tools of rustc's own
LLVM major version read. rustup's ``llvm-tools`` component is a download from rustup's own server,
which is not one of the package registries this project installs from; Debian's ``llvm-<major>``
package is (``/usr/lib/llvm-22/bin`` for rustc 1.95, whose LLVM is 22.1): installed with apt-get
when the session may (root or passwordless sudo, ``SUPERCONFIG_NO_APT`` unset), otherwise the
session fails with the command to run. ``cargo-llvm-cov`` (``cargo install --locked
cargo-llvm-cov`` when missing) is pointed at them with ``LLVM_COV`` and ``LLVM_PROFDATA``; without
those it would run ``rustup component add llvm-tools`` by itself.

Branch coverage (``-Z coverage-options=branch``) and doctest coverage (rustdoc's
``-Z unstable-options --persist-doctests``) are unstable flags; stable rustc and rustdoc accept
them with ``RUSTC_BOOTSTRAP=1``, which is set for these builds only (their own target directory).

Steps, all with the environment ``cargo llvm-cov show-env --sh --branch --doctests`` prints (a
``RUSTC_WRAPPER`` that instruments only the core's own targets, and ``LLVM_PROFILE_FILE``):

1. ``cargo llvm-cov clean --workspace``: old profiles and the core's old binaries go;
2. ``cargo test`` of the core: unit tests, ``tests/``, doctests;
3. ``cargo build --example conformance_adapter``, then the conformance suite through that
   instrumented adapter (``SUPERCONFIG_RUST_ADAPTER``; the adapter writes its profile when the
   runner closes its stdin);
4. ``cargo llvm-cov report`` merges every profile: a per-file table on stdout and in
   ``target/coverage/summary.md``, ``summary.json``, ``lcov.info`` and ``html/index.html``.

A failing test (``cargo test --no-fail-fast``) or conformance case does not stop the session
before the report; it fails the session afterwards, as does total line coverage under the gate.

Everything builds in ``target/llvm-cov-target`` (cargo-llvm-cov's own directory), never in the
shared ``target/debug``: ``show-env`` keeps whatever ``CARGO_TARGET_DIR`` it is given, so the
session gives it that subdirectory, and instrumented builds never replace (or rebuild) the
ordinary ones the other sessions reuse.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools import checks
from tools.paths import CONFORMANCE, CORE, TARGET_DIR, rel

Session = Any

#: cargo-llvm-cov's own subdirectory of the shared target directory.
COV_TARGET_DIR = TARGET_DIR / "llvm-cov-target"
REPORT_DIR = TARGET_DIR / "coverage"
ADAPTER = COV_TARGET_DIR / "debug" / "examples" / "conformance_adapter"
SOURCES = CORE / "src"
#: The quality gate: percent of the core's lines run, in total.
DEFAULT_FAIL_UNDER = 95.0
#: What the report adds to every ``cargo llvm-cov report``.
REPORT_FLAGS = ["--branch", "--doctests"]


# ----- arguments ---------------------------------------------------------------------------------


def parse_posargs(posargs: list[str]) -> float:
    """``[--fail-under PERCENT]`` -> the gate on total line coverage."""
    fail_under = DEFAULT_FAIL_UNDER
    args = list(posargs)
    while args:
        arg = args.pop(0)
        if arg == "--fail-under" and args:
            value = args.pop(0)
        elif arg.startswith("--fail-under="):
            value = arg.split("=", 1)[1]
        else:
            raise ValueError(f"unknown argument {arg!r}: expected --fail-under PERCENT")
        try:
            fail_under = float(value)
        except ValueError:
            raise ValueError(f"--fail-under takes a percentage, not {value!r}") from None
        if not 0 <= fail_under <= 100:
            raise ValueError(f"--fail-under must be between 0 and 100, not {fail_under}")
    return fail_under


# ----- toolchain ---------------------------------------------------------------------------------


def rustc_llvm_major() -> int:
    """The major version of the LLVM that rustc was built with (``rustc -vV``)."""
    out = subprocess.run(["rustc", "-vV"], capture_output=True, text=True, check=True).stdout
    match = re.search(r"^LLVM version: (\d+)\.", out, re.MULTILINE)
    if match is None:
        raise RuntimeError("`rustc -vV` names no LLVM version")
    return int(match.group(1))


def llvm_tools(major: int) -> tuple[Path, Path]:
    """(llvm-cov, llvm-profdata) of Debian's ``llvm-<major>`` package."""
    bin_dir = Path(f"/usr/lib/llvm-{major}/bin")
    return bin_dir / "llvm-cov", bin_dir / "llvm-profdata"


def tool_llvm_major(tool: Path) -> int | None:
    probe = subprocess.run([str(tool), "--version"], capture_output=True, text=True, check=False)
    match = re.search(r"LLVM version (\d+)\.", probe.stdout)
    return int(match.group(1)) if match else None


def ensure_llvm(session: Session) -> tuple[Path, Path]:
    """Debian's llvm-<major> for rustc's LLVM major: installed when missing (or the session fails
    with the command to run); returns (llvm-cov, llvm-profdata)."""
    major = rustc_llvm_major()
    llvm_cov, llvm_profdata = llvm_tools(major)
    package = f"llvm-{major}"
    checks.ensure_debian_packages(
        session,
        {str(llvm_cov): package, str(llvm_profdata): package},
        f"coverage (llvm-cov and llvm-profdata of rustc's LLVM {major})",
    )
    found = tool_llvm_major(llvm_cov)
    if found != major:
        session.error(f"{llvm_cov} reports LLVM {found}, rustc is built with LLVM {major}")
    return llvm_cov, llvm_profdata


# ----- environment -------------------------------------------------------------------------------


def base_env(llvm_cov: Path, llvm_profdata: Path) -> dict[str, str]:
    return {
        "CARGO_TARGET_DIR": str(COV_TARGET_DIR),
        "LLVM_COV": str(llvm_cov),
        "LLVM_PROFDATA": str(llvm_profdata),
        # -Z coverage-options=branch and rustdoc's -Z unstable-options on stable rustc
        "RUSTC_BOOTSTRAP": "1",
    }


def parse_show_env(text: str) -> dict[str, str]:
    """The ``export NAME=VALUE`` lines of ``cargo llvm-cov show-env --sh``, unquoted."""
    env: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("export "):
            continue
        words = shlex.split(line[len("export ") :])
        if len(words) != 1 or "=" not in words[0]:
            raise ValueError(f"unexpected line from cargo llvm-cov show-env: {line!r}")
        name, value = words[0].split("=", 1)
        env[name] = value
    return env


def coverage_env(session: Session, base: dict[str, str]) -> dict[str, str]:
    """``base`` plus what cargo-llvm-cov sets for an instrumented build of the core."""
    command = ["cargo", "llvm-cov", "show-env", "--sh", *REPORT_FLAGS]
    session.log(" ".join(command))
    done = subprocess.run(
        command, cwd=CORE, env=_with_os_env(base), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        session.error(f"`{' '.join(command)}` failed:\n{done.stderr}")
    env = {**base, **parse_show_env(done.stdout)}
    for needed in ("RUSTC_WRAPPER", "LLVM_PROFILE_FILE", "RUSTDOCFLAGS"):
        if needed not in env:
            session.error(f"cargo llvm-cov show-env set no {needed}:\n{done.stdout}")
    return env


def _with_os_env(env: dict[str, str]) -> dict[str, str]:
    return {**os.environ, **env}


# ----- the report --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    covered: int
    count: int

    @property
    def percent(self) -> float | None:
        return 100.0 * self.covered / self.count if self.count else None

    @property
    def missed(self) -> int:
        return self.count - self.covered

    @classmethod
    def of(cls, summary: dict[str, Any], kind: str) -> Counts:
        part = summary.get(kind) or {}
        return cls(covered=int(part.get("covered", 0)), count=int(part.get("count", 0)))


@dataclass(frozen=True)
class FileCoverage:
    name: str
    lines: Counts
    regions: Counts
    functions: Counts
    branches: Counts

    @classmethod
    def of(cls, name: str, summary: dict[str, Any]) -> FileCoverage:
        return cls(
            name=name,
            lines=Counts.of(summary, "lines"),
            regions=Counts.of(summary, "regions"),
            functions=Counts.of(summary, "functions"),
            branches=Counts.of(summary, "branches"),
        )


def source_name(path: str) -> str:
    """A file of the report, relative to crates/superconfig/src (else to the repository)."""
    p = Path(path)
    try:
        return str(p.relative_to(SOURCES))
    except ValueError:
        return rel(p)


def read_summary(path: Path) -> tuple[list[FileCoverage], FileCoverage]:
    """(files, total) of ``llvm-cov export -summary-only`` JSON, as cargo-llvm-cov writes it."""
    data = json.loads(path.read_text(encoding="utf-8"))["data"][0]
    files = sorted(
        (FileCoverage.of(source_name(f["filename"]), f["summary"]) for f in data["files"]),
        key=lambda f: f.name,
    )
    return files, FileCoverage.of("TOTAL", data["totals"])


def _cell(c: Counts) -> str:
    percent = c.percent
    return "-" if percent is None else f"{percent:.2f}% ({c.missed}/{c.count})"


def table(files: list[FileCoverage], total: FileCoverage) -> str:
    """Markdown: per file, percent covered and (missed/count) of lines, regions, functions and
    branches; the total last."""
    lines = [
        "| file | lines | regions | functions | branches |",
        "|---|---:|---:|---:|---:|",
    ]
    for f in [*files, total]:
        name = f"**{f.name}**" if f is total else f"`{f.name}`"
        lines.append(
            f"| {name} | {_cell(f.lines)} | {_cell(f.regions)} | {_cell(f.functions)} | "
            f"{_cell(f.branches)} |"
        )
    return "\n".join(lines)


def below(files: list[FileCoverage], fail_under: float) -> list[FileCoverage]:
    return [f for f in files if (f.lines.percent or 100.0) < fail_under]


# ----- the session -------------------------------------------------------------------------------


def _cargo(session: Session, env: dict[str, str], *args: str) -> None:
    session.run("cargo", *args, "--manifest-path", str(CORE / "Cargo.toml"), external=True, env=env)


def _report(session: Session, env: dict[str, str], *args: str) -> None:
    with session.chdir(CORE):
        session.run("cargo", "llvm-cov", "report", *REPORT_FLAGS, *args, external=True, env=env)


def _attempt(session: Session, what: str, step: Any, *args: Any, **kwargs: Any) -> bool:
    """Runs ``step(*args, **kwargs)``; False (with a warning) when the command failed."""
    try:
        step(*args, **kwargs)
    except Exception as exc:  # nox's CommandFailed
        session.warn(f"{what} failed: {exc}; the report is still made")
        return False
    return True


def run(session: Session) -> None:
    """The ``coverage`` session."""
    try:
        fail_under = parse_posargs(list(session.posargs))
    except ValueError as exc:
        session.error(str(exc))
    checks.require(session, "cargo", "rustc", why="for coverage of the core")
    llvm_cov, llvm_profdata = ensure_llvm(session)
    checks.ensure_cargo_subcommand(session, "llvm-cov", "cargo-llvm-cov")
    env = coverage_env(session, base_env(llvm_cov, llvm_profdata))
    session.log(
        f"instrumented builds in {rel(COV_TARGET_DIR)}; profiles {env['LLVM_PROFILE_FILE']}"
    )

    with session.chdir(CORE):
        session.run("cargo", "llvm-cov", "clean", "--workspace", external=True, env=env)
    # A failing test or case does not stop the session before the report (the figures still
    # say what ran); it fails the session at the end.
    failed: list[str] = []
    # 1. the core's own tests: unit, integration (tests/), doctests
    if not _attempt(session, "cargo test", _cargo, session, env, "test", "--no-fail-fast"):
        failed.append("cargo test")
    # 2. the conformance suite through the instrumented Rust adapter
    _cargo(session, env, "build", "--example", "conformance_adapter")
    if not ADAPTER.is_file():
        session.error(f"the build produced no {rel(ADAPTER)}")
    session.install("-e", str(CONFORMANCE))
    REPORT_DIR.mkdir(parents=True, exist_ok=True)
    conformance = [
        "python",
        "-m",
        "tests_conformance",
        "--binding",
        "rust",
        "--report",
        str(REPORT_DIR / "conformance-report.json"),
    ]
    adapter_env = {**env, "SUPERCONFIG_RUST_ADAPTER": str(ADAPTER)}
    if not _attempt(session, "conformance", session.run, *conformance, env=adapter_env):
        failed.append("the conformance suite")

    # 3. one report over every profile
    summary = REPORT_DIR / "summary.json"
    _report(session, env, "--json", "--summary-only", "--output-path", str(summary))
    _report(session, env, "--lcov", "--output-path", str(REPORT_DIR / "lcov.info"))
    _report(session, env, "--html", "--output-dir", str(REPORT_DIR))

    files, total = read_summary(summary)
    text = table(files, total)
    (REPORT_DIR / "summary.md").write_text(text + "\n", encoding="utf-8")
    print(text, flush=True)
    print(
        f"(reports: {rel(REPORT_DIR)}/summary.md, summary.json, lcov.info, html/index.html)",
        flush=True,
    )
    for f in below(files, fail_under):
        session.warn(f"{f.name}: {f.lines.percent:.2f}% of its lines, under {fail_under:g}%")
    lines = total.lines.percent or 0.0
    if failed:
        session.error(
            f"{' and '.join(failed)} failed (the figures above are of that run; line coverage "
            f"{lines:.2f}%, gate {fail_under:g}%)"
        )
    if lines < fail_under:
        session.error(f"line coverage {lines:.2f}% is under the gate of {fail_under:g}%")
    session.log(f"line coverage {lines:.2f}% (gate {fail_under:g}%)")
