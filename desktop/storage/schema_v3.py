"""Schema step 3: the data model for annotations, entities, history and the index outbox.

Replaces the v2 annotation tables (their rows, if any, are carried over) and rebuilds
``articles`` the way SQLite documents for schema changes ALTER TABLE cannot make: create
the new table, copy, drop the old one, rename. The migration runner turns foreign keys off
around the step, so dropping the old ``articles`` does not cascade into its children.

Design rules that the tables follow:
- Every row that can be exported, linked or undone has a ``uuid`` (REFI-QDA GUIDs, Web
  Annotation IRIs) and an ``AUTOINCREMENT`` id, which SQLite never hands out twice: undo
  by id, open results and exported references stay valid after a delete.
- Every foreign-key column is indexed, so cascades and joins never scan.
- What users curate (codes, notes, entities, saved searches) is deleted softly
  (``deleted_at``), so history can show it and undo can bring it back.
- ``articles.body`` is the last column: SQLite reads a row's columns in order, and lists
  read the small columns without walking a long body's overflow pages.
- ``outbox`` gets one row per change that affects search, written by triggers in the same
  transaction as the change: the search index follows the database through it.
"""

from __future__ import annotations

import sqlite3

from desktop.domain.entity import BUILTIN_ENTITY_TYPES
from desktop.domain.text import sort_key
from desktop.storage.sql_script import run_script

# A random (version 4) UUID made by SQLite itself, so every insert path gets one.
UUID_SQL = (
    "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||"
    " substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) ||"
    " substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"
)
NOW_SQL = "strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')"

