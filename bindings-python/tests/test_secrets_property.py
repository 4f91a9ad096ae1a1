"""Property (docs/behaviour.md, "Redaction"): no value under a secret key ever shows in a dump
(json, toml, yaml; redacted, the default), an explanation, repr/str of a config, an error (message,
repr, chained exceptions), a warning or a log record — for random trees, key names and layers
(hypothesis).

Every string value is a unique marker (``S3cr3t-<salt><n>``) and every large integer a unique
16-digit number, so a leak is found by searching the text. Key names mix plain and secret words in
random case with ``-``/``_`` inserted (``pass_Word``, ``client-APIkey``); the test decides what is
secret with its own copy of the rule. Values under keys that are not secret must be in the dumps,
so the property is not vacuous.
"""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import enum
import json
import logging
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Literal, Optional, TypedDict, Union

import pydantic
import pytest
import superconfig
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from superconfig import SuperConfig

#: Examples per run (each builds ~10 configurations and ~100 broken documents); more with
#: SUPERCONFIG_PROPERTY_EXAMPLES=<n>.
EXAMPLES = int(os.environ.get("SUPERCONFIG_PROPERTY_EXAMPLES", "100"))

# ----- the rule, written out again ----------------------------------------------------------------

SECRET_WORDS = (
    "password",
    "passwd",
    "passphrase",
    "secret",
    "token",
    "apikey",
    "privatekey",
    "credential",
)
# Some join into secret words ("pass" + "word"). No "add"/"remove": "x_add" is an operation key.
PLAIN_WORDS = (
    "host", "port", "name", "user", "db", "pass", "word", "key", "api", "private",
    "tok", "en", "level", "region", "cache", "url", "id", "phrase", "cred", "pw",
)  # fmt: skip


def is_secret(key: str) -> bool:
    folded = "".join(c for c in key if c not in "-_.").translate(_LOWER)
    return any(w in folded for w in SECRET_WORDS)


_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

# ----- strategies ---------------------------------------------------------------------------------

#: Placeholders for leaves that get a unique marker when the case is built.
STR = "\x00str"
BIG = "\x00big"


def _cut(word: str, at: int, sep: str) -> str:
    i = 1 + at % (len(word) - 1)
    return word[:i] + sep + word[i:]


def _join(parts: list[tuple[str, str]], case: int) -> str:
    text = parts[0][0] + "".join(sep + w for w, sep in parts[1:])
    return "".join(c.upper() if (case >> (i % 64)) & 1 else c for i, c in enumerate(text))


words = st.one_of(
    st.sampled_from(PLAIN_WORDS),
    st.sampled_from(PLAIN_WORDS),
    st.builds(
        _cut,
        st.sampled_from(SECRET_WORDS),
        st.integers(0, 100),
        st.sampled_from(["", "", "-", "_"]),
    ),
)
#: One to three words joined by "", "-" or "_" in random case: never ".", "__" or an end separator.
keys = st.builds(
    _join,
    st.lists(st.tuples(words, st.sampled_from(["", "-", "_"])), min_size=1, max_size=3),
    st.integers(0, 2**64 - 1),
)
leaves = st.one_of(
    st.just(STR),
    st.just(STR),
    st.just(BIG),
    st.integers(-5, 50),
    st.booleans(),
)
trees = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.dictionaries(keys, inner, max_size=3),
        st.dictionaries(keys, inner, max_size=3),
        st.lists(inner, max_size=2),
    ),
    max_leaves=16,
)
tables = st.dictionaries(keys, trees, max_size=4)
env_vars = st.lists(st.tuples(st.lists(keys, min_size=1, max_size=3), trees), max_size=4)


@dataclasses.dataclass
class Case:
    salt: int
    defaults: dict[str, Any]
    json: dict[str, Any]
    toml: dict[str, Any]
    yaml: dict[str, Any]
    dotenv: list[tuple[list[str], Any]]
    env: list[tuple[list[str], Any]]
    probe: str
    plain: str


