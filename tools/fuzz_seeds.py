"""Seed corpora of the fuzz targets, taken from the conformance cases.

    python tools/fuzz_seeds.py            # rewrites crates/superconfig/fuzz/seeds/
    python tools/fuzz_seeds.py --check    # exit 1 if seeds/ differs from what the cases give

Every ``files:`` entry of ``tests-conformance/cases/**/*.yaml`` becomes a seed of the round-trip
target of its format, chosen by file name as the core does (``Format::from_path``): ``.toml``,
``.yaml``/``.yml``, ``.json``, and dotenv for ``.env``, ``*.env`` and ``.env.*``. Each case's
``env:`` mapping becomes one seed of ``env_map`` (``NAME=value`` entries separated by NUL, the
layout that target reads). ``builder_sequence`` reads its input through ``arbitrary``; text seeds
mean nothing to it, so it has none.

Seeds are named by the SHA-1 of their content (as libFuzzer names corpus files), so duplicates
collapse; seeds over 4 KB are left out. The directories of the targets above are rewritten
whole: a seed whose case is gone disappears. Needs PyYAML.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
CASES = REPO / "tests-conformance" / "cases"
SEEDS = REPO / "crates" / "superconfig" / "fuzz" / "seeds"
MAX_SEED_BYTES = 4096

#: Target of each format, as named in crates/superconfig/fuzz/Cargo.toml.
TARGETS = ("roundtrip_toml", "roundtrip_yaml", "roundtrip_json", "roundtrip_dotenv", "env_map")


def target_for(file_name: str) -> str | None:
    """The round-trip target for a file named ``file_name`` (a relative path with ``/``)."""
    name = file_name.rsplit("/", 1)[-1]
    if name == ".env" or name.endswith(".env") or name.startswith(".env."):
        return "roundtrip_dotenv"
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return {
        "toml": "roundtrip_toml",
        "yaml": "roundtrip_yaml",
        "yml": "roundtrip_yaml",
        "json": "roundtrip_json",
    }.get(suffix)


def env_seed(env: dict[str, str]) -> bytes:
    """One ``env_map`` input: ``NAME=value`` entries separated by NUL."""
    return b"\0".join(f"{name}={value}".encode() for name, value in env.items())


def case_seeds(case: Path) -> Iterator[tuple[str, bytes]]:
    """(target, seed) for each file and the environment of one case file."""
    data = yaml.safe_load(case.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        return
    files = data.get("files")
    if isinstance(files, dict):
        for name, text in files.items():
            target = target_for(str(name))
            if target is not None and isinstance(text, str):
                yield target, text.encode()
    env = data.get("env")
    if isinstance(env, dict) and env:
        yield "env_map", env_seed({str(k): str(v) for k, v in env.items()})


def collect(cases: Path = CASES) -> dict[str, dict[str, bytes]]:
    """target -> {file name: seed}, deduplicated, each seed at most ``MAX_SEED_BYTES``."""
    seeds: dict[str, dict[str, bytes]] = {target: {} for target in TARGETS}
    for case in sorted(cases.rglob("*.yaml")):
        for target, seed in case_seeds(case):
            if 0 < len(seed) <= MAX_SEED_BYTES:
                seeds[target][hashlib.sha1(seed).hexdigest()] = seed
    return seeds


def on_disk(target: str) -> dict[str, bytes]:
    directory = SEEDS / target
    if not directory.is_dir():
        return {}
    return {p.name: p.read_bytes() for p in directory.iterdir() if p.is_file()}


def write(seeds: dict[str, dict[str, bytes]]) -> None:
    for target, files in seeds.items():
        directory = SEEDS / target
        directory.mkdir(parents=True, exist_ok=True)
        for stale in directory.iterdir():
            if stale.is_file() and stale.name not in files:
                stale.unlink()
        for name, seed in files.items():
            path = directory / name
            if not path.is_file() or path.read_bytes() != seed:
                path.write_bytes(seed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only compare, write nothing")
    args = parser.parse_args(argv)
    seeds = collect()
    if args.check:
        stale = [t for t, files in seeds.items() if on_disk(t) != files]
        if stale:
            print(f"seeds out of date for: {', '.join(stale)} (run tools/fuzz_seeds.py)")
            return 1
        print("seeds up to date")
        return 0
    write(seeds)
    total = 0
    for target, files in seeds.items():
        size = sum(len(s) for s in files.values())
        total += size
        print(f"{target:18} {len(files):4} seeds {size:7} bytes")
    print(f"{'total':18} {sum(len(f) for f in seeds.values()):4} seeds {total:7} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
