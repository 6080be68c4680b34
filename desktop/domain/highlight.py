"""A highlight: a passage of an article's body, anchored as the W3C Web Annotation model does."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from desktop.domain.text_quote import TextQuote


class AnchorStatus(enum.StrEnum):
    ANCHORED = "anchored"
    # The article's text changed and the passage could not be placed with confidence.
    NEEDS_REVIEW = "needs_review"
    # The user let go of the position; the quote is kept.
    DETACHED = "detached"


@dataclass(frozen=True, slots=True)
class Highlight:
    """``start``/``end`` are code points into the body of ``body_version`` (end exclusive);
    ``quote`` is the text-quote selector that finds the passage again when the body changes."""

    article_id: int
    start: int
    end: int
    quote: TextQuote
    body_version: int = 1
    status: AnchorStatus = AnchorStatus.ANCHORED
    created_at: str = ""
    updated_at: str | None = None
    uuid: str = ""
    id: int | None = None
