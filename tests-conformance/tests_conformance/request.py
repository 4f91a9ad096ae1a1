"""Turning a case into an adapter request, and the filesystem emulation some adapters opt into.

Step normalisation: a scalar is the first positional argument, a list is the positional arguments,
a mapping names the arguments. The runner moves every *positional* parameter named in a mapping
into ``args`` (in signature order), so ``kwargs`` only ever holds optional keyword parameters and
an adapter never needs to know parameter names of required arguments. Exceptions: the mapping
given to ``with_defaults`` is the table itself, the mapping given to ``with_env_aliases`` is its
one ``aliases`` argument, and the list given to ``suppress_warnings`` is its one ``patterns``
argument. ``select_profile_from_env`` has no required parameter: its optional ``var`` and
``default`` come in ``args`` when given as a scalar or a list, in ``kwargs`` when named.

Reload steps (``write_file``, ``remove_file``, ``reload``, ``update_string``) are not builder
calls: they act on the latest configuration of the case (see the README, "Reload steps").
``reload`` takes nothing (``reload: {}``; ``reload:`` with no value is the same).
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field
from typing import Any

JsonDict = dict[str, Any]

#: Required (positional) parameters of every builder method, in order.
POSITIONAL: dict[str, tuple[str, ...]] = {
    "with_defaults": ("table",),
    "with_file": ("path",),
    "with_string": ("text", "format"),
    "with_env": ("prefix",),
    "with_env_map": ("mapping", "prefix"),
    "with_env_aliases": ("aliases",),
    "with_glob": ("pattern",),
    "with_hierarchical": ("app",),
    "with_secrets_dir": ("path",),
    "select_profile": ("name",),
    "select_profile_from_env": (),
    "suppress_warnings": ("patterns",),
    # Reload steps (not builder calls; each acts on the latest configuration)
    "write_file": ("path", "text"),
    "remove_file": ("path",),
    "reload": (),
    "update_string": ("name", "text"),
}

#: Optional keyword parameters of every builder method.
KEYWORDS: dict[str, tuple[str, ...]] = {
    "with_defaults": (),
    "with_file": ("required", "format", "profiles"),
    "with_string": ("name", "profiles"),
    "with_env": ("separator", "ignore_empty", "dotenv"),
    "with_env_map": ("separator", "ignore_empty"),
    "with_env_aliases": (),
    "with_glob": ("base_dir",),
    "with_hierarchical": ("system_dir", "user_dir", "start_dir", "stop_dir"),
    "with_secrets_dir": ("prefix",),
    "select_profile": (),
    "select_profile_from_env": ("var", "default"),
    "suppress_warnings": (),
    "write_file": (),
    "remove_file": (),
    "reload": (),
    "update_string": (),
}

#: Steps that reload the latest configuration; they never raise: a failure is a
#: ``ReloadFailed`` event in ``results.events``.
RELOAD_METHODS = frozenset({"reload", "update_string"})

#: Steps that change files in the case directory (a case using them ``requires: [watch]``).
FILE_METHODS = frozenset({"write_file", "remove_file"})

#: Steps that need a real filesystem whatever their arguments.
FS_ONLY_METHODS = frozenset({"with_glob", "with_hierarchical", "with_secrets_dir"})

#: Steps that read the process environment; without a filesystem (and a process environment)
#: the emulation passes the case's ``env`` to them as the keyword argument ``env``.
ENV_READING_METHODS = frozenset({"with_env_aliases", "select_profile_from_env"})

#: Query names in the order they appear in a request (and in a response).
QUERY_KEYS = (
    "config",
    "get",
    "get_segments",
    "missing",
    "has",
    "keys",
    "extract",
    "sources",
    "explain",
    "warnings",
    "dump",
    "layers",
    "profiles",
    "version",
    "events",
)


class StepError(ValueError):
    """A step that cannot be normalised (the schema normally catches these first)."""


@dataclass(frozen=True)
class Step:
    """One builder call with its arguments split the way every adapter receives them."""

    method: str
    args: list[Any] = field(default_factory=list)
    kwargs: JsonDict = field(default_factory=dict)

    def to_wire(self) -> JsonDict:
        return {
            "method": self.method,
            "args": copy.deepcopy(self.args),
            "kwargs": copy.deepcopy(self.kwargs),
        }


def normalise_step(raw: Any) -> Step:
    """``{method: value}`` from a case file → :class:`Step`."""
    if not isinstance(raw, dict) or len(raw) != 1:
        raise StepError(f"a step is a mapping with exactly one method, got {raw!r}")
    ((method, value),) = raw.items()
    if method not in POSITIONAL:
        raise StepError(f"unknown method {method!r}")
    if method == "reload":
        if value is None or value == {}:
            return Step(method, [], {})
        raise StepError(f"reload takes no arguments, got {value!r}")
    if method in ("with_defaults", "with_env_aliases") or (
        method == "suppress_warnings" and isinstance(value, list)
    ):
        return Step(method, [copy.deepcopy(value)], {})
    required = POSITIONAL[method]
    if not isinstance(value, dict):
        given = copy.deepcopy(value) if isinstance(value, list) else [copy.deepcopy(value)]
        if len(given) < len(required):
            raise StepError(f"{method}: needs {', '.join(required)}")
        return Step(method, given, {})
    named = copy.deepcopy(value)
    args: list[Any] = []
    for name in POSITIONAL[method]:
        if name not in named:
            break
        args.append(named.pop(name))
    if len(args) < len(required):
        raise StepError(f"{method}: missing argument {required[len(args)]!r}")
    unknown = sorted(set(named) - set(KEYWORDS[method]))
    if unknown:
        raise StepError(f"{method}: unknown argument(s) {', '.join(unknown)}")
    return Step(method, args, named)


def build_queries(expect: JsonDict | None) -> JsonDict:
    """The ``queries`` object: only what the case's ``expect`` asks for."""
    if not expect:
        return {}
    queries: JsonDict = {}
    for flag in ("config", "warnings", "dump", "layers", "profiles", "version", "events"):
        if flag in expect:
            queries[flag] = True
    for name in ("get", "has", "keys", "sources", "explain"):
        if name in expect:
            queries[name] = list(expect[name])
    if "missing" in expect:
        queries["missing"] = [missing_path(item) for item in expect["missing"]]
    if "get_segments" in expect:
        queries["get_segments"] = [list(item["path"]) for item in expect["get_segments"]]
    extract_paths = list(expect.get("extract", {}))
    extract_paths += [p for p in expect.get("extract_errors", {}) if p not in extract_paths]
    if "extract" in expect or "extract_errors" in expect:
        queries["extract"] = extract_paths
    return {key: queries[key] for key in QUERY_KEYS if key in queries}


