"""The entity browser's table: every live entity of the project with its type (and the
type's colour), counts of mentions, articles and linked notes, and whether it is still a
suggestion. Rows are read in the session's list worker, filtered there (type, state, a
name or alias), and sorted here, in memory (a header click never waits for the database).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from desktop.domain.change_set import ChangeSet
from desktop.services.entity_queries import EntityQueries
from desktop.services.entity_views import EntityRow
from desktop.ui.common.formatting import format_count
from desktop.ui.project.project_session import ProjectSession

Index = QModelIndex | QPersistentModelIndex
# Tables whose changes may change the list (names, counts, links).
_WATCHED = frozenset({"entities", "entity_aliases", "entity_types", "mentions", "links",
                      "articles", "notes"})


@dataclass(frozen=True, slots=True)
class EntityFilter:
    type_name: str = ""
    state: str = ""  # "", "suggested" or "confirmed"
    text: str = ""


class EntityTableModel(QAbstractTableModel):
    NAME, TYPE, MENTIONS, ARTICLES, NOTES, STATE = range(6)
    ID_ROLE = Qt.ItemDataRole.UserRole + 1
    loaded = Signal(int)  # rows shown after a load

    def __init__(self, session: ProjectSession | None = None, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.session = session
        self._rows: list[EntityRow] = []
        self.filter = EntityFilter()
        self._sort: tuple[int, Qt.SortOrder] = (self.MENTIONS, Qt.SortOrder.DescendingOrder)
        self._serial = 0
        self.loading = False
        if session is not None:
            session.project_opened.connect(lambda _p: self.reload())
            session.project_closed.connect(lambda: self.set_rows([]))
            session.data_changed.connect(self._changed)
            self.reload()  # made while a project is open (first shown): list it now

    # -- loading ------------------------------------------------------------------------

    def set_filter(self, entity_filter: EntityFilter) -> None:
        if entity_filter != self.filter:
            self.filter = entity_filter
            self.reload()

    def reload(self) -> None:
        session = self.session
        if session is None or session.project is None:
            return
        project = session.project
        self._serial += 1
        serial, wanted = self._serial, self.filter
        self.loading = True

        def job(_progress: object, _cancel: object) -> tuple[int, list[EntityRow]]:
            store = project.connect(read_only=True)
            try:
                return serial, EntityQueries(store).listing(
                    wanted.type_name or None, wanted.text or None, wanted.state or None)
            finally:
                store.close()

        task = session.runner.read_list(job, self.tr("Listing entities"))
        task.signals.finished.connect(self._loaded)
        task.signals.failed.connect(session.task_failed)

    def _loaded(self, outcome: tuple[int, list[EntityRow]]) -> None:
        serial, rows = outcome
        if serial == self._serial:
            self.loading = False
            self.set_rows(rows)
            self.loaded.emit(len(rows))

    def _changed(self, changes: ChangeSet) -> None:
        if _WATCHED & set(changes.tables()):
            self.reload()

    def set_rows(self, rows: Sequence[EntityRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._sort_rows()
        self.endResetModel()

    # -- reading ------------------------------------------------------------------------

    def row_at(self, row: int) -> EntityRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, entity_id: int) -> int:
        return next((r for r, e in enumerate(self._rows) if e.id == entity_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < 6:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Name"), self.tr("Type"), self.tr("Mentions"), self.tr("Articles"),
                    self.tr("Notes"), self.tr("State"))[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return (self.tr("The entity's name"), self.tr("Person, organisation, place…"),
                    self.tr("Mentions in the articles (rejected ones left out)"),
                    self.tr("Articles that mention it"),
                    self.tr("Notes and highlights linked to it"),
                    self.tr("Suggested by recognition, or confirmed by you"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == self.ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DecorationRole and column == self.TYPE:
            return QColor(row.colour)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.NAME and row.aliases:
            return self.tr("Also: %1").replace("%1", ", ".join(row.aliases))
        if role == Qt.ItemDataRole.ToolTipRole and column == self.NOTES and row.highlights:
            return self.tr("%1 notes, %2 highlights").replace("%1", format_count(row.notes)) \
                .replace("%2", format_count(row.highlights))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
                self.MENTIONS, self.ARTICLES, self.NOTES):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and column == self.NAME and \
                row.state == "suggested":
            font = QFont()
            font.setItalic(True)  # a suggestion, not yet the user's
            return font
        return None

    def _display(self, row: EntityRow, column: int) -> str:
        if column == self.NAME:
            return row.name
        if column == self.TYPE:
            return row.type.capitalize()
        if column == self.MENTIONS:
            return format_count(row.mentions)
        if column == self.ARTICLES:
            return format_count(row.articles)
        if column == self.NOTES:
            linked = row.notes + row.highlights
            return format_count(linked) if linked else ""
        return self.tr("Suggested") if row.state == "suggested" else self.tr("Confirmed")

    # -- sorting ------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < 6:
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._sort_rows()
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        column, order = self._sort
        keys: dict[int, Callable[[EntityRow], object]] = {
            self.NAME: lambda r: r.name.casefold(),
            self.TYPE: lambda r: (r.type, r.name.casefold()),
            self.MENTIONS: lambda r: r.mentions,
            self.ARTICLES: lambda r: r.articles,
            self.NOTES: lambda r: r.notes + r.highlights,
            self.STATE: lambda r: (r.state, r.name.casefold()),
        }
        # Stable: ties keep the database's order (most mentions, then name).
        self._rows.sort(key=keys[column],  # type: ignore[arg-type]
                        reverse=order == Qt.SortOrder.DescendingOrder)
