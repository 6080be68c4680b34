"""The indexer process: the one place where the GUI's search index is written.

Bulk indexing is minutes of pure-Python work at 50,000 articles; in a thread of the GUI
process it held the interpreter lock and froze the window for seconds. Here it runs in a
process of its own (started with ``spawn``: forking a Qt process is unsafe), fed through a
pipe with commands and answering with events:

    commands: ("sync", n)     bring the index up to date with the outbox (rebuild if needed);
                              more changes are probably coming (an import is running)
              ("flush", n)    the same, and commit as soon as the outbox is drained
              ("rebuild", n)  build a fresh index beside the live one, then sync
              ("stop", n)     leave (pending documents are dropped; the outbox keeps them)
    events:   ("progress", done, total, label)
              ("committed", state)          new documents are searchable
              ("rebuilding", reason, damaged)  damaged: the index was found damaged
              ("error", message)
              ("idle", n)                   every command up to n is done

While an import keeps committing batches (and sending "sync" after each), the indexer keeps
one Whoosh writer open and commits when the outbox has been quiet for a moment, every
``COMMIT_EVERY_S`` seconds, or every ``COMMIT_EVERY_DOCS`` documents: few segments, so
searches stay fast, and new articles become searchable soon after they are stored.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import signal
import time
from multiprocessing.connection import Connection
from multiprocessing.synchronize import Event
from pathlib import Path

from desktop.services.background_priority import BackgroundPriority
from desktop.services.index_feeder import IndexFeeder, IndexNeed, NotEnoughSpaceError
from desktop.services.log_files import LogFiles
from desktop.storage.project_store import ProjectStore

log = logging.getLogger(__name__)

QUIET_S = 0.8
COMMIT_EVERY_S = 30.0
COMMIT_EVERY_DOCS = 20_000
# Small rounds: commands, a stop or a cancel are noticed between them. Not while the held
# back changes are written or committed (up to 10,000 documents, tens of seconds): a
# client that asked to stop kills the process after a second (nothing is lost: the outbox
# keeps what was not committed).
ROUND_ROWS = 250
PROGRESS_EVERY_S = 0.25


def run_indexer(
    db_path: str, index_root: str, read_only: bool, conn: Connection, cancel: Event,
    niceness: int = 0,
) -> None:
    """Entry point of the child process; ``niceness`` lowers its priority (and that of
    the helper processes it starts) below the window's (see BackgroundPriority)."""
    BackgroundPriority.lower(niceness)
    LogFiles.configure("indexer")
    # Terminated (a stop it did not answer in time, mid-commit): leave through the
    # finally blocks. Killed outright, it left a half-built generation behind, its
    # helpers printed tracebacks as their files vanished, and the semaphores of its queues
    # were reported leaked on the terminal (a new user's trial).
    signal.signal(signal.SIGTERM, _leave)
    try:
        loop = IndexerLoop(Path(db_path), Path(index_root), read_only, conn, cancel)
    except Exception as error:
        log.exception("the indexer could not open the project")
        _send(conn, ("error", f"The indexer could not open the project: {error}"))
        return
    try:
        loop.serve()
    finally:
        loop.close()


