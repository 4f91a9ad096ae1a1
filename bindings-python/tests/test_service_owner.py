"""What service owners expect (../shared/SPEC.md §12, issue 13): dotenv beside the environment,
env aliases, secrets directories, the profile from a variable, original texts for string fields,
every invalid field in one error with its source, and the hints that catch the usual slips."""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import traceback
from typing import Annotated, Literal, NamedTuple, Optional, TypedDict

import pydantic
import pytest
import superconfig
from superconfig import SuperConfig

PREFIX = "MYAPP_"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    """No MYAPP_*/SCSO* variable from the caller's shell."""
    for name in list(os.environ):
        if name.startswith((PREFIX, "SCSO")):
            monkeypatch.delenv(name)


# ----- a service: defaults + .env + environment + secrets directory ------------------------------

DOTENV = """\
MYAPP_VER=1.10
MYAPP_RATIO=0.5
MYAPP_WORKERS=2
MYAPP_DATABASE__HOST=db.internal
UNPREFIXED=ignored
"""


@pytest.fixture
def service(tmp_path, monkeypatch):
    """(config, dotenv path, secrets dir) of a service configured the usual ways."""
    dotenv = tmp_path / ".env"
    dotenv.write_text(DOTENV)
    secrets = tmp_path / "secrets"
    secrets.mkdir()
    (secrets / "database__api_token").write_text("0123\n")  # a secret that looks like a number
    (secrets / "smtp__user").write_text("mailer")  # redacted though the name is not secret-like
    monkeypatch.setenv("MYAPP_DATABASE__PASSWORD", "987654321")
    monkeypatch.setenv("MYAPP_DATABASE__PORT", "6432")
    monkeypatch.setenv("MYAPP_WORKERS", "4")  # the process environment wins over the .env
    monkeypatch.setenv("MYAPP_REGION", "1")
    monkeypatch.setenv("MYAPP_PIN", "42")
    monkeypatch.setenv("MYAPP_MODE", "1")
    monkeypatch.setenv("MYAPP_TAGS", '["blue", "green"]')
    cfg = (
        SuperConfig()
        .with_defaults({"name": "svc", "database": {"host": "localhost", "port": 5432}})
        .with_env(PREFIX, dotenv=str(dotenv))
        .with_secrets_dir(str(secrets))
    )
    return cfg, dotenv, secrets


class DatabaseModel(pydantic.BaseModel):
    host: str
    port: int
    password: str
    api_token: pydantic.SecretStr


class SmtpModel(pydantic.BaseModel):
    user: str


class ServiceModel(pydantic.BaseModel):
    name: str
    ver: str
    ratio: float
    workers: int
    region: Optional[str]
    pin: Annotated[str, pydantic.Field(min_length=1)]
    mode: Literal["1", "2"]
    tags: list[str]
    database: DatabaseModel
    smtp: SmtpModel


@dataclasses.dataclass
class Database:
    host: str
    port: int
    password: str
    api_token: str


@dataclasses.dataclass
class Smtp:
    user: str


@dataclasses.dataclass
class Service:
    name: str
    ver: str
    ratio: float
    workers: int
    region: Optional[str]
    pin: Annotated[str, "a PIN"]
    mode: Literal["1", "2"]
    tags: list[str]
    database: Database
    smtp: Smtp


def test_pydantic_model_gets_the_original_texts(service):
    cfg, _, _ = service
    got = cfg.extract(ServiceModel)
    assert got.database.password == "987654321"  # env: typed 987654321, the field wants str
    assert got.ver == "1.10"  # dotenv: typed 1.1
    assert got.database.api_token.get_secret_value() == "0123"  # secret file: typed 123
    assert got.region == "1" and got.pin == "42" and got.mode == "1"
    assert got.database.port == 6432 and got.workers == 4 and got.ratio == 0.5
    assert got.database.host == "db.internal" and got.name == "svc"
    assert got.tags == ["blue", "green"]
    assert got.smtp.user == "mailer"
    at_path = cfg.extract(DatabaseModel, "database")
    assert at_path.password == "987654321" and at_path.api_token.get_secret_value() == "0123"


