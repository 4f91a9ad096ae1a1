"""The one comparison rule."""

from __future__ import annotations

import json
import math

import pytest

from tests_conformance.compare import (
    compare_response,
    diff_values,
    disagreement,
    relativise,
)


@pytest.mark.parametrize(
    ("expected", "got"),
    [
        (1, 1.0),
        (1.0, 1),
        (True, 1),
        (1, True),
        (0, False),
        ("1", 1),
        (None, "null"),
        ([1, 2], [2, 1]),
        ({"a": 1}, {"a": 1, "b": 2}),
        ({"a": 1, "b": 2}, {"a": 1}),
        ({"a": {"b": [1, {"c": 1}]}}, {"a": {"b": [1, {"c": 1.0}]}}),
        (math.inf, -math.inf),
        ([1], [1, 1]),
    ],
)
def test_values_that_differ(expected, got):
    assert diff_values(expected, got) is not None


@pytest.mark.parametrize(
    ("expected", "got"),
    [
        (1, 1),
        (1.5, 1.5),
        (math.nan, math.nan),
        (math.inf, math.inf),
        ({"a": 1, "b": 2}, {"b": 2, "a": 1}),
        (2**70, 2**70),
        (None, None),
        ("é", "é"),
    ],
)
def test_values_that_match(expected, got):
    assert diff_values(expected, got) is None


def test_untyped_numbers_only_loosen_int_versus_float():
    assert diff_values(1, 1.0, numbers_typed=False) is None
    assert diff_values({"a": [2.0]}, {"a": [2]}, numbers_typed=False) is None
    assert diff_values(1, 2.0, numbers_typed=False) is not None
    assert diff_values(True, 1, numbers_typed=False) is not None
    assert diff_values(1, "1", numbers_typed=False) is not None


def test_diff_names_the_path_and_types():
    problem = diff_values({"a": {"b": [1, 2]}}, {"a": {"b": [1, 2.0]}})
    assert problem is not None
    assert "a.b.1" in problem and "(int)" in problem and "(float)" in problem


def test_subset_allows_extra_keys_at_every_depth():
    assert diff_values({"a": {"b": 1}}, {"a": {"b": 1, "c": 2}, "d": 3}, subset=True) is None
    assert diff_values({"a": {"b": 1}}, {"a": {"b": 2}}, subset=True) is not None
    assert diff_values({"a": [1]}, {"a": [1, 2]}, subset=True) is not None


def test_relativise_handles_realpath_prefixes_longest_first():
    dirs = ["/tmp/case", "/private/tmp/case"]
    value = {
        "name": "/private/tmp/case/proj/.app.toml",
        "other": ["/tmp/case/a.toml", "file /tmp/case/b.toml not found", "/tmp/case"],
        "untouched": "/tmp/casewise/x.toml",
        "n": 3,
    }
    assert relativise(value, dirs) == {
        "name": "proj/.app.toml",
        "other": ["a.toml", "file b.toml not found", "."],
        "untouched": "/tmp/casewise/x.toml",
        "n": 3,
    }


def ok(results):
    return {"id": "x", "ok": True, "results": results}


def err(kind, **fields):
    return {
        "error": {
            "kind": kind,
            "file": None,
            "line": None,
            "column": None,
            "key": None,
            "message": fields.pop("message", "boom"),
            **fields,
        }
    }


