"""A binding driven through one long-lived child process speaking JSON lines.

The child reads one request per line on stdin and writes one response per line on stdout (anything
else it has to say goes to stderr, which is kept for error messages). A case that takes longer than
``timeout`` seconds kills the child; the case fails and the next case starts a fresh child.
"""

from __future__ import annotations

import collections
import os
import queue
import shlex
import subprocess
import threading
from collections.abc import Mapping, Sequence
from typing import IO, Any

from tests_conformance.adapters.base import BindingUnavailableError, Capabilities, JsonDict
from tests_conformance.wire import decode_line, encode_line

DEFAULT_TIMEOUT = 30.0
_EOF = object()


class ProcessAdapter:
    """Adapter over a child process. ``command`` is started lazily (on :meth:`start` or the first
    :meth:`run`) and restarted after a crash or a timeout."""

    def __init__(
        self,
        name: str,
        command: Sequence[str],
        *,
        capabilities: Capabilities | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        cwd: str | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.name = name
        self.command = list(command)
        self.capabilities = capabilities or Capabilities()
        self.timeout = timeout
        self.cwd = cwd
        self.env = dict(env) if env is not None else None
        self._proc: subprocess.Popen[str] | None = None
        self._lines: queue.Queue[object] = queue.Queue()
        self._stderr: collections.deque[str] = collections.deque(maxlen=40)
        self.restarts = 0

    # -- lifecycle ------------------------------------------------------------------------------

    def start(self) -> None:
        """Start the child now; :class:`BindingUnavailableError` when it cannot be started."""
        if self._proc is not None and self._proc.poll() is None:
            return
        self._lines = queue.Queue()
        try:
            self._proc = subprocess.Popen(
                self.command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
                errors="replace",
                bufsize=1,
                cwd=self.cwd,
                env=self.env,
            )
        except OSError as exc:
            raise BindingUnavailableError(
                f"{self.name}: cannot start {self.command[0]}: {exc}"
            ) from exc
        assert self._proc.stdout is not None and self._proc.stderr is not None
        threading.Thread(
            target=self._pump, args=(self._proc.stdout, self._lines), daemon=True
        ).start()
        threading.Thread(target=self._drain, args=(self._proc.stderr,), daemon=True).start()

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            if proc.stdin is not None:
                proc.stdin.close()
            proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            proc.kill()
            proc.wait()

    def _kill(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            proc.kill()
            proc.wait()
        self.restarts += 1

    @staticmethod
    def _pump(stream: IO[str], lines: queue.Queue[object]) -> None:
        for line in stream:
            lines.put(line)
        lines.put(_EOF)

    def _drain(self, stream: IO[str]) -> None:
        for line in stream:
            self._stderr.append(line.rstrip("\n"))

    def stderr_tail(self, lines: int = 10) -> str:
        return " | ".join(list(self._stderr)[-lines:])

    # -- one case -------------------------------------------------------------------------------

    def run(self, request: JsonDict) -> JsonDict:
        case_id = request.get("id")
        self.start()
        proc = self._proc
        assert proc is not None and proc.stdin is not None
        try:
            proc.stdin.write(encode_line(request) + "\n")
            proc.stdin.flush()
        except (OSError, ValueError) as exc:
            return self._fatal(case_id, f"cannot write the request: {exc}")
        while True:
            try:
                item = self._lines.get(timeout=self.timeout)
            except queue.Empty:
                self._kill()
                return {
                    "id": case_id,
                    "fatal": f"no response within {self.timeout:g} s; adapter killed and restarted",
                }
            if item is _EOF:
                return self._fatal(case_id, "the adapter exited")
            line = str(item).strip()
            if line:
                break
        try:
            response = decode_line(line)
        except ValueError as exc:
            return self._fatal(case_id, f"unparsable response ({exc}): {line[:200]!r}")
        if not isinstance(response, dict):
            return self._fatal(case_id, f"response is not an object: {line[:200]!r}")
        if response.get("id") != case_id:
            return self._fatal(
                case_id, f"response for {response.get('id')!r} instead of {case_id!r}"
            )
        return response

    def _fatal(self, case_id: Any, message: str) -> JsonDict:
        proc = self._proc
        code = proc.poll() if proc is not None else None
        self._kill()
        status = f" (exit status {code})" if code is not None else ""
        tail = self.stderr_tail()
        return {
            "id": case_id,
            "fatal": f"{message}{status}" + (f"; stderr: {tail}" if tail else ""),
        }


def command_from_env(variable: str) -> list[str] | None:
    """A command line from an environment variable (split like a shell would, no expansion)."""
    value = os.environ.get(variable)
    return shlex.split(value) if value else None