def test_dataclass_gets_the_original_texts(service):
    cfg, _, _ = service
    got = cfg.extract(Service)
    assert got.database == Database("db.internal", 6432, "987654321", "0123")
    assert (got.ver, got.ratio, got.workers) == ("1.10", 0.5, 4)
    assert (got.region, got.pin, got.mode) == ("1", "42", "1")
    assert got.tags == ["blue", "green"] and got.smtp == Smtp("mailer")
    assert cfg.extract(Database, ["database"]).password == "987654321"
    assert cfg.extract(str, "database.password") == "987654321"
    assert cfg.extract(str, "ver") == "1.10"
    assert cfg.extract(dict[str, str], "database") == {
        "host": "db.internal",
        "port": "6432",
        "password": "987654321",
        "api_token": "0123",
    }


class DatabaseTD(TypedDict):
    password: str
    port: int


class DatabaseNT(NamedTuple):
    password: str
    port: int


@pytest.mark.parametrize("model", [DatabaseTD, DatabaseNT])
def test_typeddict_and_namedtuple_get_the_original_texts(service, model):
    cfg, _, _ = service
    got = cfg.extract(model, "database")
    password, port = (got["password"], got["port"]) if isinstance(got, dict) else got
    assert (password, port) == ("987654321", 6432)


def test_get_still_gives_typed_values(service):
    cfg, _, _ = service
    assert cfg.get("database.password") == 987654321
    assert type(cfg.get("database.password")) is int
    assert cfg.get("ver") == 1.1 and type(cfg.get("ver")) is float
    assert cfg.get("database.api_token") == "0123"  # not an integer by the env rules: text
    assert cfg.get("region") == 1 and cfg.get("mode") == 1
    assert cfg.extract("database")["password"] == 987654321  # a plain extract is typed too
    # A field that wants a number still gets the number; one that accepts both keeps it typed.
    assert cfg.extract(int, "database.password") == 987654321
    assert cfg.extract(Optional[int], "region") == 1


def test_sources_layers_and_precedence(service):
    cfg, dotenv, secrets = service
    assert cfg.source("ver") == {"kind": "file", "name": str(dotenv), "line": 1}
    assert cfg.source("database.host") == {"kind": "file", "name": str(dotenv), "line": 4}
    assert cfg.source("database.password") == {
        "kind": "env",
        "name": "MYAPP_DATABASE__PASSWORD",
        "line": None,
    }
    assert cfg.get("workers") == 4
    assert cfg.source("workers")["name"] == "MYAPP_WORKERS"
    assert [s["name"] for s in cfg.explain("workers")["overridden"]] == [str(dotenv)]
    assert cfg.source("database.api_token") == {
        "kind": "file",
        "name": str(secrets) + "/database__api_token",
        "line": None,
    }
    assert not cfg.has("unprefixed")  # a .env variable without the prefix is not read
    assert cfg.layers() == [
        {"kind": "defaults", "name": "defaults", "status": "loaded"},
        {"kind": "file", "name": str(dotenv), "status": "loaded"},
        {"kind": "env", "name": PREFIX, "status": "loaded"},
        {"kind": "file", "name": str(secrets), "status": "loaded"},
    ]
    assert cfg.warnings() == []


def test_secrets_dir_values_are_always_redacted(service):
    cfg, _, _ = service
    dumped = json.loads(cfg.dump())
    assert dumped["smtp"]["user"] == "***"
    assert dumped["database"]["api_token"] == "***"
    assert dumped["database"]["password"] == "***"
    assert cfg.explain("smtp.user")["value"] == "***"
    for fmt in ("json", "toml", "yaml"):
        assert "mailer" not in cfg.dump(fmt)
    assert json.loads(cfg.dump(redact=False))["smtp"]["user"] == "mailer"
    assert cfg.get("smtp.user") == "mailer"


def test_plain_dotenv_file_gives_lines_and_texts(write):
    path = write(".env", "# settings\nVER=1.10\nexport PORT=8080\n")
    cfg = SuperConfig().with_file(str(path))
    assert cfg.source("ver") == {"kind": "file", "name": str(path), "line": 2}
    assert cfg.source("port")["line"] == 3
    assert cfg.get("ver") == 1.1
    assert cfg.extract(str, "ver") == "1.10"