cases = st.builds(
    Case,
    salt=st.integers(0, 999_999),
    defaults=tables,
    json=tables,
    toml=tables,
    yaml=tables,
    dotenv=env_vars,
    env=env_vars,
    probe=keys.filter(is_secret),
    plain=keys.filter(lambda k: not is_secret(k)),
)

# ----- markers ------------------------------------------------------------------------------------


class Markers:
    def __init__(self, salt: int) -> None:
        self.salt = salt
        self.next = 0
        #: Every marker generated under a secret key: none may ever be shown.
        self.secrets: set[str] = set()

    def _note(self, text: str, secret: bool) -> str:
        if secret:
            self.secrets.add(text)
        return text

    def string(self, secret: bool) -> str:
        self.next += 1
        return self._note(f"S3cr3t-{self.salt:08x}{self.next:04x}", secret)

    def int(self, secret: bool) -> int:
        """16 digits: no marker is part of another, no line or handle number is that long."""
        self.next += 1
        assert self.next < 1000
        n = 4_100_000_000_000_000 + self.salt * 1000 + self.next
        self._note(str(n), secret)
        return n

    def value(self, g: Any, secret: bool) -> Any:
        if g == STR:
            return self.string(secret)
        if g == BIG:
            return self.int(secret)
        if isinstance(g, dict):
            return self.table(g, secret)
        if isinstance(g, list):
            return [self.value(x, secret) for x in g]
        return g

    def table(self, g: dict[str, Any], secret: bool) -> dict[str, Any]:
        return {k: self.value(v, secret or is_secret(k)) for k, v in g.items()}

    def env(self, vars_: list[tuple[list[str], Any]], prefix: str) -> dict[str, str]:
        """Names: segments joined by ``__``; values as text (tables and arrays as JSON)."""
        out: dict[str, str] = {}
        for path, g in vars_:
            name = prefix + "__".join(path)
            if name in out:
                continue
            v = self.value(g, any(is_secret(s) for s in path))
            if isinstance(v, bool):
                out[name] = "TRUE" if v else "false"
            elif isinstance(v, str):
                out[name] = v
            else:
                out[name] = json.dumps(v)
        return out


# ----- documents ----------------------------------------------------------------------------------


def q(s: str) -> str:
    return json.dumps(s)