class IndexerLoop:
    def __init__(
        self, db_path: Path, index_root: Path, read_only: bool, conn: Connection, cancel: Event
    ) -> None:
        self._conn = conn
        self._cancel = cancel
        self._store = ProjectStore(db_path, read_only=read_only)
        from index import IndexUpdater  # in the indexer process only

        self._updater = IndexUpdater(index_root)
        self._feeder = IndexFeeder(self._store, self._updater)
        self._handled = 0
        self._next: tuple[str, int] | None = None
        self._last_progress = 0.0
        self._parent = multiprocessing.parent_process()
        # The index files' checksums are read in full once per opening (see _verify);
        # put off: a command came while they were being read.
        self._verified = False
        self._verify_put_off = False

    def _stopping(self) -> bool:
        """Asked to stop, or orphaned: an application killed without cleanup must not leave
        us holding the index's write lock for the next one."""
        return self._cancel.is_set() or (self._parent is not None and not self._parent.is_alive())

    def serve(self) -> None:
        while True:
            if self._next is not None:
                command, self._next = self._next, None
            else:
                try:
                    command = self._conn.recv()
                except (EOFError, OSError):
                    return  # the application is gone
            name, number = command
            if name == "stop":
                return
            # The cancel flag is not cleared here: the application clears it when it sends
            # a command, so a cancel that arrives before we start on it is still honoured.
            try:
                if name == "rebuild":
                    self._rebuild("Rebuilding the search index as asked")
                self._sync(wait=name == "sync")
                if self._next is None and self._verify_put_off:
                    self._verify()  # put off by a command this one went on to read
            except NotEnoughSpaceError as error:
                _send(self._conn, ("error", str(error)))
            except Exception as error:  # reported, logged with its traceback, and we go on
                log.exception("indexing failed")
                self._updater.discard()
                _send(self._conn, ("error", f"Indexing failed: {error}"))
            self._handled = max(self._handled, number)
            if self._next is None or self._next[0] == "stop":
                _send(self._conn, ("idle", self._handled))

    def _verify(self) -> None:
        """Once per opening, when the first command finds the index usable (the window's
        flush on opening; the command line's first sync), before catching up: read every
        index file and compare its checksum, as written. A damaged block that still
        decompresses gave wrong counts shown as exact (a new user's trial); the checks on
        opening only look at sizes and at files something wrote to. Put off by the next
        command, and taken up again once that one is done."""
        from index import SealCheckStopped  # in the indexer process only

        if self._verified:
            return
        read = 0

        def stop() -> bool:  # called for every MB read (and once per file)
            nonlocal read
            read += 1
            self._progress(min(read, total), total, "Checking the search index")
            return self._stopping() or self._conn.poll(0)

        try:
            total = max(1, self._updater.home.size_bytes() >> 20)
            # A generation that is not the live one is a build that a killed process left
            # (21 MB for the BBC set, ~145 MB at 50,000).
            self._updater.tidy()
            problem = self._updater.verify(stop)
        except SealCheckStopped:
            self._verify_put_off = True
            return
        except Exception:  # the next search or sync meets what is wrong, and says so
            log.exception("checking the index files failed")
            problem = None
        self._verified, self._verify_put_off = True, False
        if problem:
            log.warning("the search index is damaged: %s", problem)
            self._rebuild(problem, damaged=True)

    def close(self) -> None:
        self._updater.close()
        self._store.close()

    def _rebuild(self, reason: str, damaged: bool = False) -> None:
        if damaged:
            reason = f"The search index is damaged and is being rebuilt. {reason}"
        _send(self._conn, ("rebuilding", reason, damaged))
        if not self._feeder.rebuild(self._progress, self._stopping):
            _send(self._conn, ("cancelled",))
            return
        # Searchable now, as after a commit: a search that found the index damaged is
        # answered again (it showed the damage until the user pressed Enter).
        _send(self._conn, ("committed", dict(self._feeder.state())))
        self._verified = True  # sealing the new files has just read them all

    def _sync(self, wait: bool) -> None:
        plan = self._feeder.plan()
        if plan.need is IndexNeed.REBUILD:
            self._rebuild(plan.reason, damaged=plan.damaged)
            return
        # Before catching up: the window may search the moment it is open, and a damaged
        # file answers wrongly until it is found.
        self._verify()
        self._follow(wait)

    def _follow(self, wait: bool) -> None:
        """Apply outbox rounds while changes keep coming; commit when quiet or due.

        With ``wait`` (an import is running) a drained outbox is given a moment to receive
        the next batch before committing, so one import does not make dozens of segments.
        Commands are read between rounds, not only once the outbox is drained: a flush (an
        import or an edit is done) is committed as soon as the rows stored before it are
        applied, though storing goes on. The names recognised after an import store rows
        for as long as the import's articles take to index, and those articles were not
        searchable until recognition ended (a new user's trial: no results for 26-45 s).
        """
        last_commit = time.monotonic()
        committed = self._feeder.seq
        applied = 0
        # The outbox position a flush asked to be searchable.
        flush_at: int | None = None if wait else self._store.outbox.last_seq()
        while True:
            if self._stopping():
                self._updater.discard()
                return
            rows = self._feeder.apply_round(ROUND_ROWS)
            if rows:
                applied += rows
                if wait:
                    # An import (or the recognition after it) is still storing: the outbox
                    # grows as fast as it is read, so a total would grow under the bar and
                    # pull it back (found by a new user's trial), and a count of changes
                    # (mostly recognised names) says nothing about articles. Busy only.
                    self._progress(0, 0, "keeping up with changes")
                else:
                    behind = self._store.outbox.last_seq() - self._feeder.seq
                    self._progress(applied, applied + behind, "Indexing")
                reached = flush_at is not None and self._feeder.seq >= flush_at
                due = time.monotonic() - last_commit > COMMIT_EVERY_S
                if reached or due or self._updater.pending >= COMMIT_EVERY_DOCS:
                    self._commit()
                    last_commit, committed = time.monotonic(), self._feeder.seq
                    if reached:
                        flush_at = None
                if not self._conn.poll(0):
                    continue
            elif flush_at is not None or not self._conn.poll(QUIET_S if applied and wait else 0):
                break  # drained: what was asked is applied, or nothing more is coming
            try:
                command = self._conn.recv()
            except (EOFError, OSError):
                self._updater.discard()  # the application is gone: it will catch up later
                return
            if command[0] not in ("sync", "flush"):
                self._next = command
                break
            if command[0] == "flush":
                flush_at = self._store.outbox.last_seq()
            wait = command[0] == "sync"
            self._handled = max(self._handled, command[1])
        # Nothing applied, nothing committed: a "committed" answer would have the window
        # search again, and a search waiting for the index flushes again (a damaged index
        # healed, then flushed and searched in a loop until restarted).
        if self._feeder.seq != committed or self._updater.pending:
            self._commit()

    def _commit(self) -> None:
        self._feeder.commit()
        _send(self._conn, ("committed", dict(self._feeder.state())))

    def _progress(self, done: int, total: int, label: str) -> None:
        now = time.monotonic()
        # The last report of counted work always goes out; the others at most every
        # PROGRESS_EVERY_S. An uncounted one (total 0, while an import stores) may be
        # held back: the task ends with the import's last commit.
        if now - self._last_progress >= PROGRESS_EVERY_S or 0 < total <= done:
            self._last_progress = now
            _send(self._conn, ("progress", done, total, label))


def _leave(_signum: int, _frame: object) -> None:
    # Once: a second request (multiprocessing terminates its daemons at exit, then waits
    # for them) must not cut the clean-up short.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise SystemExit(0)


def _send(conn: Connection, event: tuple[object, ...]) -> None:
    # If the application is gone, it will learn nothing more from us.
    with contextlib.suppress(OSError, ValueError):
        conn.send(event)
