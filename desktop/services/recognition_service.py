"""Entity recognition over a project's articles: suggested mentions, one undoable action.

Every name the recogniser finds becomes a *suggested* mention (origin ``recognised``,
state ``suggested``) of an entity: an existing one whose name or alias matches with the
same type (the project's curated entities are also found by name by the recogniser
itself), otherwise a new entity marked ``suggested`` until the user accepts it. Strings
the user rejected are never suggested again, and a span that already has a mention (of
any origin or state) is left as it is, so running recognition again adds only what is
new. Articles are committed in batches under one journal action, like an import: a
cancel keeps every finished batch, and the whole run is one step in Edit > Undo.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from desktop.domain.change_set import ChangeSet, RowChange
from desktop.domain.entity import (
    Entity,
    EntityState,
    Mention,
    MentionOrigin,
    MentionState,
)
from desktop.entities.curated_matcher import CuratedName
from desktop.entities.recognizer import OTHER, EntitySpan, Recognizer
from desktop.entities.recognizer_names import BUILTIN
from desktop.services.cancel_token import Progress, no_progress
from desktop.services.project import Project
from desktop.storage.action import Action
from desktop.storage.project_store import ProjectStore

_BATCH = 100


@dataclass(slots=True)
class RecognitionReport:
    recognizer: str = BUILTIN
    articles_total: int = 0
    articles_done: int = 0
    mentions_added: int = 0
    entities_created: int = 0
    entities_reused: int = 0
    rejected_skipped: int = 0
    existing_skipped: int = 0
    cancelled: bool = False
    seconds: float = 0.0
    changes: ChangeSet = field(default_factory=ChangeSet)

    def to_json(self) -> dict[str, object]:
        return {
            "recognizer": self.recognizer, "articles_total": self.articles_total,
            "articles_done": self.articles_done, "mentions_added": self.mentions_added,
            "entities_created": self.entities_created,
            "entities_reused": self.entities_reused,
            "rejected_skipped": self.rejected_skipped,
            "existing_skipped": self.existing_skipped, "cancelled": self.cancelled,
            "seconds": round(self.seconds, 3),
        }

    def summary(self) -> str:
        text = (f"Recognised {self.mentions_added:,} mentions in {self.articles_done:,} of "
                f"{self.articles_total:,} articles ({self.entities_created:,} new entities, "
                f"{self.entities_reused:,} known ones) with the {self.recognizer} recogniser.")
        return text + (" Cancelled." if self.cancelled else "")


class _Context:
    """What one run knows: the entities by name and type, the rejected strings."""

    def __init__(self, store: ProjectStore) -> None:
        self.types = {t.name.casefold(): t.id or 0 for t in store.entities.types()}
        self.by_name: dict[tuple[str, int], int] = {}
        self.curated: list[CuratedName] = []
        for row in store.recognition.names():
            self.by_name.setdefault((row.name.casefold(), row.type_id), row.entity_id)
            if row.state == EntityState.CONFIRMED:
                self.curated.append(CuratedName(row.name, row.type_name, row.canonical,
                                                row.match_case, row.entity_id))
        self.rejected: set[tuple[str, int]] = {
            (r.name.casefold(), r.type_id or 0) for r in store.recognition.rejected()}
        self.curated = [c for c in self.curated if not self.is_rejected(c.surface, 0)]
        self.reused: set[int] = set()
        self.created: set[int] = set()

    def type_id(self, name: str) -> int:
        return self.types.get(name.casefold()) or self.types[OTHER]

    def is_rejected(self, text: str, type_id: int) -> bool:
        key = text.casefold()
        return (key, 0) in self.rejected or (key, type_id) in self.rejected


Committed = Callable[[Sequence[RowChange]], None]


class RecognitionService:
    def __init__(self, project: Project, recognizer: str = BUILTIN) -> None:
        self.project = project
        self.recognizer_name = recognizer

    def recognize(
        self,
        article_ids: Sequence[int] | None = None,
        progress: Progress = no_progress,
        cancel: Callable[[], bool] = lambda: False,
    ) -> RecognitionReport:
        """Recognise names in ``article_ids`` (all articles if None), in this process, with
        a connection of its own (the command line; the window runs
        :class:`~desktop.services.recognition_process.RecognitionProcess`). Raises
        ``ValueError`` for an unknown recogniser and ``SpacyUnavailableError`` when spaCy
        is chosen but not installed."""
        store = self.project.connect()
        try:
            with self.project.write_lock:
                return recognize_with(store, self.recognizer_name, article_ids, progress,
                                      cancel)
        finally:
            store.close()


def recognize_with(
    store: ProjectStore,
    recognizer_name: str,
    article_ids: Sequence[int] | None = None,
    progress: Progress = no_progress,
    cancel: Callable[[], bool] = lambda: False,
    committed: Committed | None = None,
) -> RecognitionReport:
    """The run itself, on ``store``, whose writes the caller serialises (the recognition
    process has a database path and no :class:`Project`). ``committed`` gets the raw row
    changes of each batch once they are committed, so that a caller in another process
    can build the run's change set as it goes."""
    started = time.perf_counter()
    report = RecognitionReport(recognizer=recognizer_name)
    context = _Context(store)
    # Here, not at the top: the window's process imports this module for the report and
    # the process wrapper, and importing the rule recogniser (its regular expressions
    # compiled while holding the interpreter lock) stalled the window for 150 ms.
    from desktop.entities.recognizers import Recognizers

    recognizer = Recognizers.make(recognizer_name, context.curated)
    ids = list(article_ids) if article_ids is not None else store.recognition.article_ids()
    report.articles_total = len(ids)
    action = Action("recognise", f"Recognise entities in {len(ids):,} articles")
    for begin in range(0, len(ids), _BATCH):
        if cancel():
            report.cancelled = True
            break
        progress(report.articles_done, report.articles_total, "Recognising names")
        sent = action.committed_count
        _batch(store, action, recognizer, context, ids[begin:begin + _BATCH], report, cancel)
        if committed is not None and action.committed_count > sent:
            committed(action.committed_since(sent))
        if report.cancelled:
            break
    progress(report.articles_done, report.articles_total, "Recognised")
    report.entities_reused = len(context.reused)
    report.changes = action.change_set()
    report.seconds = time.perf_counter() - started
    return report


