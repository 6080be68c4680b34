"""Entities from the reader: "New Entity from Selection…" (which also records the mention)
and "Tag with Entity…" for the current highlight. Each is one undoable action; tagging
with an entity that does not exist yet creates it first (two steps on the undo stack)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from desktop.domain.entity import Entity
from desktop.services.entity_service import EntityService
from desktop.services.highlight_service import HighlightService
from desktop.ui.annotations.annotation_actions import AnnotationActions
from desktop.ui.annotations.entity_dialog import EntityDialog
from desktop.ui.project.project_session import ProjectSession
from desktop.ui.reader.reader_view import ReaderView

StatusMessage = Callable[[str, int], None]
_KNOWN_LIMIT = 5000  # entities offered for completion when tagging
_SHORT = 4000


class EntityCommands(QObject):
    def __init__(self, session: ProjectSession, reader: ReaderView, actions: AnnotationActions,
                 status: StatusMessage, window: QWidget) -> None:
        super().__init__(window)
        self.session = session
        self.reader = reader
        self.actions = actions
        self._status = status
        self._window = window
        self.dialog: EntityDialog | None = None  # the one open (tests answer it)
        actions.new_entity.triggered.connect(self.new_from_selection)
        actions.tag_entity.triggered.connect(self.tag_current)

    def new_from_selection(self) -> None:
        project, article = self.session.project, self.reader.article
        if project is None or article is None or article.id is None:
            return
        span = self.reader.selection_span()
        if span is None:
            self._status(self.tr("Select the name in the article's text first."), _SHORT)
            return
        start, end, _clipped = span
        article_id, version = article.id, article.body_version
        dialog = self._open(EntityDialog(
            self.tr("New Entity from Selection"), " ".join(article.body[start:end].split()),
            EntityService(project).types(), parent=self._window))

        def create() -> None:
            name, type_name = dialog.entity_name(), dialog.type_name()
            task = self.session.perform(
                self.tr("New %1 “%2”").replace("%1", type_name).replace("%2", name),
                lambda p, s: EntityService(p, s).from_selection(
                    article_id, start, end, type_name, name, body_version=version))
            task.signals.finished.connect(lambda result: self._created(result[0]))

        dialog.accepted.connect(create)

    def _created(self, entity: Entity) -> None:
        if self.actions.show_mentions.isChecked():
            self._status(self.tr("“%1” was added.").replace("%1", entity.name), _SHORT)
        else:
            self._status(self.tr("“%1” was added; View > Show Entity Mentions marks its "
                                 "mentions in the text.").replace("%1", entity.name), _SHORT)

    def tag_current(self) -> None:
        project = self.session.project
        highlight_id = self.reader.current_highlight
        if project is None:
            return
        if highlight_id is None:
            self._status(self.tr("Put the caret in a highlight (or click it) to tag it."),
                         _SHORT)
            return
        service = EntityService(project)
        dialog = self._open(EntityDialog(
            self.tr("Tag with Entity"), "", service.types(),
            known=service.complete("", _KNOWN_LIMIT), parent=self._window))

        def tag() -> None:
            existing = dialog.existing()
            if existing is not None and existing.id is not None:
                self._tag(highlight_id, existing.id, existing.name)
                return
            name, type_name = dialog.entity_name(), dialog.type_name()
            task = self.session.perform(
                self.tr("New %1 “%2”").replace("%1", type_name).replace("%2", name),
                lambda p, s: EntityService(p, s).create(name, type_name))
            task.signals.finished.connect(
                lambda result: self._tag(highlight_id, result[0].id, result[0].name))

        dialog.accepted.connect(tag)

    def _tag(self, highlight_id: int, entity_id: int, name: str) -> None:
        self.session.perform(
            self.tr("Tag with “%1”").replace("%1", name),
            lambda p, s: HighlightService(p, s).tag_entities(highlight_id, [entity_id]))

    def _open(self, dialog: EntityDialog) -> EntityDialog:
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.open()
        return dialog

    def _closed(self, dialog: EntityDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
