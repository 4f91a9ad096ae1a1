"""extract(Model): dataclasses, TypedDicts, NamedTuples, pydantic; errors name the key path."""

from __future__ import annotations

import dataclasses
import datetime
import enum
import pathlib
import traceback
from typing import Any, Literal, NamedTuple, Optional, TypedDict, Union

import pydantic
import pytest
import superconfig
from superconfig import SuperConfig


class Level(enum.Enum):
    DEBUG = "debug"
    INFO = "info"


@dataclasses.dataclass
class Pool:
    min_size: int
    max_size: int


@dataclasses.dataclass
class Database:
    host: str
    port: int
    pool: Pool
    replicas: list[str] = dataclasses.field(default_factory=list)
    timeout_s: float = 5.0
    user: Optional[str] = None


@dataclasses.dataclass
class App:
    database: Database
    level: Level = Level.INFO
    tags: dict[str, str] = dataclasses.field(default_factory=dict)


class PoolTD(TypedDict):
    min_size: int
    max_size: int


class DatabaseTD(TypedDict, total=False):
    host: str
    pool: PoolTD


class Endpoint(NamedTuple):
    host: str
    port: int = 80


DATA = {
    "database": {
        "host": "db",
        "port": 5432,
        "pool": {"min_size": 1, "max_size": 10},
        "replicas": ["r1", "r2"],
        "timeout_s": 3,
        "extra": "ignored",
    },
    "level": "debug",
    "tags": {"team": "core"},
}


@pytest.fixture
def cfg():
    return SuperConfig().with_defaults(DATA)


def test_dataclass_tree(cfg):
    app = cfg.extract(App)
    assert isinstance(app, App)
    assert app.database.pool == Pool(1, 10)
    assert app.database.replicas == ["r1", "r2"]
    assert app.database.timeout_s == 3.0 and type(app.database.timeout_s) is float
    assert app.database.user is None
    assert app.level is Level.DEBUG
    assert app.tags == {"team": "core"}


def test_dataclass_at_a_path(cfg):
    assert cfg.extract(Pool, "database.pool") == Pool(1, 10)
    assert cfg.extract(Pool, ["database", "pool"]) == Pool(1, 10)
    assert cfg.extract(Pool, path="database.pool") == Pool(1, 10)


def test_type_error_names_the_full_key_path():
    cfg = SuperConfig().with_defaults({"database": {"pool": {"min_size": 1, "max_size": "ten"}}})
    with pytest.raises(superconfig.TypeMismatch) as info:
        cfg.extract(Pool, "database.pool")
    assert info.value.key == "database.pool.max_size"
    assert "database.pool.max_size" in str(info.value)
    assert "ten" not in str(info.value)  # values (maybe secrets) are never shown
    assert isinstance(info.value, ValueError)


def test_missing_field_names_the_key_path(cfg):
    broken = cfg.with_defaults({"database": {"pool": {"max_size": None}}})
    with pytest.raises(superconfig.TypeMismatch) as info:
        broken.extract(App)
    assert info.value.key == "database.pool.max_size"
    no_host = SuperConfig().with_defaults(
        {"database": {"port": 1, "pool": DATA["database"]["pool"]}}
    )
    with pytest.raises(superconfig.TypeMismatch) as info:
        no_host.extract(App)
    assert info.value.key == "database.host"
    assert "missing" in str(info.value)


def test_strictness_matches_the_core():
    cfg = SuperConfig().with_defaults({"n": "8080", "b": 1, "i": True, "f": 1.5})
    with pytest.raises(superconfig.TypeMismatch):
        cfg.extract(int, "n")
    with pytest.raises(superconfig.TypeMismatch):
        cfg.extract(bool, "b")
    with pytest.raises(superconfig.TypeMismatch):
        cfg.extract(int, "i")
    with pytest.raises(superconfig.TypeMismatch):
        cfg.extract(int, "f")
    assert cfg.extract(float, "f") == 1.5


def test_typeddict(cfg):
    got = cfg.extract(DatabaseTD, "database")
    assert got == {"host": "db", "pool": {"min_size": 1, "max_size": 10}}
    with pytest.raises(superconfig.TypeMismatch) as info:
        SuperConfig().with_defaults({"p": {"min_size": 1}}).extract(PoolTD, "p")
    assert info.value.key == "p.max_size"


def test_namedtuple_and_generic_hints():
    cfg = SuperConfig().with_defaults(
        {
            "ep": {"host": "h"},
            "ports": [1, 2, 3],
            "pair": ["a", 1],
            "mode": "fast",
            "maybe": None,
            "either": 2,
            "set": ["x", "x", "y"],
        }
    )
    assert cfg.extract(Endpoint, "ep") == Endpoint("h", 80)
    assert cfg.extract(list[int], "ports") == [1, 2, 3]
    assert cfg.extract(tuple[str, int], "pair") == ("a", 1)
    assert cfg.extract(tuple[int, ...], "ports") == (1, 2, 3)
    assert cfg.extract(Literal["fast", "slow"], "mode") == "fast"
    assert cfg.extract(Optional[int], "maybe") is None
    assert cfg.extract(Union[str, int], "either") == 2
    assert cfg.extract(set[str], "set") == {"x", "y"}
    assert cfg.extract(Any, "ports") == [1, 2, 3]
    assert cfg.extract(dict[str, Any]) == cfg.extract()
    with pytest.raises(superconfig.TypeMismatch) as info:
        cfg.extract(list[str], "ports")
    assert info.value.key == "ports.0"
    with pytest.raises(superconfig.TypeMismatch):
        cfg.extract(Literal["slow"], "mode")


