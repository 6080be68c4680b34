"""Paints a search hit as a title line, a source/date line and a snippet with hits in bold."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop.ui.search.search_results_model import HIT_ROLE
from index import SearchHit

Index = QModelIndex | QPersistentModelIndex
_PADDING = 6


class SearchResultDelegate(QStyledItemDelegate):
    def _document(self, option: QStyleOptionViewItem, hit: SearchHit) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(0)
        meta = " · ".join(x for x in (hit.source, hit.published or "") if x)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Active
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        colour = option.palette.color(group, role).name()
        muted = colour if selected else option.palette.color(
            QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text).name()
        kind = {"note": self.tr("Note:"), "highlight": self.tr("Highlight in")}.get(hit.kind)
        label = f'<span style="color:{muted}">{html.escape(kind)}</span> ' if kind else ""
        doc.setHtml(
            f'<div style="color:{colour}">{label}<b>{html.escape(hit.title)}</b></div>'
            + (f'<div style="color:{muted}; font-size:small">{html.escape(meta)}</div>'
               if meta else "")
            + f'<div style="color:{colour}">{hit.snippet.html()}</div>'
        )
        doc.setTextWidth(max(50, option.rect.width() - 2 * _PADDING))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        hit = index.data(HIT_ROLE)
        if not isinstance(hit, SearchHit):
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        option_text_free = QStyleOptionViewItem(option)
        option_text_free.text = ""
        if style is not None:
            style.drawControl(
                QStyle.ControlElement.CE_ItemViewItem, option_text_free, painter, option.widget
            )
        doc = self._document(option, hit)
        painter.save()
        painter.translate(option.rect.left() + _PADDING, option.rect.top() + _PADDING)
        context = QAbstractTextDocumentLayout.PaintContext()
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        hit = index.data(HIT_ROLE)
        if not isinstance(hit, SearchHit):
            return super().sizeHint(option, index)
        self.initStyleOption(option, index)
        doc = self._document(option, hit)
        return QSize(int(doc.idealWidth()) + 2 * _PADDING, int(doc.size().height()) + 2 * _PADDING)


