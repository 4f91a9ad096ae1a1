"""Case → request: step normalisation, queries, filesystem emulation."""

from __future__ import annotations

import pytest

from tests_conformance.request import (
    EmulationError,
    FsEmulation,
    StepError,
    build_queries,
    build_request,
    format_from_extension,
    normalise_step,
)


@pytest.mark.parametrize(
    ("raw", "method", "args", "kwargs"),
    [
        ({"with_file": "config.toml"}, "with_file", ["config.toml"], {}),
        (
            {"with_file": {"path": "c.yaml", "required": True}},
            "with_file",
            ["c.yaml"],
            {"required": True},
        ),
        (
            {"with_env": {"prefix": "APP_", "separator": "_"}},
            "with_env",
            ["APP_"],
            {"separator": "_"},
        ),
        ({"with_env_map": [{"APP_A": "1"}, "APP_"]}, "with_env_map", [{"APP_A": "1"}, "APP_"], {}),
        (
            {"with_env_map": {"mapping": {"X_A": "1"}, "prefix": "X_", "ignore_empty": True}},
            "with_env_map",
            [{"X_A": "1"}, "X_"],
            {"ignore_empty": True},
        ),
        (
            {"with_defaults": {"path": 1, "prefix": 2}},
            "with_defaults",
            [{"path": 1, "prefix": 2}],
            {},
        ),
        (
            {"with_string": {"text": "a = 1", "format": "toml", "name": "x"}},
            "with_string",
            ["a = 1", "toml"],
            {"name": "x"},
        ),
        (
            {"with_hierarchical": {"app": "myapp", "stop_dir": "."}},
            "with_hierarchical",
            ["myapp"],
            {"stop_dir": "."},
        ),
        ({"select_profile": "prod"}, "select_profile", ["prod"], {}),
        (
            {"with_env": {"prefix": "APP_", "dotenv": ".env"}},
            "with_env",
            ["APP_"],
            {"dotenv": ".env"},
        ),
        # The mapping given to with_env_aliases is the aliases argument, whatever its names.
        (
            {"with_env_aliases": {"PORT": "server.port", "aliases": "x"}},
            "with_env_aliases",
            [{"PORT": "server.port", "aliases": "x"}],
            {},
        ),
        ({"with_secrets_dir": "secrets"}, "with_secrets_dir", ["secrets"], {}),
        (
            {"with_secrets_dir": {"path": "s", "prefix": "app_"}},
            "with_secrets_dir",
            ["s"],
            {"prefix": "app_"},
        ),
        ({"select_profile_from_env": "DEPLOY_ENV"}, "select_profile_from_env", ["DEPLOY_ENV"], {}),
        (
            {"select_profile_from_env": ["DEPLOY_ENV", "staging"]},
            "select_profile_from_env",
            ["DEPLOY_ENV", "staging"],
            {},
        ),
        ({"select_profile_from_env": {}}, "select_profile_from_env", [], {}),
        (
            {"select_profile_from_env": {"default": "staging"}},
            "select_profile_from_env",
            [],
            {"default": "staging"},
        ),
    ],
)
def test_normalise_step(raw, method, args, kwargs):
    step = normalise_step(raw)
    assert (step.method, step.args, step.kwargs) == (method, args, kwargs)


@pytest.mark.parametrize(
    "raw",
    [
        {"with_file": {"required": True}},
        {"with_string": {"format": "toml"}},
        {"with_file": {"path": "a", "bogus": 1}},
        {"nope": 1},
        {"with_file": 1, "with_env": 2},
        {"with_secrets_dir": {"prefix": "x"}},
        {"select_profile_from_env": {"variable": "X"}},
        {"with_env_map": {"mapping": {}, "prefix": "A_", "dotenv": ".env"}},
    ],
)
def test_normalise_step_rejects(raw):
    with pytest.raises(StepError):
        normalise_step(raw)


def test_queries_hold_only_what_expect_asks_for():
    expect = {
        "get": {"a": 1, "b": 2},
        "warnings": [],
        "extract": {"": {}},
        "extract_errors": {"x": "KeyNotFound"},
        "get_segments": [{"path": ["a.b"], "value": 1}],
    }
    assert build_queries(expect) == {
        "get": ["a", "b"],
        "get_segments": [["a.b"]],
        "extract": ["", "x"],
        "warnings": True,
    }
    assert build_queries(None) == {}


