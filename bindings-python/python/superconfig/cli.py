"""The ``superconfig`` command: build a configuration from layers given on the command line, then
show it, read keys, explain where values come from, list the layers, or watch it change.

Everything here is presentation over the binding: layering, merging, redaction and provenance
are the core's (``dump``, ``explain`` and ``source`` already redact, and so do reload events).
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import shutil
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from typing import IO, Any, NoReturn

from superconfig import (
    Changed,
    KeyChange,
    ReloadEvent,
    SuperConfig,
    SuperConfigError,
    __version__,
)

EXIT_OK = 0
EXIT_CONFIG = 1
EXIT_USAGE = 2

DESCRIPTION = """\
Build a configuration from layers (lowest priority first, in the order given on the command
line), then print it, read keys from it, explain where values come from, list its layers, or
watch it and print every change as it happens. Secrets (keys containing password, secret, token,
api_key, ...) are shown as *** unless --no-redact is given (watch always shows them as ***)."""

EPILOG = """\
examples:
  superconfig show --defaults defaults.json --file base.toml --file prod.yaml --env APP_
  superconfig show --file base.toml --env APP_ --sources       # where every value came from
  superconfig show --file config.yaml --format toml
  superconfig get --file base.toml --env APP_ database.host database.port
  superconfig explain --file base.toml --file prod.yaml --env APP_ database.pool.max_size
  superconfig sources --hierarchical myapp --glob 'conf.d/*.toml'
  superconfig show --profiled-file settings.toml --profile prod --strict
  superconfig watch --file base.toml --file prod.yaml --env APP_  # every change, until Ctrl-C

exit status: 0 ok, 1 configuration error (the message names file, line and key), 2 usage error.
watch runs until Ctrl-C, then exits 0.
"""


# ----- layers ---------------------------------------------------------------------------------


class _Layer(argparse.Action):
    """Records every layer option in one list, so that layers apply in command-line order."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        layers = list(getattr(namespace, "layers", None) or [])
        layers.append((self.const, values))
        namespace.layers = layers


def _add_layer_options(parser: argparse.ArgumentParser, *, no_redact: bool = True) -> None:
    group = parser.add_argument_group(
        "layers (repeatable; applied in the order given, later ones override earlier ones)"
    )
    layer: dict[str, Any] = {"action": _Layer, "dest": "layers", "default": None}
    group.add_argument(
        "-d",
        "--defaults",
        const="defaults",
        metavar="FILE",
        help="defaults from a file (JSON, TOML or YAML), reported as source 'defaults'",
        **layer,
    )
    group.add_argument(
        "-f",
        "--file",
        const="file",
        metavar="PATH",
        help="a file (format from the extension); a missing one is a warning",
        **layer,
    )
    group.add_argument(
        "--required-file",
        const="required-file",
        metavar="PATH",
        help="a file that must exist",
        **layer,
    )
    group.add_argument(
        "--profiled-file",
        const="profiled-file",
        metavar="PATH",
        help="a file whose top-level keys are profiles (default, <profile>, global)",
        **layer,
    )
    group.add_argument(
        "-e",
        "--env",
        const="env",
        metavar="PREFIX",
        help="environment variables starting with PREFIX (APP_DB__HOST -> db.host)",
        **layer,
    )
    group.add_argument(
        "-g",
        "--glob",
        const="glob",
        metavar="PATTERN",
        help="every file matching PATTERN, in path order",
        **layer,
    )
    group.add_argument(
        "--hierarchical",
        const="hierarchical",
        metavar="APP",
        help="discover APP's files: /etc/APP/config.*, ~/.config/APP/config.*, then "
        ".APP.* / APP.* from / down to the current directory",
        **layer,
    )
    options = parser.add_argument_group("building")
    options.add_argument("-p", "--profile", help="select a profile")
    options.add_argument(
        "--strict", action="store_true", help="every warning is an error of the same kind"
    )
    options.add_argument(
        "--separator", default="__", help="env key separator (default: %(default)s)"
    )
    options.add_argument(
        "--suppress",
        action="append",
        default=[],
        metavar="PATTERN",
        help="hide warnings whose kind or message matches the glob PATTERN",
    )
    output = parser.add_argument_group("output")
    if no_redact:
        output.add_argument(
            "--no-redact", action="store_true", help="show secret values instead of ***"
        )
    output.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour output (default: auto, i.e. on a terminal unless NO_COLOR is set)",
    )