_TABLES = f"""
CREATE TABLE articles_v3 (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid                TEXT NOT NULL UNIQUE DEFAULT ({UUID_SQL}),
    title               TEXT NOT NULL,
    sort_title          TEXT NOT NULL DEFAULT '',
    source              TEXT NOT NULL DEFAULT '',
    author              TEXT NOT NULL DEFAULT '',
    published           TEXT,
    url                 TEXT NOT NULL DEFAULT '',
    origin_path         TEXT NOT NULL DEFAULT '',
    collection          TEXT NOT NULL DEFAULT '',
    language            TEXT NOT NULL DEFAULT '',
    keywords            TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(keywords)),
    content_hash        TEXT NOT NULL,
    raw_hash            TEXT NOT NULL DEFAULT '',
    normaliser_version  INTEGER NOT NULL DEFAULT 1,
    body_version        INTEGER NOT NULL DEFAULT 1,
    duplicate_of        INTEGER REFERENCES articles (id) ON DELETE SET NULL,
    duplicate_rule      TEXT NOT NULL DEFAULT '',
    imported_at         TEXT NOT NULL DEFAULT ({NOW_SQL}),
    updated_at          TEXT,
    body                TEXT NOT NULL
);

CREATE TABLE entity_types (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid      TEXT NOT NULL UNIQUE DEFAULT ({UUID_SQL}),
    name      TEXT NOT NULL UNIQUE COLLATE NOCASE,
    colour    TEXT NOT NULL DEFAULT '#8c8c8c',
    builtin   INTEGER NOT NULL DEFAULT 0,
    position  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE codes (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid         TEXT NOT NULL UNIQUE DEFAULT ({UUID_SQL}),
    name         TEXT NOT NULL CHECK (name <> ''),
    colour       TEXT NOT NULL DEFAULT '#ffd54f',
    description  TEXT NOT NULL DEFAULT '',
    parent_id    INTEGER REFERENCES codes (id) ON DELETE SET NULL,
    position     INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL DEFAULT ({NOW_SQL}),
    updated_at   TEXT,
    deleted_at   TEXT,
    CHECK (parent_id IS NULL OR parent_id <> id)
);

CREATE TABLE highlights (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid          TEXT NOT NULL UNIQUE DEFAULT ({UUID_SQL}),
    article_id    INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start         INTEGER NOT NULL CHECK (start >= 0),
    "end"         INTEGER NOT NULL,
    exact         TEXT NOT NULL,
    prefix        TEXT NOT NULL DEFAULT '',
    suffix        TEXT NOT NULL DEFAULT '',
    body_version  INTEGER NOT NULL DEFAULT 1,
    status        TEXT NOT NULL DEFAULT 'anchored'
                  CHECK (status IN ('anchored', 'needs_review', 'detached')),
    -- While the status is needs_review: the best place found in the current text, if any
    -- (start and end stay those of the body version the highlight was made in).
    candidate_start  INTEGER,
    candidate_end    INTEGER,
    created_at    TEXT NOT NULL DEFAULT ({NOW_SQL}),
    updated_at    TEXT,
    CHECK ("end" > start)
);

CREATE TABLE highlight_codes (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    highlight_id  INTEGER NOT NULL REFERENCES highlights (id) ON DELETE CASCADE,
    code_id       INTEGER NOT NULL REFERENCES codes (id) ON DELETE CASCADE,
    UNIQUE (highlight_id, code_id)
);

CREATE TABLE notes (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid          TEXT NOT NULL UNIQUE DEFAULT ({UUID_SQL}),
    title         TEXT NOT NULL DEFAULT '',
    body          TEXT NOT NULL DEFAULT '',
    article_id    INTEGER REFERENCES articles (id) ON DELETE SET NULL,
    highlight_id  INTEGER REFERENCES highlights (id) ON DELETE SET NULL,
    quote         TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL DEFAULT ({NOW_SQL}),
    updated_at    TEXT,
    deleted_at    TEXT
);

CREATE TABLE entities (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid          TEXT NOT NULL UNIQUE DEFAULT ({UUID_SQL}),
    name          TEXT NOT NULL CHECK (name <> ''),
    type_id       INTEGER NOT NULL REFERENCES entity_types (id) ON DELETE RESTRICT,
    description   TEXT NOT NULL DEFAULT '',
    external_id   TEXT NOT NULL DEFAULT '',
    merged_into   INTEGER REFERENCES entities (id) ON DELETE SET NULL,
    -- 'suggested': made by recognition and not yet accepted by the user (the entity list
    -- shows it apart; its names are not matched as curated names); 'confirmed': made or
    -- accepted by the user.
    state         TEXT NOT NULL DEFAULT 'confirmed'
                  CHECK (state IN ('suggested', 'confirmed')),
    -- 1: the name and aliases match only as written ("ISIS", not "Isis"); 0: any case.
    match_case    INTEGER NOT NULL DEFAULT 1 CHECK (match_case IN (0, 1)),
    created_at    TEXT NOT NULL DEFAULT ({NOW_SQL}),
    updated_at    TEXT,
    deleted_at    TEXT,
    CHECK (merged_into IS NULL OR merged_into <> id)
);

-- Strings the user rejected as names: recognition never suggests them again. A null type
-- rejects the string whatever type it would be given.
CREATE TABLE rejected_names (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid        TEXT NOT NULL UNIQUE DEFAULT ({UUID_SQL}),
    name        TEXT NOT NULL CHECK (name <> ''),
    type_id     INTEGER REFERENCES entity_types (id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL DEFAULT ({NOW_SQL})
);

CREATE TABLE entity_aliases (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    entity_id  INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    alias      TEXT NOT NULL CHECK (alias <> ''),
    UNIQUE (entity_id, alias)
);

CREATE TABLE mentions (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid          TEXT NOT NULL UNIQUE DEFAULT ({UUID_SQL}),
    entity_id     INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    article_id    INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start         INTEGER NOT NULL CHECK (start >= 0),
    "end"         INTEGER NOT NULL,
    text          TEXT NOT NULL,
    origin        TEXT NOT NULL DEFAULT 'manual'
                  CHECK (origin IN ('recognised', 'confirmed', 'manual')),
    state         TEXT NOT NULL DEFAULT 'confirmed'
                  CHECK (state IN ('suggested', 'confirmed', 'rejected')),
    body_version  INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL DEFAULT ({NOW_SQL}),
    updated_at    TEXT,
    CHECK ("end" > start)
);

-- A link starts at a note or a highlight and ends at one article, highlight, note or
-- entity. One column per kind (instead of a kind + id pair) lets SQLite enforce and
-- cascade every reference.
CREATE TABLE links (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid                 TEXT NOT NULL UNIQUE DEFAULT ({UUID_SQL}),
    source_note_id       INTEGER REFERENCES notes (id) ON DELETE CASCADE,
    source_highlight_id  INTEGER REFERENCES highlights (id) ON DELETE CASCADE,
    target_article_id    INTEGER REFERENCES articles (id) ON DELETE CASCADE,
    target_highlight_id  INTEGER REFERENCES highlights (id) ON DELETE CASCADE,
    target_note_id       INTEGER REFERENCES notes (id) ON DELETE CASCADE,
    target_entity_id     INTEGER REFERENCES entities (id) ON DELETE CASCADE,
    created_at           TEXT NOT NULL DEFAULT ({NOW_SQL}),
    CHECK ((source_note_id IS NOT NULL) + (source_highlight_id IS NOT NULL) = 1),
    CHECK ((target_article_id IS NOT NULL) + (target_highlight_id IS NOT NULL)
           + (target_note_id IS NOT NULL) + (target_entity_id IS NOT NULL) = 1)
);

CREATE TABLE saved_searches (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid        TEXT NOT NULL UNIQUE DEFAULT ({UUID_SQL}),
    name        TEXT NOT NULL CHECK (name <> ''),
    query       TEXT NOT NULL,
    created_at  TEXT NOT NULL DEFAULT ({NOW_SQL}),
    updated_at  TEXT,
    deleted_at  TEXT
);

-- The edit journal: one action per user action, with the rows it touched.
CREATE TABLE journal_actions (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    at     TEXT NOT NULL DEFAULT ({NOW_SQL}),
    kind   TEXT NOT NULL,
    label  TEXT NOT NULL
);

CREATE TABLE journal_rows (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    action_id  INTEGER NOT NULL REFERENCES journal_actions (id) ON DELETE CASCADE,
    tbl        TEXT NOT NULL,
    row_id     INTEGER NOT NULL,
    op         TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete'))
);

CREATE TABLE import_runs (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid         TEXT NOT NULL UNIQUE DEFAULT ({UUID_SQL}),
    action_id    INTEGER REFERENCES journal_actions (id) ON DELETE SET NULL,
    started_at   TEXT NOT NULL,
    finished_at  TEXT NOT NULL DEFAULT ({NOW_SQL}),
    report       TEXT NOT NULL CHECK (json_valid(report))
);

-- Changes the search index has to follow; "stamp" tells two copies of one project apart.
CREATE TABLE outbox (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_key  TEXT NOT NULL,
    op       TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
    stamp    INTEGER NOT NULL DEFAULT (random())
);
"""

