"""The runner end to end, against fake_adapter.py standing in for real bindings."""

from __future__ import annotations

import json
import sys

import pytest

from tests_conformance import adapters, cli
from tests_conformance.adapters import BindingUnavailableError, Capabilities, ProcessAdapter
from tests_conformance.runner import FAIL, PASS, UNSUPPORTED, Session

CASES = {
    "basic/pass.yaml": {
        "description": "passes",
        "files": {"config.toml": "a = 1\n", "sub/dir/x.toml": "b = 2\n"},
        "steps": [{"with_file": "config.toml"}],
        "expect": {"config": {"a": 1}, "sources": {"a": {"kind": "file", "name": "config.toml"}}},
    },
    "basic/fail.yaml": {
        "description": "fails",
        "steps": [{"with_defaults": {"a": 1}}],
        "expect": {"get": {"a": 1}},
    },
    "basic/fs.yaml": {
        "description": "needs a filesystem",
        "requires": ["fs"],
        "steps": [{"with_glob": "*.toml"}],
        "expect": {"warnings": ["NoMatch"]},
    },
}

SCRIPT = {
    # the adapter reports absolute paths; the runner must relativise them
    "basic/pass.yaml": {
        "ok": True,
        "results": {
            "config": {"a": 1},
            "sources": {"a": {"kind": "file", "name": "$CWD/config.toml", "line": 1}},
        },
    },
    "basic/fail.yaml": {"ok": True, "results": {"get": {"a": {"value": 1.0}}}},
    "basic/fs.yaml": {
        "ok": True,
        "results": {
            "warnings": [
                {"kind": "NoMatch", "message": "no file matches $CWD/*.toml", "source": None}
            ]
        },
    },
}


def statuses(outcomes):
    return {(o.case.case_id, o.binding): o.status for o in outcomes}


def test_session_pass_fail_and_relativised_paths(write_cases, fake_factory):
    cases = write_cases(CASES)
    with Session(["rust"], factories={"rust": fake_factory(SCRIPT)}) as session:
        outcomes = session.run_all(cases)
    assert statuses(outcomes) == {
        ("basic/fail.yaml", "rust"): FAIL,
        ("basic/fs.yaml", "rust"): PASS,
        ("basic/pass.yaml", "rust"): PASS,
    }
    fail = next(o for o in outcomes if o.status == FAIL)
    assert "1.0 (float)" in fail.lines()[0]
    assert fail.lines()[0].endswith("got 1.0 (float)")
    passed = next(o for o in outcomes if o.case.case_id == "basic/pass.yaml")
    assert passed.raw["results"]["sources"]["a"]["name"] == "config.toml"


def test_request_carries_dir_env_files_and_isolated_environment(write_cases, fake_factory):
    cases = write_cases(
        {
            "echo.yaml": {
                "description": "echo",
                "env": {"APP_X": "1"},
                "strict": True,
                "files": {"a/b.toml": "x = 1\n"},
                "steps": [{"with_env": "APP_"}],
                "expect": {"config": {}},
            }
        }
    )
    with Session(["rust"], factories={"rust": fake_factory({"echo.yaml": "echo"})}) as session:
        (outcome,) = session.run_all(cases)
    results = outcome.raw["results"]
    assert results["cwd"] == "."
    assert results["env"] == {"APP_X": "1"}
    assert results["request"]["dir"] == "."
    assert results["request"]["strict"] is True
    assert results["request"]["queries"] == {"config": True}


def test_unsupported_and_emulated(write_cases, fake_factory):
    cases = write_cases(CASES)
    browser = Capabilities(features=frozenset(), numbers_typed=False, needs_fs_emulation=True)
    script = {
        **SCRIPT,
        "basic/pass.yaml": {
            "ok": True,
            "results": {
                "config": {"a": 1},
                "sources": {"a": {"kind": "string", "name": "config.toml"}},
            },
        },
    }
    factories = {"wasm-browser": fake_factory(script, name="wasm-browser", capabilities=browser)}
    with Session(["wasm-browser"], factories=factories) as session:
        outcomes = session.run_all(cases)
    assert statuses(outcomes) == {
        ("basic/fail.yaml", "wasm-browser"): PASS,  # 1 == 1.0 for untyped numbers
        ("basic/fs.yaml", "wasm-browser"): UNSUPPORTED,
        ("basic/pass.yaml", "wasm-browser"): PASS,  # kind string → file for emulated files
    }


