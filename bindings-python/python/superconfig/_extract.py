"""``SuperConfig.extract(Model)``: plain values (already converted by the core) → a typed model.

Imported on the first ``extract(Model)`` only, so ``import superconfig`` does not pay for
``typing``/``dataclasses``. Supported targets: dataclasses, TypedDicts, NamedTuples, pydantic
models and pydantic dataclasses (validated by pydantic itself), and the usual type hints inside
them: ``int``, ``float`` (an int is accepted), ``str``, ``bool``, ``None``, ``Any``, ``Optional``/
``Union``/``X | Y``, ``Literal``, ``Annotated``, ``list``/``Sequence``, ``tuple``, ``set``,
``dict``/``Mapping`` (string keys), ``Enum``, ``pathlib.Path``, ``datetime``/``date``/``time``
(ISO 8601 text, as TOML datetimes arrive) and ``Decimal``.

Conversion is strict the way the core's typed ``get`` is: no ``"8080"`` → ``8080``, no ``1`` →
``True``. One exception, the original text: a value read from an environment variable, a dotenv
file or a secret file was typed like an environment value (``987654321`` an integer, ``1.10`` a
float), and where the model asks for a string there (``str``, pydantic's ``SecretStr``, a
``Literal`` holding that text...) it gets the text as written instead (``"987654321"``,
``"1.10"``).

Conversion goes on past an invalid field: a failure raises one ``TypeMismatch`` listing every
invalid field (``errors``: full dotted key path, what is wrong, the value's source), built by the
core, whose ``key``/``file``/``line`` are those of the first field; no message shows a value.
"""

from __future__ import annotations

import collections.abc as cabc
import dataclasses
import datetime
import decimal
import enum
import functools
import pathlib
import sys
import types
import typing
from typing import Any

from superconfig._errors import InvalidArgument

#: An invalid field: its key path (relative to the extracted subtree) and what is wrong.
_Field = tuple[list[str], str]

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
    """One or more invalid fields, in model order."""

    def __init__(self, fields: list[_Field]) -> None:
        super().__init__(fields[0][1])
        self.fields = fields

    @property
    def depth(self) -> int:
        """The length of the deepest key path: how far into the value a conversion got."""
        return max(len(path) for path, _ in self.fields)


def _mismatch(path: list[str], message: str) -> _Mismatch:
    return _Mismatch([(path, message)])


def extract_into(model: Any, data: Any, prefix: str, config: Any, segments: list[str]) -> Any:
    """Convert ``data``, the subtree at the extract path, into ``model``.

    ``prefix`` is that path dotted (``""`` for the root), ``segments`` the same as a list, and
    ``config`` the native ``SuperConfig`` it was read from: it gives the original texts of the
    values under the path (``_texts``) and builds the error from the invalid fields' full key
    paths (``_type_mismatch``, which looks up their sources).
    """
    del prefix  # the segments say it, dots in keys included
    texts = config._texts(segments if segments else None)
    if texts:
        data = _with_texts(model, data, texts)
    try:
        if _is_pydantic(model):
            return _pydantic(model, data)
        return _convert(model, data, [])
    except _Mismatch as exc:
        fields = exc.fields
    # Raised outside the `except`: the error has neither cause nor context.
    raise config._type_mismatch([([*segments, *path], message) for path, message in fields])


# ----- pydantic ---------------------------------------------------------------------------------


def _is_pydantic(model: Any) -> bool:
    return isinstance(model, type) and (
        hasattr(model, "model_validate") or hasattr(model, "__pydantic_validator__")
    )


def _pydantic(model: Any, data: Any) -> Any:
    import pydantic  # noqa: PLC0415 - a pydantic model was given, so pydantic is importable

    try:
        if hasattr(model, "model_validate"):
            return model.model_validate(data)
        return pydantic.TypeAdapter(model).validate_python(data)
    except pydantic.ValidationError as exc:
        errors = exc.errors(include_input=False, include_url=False)
    # Raised outside the `except`: pydantic's own message quotes the input (a secret, perhaps),
    # so it must be neither the cause nor the context of the error a traceback prints.
    raise _Mismatch(_pydantic_fields(errors, data) or [([], "validation failed")])


def _pydantic_fields(errors: Any, data: Any) -> list[_Field]:
    """pydantic's errors as fields, one per key path: ``msg`` only (never ``input``); the errors
    of one key (one per member of a union) joined with "or"."""
    by_key: dict[tuple[str, ...], list[str]] = {}
    for error in errors:
        missing = str(error.get("type", "")).startswith("missing")
        path = tuple(_loc_path(error.get("loc", ()), data, missing=missing))
        messages = by_key.setdefault(path, [])
        message = str(error.get("msg", "invalid value"))
        if message not in messages:
            messages.append(message)
    return [(list(path), " or ".join(messages)) for path, messages in by_key.items()]


