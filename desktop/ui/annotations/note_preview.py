"""The rendered preview of a note: links are chips that open their target; nothing is ever
loaded (no images, no style sheets, no files), whatever the note says."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTextBrowser, QWidget

from desktop.ui.annotations.note_renderer import NoteRenderer, RenderedNote, parse_rn

_SAFE_SCHEMES = ("http", "https", "mailto")


class NotePreview(QTextBrowser):
    link_activated = Signal(object, int)  # LinkKind, id

    def __init__(self, renderer: NoteRenderer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notePreview")
        self.renderer = renderer
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName(self.tr("Note preview"))
        self.setAccessibleDescription(self.tr(
            "The note as it reads; links to articles, notes and entities open them"))
        # Every resource Qt asked for (tests check that none was fetched).
        self.requested: list[QUrl] = []
        self.shown: RenderedNote | None = None
        self.anchorClicked.connect(self._clicked)

    def show_note(self, body: str, cursor: int = 0) -> None:
        rendered = self.renderer.render(body, cursor)
        self.shown = rendered
        prefix = ""
        if not rendered.whole:
            prefix = "<p style='color:gray'><i>{}</i></p>".format(
                self.tr("A long note: the preview shows characters %1 to %2 of %3, around "
                        "the cursor.").replace("%1", f"{rendered.start:,}")
                .replace("%2", f"{rendered.end:,}").replace("%3", f"{len(body):,}"))
        bar = self.verticalScrollBar()
        position = bar.value()
        self.setHtml(prefix + rendered.html)
        bar.setValue(position)

    def loadResource(self, kind: int, name: QUrl) -> object:
        # Never fetch: not remote images, not local files a note names.
        self.requested.append(QUrl(name))
        return None

    def _clicked(self, url: QUrl) -> None:
        target = parse_rn(url.toString())
        if target is not None:
            self.link_activated.emit(*target)
        elif url.scheme() in _SAFE_SCHEMES:
            QDesktopServices.openUrl(url)  # the user clicked it: their browser opens it