def test_build_request_shape():
    data = {
        "description": "d",
        "env": {"APP_X": "1"},
        "strict": True,
        "secret_keys": ["*dsn"],
        "steps": [{"with_env": "APP_"}],
        "expect": {"config": {}, "missing": ["a", {"path": "b", "contains": ["x"]}]},
    }
    assert build_request("a/b.yaml", data, "/tmp/x") == {
        "id": "a/b.yaml",
        "dir": "/tmp/x",
        "env": {"APP_X": "1"},
        "strict": True,
        "secret_keys": ["*dsn"],
        "steps": [{"method": "with_env", "args": ["APP_"], "kwargs": {}}],
        "queries": {"config": True, "missing": ["a", "b"]},
    }
    assert build_request("c.yaml", {"steps": []}, "/tmp/x")["secret_keys"] == []


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.toml", "toml"),
        ("a.YML", "yaml"),
        ("x/a.yaml", "yaml"),
        ("a.json", "json"),
        (".env", "dotenv"),
        ("prod.env", "dotenv"),
        (".env.production", "dotenv"),
        ("config/.env.local", "dotenv"),
        ("env.production", None),
        ("a.conf", None),
        ("env", None),
    ],
)
def test_format_from_extension(name, fmt):
    assert format_from_extension(name) == fmt


def test_fs_emulation_round_trip(tmp_path):
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "a.toml").write_text("a = 1\n", encoding="utf-8")
    request = {
        "id": "x",
        "dir": str(tmp_path),
        "env": {"APP_A": "2"},
        "strict": False,
        "steps": [
            {
                "method": "with_file",
                "args": ["conf/a.toml"],
                "kwargs": {"required": True, "profiles": True},
            },
            {"method": "with_env", "args": ["APP_"], "kwargs": {"separator": "_"}},
            {"method": "select_profile", "args": ["prod"], "kwargs": {}},
            {"method": "with_env_aliases", "args": [{"PORT": "port"}], "kwargs": {}},
            {"method": "select_profile_from_env", "args": [], "kwargs": {"default": "qa"}},
        ],
        "queries": {},
    }
    emulation = FsEmulation()
    out = emulation.request(request)
    assert out["steps"] == [
        {
            "method": "with_string",
            "args": ["a = 1\n", "toml"],
            "kwargs": {"name": "conf/a.toml", "profiles": True},
        },
        {"method": "with_env_map", "args": [{"APP_A": "2"}, "APP_"], "kwargs": {"separator": "_"}},
        {"method": "select_profile", "args": ["prod"], "kwargs": {}},
        {
            "method": "with_env_aliases",
            "args": [{"PORT": "port"}],
            "kwargs": {"env": {"APP_A": "2"}},
        },
        {
            "method": "select_profile_from_env",
            "args": [],
            "kwargs": {"default": "qa", "env": {"APP_A": "2"}},
        },
    ]
    response = {
        "id": "x",
        "ok": True,
        "results": {
            "sources": {
                "a": {"kind": "string", "name": "conf/a.toml", "line": 1},
                "b": {"kind": "string", "name": "<string>", "line": 1},
            },
            "layers": [{"kind": "string", "name": "conf/a.toml", "status": "loaded"}],
            "explain": {
                "a": {
                    "value": 1,
                    "source": {"kind": "string", "name": "conf/a.toml"},
                    "overridden": [{"kind": "string", "name": "conf/a.toml"}],
                }
            },
        },
    }
    fixed = emulation.response(response)["results"]
    assert fixed["sources"]["a"]["kind"] == "file"
    assert fixed["sources"]["b"]["kind"] == "string"
    assert fixed["layers"][0]["kind"] == "file"
    assert fixed["explain"]["a"]["source"]["kind"] == "file"
    assert fixed["explain"]["a"]["overridden"][0]["kind"] == "file"


