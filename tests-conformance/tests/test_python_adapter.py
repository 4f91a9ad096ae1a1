"""The in-process Python adapter, driven against a stand-in ``superconfig`` module."""

from __future__ import annotations

import os
import types

import pytest

from tests_conformance.adapters import BindingUnavailableError
from tests_conformance.adapters import python as python_adapter


class KeyNotFound(KeyError):
    kind = "KeyNotFound"

    def __init__(self, key):
        super().__init__(key)
        self.message = f"key not found: {key}"
        self.key = key
        self.file = self.line = self.column = None


class ParseError(ValueError):
    kind = "ParseError"

    def __init__(self, file, line, column):
        super().__init__(f"parse error: {file}:{line}:{column}")
        self.file, self.line, self.column, self.key = file, line, column, None


class FakeConfig:
    """Just enough of the binding's API: a dict built by with_defaults/with_env."""

    def __init__(self, strict=False, tree=None, calls=()):
        self.strict = strict
        self.tree = dict(tree or {})
        self.calls = list(calls)

    def _next(self, tree, call):
        return FakeConfig(self.strict, tree, [*self.calls, call])

    def with_defaults(self, table):
        return self._next({**self.tree, **table}, "defaults")

    def with_env(self, prefix, separator="__"):
        seen = {k[len(prefix) :].lower(): v for k, v in os.environ.items() if k.startswith(prefix)}
        return self._next({**self.tree, **seen, "cwd": os.getcwd()}, "env")

    def with_file(self, path, required=False):
        raise ParseError(path, 3, 5)

    def get(self, path):
        node = self.tree
        for part in path if isinstance(path, list) else path.split("."):
            if not isinstance(node, dict) or part not in node:
                raise KeyNotFound(path)
            node = node[part]
        return node

    def has(self, path):
        try:
            self.get(path)
        except KeyError:
            return False
        return True

    def keys(self, path=""):
        return list(self.get(path) if path else self.tree)

    def extract(self, path=""):
        return self.get(path) if path else self.tree

    def source(self, path):
        self.get(path)
        return types.SimpleNamespace(kind="defaults", name="defaults", line=None)

    def explain(self, path):
        return {
            "value": self.get(path),
            "source": {"kind": "env", "name": "APP_X", "line": None},
            "overridden": [{"kind": "defaults", "name": "defaults", "line": None}],
        }

    def warnings(self):
        return [
            types.SimpleNamespace(
                kind=types.SimpleNamespace(value="NoMatch"), message="m", source=None
            )
        ]

    def dump(self, fmt, redact=True):
        return '{"a": "***"}'

    def layers(self):
        return [{"kind": "defaults", "name": "defaults", "status": "loaded"}]

    def profiles(self):
        return ("default",)


@pytest.fixture
def adapter():
    return python_adapter.PythonAdapter(types.SimpleNamespace(SuperConfig=FakeConfig))


def test_results_shape(adapter, tmp_path, monkeypatch):
    monkeypatch.setenv("LEAK_ME", "1")
    request = {
        "id": "c",
        "dir": str(tmp_path),
        "env": {"APP_X": "7"},
        "strict": False,
        "steps": [
            {"method": "with_defaults", "args": [{"a": {"b": 1}}], "kwargs": {}},
            {"method": "with_env", "args": ["APP_"], "kwargs": {"separator": "__"}},
        ],
        "queries": {
            "config": True,
            "get": ["a.b"],
            "get_segments": [["a", "b"]],
            "missing": ["nope"],
            "has": ["a"],
            "keys": [""],
            "extract": ["a", "zz"],
            "sources": ["a"],
            "explain": ["x"],
            "warnings": True,
            "dump": True,
            "layers": True,
            "profiles": True,
        },
    }
    cwd = os.getcwd()
    response = adapter.run(request)
    assert os.getcwd() == cwd and os.environ.get("LEAK_ME") == "1"
    assert response["id"] == "c" and response["ok"] is True
    results = response["results"]
    assert results["config"] == {"a": {"b": 1}, "x": "7", "cwd": str(tmp_path)}
    assert results["get"] == {"a.b": {"value": 1}}
    assert results["get_segments"] == [{"value": 1}]
    assert results["missing"]["nope"]["error"]["kind"] == "KeyNotFound"
    assert results["missing"]["nope"]["error"]["message"] == "key not found: nope"
    assert results["has"] == {"a": True}
    assert results["keys"] == {"": ["a", "x", "cwd"]}
    assert results["extract"]["a"] == {"b": 1}
    assert results["extract"]["zz"]["error"]["key"] == "zz"
    assert results["sources"] == {"a": {"kind": "defaults", "name": "defaults", "line": None}}
    assert results["explain"]["x"]["overridden"] == [
        {"kind": "defaults", "name": "defaults", "line": None}
    ]
    assert results["warnings"] == [{"kind": "NoMatch", "message": "m", "source": None}]
    assert results["dump"] == '{"a": "***"}'
    assert results["layers"] == [{"kind": "defaults", "name": "defaults", "status": "loaded"}]
    assert results["profiles"] == ["default"]


