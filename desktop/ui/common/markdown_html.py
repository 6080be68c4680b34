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
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token

INTERNAL_SCHEME = "rn://"


class MarkdownHtml:
    def __init__(self, image_label: str = "Image: %1") -> None:
        # image_label: how an image is named in place of the picture ("%1" is its alt text).
        self._md = MarkdownIt("commonmark", {"html": False, "linkify": False})
        self._md.enable(["table", "strikethrough"])
        # markdown-it binds render rules to its renderer: plain functions, not our methods.
        self._md.add_render_rule("image", _image_rule(image_label))
        self._md.add_render_rule("link_open", _link_open)

    def render(self, text: str) -> str:
        return self._md.render(text)


def _image_rule(image_label: str) -> Callable[..., str]:
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
