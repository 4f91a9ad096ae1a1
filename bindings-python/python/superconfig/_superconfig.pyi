from collections.abc import Callable, Iterator, Mapping, Sequence
from os import PathLike
from typing import Any, TypeVar, final, overload

from superconfig._errors import TypeMismatch
from superconfig._live import Changed, ReloadEvent, Watcher
from superconfig.types import (
    DumpFormat,
    Explanation,
    FormatName,
    LayerInfo,
    Source,
    Stats,
    WarningInfo,
)

_T = TypeVar("_T")
_KeyPath = str | Sequence[str | int]
_StrPath = str | PathLike[str]

__all__ = [
    "DUMP_FORMATS",
    "ERROR_KINDS",
    "EVENT_KINDS",
    "FORMAT_EXTENSIONS",
    "FORMAT_NAMES",
    "LAYER_STATUSES",
    "SOURCE_KINDS",
    "WARNING_KINDS",
    "NativeWatcher",
    "SuperConfig",
    "__version__",
    "_raise_panic",
    "stats",
]
__version__: str
ERROR_KINDS: tuple[str, ...]
WARNING_KINDS: tuple[str, ...]
FORMAT_NAMES: tuple[str, ...]
FORMAT_EXTENSIONS: list[tuple[str, str]]
DUMP_FORMATS: tuple[str, ...]
SOURCE_KINDS: tuple[str, ...]
LAYER_STATUSES: tuple[str, ...]
EVENT_KINDS: tuple[str, ...]

@final
class SuperConfig:
    """A layered configuration; builder methods return a new ``SuperConfig``."""

    def __new__(
        cls,
        strict: bool = False,
        *,
        max_file_bytes: int | None = None,
        secret_keys: Sequence[str] | None = None,
    ) -> SuperConfig: ...
    # ----- layers ------------------------------------------------------------------------------
    def with_defaults(self, defaults: Mapping[str, Any]) -> SuperConfig: ...
    def with_file(
        self,
        path: _StrPath,
        *,
        required: bool = False,
        format: FormatName | None = None,
        profiles: bool = False,
    ) -> SuperConfig: ...
    def with_string(
        self, text: str, format: FormatName, *, name: str | None = None, profiles: bool = False
    ) -> SuperConfig: ...
    def with_env(
        self,
        prefix: str,
        *,
        separator: str = "__",
        ignore_empty: bool = False,
        dotenv: _StrPath | None = None,
    ) -> SuperConfig:
        """Adds the process environment's variables starting with ``prefix``; with ``dotenv`` (a
        path), that file's variables first, as a layer of their own, under the same rules."""
    def with_env_map(
        self,
        mapping: Mapping[str, str | int | float | bool],
        prefix: str,
        *,
        separator: str = "__",
        ignore_empty: bool = False,
    ) -> SuperConfig: ...
    def with_env_aliases(
        self, aliases: Mapping[str, str], *, env: Mapping[str, str] | None = None
    ) -> SuperConfig:
        """Adds unprefixed variables mapped to key paths (``{"PORT": "server.port"}``), typed as
        environment values; ``env`` replaces the process environment."""
    def with_secrets_dir(self, path: _StrPath, *, prefix: str = "") -> SuperConfig:
        """Adds one value per file of a secrets directory (Docker/Kubernetes): key path = the file
        name after ``prefix``, lower-cased, ``__`` nesting; always redacted."""
    def with_glob(self, pattern: str, *, base_dir: _StrPath | None = None) -> SuperConfig: ...
    def with_hierarchical(
        self,
        app: str,
        *,
        system_dir: _StrPath | None = None,
        user_dir: _StrPath | None = None,
        start_dir: _StrPath | None = None,
        stop_dir: _StrPath | None = None,
    ) -> SuperConfig: ...
    def select_profile(self, name: str) -> SuperConfig: ...
    def select_profile_from_env(
        self,
        var: str = "APP_ENV",
        default: str = "default",
        *,
        env: Mapping[str, str] | None = None,
    ) -> SuperConfig:
        """Activates the profile named by the variable ``var`` (``default`` when unset or empty);
        ``env`` replaces the process environment."""
    def suppress_warnings(self, patterns: str | Sequence[str]) -> SuperConfig: ...
    # ----- reading -----------------------------------------------------------------------------
    @overload
    def get(self, path: _KeyPath) -> Any: ...
    @overload
    def get(self, path: _KeyPath, default: Any) -> Any: ...
    def __getitem__(self, path: _KeyPath, /) -> Any: ...
    def __contains__(self, path: object, /) -> bool: ...
    def __iter__(self) -> Iterator[str]: ...
    def has(self, path: _KeyPath) -> bool: ...
    def keys(self, path: _KeyPath | None = None) -> list[str]: ...
    @overload
    def extract(self, target: _KeyPath | None = None) -> Any: ...
    @overload
    def extract(self, target: type[_T], path: _KeyPath | None = None) -> _T: ...
    def source(self, path: _KeyPath) -> Source: ...
    def explain(self, path: _KeyPath) -> Explanation: ...
    def dump(self, format: DumpFormat = "json", redact: bool = True) -> str: ...
    def warnings(self) -> list[WarningInfo]: ...
    def layers(self) -> list[LayerInfo]: ...
    def profiles(self) -> list[str]: ...
    @property
    def active_profile(self) -> str: ...
    @property
    def strict(self) -> bool: ...
    @property
    def handle(self) -> int: ...
    # ----- for superconfig._extract ------------------------------------------------------------
    def _texts(self, path: str | list[str] | None = None) -> list[tuple[list[str], str]]: ...
    def _type_mismatch(self, fields: list[tuple[list[str], str]]) -> TypeMismatch: ...
    def __copy__(self) -> SuperConfig: ...
    def __deepcopy__(self, memo: Any, /) -> SuperConfig: ...
    # Live configuration (superconfig._live).
    @property
    def version(self) -> int: ...
    def reload(self) -> Changed | None: ...
    def update_string(self, name: str, text: str) -> Changed | None: ...
    def snapshot(self) -> SuperConfig: ...
    def watch(
        self,
        on_change: Callable[[ReloadEvent], object] | None = None,
        *,
        debounce_ms: int = 150,
        poll_ms: int | None = None,
    ) -> Watcher: ...

@final
class NativeWatcher:
    def recv(self, timeout: float | None = None) -> ReloadEvent | None: ...
    def close(self) -> None: ...
    @property
    def closed(self) -> bool: ...

def stats() -> Stats: ...
def _raise_panic(message: str) -> None: ...
