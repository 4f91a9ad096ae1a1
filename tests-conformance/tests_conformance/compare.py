"""The one comparison rule: a case's expectations against an adapter's response.

Every adapter is judged by this module and nothing else. The only per-binding difference is
``numbers_typed``: an adapter that cannot tell ``1`` from ``1.0`` (JavaScript) has an int and a
float of equal value compared as equal. Everything else is exact: ``true`` is not ``1``, ``1`` is
not ``1.0``, ``"1"`` is not ``1``. Table key order is not significant in values (``config``,
``get``, ``extract``, ``explain`` values, ``dump``); it is checked through ``keys``, where it is.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from typing import Any

from tests_conformance.request import missing_path

JsonDict = dict[str, Any]

_MISSING = object()


# --------------------------------------------------------------------------------------------
# Values
# --------------------------------------------------------------------------------------------


def type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "table"
    return type(value).__name__


def show(value: Any, limit: int = 160) -> str:
    """A short, unambiguous rendering of a value with its type (``1 (int)``, ``1.0 (float)``)."""
    if value is _MISSING:
        return "nothing"
    try:
        text = json.dumps(value, ensure_ascii=False, sort_keys=False, default=repr)
    except ValueError:
        text = repr(value)
    if isinstance(value, float):
        text = repr(value)
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return f"{text} ({type_name(value)})"


def _numbers_equal(expected: Any, got: Any, numbers_typed: bool) -> bool:
    both_float = isinstance(expected, float) and isinstance(got, float)
    if both_float:
        return expected == got or (math.isnan(expected) and math.isnan(got))
    if type(expected) is type(got):
        return bool(expected == got)
    if numbers_typed:
        return False
    # int vs float of equal value, for adapters that cannot tell them apart
    return bool(expected == got)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _join(path: str, key: Any) -> str:
    return f"{path}.{key}" if path else str(key)


def diff_values(
    expected: Any, got: Any, *, numbers_typed: bool = True, path: str = "", subset: bool = False
) -> str | None:
    """None when ``got`` matches ``expected``, else where and how they first differ.

    ``subset=True`` lets tables in ``got`` have keys ``expected`` does not mention (at every depth;
    arrays still compare item by item and length included).
    """
    where = f"at `{path}`: " if path else ""
    if _is_number(expected) and _is_number(got):
        if _numbers_equal(expected, got, numbers_typed):
            return None
        return f"{where}expected {show(expected)}, got {show(got)}"
    if isinstance(expected, dict) and isinstance(got, dict):
        for key, item in expected.items():
            if key not in got:
                return f"{where}missing key `{key}` (expected {show(item)})"
            problem = diff_values(
                item, got[key], numbers_typed=numbers_typed, path=_join(path, key), subset=subset
            )
            if problem:
                return problem
        if not subset:
            extra = [key for key in got if key not in expected]
            if extra:
                return f"{where}unexpected key `{extra[0]}` = {show(got[extra[0]])}"
        return None
    if isinstance(expected, list) and isinstance(got, list):
        for index, (item, other) in enumerate(zip(expected, got)):
            problem = diff_values(
                item, other, numbers_typed=numbers_typed, path=_join(path, index), subset=subset
            )
            if problem:
                return problem
        if len(expected) != len(got):
            return (
                f"{where}expected {len(expected)} items, got {len(got)}: "
                f"expected {show(expected)}, got {show(got)}"
            )
        return None
    if type(expected) is type(got) and expected == got:
        return None
    return f"{where}expected {show(expected)}, got {show(got)}"


# --------------------------------------------------------------------------------------------
# Paths
# --------------------------------------------------------------------------------------------


def relativise(value: Any, dirs: Sequence[str]) -> Any:
    """Turn absolute paths under any of ``dirs`` into relative ones, in every string of ``value``.

    ``/tmp/x/proj/.app.toml`` → ``proj/.app.toml``; the directory itself → ``.``. Longer prefixes
    are replaced first so that a realpath such as ``/private/tmp/x`` is not half-replaced by
    ``/tmp/x``.
    """
    prefixes = sorted(
        {d.rstrip("/\\") for d in dirs if d and d.rstrip("/\\")}, key=len, reverse=True
    )
    if not prefixes:
        return value
    pattern = re.compile(
        "(?:" + "|".join(re.escape(p) for p in prefixes) + r")(?:([/\\])|(?![\w.\-]))"
    )

    def fix(text: str) -> str:
        return pattern.sub(lambda m: "" if m.group(1) else ".", text)

    def walk(item: Any) -> Any:
        if isinstance(item, str):
            return fix(item)
        if isinstance(item, list):
            return [walk(x) for x in item]
        if isinstance(item, dict):
            return {key: walk(x) for key, x in item.items()}
        return item

    return walk(value)


# --------------------------------------------------------------------------------------------
# Responses
# --------------------------------------------------------------------------------------------


def show_error(error: Any) -> str:
    if not isinstance(error, dict):
        return f"malformed error {show(error)}"
    place = ":".join(str(error[k]) for k in ("file", "line", "column") if error.get(k) is not None)
    key = f" key={error['key']}" if error.get("key") else ""
    where = f" at {place}" if place else ""
    return f"{error.get('kind')}{where}{key}: {error.get('message')}"


def _is_error(answer: Any) -> bool:
    return (
        isinstance(answer, dict) and set(answer) == {"error"} and isinstance(answer["error"], dict)
    )


def _message_problems(
    label: str, message: Any, contains: Sequence[str], excludes: Sequence[str]
) -> list[str]:
    text = message if isinstance(message, str) else ""
    problems = [
        f"{label}: message {text!r} does not contain {needle!r}"
        for needle in contains
        if needle not in text
    ]
    problems += [
        f"{label}: message {text!r} contains {needle!r}" for needle in excludes if needle in text
    ]
    return problems


def _fields_problem(label: str, expected: JsonDict, got: Any) -> str | None:
    if not isinstance(got, dict):
        return f"{label}: expected {show(expected)}, got {show(got)}"
    for field, value in expected.items():
        actual = got.get(field, _MISSING)
        if diff_values(value, actual) is not None:
            return f"{label}: {field}: expected {show(value)}, got {show(actual)} (in {show(got)})"
    return None


class _Checker:
    def __init__(self, results: JsonDict, numbers_typed: bool) -> None:
        self.results = results
        self.numbers_typed = numbers_typed
        self.problems: list[str] = []

    def answer(self, query: str, path: str | None = None) -> Any:
        if query not in self.results:
            self.problems.append(f"{query}: no answer in the response")
            return _MISSING
        answers = self.results[query]
        if path is None:
            return answers
        if not isinstance(answers, dict) or path not in answers:
            self.problems.append(f"{query}[{path}]: no answer in the response")
            return _MISSING
        return answers[path]

    def value(self, label: str, expected: Any, got: Any, subset: bool = False) -> None:
        problem = diff_values(expected, got, numbers_typed=self.numbers_typed, subset=subset)
        if problem:
            self.problems.append(f"{label}: {problem}")

    def expect_value_answer(self, label: str, expected: Any, answer: Any) -> None:
        if answer is _MISSING:
            return
        if _is_error(answer):
            self.problems.append(
                f"{label}: raised {show_error(answer['error'])}; expected {show(expected)}"
            )
        elif not isinstance(answer, dict) or "value" not in answer:
            self.problems.append(f"{label}: malformed answer {show(answer)}")
        else:
            self.value(label, expected, answer["value"])

    def expect_error_answer(
        self, label: str, kind: str, answer: Any, *, bare_value: bool = False
    ) -> None:
        if answer is _MISSING:
            return
        if _is_error(answer):
            if answer["error"].get("kind") != kind:
                self.problems.append(
                    f"{label}: expected {kind}, raised {show_error(answer['error'])}"
                )
            return
        if not bare_value and isinstance(answer, dict) and "value" in answer:
            answer = answer["value"]
        self.problems.append(f"{label}: expected {kind}, got {show(answer)}")


def compare_response(case: JsonDict, response: Any, *, numbers_typed: bool = True) -> list[str]:
    """Every way ``response`` falls short of ``case`` (empty list: the case passed).

    ``response`` must already be relativised (see :func:`relativise`).
    """
    if not isinstance(response, dict):
        return [f"malformed response {show(response)}"]
    if "fatal" in response:
        return [f"adapter failure: {response['fatal']}"]
    steps = case.get("steps") or []
    expect_error = case.get("expect_error")
    ok = response.get("ok")
    if expect_error is not None:
        return _compare_error(expect_error, response, steps)
    if ok is not True:
        error = response.get("error")
        if ok is False and isinstance(error, dict):
            return [
                f"step {error.get('step')} ({_method(steps, error.get('step'))}) raised "
                f"{show_error(error)}"
            ]
        return [f"malformed response {show(response)}"]
    results = response.get("results")
    if not isinstance(results, dict):
        return [f"malformed response: results is {show(results)}"]
    return _compare_results(case.get("expect") or {}, results, numbers_typed)


def _method(steps: Sequence[Any], index: Any) -> str:
    if isinstance(index, int) and 0 <= index < len(steps) and isinstance(steps[index], dict):
        return next(iter(steps[index]), "?")
    return "?"


def _compare_error(expected: JsonDict, response: JsonDict, steps: Sequence[Any]) -> list[str]:
    step = expected["step"]
    label = f"expect_error (step {step}, {_method(steps, step)})"
    if response.get("ok") is True:
        return [f"{label}: expected {expected['kind']}, but every step succeeded"]
    error = response.get("error")
    if response.get("ok") is not False or not isinstance(error, dict):
        return [f"malformed response {show(response)}"]
    problems: list[str] = []
    if error.get("step") != step:
        problems.append(
            f"{label}: the error came from step {error.get('step')} "
            f"({_method(steps, error.get('step'))}): {show_error(error)}"
        )
        return problems
    return problems + _error_problems(label, expected, error)


#: The fields of an error a case may give (``expect_error``, a ``ReloadFailed`` event's error).
_ERROR_FIELDS = ("kind", "file", "line", "column", "key")


def _error_problems(label: str, expected: JsonDict, error: JsonDict) -> list[str]:
    """How ``error`` differs from ``expected``: each given field equal, message substrings
    (``contains``/``excludes``). The one rule for every expected error."""
    problems = [
        f"{label}: {field}: expected {show(expected[field])}, got "
        f"{show(error.get(field, _MISSING))} ({show_error(error)})"
        for field in _ERROR_FIELDS
        if field in expected and diff_values(expected[field], error.get(field, _MISSING))
    ]
    return problems + _message_problems(
        label, error.get("message"), expected.get("contains", []), expected.get("excludes", [])
    )


def _compare_results(expect: JsonDict, results: JsonDict, numbers_typed: bool) -> list[str]:
    check = _Checker(results, numbers_typed)
    if "config" in expect:
        got = check.answer("config")
        if got is not _MISSING:
            check.value("config", expect["config"], got)
    for path, value in (expect.get("get") or {}).items():
        check.expect_value_answer(f"get[{path}]", value, check.answer("get", path))
    if "get_segments" in expect:
        answers = check.answer("get_segments")
        if answers is not _MISSING:
            if not isinstance(answers, list) or len(answers) != len(expect["get_segments"]):
                check.problems.append(f"get_segments: malformed answer {show(answers)}")
            else:
                for item, answer in zip(expect["get_segments"], answers):
                    label = f"get_segments[{item['path']}]"
                    if item.get("missing"):
                        check.expect_error_answer(label, "KeyNotFound", answer)
                    else:
                        check.expect_value_answer(label, item["value"], answer)
    for item in expect.get("missing") or []:
        path = missing_path(item)
        answer = check.answer("missing", path)
        check.expect_error_answer(f"missing[{path}]", "KeyNotFound", answer)
        if isinstance(item, dict) and _is_error(answer):
            check.problems.extend(
                _message_problems(
                    f"missing[{path}]",
                    answer["error"].get("message"),
                    item.get("contains", []),
                    item.get("excludes", []),
                )
            )
    for path, value in (expect.get("has") or {}).items():
        answer = check.answer("has", path)
        if answer is not _MISSING:
            check.value(f"has[{path}]", value, answer)
    for path, value in (expect.get("keys") or {}).items():
        answer = check.answer("keys", path)
        if isinstance(value, dict):
            check.expect_error_answer(f"keys[{path}]", value["error"], answer, bare_value=True)
        elif answer is not _MISSING:
            if _is_error(answer):
                check.problems.append(
                    f"keys[{path}]: raised {show_error(answer['error'])}; expected {show(value)}"
                )
            else:
                check.value(f"keys[{path}]", value, answer)
    for path, value in (expect.get("extract") or {}).items():
        answer = check.answer("extract", path)
        if answer is _MISSING:
            continue
        if _is_error(answer):
            check.problems.append(
                f"extract[{path}]: raised {show_error(answer['error'])}; expected {show(value)}"
            )
        else:
            check.value(f"extract[{path}]", value, answer)
    for path, kind in (expect.get("extract_errors") or {}).items():
        check.expect_error_answer(
            f"extract[{path}]", kind, check.answer("extract", path), bare_value=True
        )
    for path, value in (expect.get("sources") or {}).items():
        answer = check.answer("sources", path)
        if "error" in value:
            check.expect_error_answer(f"sources[{path}]", value["error"], answer, bare_value=True)
        elif answer is not _MISSING:
            _check_fields(check, f"sources[{path}]", value, answer)
    for path, value in (expect.get("explain") or {}).items():
        answer = check.answer("explain", path)
        if "error" in value:
            check.expect_error_answer(f"explain[{path}]", value["error"], answer, bare_value=True)
        elif answer is not _MISSING:
            _check_explain(check, f"explain[{path}]", value, answer)
    if "warnings" in expect:
        _check_warnings(check, expect["warnings"], check.answer("warnings"))
    if "dump" in expect:
        _check_dump(check, expect["dump"], check.answer("dump"))
    if "layers" in expect:
        _check_list_of_records(check, "layers", expect["layers"], check.answer("layers"))
    if "profiles" in expect:
        answer = check.answer("profiles")
        if answer is not _MISSING:
            check.value("profiles", expect["profiles"], answer)
    if "version" in expect:
        answer = check.answer("version")
        if answer is not _MISSING:
            check.value("version", expect["version"], answer)
    if "events" in expect:
        _check_events(check, expect["events"], check.answer("events"))
    return check.problems


def _check_fields(check: _Checker, label: str, expected: JsonDict, answer: Any) -> bool:
    if _is_error(answer):
        check.problems.append(f"{label}: raised {show_error(answer['error'])}")
        return False
    problem = _fields_problem(label, expected, answer)
    if problem:
        check.problems.append(problem)
        return False
    return True


def _check_explain(check: _Checker, label: str, expected: JsonDict, answer: Any) -> None:
    if _is_error(answer) or not isinstance(answer, dict):
        _check_fields(check, label, expected, answer)
        return
    if "value" in expected:
        if "value" not in answer:
            check.problems.append(f"{label}: no value in {show(answer)}")
        else:
            check.value(f"{label}.value", expected["value"], answer["value"])
    if "source" in expected:
        _check_fields(check, f"{label}.source", expected["source"], answer.get("source"))
    if "overridden" in expected:
        _check_list_of_records(
            check, f"{label}.overridden", expected["overridden"], answer.get("overridden", _MISSING)
        )


def _same_length(
    check: _Checker, label: str, expected: list[Any], answer: Any, shown: str | None = None
) -> bool:
    """Whether ``answer`` is a list as long as ``expected`` (else a problem is recorded)."""
    if not isinstance(answer, list):
        check.problems.append(f"{label}: expected a list, got {show(answer)}")
        return False
    if len(answer) != len(expected):
        check.problems.append(
            f"{label}: expected {len(expected)} entries, got {len(answer)}: "
            f"{shown if shown is not None else show(answer, limit=400)}"
        )
        return False
    return True


def _check_list_of_records(
    check: _Checker, label: str, expected: list[JsonDict], answer: Any
) -> None:
    if answer is _MISSING:
        check.problems.append(f"{label}: no answer in the response")
        return
    if not _same_length(check, label, expected, answer):
        return
    for index, (want, got) in enumerate(zip(expected, answer)):
        if not _check_fields(check, f"{label}[{index}]", want, got):
            return


def _check_warnings(check: _Checker, expected: list[Any], answer: Any) -> None:
    if answer is _MISSING:
        return
    if not isinstance(answer, list) or not all(isinstance(w, dict) for w in answer):
        check.problems.append(f"warnings: malformed answer {show(answer)}")
        return
    want_kinds = [item if isinstance(item, str) else item["kind"] for item in expected]
    got_kinds = [w.get("kind") for w in answer]
    if want_kinds != got_kinds:
        messages = "; ".join(f"{w.get('kind')}: {w.get('message')}" for w in answer)
        check.problems.append(
            f"warnings: expected {want_kinds}, got {got_kinds}"
            + (f" ({messages})" if messages else "")
        )
        return
    for index, (item, warning) in enumerate(zip(expected, answer)):
        if isinstance(item, str):
            continue
        label = f"warnings[{index}] ({item['kind']})"
        if "source" in item and diff_values(item["source"], warning.get("source", _MISSING)):
            check.problems.append(
                f"{label}: source: expected {show(item['source'])}, got "
                f"{show(warning.get('source', _MISSING))}"
            )
        check.problems.extend(
            _message_problems(
                label, warning.get("message"), item.get("contains", []), item.get("excludes", [])
            )
        )


_PATH_LISTS = ("added", "removed", "changed")


def _show_events(events: list[Any]) -> str:
    """``[Changed v1, ReloadFailed v1 (ParseError)]``: enough to see which event is which."""
    parts = []
    for event in events:
        if not isinstance(event, dict):
            parts.append(show(event, limit=60))
            continue
        text = f"{event.get('kind')} v{event.get('version')}"
        error = event.get("error")
        if isinstance(error, dict):
            text += f" ({error.get('kind')})"
        parts.append(text)
    return "[" + ", ".join(parts) + "]"


def _check_events(check: _Checker, expected: list[JsonDict], answer: Any) -> None:
    """The reload events: same length, in order; in each, every field given must match."""
    if answer is _MISSING:
        return
    shown = _show_events(answer) if isinstance(answer, list) else None
    if not _same_length(check, "events", expected, answer, shown):
        return
    for index, (want, got) in enumerate(zip(expected, answer)):
        _check_event(check, f"events[{index}]", want, got)


def _check_event(check: _Checker, label: str, want: JsonDict, got: Any) -> None:
    if not isinstance(got, dict):
        check.problems.append(f"{label}: expected an event, got {show(got)}")
        return
    label = f"{label} ({got.get('kind')} v{got.get('version')})"
    for name in ("kind", "version"):
        if name in want:
            check.value(f"{label}.{name}", want[name], got.get(name, _MISSING))
    for name in _PATH_LISTS:
        if name not in want:
            continue
        paths = got.get(name, _MISSING)
        if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
            check.problems.append(f"{label}.{name}: expected a list of paths, got {show(paths)}")
            continue
        twice = sorted({p for p in paths if paths.count(p) > 1})
        if twice:
            check.problems.append(f"{label}.{name}: path(s) listed twice: {twice}")
        if set(paths) != set(want[name]):
            missing = sorted(set(want[name]) - set(paths))
            extra = sorted(set(paths) - set(want[name]))
            check.problems.append(
                f"{label}.{name}: expected {sorted(want[name])}, got {sorted(paths)}"
                + (f" (missing {missing})" if missing else "")
                + (f" (unexpected {extra})" if extra else "")
            )
    if "values" in want:
        _check_event_values(check, f"{label}.values", want["values"], got.get("values", _MISSING))
    if "error" in want:
        _check_event_error(check, f"{label}.error", want["error"], got.get("error", _MISSING))


def _check_event_values(check: _Checker, label: str, want: JsonDict, got: Any) -> None:
    if not isinstance(got, dict):
        check.problems.append(f"{label}: expected a mapping of paths, got {show(got)}")
        return
    for path, fields in want.items():
        entry = got.get(path, _MISSING)
        where = f"{label}[{path}]"
        if not isinstance(entry, dict):
            check.problems.append(f"{where}: no entry (got paths {sorted(got)})")
            continue
        for side in ("old", "new"):
            if side in fields:
                if side not in entry:
                    check.problems.append(f"{where}.{side}: absent (in {show(entry)})")
                else:
                    check.value(f"{where}.{side}", fields[side], entry[side])
        for side in ("old_source", "new_source"):
            if side not in fields:
                continue
            source = entry.get(side, _MISSING)
            if fields[side] is None:
                if source not in (None, _MISSING):
                    check.problems.append(f"{where}.{side}: expected none, got {show(source)}")
            else:
                _check_fields(check, f"{where}.{side}", fields[side], source)


def _check_event_error(check: _Checker, label: str, want: JsonDict, got: Any) -> None:
    """As ``expect_error`` compares an error: each given field equal, message substrings."""
    if not isinstance(got, dict):
        check.problems.append(f"{label}: expected an error, got {show(got)}")
        return
    check.problems.extend(_error_problems(label, want, got))


def _check_dump(check: _Checker, expected: JsonDict, answer: Any) -> None:
    if answer is _MISSING:
        return
    if not isinstance(answer, str):
        check.problems.append(f"dump: expected JSON text, got {show(answer)}")
        return
    try:
        parsed = json.loads(answer)
    except ValueError as exc:
        check.problems.append(f"dump: not valid JSON ({exc}): {answer[:200]!r}")
        return
    check.value("dump", expected, parsed, subset=True)


# --------------------------------------------------------------------------------------------
# Bindings against each other
# --------------------------------------------------------------------------------------------


def disagreement(reference: Any, other: Any, *, numbers_typed: bool = True) -> str | None:
    """How ``other``'s raw response differs from the reference (``rust``) one, or None.

    Both must be relativised. The request id is ignored; everything else (values, errors with
    their messages, warnings, provenance) must be the same.
    """

    def core(response: Any) -> Any:
        if isinstance(response, dict):
            return {key: value for key, value in response.items() if key != "id"}
        return response

    return diff_values(core(reference), core(other), numbers_typed=numbers_typed)