def test_step_error(adapter, tmp_path):
    request = {
        "id": "c",
        "dir": str(tmp_path),
        "env": {},
        "strict": True,
        "steps": [
            {"method": "with_defaults", "args": [{}], "kwargs": {}},
            {"method": "with_file", "args": ["x.toml"], "kwargs": {}},
        ],
        "queries": {"config": True},
    }
    assert adapter.run(request) == {
        "id": "c",
        "ok": False,
        "error": {
            "step": 1,
            "kind": "ParseError",
            "file": "x.toml",
            "line": 3,
            "column": 5,
            "key": None,
            "message": "parse error: x.toml:3:5",
        },
    }


def test_missing_module_is_unavailable(monkeypatch):
    monkeypatch.setattr(
        python_adapter.importlib,
        "import_module",
        lambda name: (_ for _ in ()).throw(ImportError("nope")),
    )
    with pytest.raises(BindingUnavailableError, match="not available yet"):
        python_adapter.create()


def test_error_fields_have_no_fallbacks():
    # A binding error without the error fields must fail its case, not pass under its class name.
    class KeyNotFound(Exception):
        pass

    fields = python_adapter.error_fields(KeyNotFound("gone"))
    assert fields["kind"] == "<no kind: KeyNotFound>"
    assert fields["line"] == "<missing field 'line'>"
    assert fields["message"] == "gone"


def test_constructor_options_and_new_steps(tmp_path):
    made = []

    class Config(FakeConfig):
        def __init__(self, strict=False, tree=None, calls=(), secret_keys=None):
            super().__init__(strict, tree, calls)
            made.append({"strict": strict, "secret_keys": secret_keys})

        def _next(self, tree, call):
            return Config(self.strict, tree, [*self.calls, call])

        def with_env_aliases(self, aliases, *, env=None):
            source = os.environ if env is None else env
            found = {path: source[var] for var, path in aliases.items() if var in source}
            return self._next({**self.tree, **found}, "aliases")

        def select_profile_from_env(self, var="APP_ENV", default="default", *, env=None):
            source = os.environ if env is None else env
            return self._next({**self.tree, "profile": source.get(var) or default}, "profile")

    adapter = python_adapter.PythonAdapter(types.SimpleNamespace(SuperConfig=Config))
    request = {
        "id": "c",
        "dir": str(tmp_path),
        "env": {"PORT": "80", "DEPLOY_ENV": ""},
        "strict": True,
        "secret_keys": ["*dsn"],
        "steps": [
            {
                "method": "with_env_aliases",
                "args": [{"PORT": "port", "HOST": "host"}],
                "kwargs": {},
            },
            {"method": "select_profile_from_env", "args": ["DEPLOY_ENV"], "kwargs": {}},
        ],
        "queries": {"config": True},
    }
    response = adapter.run(request)
    assert response["results"]["config"] == {"port": "80", "profile": "default"}
    assert made[0] == {"strict": True, "secret_keys": ["*dsn"]}
    # Without secret keys the constructor is called as before (strict only).
    made.clear()
    adapter.run({**request, "secret_keys": []})
    assert made[0] == {"strict": True, "secret_keys": None}


class ReloadError(ValueError):
    kind = "ParseError"

    def __init__(self, file, line):
        super().__init__(f"parse error: {file}:{line}")
        self.file, self.line, self.column, self.key = file, line, None, None


