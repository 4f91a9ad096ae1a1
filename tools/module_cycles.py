"""Import cycles between the Rust modules of a crate (`python3 tools/module_cycles.py CRATE…`).

A module is a file under `src/` (`a/mod.rs` and `a.rs` are module `a`). An edge A → B is any
path A names into B: `use crate::b…` (brace groups expanded), `crate::b::x` in code, `super::…`,
`self::child…`, or `use child::…` of a child module. A name a module re-exports from a child
(`pub use child::x`) counts as the child's: a path to it is an edge to the child, and the
re-export itself is no edge (a facade depends on nothing). `mod child;` is no edge.
A cycle is a strongly connected component of two or more modules; the script prints each and
exits 1 when there is one.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

PATH = re.compile(r"\b(crate|super|self)((?:::[A-Za-z_][A-Za-z0-9_]*)+)")
USE = re.compile(r"^\s*(pub(?:\([^)]*\))?\s+)?use\s+([^;]+);", re.MULTILINE)
COMMENT = re.compile(r"//[^\n]*")


def module_of(src: Path, file: Path) -> tuple[str, ...]:
    parts = list(file.relative_to(src).with_suffix("").parts)
    if parts[-1] in ("mod", "lib", "main"):
        parts.pop()
    return tuple(parts)


Reexports = dict[tuple[str, ...], dict[str, tuple[str, ...]]]


def resolve(
    modules: set[tuple[str, ...]],
    base: tuple[str, ...],
    rest: list[str],
    reexports: Reexports | None = None,
) -> tuple[str, ...]:
    """The longest known module along `base + rest`; a name that module re-exports from a child
    resolves to that child (a facade hides no dependency)."""
    best, used = base, 0
    for i in range(1, len(rest) + 1):
        candidate = base + tuple(rest[:i])
        if candidate in modules:
            best, used = candidate, i
    if reexports and used < len(rest) and rest[used] in reexports.get(best, {}):
        return reexports[best][rest[used]]
    return best


def expand(tree: str) -> list[list[str]]:
    """`a::{b, c::{d, e}}` → [[a, b], [a, c, d], [a, c, e]] (`as` renames dropped)."""
    tree = re.sub(r"\s+as\s+[A-Za-z_][A-Za-z0-9_]*", "", tree).replace(" ", "").replace("\n", "")
    brace = tree.find("{")
    if brace < 0:
        return [[p for p in tree.split("::") if p]]
    prefix = [p for p in tree[:brace].split("::") if p]
    inner, depth, parts, current = tree[brace + 1 : tree.rfind("}")], 0, [], ""
    for ch in inner:
        if ch == "," and depth == 0:
            parts.append(current)
            current = ""
            continue
        depth += ch == "{"
        depth -= ch == "}"
        current += ch
    parts.append(current)
    return [prefix + sub for part in parts if part for sub in expand(part)]


def target_of(
    modules: set[tuple[str, ...]],
    here: tuple[str, ...],
    path: list[str],
    reexports: Reexports | None = None,
) -> tuple[str, ...] | None:
    anchor, rest = path[0], path[1:]
    if anchor == "crate":
        base: tuple[str, ...] = ()
    elif anchor == "super":
        base = here[:-1]
        while rest and rest[0] == "super":
            base, rest = base[:-1], rest[1:]
    elif anchor == "self":
        base = here
    elif (*here, anchor) in modules:
        base, rest = here, path
    else:
        return None  # another crate
    target = resolve(modules, base, [r for r in rest if r != "self"], reexports)
    return None if target == here else target


def edges(src: Path) -> dict[tuple[str, ...], set[tuple[str, ...]]]:
    files = sorted(src.rglob("*.rs"))
    modules = {module_of(src, f) for f in files}
    graph: dict[tuple[str, ...], set[tuple[str, ...]]] = {m: set() for m in modules}
    texts = {f: COMMENT.sub("", f.read_text()) for f in files}
    reexports: Reexports = {}
    for file, text in texts.items():
        here = module_of(src, file)
        for m in USE.finditer(text):
            if not m.group(1):
                continue
            for path in expand(m.group(2)):
                target = target_of(modules, here, path)
                if target is not None and target[: len(here)] == here and path:
                    reexports.setdefault(here, {})[path[-1]] = target
    for file, text in texts.items():
        here = module_of(src, file)
        for m in USE.finditer(text):
            public = m.group(1)
            for path in expand(m.group(2)):
                target = target_of(modules, here, path, reexports)
                # A public re-export of a child's items is a facade, not a dependency.
                if target is None or (public and target[: len(here)] == here):
                    continue
                graph[here].add(target)
        code = USE.sub("", text)
        for m in PATH.finditer(code):
            if code[max(0, m.start() - 1)] == "$":
                continue  # `$crate::` inside a macro: the caller's crate
            path = [m.group(1), *m.group(2).split("::")[1:]]
            target = target_of(modules, here, path, reexports)
            if target is not None:
                graph[here].add(target)
    return graph


def cycles(graph: dict[tuple[str, ...], set[tuple[str, ...]]]) -> list[list[tuple[str, ...]]]:
    """Strongly connected components of two or more modules (Tarjan)."""
    index: dict[tuple[str, ...], int] = {}
    low: dict[tuple[str, ...], int] = {}
    stack: list[tuple[str, ...]] = []
    on: set[tuple[str, ...]] = set()
    out: list[list[tuple[str, ...]]] = []

    def visit(v: tuple[str, ...]) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def main(crates: list[str]) -> int:
    found = 0
    for crate in crates:
        src = Path(crate) / "src"
        graph = edges(src)
        for component in cycles(graph):
            found += 1
            names = ", ".join("::".join(m) or "(crate root)" for m in component)
            print(f"{crate}: import cycle between {names}")
        print(f"{crate}: {len(graph)} modules, {sum(map(len, graph.values()))} edges checked")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