def build(args: argparse.Namespace) -> SuperConfig:
    """The configuration the arguments describe."""
    cfg = SuperConfig(strict=args.strict)
    if args.profile:
        cfg = cfg.select_profile(args.profile)
    for kind, value in args.layers or []:
        if kind == "defaults":
            loaded = SuperConfig(strict=args.strict).with_file(value, required=True).extract()
            cfg = cfg.with_defaults(loaded)
        elif kind == "file":
            cfg = cfg.with_file(value)
        elif kind == "required-file":
            cfg = cfg.with_file(value, required=True)
        elif kind == "profiled-file":
            cfg = cfg.with_file(value, profiles=True)
        elif kind == "env":
            cfg = cfg.with_env(value, separator=args.separator)
        elif kind == "glob":
            cfg = cfg.with_glob(value)
        elif kind == "hierarchical":
            cfg = cfg.with_hierarchical(value)
    if args.suppress:
        cfg = cfg.suppress_warnings(args.suppress)
    return cfg


# ----- presentation ---------------------------------------------------------------------------


class Style:
    """ANSI colours, or nothing when the stream is not a terminal (or NO_COLOR is set)."""

    def __init__(self, stream: IO[str], mode: str = "auto") -> None:
        if mode == "auto":
            enabled = (
                hasattr(stream, "isatty")
                and stream.isatty()
                and not os.environ.get("NO_COLOR")
                and os.environ.get("TERM") != "dumb"
            )
        else:
            enabled = mode == "always"
        self.enabled = bool(enabled)

    def _wrap(self, code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.enabled else text

    def key(self, text: str) -> str:
        return self._wrap("1;36", text)

    def dim(self, text: str) -> str:
        return self._wrap("2", text)

    def warn(self, text: str) -> str:
        return self._wrap("33", text)

    def error(self, text: str) -> str:
        return self._wrap("1;31", text)

    def ok(self, text: str) -> str:
        return self._wrap("32", text)


def describe_source(source: Mapping[str, Any]) -> str:
    """``base.toml:12``, ``env APP_DB__HOST``, ``defaults``."""
    kind, name, line = source.get("kind"), source.get("name"), source.get("line")
    if kind == "env":
        return f"env {name}"
    if kind == "defaults":
        return "defaults"
    return f"{name}:{line}" if line else str(name)


def render_value(value: Any) -> str:
    """Strings as they are (for shells), everything else as JSON."""
    if isinstance(value, str):
        return value
    return json.dumps(
        value, ensure_ascii=False, indent=2 if isinstance(value, (dict, list)) else None
    )


def leaves(tree: Any, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Key paths of the leaves (scalars, arrays, empty tables) of an extracted tree."""
    if isinstance(tree, dict) and (tree or not prefix):
        for key, value in tree.items():
            yield from leaves(value, (*prefix, key))
    else:
        yield prefix


def _value(cfg: SuperConfig, path: str | list[str], redact: bool) -> Any:
    """The value at ``path`` (a dotted key as typed, or leaf segments), redacted by the core."""
    return cfg.explain(path)["value"] if redact else cfg.get(path)


def _fit(rows: list[list[str]], header: list[str], column: int, out: IO[str]) -> None:
    """On a terminal, shorten the cells of ``column`` so that rows fit its width."""
    if not (hasattr(out, "isatty") and out.isatty()):
        return  # piped: complete values
    columns = shutil.get_terminal_size().columns
    others = sum(
        max(len(r[i]) for r in [header, *rows]) + 2 for i in range(len(header)) if i != column
    )
    room = max(20, columns - others)
    for row in rows:
        if len(row[column]) > room:
            row[column] = row[column][: room - 1] + "…"


def _table(rows: list[list[str]], header: list[str], style: Style, out: IO[str]) -> None:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()

    out.write(style.dim(line(header)) + "\n")
    for row in rows:
        cells = line(row)
        if style.enabled:
            cells = style.key(row[0].ljust(widths[0])) + cells[widths[0] :]
        out.write(cells + "\n")


def cmd_show(cfg: SuperConfig, args: argparse.Namespace, style: Style, out: IO[str]) -> int:
    redact = not args.no_redact
    if not args.sources:
        text = cfg.dump(args.format, redact=redact)
        out.write(text if text.endswith("\n") else text + "\n")
        return EXIT_OK
    rows = []
    for path in leaves(cfg.extract()):
        if not path:
            continue
        why = cfg.explain(list(path))
        value = why["value"] if redact else cfg.get(list(path))
        overrode = ", ".join(describe_source(s) for s in why["overridden"])
        rows.append(
            [
                ".".join(path),
                json.dumps(value, ensure_ascii=False),
                describe_source(why["source"]),
                overrode,
            ]
        )
    header = ["KEY", "VALUE", "SOURCE", "OVERRODE"]
    _fit(rows, header, 1, out)
    _table(rows, header, style, out)
    return EXIT_OK


def cmd_get(cfg: SuperConfig, args: argparse.Namespace, style: Style, out: IO[str]) -> int:
    for key in args.keys:
        out.write(render_value(_value(cfg, key, not args.no_redact)) + "\n")
    return EXIT_OK


def cmd_explain(cfg: SuperConfig, args: argparse.Namespace, style: Style, out: IO[str]) -> int:
    found = []
    for key in args.keys:
        why = cfg.explain(key)
        value = why["value"] if not args.no_redact else cfg.get(key)
        found.append(
            {"key": key, "value": value, "source": why["source"], "overridden": why["overridden"]}
        )
    if args.json:
        out.write(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    for item in found:
        out.write(f"{style.key(item['key'])} = {json.dumps(item['value'], ensure_ascii=False)}\n")
        out.write(f"  {style.dim('set by  ')} {describe_source(item['source'])}\n")
        earlier = [describe_source(s) for s in item["overridden"]]
        shown = ", ".join(earlier) + " (oldest first)" if earlier else "nothing"
        out.write(f"  {style.dim('overrode')} {shown}\n")
    return EXIT_OK


def cmd_sources(cfg: SuperConfig, args: argparse.Namespace, style: Style, out: IO[str]) -> int:
    layers, warnings = cfg.layers(), cfg.warnings()
    if args.json:
        report = {
            "profile": cfg.active_profile,
            "profiles": cfg.profiles(),
            "layers": layers,
            "warnings": warnings,
        }
        out.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    rows = [
        [str(i), layer["kind"], layer["status"], layer["name"]] for i, layer in enumerate(layers, 1)
    ]
    _table(rows, ["#", "KIND", "STATUS", "NAME"], style, out)
    seen = cfg.profiles()
    out.write(
        f"profile: {cfg.active_profile}" + (f" (seen: {', '.join(seen)})" if seen else "") + "\n"
    )
    if warnings:
        out.write(style.warn(f"{len(warnings)} warning(s):") + "\n")
        for w in warnings:
            out.write(f"  {style.warn(w['kind'])}: {w['message']}\n")
    return EXIT_OK


# ----- watch ----------------------------------------------------------------------------------

#: How a layer option reads in the line ``watch`` starts with. A defaults file is read once (it
#: becomes a given table) and the environment of a running process does not change: neither is
#: watched.
_WATCHED = {
    "defaults": "{} (defaults, not watched)",
    "file": "{}",
    "required-file": "{} (required)",
    "profiled-file": "{} (profiled)",
    "env": "env {} (not watched)",
    "glob": "glob {}",
    "hierarchical": "hierarchical {}",
}

#: How often the main thread wakes while no event comes, so that Ctrl-C is seen on every
#: platform (a blocked queue read is not interrupted by it everywhere).
_WAKE_S = 0.5


def _one_line(value: Any) -> str:
    """A value on one line: ``render_value``'s text, but arrays and tables as compact JSON, and
    a string that would not read back (empty, several lines) quoted."""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and (not value or "\n" in value or "\r" in value):
        return json.dumps(value, ensure_ascii=False)
    return render_value(value)


def _where(source: Mapping[str, Any] | None) -> str:
    return describe_source(source) if source is not None else "unknown source"


def _write_change(event: Changed, style: Style, out: IO[str]) -> None:
    """``version N``, then one line per key: changed, added (``+``), removed (``-``). Values
    are the event's, which the core redacted."""
    stamp = time.strftime("%H:%M:%S")
    out.write(f"{style.ok(f'version {event.version}')}  {style.dim(stamp)}\n")

    def key(item: KeyChange) -> str:
        return style.key(item.path)

    for item in event.changed:
        arrow = style.dim("→")
        where = style.dim(f"({_where(item.new_source)})")
        out.write(f"  {key(item)}: {_one_line(item.old)} {arrow} {_one_line(item.new)}  {where}\n")
    for item in event.added:
        where = style.dim(f"({_where(item.new_source)})")
        out.write(f"{style.ok('+')} {key(item)} = {_one_line(item.new)}  {where}\n")
    for item in event.removed:
        was = style.dim(f"(was {_one_line(item.old)}, {_where(item.old_source)})")
        out.write(f"{style.error('-')} {key(item)}  {was}\n")


def cmd_watch(cfg: SuperConfig, args: argparse.Namespace, style: Style, out: IO[str]) -> int:
    """Prints every change of the configuration until interrupted (Ctrl-C: status 0).

    The watcher's callback only queues events; this (main) thread prints them, in order, and
    flushes after each, so the output can be piped.
    """
    events: queue.Queue[ReloadEvent] = queue.Queue()
    layers = [_WATCHED[kind].format(value) for kind, value in args.layers or []]
    # Watching before the first line is printed: whoever reads that line may save at once.
    watcher = cfg.watch(events.put, debounce_ms=args.debounce_ms, poll_ms=args.poll_ms)
    try:
        how = f"polling every {args.poll_ms} ms" if args.poll_ms else "OS events"
        profile = f", profile {cfg.active_profile}" if args.profile else ""
        out.write(
            f"watching {', '.join(layers) if layers else 'no layers'}"
            + style.dim(
                f"  (version {cfg.version}{profile}, {how}, debounce {args.debounce_ms} ms;"
                " Ctrl-C to stop)"
            )
            + "\n"
        )
        out.flush()
        while True:
            try:
                event = events.get(timeout=_WAKE_S)
            except queue.Empty:
                continue
            if isinstance(event, Changed):
                _write_change(event, style, out)
            else:
                message = f"reload failed, still version {event.version}:"
                out.write(f"{style.error(message)} {event.error}\n")
            out.flush()
    except KeyboardInterrupt:
        return EXIT_OK
    finally:
        watcher.close()


def _milliseconds(text: str) -> int:
    """A positive number of milliseconds (the core bounds it above)."""
    try:
        ms = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of milliseconds: {text!r}") from None
    if ms < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1 millisecond, got {ms}")
    return ms


# ----- entry point ----------------------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="superconfig",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    main.add_argument("--version", action="version", version=f"superconfig {__version__}")
    sub = main.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, help_text: str, *, no_redact: bool = True) -> argparse.ArgumentParser:
        p = sub.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        _add_layer_options(p, no_redact=no_redact)
        return p

    show = command("show", "print the merged configuration")
    show.add_argument("--format", choices=("json", "yaml", "toml"), default="json")
    show.add_argument(
        "--sources",
        action="store_true",
        help="a table of every leaf: value, source (file:line or env var), "
        "and the sources it overrode",
    )
    get = command("get", "print the value of each KEY (strings raw, the rest as JSON)")
    get.add_argument("keys", nargs="+", metavar="KEY", help="dotted key path, e.g. database.port")
    explain = command("explain", "for each KEY: its value, where it was set, what it overrode")
    explain.add_argument("keys", nargs="+", metavar="KEY")
    explain.add_argument("--json", action="store_true", help="machine-readable output")
    sources = command("sources", "list every layer with its status, the profile and warnings")
    sources.add_argument("--json", action="store_true", help="machine-readable output")
    # Values come from the core's reload events, redacted: there is no --no-redact here.
    watching = command(
        "watch",
        "print each change (key: old → new, source) as the files change, until Ctrl-C",
        no_redact=False,
    ).add_argument_group("watching (a broken save is reported; the last good values stay)")
    watching.add_argument(
        "--debounce-ms",
        type=_milliseconds,
        default=150,
        metavar="MS",
        help="file events closer together than this are one reload (default: %(default)s)",
    )
    watching.add_argument(
        "--poll-ms",
        type=_milliseconds,
        default=None,
        metavar="MS",
        help="poll the files every MS milliseconds instead of using OS events "
        "(network filesystems, some containers)",
    )
    return main


COMMANDS = {
    "show": cmd_show,
    "get": cmd_get,
    "explain": cmd_explain,
    "sources": cmd_sources,
    "watch": cmd_watch,
}


def main(argv: Sequence[str] | None = None) -> NoReturn:
    args = parser().parse_args(argv)
    out, err = sys.stdout, sys.stderr
    style, err_style = Style(out, args.color), Style(err, args.color)
    try:
        cfg = build(args)
        code = COMMANDS[args.command](cfg, args, style, out)
        out.flush()
    except SuperConfigError as exc:
        err.write(f"{err_style.error('superconfig: error:')} {exc}\n")
        code = EXIT_CONFIG
    except KeyboardInterrupt:
        # Ctrl-C while loading (`watch` handles its own: stopping it is its normal end).
        code = EXIT_OK if args.command == "watch" else 128 + 2
    except BrokenPipeError:
        # `superconfig show | head`: the reader went away; not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = EXIT_OK
    sys.exit(code)


if __name__ == "__main__":
    main()
