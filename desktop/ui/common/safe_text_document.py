"""A rich-text document that never loads anything: no image, no style sheet, no file, local
or remote. Notes and imported text are shown in these, so what they name stays a name."""

from __future__ import annotations

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QTextDocument


class SafeTextDocument(QTextDocument):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # What Qt asked for and did not get (tests look; nobody else needs to).
        self.refused: list[str] = []

    def loadResource(self, kind: int, name: QUrl) -> object:
        self.refused.append(name.toString())
        return None
