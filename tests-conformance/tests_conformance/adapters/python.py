"""The ``python`` binding, driven in-process (no child process, no JSON on the way).

It imports ``superconfig`` (the PyO3 extension) and implements the adapter protocol directly over
its public API: ``SuperConfig(strict=..., secret_keys=...)`` (``secret_keys`` only when the case
gives some), the builder methods by their snake_case names (each returning a new object), and
the readers ``extract/get/has/keys/source/explain/warnings/dump/layers/profiles``, and for the
reload steps ``reload()``/``update_string(name, text)`` (a ``Changed`` object or None) and the
``version`` property. Errors are read
from the exception's ``kind``/``file``/``line``/``column``/``key``/``message`` attributes (the class
name stands in for a missing ``kind``). When ``superconfig`` cannot be imported the binding is
unavailable, which the runner reports as a failure of every case.
"""

from __future__ import annotations

import copy
import importlib
from collections.abc import Mapping
from typing import Any

from tests_conformance.adapters.base import (
    BindingUnavailableError,
    Capabilities,
    JsonDict,
    case_environment,
    remove_file,
    write_file_by_rename,
)

_SOURCE_FIELDS = ("kind", "name", "line")
_LAYER_FIELDS = ("kind", "name", "status")
_WARNING_FIELDS = ("kind", "message", "source")
#: The sides of a key change each list of a ``Changed`` event reports (the wire rule: an added
#: key has no old side, a removed key no new side).
_CHANGE_SIDES = (("added", ("new",)), ("removed", ("old",)), ("changed", ("old", "new")))


def _missing(name: str) -> str:
    """What a field the binding does not expose reads as: never equal to an expected value."""
    return f"<missing field {name!r}>"


def _field(obj: Any, name: str) -> Any:
    if isinstance(obj, Mapping):
        return obj[name] if name in obj else _missing(name)
    return getattr(obj, name, _missing(name))


def _plain(value: Any) -> Any:
    """Native values → JSON-shaped values (tuples become lists, mappings dicts)."""
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def _text(value: Any) -> Any:
    """Enum-ish kinds and statuses → their string."""
    if value is None or isinstance(value, str):
        return value
    inner = getattr(value, "value", None)
    if isinstance(inner, str):
        return inner
    name = getattr(value, "name", None)
    return name if isinstance(name, str) else str(value)


def _record(obj: Any, fields: tuple[str, ...]) -> JsonDict:
    record = {name: _plain(_field(obj, name)) for name in fields}
    for name in ("kind", "status"):
        if name in record:
            record[name] = _text(record[name])
    return record


def error_fields(exc: BaseException) -> JsonDict:
    """The protocol's error object E for an exception raised by the binding."""
    # No fallbacks: an error without the error fields (a bare KeyError, say) must fail the case.
    kind = _text(getattr(exc, "kind", None)) or f"<no kind: {type(exc).__name__}>"
    message = getattr(exc, "message", None)
    if not isinstance(message, str):
        message = exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)
    return {
        "kind": kind,
        "file": _field(exc, "file"),
        "line": _field(exc, "line"),
        "column": _field(exc, "column"),
        "key": _field(exc, "key"),
        "message": message,
    }