def _loc_path(loc: Any, data: Any, *, missing: bool) -> list[str]:
    """The key path of a pydantic ``loc``: its parts that name a key or an index of ``data``, in
    order. The others are pydantic's own tags (the union member tried: ``int``, ``Model``,
    ``function-after[...]``...), not keys. A missing field's last part is kept."""
    path: list[str] = []
    node = data
    last = len(loc) - 1
    for i, part in enumerate(loc):
        if isinstance(node, dict) and isinstance(part, str):
            if part in node:
                node = node[part]
                path.append(part)
            elif missing and i == last:
                path.append(part)
        elif (
            isinstance(node, list)
            and isinstance(part, int)
            and not isinstance(part, bool)
            and 0 <= part < len(node)
        ):
            node = node[part]
            path.append(str(part))
    return path


# ----- original texts ---------------------------------------------------------------------------

_UNKNOWN: Any = object()  # a location whose type hint is not known


def _with_texts(model: Any, data: Any, texts: list[tuple[list[str], str]]) -> Any:
    """``data`` with the values whose location the model types as a string replaced by their
    original text. Copy on write: only the tables and arrays on a replaced value's path are
    copied (each once), so ``data`` itself is left as it is."""
    copies: set[int] = set()  # ids of the containers copied here (alive in the result)
    for path, text in texts:
        if _wants_text(_hint_at(model, path), text):
            data = _replace(data, path, text, copies)
    return data


def _replace(node: Any, path: list[str], text: str, copies: set[int]) -> Any:
    if not path:
        return text
    head = path[0]
    if isinstance(node, dict):
        if head not in node:
            return node
        key: Any = head
    elif isinstance(node, list):
        if not head.isdecimal() or int(head) >= len(node):
            return node
        key = int(head)
    else:
        return node
    if id(node) not in copies:
        node = node.copy()
        copies.add(id(node))
    node[key] = _replace(node[key], path[1:], text, copies)
    return node