def _batch(store: ProjectStore, action: Action, recognizer: Recognizer, context: _Context,
           ids: Sequence[int], report: RecognitionReport, cancel: Callable[[], bool]) -> None:
    existing = store.recognition.mention_spans(ids)
    found: list[tuple[int, int, list[EntitySpan]]] = []
    for article_id, version, body in store.recognition.bodies(ids):
        if cancel():
            # What was recognised so far in this batch is still stored.
            report.cancelled = True
            break
        found.append((article_id, version, recognizer.recognize(body)))
    with store.transaction(action):
        mentions: list[Mention] = []
        for article_id, version, spans in found:
            taken = existing.get(article_id, [])
            for span in spans:
                type_id = context.type_id(span.type)
                if context.is_rejected(span.text, type_id) or context.is_rejected(
                        span.name, type_id):
                    report.rejected_skipped += 1
                    continue
                if any(a < span.end and span.start < b for a, b in taken):
                    report.existing_skipped += 1
                    continue
                entity_id = _entity(store, context, span, type_id, report)
                mentions.append(Mention(
                    entity_id=entity_id, article_id=article_id, start=span.start,
                    end=span.end, text=span.text, origin=MentionOrigin.RECOGNISED,
                    state=MentionState.SUGGESTED, body_version=version))
            report.articles_done += 1
        store.recognition.add_mentions(mentions)
        report.mentions_added += len(mentions)


def _entity(store: ProjectStore, context: _Context, span: EntitySpan, type_id: int,
            report: RecognitionReport) -> int:
    if span.entity_id is not None:
        context.reused.add(span.entity_id)
        return span.entity_id
    for key in (span.name.casefold(), span.text.casefold()):
        known = context.by_name.get((key, type_id))
        if known is not None:
            if known not in context.created:
                context.reused.add(known)
            return known
    entity = store.entities.add(Entity(
        name=span.name, type_id=type_id, state=EntityState.SUGGESTED,
        aliases=(span.text,) if span.text != span.name else ()))
    assert entity.id is not None
    context.by_name[(span.name.casefold(), type_id)] = entity.id
    context.by_name.setdefault((span.text.casefold(), type_id), entity.id)
    context.created.add(entity.id)
    report.entities_created += 1
    return entity.id
