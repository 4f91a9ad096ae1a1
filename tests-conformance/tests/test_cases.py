"""Case loading: the YAML dialect, schema validation and the linter."""

from __future__ import annotations

import pytest

from tests_conformance.cases import load_cases
from tests_conformance.cli import main
from tests_conformance.resources import default_cases_dir
from tests_conformance.yamlload import CaseYamlError, load_case_yaml

GOOD = {
    "description": "a good case",
    "files": {"config.toml": "a = 1\n"},
    "steps": [{"with_file": "config.toml"}],
    "expect": {"config": {"a": 1}},
}


def test_yaml_dialect_is_yaml_1_2_core():
    data = load_case_yaml(
        "a: yes\nb: 010\nc: 1e3\nd: 2024-01-01\ne: 12:30\nf: .inf\n"
        "g: 0x1F\nh: ~\ni: True\nj: 1_000\nk: 0o17\nl: 'x'\n"
    )
    assert data == {
        "a": "yes",
        "b": 10,
        "c": 1000.0,
        "d": "2024-01-01",
        "e": "12:30",
        "f": float("inf"),
        "g": 31,
        "h": None,
        "i": True,
        "j": "1_000",
        "k": 15,
        "l": "x",
    }
    assert isinstance(data["c"], float)


@pytest.mark.parametrize("text", ["a: 1\na: 2\n", "a: !!binary aGk=\n", "? [1]\n: x\n", "a: [\n"])
def test_yaml_dialect_rejects(text):
    with pytest.raises(CaseYamlError):
        load_case_yaml(text)


def test_good_case_is_valid(write_cases):
    (case,) = write_cases({"area/good.yaml": GOOD})
    assert case.problems == []
    assert case.case_id == "area/good.yaml"


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        ({"surprise": 1}, "surprise"),
        ({"expect_error": {"step": 0, "kind": "ParseError"}}, "schema"),
        ({"expect": {"config": {}, "nonsense": 1}}, "nonsense"),
        ({"steps": [{"with_file": "config.toml", "with_env": "APP_"}]}, "schema"),
        ({"steps": [{"with_files": "config.toml"}]}, "with_files"),
        ({"steps": [{"with_file": {"path": "config.toml", "requird": True}}]}, "schema"),
        ({"env": {"APP_PORT": 8080}}, "schema"),
        ({"files": {"../escape.toml": "a = 1"}}, "schema"),
        ({"files": {"/abs.toml": "a = 1"}}, "schema"),
        ({"description": "two\nlines"}, "schema"),
        ({"requires": ["network"]}, "schema"),
        ({"expect": {"warnings": ["Whatever"]}}, "schema"),
        ({"secret_keys": "*dsn"}, "schema"),
        ({"steps": [{"with_env_aliases": {"PORT": 1}}]}, "schema"),
        ({"steps": [{"with_env_aliases": {"aliases": {}, "env": {}}}]}, "schema"),
        ({"steps": [{"with_secrets_dir": {"path": "s", "recursive": True}}]}, "schema"),
        ({"steps": [{"select_profile_from_env": {"var": "X", "env": {}}}]}, "schema"),
        ({"steps": [{"with_env_map": {"mapping": {}, "prefix": "A", "dotenv": ".env"}}]}, "schema"),
        ({"expect": {"missing": [{"path": "a", "contain": ["x"]}]}}, "schema"),
    ],
)
def test_invalid_cases_are_reported(write_cases, change, needle):
    (case,) = write_cases({"bad.yaml": {**GOOD, **change}})
    assert case.problems, "expected the case to be invalid"
    assert any(needle in p for p in case.problems), case.problems


def test_lint_duplicate_descriptions_mark_both(write_cases):
    a, b = write_cases({"a.yaml": GOOD, "b.yaml": GOOD})
    assert any("b.yaml" in p for p in a.problems)
    assert any("a.yaml" in p for p in b.problems)


def test_lint_step_index_out_of_range(write_cases):
    data = {k: v for k, v in GOOD.items() if k != "expect"}
    data["expect_error"] = {"step": 1, "kind": "ParseError"}
    (case,) = write_cases({"a.yaml": data})
    assert any("out of range" in p for p in case.problems)


@pytest.mark.parametrize(
    "steps",
    [
        [{"with_glob": "*.toml"}],
        [{"with_hierarchical": "app"}],
        [{"with_file": "absent.toml"}],
        [{"with_file": "config.conf"}],
        [{"with_secrets_dir": "secrets"}],
        [{"with_env": {"prefix": "APP_", "dotenv": "config.toml"}}],
    ],
)
def test_lint_requires_fs_when_the_browser_could_not_run_it(write_cases, steps):
    data = {**GOOD, "files": {"config.toml": "a = 1\n", "config.conf": "a = 1\n"}, "steps": steps}
    (case,) = write_cases({"a.yaml": data})
    assert any("requires: [fs]" in p for p in case.problems), case.problems
    (case,) = write_cases({"a.yaml": {**data, "requires": ["fs"]}})
    assert case.problems == []


