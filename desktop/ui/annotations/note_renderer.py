"""Markdown of a note to the HTML the preview shows.

markdown-it-py with raw HTML off (``<script>`` shows as text), so a note pasted from the
web or arriving with someone else's project cannot run or load anything. Images are never
fetched: each is shown as a link with its alt text. Our ``rn://`` links become chips named
by their kind; a chip whose target is gone says so.

A long note is rendered only around the place being edited: markdown-it-py takes seconds
for a megabyte of marked-up text and Qt as long again to lay the HTML out, while the part
near the cursor renders in milliseconds. Blocks are cut at blank lines outside code fences.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.domain.link import LinkKind

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token
    from markdown_it.utils import EnvType, OptionsDict

# (kind, id) -> the target's name, or None when it no longer exists.
Resolve = Callable[[LinkKind, int], str | None]
_RN = re.compile(r"^rn://(article|highlight|note|entity)/(\d+)$")
WHOLE_NOTE_CHARS = 100_000  # up to this size, the preview shows the whole note
_WINDOW_CHARS = 40_000  # else this much around the cursor
CHIP_COLOURS = {
    LinkKind.ARTICLE: "#dbe8fb",
    LinkKind.NOTE: "#fbefc9",
    LinkKind.HIGHLIGHT: "#fde0ea",
    LinkKind.ENTITY: "#dcf3e3",
}
# Marks every common font has (emoji fonts are often missing on Linux desktops).
_ICONS = {LinkKind.ARTICLE: "¶", LinkKind.NOTE: "✎", LinkKind.HIGHLIGHT: "❝",
          LinkKind.ENTITY: "@"}


@dataclass(frozen=True, slots=True)
class RenderedNote:
    html: str
    start: int  # the part of the note shown, in characters
    end: int
    whole: bool


def parse_rn(address: str) -> tuple[LinkKind, int] | None:
    match = _RN.match(address)
    return (LinkKind(match.group(1)), int(match.group(2))) if match else None


class NoteRenderer:
    def __init__(self, resolve: Resolve | None = None) -> None:
        self.resolve = resolve
        self._parser: MarkdownIt | None = None

    @property
    def _md(self) -> MarkdownIt:
        """Made on the first note rendered: markdown-it takes about 50 ms to import, and
        the window opens on a list of articles, not on a note."""
        if self._parser is None:
            from markdown_it import MarkdownIt

            md = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
            # markdown-it binds each rule to its renderer: plain functions that call ours.
            for name, rule in (("image", self._image), ("link_open", self._link_open),
                               ("link_close", self._link_close)):
                md.add_render_rule(name, _as_rule(rule))
            self._parser = md
        return self._parser

    def render(self, body: str, cursor: int = 0) -> RenderedNote:
        if len(body) <= WHOLE_NOTE_CHARS:
            return RenderedNote(self._md.render(body), 0, len(body), True)
        start, end = _window(body, cursor)
        return RenderedNote(self._md.render(body[start:end]), start, end, False)

    # -- rules --------------------------------------------------------------------------

    def _image(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
               env: EnvType) -> str:
        token = tokens[idx]
        source = str(token.attrGet("src") or "")
        alt = "".join(child.content for child in token.children or []) or "image"
        # Never an <img>: showing it would fetch it. A link the user may follow instead.
        return (f'<a href="{html.escape(source)}" title="{html.escape(source)}">'
                f"[image: {html.escape(alt)}]</a>")

    def _link_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                   env: EnvType) -> str:
        token = tokens[idx]
        address = str(token.attrGet("href") or "")
        target = parse_rn(address)
        if target is None:
            return self._md.renderer.renderToken(tokens, idx, options, env)
        kind, target_id = target
        name = self.resolve(kind, target_id) if self.resolve else ""
        gone = name is None
        colour = "#e0e0e0" if gone else CHIP_COLOURS[kind]
        style = (f"background-color:{colour}; color:#1a1a1a; text-decoration:none;"
                 + (" text-decoration:line-through;" if gone else ""))
        tip = (f"{kind.value} {target_id} no longer exists" if gone
               else f"{kind.value}: {name}")
        token.meta["chip"] = True
        # The colour again on a span inside: Qt paints a link's text in the palette's link
        # colour whatever the anchor's style says, which is unreadable on a light chip in
        # the dark appearance.
        return (f'<a href="{html.escape(address)}" style="{style}" title="{html.escape(tip)}">'
                f'<span style="color:#1a1a1a">&nbsp;{_ICONS[kind]}&nbsp;')

    def _link_close(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                    env: EnvType) -> str:
        opened = next((t for t in reversed(tokens[:idx]) if t.type == "link_open"), None)
        if opened is not None and opened.meta.get("chip"):
            return "&nbsp;</span></a>"
        return self._md.renderer.renderToken(tokens, idx, options, env)


def _as_rule(method: Callable[[Sequence[Token], int, OptionsDict, EnvType], str]) -> Callable[
        ..., str]:
    def rule(_renderer: object, tokens: Sequence[Token], idx: int, options: OptionsDict,
             env: EnvType) -> str:
        return method(tokens, idx, options, env)

    return rule


def _window(body: str, cursor: int) -> tuple[int, int]:
    """About ``_WINDOW_CHARS`` around ``cursor``, cut at blank lines outside code fences."""
    cursor = max(0, min(cursor, len(body)))
    low = max(0, cursor - _WINDOW_CHARS // 2)
    high = min(len(body), low + _WINDOW_CHARS)
    low = max(0, high - _WINDOW_CHARS)
    start = body.rfind("\n\n", 0, low) + 2 if low else 0
    start = 0 if start < 2 else start
    end = body.find("\n\n", high)
    end = len(body) if end < 0 or high >= len(body) else end
    # An odd number of fences before the start means it falls inside a code block.
    if body.count("```", 0, start) % 2:
        fence = body.rfind("```", 0, start)
        start = body.rfind("\n", 0, fence) + 1
    return start, end