def missing_path(item: Any) -> str:
    """The path of an ``expect.missing`` item: a path, or ``{path, contains?, excludes?}``."""
    return str(item["path"]) if isinstance(item, dict) else str(item)


def build_request(case_id: str, case_data: JsonDict, case_dir: str) -> JsonDict:
    """The request line for one case run in ``case_dir``."""
    return {
        "id": case_id,
        "dir": case_dir,
        "env": dict(case_data.get("env") or {}),
        "strict": bool(case_data.get("strict", False)),
        "secret_keys": [str(pattern) for pattern in case_data.get("secret_keys") or []],
        "steps": [normalise_step(raw).to_wire() for raw in case_data.get("steps") or []],
        "queries": build_queries(case_data.get("expect")),
    }


# --------------------------------------------------------------------------------------------
# Filesystem emulation (browser-style adapters): with_file → with_string, with_env → with_env_map,
# with_env_aliases / select_profile_from_env → the same with env=<the case's env>
# --------------------------------------------------------------------------------------------

_EXTENSION_FORMATS = {".toml": "toml", ".yaml": "yaml", ".yml": "yaml", ".json": "json"}


def format_from_extension(path: str) -> str | None:
    """The format ``with_file`` picks from a file name, or None when it would have to sniff."""
    name = path.rsplit("/", 1)[-1]
    if name == ".env" or name.endswith(".env") or name.startswith(".env."):
        return "dotenv"
    _, ext = os.path.splitext(name)
    return _EXTENSION_FORMATS.get(ext.lower())


class EmulationError(ValueError):
    """A step the emulation cannot express without a filesystem (the case should require fs)."""


def _emulation_refusal(step: Step) -> str | None:
    """Why the emulation refuses ``step`` whatever the case's files (None: it can try)."""
    if step.method in FS_ONLY_METHODS:
        return f"{step.method} needs a filesystem"
    if step.method in FILE_METHODS:
        return f"{step.method} changes files: it needs a filesystem"
    if step.method == "with_env" and step.kwargs.get("dotenv") is not None:
        return "with_env(dotenv=...) reads a dotenv file from the filesystem"
    return None


