"""Entity recognition for the window, in a process of its own.

Recognition is pure-Python work (about 100 articles a second with the built-in recogniser,
far less with spaCy), run after every import. In a thread of the window's process it held
the interpreter lock: measured on a 3,000-article import, the GUI thread waited for it up
to 350 ms at a time, and the run itself took five times as long as alone (every switch of
the lock is a wait on a loaded machine). Here a process started with ``spawn`` (forking a
Qt process is unsafe) opens its own connection and writes the mentions itself, exactly as
:func:`~desktop.services.recognition_service.recognize_with` does in the command line.

What makes it the window's action is kept: the calling worker thread holds the project's
``write_lock`` for the whole run (the window's other writes wait, as before), and the child
sends the raw row changes of every batch as it commits them, so the run comes back as one
:class:`~desktop.domain.change_set.ChangeSet`: one step in Edit > Undo, and what the models
and the index follow. Cancelling (the progress panel, closing the project, quitting) sets
an event the child checks between articles; one that does not stop in time is killed,
which loses only its uncommitted batch.

Messages from the child, each a tuple:

    ("progress", done, total, label)
    ("rows", [(table, row_id, op, before or None), ...])   one committed batch
    ("done", {report fields})
    ("failed", kind, message)      kind: "value", "spacy", "project" or "other"
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing
import time
from collections.abc import Callable, Sequence
from dataclasses import fields
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from multiprocessing.synchronize import Event
from pathlib import Path
from types import MappingProxyType

from desktop.domain.change_set import ChangeSet, Op, RowChange
from desktop.entities.recognizer_names import BUILTIN
from desktop.entities.spacy_recognizer import SpacyUnavailableError
from desktop.services.background_priority import BackgroundPriority
from desktop.services.cancel_token import Progress, ProgressThrottle, no_progress
from desktop.services.log_files import LogFiles
from desktop.services.project import BACKUP_DIR, DB_NAME, Project
from desktop.services.recognition_service import RecognitionReport, recognize_with
from desktop.storage.project_store import ProjectStore
from desktop.storage.storage_errors import ProjectError

log = logging.getLogger(__name__)

_POLL_S = 0.05
# After a cancel, how long the child may take to finish its article and commit its batch
# before it is killed (closing a project waits 3 s for its workers in all).
STOP_GRACE_S = 2.0
# Row changes per message: each message is unpickled in one go, holding the interpreter
# lock of the window's process meanwhile; a few thousand small tuples take a millisecond.
_ROWS_PER_MESSAGE = 2000
# Row changes received between two freezes of the garbage collector (see _Follower).
_FREEZE_EVERY = 50_000
_ERRORS: dict[str, type[Exception]] = {
    "value": ValueError, "spacy": SpacyUnavailableError, "project": ProjectError}

Message = tuple[object, ...]
Wire = tuple[str, int, str, dict[str, object] | None]


class RecognitionProcess:
    """Like :meth:`RecognitionService.recognize`, with the work done in a child process."""

    def __init__(self, project: Project, recognizer: str = BUILTIN) -> None:
        self.project = project
        self.recognizer_name = recognizer

    def recognize(
        self,
        article_ids: Sequence[int] | None = None,
        progress: Progress = no_progress,
        cancel: Callable[[], bool] = lambda: False,
    ) -> RecognitionReport:
        """Runs on a worker thread and blocks it until the child is done. Raises as the
        service does (``ValueError``, ``SpacyUnavailableError``, ``ProjectError``), and
        ``RuntimeError`` when the child died without finishing."""
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe(duplex=False)
        stop = context.Event()
        process = context.Process(
            target=run_recognition, name="research-notes-recognition", daemon=True,
            args=(str(self.project.path / DB_NAME), str(self.project.path / BACKUP_DIR),
                  self.recognizer_name, None if article_ids is None else list(article_ids),
                  theirs, stop, BackgroundPriority.niceness))
        with self.project.write_lock:
            process.start()
            theirs.close()
            try:
                return _Follower(process, ours, stop, progress, cancel).follow()
            finally:
                ours.close()
                _end(process)


class _Follower:
    """The worker thread's side: reads the child's messages until its report.

    A run over 50,000 articles sends a million row changes, each an object kept for the
    undo step. Python's full garbage collections walk every object of the process while
    holding the interpreter lock, and while the change set grows they come ever larger
    (at each quarter more of long-lived objects): near a second each at the end, on any
    thread, the GUI thread waiting. So every ``_FREEZE_EVERY`` rows (and once the change
    set is built) the objects made so far are frozen: no later collection walks them, and
    they are still freed as usual when the undo step is dropped (they hold no cycles). The
    price: a cycle that was garbage at that moment is never collected, a few objects.
    """

    def __init__(self, process: BaseProcess, conn: Connection, stop: Event,
                 progress: Progress, cancel: Callable[[], bool]) -> None:
        self._process = process
        self._conn = conn
        self._stop = stop
        self._progress = progress
        self._cancel = cancel
        self._raw: list[RowChange] = []
        self._frozen_at = 0
        self._done = 0  # articles, as last reported
        self._stopping_since: float | None = None

    def follow(self) -> RecognitionReport:
        while True:
            if self._stopping_since is None and self._cancel():
                self._stop.set()
                self._stopping_since = time.monotonic()
            if (self._stopping_since is not None
                    and time.monotonic() - self._stopping_since > STOP_GRACE_S):
                log.warning("entity recognition did not stop in %.1f s; ending it",
                            STOP_GRACE_S)
                self._process.terminate()
                return self._report({"cancelled": True, "articles_done": self._done})
            try:
                if not self._conn.poll(_POLL_S):
                    continue
                message = self._conn.recv()
            except (EOFError, OSError):
                # The child ended without a report: killed, or crashed in a way that could
                # not even be reported.
                if self._stopping_since is not None:
                    return self._report({"cancelled": True, "articles_done": self._done})
                raise RuntimeError("entity recognition stopped unexpectedly") from None
            report = self._handle(message)
            if report is not None:
                return report

    def _handle(self, message: Message) -> RecognitionReport | None:
        kind = message[0]
        if kind == "progress":
            done, total, label = message[1:]
            self._done = int(done)  # type: ignore[call-overload]
            self._progress(int(done), int(total), str(label))  # type: ignore[call-overload]
        elif kind == "rows":
            rows: list[Wire] = message[1]  # type: ignore[assignment]
            self._raw.extend(
                RowChange(table, row_id, Op(op),
                          None if before is None else MappingProxyType(before))
                for table, row_id, op, before in rows)
            if len(self._raw) - self._frozen_at >= _FREEZE_EVERY:
                self._frozen_at = len(self._raw)
                gc.freeze()
        elif kind == "done":
            return self._report(message[1])  # type: ignore[arg-type]
        elif kind == "failed":
            error = _ERRORS.get(str(message[1]), RuntimeError)
            raise error(str(message[2]))
        return None

    def _report(self, values: dict[str, object]) -> RecognitionReport:
        known = {f.name for f in fields(RecognitionReport)} - {"changes"}
        report = RecognitionReport(**{k: v for k, v in values.items() if k in known})  # type: ignore[arg-type]
        report.changes = ChangeSet.merge(self._raw)
        if len(self._raw) >= _FREEZE_EVERY:
            gc.freeze()
        return report


def _end(process: BaseProcess) -> None:
    process.join(STOP_GRACE_S)
    if process.is_alive():
        process.terminate()
        process.join(1.0)


# -- the child process -----------------------------------------------------------------


def run_recognition(db_path: str, backup_dir: str, recognizer: str,
                    article_ids: list[int] | None, conn: Connection, stop: Event,
                    niceness: int = 0) -> None:
    """Entry point of the child process."""
    BackgroundPriority.lower(niceness)
    LogFiles.configure("recognition")
    parent = multiprocessing.parent_process()

    def cancelled() -> bool:
        # Asked to stop, or orphaned (the window was killed): stop between articles.
        return stop.is_set() or (parent is not None and not parent.is_alive())

    def committed(rows: Sequence[RowChange]) -> None:
        wire: list[Wire] = [
            (c.table, c.row_id, c.op.value, None if c.before is None else dict(c.before))
            for c in rows]
        for begin in range(0, len(wire), _ROWS_PER_MESSAGE):
            _send(conn, ("rows", wire[begin:begin + _ROWS_PER_MESSAGE]))

    def progress(done: int, total: int, label: str) -> None:
        _send(conn, ("progress", done, total, label))

    try:
        store = ProjectStore(Path(db_path), backup_dir=Path(backup_dir))
        try:
            report = recognize_with(store, recognizer, article_ids, ProgressThrottle(progress),
                                    cancelled, committed)
        finally:
            store.close()
    except ValueError as error:
        _send(conn, ("failed", "value", str(error)))
    except SpacyUnavailableError as error:
        _send(conn, ("failed", "spacy", str(error)))
    except ProjectError as error:
        _send(conn, ("failed", "project", str(error)))
    except Exception as error:  # reported to the window, logged here with its traceback
        log.exception("entity recognition failed")
        _send(conn, ("failed", "other", f"{type(error).__name__}: {error}"))
    else:
        values = {f.name: getattr(report, f.name) for f in fields(report) if f.name != "changes"}
        _send(conn, ("done", values))
    finally:
        conn.close()


def _send(conn: Connection, message: Message) -> None:
    # The window is gone or stopped listening: it will learn nothing more.
    with contextlib.suppress(OSError, ValueError):
        conn.send(message)
