"""Keeps an index home in step with the database through the outbox.

The index records, with every commit, the state it reflects::

    {"project": <project uuid>, "token": <index token>, "seq": <last outbox row applied>,
     "stamp": <that row's random stamp>}

From that and the database the feeder decides (:meth:`IndexFeeder.plan`): nothing to do,
catch up from ``seq`` (the normal case, also after a crash: the outbox still holds every
change since the last commit), or rebuild because the index is missing, damaged, of
another version, or bound to another database (another project, an older copy restored
over this one, or a copy that went its own way, which the stamp reveals).
"""

from __future__ import annotations

import enum
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.services.cancel_token import Progress, no_progress
from desktop.services.index_documents import IndexDocuments
from desktop.storage.project_store import ProjectStore
from index import IndexStatus

if TYPE_CHECKING:
    from index import IndexCheck, IndexUpdater

# Outbox rows read per round; documents pending before an intermediate commit.
ROUND = 2000


class IndexNeed(enum.Enum):
    NOTHING = "nothing"
    CATCH_UP = "catch_up"
    REBUILD = "rebuild"


@dataclass(frozen=True, slots=True)
class IndexPlan:
    need: IndexNeed
    reason: str = ""
    behind: int = 0  # outbox rows not yet applied (CATCH_UP)
    damaged: bool = False  # REBUILD because the index was found damaged


class NotEnoughSpaceError(OSError):
    """A rebuild would not fit on the disk; the message says how much is needed."""


