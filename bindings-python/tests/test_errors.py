"""Exception classes (docs/behaviour.md, "Errors and warnings"): hierarchy, attributes, messages,
strict-mode kinds."""

from __future__ import annotations

import pickle

import pytest
import superconfig
from superconfig import SuperConfig
from superconfig._superconfig import ERROR_KINDS

# The core's own list: a kind added there without a class here fails these tests.
KINDS = list(ERROR_KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_is_a_superconfig_error_with_its_kind(kind):
    cls = getattr(superconfig, kind)
    assert issubclass(cls, superconfig.SuperConfigError)
    assert issubclass(cls, Exception)
    assert cls.kind == kind
    assert cls.__module__ == "superconfig"


@pytest.mark.parametrize(
    ("kind", "builtin"),
    [
        ("KeyNotFound", KeyError),
        ("ParseError", ValueError),
        ("TypeMismatch", ValueError),
        ("FileNotFound", FileNotFoundError),
        ("IoError", OSError),
    ],
)
def test_builtin_bases(kind, builtin):
    assert issubclass(getattr(superconfig, kind), builtin)


def test_parse_error_carries_file_line_column(write):
    path = write("bad.toml", 'name = "ok"\nport = = 1\n')
    with pytest.raises(superconfig.ParseError) as info:
        SuperConfig().with_file(path)
    err = info.value
    assert err.kind == "ParseError"
    assert err.file == str(path)
    assert err.line == 2
    assert isinstance(err.column, int)
    assert f"{path}:2" in str(err)
    assert err.message == str(err)


def test_yaml_and_json_parse_errors_have_positions(write):
    y = write("bad.yaml", "a: 1\nb: [1, 2\n")
    with pytest.raises(superconfig.ParseError) as info:
        SuperConfig().with_file(y)
    assert info.value.line is not None
    j = write("bad.json", '{\n  "a": 1,\n}\n')
    with pytest.raises(superconfig.ParseError) as info:
        SuperConfig().with_file(j)
    assert info.value.line == 3


def test_missing_required_file(tmp_path):
    missing = tmp_path / "nope.toml"
    with pytest.raises(superconfig.FileNotFound) as info:
        SuperConfig().with_file(missing, required=True)
    assert info.value.file == str(missing)
    assert info.value.filename == str(missing)
    assert isinstance(info.value, FileNotFoundError)


def test_missing_optional_file_is_a_warning(tmp_path):
    cfg = SuperConfig().with_file(tmp_path / "nope.toml")
    (warning,) = cfg.warnings()
    assert warning["kind"] == "FileNotFound"
    assert warning["source"] == str(tmp_path / "nope.toml")
    assert cfg.layers()[0]["status"] == "missing"


def test_key_not_found_is_a_key_error_with_the_key():
    cfg = SuperConfig().with_defaults({"a": {"b": 1}})
    with pytest.raises(KeyError) as info:
        cfg["a.c"]
    assert isinstance(info.value, superconfig.KeyNotFound)
    assert info.value.key == "a.c"
    assert str(info.value) == "key not found: no value at 'a.c'"  # no KeyError quoting


def test_type_mismatch_from_keys_on_a_scalar():
    cfg = SuperConfig().with_defaults({"a": 1})
    with pytest.raises(superconfig.TypeMismatch) as info:
        cfg.keys("a")
    assert info.value.key == "a"


def test_invalid_argument_for_unknown_format(write):
    with pytest.raises(superconfig.InvalidArgument):
        SuperConfig().with_string("a = 1", "ini")
    with pytest.raises(superconfig.InvalidArgument):
        SuperConfig().with_file(write("a.toml", "a = 1"), format="xml")
    with pytest.raises(superconfig.InvalidArgument):
        SuperConfig().dump("xml")


def test_strict_mode_raises_warning_kinds(tmp_path):
    strict = SuperConfig(strict=True)
    assert strict.strict
    with pytest.raises(superconfig.FileNotFound):
        strict.with_file(tmp_path / "missing.toml")
    with pytest.raises(superconfig.NoMatch):
        strict.with_glob("*.toml", base_dir=tmp_path)
    with pytest.raises(superconfig.KeyConflict):
        strict.with_env_map({"APP_A": "1", "APP_A__B": "2"}, "APP_")
    with pytest.raises(superconfig.ArrayOpOnNonArray):
        strict.with_defaults({"x": 1, "x_add": [2]})
    with pytest.raises(superconfig.IgnoredKey):
        strict.with_string("top = 1\n[default]\na = 1\n", "toml", profiles=True)
    with pytest.raises(superconfig.ProfileNotFound):
        strict.with_string("[default]\na = 1\n", "toml", profiles=True).select_profile("prod")


def test_errors_pickle_round_trip():
    err = superconfig.ParseError("parse error: a.toml:1:2: bad", file="a.toml", line=1, column=2)
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is superconfig.ParseError
    assert (back.file, back.line, back.column, back.message) == ("a.toml", 1, 2, err.message)
    fnf = pickle.loads(pickle.dumps(superconfig.FileNotFound("gone", file="x")))
    assert fnf.file == "x" and isinstance(fnf, FileNotFoundError)


def test_error_messages_never_show_secret_values(write):
    path = write("s.toml", 'password = "hunter2"\n')
    cfg = SuperConfig().with_file(path)
    with pytest.raises(superconfig.TypeMismatch) as info:
        cfg.keys("password")
    assert "hunter2" not in str(info.value)
    assert "hunter2" not in repr(cfg)
    assert "hunter2" not in str(cfg.explain("password"))


def test_internal_error_class_exists_for_panics():
    # A Rust panic is caught at the boundary and raised as InternalError (never a
    # PanicException, which is a BaseException `except Exception` would not catch).
    assert issubclass(superconfig.InternalError, superconfig.SuperConfigError)