def test_missing_dotenv_is_a_warning_and_strict_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv("MYAPP_A", "1")
    missing = str(tmp_path / ".env")
    cfg = SuperConfig().with_env(PREFIX, dotenv=missing)
    assert cfg.get("a") == 1
    assert [w["kind"] for w in cfg.warnings()] == ["FileNotFound"]
    assert {"kind": "file", "name": missing, "status": "missing"} in cfg.layers()
    with pytest.raises(superconfig.FileNotFound):
        SuperConfig(strict=True).with_env(PREFIX, dotenv=missing)


def test_secrets_dir_files(tmp_path):
    secrets = tmp_path / "run-secrets"
    secrets.mkdir()
    (secrets / "myapp_db__password").write_text("s3cr3t\n")
    (secrets / "myapp_DB__USER").write_text("app\r\n")
    (secrets / "myapp_note").write_text("two\n\n")  # one trailing newline dropped, not more
    (secrets / "myapp_port").write_text("5432")
    (secrets / "other_token").write_text("not mine")
    (secrets / ".myapp_hidden").write_text("x")
    (secrets / "myapp_nested").mkdir()  # no recursion
    (secrets / "myapp_nested" / "deep").write_text("x")
    cfg = SuperConfig().with_secrets_dir(secrets, prefix="myapp_")
    assert cfg.extract() == {
        "db": {"password": "s3cr3t", "user": "app"},
        "note": "two\n",
        "port": 5432,
    }
    assert cfg.source("db.password") == {
        "kind": "file",
        "name": str(secrets) + "/myapp_db__password",
        "line": None,
    }
    assert cfg.layers() == [{"kind": "file", "name": str(secrets), "status": "loaded"}]


def test_secrets_dir_in_kubernetes_layout(tmp_path):
    # A mounted Secret: each key is a symlink to ..data/<key>, ..data a symlink to a dated dir.
    mount = tmp_path / "mount"
    dated = mount / "..2024_05_01_12_00_00.000000001"
    dated.mkdir(parents=True)
    (dated / "db__password").write_text("k8s-pass\n")
    (mount / "..data").symlink_to(dated.name)
    (mount / "db__password").symlink_to("..data/db__password")
    cfg = SuperConfig().with_secrets_dir(mount)
    assert cfg.extract() == {"db": {"password": "k8s-pass"}}


def test_missing_secrets_dir_is_a_warning(tmp_path):
    missing = str(tmp_path / "nope")
    cfg = SuperConfig().with_secrets_dir(missing)
    assert [w["kind"] for w in cfg.warnings()] == ["FileNotFound"]
    assert cfg.layers() == [{"kind": "file", "name": missing, "status": "missing"}]
    with pytest.raises(superconfig.FileNotFound):
        SuperConfig(strict=True).with_secrets_dir(missing)


# ----- every invalid field, each with its source ------------------------------------------------


@dataclasses.dataclass
class Pool:
    host: str
    port: int


@dataclasses.dataclass
class Worker:
    database: Pool
    workers: int
    name: str = "svc"


def test_every_invalid_field_with_its_source(write, monkeypatch):
    toml = str(write("config.toml", '[database]\nhost = "db"\nport = "not-a-port"\n'))
    monkeypatch.setenv("MYAPP_WORKERS", "lots")
    cfg = SuperConfig().with_file(toml).with_env(PREFIX)
    with pytest.raises(superconfig.TypeMismatch) as info:
        cfg.extract(Worker)
    err = info.value
    assert str(err) == (
        "type mismatch: 2 invalid fields: "
        f"{toml}:3: at 'database.port': expected integer, found string; "
        "MYAPP_WORKERS: at 'workers': expected integer, found string"
    )
    assert err.errors == [
        {
            "key": "database.port",
            "message": "expected integer, found string",
            "source": {"kind": "file", "name": toml, "line": 3},
        },
        {
            "key": "workers",
            "message": "expected integer, found string",
            "source": {"kind": "env", "name": "MYAPP_WORKERS", "line": None},
        },
    ]
    assert (err.key, err.file, err.line) == ("database.port", toml, 3)
    assert isinstance(err, ValueError) and isinstance(err, superconfig.SuperConfigError)
    assert err.__cause__ is None and err.__context__ is None
    assert "errors=<2 fields>" in repr(err) and "not-a-port" not in repr(err)
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is superconfig.TypeMismatch
    assert (back.errors, back.key, back.file, back.line) == (err.errors, err.key, toml, 3)
    assert str(back) == str(err)