class PythonAdapter:
    name = "python"
    capabilities = Capabilities(numbers_typed=True)

    def __init__(self, module: Any) -> None:
        self.module = module

    def close(self) -> None:
        pass

    def run(self, request: JsonDict) -> JsonDict:
        case_id = request.get("id")
        try:
            with case_environment(request["dir"], request.get("env") or {}):
                return {"id": case_id, **self._run(request)}
        except Exception as exc:
            return {"id": case_id, "fatal": f"{type(exc).__name__}: {exc}"}

    def _run(self, request: JsonDict) -> JsonDict:
        options: JsonDict = {"strict": bool(request.get("strict"))}
        if request.get("secret_keys"):
            options["secret_keys"] = list(request["secret_keys"])
        config = self.module.SuperConfig(**options)
        events: list[JsonDict] = []
        for index, step in enumerate(request.get("steps") or []):
            name = step["method"]
            args = copy.deepcopy(step.get("args") or [])
            kwargs = copy.deepcopy(step.get("kwargs") or {})
            if name in ("write_file", "remove_file"):
                try:
                    if name == "write_file":
                        write_file_by_rename(args[0], args[1])
                    else:
                        remove_file(args[0])
                except OSError as exc:
                    raise RuntimeError(f"step {index} ({name}): {exc}") from exc
                continue
            if name in ("reload", "update_string"):
                event = _reload(config, name, args)
                if event is not None:
                    events.append(event)
                continue
            method = getattr(config, name)
            try:
                result = method(*args, **kwargs)
            except Exception as exc:
                return {"ok": False, "error": {"step": index, **error_fields(exc)}}
            if result is not None:
                config = result
        return {
            "ok": True,
            "results": self._queries(config, request.get("queries") or {}, events),
        }

    def _queries(self, config: Any, queries: JsonDict, events: list[JsonDict]) -> JsonDict:
        results: JsonDict = {}

        def attempt(call: Any, shape: Any = _plain) -> Any:
            try:
                return shape(call())
            except Exception as exc:
                return {"error": error_fields(exc)}

        def valued(call: Any) -> Any:
            try:
                return {"value": _plain(call())}
            except Exception as exc:
                return {"error": error_fields(exc)}

        if queries.get("config"):
            results["config"] = attempt(config.extract)
        if "get" in queries:
            results["get"] = {p: valued(lambda p=p: config.get(p)) for p in queries["get"]}
        if "get_segments" in queries:
            results["get_segments"] = [
                valued(lambda s=s: config.get(list(s))) for s in queries["get_segments"]
            ]
        if "missing" in queries:
            results["missing"] = {p: valued(lambda p=p: config.get(p)) for p in queries["missing"]}
        if "has" in queries:
            results["has"] = {p: attempt(lambda p=p: config.has(p)) for p in queries["has"]}
        if "keys" in queries:
            results["keys"] = {p: attempt(lambda p=p: config.keys(p)) for p in queries["keys"]}
        if "extract" in queries:
            results["extract"] = {
                p: attempt(lambda p=p: config.extract(p)) for p in queries["extract"]
            }
        if "sources" in queries:
            results["sources"] = {
                p: attempt(lambda p=p: config.source(p), lambda s: _record(s, _SOURCE_FIELDS))
                for p in queries["sources"]
            }
        if "explain" in queries:
            results["explain"] = {
                p: attempt(lambda p=p: config.explain(p), _explanation) for p in queries["explain"]
            }
        if queries.get("warnings"):
            results["warnings"] = [_record(w, _WARNING_FIELDS) for w in config.warnings()]
        if queries.get("dump"):
            results["dump"] = config.dump("json", redact=True)
        if queries.get("layers"):
            results["layers"] = [_record(layer, _LAYER_FIELDS) for layer in config.layers()]
        if queries.get("profiles"):
            results["profiles"] = list(config.profiles())
        if queries.get("version"):
            results["version"] = attempt(lambda: _field(config, "version"))
        if queries.get("events"):
            results["events"] = copy.deepcopy(events)
        return results


def _explanation(obj: Any) -> JsonDict:
    overridden = _field(obj, "overridden") or []
    return {
        "value": _plain(_field(obj, "value")),
        "source": _record(_field(obj, "source"), _SOURCE_FIELDS),
        "overridden": [_record(s, _SOURCE_FIELDS) for s in overridden],
    }


def _reload(config: Any, method: str, args: list[Any]) -> JsonDict | None:
    """Run a reload step on ``config`` (reloaded in place); its event, or None when nothing
    changed. Every error is a ``ReloadFailed`` event (the last good tree stays)."""
    try:
        change = getattr(config, method)(*args)
    except Exception as exc:
        try:
            version = _field(config, "version")
        except Exception as inner:
            version = {"error": error_fields(inner)}
        return {"kind": "ReloadFailed", "version": version, "error": error_fields(exc)}
    return None if change is None else change_event(change)


def _source_or_none(source: Any) -> JsonDict | None:
    return None if source is None else _record(source, _SOURCE_FIELDS)


def change_event(change: Any) -> JsonDict:
    """The wire form of a ``Changed`` event: the three path lists and, per path, the sides that
    apply (``old``/``old_source`` unless added, ``new``/``new_source`` unless removed)."""
    event: JsonDict = {"kind": _text(_field(change, "kind")), "version": _field(change, "version")}
    values: JsonDict = {}
    for group, sides in _CHANGE_SIDES:
        raw = _field(change, group)
        if not isinstance(raw, (list, tuple)):
            event[group] = _plain(raw)  # a missing field: never equal to an expected list
            continue
        event[group] = [_field(item, "path") for item in raw]
        for item in raw:
            entry: JsonDict = {}
            for side in sides:
                entry[side] = _plain(_field(item, side))
                entry[f"{side}_source"] = _source_or_none(_field(item, f"{side}_source"))
            values[str(_field(item, "path"))] = entry
    event["values"] = values
    return event


def create(timeout: float | None = None) -> PythonAdapter:
    del timeout  # in-process: a hang hangs the runner; pytest-timeout can guard that
    try:
        module = importlib.import_module("superconfig")
    except ImportError as exc:
        raise BindingUnavailableError(
            "python: binding not available yet (`import superconfig` failed: "
            f"{exc}); build and install it with maturin first"
        ) from exc
    if not hasattr(module, "SuperConfig"):
        raise BindingUnavailableError(f"python: {module.__name__} has no SuperConfig class")
    return PythonAdapter(module)