def emulation_blocker(step: Step, files: JsonDict) -> str | None:
    """Why ``step`` cannot run without a real filesystem, or None when it can be emulated."""
    refusal = _emulation_refusal(step)
    if refusal:
        return refusal
    if step.method == "with_file":
        path = step.args[0] if step.args else None
        if not isinstance(path, str) or path not in files:
            return f"with_file({path!r}) reads a file that is not in files:"
        if not step.kwargs.get("format") and format_from_extension(path) is None:
            return f"with_file({path!r}) has no known extension and no format (needs sniffing)"
    return None


class FsEmulation:
    """Rewrite a request for an adapter without a filesystem, and map its answer back.

    ``with_file(path, format=F, profiles=P)`` becomes ``with_string(text, F or
    format-from-extension, name=path, profiles=P)``; ``with_env(prefix, ...)`` becomes
    ``with_env_map(env, prefix, ...)``; ``with_env_aliases`` and ``select_profile_from_env`` get
    ``env=<the case's env>`` (the keyword that replaces the process environment). ``with_env``
    with ``dotenv=`` and ``with_secrets_dir`` read files and cannot be emulated. Sources and
    layer records of emulated files come back with kind ``string``; :meth:`response` turns them
    back into kind ``file`` so that the one comparison rule holds for every adapter (in the
    sources of reload events too).

    Reload steps: ``reload`` and ``update_string`` pass through (the browser's reload is
    ``update_string``); ``write_file`` and ``remove_file`` are refused (their cases require
    ``watch``), and so is an ``update_string`` naming a file the emulation turned into a string
    layer (with a filesystem that name is no string layer's).
    """

    def __init__(self) -> None:
        self.emulated_names: set[str] = set()

    def request(self, request: JsonDict) -> JsonDict:
        out = copy.deepcopy(request)
        steps: list[JsonDict] = []
        for wire in out["steps"]:
            step = Step(wire["method"], wire["args"], wire["kwargs"])
            blocker = _emulation_refusal(step)
            if blocker:
                raise EmulationError(blocker)
            if step.method == "with_file":
                steps.append(self._file_step(step, out["dir"]))
            elif (
                step.method == "update_string"
                and step.args[:1]
                and step.args[0] in self.emulated_names
            ):
                raise EmulationError(
                    f"update_string({step.args[0]!r}) names a file, which only the emulation "
                    "makes a string layer"
                )
            elif step.method in ENV_READING_METHODS:
                steps.append(
                    Step(
                        step.method, list(step.args), {**step.kwargs, "env": dict(out["env"])}
                    ).to_wire()
                )
            elif step.method == "with_env":
                steps.append(
                    Step(
                        "with_env_map", [dict(out["env"]), *step.args], dict(step.kwargs)
                    ).to_wire()
                )
            else:
                steps.append(wire)
        out["steps"] = steps
        return out

    def _file_step(self, step: Step, case_dir: str) -> JsonDict:
        path = step.args[0]
        fmt = step.kwargs.get("format") or format_from_extension(path)
        if fmt is None:
            raise EmulationError(f"with_file({path!r}): no format and no known extension")
        try:
            with open(os.path.join(case_dir, path), encoding="utf-8", newline="") as handle:
                text = handle.read()
        except OSError as exc:
            raise EmulationError(f"with_file({path!r}): {exc}") from exc
        kwargs: JsonDict = {"name": path}
        if "profiles" in step.kwargs:
            kwargs["profiles"] = step.kwargs["profiles"]
        self.emulated_names.add(path)
        return Step("with_string", [text, fmt], kwargs).to_wire()

    def response(self, response: JsonDict) -> JsonDict:
        results = response.get("results")
        if not isinstance(results, dict) or not self.emulated_names:
            return response
        out = copy.deepcopy(response)
        results = out["results"]
        for answer in (results.get("sources") or {}).values():
            self._fix_source(answer)
        for answer in (results.get("explain") or {}).values():
            if isinstance(answer, dict):
                self._fix_source(answer.get("source"))
                for earlier in answer.get("overridden") or []:
                    self._fix_source(earlier)
        for record in results.get("layers") or []:
            self._fix_source(record)
        for event in results.get("events") or []:
            values = event.get("values") if isinstance(event, dict) else None
            for change in (values or {}).values():
                if isinstance(change, dict):
                    self._fix_source(change.get("old_source"))
                    self._fix_source(change.get("new_source"))
        return out

    def _fix_source(self, source: Any) -> None:
        if (
            isinstance(source, dict)
            and source.get("kind") == "string"
            and source.get("name") in self.emulated_names
        ):
            source["kind"] = "file"
