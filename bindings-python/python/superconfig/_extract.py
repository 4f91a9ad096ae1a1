"""``SuperConfig.extract(Model)``: plain values (already converted by the core) → a typed model.

Imported on the first ``extract(Model)`` only, so ``import superconfig`` does not pay for
``typing``/``dataclasses``. Supported targets: dataclasses, TypedDicts, NamedTuples, pydantic
models and pydantic dataclasses (validated by pydantic itself), and the usual type hints inside
them: ``int``, ``float`` (an int is accepted), ``str``, ``bool``, ``None``, ``Any``, ``Optional``/
``Union``/``X | Y``, ``Literal``, ``Annotated``, ``list``/``Sequence``, ``tuple``, ``set``,
``dict``/``Mapping`` (string keys), ``Enum``, ``pathlib.Path``, ``datetime``/``date``/``time``
(ISO 8601 text, as TOML datetimes arrive) and ``Decimal``.

Conversion is strict the way the core's typed ``get`` is: no ``"8080"`` → ``8080``, no ``1`` →
``True``. A failure raises ``TypeMismatch`` whose ``key`` is the full dotted path of the offending
value (the ``extract`` path included) and whose message never shows the value itself.
"""

from __future__ import annotations

import collections.abc as cabc
import dataclasses
import datetime
import decimal
import enum
import functools
import pathlib
import types
import typing
from typing import Any

from superconfig._errors import InvalidArgument, TypeMismatch

_UNION_TYPES: tuple[Any, ...] = (typing.Union,) + (
    (types.UnionType,) if hasattr(types, "UnionType") else ()
)
_SEQUENCES = (list, cabc.Sequence, cabc.MutableSequence, cabc.Iterable, cabc.Collection)
_MAPPINGS = (dict, cabc.Mapping, cabc.MutableMapping)
_SETS = (set, frozenset, cabc.Set, cabc.MutableSet)


def _kind(value: Any) -> str:
    """The core's name for a value's type (``integer``, ``string``, ``table``...)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "table"
    return type(value).__name__


def _hint_name(tp: Any) -> str:
    if isinstance(tp, type):
        return tp.__name__
    return repr(tp).replace("typing.", "")


class _Mismatch(Exception):
    def __init__(self, path: list[str], message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


def _join(prefix: str, path: list[str]) -> str:
    return ".".join([prefix, *path] if prefix else path)


def _type_mismatch(prefix: str, path: list[str], message: str) -> TypeMismatch:
    key = _join(prefix, path)
    return TypeMismatch(f"type mismatch: at '{key}': {message}", key=key)


def extract_into(model: Any, data: Any, prefix: str) -> Any:
    """Convert ``data`` (the subtree at ``prefix``) into ``model``."""
    if _is_pydantic(model):
        return _pydantic(model, data, prefix)
    try:
        return _convert(model, data, [])
    except _Mismatch as exc:
        raise _type_mismatch(prefix, exc.path, exc.message) from None


# ----- pydantic ---------------------------------------------------------------------------------


def _is_pydantic(model: Any) -> bool:
    return isinstance(model, type) and (
        hasattr(model, "model_validate") or hasattr(model, "__pydantic_validator__")
    )


def _pydantic(model: Any, data: Any, prefix: str) -> Any:
    import pydantic  # noqa: PLC0415 - a pydantic model was given, so pydantic is importable

    try:
        if hasattr(model, "model_validate"):
            return model.model_validate(data)
        return pydantic.TypeAdapter(model).validate_python(data)
    except pydantic.ValidationError as exc:
        errors = exc.errors(include_input=False, include_url=False)
    # Raised outside the `except`: pydantic's own message quotes the input (a secret, perhaps),
    # so it must be neither the cause nor the context of the error a traceback prints.
    first = errors[0] if errors else {"loc": (), "msg": "validation failed"}
    path = [str(part) for part in first.get("loc", ())]
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    raise _type_mismatch(prefix, path, f"{first.get('msg')}{more}")


# ----- type hints -------------------------------------------------------------------------------


def _fail(path: list[str], expected: str, value: Any) -> _Mismatch:
    return _Mismatch(path, f"expected {expected}, found {_kind(value)}")


# Resolved per class, most recently used kept: a list of 1000 dataclasses resolves its hints
# and fields once, not 1000 times. (Failures are not cached: they raise.)
@functools.lru_cache(maxsize=256)
def _hints(tp: Any) -> dict[str, Any]:
    try:
        return typing.get_type_hints(tp, include_extras=True)
    except Exception as exc:  # unresolvable forward references
        raise InvalidArgument(f"cannot resolve the type hints of {_hint_name(tp)}: {exc}") from exc


@functools.lru_cache(maxsize=256)
def _dataclass_fields(tp: Any) -> tuple[list[str], frozenset[str]]:
    """The names of a dataclass's ``__init__`` fields, and those without a default."""
    fields = [f for f in dataclasses.fields(tp) if f.init]
    required = frozenset(
        f.name
        for f in fields
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    )
    return [f.name for f in fields], required


