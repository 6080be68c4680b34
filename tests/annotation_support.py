"""Projects with many highlights, made fast (straight into SQLite), for the panel tests and
the benchmark; and a session on a project without its search index (not what they test)."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from desktop.domain.article import Article
from desktop.domain.text import content_hash
from desktop.services.code_service import CodeService
from desktop.services.project import DB_NAME, Project

WORDS = ("minister", "vote", "protest", "city", "border", "militants", "highway",
         "residents", "council", "budget", "election", "court", "market", "police",
         "report", "army", "refugees", "talks", "ceasefire")


def build_highlight_project(folder: Path, articles: int = 200, highlights: int = 100_000,
                            seed: int = 7) -> dict[str, int]:
    """A closed project with ``articles`` articles, a small code tree and ``highlights``
    highlights spread over them (a third with a note, each with one or two codes).
    Returns the ids of some codes by name."""
    rng = random.Random(seed)
    with Project.create(folder) as project:
        bodies = [" ".join(rng.choice(WORDS) for _ in range(2000)) for _ in range(articles)]
        project.store.articles.add(
            Article(title=f"Article {i:04d} {WORDS[i % len(WORDS)]}", body=body,
                    content_hash=content_hash(f"Article {i}", body))
            for i, body in enumerate(bodies))
        codes = CodeService(project)
        politics, _ = codes.create("Politics")
        elections, _ = codes.create("Elections", parent_id=politics.id)
        violence, _ = codes.create("Violence")
        other, _ = codes.create("Other")
        ids = {"Politics": politics.id or 0, "Elections": elections.id or 0,
               "Violence": violence.id or 0, "Other": other.id or 0}
        article_ids = [int(r[0]) for r in project.store.connection.execute(
            "SELECT id FROM articles ORDER BY id")]
    db = sqlite3.connect(folder / DB_NAME)
    try:
        db.execute("BEGIN")
        rows = []
        for n in range(highlights):
            article = article_ids[n % len(article_ids)]
            body = bodies[n % len(article_ids)]
            start = rng.randrange(0, len(body) - 200)
            end = start + rng.randrange(10, 120)
            rows.append((article, start, end, body[start:end], body[max(0, start - 32):start],
                         body[end:end + 32]))
        db.executemany('INSERT INTO highlights (article_id, start, "end", exact, prefix, suffix)'
                       " VALUES (?,?,?,?,?,?)", rows)
        first = int(db.execute("SELECT min(id) FROM highlights").fetchone()[0])
        code_list = list(ids.values())
        pairs = []
        for n in range(highlights):
            pairs.append((first + n, code_list[n % len(code_list)]))
            if n % 5 == 0:
                pairs.append((first + n, code_list[(n + 1) % len(code_list)]))
        db.executemany("INSERT OR IGNORE INTO highlight_codes (highlight_id, code_id)"
                       " VALUES (?, ?)", pairs)
        db.executemany("INSERT INTO notes (body, article_id, highlight_id) VALUES (?, ?, ?)",
                       [(f"Note {n} on a {rng.choice(WORDS)}", article_ids[n % len(article_ids)],
                         first + n) for n in range(0, highlights, 3)])
        # Not what these tests are about: the search index would take minutes to catch up.
        db.execute("DELETE FROM outbox")
        db.execute("COMMIT")
    finally:
        db.close()
    return ids


def attach_project(session: object, project: Project) -> None:
    """Give ``session`` an open project without starting its search index (which would
    index every highlight): enough for panels, which read the database."""
    session.project = project  # type: ignore[attr-defined]
    session.history.set_project(project)  # type: ignore[attr-defined]
    session.project_opened.emit(project)  # type: ignore[attr-defined]


def detach_project(session: object) -> None:
    project = session.project  # type: ignore[attr-defined]
    session.runner.wait()  # type: ignore[attr-defined]
    session.project = None  # type: ignore[attr-defined]
    session.history.set_project(None)  # type: ignore[attr-defined]
    session.project_closed.emit()  # type: ignore[attr-defined]
    if project is not None:
        project.close()
