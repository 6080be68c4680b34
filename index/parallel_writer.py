"""Bulk writing on every core: Whoosh's multiprocessing writer, made safe to cancel and to
lose its parent.

Turning texts into postings and writing segments is pure Python, one core's work per
process. During a large import the application stores on one core while the indexer
indexes on the other; once storing ends, or during a rebuild, a second core would idle.
This writer hands batches of documents to helper processes, each writing a segment of its
own (``multisegment``: no merge of their work at commit, which would be one core's work
again). Whoosh's ``MpWriter`` does that; this subclass adds what the application needs:

- helpers are started with ``spawn`` (never ``fork``: a forked helper would share the
  index's write lock and keep it if the indexer died);
- a helper leaves when the indexer is gone (killed mid-import), instead of waiting for
  work forever;
- cancelling stops the helpers at once (their half-written files are removed by the next
  commit, which deletes whatever the index does not list);
- a commit whose helper failed raises, instead of silently leaving its documents out.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import pickle
import queue
from typing import Any

from whoosh.multiproc import MpWriter
from whoosh.util import random_name
from whoosh.writing import SegmentWriter

from index.bulk_segment_writer import BulkSegmentWriter
from index.column_lengths import ColumnLengths
from index.term_pool import TermPool

# How long a helper waits for work before checking that its parent is still alive.
_POLL_S = 1.0
# Polls a commit waits for a result once every helper has ended (each puts it just before).
_GRACE = 5


class HelperFailedError(RuntimeError):
    """A helper process died or failed before handing its segment over."""


def _serve(storage: Any, indexname: str, jobs: Any, results: Any, kwargs: dict[str, Any],
           multisegment: bool) -> None:
    """A helper process: add the documents of each job file; at the end, hand the segment
    over. Leaves quietly if the parent is gone."""
    parent = multiprocessing.parent_process()
    try:
        _work(storage, indexname, jobs, results, kwargs)
    except Exception:
        if parent is not None and not parent.is_alive():
            return  # its files went with it: nothing here is worth a traceback
        raise


def _work(storage: Any, indexname: str, jobs: Any, results: Any,
          kwargs: dict[str, Any]) -> None:
    parent = multiprocessing.parent_process()
    ix = storage.open_index(indexname)
    writer = BulkSegmentWriter(ix, _lk=False, **kwargs)
    temp = writer.temp_storage()
    while True:
        try:
            job = jobs.get(timeout=_POLL_S)
        except queue.Empty:
            if parent is not None and not parent.is_alive():
                with contextlib.suppress(OSError):  # the parent may have removed them
                    writer.cancel()
                return
            continue
        if job is None:
            break
        filename, count = job
        with temp.open_file(filename).raw_file() as handle:
            for _ in range(count):
                _code, fields = pickle.load(handle)
                writer.add_document(**fields)
        temp.delete_file(filename)
    fieldnames = writer.pool.fieldnames
    segment = writer._finalize_segment()
    results.put((None, fieldnames, segment))


class ParallelWriter(MpWriter):
    def __init__(self, ix: Any, procs: int, **kwargs: Any) -> None:
        # multisegment: also because the helpers' pools (TermPool) hold whole terms, which
        # Whoosh's merge of the helpers' runs (without it) could not read.
        super().__init__(ix, procs=procs, multisegment=True, start_method="spawn", **kwargs)
        # Merges of small segments at commit go through the parent's own pool.
        TermPool.install(self)
        ColumnLengths.install(self)

    def _new_task(self) -> Any:
        task = self._mpctx.Process(
            target=_serve, daemon=True,
            args=(self.storage, self.indexname, self.jobqueue, self.resultqueue,
                  self.subargs, self.multisegment))
        # The application's indexer is a daemon process, and multiprocessing refuses
        # children to those, lest they be orphaned when it is killed. Ours watch for that
        # themselves (see _serve) and are daemons too (ended when the indexer exits).
        config = multiprocessing.current_process()._config
        daemon = config.pop("daemon", None)
        try:
            task.start()
        finally:
            if daemon is not None:
                config["daemon"] = daemon
        self.tasks.append(task)
        return task

    def _enqueue(self) -> None:
        # As MpWriter's, without waiting forever for a helper that died.
        filename = f"{random_name()}.doclist"
        with self.temp_storage().create_file(filename).raw_file() as handle:
            for item in self.docbuffer:
                pickle.dump(item, handle, 2)
        if len(self.tasks) < self.procs:
            self._new_task()
        job = (filename, len(self.docbuffer))
        self.docbuffer = []
        while True:
            try:
                self.jobqueue.put(job, timeout=_POLL_S)
                return
            except queue.Full:
                if any(task.exitcode is not None for task in self.tasks):
                    self._fail()

    def _fail(self) -> None:
        self.cancel()
        raise HelperFailedError("An indexing helper process ended without its results.")

    def cancel(self) -> None:
        try:
            for task in self.tasks:
                task.terminate()
            for task in self.tasks:
                task.join(5)
                if task.exitcode is None:
                    task.kill()
                    task.join()
        finally:
            self.tasks = []
            SegmentWriter.cancel(self)

    def _commit(self, mergetype: Any, optimize: Any, merge: Any) -> None:
        if self.docbuffer:
            self._enqueue()
        for _task in self.tasks:
            self.jobqueue.put(None)
        finalsegments = self._merge_segments(mergetype, optimize, merge)
        results = []
        try:
            for _task in self.tasks:
                # Read before joining: a helper ends only once its result is taken.
                results.append(self._result())
        except BaseException:
            if self.tasks:  # a failed helper has had them cancelled already (_fail)
                self.cancel()  # stopped (the indexer terminated): no waiting on them
            raise
        for task in self.tasks:
            task.join(5)
        finalsegments += [segment for _run, _names, segment in results]
        if self._added:
            finalsegments.append(self._finalize_segment())
        else:
            self._close_segment()
        self._commit_toc(finalsegments)
        self._finish()

    def _result(self) -> Any:
        ended_since = 0
        while True:
            try:
                return self.resultqueue.get(timeout=_POLL_S)
            except queue.Empty:
                # One that ended well has handed its result over (maybe taken already);
                # one that failed, or all having ended a while ago, means one never comes.
                codes = [task.exitcode for task in self.tasks]
                ended_since = ended_since + 1 if None not in codes else 0
                if any(code not in (None, 0) for code in codes) or ended_since > _GRACE:
                    self._fail()