def scalar(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return q(v)
    return str(v)


def toml_inline(v: Any) -> str:
    if isinstance(v, list):
        return "[" + ", ".join(toml_inline(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{q(k)} = {toml_inline(x)}" for k, x in v.items()) + " }"
    return scalar(v)


def toml_doc(tree: dict[str, Any]) -> str:
    """Scalars and arrays at the top, then one [section] per table, its contents inline."""
    lines = [f"{q(k)} = {toml_inline(v)}" for k, v in tree.items() if not isinstance(v, dict)]
    for k, v in tree.items():
        if isinstance(v, dict):
            lines.append(f"[{q(k)}]")
            lines += [f"{q(k2)} = {toml_inline(v2)}" for k2, v2 in v.items()]
    return "\n".join(lines) + "\n"


def yaml_block(v: Any, indent: int, out: list[str]) -> None:
    """Block-style YAML, every key and string double-quoted."""
    pad = " " * indent
    items = (
        [("-", x) for x in v] if isinstance(v, list) else [(f"{q(k)}:", x) for k, x in v.items()]
    )
    for head, child in items:
        if isinstance(child, (dict, list)) and child:
            out.append(f"{pad}{head}")
            yaml_block(child, indent + 2, out)
        elif isinstance(child, dict):
            out.append(f"{pad}{head} {{}}")
        elif isinstance(child, list):
            out.append(f"{pad}{head} []")
        else:
            out.append(f"{pad}{head} {scalar(child)}")


def yaml_doc(tree: dict[str, Any]) -> str:
    if not tree:
        return "{}\n"
    out: list[str] = []
    yaml_block(tree, 0, out)
    return "\n".join(out) + "\n"


def dotenv_doc(vars_: dict[str, str]) -> str:
    lines = ["# generated"]
    for name, value in vars_.items():
        lines.append(f"{name}='{value}'" if value[:1] in "[{" else f'{name}="{value}"')
    return "\n".join(lines) + "\n"


Line = Callable[[str, str, str], str]


def broken_documents(c: Case, m: Markers, prefixes: dict[str, str]) -> list[tuple[str, str, bool]]:
    """Documents with a line holding the secret key and secret values, after and before a valid
    generated document: ``(format, text, must_fail)``."""
    k = c.probe
    qk = q(k)
    out: list[tuple[str, str, bool]] = []

    def one(fmt: str, line: Line, must_fail: bool = True) -> None:
        a, b = m.string(True), m.string(True)
        big = f"1{m.int(True)}000000"
        text = line(a, b, big)
        pre = prefixes[fmt]
        if fmt == "json":
            docs = [f'{{"pre": {pre}, {qk}: {text}', f'{{{qk}: {text}, "post": {pre}}}']
        elif fmt == "toml":
            docs = [f"{pre}\n{text}\n", f"{text}\n{pre}"]
        else:
            docs = [f"{pre}{text}\n", f"{text}\n{pre}"]
        out.extend((fmt, doc, must_fail) for doc in docs)

    one("toml", lambda a, b, big: f'{qk} = "{a}')
    one("toml", lambda a, b, big: f"{qk} = {a}")
    one("toml", lambda a, b, big: f'{qk} = "{a}\\q"')
    one("toml", lambda a, b, big: f'{qk} = "{a}"\n{qk} = "{b}"')
    one("toml", lambda a, b, big: f'{qk} = "{a}" junk')
    one("toml", lambda a, b, big: f'{qk} = {{ a = "{a}" ')
    one("toml", lambda a, b, big: f'{qk} = ["{a}",')
    one("toml", lambda a, b, big: f'{qk} = """{a}')
    one("toml", lambda a, b, big: f"{qk} = '{a}")
    one("toml", lambda a, b, big: f"{qk} = {big}")
    one("toml", lambda a, b, big: f"{qk} = [{big}]")
    one("toml", lambda a, b, big: f"{qk} = {a}.5")
    one("toml", lambda a, b, big: f'{qk}.x = 1\n{qk} = "{a}"')
    one("yaml", lambda a, b, big: f'{qk}: "{a}')
    one("yaml", lambda a, b, big: f"{qk}: '{a}")
    one("yaml", lambda a, b, big: f"{qk}: [{a}")
    one("yaml", lambda a, b, big: f"{qk}: {{a: {a}")
    one("yaml", lambda a, b, big: f"{qk}: !!int {a}")
    one("yaml", lambda a, b, big: f"{qk}: !!float {a}")
    one("yaml", lambda a, b, big: f"{qk}: !!bool {a}")
    one("yaml", lambda a, b, big: f"{qk}: {a}: x")
    one("yaml", lambda a, b, big: f"{qk}: {a}\n{qk}: {b}")
    one("yaml", lambda a, b, big: f"{qk}: {big}")
    one("yaml", lambda a, b, big: f"{qk}: [{big}]")
    one("yaml", lambda a, b, big: f'{qk}: "{a}\\q"')
    one("yaml", lambda a, b, big: f'{qk}: "{a}" junk')
    one("yaml", lambda a, b, big: f"{qk}: {a}\n  - x", must_fail=False)
    one("json", lambda a, b, big: f'"{a}')
    one("json", lambda a, b, big: a)
    one("json", lambda a, b, big: f'"{a}" "x"')
    one("json", lambda a, b, big: f'"{a}\\q"')
    one("json", lambda a, b, big: f'["{a}",')
    one("json", lambda a, b, big: f'{{"a": "{a}"')
    one("json", lambda a, b, big: big)
    one("json", lambda a, b, big: f"[{big}]")
    one("json", lambda a, b, big: f'"{a}\\u12"')
    one("json", lambda a, b, big: f'"{a}\x01"')
    one("env", lambda a, b, big: f'{k}="{a}')
    one("env", lambda a, b, big: f"{k}='{a}")
    one("env", lambda a, b, big: f'{k}="{a}" junk')
    one("env", lambda a, b, big: f"{k}='{a}' junk")
    one("env", lambda a, b, big: f"{k} {a}")
    one("env", lambda a, b, big: f'export {k}="{a}"x')
    one("env", lambda a, b, big: f"{k}='{{\"a\": {big}}}'")
    one("env", lambda a, b, big: f"{k}=[{big}]")
    one("env", lambda a, b, big: f'{k}="{a}\\', must_fail=False)
    return out


# ----- what is shown ------------------------------------------------------------------------------


class Shown:
    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def add(self, what: str, text: object) -> None:
        self.items.append((what, str(text)))

    def error(self, what: str, e: BaseException) -> None:
        self.add(what, str(e))
        self.add(what, repr(e))
        self.add(what, repr(e.args))
        self.add(what, repr(getattr(e, "__dict__", {})))
        for attr in ("message", "file", "key", "line", "column"):
            self.add(what, getattr(e, attr, None))
        # Chained causes and contexts, which a traceback prints too.
        chained = e.__cause__ or e.__context__
        while chained is not None:
            self.add(f"{what} (chained)", f"{chained!s} {chained!r}")
            chained = chained.__cause__ or chained.__context__

    def run(self, what: str, fn: Callable[..., Any], *args: Any) -> Any:
        """Calls ``fn(*args)``; its result's repr, or its error, is shown."""
        try:
            v = fn(*args)
        except Exception as e:
            self.error(what, e)
            return None
        self.add(what, repr(v))
        return v

    def read(self, what: str, fn: Callable[..., Any], *args: Any) -> None:
        """A read that may return a secret (reads are not redacted): only an error is shown."""
        try:
            fn(*args)
        except Exception as e:
            self.error(what, e)

    def raises(self, what: str, fn: Callable[..., Any], *args: Any) -> None:
        try:
            fn(*args)
        except superconfig.SuperConfigError as e:
            self.error(what, e)
        else:
            pytest.fail(f"{what}: expected an error")


MARKER = re.compile(r"S3cr3t-[0-9a-f]{12}")
DIGITS = re.compile(r"\d{16,}")


def markers_in(text: str) -> Iterator[str]:
    """Every marker-shaped part of ``text``: string markers, each 16-digit run inside digits."""
    yield from MARKER.findall(text)
    for run in DIGITS.findall(text):
        for i in range(len(run) - 15):
            yield run[i : i + 16]


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=1)
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))
        self.lines.append(repr(record.args))


