"""One note in the reader's margin: its place beside the text and its rendered Markdown.

Rendering Markdown and laying out rich text cost milliseconds per note, so a card is
rendered only when it is about to be seen (or when the margin has idle time); until then
its height is estimated from the length of its text. Only the beginning of a long note is
rendered: the card shows a few lines, the note editor shows it all.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF, QTextDocument

from desktop.domain.note import Note
from desktop.ui.common.markdown_html import MarkdownHtml
from desktop.ui.common.safe_text_document import SafeTextDocument

PREVIEW_CHARS = 1200  # far more than a card shows at any width
MAX_BODY_LINES = 9
PADDING = 7.0
CARD_STYLE = """
p, ul, ol, blockquote, pre, table { margin-top: 0px; margin-bottom: 4px; }
h1, h2, h3, h4, h5, h6 { margin-top: 0px; margin-bottom: 3px; font-size: medium; }
a { text-decoration: none; }
a.chip { font-weight: 600; }
"""


class NoteCard:
    def __init__(self, note: Note, highlight_id: int | None, label: str, colour: str) -> None:
        self.note = note
        self.highlight_id = highlight_id
        self.label = label  # above the text: "On the article", "Passage needs review"
        self.colour = colour  # the highlight's first code, for the card's edge
        self.anchor = 0.0  # document y of what the note is about
        self.top = 0.0  # document y of the card, pushed down below the card before it
        self.height = 0.0
        self.document: QTextDocument | None = None
        self.clipped = False  # the text goes on below the card

    @property
    def key(self) -> tuple[int, str]:
        """Changes when the note's text does (a rendered document can be kept until then)."""
        return (self.note.id or 0, self.note.updated_at or self.note.created_at)

    @property
    def rendered(self) -> bool:
        return self.document is not None

    def rect(self, left: float, width: float) -> QRectF:
        return QRectF(left, self.top, width, self.height)

    def estimate(self, metrics: QFontMetricsF, text_width: float) -> None:
        """A height from the text's length, good enough until the card is rendered."""
        per_line = max(8, int(text_width / max(metrics.averageCharWidth(), 1.0)))
        lines = 0
        for paragraph in _preview(self.note.body).split("\n"):
            lines += max(1, -(-len(paragraph) // per_line))
        lines = min(lines, MAX_BODY_LINES)
        self.height = self._chrome(metrics) + lines * metrics.lineSpacing()

    def render(self, markdown: MarkdownHtml, metrics: QFontMetricsF, text_width: float,
               reuse: QTextDocument | None = None, link_colour: str = "") -> None:
        """Render the note's Markdown (or take a document rendered before) and measure."""
        document = reuse
        if document is None:
            document = SafeTextDocument()
            document.setDocumentMargin(0)
            # Links take their colour when the HTML is read: the palette's, not Qt's blue.
            link = f"a {{ color: {link_colour}; }}" if link_colour else ""
            document.setDefaultStyleSheet(CARD_STYLE + link)
            document.setHtml(markdown.render(_preview(self.note.body)))
        if abs(document.textWidth() - text_width) > 0.5:
            document.setTextWidth(text_width)
        self.document = document
        limit = MAX_BODY_LINES * metrics.lineSpacing()
        body = document.size().height()
        self.clipped = body > limit + 1 or len(self.note.body) > PREVIEW_CHARS
        self.height = self._chrome(metrics) + min(body, limit)

    def _chrome(self, metrics: QFontMetricsF) -> float:
        label = metrics.lineSpacing() + 2 if self.label else 0.0
        return 2 * PADDING + label


def _preview(body: str) -> str:
    if len(body) <= PREVIEW_CHARS:
        return body
    cut = body.rfind("\n", 0, PREVIEW_CHARS)
    return body[:cut if cut > PREVIEW_CHARS // 2 else PREVIEW_CHARS]