def _unwrap(tp: Any) -> Any:
    """``tp`` without what does not change the location's type: ``Annotated``, ``Optional``/a
    union with one non-null member, a pydantic ``RootModel``."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in _UNION_TYPES:
            members = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(members) != 1:
                return tp
            tp = members[0]
        elif isinstance(tp, type) and getattr(tp, "__pydantic_root_model__", False):
            tp = _pydantic_field_hint(tp, "root")
        else:
            return tp


def _index(segment: str) -> int | None:
    return int(segment) if segment.isdecimal() else None


def _hint_at(tp: Any, path: list[str]) -> Any:
    """The type hint ``tp`` gives at ``path`` inside it, else ``_UNKNOWN``."""
    for segment in path:
        tp = _unwrap(tp)
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        container = origin if origin is not None else tp
        if container is tuple:
            index = _index(segment)
            if args and len(args) == 2 and args[1] is Ellipsis:
                tp = args[0]
            elif index is not None and index < len(args):
                tp = args[index]
            else:
                return _UNKNOWN
        elif container in _SEQUENCES or container in _SETS:
            if not args or _index(segment) is None:
                return _UNKNOWN
            tp = args[0]
        elif container in _MAPPINGS:
            if len(args) != 2:
                return _UNKNOWN
            tp = args[1]
        elif not isinstance(tp, type):
            return _UNKNOWN
        elif isinstance(getattr(tp, "__pydantic_fields__", None), dict):
            tp = _pydantic_field_hint(tp, segment)
        elif dataclasses.is_dataclass(tp) or _is_typeddict(tp) or _is_namedtuple(tp):
            try:
                tp = _hints(tp).get(segment, _UNKNOWN)
            except InvalidArgument:  # the conversion reports it
                return _UNKNOWN
        else:
            return _UNKNOWN
        if tp is _UNKNOWN:
            return _UNKNOWN
    return tp


def _pydantic_field_hint(tp: Any, key: str) -> Any:
    """The annotation of the field of a pydantic model or dataclass that ``key`` sets: the field
    with that alias (validation alias first), else the field of that name."""
    fields = tp.__pydantic_fields__
    for info in fields.values():
        alias = info.validation_alias if isinstance(info.validation_alias, str) else info.alias
        if alias == key:
            return info.annotation
    info = fields.get(key)
    return _UNKNOWN if info is None else info.annotation


def _wants_text(tp: Any, text: str) -> bool:
    """Whether the hint takes this text where the typed value (a number, a boolean) would not
    fit: ``str``, pydantic's ``SecretStr``, a ``Literal`` or an ``Enum`` with that text among
    its values; ``Annotated``/``Optional`` of one of them."""
    tp = _unwrap(tp)
    if tp is str:
        return True
    if typing.get_origin(tp) is typing.Literal:
        return any(isinstance(allowed, str) and allowed == text for allowed in typing.get_args(tp))
    if not isinstance(tp, type):
        return False
    if issubclass(tp, enum.Enum):
        return any(isinstance(m.value, str) and m.value == text for m in tp)
    pydantic = sys.modules.get("pydantic")  # a model using SecretStr has imported it
    return pydantic is not None and issubclass(tp, pydantic.SecretStr)


# ----- type hints -------------------------------------------------------------------------------


def _fail(path: list[str], expected: str, value: Any) -> _Mismatch:
    return _mismatch(path, f"expected {expected}, found {_kind(value)}")


def _all(items: cabc.Iterable[tuple[Any, Any, list[str]]]) -> list[Any]:
    """Converts every ``(hint, value, path)``; a mismatch after all of them, with every invalid
    field. (Containers convert on a fast path first and come here only when one item fails.)"""
    out: list[Any] = []
    found: list[_Field] = []
    for tp, value, path in items:
        try:
            out.append(_convert(tp, value, path))
        except _Mismatch as exc:
            found.extend(exc.fields)
    if found:
        raise _Mismatch(found)
    return out


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
        raise _mismatch(path, f"expected one of {list(args)!r}, found {_kind(value)}")
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
        try:
            return [_convert(item, v, [*path, str(i)]) for i, v in enumerate(value)]
        except _Mismatch:
            pass
        return _all((item, v, [*path, str(i)]) for i, v in enumerate(value))
    if container in _SETS:
        return _set(container, args, value, path)
    if container in _MAPPINGS:
        if not isinstance(value, dict):
            raise _fail(path, "table", value)
        item = args[1] if len(args) == 2 else Any
        try:
            return {k: _convert(item, v, [*path, k]) for k, v in value.items()}
        except _Mismatch:
            pass
        return dict(zip(value, _all((item, v, [*path, k]) for k, v in value.items())))
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return _dataclass(tp, value, path)
    if _is_typeddict(tp):
        return _typeddict(tp, value, path)
    if _is_namedtuple(tp):
        return _namedtuple(tp, value, path)
    if isinstance(tp, type):
        return _leaf(tp, value, path)
    raise InvalidArgument(f"extract: unsupported type hint {_hint_name(tp)}")


def _set(container: Any, args: tuple[Any, ...], value: Any, path: list[str]) -> Any:
    if not isinstance(value, list):
        raise _fail(path, "array", value)
    item = args[0] if args else Any
    out = set()
    found: list[_Field] = []
    for i, v in enumerate(value):
        try:
            converted = _convert(item, v, [*path, str(i)])
        except _Mismatch as exc:
            found.extend(exc.fields)
            continue
        try:
            out.add(converted)
        except TypeError:  # a table or an array cannot be a set member
            found.extend(_fail([*path, str(i)], "a hashable value", v).fields)
    if found:
        raise _Mismatch(found)
    return frozenset(out) if container is frozenset else out


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
            if deepest is None or exc.depth > deepest.depth:
                deepest = exc
    if deepest is not None and deepest.depth > len(path):
        raise deepest
    names = " | ".join("null" if a is type(None) else _hint_name(a) for a in args)
    raise _fail(path, names, value)


def _tuple(args: tuple[Any, ...], value: Any, path: list[str]) -> tuple[Any, ...]:
    if not isinstance(value, list):
        raise _fail(path, "array", value)
    if not args or (len(args) == 2 and args[1] is Ellipsis):
        item = args[0] if args else Any
        return tuple(_all((item, v, [*path, str(i)]) for i, v in enumerate(value)))
    if len(args) != len(value):
        raise _mismatch(path, f"expected an array of {len(args)} items, found {len(value)}")
    return tuple(_all((t, v, [*path, str(i)]) for i, (t, v) in enumerate(zip(args, value))))


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
    found: list[_Field] = []
    for name in names:
        if name in value:
            try:
                out[name] = _convert(hints.get(name, Any), value[name], [*path, name])
            except _Mismatch as exc:  # go on: every invalid field is reported
                found.extend(exc.fields)
        elif name in required:
            found.append(([*path, name], f"missing field '{name}' of {tp.__name__}"))
    if found:
        raise _Mismatch(found)
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
            raise _mismatch(path, f"expected one of {choices} ({tp.__name__})")
        return member
    if isinstance(value, tp):
        return value
    if isinstance(value, str):
        parsed = _from_text(tp, value)
        if parsed is not None:
            return parsed
        if issubclass(tp, (pathlib.PurePath, datetime.date, datetime.time, decimal.Decimal)):
            raise _mismatch(path, f"string is not a valid {tp.__name__}")
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