_CARRY_OVER = """
INSERT INTO articles_v3 (id, title, sort_title, source, author, published, url, origin_path,
                         content_hash, imported_at, body)
    SELECT id, title, rn_sort_key(title), source, author, published, url, origin_path,
           content_hash, imported_at, body
    FROM articles;
DROP TABLE articles;
ALTER TABLE articles_v3 RENAME TO articles;

INSERT INTO codes (name, colour)
    SELECT DISTINCT colour, colour FROM old_highlights WHERE colour <> '';
INSERT INTO highlights (id, article_id, start, "end", exact, prefix, suffix, created_at)
    SELECT h.id, h.article_id, h.start, h."end", h.quote,
           substr(a.body, max(h.start - 32, 0) + 1, h.start - max(h.start - 32, 0)),
           substr(a.body, h."end" + 1, 32), h.created_at
    FROM old_highlights AS h JOIN articles AS a ON a.id = h.article_id;
INSERT INTO highlight_codes (highlight_id, code_id)
    SELECT h.id, c.id FROM old_highlights AS h JOIN codes AS c ON c.name = h.colour
    WHERE h.colour <> '';
INSERT INTO notes (id, article_id, highlight_id, body, created_at, updated_at)
    SELECT id, article_id, highlight_id, body, created_at, updated_at FROM old_notes;
INSERT INTO entities (id, name, type_id)
    SELECT e.id, e.name, t.id FROM old_entities AS e JOIN entity_types AS t ON t.name = e.kind;
INSERT INTO links (source_note_id, source_highlight_id, target_entity_id)
    SELECT note_id, highlight_id, entity_id FROM old_entity_links;
DROP TABLE old_entity_links;
DROP TABLE old_entities;
DROP TABLE old_notes;
DROP TABLE old_highlights;
"""