def test_every_query_kind_passes_when_equal():
    case = {
        "steps": [{"with_file": "config.toml"}],
        "expect": {
            "config": {"a": {"b": 1}},
            "get": {"a.b": 1},
            "get_segments": [{"path": ["a", "b"], "value": 1}, {"path": ["x.y"], "missing": True}],
            "missing": [
                "nope",
                {"path": "a.c", "contains": ["did you mean 'a.b'"], "excludes": ["hunter2"]},
            ],
            "has": {"a": True, "nope": False},
            "keys": {"": ["a"], "a.b": {"error": "TypeMismatch"}},
            "extract": {"a": {"b": 1}},
            "extract_errors": {"nope": "KeyNotFound"},
            "sources": {"a.b": {"kind": "file", "name": "config.toml", "line": 2}},
            "explain": {
                "a.b": {
                    "value": 1,
                    "source": {"kind": "file"},
                    "overridden": [{"kind": "defaults", "line": None}],
                }
            },
            "warnings": [
                "FileNotFound",
                {"kind": "NoMatch", "contains": ["*.toml"], "excludes": ["hunter2"]},
            ],
            "dump": {"a": {"b": 1}},
            "layers": [{"kind": "file", "status": "loaded"}],
            "profiles": ["default"],
        },
    }
    response = ok(
        {
            "config": {"a": {"b": 1}},
            "get": {"a.b": {"value": 1}},
            "get_segments": [{"value": 1}, err("KeyNotFound")],
            "missing": {
                "nope": err("KeyNotFound"),
                "a.c": err("KeyNotFound", message="no value at 'a.c' (did you mean 'a.b'?)"),
            },
            "has": {"a": True, "nope": False},
            "keys": {"": ["a"], "a.b": err("TypeMismatch")},
            "extract": {"a": {"b": 1}, "nope": err("KeyNotFound")},
            "sources": {"a.b": {"kind": "file", "name": "config.toml", "line": 2}},
            "explain": {
                "a.b": {
                    "value": 1,
                    "source": {"kind": "file", "name": "c", "line": 2},
                    "overridden": [{"kind": "defaults", "name": "defaults", "line": None}],
                }
            },
            "warnings": [
                {"kind": "FileNotFound", "message": "m", "source": None},
                {"kind": "NoMatch", "message": "no match for *.toml", "source": None},
            ],
            "dump": json.dumps({"a": {"b": 1}, "z": 2}),
            "layers": [{"kind": "file", "name": "config.toml", "status": "loaded"}],
            "profiles": ["default"],
        }
    )
    assert compare_response(case, response) == []


@pytest.mark.parametrize(
    ("expect", "results", "needle"),
    [
        ({"config": {"a": 1}}, {"config": {"a": 1.0}}, "config"),
        ({"get": {"a": 1}}, {"get": {"a": err("KeyNotFound")}}, "raised KeyNotFound"),
        ({"missing": ["a"]}, {"missing": {"a": {"value": 1}}}, "expected KeyNotFound"),
        ({"missing": ["a"]}, {"missing": {"a": err("TypeMismatch")}}, "expected KeyNotFound"),
        (
            {"missing": [{"path": "a", "contains": ["did you mean 'b'"]}]},
            {"missing": {"a": err("KeyNotFound", message="no value at 'a'")}},
            "does not contain",
        ),
        (
            {"missing": [{"path": "a", "excludes": ["did you mean"]}]},
            {"missing": {"a": err("KeyNotFound", message="no value (did you mean 'b'?)")}},
            "contains",
        ),
        (
            {"missing": [{"path": "a", "contains": ["x"]}]},
            {"missing": {"a": {"value": 1}}},
            "expected KeyNotFound",
        ),
        ({"has": {"a": True}}, {"has": {"a": 1}}, "has[a]"),
        ({"keys": {"": ["a", "b"]}}, {"keys": {"": ["b", "a"]}}, "keys[]"),
        ({"sources": {"a": {"line": 2}}}, {"sources": {"a": {"line": 3}}}, "line"),
        (
            {"explain": {"a": {"overridden": [{"kind": "env"}]}}},
            {"explain": {"a": {"value": 1, "source": {}, "overridden": []}}},
            "1 entries",
        ),
        ({"warnings": ["NoMatch"]}, {"warnings": []}, "warnings"),
        (
            {"warnings": [{"kind": "KeyConflict", "excludes": ["hunter2"]}]},
            {"warnings": [{"kind": "KeyConflict", "message": "APP_X=hunter2", "source": None}]},
            "hunter2",
        ),
        ({"dump": {"password": "***"}}, {"dump": '{"password": "hunter2"}'}, "dump"),
        ({"layers": [{"status": "loaded"}]}, {"layers": [{"status": "missing"}]}, "layers"),
        ({"profiles": ["a"]}, {"profiles": ["a", "b"]}, "profiles"),
        # An expected table that happens to hold a key named "error" is still a value.
        ({"extract": {"a": {"error": "x"}}}, {"extract": {"a": err("KeyNotFound")}}, "raised"),
        ({"get": {"a": 1}}, {}, "no answer"),
    ],
)
def test_each_query_kind_reports_a_difference(expect, results, needle):
    problems = compare_response({"steps": [], "expect": expect}, ok(results))
    assert problems, "expected a difference"
    assert any(needle in p for p in problems), problems


