"""Core values <-> Python objects: what only the binding can get wrong."""

from __future__ import annotations

import datetime
import math
import pathlib
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from types import MappingProxyType

import pytest
import superconfig
from superconfig import SuperConfig


def roundtrip(value):
    return SuperConfig().with_defaults({"v": value}).get("v")


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        False,
        0,
        1,
        -1,
        2**63 - 1,
        -(2**63),
        0.0,
        -0.0,
        1.5,
        1e300,
        "",
        "plain",
        "ünïcødé ✓ 日本語 🎉",
        "nul\x00inside",
        [],
        {},
        [1, "a", None, True, 2.5, [3], {"k": "v"}],
        {"nested": {"deeper": {"deepest": [1, 2, {"x": None}]}}},
    ],
)
def test_values_round_trip_with_their_types(value):
    got = roundtrip(value)
    assert got == value
    assert type(got) is type(value)


def test_bool_stays_bool_and_int_stays_int():
    cfg = SuperConfig().with_defaults({"t": True, "one": 1, "f": 1.0})
    assert cfg.get("t") is True
    assert type(cfg.get("one")) is int
    assert type(cfg.get("f")) is float


def test_non_finite_floats():
    cfg = SuperConfig().with_defaults({"inf": math.inf, "ninf": -math.inf, "nan": math.nan})
    assert cfg.get("inf") == math.inf
    assert cfg.get("ninf") == -math.inf
    assert math.isnan(cfg.get("nan"))


def test_negative_zero_keeps_its_sign():
    assert math.copysign(1.0, roundtrip(-0.0)) == -1.0


@pytest.mark.parametrize("big", [2**63, -(2**63) - 1, 10**30])
def test_ints_beyond_i64_are_a_parse_error_naming_the_key(big):
    with pytest.raises(superconfig.ParseError) as info:
        SuperConfig().with_defaults({"limits": {"items": [1, big]}})
    assert info.value.key == "limits.items.1"
    assert "limits.items.1" in str(info.value)
    assert isinstance(info.value, ValueError)


def test_int_subclasses_and_float_subclasses_convert():
    import enum

    class Level(enum.IntEnum):
        HIGH = 3

    class MyFloat(float):
        pass

    cfg = SuperConfig().with_defaults({"level": Level.HIGH, "ratio": MyFloat(0.5)})
    assert cfg.get("level") == 3 and type(cfg.get("level")) is int
    assert cfg.get("ratio") == 0.5 and type(cfg.get("ratio")) is float


def test_tuples_become_lists_and_dict_order_is_kept():
    cfg = SuperConfig().with_defaults(OrderedDict([("z", (1, 2)), ("a", 1), ("m", 2)]))
    assert cfg.get("z") == [1, 2]
    assert cfg.keys() == ["z", "a", "m"]
    assert list(cfg.extract()) == ["z", "a", "m"]


def test_paths_and_dates_become_strings():
    cfg = SuperConfig().with_defaults(
        {
            "dir": pathlib.Path("/var/lib/app"),
            "day": datetime.date(2024, 5, 1),
            "at": datetime.datetime(2024, 5, 1, 12, 30, tzinfo=datetime.timezone.utc),
            "t": datetime.time(7, 45),
        }
    )
    assert cfg.get("dir") == "/var/lib/app"
    assert cfg.get("day") == "2024-05-01"
    assert cfg.get("at") == "2024-05-01T12:30:00+00:00"
    assert cfg.get("t") == "07:45:00"


@pytest.mark.parametrize("bad", [{1, 2}, b"bytes", object(), 1j])
def test_unsupported_types_are_invalid_argument_naming_the_key(bad):
    with pytest.raises(superconfig.InvalidArgument) as info:
        SuperConfig().with_defaults({"a": {"b": bad}})
    assert info.value.key == "a.b"
    assert type(bad).__name__ in str(info.value)


def test_non_string_keys_are_refused():
    with pytest.raises(superconfig.InvalidArgument) as info:
        SuperConfig().with_defaults({"a": {1: "x"}})
    assert info.value.key == "a"


def test_any_mapping_converts_like_a_dict():
    class Env(Mapping[str, object]):
        def __init__(self, data: dict[str, object]) -> None:
            self._data = data

        def __getitem__(self, key: str) -> object:
            return self._data[key]

        def __iter__(self) -> Iterator[str]:
            return iter(self._data)

        def __len__(self) -> int:
            return len(self._data)

    cfg = SuperConfig().with_defaults(
        MappingProxyType({"db": Env({"port": 5432, "hosts": ("a", "b")})})
    )
    assert cfg.extract() == {"db": {"port": 5432, "hosts": ["a", "b"]}}
    with pytest.raises(superconfig.InvalidArgument) as info:
        SuperConfig().with_defaults(MappingProxyType({"a": Env({1: "x"})}))  # type: ignore[dict-item]
    assert info.value.key == "a"


