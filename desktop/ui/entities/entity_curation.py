"""Curating entities: confirming and rejecting suggested mentions (one, all of a string in an
article, all in the project), aliases, merging, splitting an alias out, renaming, retyping,
describing and deleting. Each is one named step on the project's undo stack (Edit > Undo),
run in the writer worker through :meth:`ProjectSession.perform`.

The dialog-driven commands (Merge Into…, Rename…, Split Alias…, Delete) open their dialog
without blocking and keep it in ``self.dialog`` while it is open (the tests answer it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from desktop.domain.entity import Entity
from desktop.services.project import Project
from desktop.storage.project_store import ProjectStore
from desktop.ui.common.task_runner import Task
from desktop.ui.project.project_session import ProjectSession

if TYPE_CHECKING:
    from desktop.services.curation_service import CurationService

StatusMessage = Callable[[str, int], None]
Call = Callable[["CurationService"], object]
_MERGE_CHOICES = 5000  # targets offered by Merge Into… (by mentions; typing completes)


def _quoted(text: str, template: str) -> str:
    return template.replace("%1", text)


class EntityCuration(QObject):
    def __init__(self, session: ProjectSession, window: QWidget,
                 status: StatusMessage | None = None) -> None:
        super().__init__(window)
        self.session = session
        self._window = window
        self._status = status or (lambda _m, _ms: None)
        self.dialog: QInputDialog | QMessageBox | None = None

    def _run(self, label: str, call: Call) -> Task | None:
        if self.session.project is None or self.session.project.read_only:
            return None
        return self.session.perform(
            label, lambda project, store: call(_service(project, store)))

    # -- mentions -----------------------------------------------------------------------

    def confirm(self, mention_ids: Sequence[int], name: str) -> Task | None:
        ids = list(mention_ids)
        return self._run(_quoted(name, self.tr("Confirm “%1”")), lambda c: c.confirm(ids))

    def confirm_entities(self, entity_ids: Sequence[int], names: Sequence[str]) -> Task | None:
        """Confirm every suggested mention of these entities (and so the entities)."""
        project = self.session.project
        if project is None or not entity_ids:
            return None
        marks = ",".join("?" * len(entity_ids))
        ids = [int(r[0]) for r in project.store.connection.execute(
            f"SELECT id FROM mentions WHERE state = 'suggested' AND entity_id IN ({marks})",
            list(entity_ids))]
        if not ids:
            self._status(self.tr("Nothing to confirm: no suggested mentions."), 4000)
            return None
        label = (_quoted(names[0], self.tr("Confirm “%1”")) if len(names) == 1 else
                 self.tr("Confirm %1 entities").replace("%1", f"{len(names):,}"))
        return self._run(label, lambda c: c.confirm(ids))

    def reject(self, mention_ids: Sequence[int], name: str) -> Task | None:
        ids = list(mention_ids)
        return self._run(_quoted(name, self.tr("Reject “%1”")), lambda c: c.reject(ids))

    def confirm_text(self, text: str, article_id: int | None = None) -> Task | None:
        label = (self.tr("Confirm all “%1” in the article") if article_id is not None
                 else self.tr("Confirm all “%1” in the project"))
        return self._run(_quoted(text, label), lambda c: c.confirm_text(text, article_id))

    def reject_text(self, text: str, article_id: int | None = None) -> Task | None:
        label = (self.tr("Reject all “%1” in the article") if article_id is not None
                 else self.tr("Reject all “%1” in the project"))
        return self._run(_quoted(text, label), lambda c: c.reject_text(text, article_id))

    # -- entities -----------------------------------------------------------------------

    def add_alias(self, entity_id: int, alias: str) -> Task | None:
        alias = " ".join(alias.split())
        if not alias:
            return None
        return self._run(_quoted(alias, self.tr("Add alias “%1”")),
                         lambda c: c.add_alias(entity_id, alias))

    def remove_alias(self, entity_id: int, alias: str) -> Task | None:
        return self._run(_quoted(alias, self.tr("Remove alias “%1”")),
                         lambda c: c.remove_alias(entity_id, alias))

    def merge(self, source_id: int, into_id: int, source: str, into: str) -> Task | None:
        if source_id == into_id:
            return None
        label = self.tr("Merge “%1” into “%2”").replace("%1", source).replace("%2", into)
        return self._run(label, lambda c: c.merge(source_id, into_id))

    def split_alias(self, entity_id: int, alias: str) -> Task | None:
        return self._run(_quoted(alias, self.tr("Split “%1” into its own entity")),
                         lambda c: c.split_alias(entity_id, alias))

    def rename(self, entity_id: int, name: str) -> Task | None:
        name = " ".join(name.split())
        if not name:
            return None
        return self._run(_quoted(name, self.tr("Rename to “%1”")),
                         lambda c: c.rename(entity_id, name))

    def set_type(self, entity_id: int, type_name: str, name: str) -> Task | None:
        label = self.tr("Make “%1” a %2").replace("%1", name).replace("%2", type_name)
        return self._run(label, lambda c: c.set_type(entity_id, type_name))

    def describe(self, entity_id: int, description: str, external_id: str,
                 name: str) -> Task | None:
        return self._run(_quoted(name, self.tr("Describe “%1”")),
                         lambda c: c.describe(entity_id, description, external_id))

    def delete(self, entity_ids: Sequence[int], names: Sequence[str]) -> Task | None:
        ids = list(entity_ids)
        label = (_quoted(names[0], self.tr("Delete entity “%1”")) if len(ids) == 1 else
                 self.tr("Delete %1 entities").replace("%1", f"{len(ids):,}"))
        return self._run(label, lambda c: c.delete(ids))

    # -- with a dialog --------------------------------------------------------------------

    def ask_merge(self, source_id: int) -> None:
        project = self.session.project
        if project is None:
            return
        source = project.store.entities.get(source_id)
        if source is None:
            return
        targets = [e for e in project.store.entities.live("", _MERGE_CHOICES)
                   if e.id != source_id]
        if not targets:
            self._status(self.tr("There is no other entity to merge with."), 4000)
            return
        names = [self._label(e.name, e.aliases) for e in targets]
        dialog = self._input(self.tr("Merge Into"), _quoted(
            source.name, self.tr("Merge “%1” into (its names and mentions move there):")))
        dialog.setComboBoxItems(names)
        dialog.setComboBoxEditable(True)
        # Offer the likeliest target ("Tony Blair" for "Blair"), or nothing: an arbitrary
        # first name would be merged into by a reflexive Enter.
        best = _closest(source, targets)
        dialog.setTextValue(names[best] if best is not None else "")

        def chosen(text: str) -> None:
            if text in names:
                target = targets[names.index(text)]
                self.merge(source_id, target.id or 0, source.name, target.name)

        dialog.textValueSelected.connect(chosen)
        dialog.open()

    def ask_rename(self, entity_id: int) -> None:
        entity = self._entity(entity_id)
        if entity is None:
            return
        dialog = self._input(self.tr("Rename Entity"), self.tr("Name:"))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setTextValue(entity.name)
        dialog.textValueSelected.connect(lambda text: self.rename(entity_id, text)
                                         if text.strip() != entity.name else None)
        dialog.open()

    def ask_split(self, entity_id: int) -> None:
        entity = self._entity(entity_id)
        if entity is None:
            return
        if not entity.aliases:
            self._status(_quoted(entity.name, self.tr("“%1” has no alias to split out.")),
                         4000)
            return
        dialog = self._input(self.tr("Split Alias"), _quoted(
            entity.name, self.tr("Make this alias of “%1” an entity of its own:")))
        dialog.setComboBoxItems(list(entity.aliases))
        dialog.textValueSelected.connect(lambda alias: self.split_alias(entity_id, alias))
        dialog.open()

    def ask_delete(self, entity_ids: Sequence[int]) -> None:
        project = self.session.project
        if project is None or not entity_ids:
            return
        found = [project.store.entities.get(i) for i in entity_ids]
        names = [e.name for e in found if e is not None]
        ids = [e.id or 0 for e in found if e is not None]
        text = (_quoted(names[0], self.tr("Delete the entity “%1” and its mentions?"))
                if len(ids) == 1 else
                self.tr("Delete %1 entities and their mentions?").replace("%1", f"{len(ids):,}"))
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete Entities"), text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                          self._window)
        box.setInformativeText(self.tr("Notes keep their text; Edit > Undo brings the "
                                       "entities back."))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setObjectName("deleteEntities")
        self._keep(box)
        box.accepted.connect(lambda: self.delete(ids, names))
        box.open()

    def _entity(self, entity_id: int):  # type: ignore[no-untyped-def]
        project = self.session.project
        return None if project is None else project.store.entities.get(entity_id)

    @staticmethod
    def _label(name: str, aliases: Sequence[str]) -> str:
        return f"{name} ({', '.join(aliases[:3])})" if aliases else name

    def _input(self, title: str, label: str) -> QInputDialog:
        dialog = QInputDialog(self._window)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setObjectName("curationDialog")
        self._keep(dialog)
        return dialog

    def _keep(self, dialog: QInputDialog | QMessageBox) -> None:
        self.dialog = dialog

        def closed(_result: int) -> None:
            if self.dialog is dialog:
                self.dialog = None
            dialog.deleteLater()

        dialog.finished.connect(closed)


def _closest(source: Entity, targets: list[Entity]) -> int | None:
    """The index of the target sharing most words with ``source``'s names (the same type
    first), or None when none shares any."""
    words = {w for name in (source.name, *source.aliases) for w in name.casefold().split()}
    best, best_key = None, (0, 0, 0)
    for index, target in enumerate(targets):
        theirs = {w for name in (target.name, *target.aliases)
                  for w in name.casefold().split()}
        shared = len(words & theirs)
        key = (shared, int(target.type_id == source.type_id), -len(theirs))
        if shared and key > best_key:
            best, best_key = index, key
    return best


def _service(project: Project, store: ProjectStore) -> CurationService:
    # Imported here, in the writer worker: the curated-name matcher (Aho-Corasick) it
    # loads is needed only once a curation command runs, not to open the window.
    from desktop.services.curation_service import CurationService

    return CurationService(project, store)
