#!/usr/bin/env python3
"""Benchmarks of the Python binding on the shared fixture, beside native and Python peers.

    python benches/bench_python.py OUT.json [--fixture DIR] [--rounds N] [--quick]
                                            [--no-native] [--no-peers]

Measured in one run, on shared/bench-fixture (defaults.json + base.toml + prod.yaml +
env.json's 10 variables, prefix APP_, "__" nesting):

- superconfig: ``get("database.pool.max_size")`` (and ``cfg[...]``, ``get`` with a default,
  ``has``), the full layered load (``with_defaults(dict)``, two ``with_file``, ``with_env``),
  ``extract()`` of the merged tree, and ``import superconfig`` (fresh subprocesses: median of
  ``python -c "import superconfig"`` minus median of ``python -c pass``, interleaved).
- native: the same operations straight on the core crate (``benches/bench_native.rs``, built
  with cargo if needed).
- peers: stdlib (tomllib/tomli + PyYAML CSafeLoader + json + a recursive dict merge + an env
  overlay), dynaconf, pydantic-settings and OmegaConf, each loading the same layers and reading
  the same key, when installed.

Every figure is a median over rounds (each round: the mean of a batch of calls), in
nanoseconds (``*_ns``) or microseconds (``*_us``). No figure is asserted; this is a report.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import timeit
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
CRATE = HERE.parent
KEY = "database.pool.max_size"


def default_fixture() -> Path:
    """$SUPERCONFIG_BENCH_FIXTURE, else shared/bench-fixture beside the checkout."""
    explicit = os.environ.get("SUPERCONFIG_BENCH_FIXTURE")
    return Path(explicit) if explicit else CRATE.parent.parent / "shared" / "bench-fixture"


def median_per_call(stmt: str | Callable[[], Any], number: int, rounds: int, **names: Any) -> float:
    """Median over ``rounds`` of the mean seconds per call of ``stmt`` run ``number`` times."""
    timer = timeit.Timer(stmt, globals=names)
    timer.timeit(max(1, number // 10))  # warm-up
    return statistics.median(t / number for t in timer.repeat(repeat=rounds, number=number))


class Fixture:
    def __init__(self, directory: Path) -> None:
        self.dir = directory
        self.defaults_path = directory / "defaults.json"
        self.base = directory / "base.toml"
        self.prod = directory / "prod.yaml"
        self.defaults = json.loads(self.defaults_path.read_text())
        self.env: dict[str, str] = json.loads((directory / "env.json").read_text())
        self.expected = json.loads((directory / "expected.json").read_text())


# ----- superconfig ----------------------------------------------------------------------------


def bench_superconfig(fx: Fixture, rounds: int, scale: float) -> dict[str, Any]:
    from superconfig import SuperConfig

    base, prod, defaults = str(fx.base), str(fx.prod), fx.defaults

    def load() -> SuperConfig:
        return (
            SuperConfig().with_defaults(defaults).with_file(base).with_file(prod).with_env("APP_")
        )

    def load_env_map() -> SuperConfig:
        return (
            SuperConfig()
            .with_defaults(defaults)
            .with_file(base)
            .with_file(prod)
            .with_env_map(fx.env, "APP_")
        )

    cfg = load()
    assert cfg.extract() == fx.expected, "the layered load does not give expected.json"
    n_fast, n_load, n_extract = int(200_000 * scale), int(400 * scale), int(20_000 * scale)
    return {
        "get_ns": median_per_call("g(k)", n_fast, rounds, g=cfg.get, k=KEY) * 1e9,
        "get_default_ns": median_per_call("g(k, 0)", n_fast, rounds, g=cfg.get, k=KEY) * 1e9,
        "getitem_ns": median_per_call("c[k]", n_fast, rounds, c=cfg, k=KEY) * 1e9,
        "has_ns": median_per_call("h(k)", n_fast, rounds, h=cfg.has, k=KEY) * 1e9,
        "get_segments_ns": median_per_call(
            "g(k)", n_fast, rounds, g=cfg.get, k=["database", "pool", "max_size"]
        )
        * 1e9,
        "method_floor_ns": median_per_call("c.handle", n_fast, rounds, c=cfg) * 1e9,
        "empty_loop_ns": median_per_call("pass", n_fast, rounds) * 1e9,
        "load_us": median_per_call(load, n_load, rounds) * 1e6,
        "load_env_map_us": median_per_call(load_env_map, n_load, rounds) * 1e6,
        "extract_us": median_per_call(cfg.extract, n_extract, rounds) * 1e6,
    }


def bench_live(fx: Fixture, rounds: int, scale: float) -> dict[str, Any]:
    """Live configuration (docs/behaviour.md, "Reload"): a reload of the fixture next to its
    load, ``get`` while a watcher runs next to ``get``, and a file save until ``on_change`` runs
    (median of 100 saves, debounce 150 ms)."""
    import queue
    import tempfile

    from superconfig import SuperConfig

    def load() -> SuperConfig:
        return (
            SuperConfig()
            .with_defaults(fx.defaults)
            .with_file(str(fx.base))
            .with_file(str(fx.prod))
            .with_env_map(fx.env, "APP_")
        )

    cfg, watched = load(), load()
    assert cfg.reload() is None
    n_fast, n_load = int(200_000 * scale), int(400 * scale)
    out: dict[str, Any] = {
        "load_us": median_per_call(load, n_load, rounds) * 1e6,
        "reload_us": median_per_call(cfg.reload, n_load, rounds) * 1e6,
        "get_ns": median_per_call("g(k)", n_fast, rounds, g=cfg.get, k=KEY) * 1e9,
    }
    with watched.watch():
        out["get_watched_ns"] = median_per_call("g(k)", n_fast, rounds, g=watched.get, k=KEY) * 1e9
    with tempfile.TemporaryDirectory() as tmp:
        file = Path(tmp) / "app.toml"
        file.write_text("port = 0\n")
        arrived: queue.Queue[float] = queue.Queue()
        latencies = []
        with (
            SuperConfig()
            .with_file(file)
            .watch(lambda _event: arrived.put(time.perf_counter()), debounce_ms=150)
        ):
            for i in range(1, 101):
                spare = Path(tmp) / ".app.toml.tmp"
                spare.write_text(f"port = {i}\n")
                started = time.perf_counter()
                os.replace(spare, file)
                latencies.append((arrived.get(timeout=10) - started) * 1e3)
                time.sleep(0.02)
        out["save_to_event_ms"] = statistics.median(latencies)
    return out


def import_time(module: str, runs: int) -> dict[str, float]:
    """Median wall time of ``python -c "import module"`` minus that of ``python -c pass``."""
    env = dict(os.environ)
    env.pop("PYTHONPROFILEIMPORTTIME", None)

    def once(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], env=env, check=True)
        return time.perf_counter() - start

    base, imp = [], []
    for _ in range(runs):  # interleaved, so that machine load hits both alike
        base.append(once("pass"))
        imp.append(once(f"import {module}"))
    importtime = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    cumulative = 0
    for line in importtime.splitlines():
        parts = [p.strip() for p in line.split("|")]
        if len(parts) == 3 and parts[2] == module:
            cumulative = int(parts[1])
    return {
        "python_pass_ms": statistics.median(base) * 1e3,
        "with_import_ms": statistics.median(imp) * 1e3,
        "import_ms": (statistics.median(imp) - statistics.median(base)) * 1e3,
        "importtime_cumulative_ms": cumulative / 1e3,
    }


# ----- native ---------------------------------------------------------------------------------


def bench_native(fx: Fixture) -> dict[str, Any]:
    # One shared target directory for every crate of the repository (as nox sets it).
    target = Path(os.environ.get("CARGO_TARGET_DIR") or CRATE.parent / "target")
    exe = target / "release" / "examples" / "bench_native"
    env = dict(os.environ, CARGO_TARGET_DIR=str(target))
    command = [
        "cargo",
        "build",
        "--release",
        "--example",
        "bench_native",
        "--manifest-path",
        str(CRATE / "Cargo.toml"),
    ]
    try:
        subprocess.run(
            command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
    except (OSError, subprocess.CalledProcessError) as exc:
        if not exe.is_file():
            return {"error": f"cannot build the native example: {exc}"}
    done = subprocess.run([str(exe), str(fx.dir)], capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


# ----- peers ----------------------------------------------------------------------------------


def _env_value(text: str) -> Any:
    """The common env coercion (JSON-ish), for the stdlib baseline."""
    if text.startswith(("[", "{")):
        try:
            return json.loads(text)
        except ValueError:
            return text
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text


def _tomllib() -> Any:
    """tomllib (3.11+), else tomli; None when neither is there."""
    try:
        import tomllib  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        try:
            import tomli as tomllib  # type: ignore[import-not-found,no-redef,unused-ignore]
        except ImportError:
            return None
    return tomllib


def bench_stdlib(fx: Fixture, rounds: int, scale: float) -> dict[str, Any]:
    tomllib = _tomllib()
    if tomllib is None:
        return {"error": "tomllib/tomli not available"}
    try:
        import yaml
    except ImportError:
        return {"error": "PyYAML not installed"}
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    def merge(into: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
        for k, v in other.items():
            if isinstance(v, dict) and isinstance(into.get(k), dict):
                merge(into[k], v)
            else:
                into[k] = v
        return into

    def load() -> dict[str, Any]:
        with open(fx.defaults_path, "rb") as f:
            cfg = json.load(f)
        with open(fx.base, "rb") as f:
            merge(cfg, tomllib.load(f))
        with open(fx.prod, "rb") as f:
            merge(cfg, yaml.load(f, Loader=loader))
        overlay: dict[str, Any] = {}
        for name, value in os.environ.items():
            if name.startswith("APP_") and len(name) > 4:
                *parents, last = name[4:].lower().split("__")
                node = overlay
                for p in parents:
                    node = node.setdefault(p, {})
                node[last] = _env_value(value)
        return merge(cfg, overlay)

    def dotted(d: dict[str, Any], path: str) -> Any:
        for seg in path.split("."):
            d = d[seg]
        return d

    cfg = load()
    ok = cfg == fx.expected
    n_fast = int(200_000 * scale)
    return {
        "load_us": median_per_call(load, int(400 * scale), rounds) * 1e6,
        "dict_read_ns": median_per_call('c["database"]["pool"]["max_size"]', n_fast, rounds, c=cfg)
        * 1e9,
        "dotted_get_ns": median_per_call("f(c, k)", n_fast, rounds, f=dotted, c=cfg, k=KEY) * 1e9,
        "matches_expected": ok,
    }


def bench_dynaconf(fx: Fixture, rounds: int, scale: float) -> dict[str, Any]:
    try:
        from dynaconf import Dynaconf
    except ImportError:
        return {"error": "dynaconf not installed"}

    def load() -> Any:
        return Dynaconf(
            settings_files=[str(fx.defaults_path), str(fx.base), str(fx.prod)],
            envvar_prefix="APP",
            merge_enabled=True,
            environments=False,
            load_dotenv=False,
        )

    settings = load()
    value = settings.get(KEY)
    return {
        "load_us": median_per_call(lambda: load().get(KEY), max(1, int(30 * scale)), rounds) * 1e6,
        "get_ns": median_per_call("s.get(k)", int(20_000 * scale), rounds, s=settings, k=KEY) * 1e9,
        "read_value": value,
    }


def bench_pydantic_settings(fx: Fixture, rounds: int, scale: float) -> dict[str, Any]:
    try:
        from pydantic import BaseModel, ConfigDict
        from pydantic_settings import (
            BaseSettings,
            JsonConfigSettingsSource,
            PydanticBaseSettingsSource,
            SettingsConfigDict,
            TomlConfigSettingsSource,
            YamlConfigSettingsSource,
        )
    except ImportError:
        return {"error": "pydantic-settings not installed"}

    class Pool(BaseModel):
        model_config = ConfigDict(extra="allow")
        max_size: int

    class Database(BaseModel):
        model_config = ConfigDict(extra="allow")
        pool: Pool

    class Settings(BaseSettings):
        model_config = SettingsConfigDict(
            env_prefix="APP_",
            env_nested_delimiter="__",
            extra="allow",
            json_file=str(fx.defaults_path),
            toml_file=str(fx.base),
            yaml_file=str(fx.prod),
        )
        database: Database

        @classmethod
        def settings_customise_sources(
            cls,
            settings_cls: type[BaseSettings],
            init_settings: PydanticBaseSettingsSource,
            env_settings: PydanticBaseSettingsSource,
            dotenv_settings: PydanticBaseSettingsSource,
            file_secret_settings: PydanticBaseSettingsSource,
        ) -> tuple[PydanticBaseSettingsSource, ...]:
            # Highest priority first: env, prod.yaml, base.toml, defaults.json.
            return (
                env_settings,
                YamlConfigSettingsSource(settings_cls),
                TomlConfigSettingsSource(settings_cls),
                JsonConfigSettingsSource(settings_cls),
            )

    settings = Settings()
    return {
        "load_us": median_per_call(Settings, max(1, int(100 * scale)), rounds) * 1e6,
        "attr_read_ns": median_per_call(
            "s.database.pool.max_size", int(200_000 * scale), rounds, s=settings
        )
        * 1e9,
        "read_value": settings.database.pool.max_size,
    }


def bench_omegaconf(fx: Fixture, rounds: int, scale: float) -> dict[str, Any]:
    tomllib = _tomllib()
    if tomllib is None:
        return {"error": "tomllib/tomli not available"}
    try:
        from omegaconf import OmegaConf
    except ImportError:
        return {"error": "omegaconf not installed"}

    def load() -> Any:
        with open(fx.base, "rb") as f:
            base = tomllib.load(f)
        dotlist = [
            f"{name[4:].lower().replace('__', '.')}={value}"
            for name, value in os.environ.items()
            if name.startswith("APP_")
        ]
        return OmegaConf.merge(
            OmegaConf.load(fx.defaults_path),
            OmegaConf.create(base),
            OmegaConf.load(fx.prod),
            OmegaConf.from_dotlist(dotlist),
        )

    cfg = load()
    return {
        "load_us": median_per_call(load, max(1, int(30 * scale)), rounds) * 1e6,
        "select_ns": median_per_call(
            "s(c, k)", int(20_000 * scale), rounds, s=OmegaConf.select, c=cfg, k=KEY
        )
        * 1e9,
        "attr_read_ns": median_per_call(
            "c.database.pool.max_size", int(20_000 * scale), rounds, c=cfg
        )
        * 1e9,
        "read_value": OmegaConf.select(cfg, KEY),
    }


# ----- main -----------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="where to write the JSON results")
    parser.add_argument("--fixture", type=Path, default=default_fixture())
    parser.add_argument("--rounds", type=int, default=15, help="rounds per figure (median)")
    parser.add_argument("--import-runs", type=int, default=40)
    parser.add_argument("--quick", action="store_true", help="smaller batches, fewer rounds")
    parser.add_argument("--no-native", action="store_true")
    parser.add_argument("--no-peers", action="store_true")
    args = parser.parse_args()
    scale = 0.1 if args.quick else 1.0
    rounds = 5 if args.quick else args.rounds
    fx = Fixture(args.fixture)
    os.environ.update(fx.env)  # every library reads the same 10 APP_ variables

    import superconfig

    results: dict[str, Any] = {
        "meta": {
            "command": " ".join([Path(sys.executable).name, *sys.argv]),
            "python": platform.python_version(),
            "superconfig": superconfig.__version__,
            "machine": platform.machine(),
            "cpus": os.cpu_count(),
            "loadavg_start": os.getloadavg(),
            "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "rounds": rounds,
        }
    }
    started = time.perf_counter()
    results["superconfig"] = bench_superconfig(fx, rounds, scale)
    results["live"] = bench_live(fx, rounds, scale)
    results["superconfig"]["import"] = import_time(
        "superconfig", 10 if args.quick else args.import_runs
    )
    if not args.no_native:
        results["native"] = bench_native(fx)
    if not args.no_peers:
        results["stdlib"] = bench_stdlib(fx, rounds, scale)
        results["dynaconf"] = bench_dynaconf(fx, rounds, scale)
        results["pydantic_settings"] = bench_pydantic_settings(fx, rounds, scale)
        results["omegaconf"] = bench_omegaconf(fx, rounds, scale)
    results["meta"]["loadavg_end"] = os.getloadavg()
    results["meta"]["seconds"] = round(time.perf_counter() - started, 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(summary(results))
    return 0


def summary(r: dict[str, Any]) -> str:
    sc = r["superconfig"]
    lines = [
        f"superconfig {r['meta']['superconfig']} on Python {r['meta']['python']} "
        f"(load average {r['meta']['loadavg_start'][0]:.1f} -> {r['meta']['loadavg_end'][0]:.1f})",
        f"  get(key)            {sc['get_ns']:8.0f} ns   "
        f"(method floor {sc['method_floor_ns']:.0f} ns, empty loop {sc['empty_loop_ns']:.0f} ns)",
        f"  cfg[key]            {sc['getitem_ns']:8.0f} ns",
        f"  layered load        {sc['load_us']:8.1f} us   "
        f"(with_env_map: {sc['load_env_map_us']:.1f} us)",
        f"  extract()           {sc['extract_us']:8.1f} us",
        f"  import superconfig  {sc['import']['import_ms']:8.2f} ms   "
        f"(-X importtime: {sc['import']['importtime_cumulative_ms']:.2f} ms)",
    ]
    native = r.get("native", {})
    if "load_ns" in native:
        lines.append(
            f"native: load {native['load_ns'] / 1e3:.1f} us, "
            f"get_node {native['get_node_ns']:.0f} ns, "
            f"extract to serde_json::Value {native['extract_json_value_ns'] / 1e3:.1f} us"
        )
    for name in ("stdlib", "dynaconf", "pydantic_settings", "omegaconf"):
        peer = r.get(name)
        if not peer:
            continue
        if "error" in peer:
            lines.append(f"{name}: {peer['error']}")
            continue
        reads = ", ".join(f"{k} {v:.0f} ns" for k, v in peer.items() if k.endswith("_ns"))
        lines.append(f"{name}: load {peer['load_us']:.1f} us; {reads}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