def test_expect_error_matches_step_and_fields():
    case = {
        "steps": [{"with_file": "a.toml"}, {"with_file": "b.toml"}],
        "expect_error": {
            "step": 1,
            "kind": "ParseError",
            "line": 3,
            "file": "b.toml",
            "contains": ["b.toml"],
        },
    }
    good = {
        "id": "x",
        "ok": False,
        "error": {
            "step": 1,
            "kind": "ParseError",
            "file": "b.toml",
            "line": 3,
            "column": 5,
            "key": None,
            "message": "bad b.toml",
        },
    }
    assert compare_response(case, good) == []
    wrong_line = json.loads(json.dumps(good))
    wrong_line["error"]["line"] = 4
    assert any("line" in p for p in compare_response(case, wrong_line))
    wrong_step = json.loads(json.dumps(good))
    wrong_step["error"]["step"] = 0
    assert any("step 0" in p for p in compare_response(case, wrong_step))
    assert any("every step succeeded" in p for p in compare_response(case, ok({})))


def test_unexpected_error_and_fatal_are_reported():
    case = {"steps": [{"with_file": "a.toml"}], "expect": {"config": {}}}
    failed = {
        "id": "x",
        "ok": False,
        "error": {
            "step": 0,
            "kind": "ParseError",
            "file": "a.toml",
            "line": 1,
            "column": 2,
            "key": None,
            "message": "m",
        },
    }
    assert compare_response(case, failed) == [
        "step 0 (with_file) raised ParseError at a.toml:1:2: m"
    ]
    assert compare_response(case, {"id": "x", "fatal": "it broke"}) == ["adapter failure: it broke"]


def test_disagreement_ignores_id_and_key_order_but_not_lists():
    a = {"id": "1", "ok": True, "results": {"config": {"a": 1, "b": 2}, "keys": {"": ["a", "b"]}}}
    b = {"id": "2", "ok": True, "results": {"config": {"b": 2, "a": 1}, "keys": {"": ["a", "b"]}}}
    assert disagreement(a, b) is None
    c = json.loads(json.dumps(b))
    c["results"]["keys"][""] = ["b", "a"]
    assert disagreement(a, c) is not None
    d = json.loads(json.dumps(b))
    d["results"]["config"]["a"] = 1.0
    assert disagreement(a, d) is not None
    assert disagreement(a, d, numbers_typed=False) is None


SOURCE = {"kind": "file", "name": "config.toml", "line": 2}
EVENTS = [
    {
        "kind": "Changed",
        "version": 1,
        "added": ["c.d", "b"],
        "removed": [],
        "changed": ["a"],
        "values": {
            "a": {"old": 1, "new": 2, "old_source": SOURCE, "new_source": SOURCE},
            "b": {"new": "***", "new_source": {"kind": "string", "name": "s", "line": 1}},
            "c.d": {"new": {}, "new_source": None},
        },
    },
    {
        "kind": "ReloadFailed",
        "version": 1,
        "error": {
            "kind": "ParseError",
            "file": "config.toml",
            "line": 3,
            "column": 1,
            "key": None,
            "message": "config.toml:3:1: duplicate key",
        },
    },
]


