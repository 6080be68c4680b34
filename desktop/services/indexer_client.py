"""The application's handle on its indexer process (see :mod:`indexer_process`).

Thread-safe: the GUI thread and an import worker may both ask for a sync. The process is
started on the first request and restarted if it died (the outbox keeps every change, so
nothing is lost). ``stop`` returns within about a second whatever the process is doing.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from desktop.services.background_priority import BackgroundPriority
from desktop.services.indexer_process import run_indexer

log = logging.getLogger(__name__)

Event = tuple[object, ...]


class IndexerClient:
    def __init__(self, db_path: Path, index_root: Path, *, read_only: bool = False) -> None:
        self._args = (str(db_path), str(index_root), read_only)
        self._context = multiprocessing.get_context("spawn")
        self._lock = threading.RLock()
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
        self._cancel = self._context.Event()
        self._sent = 0
        self._idle = 0
        # Events read from the pipe while sending, for the next events() or wait_idle().
        self._backlog: list[Event] = []
        self.last_error: str | None = None
        # Set by request_stop: the project is closing, so nothing may start the process again.
        self._closing = False

    # -- requests -----------------------------------------------------------------------

    def start(self) -> None:
        """Start the process now, from the calling thread, rather than at the first request
        (the window opens a project in a worker, and starting a process there spares the
        GUI thread a stall of a few hundred milliseconds on a busy machine)."""
        with self._lock:
            if not self._closing:
                self._ensure_started()

    def sync(self) -> int:
        """Ask for the index to follow the database; returns the request's number."""
        return self._send("sync")

    def flush(self) -> int:
        """Like :meth:`sync`, for when no more changes are coming soon (an import ended):
        the new documents are committed as soon as they are applied."""
        return self._send("flush")

    def rebuild(self) -> int:
        return self._send("rebuild")

    def cancel(self) -> None:
        """Stop the current rebuild or catch-up; what is stored stays in the outbox."""
        self._cancel.set()

    @property
    def busy(self) -> bool:
        with self._lock:
            return self._idle < self._sent

    # -- events -------------------------------------------------------------------------

    def events(self) -> list[Event]:
        """Everything the process reported since the last call (of progress reports only
        the latest of a run of them); never blocks."""
        with self._lock:
            self._drain()
            received, self._backlog = self._backlog, []
        return received

    def wait_idle(self, timeout: float | None = None,
                  on_event: Callable[[Event], None] | None = None) -> bool:
        """Block until every request sent so far is done (CLI, tests); False on timeout."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            with self._lock:
                backlog, self._backlog = self._backlog, []
                if on_event is not None:
                    for event in backlog:
                        on_event(event)
                if self._idle >= self._sent or self._conn is None:
                    return self._idle >= self._sent
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    return False
                if self._poll(min(0.1, left) if left is not None else 0.1):
                    event = self._receive()
                    if on_event is not None:
                        on_event(event)

    # -- life cycle ---------------------------------------------------------------------

    def request_stop(self) -> None:
        """Ask the process to leave, without waiting (:meth:`stop` waits, and kills it if
        need be). A closing project asks first, so the indexer winds down while the
        window's workers do: quitting waited for one, then the other (3–4 s in a new
        user's trial). Requests after this one are ignored: a worker's last "sync" must
        not start the process again."""
        with self._lock:
            self._closing = True
            self._idle = self._sent  # nothing asked will be done now
            if self._process is not None:
                self._ask_to_leave(self._conn)

    def stop(self, timeout: float = 1.0) -> None:
        """Ask the process to leave; kill it if it has not within ``timeout`` seconds."""
        with self._lock:
            process, conn = self._process, self._conn
            self._process, self._conn = None, None
            self._idle = self._sent
        if process is None:
            return
        self._ask_to_leave(conn)
        process.join(timeout)
        if process.is_alive():
            # Mid-commit a Whoosh writer cannot be interrupted. Terminated, the indexer
            # leaves through its clean-up (a half-built generation removed, its helpers
            # stopped); killed, if that takes longer, which is safe too: the files of an
            # unfinished commit are never referenced, the outbox still holds it all, and
            # the next indexer removes what was left. Expected (no terminal line on
            # quitting: a new user's trial took it for a fault); kept where the log file
            # level lets it be asked for.
            log.info("the indexer did not stop in %.1f s; terminating it", timeout)
            process.terminate()
            process.join(1.0)
            if process.is_alive():
                process.kill()  # multiprocessing would wait for it at exit, unbounded
                process.join(1.0)
        if conn is not None:
            conn.close()

    def _ask_to_leave(self, conn: Connection | None) -> None:
        """Cancel what the process is doing and tell it to stop (it may be gone)."""
        self._cancel.set()
        if conn is not None:
            with contextlib.suppress(OSError, ValueError):
                conn.send(("stop", 0))

    @property
    def alive(self) -> bool:
        with self._lock:
            return self._process is not None and self._process.is_alive()

    def _send(self, name: str) -> int:
        with self._lock:
            if self._closing:
                return self._sent  # nothing more is done for a closing project
            self._ensure_started()
            # The pipe holds a few hundred events; a caller that asks for a sync after every
            # stored batch and reads events only at the end (the command line's import)
            # would let it fill, and the indexer would wait, idle, on its next report until
            # the import ended. So every request reads what has arrived.
            self._drain()
            assert self._conn is not None
            self._sent += 1
            self._cancel.clear()
            try:
                self._conn.send((name, self._sent))
            except (OSError, ValueError):
                # The process died (killed, crashed): start a new one and ask again.
                self._discard_process()
                self._ensure_started()
                assert self._conn is not None
                self._conn.send((name, self._sent))
            return self._sent

    def _ensure_started(self) -> None:
        if self._process is not None and self._process.is_alive():
            return
        self._discard_process()
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=run_indexer,
            args=(*self._args, child, self._cancel, BackgroundPriority.niceness),
            name="research-notes-indexer", daemon=True,
        )
        process.start()
        child.close()
        self._process, self._conn = process, parent

    def _discard_process(self) -> None:
        if self._conn is not None:
            self._conn.close()
        self._process, self._conn = None, None
        self._idle = self._sent

    def _drain(self) -> None:
        """Move what has arrived into the backlog, keeping only the latest progress report
        of a run of them (the backlog stays small however long nobody asks)."""
        while self._conn is not None and self._poll(0):
            event = self._receive()
            if event[0] == "progress" and self._backlog and self._backlog[-1][0] == "progress":
                self._backlog[-1] = event
            else:
                self._backlog.append(event)

    def _poll(self, timeout: float) -> bool:
        assert self._conn is not None
        try:
            return self._conn.poll(timeout)
        except (OSError, EOFError):
            self._died()
            return False

    def _receive(self) -> Event:
        assert self._conn is not None
        try:
            event: Event = self._conn.recv()
        except (OSError, EOFError):
            self._died()
            return ("error", "The indexer stopped unexpectedly; it will be restarted.")
        if event[0] == "idle":
            self._idle = max(self._idle, int(event[1]))  # type: ignore[call-overload]
        elif event[0] == "error":
            self.last_error = str(event[1])
        return event

    def _died(self) -> None:
        log.warning("the indexer process ended unexpectedly")
        self._discard_process()
