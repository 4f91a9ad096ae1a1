"""Live configuration (docs/behaviour.md, "Reload"): reload, events, and the watcher with real
files and real OS events, for every way a file is changed in practice."""

from __future__ import annotations

import asyncio
import logging
import os
import queue
import threading
import time
from pathlib import Path

import pytest
import superconfig
from superconfig import Changed, KeyChange, ReloadEvent, ReloadFailed, SuperConfig

DEBOUNCE = 50
WAIT = 10.0  # seconds: long enough on a loaded 2-core machine
QUIET = 0.6  # seconds watched for "nothing happens"


def save(path: Path, text: str) -> None:
    """As editors save: a temporary file renamed over the old one."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


class Events:
    """Collects a watcher's events (the on_change callback) for the test thread."""

    def __init__(self) -> None:
        self.q: queue.Queue[ReloadEvent] = queue.Queue()
        self.threads: set[str] = set()

    def __call__(self, event: ReloadEvent) -> None:
        self.threads.add(threading.current_thread().name)
        self.q.put(event)

    def next(self) -> ReloadEvent:
        return self.q.get(timeout=WAIT)

    def changed(self) -> Changed:
        event = self.next()
        assert isinstance(event, Changed), event
        return event

    def quiet(self) -> None:
        with pytest.raises(queue.Empty):
            event = self.q.get(timeout=QUIET)
            print("unexpected", event)


def paths(items: list[KeyChange]) -> list[str]:
    return [c.path for c in items]


def test_reload_reports_the_diff_with_sources_and_redacted_values(tmp_path: Path) -> None:
    file = tmp_path / "app.toml"
    save(file, 'port = 80\npassword = "old-pw"\n[old]\nx = 1\n')
    cfg = SuperConfig().with_file(file)
    assert cfg.version == 0
    assert cfg.reload() is None
    save(file, 'port = 8080\npassword = "new-pw"\n[new]\ny = [1, 2]\n')
    change = cfg.reload()
    assert isinstance(change, Changed) and change.kind == "Changed"
    assert (change.version, cfg.version) == (1, 1)
    assert paths(change.changed) == ["port", "password"]
    assert paths(change.removed) == ["old.x"] and paths(change.added) == ["new.y"]
    port = change.changed[0]
    assert (port.old, port.new) == (80, 8080)
    assert port.new_source == {"kind": "file", "name": str(file), "line": 1}
    assert (change.changed[1].old, change.changed[1].new) == ("***", "***")
    assert "pw" not in repr(change)
    assert cfg.get("port") == 8080


def test_a_broken_input_raises_and_keeps_the_last_good_tree(tmp_path: Path) -> None:
    file = tmp_path / "app.yaml"
    save(file, "port: 1\n")
    cfg = SuperConfig().with_file(file)
    save(file, "port: 2\nhosts: [a\n")
    with pytest.raises(superconfig.ParseError) as info:
        cfg.reload()
    assert info.value.file is not None and info.value.file.endswith("app.yaml")
    assert info.value.line is not None
    assert (cfg.get("port"), cfg.version) == (1, 0)


def test_update_string_snapshot_and_copy() -> None:
    import copy

    cfg = SuperConfig().with_string("v = 1", "toml", name="s")
    first = cfg.update_string("s", "v = 2")
    assert first is not None and first.changed[0].new == 2
    snap = cfg.snapshot()
    assert copy.copy(cfg).get("v") == 2
    assert cfg.update_string("s", "v = 2 # same") is None
    cfg.update_string("s", "v = 3")
    assert (snap.get("v"), snap.version, cfg.version) == (2, 1, 2)
    assert cfg.with_string("w = 1", "toml").version == 0
    with pytest.raises(superconfig.InvalidArgument):
        cfg.update_string("nope", "v = 1")