def _is_typeddict(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, dict) and hasattr(tp, "__total__")


def _is_namedtuple(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, tuple) and hasattr(tp, "_fields")


def _convert(tp: Any, value: Any, path: list[str]) -> Any:
    if tp is Any or tp is object:
        return value
    if tp is None or tp is type(None):
        if value is None:
            return None
        raise _fail(path, "null", value)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Annotated:
        return _convert(args[0], value, path)
    if origin in _UNION_TYPES:
        return _union(args, value, path)
    if origin is typing.Literal:
        for allowed in args:
            if type(allowed) is type(value) and allowed == value:
                return value
        raise _Mismatch(path, f"expected one of {list(args)!r}, found {_kind(value)}")
    if tp is bool:
        if isinstance(value, bool):
            return value
        raise _fail(path, "bool", value)
    if tp is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise _fail(path, "integer", value)
    if tp is float:
        if isinstance(value, float):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        raise _fail(path, "float", value)
    if tp is str:
        if isinstance(value, str):
            return value
        raise _fail(path, "string", value)
    container = origin if origin is not None else tp
    if container is tuple:
        return _tuple(args, value, path)
    if container in _SEQUENCES:
        if not isinstance(value, list):
            raise _fail(path, "array", value)
        item = args[0] if args else Any
        return [_convert(item, v, [*path, str(i)]) for i, v in enumerate(value)]
    if container in _SETS:
        if not isinstance(value, list):
            raise _fail(path, "array", value)
        item = args[0] if args else Any
        out = set()
        for i, v in enumerate(value):
            converted = _convert(item, v, [*path, str(i)])
            try:
                out.add(converted)
            except TypeError:  # a table or an array cannot be a set member
                raise _fail([*path, str(i)], "a hashable value", v) from None
        return frozenset(out) if container is frozenset else out
    if container in _MAPPINGS:
        if not isinstance(value, dict):
            raise _fail(path, "table", value)
        item = args[1] if len(args) == 2 else Any
        return {k: _convert(item, v, [*path, k]) for k, v in value.items()}
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return _dataclass(tp, value, path)
    if _is_typeddict(tp):
        return _typeddict(tp, value, path)
    if _is_namedtuple(tp):
        return _namedtuple(tp, value, path)
    if isinstance(tp, type):
        return _leaf(tp, value, path)
    raise InvalidArgument(f"extract: unsupported type hint {_hint_name(tp)}")


def _union(args: tuple[Any, ...], value: Any, path: list[str]) -> Any:
    if value is None and type(None) in args:
        return None
    deepest: _Mismatch | None = None
    for member in args:
        if member is type(None):
            continue
        try:
            return _convert(member, value, path)
        except _Mismatch as exc:
            if deepest is None or len(exc.path) > len(deepest.path):
                deepest = exc
    if deepest is not None and len(deepest.path) > len(path):
        raise deepest
    names = " | ".join("null" if a is type(None) else _hint_name(a) for a in args)
    raise _fail(path, names, value)