def test_type_mismatch_errors_attribute():
    plain = superconfig.TypeMismatch("type mismatch: at 'a': no", key="a")
    assert (
        plain.errors == [] and repr(plain) == "TypeMismatch(\"type mismatch: at 'a': no\", key='a')"
    )
    field = {"key": "a", "message": "no", "source": {"kind": "env", "name": "X", "line": None}}
    made = superconfig.TypeMismatch("m", key="a", file="X", errors=[field])
    assert made.errors == [field] and repr(made).endswith(", errors=<1 field>)")
    back = pickle.loads(pickle.dumps(made))
    assert (type(back), back.errors, back.file, back.key) == (
        superconfig.TypeMismatch,
        [field],
        "X",
        "a",
    )


def test_one_invalid_field(monkeypatch):
    monkeypatch.setenv("MYAPP_WORKERS", "lots")
    cfg = SuperConfig().with_defaults({"database": {"host": "h", "port": 1}}).with_env(PREFIX)
    with pytest.raises(superconfig.TypeMismatch) as info:
        cfg.extract(Worker)
    err = info.value
    assert str(err) == "type mismatch: MYAPP_WORKERS: at 'workers': expected integer, found string"
    assert (err.key, err.file, err.line) == ("workers", "MYAPP_WORKERS", None)
    assert [e["key"] for e in err.errors] == ["workers"]


def test_invalid_fields_at_a_path_and_missing_ones(write):
    toml = str(write("c.toml", "[database]\nport = true\n"))
    cfg = SuperConfig().with_file(toml)
    with pytest.raises(superconfig.TypeMismatch) as info:
        cfg.extract(Pool, "database")
    err = info.value
    assert [e["key"] for e in err.errors] == ["database.host", "database.port"]
    missing, wrong = err.errors
    assert missing["source"] is None and "missing" in missing["message"]
    assert wrong["source"] == {"kind": "file", "name": toml, "line": 2}
    assert (err.key, err.file, err.line) == ("database.host", None, None)
    assert str(err).startswith("type mismatch: 2 invalid fields: at 'database.host': ")


@dataclasses.dataclass
class Limits:
    ports: list[int]
    limits: dict[str, int]
    modes: set[str]


def test_invalid_items_of_containers_are_all_listed():
    cfg = SuperConfig().with_defaults(
        {"ports": [1, "two", 3, "four"], "limits": {"a": 1, "b": "x"}, "modes": ["a", 2]}
    )
    with pytest.raises(superconfig.TypeMismatch) as info:
        cfg.extract(Limits)
    assert [e["key"] for e in info.value.errors] == ["ports.1", "ports.3", "limits.b", "modes.1"]
    assert str(info.value).startswith("type mismatch: 4 invalid fields: ")


class PoolModel(pydantic.BaseModel):
    host: str
    port: int


class WorkerModel(pydantic.BaseModel):
    database: PoolModel
    workers: int


def test_pydantic_every_invalid_field_with_its_source(tmp_path, monkeypatch):
    dotenv = tmp_path / "app.env"
    dotenv.write_text("MYAPP_DATABASE__HOST=db\nMYAPP_DATABASE__PORT=many\n")
    monkeypatch.setenv("MYAPP_WORKERS", "lots")
    cfg = SuperConfig().with_env(PREFIX, dotenv=str(dotenv))
    with pytest.raises(superconfig.TypeMismatch) as info:
        cfg.extract(WorkerModel)
    err = info.value
    assert [e["key"] for e in err.errors] == ["database.port", "workers"]
    assert [e["source"] for e in err.errors] == [
        {"kind": "file", "name": str(dotenv), "line": 2},
        {"kind": "env", "name": "MYAPP_WORKERS", "line": None},
    ]
    assert all("integer" in e["message"] for e in err.errors)  # pydantic's own words
    assert (err.key, err.file, err.line) == ("database.port", str(dotenv), 2)
    text = str(err)
    assert text.startswith("type mismatch: 2 invalid fields: ")
    assert f"{dotenv}:2: at 'database.port': " in text
    assert "; MYAPP_WORKERS: at 'workers': " in text
    assert "many" not in text and "lots" not in text
    assert err.__cause__ is None and err.__context__ is None  # pydantic's error quotes inputs