def test_every_change_route_reaches_on_change_on_one_background_thread(tmp_path: Path) -> None:
    file = tmp_path / "app.toml"
    file.write_text("port = 1\n")
    cfg = SuperConfig().with_file(file)
    events = Events()
    with cfg.watch(events, debounce_ms=DEBOUNCE) as watcher:
        file.write_text("port = 2\n")  # in place
        assert events.changed().version == 1 and cfg.get("port") == 2
        save(file, "port = 3\n")  # rename over
        assert events.changed().version == 2 and cfg.get("port") == 3
        file.unlink()  # deleted: a missing layer, watching goes on
        assert paths(events.changed().removed) == ["port"]
        file.write_text("port = 4\n")
        assert paths(events.changed().added) == ["port"] and cfg.get("port") == 4
        # touch and the same bytes: nothing to apply
        file.write_text("port = 4\n")
        os.utime(file)
        events.quiet()
        assert not watcher.closed
    assert watcher.closed
    assert events.threads == {"superconfig-watch"}


def test_a_configmap_symlink_swap_is_seen(tmp_path: Path) -> None:
    (tmp_path / "..v1").mkdir()
    (tmp_path / "..v1" / "app.toml").write_text("port = 1\n")
    os.symlink("..v1", tmp_path / "..data")
    os.symlink("..data/app.toml", tmp_path / "app.toml")
    cfg = SuperConfig().with_file(tmp_path / "app.toml")
    events = Events()
    with cfg.watch(events, debounce_ms=DEBOUNCE):
        (tmp_path / "..v2").mkdir()
        (tmp_path / "..v2" / "app.toml").write_text("port = 2\n")
        os.symlink("..v2", tmp_path / "..data_tmp")
        os.replace(tmp_path / "..data_tmp", tmp_path / "..data")
        assert paths(events.changed().changed) == ["port"]
        assert cfg.get("port") == 2


def test_a_burst_of_fifty_saves_is_one_reload(tmp_path: Path) -> None:
    file = tmp_path / "app.toml"
    file.write_text("port = 0\n")
    cfg = SuperConfig().with_file(file)
    events = Events()
    with cfg.watch(events, debounce_ms=300):
        for i in range(1, 51):
            save(file, f"port = {i}\n")
        assert events.changed().version == 1
        events.quiet()
    assert cfg.get("port") == 50


def test_a_broken_save_is_reload_failed_then_a_good_one_applies(tmp_path: Path) -> None:
    file = tmp_path / "app.toml"
    file.write_text("port = 1\n")
    cfg = SuperConfig().with_file(file)
    events = Events()
    with cfg.watch(events, debounce_ms=DEBOUNCE):
        save(file, "port = 2\nname = \n")
        failed = events.next()
        assert isinstance(failed, ReloadFailed) and failed.kind == "ReloadFailed"
        assert isinstance(failed.error, superconfig.ParseError)
        assert failed.error.line == 2 and str(file) in str(failed.error)
        assert failed.version == 0 and cfg.get("port") == 1
        save(file, "port = 3\n")
        assert events.changed().version == 1 and cfg.get("port") == 3


def test_truncate_then_write_never_exposes_an_empty_or_partial_tree(tmp_path: Path) -> None:
    file = tmp_path / "app.toml"
    file.write_text("a = 0\nb = 0\n")
    cfg = SuperConfig().with_file(file)
    seen: list[object] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            pair = cfg.extract()
            if len(pair) != 2 or pair["a"] != pair["b"]:
                seen.append(pair)
            time.sleep(0.0002)  # a reader, not a GIL hog that starves the writer

    reader = threading.Thread(target=read)
    events = Events()
    with cfg.watch(events, debounce_ms=20):
        reader.start()
        for i in range(1, 201):
            with open(file, "w") as handle:  # truncates
                if i % 3 == 0:
                    time.sleep(0.003)
                handle.write(f"a = {i}\nb = {i}\n")
            time.sleep((i * 7 % 40) / 1000)
        deadline = time.monotonic() + WAIT
        while cfg.get("a") != 200 and time.monotonic() < deadline:
            time.sleep(0.01)
        stop.set()
        reader.join()
    assert seen == []
    applied = []
    while not events.q.empty():
        event = events.q.get()
        assert isinstance(event, Changed) and not event.removed, event
        applied.append(event)
    assert applied and cfg.get("b") == 200