def test_defaults_must_be_a_table():
    with pytest.raises(superconfig.SuperConfigError):
        SuperConfig().with_defaults([1, 2])  # type: ignore[arg-type]


def test_self_referencing_dict_is_an_error_not_a_crash():
    # The same answer as every face: InvalidArgument naming where the cycle closes.
    d: dict = {}
    d["self"] = d
    with pytest.raises(superconfig.InvalidArgument) as info:
        SuperConfig().with_defaults(d)
    assert "a cycle" in str(info.value)
    assert info.value.key == "self"


def test_self_referencing_list_is_an_error_not_a_crash():
    items: list = []
    items.append(items)
    with pytest.raises(superconfig.InvalidArgument) as info:
        SuperConfig().with_defaults({"l": items})
    assert info.value.key == "l.0"


def test_very_deep_dict_is_an_error_not_a_crash():
    deep: dict = {}
    node = deep
    for _ in range(100_000):
        node["x"] = {}
        node = node["x"]
    with pytest.raises(superconfig.ParseError):
        SuperConfig().with_defaults(deep)


def test_depth_limit_matches_the_core():
    def nested(levels):
        d: dict = {"leaf": 1}
        for _ in range(levels):
            d = {"x": d}
        return d

    SuperConfig().with_defaults(nested(127))  # fine
    with pytest.raises(superconfig.ParseError):
        SuperConfig().with_defaults(nested(200))


def test_unicode_keys_and_values_from_files(write):
    path = write("u.toml", '"ключ" = "значение"\n"emoji 🎉" = "✓"\n["日本"]\n"語" = 1\n')
    cfg = SuperConfig().with_file(path)
    assert cfg.get("ключ") == "значение"
    assert cfg.get(["emoji 🎉"]) == "✓"
    assert cfg.get("日本.語") == 1
    assert cfg.source("日本.語")["line"] == 4


def test_key_paths_as_segments_and_indexes():
    cfg = SuperConfig().with_defaults(
        {"k8s": {"app.kubernetes.io/name": "web"}, "servers": [{"host": "a"}, {"host": "b"}]}
    )
    assert cfg.get(["k8s", "app.kubernetes.io/name"]) == "web"
    assert cfg.get(("k8s", "app.kubernetes.io/name")) == "web"
    assert cfg.get("servers.1.host") == "b"
    assert cfg.get(["servers", 1, "host"]) == "b"
    assert cfg["servers.0.host"] == "a"
    assert "servers.2" not in cfg
    assert ["k8s", "app.kubernetes.io/name"] in cfg
    assert 42 not in cfg


def test_bad_key_path_types_are_invalid_argument():
    cfg = SuperConfig().with_defaults({"a": 1})
    with pytest.raises(superconfig.InvalidArgument):
        cfg.get(3.5)  # type: ignore[arg-type]
    with pytest.raises(superconfig.InvalidArgument):
        cfg.get(["a", None])  # type: ignore[list-item]


def test_int_segments_mean_what_the_dotted_form_means():
    cfg = SuperConfig().with_defaults({"xs": [10, 20]})
    assert cfg.get(["xs", 1]) == cfg.get("xs.1") == 20
    huge = 2**70
    for path in (["xs", huge], f"xs.{huge}", ["xs", -1]):
        with pytest.raises(superconfig.KeyNotFound):
            cfg.get(path)


def test_get_default_distinguishes_absent_from_none():
    cfg = SuperConfig().with_defaults({"present": None})
    assert cfg.get("present") is None
    assert cfg.get("present", "fallback") is None
    assert cfg.get("absent", None) is None
    sentinel = object()
    assert cfg.get("absent", sentinel) is sentinel
    assert cfg.get("absent", default=0) == 0
    with pytest.raises(KeyError):
        cfg.get("absent")


def test_extract_returns_fresh_plain_objects():
    cfg = SuperConfig().with_defaults({"a": {"b": [1, 2]}})
    first = cfg.extract()
    first["a"]["b"].append(3)
    assert cfg.extract() == {"a": {"b": [1, 2]}}
    assert cfg.extract("a.b") == [1, 2]
    assert cfg.extract(["a"]) == {"b": [1, 2]}


def test_env_map_values_accept_scalars_and_refuse_others():
    cfg = SuperConfig().with_env_map(
        {"APP_PORT": 8080, "APP_DEBUG": True, "APP_RATIO": 0.5, "APP_NAME": "svc"}, "APP_"
    )
    assert cfg.extract() == {"debug": True, "name": "svc", "port": 8080, "ratio": 0.5}
    with pytest.raises(superconfig.InvalidArgument):
        SuperConfig().with_env_map({"APP_X": None}, "APP_")
    with pytest.raises(superconfig.InvalidArgument):
        SuperConfig().with_env_map({"APP_X": [1]}, "APP_")