def test_pydantic_missing_fields_are_listed():
    cfg = SuperConfig().with_defaults({"database": {"port": "x"}})
    with pytest.raises(superconfig.TypeMismatch) as info:
        cfg.extract(WorkerModel)
    keys = [e["key"] for e in info.value.errors]
    assert keys == ["database.host", "database.port", "workers"]
    assert info.value.errors[0]["source"] is None
    assert info.value.errors[1]["source"] == {"kind": "defaults", "name": "defaults", "line": None}


class Secrets(pydantic.BaseModel):
    password: pydantic.SecretStr = pydantic.Field(min_length=32)
    pin: int


@dataclasses.dataclass
class PinOnly:
    pin: int


def test_secrets_never_in_the_error(tmp_path, monkeypatch):
    secret_dir = tmp_path / "secrets"
    secret_dir.mkdir()
    (secret_dir / "pin").write_text("open-sesame\n")
    monkeypatch.setenv("MYAPP_PASSWORD", "hunter2")
    cfg = SuperConfig().with_env(PREFIX).with_secrets_dir(secret_dir)
    for model in (Secrets, PinOnly):
        with pytest.raises(superconfig.TypeMismatch) as info:
            cfg.extract(model)
        err = info.value
        printed = traceback.format_exception(type(err), err, err.__traceback__)
        shown = "".join([str(err), repr(err), repr(err.errors), *printed])
        assert "open-sesame" not in shown and "hunter2" not in shown
        assert err.errors[-1]["key"] == "pin"
        assert err.errors[-1]["source"] == {
            "kind": "file",
            "name": str(secret_dir) + "/pin",
            "line": None,
        }


# ----- aliases, profile from env, secret keys ---------------------------------------------------


def test_env_aliases(monkeypatch):
    base = SuperConfig().with_defaults({"server": {"port": 80}})
    env = {"DATABASE_URL": "postgres://app:hunter2@db:5432/app", "PORT": "8080"}
    aliases = {"DATABASE_URL": "database.url", "PORT": "server.port", "NOT_SET_X": "x.y"}
    cfg = base.with_env_aliases(aliases, env=env)
    assert cfg.get("server.port") == 8080  # typed as an env value
    assert cfg.get("database.url") == env["DATABASE_URL"]
    assert not cfg.has("x")  # an unset variable contributes nothing
    assert cfg.source("server.port") == {"kind": "env", "name": "PORT", "line": None}
    assert cfg.layers()[-1] == {"kind": "env", "name": "aliases", "status": "loaded"}
    assert cfg.extract(str, "server.port") == "8080"  # an env value keeps its text

    monkeypatch.setenv("SCSO_PORT", "9090")
    assert base.with_env_aliases({"SCSO_PORT": "server.port"}).get("server.port") == 9090
    assert base.with_env_aliases({"SCSO_PORT": "server.port"}, env={}).get("server.port") == 80
    for bad in ({"": "server.port"}, {"PORT": ""}):
        with pytest.raises(superconfig.InvalidArgument):
            base.with_env_aliases(bad, env=env)


PROFILED = "[default]\nport = 1\n[prod]\nport = 2\n"


def test_select_profile_from_env(monkeypatch):
    cfg = SuperConfig().with_string(PROFILED, "toml", profiles=True)
    assert cfg.select_profile_from_env(env={"APP_ENV": "prod"}).get("port") == 2
    assert cfg.select_profile_from_env(env={}).active_profile == "default"
    assert cfg.select_profile_from_env(env={"APP_ENV": ""}).active_profile == "default"
    assert cfg.select_profile_from_env("STAGE", "prod", env={}).get("port") == 2
    monkeypatch.setenv("SCSO_STAGE", "prod")
    assert cfg.select_profile_from_env("SCSO_STAGE").active_profile == "prod"
    monkeypatch.delenv("SCSO_STAGE")
    assert cfg.select_profile_from_env("SCSO_STAGE").active_profile == "default"


