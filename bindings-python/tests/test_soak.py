"""Soak (hardening): 10^5 create/read/drop cycles leave the handle count where it started and the
resident set within 10 % of its size after the first 10^4 cycles.

A cycle builds a configuration from three layers (defaults, a TOML string, an env map with
secret-looking keys), reads it every way (get, has, ``in``, extract, source, explain, dump) and
drops it. The figures are printed even without ``-s``:

    .nox/python/bin/python -m pytest bindings-python/tests/test_soak.py -s
"""

from __future__ import annotations

import gc
import json
import sys
import time
from typing import Any

import pytest
import superconfig
from superconfig import SuperConfig

CYCLES = 100_000
WARMUP = 10_000  # the RSS reference is taken after this many cycles
RSS_BOUND = 1.10

TOML = """\
[server]
host = "0.0.0.0"
workers = 4

[database]
host = "db.internal"
password = "toml-password"

[database.pool]
min_size = 2
max_size = 16

[auth]
client_secret = "toml-client-secret"
"""

DEFAULTS: dict[str, Any] = {
    "server": {"port": 8080, "host": "localhost", "workers": 1},
    "database": {"host": "localhost", "port": 5432, "pool": {"min_size": 1, "max_size": 4}},
    "auth": {"api_key": "default-api-key", "issuer": "https://auth.example"},
    "features": ["a", "b", "c"],
}


def vm_rss_bytes() -> int:
    """VmRSS of this process, from /proc/self/status."""
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS line in /proc/self/status")


def one_cycle(i: int) -> None:
    """Create, read, drop: the object (and every builder intermediate) goes out of scope here."""
    env = {
        "APP_SERVER__PORT": str(9000 + i % 1000),
        "APP_DATABASE__PASSWORD": f"env-password-{i}",
        "APP_AUTH__TOKEN": f"token-{i:08d}",
        "APP_CYCLE": str(i),
    }
    cfg = (
        SuperConfig()
        .with_defaults(DEFAULTS)
        .with_string(TOML, "toml", name="soak.toml")
        .with_env_map(env, "APP_")
    )
    assert cfg.get("server.port") == 9000 + i % 1000
    assert cfg.get("cycle") == i
    assert cfg.get("database.pool.max_size") == 16
    assert cfg.get("missing.key", None) is None
    assert cfg.has("auth.client_secret")
    assert "database.password" in cfg
    assert not cfg.has("server.tls")
    tree = cfg.extract()
    assert tree["database"]["password"] == f"env-password-{i}"  # extract is not redacted
    assert cfg.extract("database.pool") == {"min_size": 2, "max_size": 16}
    assert cfg.source("database.password")["name"] == "APP_DATABASE__PASSWORD"
    assert cfg.source("database.pool.max_size")["line"] == 11
    explained = cfg.explain("database.password")
    assert explained["value"] == "***"
    assert len(explained["overridden"]) == 1  # the TOML value (defaults have no password)
    dumped = cfg.dump("json")
    assert f"env-password-{i}" not in dumped
    assert json.loads(dumped)["auth"]["token"] == "***"
    assert "toml-client-secret" not in cfg.dump("toml")
    del cfg, tree, explained, dumped


def run(start: int, stop: int) -> float:
    """Cycles ``start..stop``; returns the seconds taken."""
    t0 = time.perf_counter()
    for i in range(start, stop):
        one_cycle(i)
    return time.perf_counter() - t0


def test_soak_100k_cycles_handles_and_rss_flat(capsys: pytest.CaptureFixture[str]) -> None:
    gc.collect()
    start = superconfig.stats()
    handles_start = start["handles"]
    rss_start = vm_rss_bytes()

    warm_s = run(0, WARMUP)
    gc.collect()
    mid = superconfig.stats()
    rss_mid = vm_rss_bytes()

    rest_s = run(WARMUP, CYCLES)
    gc.collect()
    end = superconfig.stats()
    rss_end = vm_rss_bytes()

    total_s = warm_s + rest_s
    mib = 1024 * 1024
    lines = [
        f"soak (python {sys.version.split()[0]}): {CYCLES} cycles in {total_s:.2f} s "
        f"= {CYCLES / total_s:,.0f} cycles/s",
        f"  handles: start {handles_start}, after {WARMUP} {mid['handles']}, end {end['handles']}"
        f" (creates +{end['creates'] - start['creates']}, "
        f"deletes +{end['deletes'] - start['deletes']})",
        f"  VmRSS:   start {rss_start / mib:.1f} MiB, after {WARMUP} {rss_mid / mib:.1f} MiB, "
        f"end {rss_end / mib:.1f} MiB (end/after-{WARMUP} = {rss_end / rss_mid:.3f}, "
        f"bound {RSS_BOUND})",
        f"  core memory_bytes: after {WARMUP} {mid['memory_bytes']}, end {end['memory_bytes']}",
    ]
    with capsys.disabled():
        print("\n" + "\n".join(lines))

    assert end["handles"] == handles_start, lines[1]
    assert rss_end <= RSS_BOUND * rss_mid, lines[2]