@pytest.mark.parametrize(
    "step",
    [
        {"method": "with_glob", "args": ["*.toml"], "kwargs": {}},
        {"method": "with_file", "args": ["missing.toml"], "kwargs": {}},
        {"method": "with_secrets_dir", "args": ["secrets"], "kwargs": {}},
        {"method": "with_env", "args": ["APP_"], "kwargs": {"dotenv": ".env"}},
    ],
)
def test_fs_emulation_refuses_what_needs_a_filesystem(tmp_path, step):
    request = {
        "id": "x",
        "dir": str(tmp_path),
        "env": {},
        "strict": False,
        "steps": [step],
        "queries": {},
    }
    with pytest.raises(EmulationError):
        FsEmulation().request(request)


@pytest.mark.parametrize(
    ("raw", "method", "args"),
    [
        ({"reload": {}}, "reload", []),
        ({"reload": None}, "reload", []),
        (
            {"write_file": {"path": "a.toml", "text": "a = 1\n"}},
            "write_file",
            ["a.toml", "a = 1\n"],
        ),
        ({"write_file": ["a.toml", ""]}, "write_file", ["a.toml", ""]),
        ({"remove_file": "a.toml"}, "remove_file", ["a.toml"]),
        ({"remove_file": {"path": "a.toml"}}, "remove_file", ["a.toml"]),
        ({"update_string": {"name": "app", "text": "a = 1"}}, "update_string", ["app", "a = 1"]),
    ],
)
def test_normalise_reload_steps(raw, method, args):
    step = normalise_step(raw)
    assert (step.method, step.args, step.kwargs) == (method, args, {})


@pytest.mark.parametrize(
    "raw",
    [
        {"reload": {"force": True}},
        {"reload": 1},
        {"write_file": {"path": "a.toml"}},
        {"update_string": {"name": "app"}},
        {"update_string": {"name": "app", "text": "", "format": "toml"}},
    ],
)
def test_normalise_reload_steps_rejects(raw):
    with pytest.raises(StepError):
        normalise_step(raw)


def test_queries_version_and_events():
    assert build_queries({"events": [], "version": 0, "config": {}}) == {
        "config": True,
        "version": True,
        "events": True,
    }


def _request(tmp_path, steps):
    return {"id": "x", "dir": str(tmp_path), "env": {}, "strict": False, "steps": steps}


def test_fs_emulation_passes_reload_steps_and_fixes_event_sources(tmp_path):
    (tmp_path / "a.toml").write_text("a = 1\n", encoding="utf-8")
    reload = {"method": "reload", "args": [], "kwargs": {}}
    update = {"method": "update_string", "args": ["app", "a = 2"], "kwargs": {}}
    emulation = FsEmulation()
    out = emulation.request(
        _request(
            tmp_path, [{"method": "with_file", "args": ["a.toml"], "kwargs": {}}, reload, update]
        )
    )
    assert out["steps"][1:] == [reload, update]
    file_source = {"kind": "string", "name": "a.toml", "line": 1}
    string_source = {"kind": "string", "name": "app", "line": 1}
    response = {
        "id": "x",
        "ok": True,
        "results": {
            "events": [
                {
                    "kind": "Changed",
                    "version": 1,
                    "values": {
                        "a": {"old": 1, "new": 2, "old_source": file_source, "new_source": None},
                        "b": {"new": 1, "new_source": string_source},
                    },
                },
                {"kind": "ReloadFailed", "version": 1, "error": {"kind": "ParseError"}},
            ]
        },
    }
    events = emulation.response(response)["results"]["events"]
    assert events[0]["values"]["a"]["old_source"]["kind"] == "file"
    assert events[0]["values"]["a"]["new_source"] is None
    assert events[0]["values"]["b"]["new_source"]["kind"] == "string"


@pytest.mark.parametrize(
    "steps",
    [
        [{"method": "write_file", "args": ["a.toml", "a = 2\n"], "kwargs": {}}],
        [{"method": "remove_file", "args": ["a.toml"], "kwargs": {}}],
        [
            {"method": "with_file", "args": ["a.toml"], "kwargs": {}},
            {"method": "update_string", "args": ["a.toml", "a = 2\n"], "kwargs": {}},
        ],
    ],
)
def test_fs_emulation_refuses_file_steps(tmp_path, steps):
    (tmp_path / "a.toml").write_text("a = 1\n", encoding="utf-8")
    with pytest.raises(EmulationError):
        FsEmulation().request(_request(tmp_path, steps))
