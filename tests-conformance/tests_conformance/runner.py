"""Running cases against bindings: one fresh directory per run, one comparison rule, and the check
that every binding agrees with the reference (``rust``)."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from tests_conformance.adapters import (
    ADAPTERS,
    DEFAULT_TIMEOUT,
    REFERENCE,
    Adapter,
    AdapterFactory,
    BindingUnavailableError,
)
from tests_conformance.cases import Case
from tests_conformance.compare import compare_response, disagreement, relativise
from tests_conformance.request import EmulationError, FsEmulation, build_request

JsonDict = dict[str, Any]

PASS = "pass"
FAIL = "fail"
UNSUPPORTED = "unsupported"


@dataclass
class Outcome:
    """The result of one case on one binding."""

    case: Case
    binding: str
    status: str
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)
    disagreement: str | None = None
    raw: JsonDict | None = None

    @property
    def failed(self) -> bool:
        return self.status == FAIL

    def lines(self) -> list[str]:
        """The lines the command line prints for this outcome (none for a pass)."""
        prefix = f"{self.case.display_path} [{self.binding}]"
        if self.status == UNSUPPORTED:
            return [f"{prefix}: unsupported ({'; '.join(self.problems)})"]
        out = []
        if self.problems:
            out.append(f"{prefix}: {'; '.join(self.problems)}")
        if self.disagreement:
            out.append(f"{prefix}: disagreement with {REFERENCE}: {self.disagreement}")
        return out


def write_files(directory: Path, files: Mapping[str, str]) -> None:
    """Write a case's ``files:`` (exact text, UTF-8, no newline translation)."""
    for relative, text in files.items():
        target = directory.joinpath(*relative.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)


@dataclass
class _Started:
    adapter: Adapter | None = None
    error: str | None = None
    reported: bool = False


class Session:
    """Adapters for a set of bindings, started on first use and kept for the whole run."""

    def __init__(
        self,
        bindings: Sequence[str],
        *,
        timeout: float = DEFAULT_TIMEOUT,
        factories: Mapping[str, AdapterFactory] | None = None,
        repeat_reasons: bool = False,
    ) -> None:
        self.bindings = list(dict.fromkeys(bindings))
        self.timeout = timeout
        self.factories = dict(factories if factories is not None else ADAPTERS)
        self._started: dict[str, _Started] = {}
        self._reference: dict[str, Outcome] = {}
        #: repeat why a binding is unavailable on every case (pytest) or only the first (CLI)
        self.repeat_reasons = repeat_reasons

    # -- adapters -------------------------------------------------------------------------------

    def adapter(self, binding: str) -> Adapter:
        """The running adapter for ``binding``.

        Raises :class:`BindingUnavailableError` when it cannot start (remembered: a binding is only
        tried once per session).
        """
        started = self._started.get(binding)
        if started is None:
            started = self._started[binding] = _Started()
            try:
                factory = self.factories[binding]
            except KeyError:
                started.error = f"unknown binding {binding!r} (known: {', '.join(self.factories)})"
            else:
                try:
                    started.adapter = factory(self.timeout)
                except BindingUnavailableError as exc:
                    started.error = str(exc)
        if started.adapter is None:
            raise BindingUnavailableError(started.error or f"{binding}: unavailable")
        return started.adapter

    def close(self) -> None:
        for started in self._started.values():
            if started.adapter is not None:
                started.adapter.close()
        self._started.clear()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- cases ----------------------------------------------------------------------------------

    def execute(self, case: Case, binding: str) -> Outcome:
        """Run one case on one binding and compare it with the case's expectations."""
        if not case.valid:
            return Outcome(
                case, binding, FAIL, problems=[f"invalid case: {p}" for p in case.problems]
            )
        try:
            adapter = self.adapter(binding)
        except BindingUnavailableError as exc:
            started = self._started[binding]
            detail = str(exc) if self.repeat_reasons or not started.reported else "see above"
            started.reported = True
            return Outcome(case, binding, FAIL, problems=[f"binding unavailable: {detail}"])
        lacking = [need for need in case.requires if need not in adapter.capabilities.features]
        if lacking:
            return Outcome(case, binding, UNSUPPORTED, problems=[f"requires {', '.join(lacking)}"])
        with tempfile.TemporaryDirectory(prefix="superconfig-case-") as temp:
            case_dir = os.path.realpath(temp)
            write_files(Path(case_dir), case.files)
            request = build_request(case.case_id, case.data, case_dir)
            emulation = FsEmulation() if adapter.capabilities.needs_fs_emulation else None
            try:
                if emulation is not None:
                    request = emulation.request(request)
            except EmulationError as exc:
                return Outcome(case, binding, FAIL, problems=[f"cannot emulate: {exc}"])
            started_at = time.perf_counter()
            try:
                response = adapter.run(request)
            except Exception as exc:
                response = {"id": case.case_id, "fatal": f"{type(exc).__name__}: {exc}"}
            seconds = time.perf_counter() - started_at
            if emulation is not None:
                response = emulation.response(response)
            raw = relativise(response, [case_dir, temp])
        problems = compare_response(
            case.data, raw, numbers_typed=adapter.capabilities.numbers_typed
        )
        return Outcome(case, binding, FAIL if problems else PASS, seconds, problems, raw=raw)

    def run(self, case: Case, binding: str) -> Outcome:
        """:meth:`execute`, then — when the reference binding is part of the session and this is
        another binding — fail the case if its raw result differs from the reference's."""
        outcome = self.execute(case, binding)
        if binding == REFERENCE:
            self._reference[str(case.path)] = outcome
            return outcome
        if REFERENCE not in self.bindings or outcome.status == UNSUPPORTED or outcome.raw is None:
            return outcome
        reference = self.reference_outcome(case)
        if reference.raw is None or "fatal" in reference.raw or "fatal" in outcome.raw:
            return outcome
        numbers_typed = (
            self.adapter(binding).capabilities.numbers_typed
            and self.adapter(REFERENCE).capabilities.numbers_typed
        )
        differs = disagreement(reference.raw, outcome.raw, numbers_typed=numbers_typed)
        if differs:
            outcome.disagreement = differs
            outcome.status = FAIL
        return outcome

    def reference_outcome(self, case: Case) -> Outcome:
        key = str(case.path)
        if key not in self._reference:
            self._reference[key] = self.execute(case, REFERENCE)
        return self._reference[key]

    def run_all(
        self, cases: Iterable[Case], on_outcome: Callable[[Outcome], None] | None = None
    ) -> list[Outcome]:
        """Every case on every binding (reference first), in case order."""
        outcomes = []
        for binding, case in iter_matrix(list(cases), self.bindings):
            outcome = self.run(case, binding)
            outcomes.append(outcome)
            if on_outcome is not None:
                on_outcome(outcome)
        return outcomes


def iter_matrix(cases: Sequence[Case], bindings: Sequence[str]) -> Iterator[tuple[str, Case]]:
    """(binding, case) pairs in the order pytest parametrises them: per case, reference first."""
    order = sorted(dict.fromkeys(bindings), key=lambda b: b != REFERENCE)
    for case in cases:
        for binding in order:
            yield binding, case
