"""A project with thousands of entities and hundreds of thousands of mentions, built fast.

Rows go straight into SQLite on a plain connection (no change capture, no journal): the
queries under test only read. Entity popularity follows a Zipf-like law (a few entities are
mentioned in thousands of articles, most in a handful), as in real news, so the entity page
of the most mentioned entity is the worst case.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from desktop.services.project import DB_NAME, Project

_WORDS = ("minister", "said", "talks", "forces", "city", "the", "of", "in", "government",
          "rebels", "agreement", "border", "officials", "week", "report", "and")


def build_entity_project(folder: Path, entities: int = 2000, mentions: int = 200_000,
                         per_article: int = 10, seed: int = 7) -> Path:
    """A project in ``folder`` with ``mentions // per_article`` dated articles."""
    Project.create(folder).close()
    rng = random.Random(seed)
    articles = mentions // per_article
    db = sqlite3.connect(folder / DB_NAME, isolation_level=None)
    try:
        db.execute("BEGIN")
        # The outbox triggers are set aside while the rows go in (the queries under test
        # never read the outbox) and put back afterwards.
        triggers = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
                              " AND name LIKE '%outbox%'").fetchall()
        for name, _sql in triggers:
            db.execute(f"DROP TRIGGER {name}")
        types = [int(r[0]) for r in db.execute("SELECT id FROM entity_types ORDER BY id")][:4]
        db.executemany(
            "INSERT INTO entities (id, name, type_id, state) VALUES (?, ?, ?, ?)",
            [(n, f"Entity{n:05d}", types[n % len(types)],
              "confirmed" if n % 3 else "suggested") for n in range(1, entities + 1)])
        db.executemany("INSERT INTO entity_aliases (entity_id, alias) VALUES (?, ?)",
                       [(n, f"E{n:05d}") for n in range(1, entities + 1, 2)])
        weights = [1 / n for n in range(1, entities + 1)]
        rows = []
        for a_id in range(1, articles + 1):
            chosen = rng.choices(range(1, entities + 1), weights, k=per_article)
            words, spans = [], []
            position = 0
            for e_id in chosen:
                filler = " ".join(rng.choices(_WORDS, k=8)) + " "
                name = f"Entity{e_id:05d}"
                start = position + len(filler)
                spans.append((e_id, start, start + len(name), name))
                words.append(filler + name + ". ")
                position += len(filler) + len(name) + 2
            body = "".join(words)
            month = 1 + a_id % 12
            published = None if a_id % 10 == 0 else f"20{10 + a_id % 10}-{month:02d}-15"
            db.execute("INSERT INTO articles (id, title, content_hash, published, body)"
                       " VALUES (?, ?, ?, ?, ?)", (a_id, f"Story {a_id}", f"h{a_id}",
                                                   published, body))
            rows += [(e, a_id, s, t, n) for e, s, t, n in spans]
        db.executemany('INSERT INTO mentions (entity_id, article_id, start, "end", text,'
                       " origin, state) VALUES (?, ?, ?, ?, ?, 'recognised', 'suggested')",
                       rows)
        for _name, sql in triggers:
            db.execute(sql)
        db.execute("COMMIT")
    finally:
        db.close()
    return folder