def test_profile_hint_for_an_unprofiled_layer():
    cfg = SuperConfig().with_string("[prod]\nport = 2\n", "toml", name="settings.toml")
    selected = cfg.select_profile("prod")
    hints = [w for w in selected.warnings() if w["kind"] == "ProfileNotFound"]
    assert len(hints) == 1
    assert "profiles=True" in hints[0]["message"] and "settings.toml" in hints[0]["message"]
    with pytest.raises(superconfig.ProfileNotFound) as info:
        SuperConfig(strict=True).with_string(
            "[prod]\nport = 2\n", "toml", name="settings.toml"
        ).select_profile("prod")
    assert "profiles=True" in str(info.value)


def test_secret_keys_and_url_passwords():
    cfg = SuperConfig(secret_keys=["*dsn", "DATABASE.URL", "cache.ur?"]).with_defaults(
        {
            "sentry": {"dsn": "https://k@sentry.example/1"},
            "database": {"url": "postgres://u:pw1@db/app", "host": "db"},
            "cache": {"url": "redis://cache:6379/0"},
            "queue": {"url": "amqp://worker:hunter2@mq:5672/vhost"},
        }
    )
    dumped = json.loads(cfg.dump())
    assert dumped["sentry"]["dsn"] == "***"  # `*` crosses dots
    assert dumped["database"] == {"url": "***", "host": "db"}  # case-insensitive
    assert dumped["cache"]["url"] == "***"  # `?` one character
    assert dumped["queue"]["url"] == "amqp://worker:***@mq:5672/vhost"  # whatever the key
    assert cfg.explain("queue.url")["value"] == "amqp://worker:***@mq:5672/vhost"
    for fmt in ("json", "toml", "yaml"):
        assert "hunter2" not in cfg.dump(fmt) and "pw1" not in cfg.dump(fmt)
    assert cfg.get("queue.url") == "amqp://worker:hunter2@mq:5672/vhost"
    assert json.loads(cfg.dump(redact=False))["database"]["url"] == "postgres://u:pw1@db/app"
    assert json.loads(SuperConfig().with_defaults({"sentry": {"dsn": "x"}}).dump()) == {
        "sentry": {"dsn": "x"}
    }


# ----- hints for the usual slips ----------------------------------------------------------------


def test_suspicious_env_joined_words(monkeypatch):
    monkeypatch.setenv("SCSO_DATABASE_POOL_SIZE", "10")
    cfg = SuperConfig().with_defaults({"database": {"pool_size": 5}}).with_env("SCSO_")
    warned = [w for w in cfg.warnings() if w["kind"] == "SuspiciousEnv"]
    assert len(warned) == 1
    assert "did you mean SCSO_DATABASE__POOL_SIZE" in warned[0]["message"]
    assert warned[0]["source"] == "SCSO_DATABASE_POOL_SIZE"
    assert cfg.get("database_pool_size") == 10  # still set, at the new key
    assert cfg.get("database.pool_size") == 5


def test_suspicious_env_prefix_without_separator(monkeypatch):
    monkeypatch.setenv("SCSOB_SERVER__PORT", "1")
    monkeypatch.setenv("SCSOB_SERVER__HOST", "h")
    cfg = SuperConfig().with_env("SCSOB")
    warned = [w for w in cfg.warnings() if w["kind"] == "SuspiciousEnv"]
    assert len(warned) == 1  # one per layer
    assert "did you mean prefix 'SCSOB_'" in warned[0]["message"]
    assert cfg.get(["_server", "port"]) == 1  # keys set as before
    assert SuperConfig().with_env("SCSOB_").warnings() == []


def test_key_not_found_names_the_closest_key():
    cfg = SuperConfig().with_defaults({"server": {"port": 80, "host": "h"}, "database": {}})
    with pytest.raises(superconfig.KeyNotFound) as info:
        cfg.get("server.prot")
    assert "did you mean 'server.port'" in str(info.value)
    assert info.value.key == "server.prot"
    with pytest.raises(superconfig.KeyNotFound) as info:
        cfg["databse.url"]
    assert "did you mean 'database'" in str(info.value)
    with pytest.raises(superconfig.KeyNotFound) as info:
        cfg.get("server.completely_else")
    assert "did you mean" not in str(info.value)
    assert cfg.get("server.prot", None) is None
