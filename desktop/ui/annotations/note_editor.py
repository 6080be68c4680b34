"""Writing a note: title, Markdown text with ``[[`` and ``@`` link completion, a preview
rendered on a pause, when it was made and changed, and what links to it.

Nothing typed is lost: the note is saved after a pause in typing, when the editor loses
the focus, when another note is opened and when the project closes (the window closing
closes it). Saves of one stretch of work merge into one undo step; after a longer break
(``UNDO_GAP_S``) the next save starts a new one, so Edit > Undo goes back a stretch at a
time rather than a keystroke or the whole day.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QSplitter, QVBoxLayout, QWidget

from desktop.domain.change_set import ChangeSet
from desktop.domain.link import LinkEnd, LinkKind
from desktop.domain.note import Note
from desktop.services.entity_service import EntityService
from desktop.services.note_service import NoteService
from desktop.ui.annotations.backlinks_view import BacklinksView
from desktop.ui.annotations.link_completion_model import LinkChoice
from desktop.ui.annotations.new_entity_dialog import NewEntityDialog
from desktop.ui.annotations.note_preview import NotePreview
from desktop.ui.annotations.note_renderer import NoteRenderer
from desktop.ui.annotations.note_text_edit import NoteTextEdit
from desktop.ui.project.project_session import ProjectSession

SAVE_PAUSE_MS = 1000
PREVIEW_PAUSE_MS = 400
UNDO_GAP_S = 10.0


class NoteEditor(QWidget):
    link_activated = Signal(object, int)  # LinkKind, id: a chip in the preview
    backlink_activated = Signal(object)  # LinkEnd

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteEditor")
        self.session = session
        self.note: Note | None = None
        self._saved = ("", "")  # (title, body) as last saved or loaded
        self._burst = 0
        self._last_save = 0.0
        self.title = QLineEdit(self)
        self.title.setPlaceholderText(self.tr("Title (optional)"))
        self.title.setAccessibleName(self.tr("Note title"))
        self.title.setAccessibleDescription(self.tr("The note's title, which [[ links find"))
        self.text = NoteTextEdit(self._titles, self._entities, self)
        self.text.setPlaceholderText(self.tr(
            "Write in Markdown. [[ links an article or note, @ an entity."))
        self.text.setAccessibleName(self.tr("Note text"))
        self.text.setAccessibleDescription(self.tr(
            "Markdown; type [[ to link an article or note, @ to link an entity"))
        self.text.setTabChangesFocus(True)
        self.renderer = NoteRenderer(self._resolve)
        self.preview = NotePreview(self.renderer, self)
        self.meta = QLabel(self)
        self.meta.setObjectName("noteMeta")
        self.meta.setWordWrap(True)
        self.backlinks = BacklinksView(self)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.setObjectName("noteSplit")
        split.addWidget(self.text)
        split.addWidget(self.preview)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(split, 1)
        layout.addWidget(self.meta)
        layout.addWidget(self.backlinks)

        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_PAUSE_MS)
        self._save_timer.timeout.connect(self.save)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_PAUSE_MS)
        self._preview_timer.timeout.connect(self.render_preview)
        self.text.textChanged.connect(self._typed)
        self.title.textEdited.connect(lambda _t: self._typed())
        self.text.focus_lost.connect(self.save)
        self.title.editingFinished.connect(self.save)
        self.text.new_entity_requested.connect(self.new_entity)
        self.preview.link_activated.connect(self.link_activated)
        self.backlinks.open_requested.connect(self.backlink_activated)
        session.data_changed.connect(self._data_changed)
        session.project_closed.connect(lambda: self.show_note(None))
        self.show_note(None)

    # -- which note ---------------------------------------------------------------------

    def open_note(self, note_id: int) -> None:
        project = self.session.project
        if project is None:
            return
        if self.note is not None and self.note.id == note_id:
            return
        self.save()
        self.show_note(project.store.notes.get(note_id))

    def show_note(self, note: Note | None) -> None:
        self._save_timer.stop()
        if note is not None and note.deleted_at is not None:
            note = None
        self.note = note
        self._burst += 1
        for widget in (self.title, self.text):
            widget.blockSignals(True)
        self.title.setText(note.title if note else "")
        self.text.setPlainText(note.body if note else "")
        for widget in (self.title, self.text):
            widget.blockSignals(False)
        self._saved = (self.title.text(), self.text.toPlainText())
        project = self.session.project
        editable = note is not None and project is not None and not project.read_only
        self.title.setReadOnly(not editable)
        self.text.setReadOnly(not editable)
        self.setEnabled(note is not None)
        self._show_meta()
        self.render_preview()
        store = project.store if project is not None else None
        self.backlinks.show_for(store, LinkEnd(LinkKind.NOTE, note.id or 0) if note else None)

    def _show_meta(self) -> None:
        note = self.note
        project = self.session.project
        if note is None or project is None:
            self.meta.setText(self.tr("No note open. Choose one in the list or make a new "
                                      "one."))
            return
        parts = [self.tr("Created %1").replace("%1", _when(note.created_at))]
        if note.updated_at:
            parts.append(self.tr("changed %1").replace("%1", _when(note.updated_at)))
        title = (project.store.note_listing.title_of(LinkKind.ARTICLE, note.article_id)
                 if note.article_id is not None else None)
        if note.highlight_id is not None:
            parts.append(self.tr("on a highlight in “%1”").replace("%1", title or ""))
        elif title is not None:
            parts.append(self.tr("on “%1”").replace("%1", title))
        elif note.quote:
            parts.append(self.tr("about a passage of a deleted article"))
        else:
            parts.append(self.tr("in the project notebook"))
        self.meta.setText(" · ".join(parts))

    # -- saving -------------------------------------------------------------------------

    def _typed(self) -> None:
        if self.note is None:
            return
        self._save_timer.start()
        self._preview_timer.start()

    def is_dirty(self) -> bool:
        return self.note is not None and (self.title.text(), self.text.toPlainText()) \
            != self._saved

    def save(self) -> None:
        """Save what was typed (if anything) as part of this stretch's undo step."""
        self._save_timer.stop()
        note = self.note
        if note is None or self.session.project is None or not self.is_dirty():
            return
        now = time.monotonic()
        if now - self._last_save > UNDO_GAP_S:
            self._burst += 1
        self._last_save = now
        title, body = self.title.text(), self.text.toPlainText()
        self._saved = (title, body)
        note_id = note.id or 0
        name = title or " ".join(body.split())[:30] or self.tr("untitled")
        self.session.perform(
            self.tr("Edit note “%1”").replace("%1", name),
            lambda project, store: NoteService(project, store).edit(note_id, body, title),
            merge_key=f"note:{note_id}:{self._burst}")

    def _data_changed(self, changes: ChangeSet) -> None:
        note, project = self.note, self.session.project
        if note is None or project is None:
            return
        note_id = note.id or 0
        touched = note_id in (*changes.updated("notes"), *changes.deleted("notes"),
                              *changes.created("notes"))
        if touched:
            fresh = project.store.notes.get(note_id)
            if fresh is None or fresh.deleted_at is not None:
                self.show_note(None)  # undone (its creation) or deleted elsewhere
                return
            if (fresh.title, fresh.body) != self._saved and not self.is_dirty():
                # Changed by an undo or redo: show it (nothing typed here is pending).
                position = self.text.textCursor().position()
                self.show_note(fresh)
                cursor = self.text.textCursor()
                cursor.setPosition(min(position, len(fresh.body)))
                self.text.setTextCursor(cursor)
                return
            self.note = fresh
            self._show_meta()
        if "links" in changes.tables() or touched:
            self.backlinks.show_for(project.store, LinkEnd(LinkKind.NOTE, note_id))

    # -- preview and completion ---------------------------------------------------------

    def render_preview(self) -> None:
        self._preview_timer.stop()
        self.preview.show_note(self.text.toPlainText(), self.text.textCursor().position())

    def _resolve(self, kind: LinkKind, target_id: int) -> str | None:
        project = self.session.project
        return project.store.note_listing.title_of(kind, target_id) if project else ""

    def _titles(self, query: str) -> list[LinkChoice]:
        project = self.session.project
        if project is None:
            return []
        own = self.note.id if self.note else None
        return [LinkChoice(m.kind, m.id, m.title, self.tr("article") if m.kind is
                           LinkKind.ARTICLE else self.tr("note"))
                for m in project.store.note_listing.titles(query)
                if not (m.kind is LinkKind.NOTE and m.id == own)]

    def _entities(self, prefix: str) -> list[LinkChoice]:
        project = self.session.project
        if project is None:
            return []
        service = EntityService(project)
        types = {t.id: t.name for t in service.types()}
        return [LinkChoice(LinkKind.ENTITY, e.id or 0, e.name, types.get(e.type_id, ""))
                for e in service.complete(prefix)]

    def new_entity(self, name: str, type_name: str | None = None) -> None:
        """Make an entity (undoable) and link the note to it where the cursor is."""
        project = self.session.project
        if project is None or self.note is None:
            self.text.forget_mention()
            return
        if type_name is None:
            dialog = NewEntityDialog(name, EntityService(project).types(), self)
            if dialog.exec() != NewEntityDialog.DialogCode.Accepted:
                self.text.forget_mention()  # the "@name" typed stays as it was
                return
            name, type_name = dialog.entity_name(), dialog.type_name()
        chosen_type = type_name
        task = self.session.perform(
            self.tr("New entity “%1”").replace("%1", name),
            lambda project, store: EntityService(project, store).create(name, chosen_type))
        task.signals.finished.connect(
            lambda result: self.text.insert_link(
                LinkChoice(LinkKind.ENTITY, result[0].id or 0, result[0].name)))
        task.signals.failed.connect(lambda _message: self.text.forget_mention())


def _when(stamp: str) -> str:
    return stamp[:16].replace("T", " ")
