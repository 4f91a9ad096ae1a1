"""The `superconfig` command, run as a subprocess (`python -m superconfig` and the script)."""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest


def clean_env(env: dict[str, str] | None = None) -> dict[str, str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("APP_")}
    full_env.pop("NO_COLOR", None)
    full_env.update(env or {})
    return full_env


def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None):
    full_env = clean_env(env)
    return subprocess.run(
        [sys.executable, "-m", "superconfig", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def project(tmp_path: Path, fixture_dir: Path) -> Path:
    for name in ("defaults.json", "base.toml", "prod.yaml"):
        shutil.copy(fixture_dir / name, tmp_path / name)
    return tmp_path


@pytest.fixture
def app_env(fixture_env: dict[str, str]) -> dict[str, str]:
    return fixture_env


LAYERS = ["-d", "defaults.json", "-f", "base.toml", "-f", "prod.yaml", "-e", "APP_"]


def test_show_json_is_the_merged_fixture_redacted(project, app_env, fixture_dir):
    done = run("show", *LAYERS, cwd=project, env=app_env)
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    expected = json.loads((fixture_dir / "expected.json").read_text())
    assert shown["database"]["password"] == "***"
    assert shown["auth"]["jwt"]["secret"] == "***"
    assert "s3cr3t-from-env" not in done.stdout
    expected["database"]["password"] = "***"
    expected["auth"]["jwt"]["secret"] = "***"
    expected["auth"]["token_ttl_s"] = "***"  # the key contains "token": the core redacts it
    assert shown == expected


def test_show_no_redact_and_other_formats(project, app_env):
    done = run("show", *LAYERS, "--no-redact", cwd=project, env=app_env)
    assert json.loads(done.stdout)["database"]["password"] == "s3cr3t-from-env"
    yaml_out = run("show", *LAYERS, "--format", "yaml", cwd=project, env=app_env)
    assert yaml_out.returncode == 0 and "pool:" in yaml_out.stdout
    assert "s3cr3t" not in yaml_out.stdout
    toml_out = run("show", "-f", "base.toml", "--format", "toml", cwd=project)
    assert toml_out.returncode == 0 and "[database.pool]" in toml_out.stdout


def test_show_sources_table(project, app_env):
    done = run("show", *LAYERS, "--sources", cwd=project, env=app_env)
    assert done.returncode == 0, done.stderr
    lines = {line.split()[0]: line for line in done.stdout.splitlines()[1:]}
    assert "env APP_DATABASE__POOL__MAX_SIZE" in lines["database.pool.max_size"]
    assert "base.toml:38" in lines["database.pool.max_size"]  # what it overrode
    assert '"***"' in lines["database.password"]
    assert "s3cr3t" not in done.stdout
    assert "base.toml:" in lines["database.name"]
    assert "defaults" in lines["app.shutdown_timeout_s"]
    assert "\x1b[" not in done.stdout  # not a terminal: no colour


def test_colour_only_when_asked_or_on_a_tty(project):
    plain = run("sources", "-f", "base.toml", cwd=project)
    assert "\x1b[" not in plain.stdout
    coloured = run("sources", "-f", "base.toml", "--color", "always", cwd=project)
    assert "\x1b[" in coloured.stdout


def test_layers_apply_in_command_line_order(project):
    a = run("get", "-f", "base.toml", "-f", "prod.yaml", "server.workers", cwd=project)
    b = run("get", "-f", "prod.yaml", "-f", "base.toml", "server.workers", cwd=project)
    assert (a.stdout.strip(), b.stdout.strip()) == ("8", "2")
    env_last = run(
        "get",
        "-f",
        "base.toml",
        "-e",
        "APP_",
        "server.workers",
        cwd=project,
        env={"APP_SERVER__WORKERS": "16"},
    )
    env_first = run(
        "get",
        "-e",
        "APP_",
        "-f",
        "base.toml",
        "server.workers",
        cwd=project,
        env={"APP_SERVER__WORKERS": "16"},
    )
    assert (env_last.stdout.strip(), env_first.stdout.strip()) == ("16", "2")


def test_get_prints_strings_raw_and_the_rest_as_json(project, app_env):
    done = run(
        "get",
        *LAYERS,
        "database.host",
        "database.port",
        "features",
        "database.password",
        cwd=project,
        env=app_env,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout.splitlines()
    assert out[0] == "db-primary.override.internal"
    assert out[1] == "6432"
    assert out[-1] == "***"
    raw = run("get", *LAYERS, "--no-redact", "database.password", cwd=project, env=app_env)
    assert raw.stdout.strip() == "s3cr3t-from-env"


def test_explain(project, app_env):
    done = run("explain", *LAYERS, "database.pool.max_size", cwd=project, env=app_env)
    assert done.returncode == 0, done.stderr
    assert "database.pool.max_size = 64" in done.stdout
    assert "env APP_DATABASE__POOL__MAX_SIZE" in done.stdout
    assert "defaults, base.toml:38, prod.yaml:18" in done.stdout
    js = run("explain", *LAYERS, "--json", "database.password", cwd=project, env=app_env)
    (item,) = json.loads(js.stdout)
    assert item["value"] == "***"
    assert item["source"] == {"kind": "env", "name": "APP_DATABASE__PASSWORD", "line": None}
    assert [s["name"] for s in item["overridden"]] == ["base.toml"]


def test_sources(project):
    done = run(
        "sources",
        "-d",
        "defaults.json",
        "-f",
        "base.toml",
        "-f",
        "missing.toml",
        "-e",
        "APP_",
        cwd=project,
    )
    assert done.returncode == 0, done.stderr
    assert "missing.toml" in done.stdout and "missing" in done.stdout
    assert "FileNotFound" in done.stdout
    js = json.loads(
        run("sources", "-f", "base.toml", "-f", "missing.toml", "--json", cwd=project).stdout
    )
    assert [layer["status"] for layer in js["layers"]] == ["loaded", "missing"]
    assert js["warnings"][0]["kind"] == "FileNotFound"
    assert js["profile"] == "default"


def test_profiles_and_strict(tmp_path):
    (tmp_path / "s.toml").write_text("[default]\nport = 80\n[prod]\nport = 443\n")
    done = run("get", "--profiled-file", "s.toml", "--profile", "prod", "port", cwd=tmp_path)
    assert done.stdout.strip() == "443"
    strict = run("show", "--strict", "-f", "missing.toml", cwd=tmp_path)
    assert strict.returncode == 1
    assert "missing.toml" in strict.stderr


def test_configuration_error_names_file_line_and_key(tmp_path):
    (tmp_path / "bad.toml").write_text("[database]\nport = 99999999999999999999\n")
    done = run("show", "-f", "bad.toml", cwd=tmp_path)
    assert done.returncode == 1
    assert "bad.toml:2" in done.stderr
    assert "database.port" in done.stderr
    assert done.stdout == ""


def test_missing_key_is_a_configuration_error(project):
    done = run("get", "-f", "base.toml", "no.such.key", cwd=project)
    assert done.returncode == 1
    assert "no.such.key" in done.stderr


def test_required_file_and_defaults_file_errors(tmp_path):
    assert run("show", "--required-file", "nope.toml", cwd=tmp_path).returncode == 1
    done = run("show", "-d", "nope.json", cwd=tmp_path)
    assert done.returncode == 1 and "nope.json" in done.stderr


def test_usage_errors_exit_2(tmp_path):
    assert run(cwd=tmp_path).returncode == 2
    assert run("show", "--bogus", cwd=tmp_path).returncode == 2
    assert run("frobnicate", cwd=tmp_path).returncode == 2
    assert run("get", cwd=tmp_path).returncode == 2  # KEY is required
    assert run("show", "--format", "ini", cwd=tmp_path).returncode == 2


def test_help_has_examples(tmp_path):
    done = run("--help", cwd=tmp_path)
    assert done.returncode == 0
    assert "examples:" in done.stdout and "superconfig show" in done.stdout
    sub = run("show", "--help", cwd=tmp_path)
    assert "--sources" in sub.stdout and "--env PREFIX" in sub.stdout


def test_glob_and_hierarchical(tmp_path):
    (tmp_path / "conf.d").mkdir()
    (tmp_path / "conf.d" / "a.toml").write_text("x = 1\n")
    (tmp_path / "conf.d" / "b.toml").write_text("x = 2\n")
    assert run("get", "-g", "conf.d/*.toml", "x", cwd=tmp_path).stdout.strip() == "2"
    (tmp_path / ".myapp.yaml").write_text("y: found\n")
    done = run(
        "get",
        "--hierarchical",
        "myapp",
        "y",
        cwd=tmp_path,
        env={"XDG_CONFIG_HOME": str(tmp_path / "xdg")},
    )
    assert done.stdout.strip() == "found", done.stderr


def test_console_script_is_installed(tmp_path):
    script = shutil.which("superconfig", path=os.path.dirname(sys.executable))
    assert script is not None, "the package declares a `superconfig` console script"
    done = subprocess.run([script, "--version"], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "0.1.0" in done.stdout


# ----- watch ----------------------------------------------------------------------------------

WAIT = 15.0  # seconds: generous on a loaded 2-core machine


def save(path: Path, text: str) -> None:
    """As editors save: a temporary file renamed over the old one."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


class Watching:
    """`superconfig watch ...` running in a subprocess; its stdout read line by line on a thread,
    so that every read can time out."""

    def __init__(self, *args: str, cwd: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "superconfig", "watch", *args],
            cwd=cwd,
            env=clean_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def line(self) -> str:
        try:
            line = self.lines.get(timeout=WAIT)
        except queue.Empty:
            pytest.fail(f"no line within {WAIT} s; so far: {self.seen}")
        if line is None:
            pytest.fail(f"the command ended; so far: {self.seen}; stderr: {self.stop()[1]}")
        self.seen.append(line)
        return line

    def until(self, wanted: str) -> str:
        """The next line containing ``wanted`` (earlier lines are kept in ``seen``)."""
        while True:
            line = self.line()
            if wanted in line:
                return line

    def stop(self) -> tuple[int, str]:
        """Ctrl-C; the exit status and stderr."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            _, err = self.proc.communicate(timeout=WAIT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _, err = self.proc.communicate()
            pytest.fail(f"still running {WAIT} s after Ctrl-C; stderr: {err}")
        self._reader.join(timeout=WAIT)
        while (line := self.lines.get_nowait()) is not None:
            self.seen.append(line)
        return self.proc.returncode, err


needs_sigint = pytest.mark.skipif(
    sys.platform == "win32", reason="Ctrl-C is a console event on Windows, not SIGINT"
)


@needs_sigint
def test_watch_prints_each_change_and_stops_cleanly_on_ctrl_c(tmp_path):
    file = tmp_path / "app.toml"
    save(file, "port = 1\n[old]\nx = 1\n")
    watching = Watching("-f", str(file), "--debounce-ms", "50", cwd=tmp_path)
    try:
        first = watching.line()
        assert first.startswith("watching ") and str(file) in first and "version 0" in first
        save(file, 'port = 2\n[new]\nname = "web"\n')
        assert watching.until("version ").startswith("version 1")
        assert watching.until("port:") == f"  port: 1 → 2  ({file}:1)"
        assert watching.until("new.name") == f"+ new.name = web  ({file}:3)"
        assert watching.until("old.x") == f"- old.x  (was 1, {file}:3)"
        save(file, "port = \n")  # broken: reported, version 1 kept
        failed = watching.until("reload failed")
        assert "still version 1" in failed and f"{file}:1" in failed
        save(file, "port = 3\n")
        watching.until("version 2")
        assert watching.until("port:") == f"  port: 2 → 3  ({file}:1)"
    finally:
        code, err = watching.stop()
    assert code == 0, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert "\x1b[" not in "".join(watching.seen)  # a pipe: no colour


@needs_sigint
def test_watch_shows_secrets_redacted_only(tmp_path):
    file = tmp_path / "db.toml"
    save(file, 'host = "a"\npassword = "hunter2-old"\n')
    watching = Watching("-f", str(file), "--debounce-ms", "50", cwd=tmp_path)
    try:
        watching.line()
        save(file, 'host = "a"\npassword = "hunter2-new"\napi_token = "tok-123"\n')
        assert watching.until("password:") == f"  password: *** → ***  ({file}:2)"
        assert watching.until("api_token") == f"+ api_token = ***  ({file}:3)"
    finally:
        code, err = watching.stop()
    assert code == 0, err
    shown = "\n".join(watching.seen) + err
    assert "hunter2" not in shown and "tok-123" not in shown


def test_watch_has_no_no_redact_and_checks_its_intervals(tmp_path):
    (tmp_path / "a.toml").write_text("x = 1\n")
    assert run("watch", "-f", "a.toml", "--no-redact", cwd=tmp_path).returncode == 2
    assert run("watch", "-f", "a.toml", "--debounce-ms", "0", cwd=tmp_path).returncode == 2
    assert run("watch", "-f", "a.toml", "--poll-ms", "soon", cwd=tmp_path).returncode == 2
    missing = run("watch", "--required-file", "nope.toml", cwd=tmp_path)
    assert missing.returncode == 1 and "nope.toml" in missing.stderr