def test_a_callback_that_raises_is_logged_and_watching_goes_on(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    file = tmp_path / "app.toml"
    file.write_text("port = 1\n")
    cfg = SuperConfig().with_file(file)
    events = Events()

    def boom(event: ReloadEvent) -> None:
        raise RuntimeError("callback failure")

    with (
        caplog.at_level(logging.ERROR, logger="superconfig"),
        cfg.watch(boom, debounce_ms=DEBOUNCE) as watcher,
    ):
        watcher.add_callback(events)
        save(file, "port = 2\n")
        assert events.changed().version == 1
        save(file, "port = 3\n")
        assert events.changed().version == 2
    assert "callback failure" in caplog.text


def test_async_for_receives_events_in_the_event_loop(tmp_path: Path) -> None:
    file = tmp_path / "app.toml"
    file.write_text("port = 1\n")
    cfg = SuperConfig().with_file(file)

    async def main() -> list[int]:
        got: list[int] = []
        loop_thread = threading.current_thread()
        with cfg.watch(debounce_ms=DEBOUNCE) as watcher:

            async def edit() -> None:
                await asyncio.sleep(0.2)
                save(file, "port = 2\n")

            task = asyncio.create_task(edit())
            async for event in watcher.changes():
                assert threading.current_thread() is loop_thread
                assert isinstance(event, Changed)
                got.append(event.version)
                if len(got) == 1:
                    save(file, "port = 3\n")
                else:
                    watcher.close()  # the loop ends
            await task
        return got

    assert asyncio.run(main()) == [1, 2]


def test_threads_never_read_a_mixed_pair_while_the_main_thread_reloads() -> None:
    cfg = SuperConfig().with_string("[pair]\na = 0\nb = 0\n", "toml", name="pair")
    stop = threading.Event()
    bad: list[object] = []
    reads = [0, 0]

    def read(i: int) -> None:
        while not stop.is_set():
            pair = cfg.get("pair")
            if pair["a"] != pair["b"]:
                bad.append(pair)
            reads[i] += 1

    readers = [threading.Thread(target=read, args=(i,)) for i in range(2)]
    for r in readers:
        r.start()
    for n in range(1, 1001):
        assert cfg.update_string("pair", f"[pair]\na = {n}\nb = {n}\n") is not None
    stop.set()
    for r in readers:
        r.join()
    assert bad == [] and cfg.version == 1000 and min(reads) > 0


def _counts() -> tuple[int, int]:
    return len(os.listdir("/proc/self/task")), len(os.listdir("/proc/self/fd"))


def test_ten_thousand_watch_close_cycles_leave_no_thread_and_no_descriptor(
    tmp_path: Path,
) -> None:
    file = tmp_path / "app.toml"
    file.write_text("port = 1\n")
    cfg = SuperConfig().with_file(file)

    def settle(limit: tuple[int, int]) -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            threads, fds = _counts()
            if threads <= limit[0] and fds <= limit[1]:
                return
            time.sleep(0.005)

    before = _counts()
    handles = superconfig.stats()["handles"]
    python_threads = threading.active_count()
    for i in range(10_000):
        with cfg.watch():
            pass
        if i % 20 == 19:
            settle(before)  # the OS watcher's own threads end just after closing
    settle(before)
    assert _counts() <= before
    assert superconfig.stats()["handles"] == handles
    assert threading.active_count() <= python_threads


def test_a_watcher_nothing_refers_to_is_collected_and_stops(tmp_path: Path) -> None:
    import gc

    file = tmp_path / "app.toml"
    file.write_text("port = 1\n")
    cfg = SuperConfig().with_file(file)
    seen: list[ReloadEvent] = []
    cfg.watch(seen.append, debounce_ms=DEBOUNCE)  # not kept
    gc.collect()
    deadline = time.monotonic() + WAIT
    while any(t.name == "superconfig-watch" for t in threading.enumerate()):
        assert time.monotonic() < deadline, "the watcher's thread goes on"
        time.sleep(0.01)
    save(file, "port = 2\n")
    time.sleep(QUIET)
    assert seen == [] and cfg.version == 0


def test_recv_refuses_a_timeout_that_is_not_a_number_of_seconds(tmp_path: Path) -> None:
    file = tmp_path / "app.toml"
    file.write_text("port = 1\n")
    with SuperConfig().with_file(file).watch() as watcher:
        for bad in (float("nan"), float("inf"), -1.0):
            with pytest.raises(superconfig.InvalidArgument):
                watcher._native.recv(bad)
