"""SuperConfig's exceptions (docs/behaviour.md, "Errors and warnings"): one base class, one
subclass per kind.

The Rust extension raises these classes (it looks them up once, by kind name). They are plain
Python so that multiple inheritance from the builtin exceptions is natural: ``KeyNotFound`` is also
a ``KeyError``, ``ParseError`` and ``TypeMismatch`` are also ``ValueError``, ``FileNotFound`` is
also ``FileNotFoundError`` and ``IoError`` also ``OSError``.

Every instance carries ``kind``, ``message``, ``file``, ``line``, ``column`` and ``key`` (``None``
when unknown). ``str(exc)`` is the message, which never contains a secret value. ``TypeMismatch``
also carries ``errors``: every invalid field an ``extract(Model)`` found, as ``FieldError`` records.
"""

# `typing` is not imported at run time (``import superconfig`` stays light); mypy reads this
# name as true, so the annotations below still name their types.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from superconfig.types import FieldError

__all__ = [
    "ArrayOpOnNonArray",
    "FileNotFound",
    "IgnoredFile",
    "IgnoredKey",
    "InternalError",
    "InvalidArgument",
    "InvalidHandle",
    "IoError",
    "KeyConflict",
    "KeyNotFound",
    "NoMatch",
    "ParseError",
    "ProfileNotFound",
    "SourceUnavailable",
    "SuperConfigError",
    "SuspiciousEnv",
    "TypeMismatch",
]


class SuperConfigError(Exception):
    """Base class of every error SuperConfig raises."""

    kind: str = "SuperConfigError"

    def __init__(
        self,
        message: str = "",
        *,
        file: "str | None" = None,
        line: "int | None" = None,
        column: "int | None" = None,
        key: "str | None" = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.key = key

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        fields = [repr(self.message)]
        for name in ("file", "line", "column", "key"):
            value = getattr(self, name)
            if value is not None:
                fields.append(f"{name}={value!r}")
        return f"{type(self).__name__}({', '.join(fields)})"

    def __reduce__(self) -> "tuple[object, ...]":
        # Pickle by keyword, so that every subclass (OSError ones included) round-trips.
        return (_rebuild, (type(self), self.message, self.file, self.line, self.column, self.key))


def _rebuild(
    cls: "type[SuperConfigError]",
    message: str,
    file: "str | None",
    line: "int | None",
    column: "int | None",
    key: "str | None",
) -> SuperConfigError:
    return cls(message, file=file, line=line, column=column, key=key)


class _OSErrorFields(SuperConfigError):
    """``filename`` and ``strerror`` as ``OSError`` handlers expect them."""

    filename: "str | None"
    strerror: "str | None"

    def __init__(
        self,
        message: str = "",
        *,
        file: "str | None" = None,
        line: "int | None" = None,
        column: "int | None" = None,
        key: "str | None" = None,
    ) -> None:
        super().__init__(message, file=file, line=line, column=column, key=key)
        self.filename = file
        self.strerror = message


class ParseError(SuperConfigError, ValueError):
    """A document could not be parsed (also: an integer outside i64, nesting too deep)."""

    kind = "ParseError"


class FileNotFound(_OSErrorFields, FileNotFoundError):
    """A required file does not exist (an optional one is only a warning)."""

    kind = "FileNotFound"


class KeyNotFound(SuperConfigError, KeyError):
    """No value at the key path."""

    kind = "KeyNotFound"


class TypeMismatch(SuperConfigError, ValueError):
    """A value has another type than asked for; ``key`` names where.

    Raised by ``extract(Model)``, ``errors`` lists every invalid field (``key``, ``message``,
    ``source``), and ``key``/``file``/``line`` are those of the first one. Elsewhere it is empty.
    """

    kind = "TypeMismatch"
    errors: "list[FieldError]"

    def __init__(
        self,
        message: str = "",
        *,
        file: "str | None" = None,
        line: "int | None" = None,
        column: "int | None" = None,
        key: "str | None" = None,
        errors: "Sequence[FieldError] | None" = None,
    ) -> None:
        super().__init__(message, file=file, line=line, column=column, key=key)
        self.errors = list(errors) if errors is not None else []

    def __repr__(self) -> str:
        text = super().__repr__()
        if not self.errors:
            return text
        # A count only: the records are in `errors`, the message already names the fields.
        count = len(self.errors)
        return f"{text[:-1]}, errors=<{count} field{'s' if count != 1 else ''}>)"

    def __reduce__(self) -> "tuple[object, ...]":
        return (
            _rebuild_type_mismatch,
            (type(self), self.message, self.file, self.line, self.column, self.key, self.errors),
        )


def _rebuild_type_mismatch(
    cls: "type[TypeMismatch]",
    message: str,
    file: "str | None",
    line: "int | None",
    column: "int | None",
    key: "str | None",
    errors: "list[FieldError]",
) -> TypeMismatch:
    return cls(message, file=file, line=line, column=column, key=key, errors=errors)


class ProfileNotFound(SuperConfigError):
    """The active profile is in no profiled layer (an error in strict mode)."""

    kind = "ProfileNotFound"


class InvalidHandle(SuperConfigError):
    """A configuration handle was used after it was freed."""

    kind = "InvalidHandle"


class InvalidArgument(SuperConfigError):
    """An argument that cannot work: unknown format, bad pattern, unsupported value type..."""

    kind = "InvalidArgument"


class IoError(_OSErrorFields, OSError):
    """The operating system refused a read."""

    kind = "IoError"


class NoMatch(SuperConfigError):
    """Strict mode: a glob or a discovery found nothing."""

    kind = "NoMatch"


class IgnoredFile(SuperConfigError):
    """Strict mode: discovery found a second candidate in one directory."""

    kind = "IgnoredFile"


class IgnoredKey(SuperConfigError):
    """Strict mode: a profiled layer has a top-level key that is not a profile."""

    kind = "IgnoredKey"


class KeyConflict(SuperConfigError):
    """Strict mode: two environment variables collide."""

    kind = "KeyConflict"


class ArrayOpOnNonArray(SuperConfigError):
    """Strict mode: ``X_add``/``X_remove`` applied to an ``X`` that is not an array."""

    kind = "ArrayOpOnNonArray"


class SourceUnavailable(SuperConfigError):
    """Strict mode: a source could not be read whole (an unreadable directory under a glob)."""

    kind = "SourceUnavailable"


class SuspiciousEnv(SuperConfigError):
    """Strict mode: an environment variable that looks like a mistake was skipped."""

    kind = "SuspiciousEnv"


class InternalError(SuperConfigError):
    """A bug in SuperConfig (a Rust panic caught at the boundary). Please report it."""

    kind = "InternalError"


def _kinds(cls: "type[SuperConfigError]") -> "list[type[SuperConfigError]]":
    """Every class below ``cls`` that names a kind of its own."""
    found = []
    for sub in cls.__subclasses__():
        if "kind" in vars(sub):
            found.append(sub)
        found.extend(_kinds(sub))
    return found


#: Kind name → class (the extension looks classes up here, once, and fails to import when one
#: of the core's kinds has no class).
BY_KIND: "dict[str, type[SuperConfigError]]" = {cls.kind: cls for cls in _kinds(SuperConfigError)}

# Shown (and pickled) as `superconfig.KeyNotFound`, the name users import.
for _cls in (SuperConfigError, *BY_KIND.values()):
    _cls.__module__ = "superconfig"
del _cls
