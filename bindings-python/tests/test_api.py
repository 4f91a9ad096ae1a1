"""The Python API surface: builders, readers, records, logging, repr."""

from __future__ import annotations

import copy
import json
import logging
import os

import pytest
import superconfig
from superconfig import SuperConfig


def fixture_config(fixture_dir, env):
    defaults = json.loads((fixture_dir / "defaults.json").read_text())
    return (
        SuperConfig()
        .with_defaults(defaults)
        .with_file(fixture_dir / "base.toml")
        .with_file(str(fixture_dir / "prod.yaml"))
        .with_env_map(env, "APP_")
    )


def test_fixture_merges_to_expected(fixture_dir, fixture_env):
    cfg = fixture_config(fixture_dir, fixture_env)
    expected = json.loads((fixture_dir / "expected.json").read_text())
    assert cfg.extract() == expected
    assert cfg.get("database.pool.max_size") == 64
    assert cfg.source("database.pool.max_size") == {
        "kind": "env",
        "name": "APP_DATABASE__POOL__MAX_SIZE",
        "line": None,
    }


def test_builders_return_new_objects_and_old_ones_stay_valid():
    base = SuperConfig().with_defaults({"a": 1})
    child = base.with_defaults({"a": 2, "b": 3})
    assert base is not child
    assert base.get("a") == 1 and not base.has("b")
    assert child.get("a") == 2 and child.get("b") == 3
    assert base.handle != child.handle


def test_with_string_names_its_source():
    cfg = SuperConfig().with_string("a:\n  b: 1\n", "yaml", name="inline.yaml")
    assert cfg.source("a.b") == {"kind": "string", "name": "inline.yaml", "line": 2}
    assert SuperConfig().with_string('{"x": 1}', "json").source("x")["name"] == "<string>"


def test_with_env_reads_the_process_environment(monkeypatch):
    monkeypatch.setenv("SCTEST_DATABASE__HOST", "db.internal")
    monkeypatch.setenv("SCTEST_DATABASE__PORT", "6432")
    monkeypatch.setenv("SCTEST_EMPTY", "")
    cfg = SuperConfig().with_env("SCTEST_", ignore_empty=True)
    assert cfg.extract() == {"database": {"host": "db.internal", "port": 6432}}
    assert cfg.source("database.host")["name"] == "SCTEST_DATABASE__HOST"
    monkeypatch.setenv("SCSEP_DB_HOST", "h")
    assert SuperConfig().with_env("SCSEP_", separator="_").extract() == {"db": {"host": "h"}}


def test_glob_and_hierarchical(tmp_path):
    (tmp_path / "conf.d").mkdir()
    (tmp_path / "conf.d" / "10-base.toml").write_text("a = 1\nb = 1\n")
    (tmp_path / "conf.d" / "20-over.yaml").write_text("b: 2\n")
    cfg = SuperConfig().with_glob("conf.d/*", base_dir=tmp_path)
    assert cfg.extract() == {"a": 1, "b": 2}
    assert [layer["status"] for layer in cfg.layers()] == ["loaded", "loaded"]

    project = tmp_path / "project" / "sub"
    project.mkdir(parents=True)
    (tmp_path / "project" / ".myapp.toml").write_text("level = 'outer'\nx = 1\n")
    (project / "myapp.yaml").write_text("level: inner\n")
    cfg = SuperConfig().with_hierarchical(
        "myapp",
        system_dir=tmp_path / "etc",
        user_dir=tmp_path / "home",
        start_dir=project,
        stop_dir=tmp_path,
    )
    assert cfg.extract() == {"level": "inner", "x": 1}
    assert cfg.source("level")["name"].endswith("myapp.yaml")


def test_profiles():
    text = "[default]\nport = 80\n[prod]\nport = 443\n[global]\nname = 'svc'\n"
    cfg = SuperConfig().with_string(text, "toml", profiles=True)
    assert cfg.active_profile == "default"
    assert cfg.get("port") == 80
    prod = cfg.select_profile("prod")
    assert prod.active_profile == "prod" and prod.get("port") == 443
    assert prod.get("name") == "svc"
    assert cfg.profiles() == ["default", "prod"]
    # selecting before adding layers works too
    early = SuperConfig().select_profile("prod").with_string(text, "toml", profiles=True)
    assert early.get("port") == 443


def test_explain_lists_overridden_sources_oldest_first(write):
    a = write("a.toml", "[db]\nhost = 'a'\n")
    b = write("b.yaml", "db:\n  host: b\n")
    cfg = (
        SuperConfig()
        .with_defaults({"db": {"host": "default"}})
        .with_file(a)
        .with_file(b)
        .with_env_map({"APP_DB__HOST": "env"}, "APP_")
    )
    why = cfg.explain("db.host")
    assert why["value"] == "env"
    assert why["source"] == {"kind": "env", "name": "APP_DB__HOST", "line": None}
    assert [s["kind"] for s in why["overridden"]] == ["defaults", "file", "file"]
    assert why["overridden"][1] == {"kind": "file", "name": str(a), "line": 2}


def test_dump_formats_and_redaction():
    cfg = SuperConfig().with_defaults({"db": {"password": "hunter2", "port": 5432}})
    assert json.loads(cfg.dump()) == {"db": {"password": "***", "port": 5432}}
    assert "hunter2" in cfg.dump("json", redact=False)
    assert "password" in cfg.dump("yaml") and "hunter2" not in cfg.dump("yaml")
    assert "[db]" in cfg.dump("toml")
    assert cfg.explain("db.password")["value"] == "***"
    assert cfg.get("db.password") == "hunter2"  # reading is not redacted