RELOAD_CASES = {
    "reload/watch.yaml": {
        "description": "touches files",
        "requires": ["watch"],
        "files": {"config.toml": "a = 1\n"},
        "steps": [
            {"with_file": "config.toml"},
            {"write_file": {"path": "config.toml", "text": "a = 2\n"}},
            {"reload": {}},
        ],
        "expect": {"version": 1},
    },
    "reload/update.yaml": {
        "description": "browser reload",
        "files": {"config.toml": "a = 1\n"},
        "steps": [
            {"with_file": "config.toml"},
            {"with_string": {"text": "b = 1", "format": "toml", "name": "app"}},
            {"update_string": {"name": "app", "text": "b = 2"}},
        ],
        "expect": {
            "version": 1,
            "events": [
                {
                    "kind": "Changed",
                    "changed": ["a"],
                    "values": {"a": {"old_source": {"kind": "file", "name": "config.toml"}}},
                }
            ],
        },
    },
}


def test_reload_cases_on_a_browser_adapter(write_cases, fake_factory):
    cases = write_cases(RELOAD_CASES)
    browser = Capabilities(features=frozenset(), numbers_typed=False, needs_fs_emulation=True)
    # the emulation made config.toml a string layer of that name: its sources come back as
    # kind string and are turned back into kind file, in reload events too
    source = {"kind": "string", "name": "config.toml", "line": 1}
    event = {
        "kind": "Changed",
        "version": 1,
        "added": [],
        "removed": [],
        "changed": ["a"],
        "values": {"a": {"old": 1, "new": 2, "old_source": source, "new_source": source}},
    }
    script = {"reload/update.yaml": {"ok": True, "results": {"version": 1, "events": [event]}}}
    factories = {"wasm-browser": fake_factory(script, name="wasm-browser", capabilities=browser)}
    with Session(["wasm-browser"], factories=factories) as session:
        outcomes = session.run_all(cases)
    assert statuses(outcomes) == {
        ("reload/update.yaml", "wasm-browser"): PASS,
        ("reload/watch.yaml", "wasm-browser"): UNSUPPORTED,
    }
    (update,) = [o for o in outcomes if o.status == PASS]
    assert update.raw["results"]["events"][0]["values"]["a"]["new_source"]["kind"] == "file"


def test_disagreement_with_rust_fails_the_other_binding(write_cases, fake_factory):
    cases = write_cases({"basic/pass.yaml": CASES["basic/pass.yaml"]})
    other = {
        "basic/pass.yaml": {
            "ok": True,
            "results": {
                "config": {"a": 1},
                "sources": {"a": {"kind": "file", "name": "$CWD/config.toml", "line": 2}},
            },
        }
    }
    factories = {"rust": fake_factory(SCRIPT), "python": fake_factory(other, name="python")}
    with Session(["python", "rust"], factories=factories) as session:
        outcomes = session.run_all(cases)
    assert [o.binding for o in outcomes] == ["rust", "python"]
    rust, python = outcomes
    assert rust.status == PASS
    assert python.status == FAIL and python.problems == []
    assert "line" in python.disagreement
    assert python.lines() == [
        f"{python.case.display_path} [python]: disagreement with rust: {python.disagreement}"
    ]