@contextmanager
def captured_logs() -> Iterator[list[str]]:
    """Every record of the ``superconfig`` loggers, at the most verbose level (5 = trace)."""
    logger = logging.getLogger("superconfig")
    handler = _Records()
    old = logger.level
    logger.setLevel(1)
    logger.addHandler(handler)
    try:
        yield handler.lines
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old)


def walk(
    v: Any, path: list[str], secret: bool, out: list[tuple[list[str], bool, Optional[str]]]
) -> None:
    """Every node of the merged tree with its path, secrecy and marker (if it is one)."""
    marker = None
    if isinstance(v, str):
        marker = v
    elif isinstance(v, int) and not isinstance(v, bool) and v >= 10**15:
        marker = str(v)
    out.append((path, secret, marker))
    if isinstance(v, dict):
        for k, x in v.items():
            walk(x, [*path, k], secret or is_secret(k), out)
    elif isinstance(v, list):
        for i, x in enumerate(v):
            walk(x, [*path, str(i)], secret, out)


# ----- typed extraction targets -------------------------------------------------------------------


class Mode(enum.Enum):
    FAST = "fast"
    SLOW = "slow"


@dataclasses.dataclass
class Shape:
    host: str
    port: int


class ShapeDict(TypedDict):
    host: str
    port: int


class ShapeModel(pydantic.BaseModel):
    host: str
    port: int


