"""The reader's context menu over an entity mention: confirm or reject it, every mention of
the same string in the article or in the project, or open the entity's page."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu

from desktop.services.reader_annotations import ShownMention
from desktop.ui.entities.entity_curation import EntityCuration
from desktop.ui.reader.reader_view import ReaderView

_SHOWN = 24  # characters of a name in a menu entry


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SHOWN else text[:_SHOWN - 1] + "…"


class MentionMenu(QObject):
    def __init__(self, reader: ReaderView, curation: EntityCuration,
                 open_entity: Callable[[int], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reader = reader
        self.curation = curation
        self._open_entity = open_entity
        reader.mention_menu.connect(self.add_to)

    def add_to(self, menu: QMenu, mentions: Sequence[ShownMention]) -> None:
        article = self.reader.article
        if article is None or article.id is None:
            return
        project = self.curation.session.project
        writable = project is not None and not project.read_only
        article_id = article.id
        for mention in mentions[:2]:
            text = article.body[mention.start:mention.end]
            shown = _short(text)
            if mentions[1:]:
                sub = menu.addMenu(_short(mention.name))
                sub.setToolTipsVisible(True)
            else:
                sub = menu
            self._add(sub, self.tr("Open “%1”").replace("%1", _short(mention.name)),
                      self.tr("The entity's page: its mentions, notes and links"),
                      lambda m=mention: self._open_entity(m.entity_id))
            if not writable:
                continue
            if mention.state == "suggested":
                self._add(sub, self.tr("&Confirm “%1”").replace("%1", shown),
                          self.tr("This is a mention of %1").replace("%1", mention.name),
                          lambda m=mention: self.curation.confirm([m.id], m.name))
            self._add(sub, self.tr("&Reject “%1”").replace("%1", shown),
                      self.tr("This is not a mention of %1").replace("%1", mention.name),
                      lambda m=mention: self.curation.reject([m.id], m.name))
            self._add(sub, self.tr("Confirm All “%1” in This Article").replace("%1", shown),
                      self.tr("Every “%1” of this article is a mention").replace("%1", shown),
                      lambda t=text: self.curation.confirm_text(t, article_id))
            self._add(sub, self.tr("Confirm All “%1” in the Project").replace("%1", shown),
                      self.tr("Every “%1” of every article is a mention").replace("%1", shown),
                      lambda t=text: self.curation.confirm_text(t, None))
            self._add(sub, self.tr("Reject All “%1” in This Article").replace("%1", shown),
                      self.tr("No “%1” of this article is a mention").replace("%1", shown),
                      lambda t=text: self.curation.reject_text(t, article_id))
            self._add(sub, self.tr("Reject All “%1” in the Project").replace("%1", shown),
                      self.tr("No “%1” anywhere is a name; it is not suggested again")
                      .replace("%1", shown),
                      lambda t=text: self.curation.reject_text(t, None))

    @staticmethod
    def _add(menu: QMenu, text: str, tip: str, slot: Callable[[], object]) -> None:
        action = menu.addAction(text)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
