"""Loading case files, validating them against ``case.schema.json``, and linting the case set."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema

from tests_conformance.request import (
    FILE_METHODS,
    QUERY_KEYS,
    RELOAD_METHODS,
    Step,
    StepError,
    emulation_blocker,
    normalise_step,
)
from tests_conformance.resources import default_cases_dir, schema_path
from tests_conformance.yamlload import CaseYamlError, load_case_yaml

JsonDict = dict[str, Any]

CASE_SUFFIXES = (".yaml", ".yml")


@dataclass
class Case:
    """One case file. ``problems`` lists why it is invalid (empty when it may run)."""

    path: Path
    case_id: str
    data: JsonDict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.problems

    @property
    def description(self) -> str:
        value = self.data.get("description")
        return value if isinstance(value, str) else ""

    @property
    def requires(self) -> list[str]:
        return list(self.data.get("requires") or [])

    @property
    def expect(self) -> JsonDict | None:
        value = self.data.get("expect")
        return value if isinstance(value, dict) else None

    @property
    def expect_error(self) -> JsonDict | None:
        value = self.data.get("expect_error")
        return value if isinstance(value, dict) else None

    @property
    def files(self) -> dict[str, str]:
        value = self.data.get("files")
        return dict(value) if isinstance(value, dict) else {}

    @property
    def display_path(self) -> str:
        """The case's path relative to the working directory when it is below it."""
        try:
            return str(self.path.resolve().relative_to(Path.cwd().resolve()))
        except ValueError:
            return str(self.path)

    def steps(self) -> list[Step]:
        return [normalise_step(raw) for raw in self.data.get("steps") or []]


@lru_cache(maxsize=1)
def schema_validator() -> jsonschema.protocols.Validator:
    with open(schema_path(), encoding="utf-8") as handle:
        schema = json.load(handle)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator: jsonschema.protocols.Validator = validator_class(schema)
    return validator


def _case_files(root: Path) -> list[tuple[Path, str]]:
    if root.is_file():
        return [(root, root.name)]
    found = [p for p in root.rglob("*") if p.suffix in CASE_SUFFIXES and p.is_file()]
    return sorted(((p, p.relative_to(root).as_posix()) for p in found), key=lambda item: item[1])


def load_case(path: Path, case_id: str) -> Case:
    """Read and schema-validate one case (lint needs the whole set: see :func:`lint_cases`)."""
    case = Case(path=path, case_id=case_id)
    try:
        data = load_case_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, CaseYamlError) as exc:
        case.problems.append(f"cannot read case: {exc}")
        return case
    if not isinstance(data, dict):
        case.problems.append("a case file is a mapping")
        return case
    case.data = data
    case.problems.extend(schema_problems(data))
    return case


def schema_problems(data: Any) -> list[str]:
    """Every schema violation of one case, as readable one-line messages."""
    problems = []
    errors = sorted(schema_validator().iter_errors(data), key=lambda e: list(map(str, e.path)))
    for error in errors:
        # For oneOf/anyOf failures the most specific sub-error explains best.
        best = jsonschema.exceptions.best_match([error])
        where = "/".join(str(part) for part in best.absolute_path) or "(case)"
        problems.append(f"schema: at {where}: {best.message}")
    return problems


def load_cases(roots: Iterable[Path]) -> list[Case]:
    """Load every case below each root (a directory or a single file), then lint the set."""
    cases: list[Case] = []
    for root in roots:
        if not root.exists():
            missing = Case(path=root, case_id=root.name)
            missing.problems.append("no such file or directory")
            cases.append(missing)
            continue
        cases.extend(load_case(path, case_id) for path, case_id in _case_files(root))
    lint_cases(cases)
    return cases


def default_roots() -> list[Path]:
    return [default_cases_dir()]