def test_text_built_types():
    @dataclasses.dataclass
    class Paths:
        root: pathlib.Path
        started: datetime.datetime
        day: datetime.date

    cfg = SuperConfig().with_string(
        'root = "/srv"\nstarted = 2024-05-01T12:30:00Z\nday = 2024-05-01\n', "toml"
    )
    got = cfg.extract(Paths)
    assert got.root == pathlib.Path("/srv")
    assert got.started == datetime.datetime(2024, 5, 1, 12, 30, tzinfo=datetime.timezone.utc)
    assert got.day == datetime.date(2024, 5, 1)


def test_enum_mismatch(cfg):
    with pytest.raises(superconfig.TypeMismatch) as info:
        cfg.with_defaults({"level": "loud"}).extract(App)
    assert info.value.key == "level"


class Retries(enum.IntEnum):
    ONE = 1
    TWO = 2


@dataclasses.dataclass
class Policy:
    retries: Retries


def test_set_of_tables_is_a_type_mismatch_not_a_type_error():
    @dataclasses.dataclass
    class Tags:
        tags: set[str]

    assert SuperConfig().with_defaults({"tags": ["a", "b", "a"]}).extract(Tags).tags == {"a", "b"}
    with pytest.raises(superconfig.TypeMismatch) as info:
        SuperConfig().with_defaults({"tags": ["a", {"b": 1}]}).extract(dict[str, set[Any]])
    assert info.value.key == "tags.1"


def test_int_enum_takes_ints_not_booleans_or_floats():
    assert SuperConfig().with_defaults({"retries": 2}).extract(Policy).retries is Retries.TWO
    for wrong in (True, 2.0):
        with pytest.raises(superconfig.TypeMismatch) as info:
            SuperConfig().with_defaults({"retries": wrong}).extract(Policy)
        assert info.value.key == "retries"


def test_extract_path_or_model_dispatch(cfg):
    assert cfg.extract() == cfg.extract("")
    assert cfg.extract("database.pool") == {"min_size": 1, "max_size": 10}
    with pytest.raises(superconfig.KeyNotFound):
        cfg.extract(Pool, "nope")
    with pytest.raises(superconfig.InvalidArgument):
        cfg.extract("database", "pool")  # type: ignore[call-overload]


def test_unsupported_hint_is_invalid_argument(cfg):
    with pytest.raises(superconfig.InvalidArgument):
        cfg.extract(42, "database")  # type: ignore[call-overload]


def test_forward_references_resolve():
    cfg = SuperConfig().with_defaults({"outer": {"inner": {"x": 1}}})
    assert cfg.extract(Outer).outer.inner.x == 1


@dataclasses.dataclass
class Inner:
    x: int


@dataclasses.dataclass
class Middle:
    inner: Inner


@dataclasses.dataclass
class Outer:
    outer: Middle


# ----- pydantic ---------------------------------------------------------------------------------


class PoolModel(pydantic.BaseModel):
    min_size: int
    max_size: int = pydantic.Field(gt=0)


class DatabaseModel(pydantic.BaseModel):
    host: str
    port: int
    pool: PoolModel


class AppModel(pydantic.BaseModel):
    database: DatabaseModel
    level: Level = Level.INFO


def test_pydantic_model(cfg):
    app = cfg.extract(AppModel)
    assert isinstance(app, AppModel)
    assert app.database.pool.max_size == 10
    assert app.level is Level.DEBUG
    assert cfg.extract(PoolModel, "database.pool").min_size == 1


def test_pydantic_errors_name_the_key_path(cfg):
    bad = cfg.with_defaults({"database": {"pool": {"max_size": -1}}})
    with pytest.raises(superconfig.TypeMismatch) as info:
        bad.extract(AppModel)
    assert info.value.key == "database.pool.max_size"
    with pytest.raises(superconfig.TypeMismatch) as info:
        bad.extract(PoolModel, "database.pool")
    assert info.value.key == "database.pool.max_size"


def test_pydantic_errors_do_not_carry_the_input():
    class Secrets(pydantic.BaseModel):
        password: pydantic.SecretStr = pydantic.Field(min_length=32)

    bad = SuperConfig().with_defaults({"password": "hunter2"})
    with pytest.raises(superconfig.TypeMismatch) as info:
        bad.extract(Secrets)
    assert info.value.key == "password"
    assert info.value.__cause__ is None and info.value.__context__ is None
    assert "hunter2" not in "".join(traceback.format_exception(info.value))


def test_pydantic_dataclass():
    @pydantic.dataclasses.dataclass
    class Limits:
        rps: int

    cfg = SuperConfig().with_defaults({"limits": {"rps": 5}})
    assert cfg.extract(Limits, "limits").rps == 5
    with pytest.raises(superconfig.TypeMismatch) as info:
        cfg.with_defaults({"limits": {"rps": "many"}}).extract(Limits, "limits")
    assert info.value.key == "limits.rps"
