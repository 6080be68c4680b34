"""Notes' Markdown as HTML for Qt's rich text, rendered by markdown-it-py.

Notes may hold text pasted from anywhere, so nothing in them may reach out: raw HTML is
shown as text (``html=False``), images become links with their alt text (Qt's rich text
would otherwise ask for the picture), and markdown-it's own link check drops
``javascript:`` and similar addresses. Our ``rn://`` links (to articles, notes, highlights
and entities) are marked with the ``chip`` class so the document's style sheet can show
them as chips.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

INTERNAL_SCHEME = "rn://"


class MarkdownHtml:
    def __init__(self, image_label: str = "Image: %1") -> None:
        # image_label: how an image is named in place of the picture ("%1" is its alt text).
        self._image_label = image_label
        self._md: MarkdownIt | None = None

    def render(self, text: str) -> str:
        if self._md is None:
            self._md = _markdown_it(self._image_label)
        return self._md.render(text)


def _markdown_it(image_label: str) -> MarkdownIt:
    # Imported on the first note rendered, not with the window: markdown-it takes about
    # 50 ms to import, and the window opens on a list of articles, not on notes.
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False})
    md.enable(["table", "strikethrough"])
    # markdown-it binds render rules to its renderer: plain functions, not our methods.
    md.add_render_rule("image", _image_rule(image_label))
    md.add_render_rule("link_open", _link_open)
    return md


def _image_rule(image_label: str) -> Callable[..., str]:
    from markdown_it.common.utils import escapeHtml

    def image(renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        source = str(token.attrs.get("src", ""))
        alt = renderer.renderInlineAsText(token.children or [], options, env) or source
        label = escapeHtml(image_label.replace("%1", alt))
        return f'<a href="{escapeHtml(source)}">{label}</a>'

    return image


def _link_open(renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    if str(token.attrs.get("href", "")).startswith(INTERNAL_SCHEME):
        token.attrSet("class", "chip")
    return str(renderer.renderToken(tokens, idx, options, env))