@pytest.mark.parametrize("action", ["hang", "crash", "garbage", "wrong-id"])
def test_broken_adapter_fails_the_case_and_restarts(write_cases, fake_factory, action):
    cases = write_cases(
        {
            "a.yaml": CASES["basic/fail.yaml"],
            "b.yaml": {**CASES["basic/fail.yaml"], "description": "second"},
        }
    )
    script = {"a.yaml": action, "b.yaml": {"ok": True, "results": {"get": {"a": {"value": 1}}}}}
    with Session(["rust"], timeout=1.5, factories={"rust": fake_factory(script)}) as session:
        first, second = session.run_all(cases)
    assert first.status == FAIL
    assert first.problems[0].startswith("adapter failure:")
    assert second.status == PASS


def test_unavailable_binding_is_a_failure_for_every_case(write_cases):
    cases = write_cases(CASES)

    def unavailable(timeout):
        raise BindingUnavailableError("node: binding not available yet")

    with Session(["node"], factories={"node": unavailable}) as session:
        outcomes = session.run_all(cases)
    assert {o.status for o in outcomes} == {FAIL}
    assert "not available yet" in outcomes[0].problems[0]
    assert outcomes[1].problems == ["binding unavailable: see above"]


def test_unknown_binding_is_unavailable_and_names_the_known_ones():
    with pytest.raises(BindingUnavailableError, match=r"unknown binding 'nope'.*wasm-browser"):
        adapters.create_adapter("nope")


def test_adapter_command_from_environment(monkeypatch, tmp_path):
    script = tmp_path / "s.json"
    script.write_text("{}", encoding="utf-8")
    from conftest import FAKE_ADAPTER

    monkeypatch.setenv("SUPERCONFIG_WASM_NODE_ADAPTER", f"{sys.executable} {FAKE_ADAPTER} {script}")
    adapter = adapters.create_adapter("wasm-node")
    try:
        assert isinstance(adapter, ProcessAdapter)
        assert adapter.capabilities.needs_fs_emulation
        response = adapter.run(
            {"id": "z", "dir": str(tmp_path), "env": {}, "steps": [], "queries": {}}
        )
        assert response == {"id": "z", "ok": True, "results": {}}
    finally:
        adapter.close()


def test_cli_output_exit_status_and_report(
    write_cases, fake_factory, tmp_path, monkeypatch, capsys
):
    write_cases(CASES)
    monkeypatch.setitem(adapters.ADAPTERS, "rust", fake_factory(SCRIPT))
    report = tmp_path / "out" / "report.json"
    status = cli.main(
        ["--binding", "rust", "--cases", str(tmp_path / "cases"), "--report", str(report)]
    )
    out = capsys.readouterr().out.splitlines()
    assert status == 1
    assert out[-1] == "2 passed, 1 failed, 0 unsupported"
    assert len(out) == 2 and "fail.yaml [rust]: get[a]" in out[0]
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["summary"] == {"cases": 3, "passed": 2, "failed": 1, "unsupported": 0}
    rows = data["matrix"]["rows"]
    assert sorted(v["rust"] for v in rows.values()) == ["fail", "pass", "pass"]
    assert all("seconds" in e["outcomes"]["rust"] for e in data["cases"])


def test_cli_exit_zero_when_nothing_failed(
    write_cases, fake_factory, tmp_path, monkeypatch, capsys
):
    write_cases({"p.yaml": CASES["basic/pass.yaml"]})
    monkeypatch.setitem(
        adapters.ADAPTERS, "rust", fake_factory(SCRIPT | {"p.yaml": SCRIPT["basic/pass.yaml"]})
    )
    assert cli.main(["--binding", "rust", "--cases", str(tmp_path / "cases")]) == 0
    assert capsys.readouterr().out.splitlines() == ["1 passed, 0 failed, 0 unsupported"]


def test_invalid_case_fails_per_binding(write_cases, fake_factory):
    cases = write_cases({"bad.yaml": {"description": "bad", "steps": [], "expect": {}}})
    with Session(["rust"], factories={"rust": fake_factory({})}) as session:
        (outcome,) = session.run_all(cases)
    assert outcome.status == FAIL
    assert outcome.problems[0].startswith("invalid case:")
