"""Command line.

``python -m tests_conformance [--binding B ...] [--cases DIR ...] [--report FILE.json]`` runs the
cases; ``python -m tests_conformance lint [--cases DIR ...]`` only validates and lints them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from tests_conformance.adapters import ADAPTERS, DEFAULT_BINDINGS, DEFAULT_TIMEOUT
from tests_conformance.cases import default_roots, load_cases
from tests_conformance.report import summary_line, write_report
from tests_conformance.runner import Outcome, Session


def _run_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m tests_conformance",
        description="Run the SuperConfig conformance cases against one or more bindings. "
        "(`python -m tests_conformance lint` only checks the case files.)",
    )
    parser.add_argument(
        "--binding",
        action="append",
        choices=list(ADAPTERS),
        metavar="BINDING",
        help=f"binding to test, repeatable; one of {', '.join(ADAPTERS)} "
        f"(default: {' and '.join(DEFAULT_BINDINGS)})",
    )
    _add_cases(parser)
    parser.add_argument(
        "--report",
        type=Path,
        metavar="FILE.json",
        help="write every outcome, timing and the case x binding matrix as JSON",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"per-case time limit for child-process adapters (default {DEFAULT_TIMEOUT:g})",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="also print passing cases")
    parser.add_argument(
        "--show-responses",
        action="store_true",
        help="print every (relativised) adapter response as JSON, for writing cases",
    )
    return parser


def _lint_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m tests_conformance lint",
        description="Validate case files against case.schema.json and lint the set "
        "(unique descriptions, no unknown keys, step indices in range, ...).",
    )
    _add_cases(parser)
    return parser


def _add_cases(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--cases",
        action="append",
        type=Path,
        metavar="DIR",
        help="directory (or single file) of case files, repeatable (default: the project's cases/)",
    )


def lint_main(argv: Sequence[str]) -> int:
    args = _lint_parser().parse_args(argv)
    cases = load_cases(args.cases or default_roots())
    invalid = 0
    for case in cases:
        if case.problems:
            invalid += 1
            for problem in case.problems:
                print(f"{case.display_path}: {problem}")
    print(f"{len(cases)} cases, {invalid} invalid")
    return 1 if invalid or not cases else 0


def run_main(argv: Sequence[str]) -> int:
    args = _run_parser().parse_args(argv)
    bindings = list(dict.fromkeys(args.binding or DEFAULT_BINDINGS))
    cases = load_cases(args.cases or default_roots())
    if not cases:
        print("no case files found", file=sys.stderr)
        print("0 passed, 0 failed, 0 unsupported")
        return 1

    def show(outcome: Outcome) -> None:
        lines = outcome.lines()
        if not lines and args.verbose:
            lines = [
                f"{outcome.case.display_path} [{outcome.binding}]: passed "
                f"({outcome.seconds * 1000:.1f} ms)"
            ]
        for line in lines:
            print(line, flush=True)
        if args.show_responses and outcome.raw is not None:
            print(
                f"  response {outcome.case.case_id} [{outcome.binding}]: "
                f"{json.dumps(outcome.raw, ensure_ascii=False, default=repr)}",
                flush=True,
            )

    with Session(bindings, timeout=args.timeout) as session:
        outcomes = session.run_all(cases, on_outcome=show)
    if args.report is not None:
        write_report(args.report, cases, bindings, outcomes)
    print(summary_line(outcomes))
    return 1 if any(outcome.failed for outcome in outcomes) else 0


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["lint"]:
        return lint_main(arguments[1:])
    return run_main(arguments)


if __name__ == "__main__":
    sys.exit(main())