def lint_cases(cases: Sequence[Case]) -> None:
    """Add set-wide and semantic problems to ``cases`` (in place).

    - descriptions are unique across the set (case-insensitively, ignoring surrounding space);
    - ``expect_error.step`` is the index of an existing step;
    - every step normalises (known method, known argument names);
    - a case that cannot run without a real filesystem says ``requires: [fs]`` (or ``watch``,
      which implies a filesystem);
    - a case with ``write_file`` or ``remove_file`` says ``requires: [watch]``;
    - ``expect_error.step`` is not a reload step (those never raise: a failed reload is an
      event);
    - ``update_string`` does not name a file loaded by ``with_file`` unless the case requires a
      filesystem (the browser emulation would make it a string layer of that name);
    - a path is not both in ``extract`` and ``extract_errors``.
    """
    by_description: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        if case.data:
            by_description[case.description.strip().lower()].append(case)
            case.problems.extend(_lint_one(case))
    for same in by_description.values():
        if len(same) > 1:
            for case in same:
                others = ", ".join(o.case_id for o in same if o is not case)
                case.problems.append(f"lint: description also used by {others}")


def _lint_one(case: Case) -> list[str]:
    problems: list[str] = []
    data = case.data
    unknown = sorted(
        set(data)
        - {
            "description",
            "files",
            "env",
            "strict",
            "secret_keys",
            "requires",
            "steps",
            "expect",
            "expect_error",
        }
    )
    if unknown:
        problems.append(f"lint: unknown key(s) {', '.join(unknown)}")
    raw_steps = data.get("steps")
    steps: list[Step] = []
    if isinstance(raw_steps, list):
        for index, raw in enumerate(raw_steps):
            try:
                steps.append(normalise_step(raw))
            except StepError as exc:
                problems.append(f"lint: step {index}: {exc}")
    expect_error = case.expect_error
    if expect_error is not None:
        step = expect_error.get("step")
        if isinstance(step, int) and not 0 <= step < len(raw_steps or []):
            problems.append(
                f"lint: expect_error.step {step} is out of range "
                f"(the case has {len(raw_steps or [])} steps)"
            )
        elif (
            isinstance(step, int)
            and len(steps) == len(raw_steps or [])
            and steps[step].method in RELOAD_METHODS | FILE_METHODS
        ):
            problems.append(
                f"lint: expect_error.step {step} is a {steps[step].method} step, which never "
                "raises (a failed reload is a ReloadFailed event: expect it in `events`)"
            )
    expect = case.expect
    if expect is not None:
        unknown_queries = sorted(set(expect) - set(QUERY_KEYS) - {"extract_errors"})
        if unknown_queries:
            problems.append(f"lint: unknown expect key(s) {', '.join(unknown_queries)}")
        both = set(expect.get("extract") or {}) & set(expect.get("extract_errors") or {})
        if both:
            problems.append(f"lint: path(s) in both extract and extract_errors: {sorted(both)}")
    touching = [i for i, step in enumerate(steps) if step.method in FILE_METHODS]
    if touching and "watch" not in case.requires:
        index = touching[0]
        problems.append(
            f"lint: step {index}: {steps[index].method} changes files; add `requires: [watch]`"
        )
    has_fs = "fs" in case.requires or "watch" in case.requires
    if not has_fs and len(steps) == len(raw_steps or []):
        for index, step in enumerate(steps):
            if step.method in FILE_METHODS:
                continue  # reported above
            blocker = emulation_blocker(step, case.files)
            if blocker:
                problems.append(f"lint: step {index}: {blocker}; add `requires: [fs]`")
                break
        files_loaded: set[str] = set()
        for index, step in enumerate(steps):
            if step.method == "with_file" and step.args:
                files_loaded.add(str(step.args[0]))
            elif step.method == "update_string" and step.args and step.args[0] in files_loaded:
                problems.append(
                    f"lint: step {index}: update_string({step.args[0]!r}) names a file loaded by "
                    "with_file, which the browser emulation makes a string layer of that name; "
                    "add `requires: [fs]`"
                )
                break
    return problems