def test_new_case_keys_are_valid(write_cases):
    data = {
        **GOOD,
        "secret_keys": ["*dsn", "database.url"],
        "steps": [
            {"with_env_aliases": {"PORT": "server.port"}},
            {"select_profile_from_env": {}},
            {"select_profile_from_env": ["DEPLOY_ENV", "staging"]},
        ],
        "expect": {"missing": ["a", {"path": "b", "contains": ["x"], "excludes": ["y"]}]},
    }
    (case,) = write_cases({"a.yaml": data})
    assert case.problems == []


def test_lint_command_exit_status(write_cases, tmp_path, capsys):
    write_cases({"a.yaml": GOOD, "b.yaml": GOOD})
    assert main(["lint", "--cases", str(tmp_path / "cases")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "2 cases, 2 invalid"


def test_the_shipped_case_set_is_valid(capsys):
    cases = load_cases([default_cases_dir()])
    assert len(cases) >= 170
    problems = [f"{c.case_id}: {p}" for c in cases for p in c.problems]
    assert problems == []
    assert main(["lint"]) == 0


RELOADING = {
    "description": "a reload case",
    "files": {"config.toml": "a = 1\n"},
    "requires": ["watch"],
    "steps": [
        {"with_file": "config.toml"},
        {"write_file": {"path": "config.toml", "text": "a = 2\n"}},
        {"remove_file": "config.toml"},
        {"reload": {}},
        {"update_string": {"name": "<string>", "text": "b = 1\n"}},
    ],
    "expect": {
        "version": 1,
        "events": [
            {
                "kind": "Changed",
                "version": 1,
                "added": [],
                "removed": ["b"],
                "changed": ["a"],
                "values": {
                    "a": {"old": 1, "new": 2, "old_source": {"kind": "file", "line": 1}},
                    "b": {"old": "x", "new_source": None},
                },
            },
            {
                "kind": "ReloadFailed",
                "version": 1,
                "error": {"kind": "ParseError", "file": "config.toml", "line": 2},
            },
        ],
    },
}


def test_reload_case_is_valid(write_cases):
    (case,) = write_cases({"a.yaml": RELOADING})
    assert case.problems == []


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        ({"requires": []}, "requires: [watch]"),
        ({"requires": ["fs"]}, "requires: [watch]"),
        ({"steps": [{"reload": {"now": True}}]}, "schema"),
        ({"steps": [{"write_file": {"path": "../x.toml", "text": ""}}]}, "schema"),
        ({"steps": [{"remove_file": {"path": "a", "text": ""}}]}, "schema"),
        ({"steps": [{"update_string": ["only-a-name"]}]}, "schema"),
        ({"expect": {"version": -1}}, "schema"),
        ({"expect": {"events": [{"version": 1}]}}, "schema"),
        ({"expect": {"events": [{"kind": "Reloaded"}]}}, "schema"),
        ({"expect": {"events": [{"kind": "ReloadFailed", "changed": ["a"]}]}}, "schema"),
        ({"expect": {"events": [{"kind": "Changed", "error": {"kind": "ParseError"}}]}}, "schema"),
        ({"expect": {"events": [{"kind": "Changed", "values": {"a": {"older": 1}}}]}}, "schema"),
    ],
)
def test_invalid_reload_cases_are_reported(write_cases, change, needle):
    (case,) = write_cases({"bad.yaml": {**RELOADING, **change}})
    assert case.problems, "expected the case to be invalid"
    assert any(needle in p for p in case.problems), case.problems


def test_lint_expect_error_on_a_reload_step(write_cases):
    data = {k: v for k, v in RELOADING.items() if k != "expect"}
    data["expect_error"] = {"step": 3, "kind": "ParseError"}
    (case,) = write_cases({"a.yaml": data})
    assert any("never raises" in p for p in case.problems), case.problems


def test_lint_watch_covers_fs_and_update_string_of_a_file_needs_fs(write_cases):
    glob = {**GOOD, "requires": ["watch"], "steps": [{"with_glob": "*.toml"}, {"reload": {}}]}
    (case,) = write_cases({"a.yaml": glob})
    assert case.problems == []
    update = {
        **GOOD,
        "steps": [{"with_file": "config.toml"}, {"update_string": ["config.toml", "a = 2\n"]}],
    }
    (case,) = write_cases({"a.yaml": update})
    assert any("update_string" in p and "requires: [fs]" in p for p in case.problems)
    (case,) = write_cases({"a.yaml": {**update, "requires": ["fs"]}})
    assert case.problems == []