_INDEXES = """
CREATE INDEX articles_content_hash ON articles (content_hash);
CREATE INDEX articles_duplicate_of ON articles (duplicate_of);
CREATE INDEX articles_by_date ON articles (published, id);
CREATE INDEX articles_by_title ON articles (sort_title, id);
CREATE INDEX articles_by_source ON articles (source COLLATE NOCASE, sort_title, id);
CREATE INDEX articles_origin ON articles (origin_path);
CREATE INDEX articles_url ON articles (url) WHERE url <> '';
CREATE INDEX codes_parent ON codes (parent_id);
CREATE INDEX highlights_article ON highlights (article_id, start);
CREATE INDEX highlights_status ON highlights (status) WHERE status <> 'anchored';
CREATE INDEX highlight_codes_code ON highlight_codes (code_id);
CREATE INDEX notes_article ON notes (article_id);
CREATE INDEX notes_highlight ON notes (highlight_id);
CREATE INDEX entities_type ON entities (type_id);
CREATE INDEX entities_merged_into ON entities (merged_into);
CREATE INDEX entities_name ON entities (name COLLATE NOCASE);
CREATE INDEX entities_state ON entities (state) WHERE state <> 'confirmed';
CREATE UNIQUE INDEX rejected_names_name ON rejected_names (name COLLATE NOCASE,
                                                           coalesce(type_id, 0));
CREATE INDEX rejected_names_type ON rejected_names (type_id);
CREATE INDEX entity_aliases_alias ON entity_aliases (alias COLLATE NOCASE);
-- Both cover the entity counts, pages and the co-occurrence graph (entity_id, article_id,
-- state: no table lookups over 200,000 mentions); the first also orders a reader's marks.
CREATE INDEX mentions_article ON mentions (article_id, start, entity_id, state);
CREATE INDEX mentions_entity ON mentions (entity_id, article_id, state);
CREATE INDEX links_source_note ON links (source_note_id);
CREATE INDEX links_source_highlight ON links (source_highlight_id);
CREATE INDEX links_target_article ON links (target_article_id);
CREATE INDEX links_target_highlight ON links (target_highlight_id);
CREATE INDEX links_target_note ON links (target_note_id);
CREATE INDEX links_target_entity ON links (target_entity_id);
CREATE INDEX journal_rows_action ON journal_rows (action_id);
CREATE INDEX journal_rows_row ON journal_rows (tbl, row_id);
CREATE INDEX import_runs_action ON import_runs (action_id);
CREATE INDEX outbox_doc ON outbox (doc_key);
"""

# (table, key prefix, columns whose change alters the search document)
OUTBOX_SOURCES = (
    ("articles", "article",
     "title, source, author, published, collection, language, keywords, body"),
    ("highlights", "highlight", "start, \"end\", exact, status"),
    ("notes", "note", "title, body, deleted_at"),
)


def _outbox_triggers() -> str:
    parts = []
    for table, kind, columns in OUTBOX_SOURCES:
        parts.append(f"""
CREATE TRIGGER {table}_outbox_insert AFTER INSERT ON {table} BEGIN
    INSERT INTO outbox (doc_key, op) VALUES ('{kind}:' || NEW.id, 'upsert');
END;
CREATE TRIGGER {table}_outbox_update AFTER UPDATE OF {columns} ON {table} BEGIN
    INSERT INTO outbox (doc_key, op) VALUES ('{kind}:' || NEW.id, 'upsert');
END;
CREATE TRIGGER {table}_outbox_delete AFTER DELETE ON {table} BEGIN
    INSERT INTO outbox (doc_key, op) VALUES ('{kind}:' || OLD.id, 'delete');
END;
""")
    return "".join(parts)


