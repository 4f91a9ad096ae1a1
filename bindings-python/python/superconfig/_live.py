"""Live configuration (docs/behaviour.md, "Reload"): the reload events and the watcher.

``SuperConfig.reload()`` / ``update_string()`` return a :class:`Changed` (or ``None`` when no
value changed) and raise the error of a broken input, keeping the last good tree.
``SuperConfig.watch()`` returns a :class:`Watcher`: every reload of the configuration
(by the watcher or by a call) reaches its ``on_change`` callbacks on one background thread,
which holds the GIL only while it runs Python code, and ``async for`` iterators of
:meth:`Watcher.changes`, in order.
"""

from __future__ import annotations

import contextlib
import threading
import weakref
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, Optional, Union

if TYPE_CHECKING:
    import asyncio

    from superconfig._errors import SuperConfigError
    from superconfig._superconfig import NativeWatcher, SuperConfig
    from superconfig.types import Source

__all__ = ["Changed", "KeyChange", "ReloadEvent", "ReloadFailed", "Watcher"]


@dataclass(frozen=True)
class KeyChange:
    """One changed key: dotted path, old and new value (secrets shown as ``***``), sources."""

    path: str
    old: Any = None
    new: Any = None
    old_source: Optional[Source] = None
    new_source: Optional[Source] = None


@dataclass(frozen=True)
class Changed:
    """A reload changed at least one value; ``version`` is the configuration's new version."""

    version: int
    added: list[KeyChange] = field(default_factory=list)
    removed: list[KeyChange] = field(default_factory=list)
    changed: list[KeyChange] = field(default_factory=list)
    kind: Literal["Changed"] = "Changed"


@dataclass(frozen=True)
class ReloadFailed:
    """A reload failed; ``version`` is the one still served, ``error`` says why (file, line)."""

    version: int
    error: SuperConfigError
    kind: Literal["ReloadFailed"] = "ReloadFailed"


#: What a watcher delivers.
ReloadEvent = Union[Changed, ReloadFailed]

OnChange = Callable[[ReloadEvent], object]

_CLOSED = object()


class Watcher:
    """A running watch; a context manager. Close it (or leave the ``with`` block) to stop.

    Callbacks (``on_change``, :meth:`add_callback`) run one event at a time, in order, on the
    watcher's thread; one that raises is logged on the ``superconfig`` logger and the watcher
    goes on. The thread is a daemon: a watcher never keeps the interpreter alive.
    """

    def __init__(
        self, native: NativeWatcher, config: SuperConfig, on_change: Optional[OnChange] = None
    ) -> None:
        self._native = native
        self.config = config
        self._callbacks: list[OnChange] = [on_change] if on_change is not None else []
        self._queues: list[tuple[asyncio.AbstractEventLoop, asyncio.Queue[object]]] = []
        self._lock = threading.Lock()
        # The thread holds the watcher weakly: a watcher nothing refers to is collected, and
        # its __del__ closes it.
        self._thread = threading.Thread(
            target=_pump, args=(weakref.ref(self), native), name="superconfig-watch", daemon=True
        )
        self._thread.start()

    def add_callback(self, callback: OnChange) -> None:
        """Calls ``callback`` with every later event."""
        with self._lock:
            self._callbacks.append(callback)

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return bool(self._native.closed)

    def close(self) -> None:
        """Stops watching: no callback starts after this returns. Closing again is harmless."""
        self._native.close()
        if threading.current_thread() is not self._thread:
            self._thread.join()

    def __enter__(self) -> Watcher:
        return self

    def __exit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.close()

    def __del__(self) -> None:
        native = getattr(self, "_native", None)
        if native is not None:
            native.close()

    async def changes(self) -> AsyncIterator[ReloadEvent]:
        """The events from now on, for ``async for``, delivered into the running event loop;
        the iteration ends when the watcher is closed."""
        import asyncio  # noqa: PLC0415

        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[object] = asyncio.Queue()
        entry = (loop, queue)
        with self._lock:
            if self.closed:
                return
            self._queues.append(entry)
        try:
            while True:
                item = await queue.get()
                if item is _CLOSED:
                    return
                yield item  # type: ignore[misc]
        finally:
            with self._lock:
                if entry in self._queues:
                    self._queues.remove(entry)

    def _dispatch(self, event: ReloadEvent) -> None:
        with self._lock:
            callbacks = list(self._callbacks)
            queues = list(self._queues)
        for callback in callbacks:
            try:
                callback(event)
            except Exception:
                # Imported here: `import superconfig` imports neither logging nor asyncio.
                import logging  # noqa: PLC0415

                logging.getLogger("superconfig").exception(
                    "an on_change callback raised; watching goes on"
                )
        for loop, queue in queues:
            _deliver(loop, queue, event)

    def _finish(self) -> None:
        with self._lock:
            queues = list(self._queues)
        for loop, queue in queues:
            _deliver(loop, queue, _CLOSED)

    def __repr__(self) -> str:
        state = "closed" if self.closed else "watching"
        return f"<superconfig.Watcher {state} {self.config!r}>"


def _pump(ref: weakref.ReferenceType[Watcher], native: NativeWatcher) -> None:
    """The watcher's thread: each event to the watcher while it exists (the GIL is released
    while waiting in ``recv``)."""
    while True:
        event = native.recv()
        if event is None:
            break
        watcher = ref()
        if watcher is None:
            native.close()
            break
        watcher._dispatch(event)
        del watcher
    watcher = ref()
    if watcher is not None:
        watcher._finish()


def _deliver(loop: asyncio.AbstractEventLoop, queue: asyncio.Queue[object], item: object) -> None:
    # A closed loop (RuntimeError): nobody is iterating any more.
    with contextlib.suppress(RuntimeError):
        loop.call_soon_threadsafe(queue.put_nowait, item)
