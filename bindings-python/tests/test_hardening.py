"""Hostile or careless input through the Python face: typed errors, nothing printed, no hang,
and the GIL released while files are read."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import superconfig
from superconfig import SuperConfig


def test_a_fifo_is_an_io_error_not_a_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "p.toml"
    os.mkfifo(fifo)
    with pytest.raises(superconfig.IoError) as info:
        SuperConfig().with_file(str(fifo))
    assert info.value.file == str(fifo)
    assert "FIFO" in str(info.value)


def test_a_device_is_an_io_error_before_any_read() -> None:
    with pytest.raises(superconfig.IoError):
        SuperConfig().with_file("/dev/zero")


def test_a_lone_surrogate_is_invalid_argument() -> None:
    bad = "caf\udce9"
    calls: list[Callable[[], object]] = [
        lambda: SuperConfig().with_defaults({"name": bad}),
        lambda: SuperConfig().with_defaults({bad: 1}),
        lambda: SuperConfig().with_env_map({"APP_X": bad}, "APP_"),
        lambda: SuperConfig().with_string(f"a = '{bad}'", "toml"),
    ]
    for call in calls:
        with pytest.raises(superconfig.InvalidArgument):
            call()


class _Mutating:
    """A path-like whose ``__fspath__`` changes the dict being converted."""

    def __init__(self, owner: dict[str, object]) -> None:
        self.owner = owner

    def __fspath__(self) -> str:
        for i in range(100):
            self.owner[f"added{i}"] = i
        return "/some/path"


def test_a_dict_changed_during_conversion_is_no_panic() -> None:
    defaults: dict[str, object] = {"a": 1}
    defaults["path"] = _Mutating(defaults)
    cfg = SuperConfig().with_defaults(defaults)
    # The dict as it was when the call began.
    assert cfg.extract() == {"a": 1, "path": "/some/path"}


def test_a_caught_panic_prints_nothing() -> None:
    code = (
        "import superconfig, superconfig._superconfig as native\n"
        "try:\n"
        "    native._raise_panic('boom')\n"
        "except superconfig.InternalError as e:\n"
        "    print('raised', 'boom' in str(e))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "raised True"
    assert done.stderr == ""


def test_discovery_reads_files_without_the_gil(tmp_path: Path) -> None:
    # A deep start directory: each call stats many candidate files. Another thread that only
    # needs the GIL for a moment must get it while the calls run. With a long switch interval
    # the interpreter never takes the GIL away from the caller on its own, so the other thread
    # runs during the calls only if the calls release it.
    deep = tmp_path.joinpath(*["d"] * 150)
    deep.mkdir(parents=True)
    stamps: list[float] = []
    stop = threading.Event()

    def ticker() -> None:
        while not stop.is_set():
            time.sleep(0.0002)
            stamps.append(time.perf_counter())

    old = sys.getswitchinterval()
    sys.setswitchinterval(1.0)
    thread = threading.Thread(target=ticker)
    thread.start()
    try:
        time.sleep(0.01)
        start = time.perf_counter()
        for _ in range(20):
            SuperConfig().with_hierarchical(
                "myapp",
                system_dir=str(tmp_path / "etc"),
                user_dir=str(tmp_path / "home"),
                start_dir=str(deep),
                stop_dir=str(tmp_path),
            )
        end = time.perf_counter()
    finally:
        stop.set()
        thread.join()
        sys.setswitchinterval(old)
    during = [t for t in stamps if start < t < end]
    assert len(during) >= 3, f"the other thread ran {len(during)} times in {end - start:.3f} s"


def test_max_file_bytes_limits_every_file_read(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('a = "0123456789"\n')
    with pytest.raises(superconfig.IoError) as info:
        SuperConfig(max_file_bytes=8).with_file(str(path))
    assert "limit of 8 bytes" in str(info.value)
    with pytest.raises(superconfig.IoError):
        SuperConfig(max_file_bytes=8).with_glob("*.toml", base_dir=str(tmp_path))
    assert SuperConfig().with_file(str(path)).get("a") == "0123456789"