class LiveConfig(FakeConfig):
    """A stand-in with reload steps: the tree is read from files named by with_file."""

    def __init__(self, strict=False, tree=None, calls=(), files=()):
        super().__init__(strict, tree, calls)
        self.files = list(files)
        self.version = 0

    def _next(self, tree, call):
        return LiveConfig(self.strict, tree, [*self.calls, call], self.files)

    def with_file(self, path, required=False):
        made = LiveConfig(self.strict, self.tree, [*self.calls, "file"], [*self.files, path])
        made.tree = made._read()
        return made

    def _read(self):
        tree = dict(self.tree)
        for path in self.files:
            try:
                with open(path, encoding="utf-8") as handle:
                    text = handle.read()
            except FileNotFoundError:
                tree.pop(path, None)
                continue
            if text.startswith("!"):
                raise ReloadError(path, 1)
            tree[path] = text
        return tree

    def reload(self):
        new = self._read()
        source = types.SimpleNamespace(kind="file", name="x.txt", line=1)
        added = [
            types.SimpleNamespace(path=k, old=None, new=v, old_source=None, new_source=source)
            for k, v in new.items()
            if k not in self.tree
        ]
        removed = [
            types.SimpleNamespace(path=k, old=v, new=None, old_source=source, new_source=None)
            for k, v in self.tree.items()
            if k not in new
        ]
        changed = [
            types.SimpleNamespace(
                path=k, old=self.tree[k], new=new[k], old_source=source, new_source=source
            )
            for k in new
            if k in self.tree and new[k] != self.tree[k]
        ]
        if not (added or removed or changed):
            return None
        self.tree = new
        self.version += 1
        return types.SimpleNamespace(
            kind="Changed", version=self.version, added=added, removed=removed, changed=changed
        )

    def update_string(self, name, text):
        raise KeyNotFound(name)


def test_reload_steps_record_events_and_touch_files(tmp_path):
    adapter = python_adapter.PythonAdapter(types.SimpleNamespace(SuperConfig=LiveConfig))
    (tmp_path / "x.txt").write_text("one", encoding="utf-8")

    def step(method, *args):
        return {"method": method, "args": list(args), "kwargs": {}}

    request = {
        "id": "c",
        "dir": str(tmp_path),
        "env": {},
        "strict": False,
        "steps": [
            step("with_file", "x.txt"),
            step("write_file", "x.txt", "two"),
            step("reload"),
            step("reload"),
            step("write_file", "sub/y.txt", "!broken"),
            step("with_file", "sub/y.txt"),
        ],
        "queries": {"version": True, "events": True},
    }
    response = adapter.run(request)
    # The builder step raised (the stand-in reads at build time): a step error, not an event.
    assert response["ok"] is False and response["error"]["step"] == 5
    assert (tmp_path / "sub" / "y.txt").read_text(encoding="utf-8") == "!broken"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sub", "x.txt"]  # no temporary left

    request["steps"] = [
        step("with_file", "x.txt"),
        step("with_file", "sub/y.txt"),
        step("write_file", "x.txt", "three"),
        step("reload"),
        step("write_file", "sub/y.txt", "!again"),
        step("reload"),
        step("remove_file", "sub/y.txt"),
        step("reload"),
        step("update_string", "nope", "a = 1"),
    ]
    (tmp_path / "sub" / "y.txt").write_text("why", encoding="utf-8")
    response = adapter.run(request)
    assert response["ok"] is True, response
    results = response["results"]
    assert results["version"] == 2
    source = {"kind": "file", "name": "x.txt", "line": 1}
    first, failed, second, unknown = results["events"]
    assert first == {
        "kind": "Changed",
        "version": 1,
        "added": [],
        "removed": [],
        "changed": ["x.txt"],
        "values": {
            "x.txt": {"old": "two", "new": "three", "old_source": source, "new_source": source}
        },
    }
    assert failed["kind"] == "ReloadFailed" and failed["version"] == 1
    assert failed["error"]["kind"] == "ParseError" and failed["error"]["file"] == "sub/y.txt"
    assert second["removed"] == ["sub/y.txt"]
    assert second["values"] == {"sub/y.txt": {"old": "why", "old_source": source}}
    assert unknown["kind"] == "ReloadFailed" and unknown["error"]["kind"] == "KeyNotFound"


def test_file_step_failure_is_fatal(tmp_path):
    adapter = python_adapter.PythonAdapter(types.SimpleNamespace(SuperConfig=LiveConfig))
    request = {
        "id": "c",
        "dir": str(tmp_path),
        "env": {},
        "steps": [{"method": "remove_file", "args": ["absent.toml"], "kwargs": {}}],
        "queries": {},
    }
    response = adapter.run(request)
    assert "step 0 (remove_file)" in response["fatal"]