def test_warnings_and_suppression(tmp_path):
    cfg = SuperConfig().with_file(tmp_path / "a.toml").with_glob("*.none", base_dir=tmp_path)
    assert [w["kind"] for w in cfg.warnings()] == ["FileNotFound", "NoMatch"]
    assert set(cfg.warnings()[0]) == {"kind", "message", "source", "key"}
    quiet = cfg.suppress_warnings(["NoMatch"])
    assert [w["kind"] for w in quiet.warnings()] == ["FileNotFound"]
    assert cfg.suppress_warnings("*").warnings() == []
    with pytest.raises(superconfig.InvalidArgument):
        cfg.suppress_warnings([1, 2])  # type: ignore[list-item]


def test_layers_record_kind_name_status(tmp_path):
    cfg = (
        SuperConfig()
        .with_defaults({})
        .with_string("", "toml", name="empty")
        .with_file(tmp_path / "missing.yaml")
        .with_env_map({}, "APP_")
    )
    assert cfg.layers() == [
        {"kind": "defaults", "name": "defaults", "status": "empty"},
        {"kind": "string", "name": "empty", "status": "empty"},
        {"kind": "file", "name": str(tmp_path / "missing.yaml"), "status": "missing"},
        {"kind": "env", "name": "APP_", "status": "empty"},
    ]


def test_mapping_protocol_bits():
    cfg = SuperConfig().with_defaults({"a": {"b": None}, "c": 1})
    assert list(cfg) == ["a", "c"]
    assert cfg.keys() == ["a", "c"] and cfg.keys("a") == ["b"]
    assert cfg.has("a.b") and "a.b" in cfg and cfg["a.b"] is None
    # A copy is a snapshot: the same tree on its own handle, untouched by later reloads.
    for twin in (copy.copy(cfg), copy.deepcopy(cfg)):
        assert twin is not cfg and twin.handle != cfg.handle and twin.extract() == cfg.extract()


def test_repr_shows_layers_not_values():
    cfg = SuperConfig().with_defaults({"api_token": "tok-123"}).with_string("x = 1", "toml")
    text = repr(cfg)
    assert text.startswith("SuperConfig(handle=")
    assert "defaults" in text and "tok-123" not in text


def test_stats_shape():
    stats = superconfig.stats()
    assert set(stats) == {
        "handles",
        "creates",
        "reads",
        "updates",
        "deletes",
        "memory_bytes",
        "warnings",
    }
    assert all(isinstance(v, int) for v in stats.values())
    before = superconfig.stats()["warnings"]
    SuperConfig().with_file("/nonexistent/x.toml").suppress_warnings(["*"])
    assert superconfig.stats()["warnings"] == before + 1


def test_version():
    assert superconfig.__version__ == "0.1.0"


def test_paths_accept_pathlike(tmp_path):
    p = tmp_path / "x.json"
    p.write_text('{"a": 1}')
    assert SuperConfig().with_file(p).get("a") == 1
    assert SuperConfig().with_file(os.fspath(p), format="json").get("a") == 1


def test_core_log_records_reach_the_superconfig_logger(tmp_path, caplog):
    (tmp_path / "a.toml").write_text("a = 1\n")
    with caplog.at_level(logging.DEBUG, logger="superconfig"):
        SuperConfig().with_file(tmp_path / "a.toml").with_file(tmp_path / "b.toml")
        SuperConfig().with_env_map({"APP_SECRET_TOKEN": "s3cr3t"}, "APP_")
    names = {r.name for r in caplog.records}
    assert all(n == "superconfig" or n.startswith("superconfig.") for n in names)
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "a.toml" in text
    assert any(r.levelno == logging.WARNING and "b.toml" in r.getMessage() for r in caplog.records)
    assert "APP_SECRET_TOKEN" in text and "s3cr3t" not in text


def test_nothing_is_logged_when_the_level_is_higher(tmp_path, caplog):
    with caplog.at_level(logging.ERROR, logger="superconfig"):
        SuperConfig().with_file(tmp_path / "missing.toml")
    assert [r for r in caplog.records if r.name.startswith("superconfig")] == []


def test_import_does_not_import_logging_and_prints_nothing(tmp_path):
    import subprocess
    import sys

    code = (
        "import sys, superconfig\n"
        "assert 'logging' not in sys.modules, 'import superconfig imported logging'\n"
        "c = superconfig.SuperConfig().with_file('missing.toml')\n"
        "import logging\n"
        "c = superconfig.SuperConfig().with_file('missing.toml')\n"  # warns, NullHandler
        "print('ok')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert done.stdout == "ok\n"
    assert done.stderr == ""


def test_panic_becomes_internal_error():
    from superconfig import _superconfig

    with pytest.raises(superconfig.InternalError) as info:
        _superconfig._raise_panic("boom")
    assert "boom" in str(info.value)


def test_get_argument_handling_matches_a_normal_method():
    cfg = SuperConfig().with_defaults({"a": {"b": 1}})
    assert cfg.get(path="a.b") == 1
    assert cfg.get("x", default=2) == 2
    assert cfg.get(default=3, path="x") == 3
    assert SuperConfig.get(cfg, "a.b") == 1
    assert SuperConfig.get.__text_signature__ == "($self, path, default=...)"
    with pytest.raises(TypeError, match="missing required argument 'path'"):
        cfg.get()  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="positional arguments"):
        cfg.get("a", 1, 2)  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="unexpected keyword argument 'bogus'"):
        cfg.get("a", bogus=1)  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="multiple values for argument 'path'"):
        cfg.get("a", path="b")  # type: ignore[call-overload]
    with pytest.raises(TypeError):
        SuperConfig.get(5, "a")  # type: ignore[arg-type]
