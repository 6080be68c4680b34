"""Schema step 5: a highlight's search document follows its article.

A highlight is indexed with its article's title, source, date and collection (a search
for the article's title finds its highlights; facets count them). Only the highlight's own
columns wrote outbox rows, so a new title left them findable under the old one, unless
the highlights were written too (an import's update moves them, so it was spared; found
by a code review). This trigger re-indexes them when one of those columns really changes.
"""

from __future__ import annotations

import sqlite3

from desktop.storage.sql_script import run_script


def v5_highlights_follow_their_article(db: sqlite3.Connection) -> None:
    run_script(
        db,
        """
        CREATE TRIGGER articles_outbox_highlights
        AFTER UPDATE OF title, source, published, collection ON articles
        WHEN OLD.title IS NOT NEW.title OR OLD.source IS NOT NEW.source
             OR OLD.published IS NOT NEW.published OR OLD.collection IS NOT NEW.collection
        BEGIN
            INSERT INTO outbox (doc_key, op)
                SELECT 'highlight:' || id, 'upsert' FROM highlights WHERE article_id = NEW.id;
        END;
        """,
    )
