"""Handles (docs/behaviour.md, "Handles"): every object frees its handle; memory stays flat;
threads share objects."""

from __future__ import annotations

import gc
import logging
import os
import threading

import superconfig
from superconfig import SuperConfig


def rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def churn(n: int) -> None:
    for i in range(n):
        cfg = SuperConfig().with_defaults({"i": i, "nested": {"list": [1, 2, 3], "s": "x" * 20}})
        assert cfg.get("i") == i


def test_100k_configs_free_their_handles_and_memory_stays_flat():
    gc.collect()
    churn(5_000)  # warm up allocator pools and caches
    gc.collect()
    handles_before = superconfig.stats()["handles"]
    bytes_before = superconfig.stats()["memory_bytes"]
    rss_before = rss_bytes()
    churn(100_000)
    gc.collect()
    after = superconfig.stats()
    assert after["handles"] == handles_before
    assert after["memory_bytes"] == bytes_before
    growth = rss_bytes() - rss_before
    # 200 000 handles were created; a leak of even 100 bytes each would be 20 MB.
    assert growth < 8 * 1024 * 1024, f"RSS grew by {growth} bytes"


def test_deleting_objects_decrements_handles():
    before = superconfig.stats()["handles"]
    configs = [SuperConfig() for _ in range(100)]
    assert superconfig.stats()["handles"] == before + 100
    del configs
    gc.collect()
    assert superconfig.stats()["handles"] == before


def test_builder_chain_keeps_only_live_objects():
    before = superconfig.stats()
    cfg = SuperConfig().with_defaults({"a": 1}).with_defaults({"b": 2}).select_profile("x")
    mid = superconfig.stats()
    assert mid["handles"] == before["handles"] + 1  # the intermediates are gone already
    assert mid["creates"] == before["creates"] + 4
    del cfg
    assert superconfig.stats()["handles"] == before["handles"]


def test_weakref_and_gc():
    import weakref

    cfg = SuperConfig()
    ref = weakref.ref(cfg)
    assert ref() is cfg
    del cfg
    gc.collect()
    assert ref() is None


def test_readers_and_builders_on_threads(fixture_dir, fixture_env):
    """8 threads read one shared config while 4 others build new ones from it."""
    shared = (
        SuperConfig()
        .with_file(fixture_dir / "base.toml")
        .with_file(fixture_dir / "prod.yaml")
        .with_env_map(fixture_env, "APP_")
    )
    expected = shared.extract()
    errors: list[BaseException] = []
    start = threading.Barrier(12)

    def reader() -> None:
        try:
            start.wait()
            for _ in range(3_000):
                assert shared.get("database.pool.max_size") == 64
                assert shared["server.workers"] == 16
                assert "database.host" in shared
            assert shared.extract() == expected
        except BaseException as exc:
            errors.append(exc)

    def builder(n: int) -> None:
        try:
            start.wait()
            for i in range(300):
                cfg = shared.with_file(fixture_dir / "prod.yaml")  # sets max_size back to 50
                cfg = cfg.with_defaults({"n": n}).with_env_map({"APP_X": str(i)}, "APP_")
                assert cfg.get("x") == i
                assert cfg.get("n") == n
                assert cfg.get("database.pool.max_size") == 50
                assert cfg.source("x")["name"] == "APP_X"
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(8)]
    threads += [threading.Thread(target=builder, args=(n,)) for n in range(4)]
    handles_before = superconfig.stats()["handles"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    gc.collect()
    assert superconfig.stats()["handles"] == handles_before


def test_threads_with_debug_logging(fixture_dir, caplog):
    """Records logged from threads that released the GIL (file loads) re-attach to reach
    `logging` while other threads read: no deadlock, every record arrives."""
    shared = SuperConfig().with_file(fixture_dir / "base.toml")
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(200):
                cfg = shared.with_file(fixture_dir / "prod.yaml").with_file("missing.toml")
                assert cfg.get("database.pool.max_size") == 50
                assert shared.get("server.port") == 8080
        except BaseException as exc:
            errors.append(exc)

    with caplog.at_level(logging.DEBUG, logger="superconfig"):
        threads = [threading.Thread(target=work) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert errors == []
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 6 * 200  # one FileNotFound per missing.toml layer
