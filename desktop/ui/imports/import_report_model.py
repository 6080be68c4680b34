"""The files an import did not turn into new articles, one row each: duplicates (with the
article each duplicates), skipped files and failures, each with its reason."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.services.import_report import FileProblem, ImportReport

Index = QModelIndex | QPersistentModelIndex
ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
OUTCOME_ROLE = Qt.ItemDataRole.UserRole + 2
TitleLookup = Callable[[int], str | None]


class Outcome(Enum):
    DUPLICATE = "duplicate"
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class ReportRow:
    outcome: Outcome
    path: str
    detail: str
    article_id: int | None


class ImportReportModel(QAbstractTableModel):
    OUTCOME, FILE, DETAIL = range(3)

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: list[ReportRow] = []
        # The folder all listed files share, shown once above the list; rows show the
        # rest of the path (the same long prefix on every row would hide the file names).
        self.base_folder = ""
        self._headers = (self.tr("Outcome"), self.tr("File"), self.tr("Details"))
        self._outcome_names = {
            Outcome.DUPLICATE: self.tr("Duplicate"),
            Outcome.SKIPPED: self.tr("Skipped"),
            Outcome.FAILED: self.tr("Failed"),
        }

    def set_report(self, report: ImportReport | None, title_of: TitleLookup | None = None) -> None:
        self.beginResetModel()
        self._rows = []
        if report is not None:
            # Failures first: they are what the user may have to act on.
            for outcome, problems in ((Outcome.FAILED, report.failed),
                                      (Outcome.DUPLICATE, report.duplicates),
                                      (Outcome.SKIPPED, report.skipped)):
                self._rows.extend(self._row(outcome, p, title_of) for p in problems)
        self.base_folder = _common_folder([r.path for r in self._rows])
        self.endResetModel()

    def _row(self, outcome: Outcome, problem: FileProblem,
             title_of: TitleLookup | None) -> ReportRow:
        detail = problem.reason
        if outcome is Outcome.DUPLICATE and problem.article_id is not None:
            title = title_of(problem.article_id) if title_of else None
            detail = (self.tr("Same text as “%1” (article %2)").replace("%1", title).replace(
                "%2", str(problem.article_id)) if title else
                self.tr("Same text as article %1").replace("%1", str(problem.article_id)))
        return ReportRow(outcome, problem.path, detail, problem.article_id)

    def row(self, row: int) -> ReportRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def outcome_name(self, outcome: Outcome) -> str:
        return self._outcome_names[outcome]

    def shown_path(self, row: ReportRow) -> str:
        if self.base_folder:
            return os.path.relpath(row.path, self.base_folder)
        return row.path

    def as_text(self, rows: list[int] | None = None) -> str:
        """Tab-separated lines with full paths, for the clipboard and for saving."""
        chosen = self._rows if rows is None else [self._rows[r] for r in rows]
        return "\n".join(
            f"{self._outcome_names[r.outcome]}\t{r.path}\t{r.detail}" for r in chosen)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == self.OUTCOME:
                return self._outcome_names[row.outcome]
            if column == self.DETAIL:
                return row.detail
            return row.path if role == Qt.ItemDataRole.ToolTipRole else self.shown_path(row)
        if role == ARTICLE_ID_ROLE:
            return row.article_id
        if role == OUTCOME_ROLE:
            return row.outcome.value
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._headers)):
            return self._headers[section]
        return None


def _common_folder(paths: list[str]) -> str:
    if not paths:
        return ""
    try:
        common = os.path.commonpath(paths)
    except ValueError:  # relative and absolute mixed, or different drives
        return ""
    return str(Path(common).parent) if common in paths else common
