"""SuperConfig: one configuration engine (Rust core) for Python.

Layered configuration from defaults, files (TOML, YAML, JSON, dotenv), strings, environment
variables, globs and Git-style discovery, deep-merged with profiles and ``X_add``/``X_remove``
array operations; typed extraction into dataclasses, TypedDicts and pydantic models; and for every
value, where it came from::

    from superconfig import SuperConfig

    cfg = (
        SuperConfig()
        .with_defaults({"server": {"port": 8080}})
        .with_file("config.toml")
        .with_env("APP_")
    )
    cfg.get("server.port")           # 8080, or what config.toml / APP_SERVER__PORT says
    cfg.source("server.port")        # {'kind': 'env', 'name': 'APP_SERVER__PORT', 'line': None}

Record shapes (``Source``, ``Explanation``, ...) for type annotations are in ``superconfig.types``.
"""

from superconfig._errors import (
    ArrayOpOnNonArray,
    FileNotFound,
    IgnoredFile,
    IgnoredKey,
    InternalError,
    InvalidArgument,
    InvalidHandle,
    IoError,
    KeyConflict,
    KeyNotFound,
    NoMatch,
    ParseError,
    ProfileNotFound,
    SourceUnavailable,
    SuperConfigError,
    SuspiciousEnv,
    TypeMismatch,
)
from superconfig._live import Changed, KeyChange, ReloadEvent, ReloadFailed, Watcher
from superconfig._superconfig import SuperConfig, __version__, stats

__all__ = [
    "ArrayOpOnNonArray",
    "Changed",
    "FileNotFound",
    "IgnoredFile",
    "IgnoredKey",
    "InternalError",
    "InvalidArgument",
    "InvalidHandle",
    "IoError",
    "KeyChange",
    "KeyConflict",
    "KeyNotFound",
    "NoMatch",
    "ParseError",
    "ProfileNotFound",
    "ReloadEvent",
    "ReloadFailed",
    "SourceUnavailable",
    "SuperConfig",
    "SuperConfigError",
    "SuspiciousEnv",
    "TypeMismatch",
    "Watcher",
    "__version__",
    "stats",
]
