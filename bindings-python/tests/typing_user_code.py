"""User code that must type-check under `mypy --strict` (run by tests/test_typing.py)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import superconfig
from superconfig import KeyNotFound, SuperConfig, SuperConfigError, TypeMismatch
from superconfig.types import Explanation, FieldError, LayerInfo, Source, Stats, WarningInfo


@dataclasses.dataclass
class Pool:
    min_size: int
    max_size: int


def load(base: Path) -> SuperConfig:
    return (
        SuperConfig(strict=False)
        .with_defaults({"database": {"pool": {"min_size": 1, "max_size": 5}}})
        .with_file(base / "base.toml", required=False, format=None, profiles=False)
        .with_file("prod.yaml")
        .with_string("a = 1", "toml", name="inline", profiles=False)
        .with_env("APP_", separator="__", ignore_empty=True)
        .with_env_map({"APP_X": "1", "APP_Y": 2}, "APP_")
        .with_glob("conf.d/*.toml", base_dir=base)
        .with_hierarchical("myapp", system_dir="/etc", user_dir=None, start_dir=base)
        .select_profile("prod")
        .suppress_warnings(["NoMatch"])
    )


def service(base: Path) -> SuperConfig:
    return (
        SuperConfig(strict=False, secret_keys=["*dsn", "database.url"])
        .with_env("APP_", dotenv=base / ".env")
        .with_env("APP_", separator="__", ignore_empty=False, dotenv=".env.local")
        .with_env_aliases({"DATABASE_URL": "database.url"})
        .with_env_aliases({"PORT": "server.port"}, env={"PORT": "8080"})
        .with_secrets_dir("/run/secrets")
        .with_secrets_dir(base / "secrets", prefix="app_")
        .select_profile_from_env()
        .select_profile_from_env("STAGE", "dev", env={"STAGE": "prod"})
    )


def invalid_fields(cfg: SuperConfig) -> list[str]:
    try:
        cfg.extract(Pool)
    except TypeMismatch as exc:
        fields: list[FieldError] = exc.errors
        where: list[str] = []
        for field in fields:
            source: Source | None = field["source"]
            line: int | None = source["line"] if source is not None else None
            where.append(f"{field['key']}: {field['message']} ({line})")
        return where
    return []


def read(cfg: SuperConfig) -> int:
    port: int = cfg.get("database.port")
    host: str = cfg.get(["database", "host"], "localhost")
    assert isinstance(host, str)
    pool: Pool = cfg.extract(Pool, "database.pool")
    whole: dict[str, object] = cfg.extract()
    assert whole
    source: Source = cfg.source("database.port")
    line: int | None = source["line"]
    why: Explanation = cfg.explain("database.port")
    earlier: list[Source] = why["overridden"]
    warnings: list[WarningInfo] = cfg.warnings()
    layers: list[LayerInfo] = cfg.layers()
    stats: Stats = superconfig.stats()
    text: str = cfg.dump("yaml", redact=True)
    names: list[str] = cfg.keys() + cfg.keys("database") + cfg.profiles()
    profile: str = cfg.active_profile
    present: bool = "database.port" in cfg and cfg.has("database")
    for key in cfg:
        names.append(key)
    try:
        cfg["nope"]
    except KeyNotFound as exc:
        where: str | None = exc.key
        assert where is None or where
    except SuperConfigError as exc:
        kind: str = exc.kind
        file: str | None = exc.file
        assert kind and file is None
    assert line is None or line > 0
    assert earlier is not None and warnings is not None and layers is not None
    assert stats["handles"] >= 0 and text and profile and present and names
    return port + pool.max_size
