"""Schema steps 1 and 2, kept exactly as they shipped: every database is brought to the
latest version by running the steps it has not seen, in order."""

from __future__ import annotations

import sqlite3

from desktop.storage.sql_script import run_script as _run_script


def v1_articles(db: sqlite3.Connection) -> None:
    _run_script(
        db,
        """
        CREATE TABLE project_meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE articles (
            id           INTEGER PRIMARY KEY,
            title        TEXT NOT NULL,
            body         TEXT NOT NULL,
            source       TEXT NOT NULL DEFAULT '',
            author       TEXT NOT NULL DEFAULT '',
            published    TEXT,
            url          TEXT NOT NULL DEFAULT '',
            origin_path  TEXT NOT NULL DEFAULT '',
            content_hash TEXT NOT NULL UNIQUE,
            imported_at  TEXT NOT NULL
        );
        CREATE INDEX articles_published ON articles (published);
        """
    )


def v2_annotations(db: sqlite3.Connection) -> None:
    # Highlights and notes anchor into an article's body by code-point offsets; entities
    # are the people, organisations and places that notes and highlights are linked to.
    _run_script(
        db,
        """
        CREATE TABLE highlights (
            id          INTEGER PRIMARY KEY,
            article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            start       INTEGER NOT NULL CHECK (start >= 0),
            "end"       INTEGER NOT NULL,
            quote       TEXT NOT NULL,
            colour      TEXT NOT NULL DEFAULT '',
            created_at  TEXT NOT NULL,
            CHECK ("end" > start)
        );
        CREATE INDEX highlights_article ON highlights (article_id, start);
        CREATE TABLE notes (
            id            INTEGER PRIMARY KEY,
            article_id    INTEGER REFERENCES articles (id) ON DELETE CASCADE,
            highlight_id  INTEGER REFERENCES highlights (id) ON DELETE CASCADE,
            body          TEXT NOT NULL,
            created_at    TEXT NOT NULL,
            updated_at    TEXT NOT NULL
        );
        CREATE INDEX notes_article ON notes (article_id);
        CREATE TABLE entities (
            id    INTEGER PRIMARY KEY,
            name  TEXT NOT NULL,
            kind  TEXT NOT NULL CHECK (kind IN ('person', 'organisation', 'place', 'other')),
            UNIQUE (name, kind)
        );
        CREATE TABLE entity_links (
            id            INTEGER PRIMARY KEY,
            entity_id     INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
            note_id       INTEGER REFERENCES notes (id) ON DELETE CASCADE,
            highlight_id  INTEGER REFERENCES highlights (id) ON DELETE CASCADE,
            CHECK ((note_id IS NULL) <> (highlight_id IS NULL))
        );
        CREATE INDEX entity_links_entity ON entity_links (entity_id);
        """
    )