def _tuple(args: tuple[Any, ...], value: Any, path: list[str]) -> tuple[Any, ...]:
    if not isinstance(value, list):
        raise _fail(path, "array", value)
    if not args or (len(args) == 2 and args[1] is Ellipsis):
        item = args[0] if args else Any
        return tuple(_convert(item, v, [*path, str(i)]) for i, v in enumerate(value))
    if len(args) != len(value):
        raise _Mismatch(path, f"expected an array of {len(args)} items, found {len(value)}")
    return tuple(_convert(t, v, [*path, str(i)]) for i, (t, v) in enumerate(zip(args, value)))


def _fields_from(
    tp: Any,
    value: Any,
    path: list[str],
    hints: dict[str, Any],
    required: cabc.Set[str],
    names: list[str],
) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(path, f"table ({tp.__name__})", value)
    out: dict[str, Any] = {}
    for name in names:
        if name in value:
            out[name] = _convert(hints.get(name, Any), value[name], [*path, name])
        elif name in required:
            raise _Mismatch([*path, name], f"missing field '{name}' of {tp.__name__}")
    return out


def _dataclass(tp: Any, value: Any, path: list[str]) -> Any:
    names, required = _dataclass_fields(tp)
    return tp(**_fields_from(tp, value, path, _hints(tp), required, names))


def _typeddict(tp: Any, value: Any, path: list[str]) -> dict[str, Any]:
    hints = _hints(tp)
    required = set(getattr(tp, "__required_keys__", hints if tp.__total__ else ()))
    return _fields_from(tp, value, path, hints, required, list(hints))


def _namedtuple(tp: Any, value: Any, path: list[str]) -> Any:
    hints = _hints(tp)
    defaults = getattr(tp, "_field_defaults", {})
    required = {name for name in tp._fields if name not in defaults}
    return tp(**_fields_from(tp, value, path, hints, required, list(tp._fields)))


def _enum_member(tp: type[enum.Enum], value: Any) -> enum.Enum | None:
    """The member with this value (a boolean only for a boolean value: ``True == 1``), else the
    member with this name, else ``None``."""
    try:
        member = tp(value)
    except ValueError:
        member = None
    # `True == 1` and `2.0 == 2`: a bool or a float matches only a member of its own type.
    if (
        member is not None
        and isinstance(value, bool) is isinstance(member.value, bool)
        and (not isinstance(value, float) or isinstance(member.value, float))
    ):
        return member
    if isinstance(value, str) and value in tp.__members__:
        return tp.__members__[value]
    return None


def _leaf(tp: type, value: Any, path: list[str]) -> Any:
    """Other classes: enums by value (or name), text-built types, else an isinstance check."""
    if issubclass(tp, enum.Enum):
        member = _enum_member(tp, value)
        if member is None:
            choices = ", ".join(repr(m.value) for m in tp)
            raise _Mismatch(path, f"expected one of {choices} ({tp.__name__})")
        return member
    if isinstance(value, tp):
        return value
    if isinstance(value, str):
        parsed = _from_text(tp, value)
        if parsed is not None:
            return parsed
        if issubclass(tp, (pathlib.PurePath, datetime.date, datetime.time, decimal.Decimal)):
            raise _Mismatch(path, f"string is not a valid {tp.__name__}")
    if tp is decimal.Decimal and isinstance(value, (int, float)) and not isinstance(value, bool):
        return decimal.Decimal(str(value))
    raise _fail(path, tp.__name__, value)


def _from_text(tp: type, text: str) -> Any:
    try:
        if issubclass(tp, pathlib.PurePath):
            return tp(text)
        if issubclass(tp, datetime.datetime):
            return tp.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
        if issubclass(tp, datetime.date):
            return tp.fromisoformat(text)
        if issubclass(tp, datetime.time):
            return tp.fromisoformat(text.replace("Z", "+00:00"))
        if issubclass(tp, decimal.Decimal):
            return tp(text)
    except (ValueError, decimal.InvalidOperation):
        return None
    return None