def test_version_and_events_pass_when_the_given_fields_match():
    expect = {
        "version": 1,
        "events": [
            {
                "kind": "Changed",
                "version": 1,
                "added": ["b", "c.d"],  # a set: order free
                "changed": ["a"],
                "values": {
                    "a": {"old": 1, "new_source": {"line": 2}},
                    "c.d": {"new": {}, "new_source": None},
                },
            },
            {
                "kind": "ReloadFailed",
                "error": {"kind": "ParseError", "line": 3, "contains": ["dup"]},
            },
        ],
    }
    assert (
        compare_response({"steps": [], "expect": expect}, ok({"version": 1, "events": EVENTS}))
        == []
    )
    # JavaScript: 1.0 for 1 in an untyped adapter
    untyped = {"version": 1.0, "events": EVENTS}
    assert compare_response({"steps": [], "expect": expect}, ok(untyped), numbers_typed=False) == []


@pytest.mark.parametrize(
    ("expect", "needle"),
    [
        ({"version": 2}, "version"),
        ({"events": []}, "expected 0 entries, got 2"),
        ({"events": [{"kind": "ReloadFailed"}, {"kind": "ReloadFailed"}]}, "events[0]"),
        ({"events": [{"kind": "Changed", "version": 2}, {"kind": "ReloadFailed"}]}, "version"),
        ({"events": [{"kind": "Changed", "added": ["b"]}, {"kind": "ReloadFailed"}]}, "c.d"),
        ({"events": [{"kind": "Changed", "removed": ["a"]}, {"kind": "ReloadFailed"}]}, "missing"),
        (
            {
                "events": [
                    {"kind": "Changed", "values": {"a": {"new": 3}}},
                    {"kind": "ReloadFailed"},
                ]
            },
            "values[a].new",
        ),
        (
            {
                "events": [
                    {"kind": "Changed", "values": {"b": {"old": 0}}},
                    {"kind": "ReloadFailed"},
                ]
            },
            "values[b].old: absent",
        ),
        (
            {
                "events": [
                    {"kind": "Changed", "values": {"z": {"new": 1}}},
                    {"kind": "ReloadFailed"},
                ]
            },
            "no entry",
        ),
        (
            {
                "events": [
                    {"kind": "Changed", "values": {"a": {"old_source": {"line": 9}}}},
                    {"kind": "ReloadFailed"},
                ]
            },
            "old_source",
        ),
        (
            {
                "events": [
                    {"kind": "Changed", "values": {"a": {"old_source": None}}},
                    {"kind": "ReloadFailed"},
                ]
            },
            "expected none",
        ),
        (
            {"events": [{"kind": "Changed"}, {"kind": "ReloadFailed", "error": {"file": "x"}}]},
            "error: file",
        ),
        (
            {
                "events": [
                    {"kind": "Changed"},
                    {"kind": "ReloadFailed", "error": {"excludes": ["3"]}},
                ]
            },
            "contains '3'",
        ),
    ],
)
def test_version_and_events_report_a_difference(expect, needle):
    problems = compare_response(
        {"steps": [], "expect": expect}, ok({"version": 1, "events": EVENTS})
    )
    assert problems, "expected a difference"
    assert any(needle in p for p in problems), problems


def test_event_paths_listed_twice_are_a_difference():
    events = json.loads(json.dumps(EVENTS))
    events[0]["changed"] = ["a", "a"]
    expect = {"events": [{"kind": "Changed", "changed": ["a"]}, {"kind": "ReloadFailed"}]}
    problems = compare_response({"steps": [], "expect": expect}, ok({"events": events}))
    assert any("listed twice" in p for p in problems), problems