class Strict(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(strict=True)
    value: Union[int, bool]


TARGETS: list[Any] = [
    int,
    bool,
    float,
    str,
    type(None),
    list[int],
    dict[str, int],
    dict[str, list[bool]],
    tuple[str, str],
    set[int],
    Mode,
    Literal["a", "b"],
    datetime.date,
    datetime.datetime,
    datetime.time,
    decimal.Decimal,
    Shape,
    ShapeDict,
    ShapeModel,
    Optional[int],
    Union[int, bool],
]

totals = {"secret": 0, "plain": 0, "parse_errors": 0}

# ----- the property -------------------------------------------------------------------------------


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(c=cases)
def test_secret_values_never_leak(c: Case) -> None:
    m = Markers(c.salt)
    shown = Shown()
    with captured_logs() as logs:
        check(c, m, shown)
    assert logs, "nothing was logged"
    for line in logs:
        shown.add("log record", line)
    for what, text in shown.items:
        leaked = next((s for s in markers_in(text) if s in m.secrets), None)
        assert leaked is None, f"the secret value {leaked} leaked into {what}:\n{text}"


def check(c: Case, m: Markers, shown: Shown) -> None:
    # ---- the layers ----
    defaults = m.table(c.defaults, False)
    texts = {
        "json": json.dumps(m.table(c.json, False), indent=2),
        "toml": toml_doc(m.table(c.toml, False)),
        "yaml": yaml_doc(m.table(c.yaml, False)),
        "env": dotenv_doc(m.env(c.dotenv, "")),
    }
    env = m.env(c.env, "APP_")
    try:
        cfg = (
            SuperConfig()
            .with_defaults(defaults)
            .with_string(texts["json"], "json", name="layer.json")
            .with_string(texts["toml"], "toml")
            .with_string(texts["yaml"], "yaml")
            .with_string(texts["env"], "env")
            .with_env_map(env, "APP_")
            .select_profile("prod")
        )
    except superconfig.SuperConfigError as e:
        pytest.fail(f"a generated layer did not load: {e}\n{texts}\n{env}")

    # ---- the merged tree, as the test reads it ----
    nodes: list[tuple[list[str], bool, Optional[str]]] = []
    walk(cfg.extract(), [], False, nodes)
    for path, secret, marker in nodes:
        if marker is not None:
            assert secret == (marker in m.secrets), f"{marker} at {path}: secrecy disagrees"

    # ---- dumps ----
    unredacted = cfg.dump("json", redact=False)
    for fmt in ("json", "toml", "yaml"):
        text = cfg.dump(fmt)
        for path, secret, marker in nodes:
            if marker is not None and not secret:
                assert marker in text, (
                    f"{marker} at {path} (not secret) missing from {fmt}:\n{text}"
                )
        shown.add(f"dump {fmt}", text)
        shown.add(f"dump {fmt} redact=True", cfg.dump(fmt, redact=True))
    for _path, secret, marker in nodes:
        if marker is not None:
            totals["secret" if secret else "plain"] += 1
            if secret:
                assert marker in unredacted, f"{marker} not loaded"

    # ---- the object, explanations, sources, warnings ----
    shown.add("repr", repr(cfg))
    shown.add("str", str(cfg))
    shown.add("format", f"{cfg!r} {cfg!s}")
    for path, _secret, _marker in nodes:
        shown.run(f"explain {path}", cfg.explain, path)
        if path:
            shown.run(f"explain {path}", cfg.explain, ".".join(path))
        shown.run(f"source {path}", cfg.source, path)
    shown.run("warnings", cfg.warnings)
    shown.run("layers", cfg.layers)

    # ---- typed extraction and failing reads of secret values and the tables holding them ----
    for path, secret, _marker in nodes:
        if not (secret or not path):
            continue
        for target in TARGETS:
            shown.read(f"extract {target} at {path}", cfg.extract, target, path)
        shown.read(f"keys {path}", cfg.keys, path)
        shown.read(f"keys below {path}", cfg.keys, [*path, "x"])
        shown.read(f"get below {path}", cfg.__getitem__, [*path, "0", "x"])
        shown.read(f"get below {path}", cfg.get, ".".join([*path, "0"]))
    for target in (dict[str, int], dict[str, dict[str, int]], Shape, ShapeModel, Strict):
        shown.read(f"extract {target}", cfg.extract, target)

    # ---- warnings and strict-mode errors about secret keys ----
    k, p = c.probe, c.plain
    ops = {
        k: m.string(True),
        f"{k}_add": [m.string(True), {"x": m.string(True)}],
        p: m.string(False),
        f"{p}_add": [{k: m.string(True)}],
    }
    loose = shown.run("array ops", lambda: SuperConfig().with_defaults(ops))
    assert any(w["kind"] == "ArrayOpOnNonArray" for w in loose.warnings())
    shown.run("array-op warnings", loose.warnings)
    for fmt in ("json", "toml", "yaml"):
        shown.run("array-op dump", loose.dump, fmt)
    shown.run("array-op explain", lambda: loose.explain([k]))
    shown.run("array-op explain", lambda: loose.explain([p]))
    shown.raises("strict array op", lambda: SuperConfig(strict=True).with_defaults(ops))
    remove = f'{q(k)} = "{m.string(True)}"\n{q(k + "_remove")} = ["{m.string(True)}"]\n'
    shown.raises("strict _remove", lambda: SuperConfig(strict=True).with_string(remove, "toml"))
    conflict = {
        f"APP_{k}": m.string(True),
        f"APP_{k}__{p}": m.string(True),
        f"APP_{p}__{k}": m.string(True),
        f"APP_{p}__{k}__x": f'["{m.string(True)}"]',
        f"APP_{p}__{k}__x__y": str(m.int(True)),
        f"APP_{p}__": m.string(True),
    }
    env_loose = shown.run("env conflicts", lambda: SuperConfig().with_env_map(conflict, "APP_"))
    shown.run("env warnings", env_loose.warnings)
    shown.run("env dump", lambda: env_loose.dump("yaml"))
    shown.add("env repr", repr(env_loose))
    shown.raises("strict env", lambda: SuperConfig(strict=True).with_env_map(conflict, "APP_"))
    for value in (f'{{"a": 1{m.int(True)}000000}}', f"[1{m.int(True)}000000]"):
        shown.raises("env int", SuperConfig().with_env_map, {f"APP_{k}": value}, "APP_")

    # Values the binding refuses, under a secret key.
    class Opaque:
        def __init__(self, text: str) -> None:
            self.text = text

        def __repr__(self) -> str:
            return self.text

        __str__ = __repr__

    huge = int(f"1{m.int(True)}000000")
    shown.raises("int out of range", lambda: SuperConfig().with_defaults({p: {k: huge}}))
    shown.raises("int out of range", lambda: SuperConfig().with_defaults({k: [-huge]}))
    shown.raises("a set", lambda: SuperConfig().with_defaults({k: {m.string(True)}}))
    shown.raises("bytes", lambda: SuperConfig().with_defaults({k: m.string(True).encode()}))
    shown.raises("an object", lambda: SuperConfig().with_defaults({k: Opaque(m.string(True))}))
    refused: list[Any] = [[m.string(True)], m.string(True).encode(), Opaque(m.string(True))]
    for bad in refused:
        shown.raises("env value", SuperConfig().with_env_map, {f"APP_{k}": bad}, "APP_")

    # ---- parse errors on lines holding a secret ----
    for fmt, doc, must_fail in broken_documents(c, m, texts):
        try:
            SuperConfig().with_string(doc, fmt, name=f"broken.{fmt}")
        except superconfig.SuperConfigError as e:
            totals["parse_errors"] += 1
            shown.error(f"{fmt} parse error of\n{doc}\n", e)
        else:
            assert not must_fail, f"this {fmt} document parsed:\n{doc}"


def test_the_property_was_not_vacuous() -> None:
    """Runs after the property (file order): secrets were generated and shown nowhere, plain
    values were seen in the dumps, and errors were provoked."""
    if totals["plain"] == 0:
        pytest.skip("the property did not run in this session")
    assert totals["secret"] > EXAMPLES and totals["plain"] > EXAMPLES, totals
    assert totals["parse_errors"] > EXAMPLES * 40, totals
