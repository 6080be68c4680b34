"""Help > Search Syntax: what the search field understands, with examples. It describes
the query parser in ``index/query_builder.py``; keep the two in step."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget


class SearchSyntaxDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchSyntax")
        self.setWindowTitle(self.tr("Search Syntax"))
        self.text = QTextBrowser(self)
        self.text.setOpenLinks(False)
        self.text.setAccessibleName(self.tr("Search syntax"))
        self.text.setAccessibleDescription(self.tr("How to write searches, with examples"))
        self.text.setHtml(self.html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close"))
        close.setAccessibleDescription(self.tr("Closes the search syntax help"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(620, 520)

    def html(self) -> str:
        rows = [
            ("Kerry Iran", self.tr("articles with every word (in any order, any field)")),
            ('"drone strikes"', self.tr("the words side by side, in this order")),
            ("Kerry OR Obama", self.tr("either word")),
            ("Iraq NOT Syria", self.tr("the first word without the second; also Iraq -Syria")),
            ("(Najaf OR Karbala) shrine", self.tr("brackets group alternatives")),
            ("title:militants", self.tr("a word in the headline only")),
            ("source:bbc", self.tr("a word in the source; author:name likewise")),
            ("milit*", self.tr("words that begin so (at least two letters before *)")),
            ("Soleimany~", self.tr("one typo allowed; the first two letters must match")),
        ]
        table = "".join(
            f"<tr><td style='padding:4px 16px 4px 0'><code>{example}</code></td>"
            f"<td style='padding:4px 0'>{meaning}</td></tr>" for example, meaning in rows)
        notes = self.tr(
            "Words are matched in their dictionary form: <i>capture</i> also finds "
            "<i>captured</i> and <i>captures</i>. Letter case and accents in the query do not "
            "matter. Matches in the headline count more than matches in the text. AND, OR and "
            "NOT are operators in capitals only.")
        keys = self.tr(
            "In the search field, Down or Enter moves to the results. In the reader, F3 and "
            "Shift+F3 go to the next and previous hit.")
        return (f"<h3>{self.tr('Searching articles')}</h3><table>{table}</table>"
                f"<p>{notes}</p><p>{keys}</p>")