class IndexFeeder:
    """Applies outbox rows to an :class:`IndexUpdater`; the one writer of one index home."""

    def __init__(self, store: ProjectStore, updater: IndexUpdater) -> None:
        self._store = store
        self._updater = updater
        self._documents = IndexDocuments(store)
        # Applied to the writer (maybe not yet committed): where the next round starts.
        self._seq = 0
        self._stamp = 0
        # key -> the outbox position when its document was last read. A document is read
        # from the database as it is now, so it already reflects every row of its key up
        # to there; applying those rows again would index it again for nothing. Recognition
        # after an import stores ~20 rows per article (its mentions) while the articles are
        # indexed: each was indexed twice, with a commit between, and the import's articles
        # became searchable 14-27 s after storing ended (now 9-10 s; 2,124 BBC articles).
        self._read_at: dict[str, int] = {}
        self._read_at_kept = 0

    # -- deciding -----------------------------------------------------------------------

    def plan(self, check: IndexCheck | None = None) -> IndexPlan:
        check = check or self._updater.check()
        if check.status is not IndexStatus.OK:
            return IndexPlan(IndexNeed.REBUILD, check.reason or check.status.value,
                             damaged=check.status is IndexStatus.DAMAGED)
        state = check.state
        if state.get("project") != self._store.project_uuid or state.get(
            "token"
        ) != self._store.meta("index_token"):
            return IndexPlan(IndexNeed.REBUILD, "The index belongs to another project or copy.")
        seq, stamp = state.get("seq"), state.get("stamp")
        if not isinstance(seq, int) or not isinstance(stamp, int):
            return IndexPlan(IndexNeed.REBUILD, "The index does not say what it reflects.")
        outbox = self._store.outbox
        last = outbox.last_seq()
        if seq > last:
            return IndexPlan(IndexNeed.REBUILD, "The database is older than the index.")
        if seq < outbox.pruned_below():
            return IndexPlan(IndexNeed.REBUILD, "Changes the index has not seen were pruned.")
        if seq:
            row = outbox.row(seq)
            if row is None or row.stamp != stamp:
                return IndexPlan(IndexNeed.REBUILD, "The database went its own way since.")
        self._seq, self._stamp = seq, stamp
        # Back at what the index holds: documents read but not committed may have been
        # dropped (an error or a stop discards the writer), so their rows are read again.
        self._forget_reads()
        if seq < last:
            return IndexPlan(IndexNeed.CATCH_UP, behind=last - seq)
        return IndexPlan(IndexNeed.NOTHING)

    # -- doing --------------------------------------------------------------------------

    def apply_round(self, limit: int = ROUND) -> int:
        """Apply the next outbox rows to the writer (not yet visible); how many were read."""
        outbox = self._store.outbox
        rows = outbox.after(self._seq, limit)
        if not rows:
            return 0
        read_at = self._read_at
        keys = list(dict.fromkeys(
            row.doc_key for row in rows if row.seq > read_at.get(row.doc_key, 0)))
        if keys:
            # Taken before reading: every row up to it was committed with its change, so
            # the documents read below reflect it (and maybe more, which only costs a
            # second reading later).
            horizon = outbox.last_seq()
            documents = self._documents.for_keys(keys)
            # The database decides, not the row's op: a key deleted and re-created in the
            # same round must end up present, one created and deleted must end up absent.
            self._updater.apply(
                [documents[k] for k in keys if k in documents],
                [k for k in keys if k not in documents],
                self.state(),  # what the index reflects before this round
            )
            read_at.update(dict.fromkeys(keys, horizon))
        self._seq, self._stamp = rows[-1].seq, rows[-1].stamp
        self._forget_passed()
        return len(rows)

    def _forget_reads(self) -> None:
        self._read_at.clear()
        self._read_at_kept = 0

    def _forget_passed(self) -> None:
        """Drop the read positions the rounds have passed: no row below them is left."""
        if len(self._read_at) <= max(10_000, 2 * self._read_at_kept):
            return
        seq = self._seq
        self._read_at = {key: at for key, at in self._read_at.items() if at > seq}
        self._read_at_kept = len(self._read_at)

    def commit(self) -> None:
        """Make what was applied visible, record it, and let the outbox forget it."""
        self._updater.commit(self.state())
        if not self._store.read_only:
            self._store.outbox.prune_below(self._seq)

    def catch_up(self, progress: Progress = no_progress,
                 cancel: Callable[[], bool] = lambda: False) -> bool:
        """Apply every outstanding outbox row and commit; False if cancelled (nothing lost:
        the rows stay in the outbox)."""
        start, total = self._seq, max(0, self._store.outbox.last_seq() - self._seq)
        while self.apply_round():
            if cancel():
                self._updater.discard()
                return False
            progress(min(total, self._seq - start), total, "Indexing changes")
            if self._updater.pending >= 10 * ROUND:
                self.commit()
        self.commit()
        return True

    def rebuild(self, progress: Progress = no_progress,
                cancel: Callable[[], bool] = lambda: False) -> bool:
        """Build a fresh index beside the live one, then catch up with what changed while
        it was being built. False if cancelled (the live index is untouched)."""
        self.check_space()
        outbox = self._store.outbox
        # Read the position first: a change landing during the build is then applied again
        # by the catch-up below, never missed.
        seq = outbox.last_seq()
        row = outbox.row(seq) if seq else None
        self._seq, self._stamp = seq, row.stamp if row else 0
        self._forget_reads()
        total = self._documents.count()
        if not self._updater.rebuild(self._documents.iter_all(), total, self.state(),
                                     progress, cancel):
            return False
        return self.catch_up(progress, cancel)

    def ensure_current(self, progress: Progress = no_progress,
                       cancel: Callable[[], bool] = lambda: False) -> bool:
        """Rebuild or catch up as :meth:`plan` says; True when the index is current."""
        plan = self.plan()
        if plan.need is IndexNeed.REBUILD:
            return self.rebuild(progress, cancel)
        if plan.need is IndexNeed.CATCH_UP:
            return self.catch_up(progress, cancel)
        return True

    @property
    def seq(self) -> int:
        """The last outbox row applied to the writer (committed or not)."""
        return self._seq

    def state(self) -> Mapping[str, object]:
        return {
            "project": self._store.project_uuid,
            "token": self._store.meta("index_token"),
            "seq": self._seq,
            "stamp": self._stamp,
        }

    def check_space(self) -> None:
        """Refuse a rebuild that would fill the disk (a nearly full disk used to end it with
        a traceback half-way): the new index is built beside the old one."""
        home = self._updater.home
        home.root.mkdir(parents=True, exist_ok=True)
        db_size = self._store.db_path.stat().st_size
        # Without stored bodies the index is smaller than the database; keep a margin.
        needed = int(max(home.size_bytes(), db_size) * 1.2) + 50_000_000
        free = shutil.disk_usage(home.root).free
        if free < needed:
            raise NotEnoughSpaceError(
                f"Not enough free space to build the search index in {home.root}: it needs "
                f"about {needed // 1_000_000:,} MB and {free // 1_000_000:,} MB are free."
            )