# An article's search document also carries the names and types of the entities mentioned
# in it (``entity:`` and ``type:`` queries), so a change to a mention, an alias, an entity
# or a type re-indexes the articles concerned. A mention names its article; the others
# reach their articles through the mentions. One row per changed mention: the feeder reads
# each article once per round however many rows name it.
_ENTITY_OUTBOX = """
CREATE TRIGGER mentions_outbox_insert AFTER INSERT ON mentions BEGIN
    INSERT INTO outbox (doc_key, op) VALUES ('article:' || NEW.article_id, 'upsert');
END;
CREATE TRIGGER mentions_outbox_update AFTER UPDATE OF entity_id, article_id, state ON mentions
WHEN OLD.entity_id IS NOT NEW.entity_id OR OLD.state IS NOT NEW.state
     OR OLD.article_id IS NOT NEW.article_id BEGIN
    INSERT INTO outbox (doc_key, op) VALUES ('article:' || NEW.article_id, 'upsert');
    INSERT INTO outbox (doc_key, op) SELECT 'article:' || OLD.article_id, 'upsert'
        WHERE OLD.article_id IS NOT NEW.article_id;
END;
CREATE TRIGGER mentions_outbox_delete AFTER DELETE ON mentions BEGIN
    INSERT INTO outbox (doc_key, op) VALUES ('article:' || OLD.article_id, 'upsert');
END;
CREATE TRIGGER entities_outbox_update AFTER UPDATE OF name, type_id, state, merged_into,
    deleted_at ON entities
WHEN OLD.name IS NOT NEW.name OR OLD.type_id IS NOT NEW.type_id OR OLD.state IS NOT NEW.state
     OR OLD.merged_into IS NOT NEW.merged_into OR OLD.deleted_at IS NOT NEW.deleted_at BEGIN
    INSERT INTO outbox (doc_key, op) SELECT DISTINCT 'article:' || article_id, 'upsert'
        FROM mentions WHERE entity_id = NEW.id;
END;
CREATE TRIGGER entity_aliases_outbox_insert AFTER INSERT ON entity_aliases BEGIN
    INSERT INTO outbox (doc_key, op) SELECT DISTINCT 'article:' || article_id, 'upsert'
        FROM mentions WHERE entity_id = NEW.entity_id;
END;
CREATE TRIGGER entity_aliases_outbox_update AFTER UPDATE ON entity_aliases BEGIN
    INSERT INTO outbox (doc_key, op) SELECT DISTINCT 'article:' || article_id, 'upsert'
        FROM mentions WHERE entity_id IN (OLD.entity_id, NEW.entity_id);
END;
CREATE TRIGGER entity_aliases_outbox_delete AFTER DELETE ON entity_aliases BEGIN
    INSERT INTO outbox (doc_key, op) SELECT DISTINCT 'article:' || article_id, 'upsert'
        FROM mentions WHERE entity_id = OLD.entity_id;
END;
CREATE TRIGGER entity_types_outbox_update AFTER UPDATE OF name ON entity_types
WHEN OLD.name IS NOT NEW.name BEGIN
    INSERT INTO outbox (doc_key, op) SELECT DISTINCT 'article:' || m.article_id, 'upsert'
        FROM entities AS e JOIN mentions AS m ON m.entity_id = e.id WHERE e.type_id = NEW.id;
END;
"""


def v3_data_model(db: sqlite3.Connection) -> None:
    db.create_function("rn_sort_key", 1, sort_key, deterministic=True)
    # The v2 tables are renamed out of the way first; their rows move into the new ones.
    for name in ("highlights", "notes", "entities", "entity_links"):
        db.execute(f"ALTER TABLE {name} RENAME TO old_{name}")
    run_script(db, _TABLES)
    db.executemany(
        "INSERT INTO entity_types (name, colour, builtin, position) VALUES (?, ?, 1, ?)",
        [(name, colour, position) for position, (name, colour) in enumerate(BUILTIN_ENTITY_TYPES)],
    )
    run_script(db, _CARRY_OVER)
    run_script(db, _INDEXES)
    run_script(db, _outbox_triggers())
    run_script(db, _ENTITY_OUTBOX)
    # The project's identity (the index cache is keyed by it) and the token that binds an
    # index to this database. The data generation counter of v2 is replaced by the outbox.
    db.execute(f"INSERT OR IGNORE INTO project_meta (key, value) VALUES ('uuid', {UUID_SQL})")
    db.execute(
        "INSERT OR IGNORE INTO project_meta (key, value)"
        " VALUES ('index_token', lower(hex(randomblob(16))))"
    )
    db.execute("DELETE FROM project_meta WHERE key = 'content_generation'")
