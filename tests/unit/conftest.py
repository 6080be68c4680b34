"""Fixtures shared by the unit tests."""

from pathlib import Path

import pytest

from desktop.domain.article import Article
from desktop.domain.text import content_hash


def make_article(title: str, body: str, **fields: str | None) -> Article:
    """An article as an importer hands it to the store: with its content hash."""
    return Article(title=title, body=body, content_hash=content_hash(title, body), **fields)


@pytest.fixture
def project(tmp_path: Path):
    """A new, empty project (needs the ``index`` package); closed after the test."""
    from desktop.services.project import Project

    project = Project.create(tmp_path / "project")
    try:
        yield project
    finally:
        project.close()
