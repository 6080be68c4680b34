"""The sample project's annotations: the whole workflow shown on the seed article.

A newcomer opening the sample sees, at once, what the application is for: suggested
entities, a coded highlight of the passage the article turns on, a note on it that links
to the people and organisations involved, and those entities confirmed. Everything is
made through the same services the window uses, so it is ordinary, undoable user data.
"""

from __future__ import annotations

from desktop.domain.link import LinkKind
from desktop.services.code_service import CodeService
from desktop.services.curation_service import CurationService
from desktop.services.highlight_service import HighlightService
from desktop.services.note_service import NoteService, link_target
from desktop.services.project import Project
from desktop.services.recognition_service import RecognitionService

# The passage of the seed the sample highlights (its first words; it runs to the full stop).
PASSAGE = "Already, the commander of Iran's elite Quds Force"
# Linked from the note and the highlight, when recognition found them.
PEOPLE = ("Ghasem Soleimani", "Quds Force", "Iran")
CODE = "Foreign involvement"
CODE_COLOUR = "#f4a261"
NOTE = (
    "Iran already has a senior commander on the ground: [{0}]({0_link}) of the "
    "[{1}]({1_link}). Follow how the article connects [{2}]({2_link}) to the "
    "Iraqi government's response, and compare with the US options quoted above."
)


class SampleAnnotations:
    def __init__(self, project: Project) -> None:
        self.project = project
        self.store = project.store

    def add(self) -> bool:
        """Annotate the seed article once; False when it is not there (seeds changed)."""
        if self.store.counts()["notes"]:
            return True  # finished on an earlier run: do not double it
        found = self._passage()
        if found is None:
            return False
        article_id, start, end = found
        if not self.store.counts()["entities"]:
            RecognitionService(self.project).recognize([article_id])
        entities = self._entities(article_id)
        # An earlier run that stopped after the highlight left it: the note goes on it.
        highlight = next((h for h in self.store.highlights.for_article(article_id)
                          if (h.start, h.end) == (start, end)), None)
        if highlight is None:
            codes = CodeService(self.project)
            code = codes.find(CODE)
            if code is None:
                code, _ = codes.create(CODE, CODE_COLOUR)
            assert code.id is not None
            highlight, _ = HighlightService(self.project).create(
                article_id, start, end, code_ids=[code.id],
                entity_ids=list(entities.values()))
        assert highlight.id is not None
        if len(entities) == len(PEOPLE):
            links = {f"{n}_link": link_target(LinkKind.ENTITY, entities[name])
                     for n, name in enumerate(PEOPLE)}
            body = NOTE.format(*PEOPLE, **links)
        else:
            body = "Iran already has a senior commander on the ground in Iraq."
        NoteService(self.project).create(body, highlight_id=highlight.id)
        return True

    def _passage(self) -> tuple[int, int, int] | None:
        for summary in self.store.articles.summaries():
            assert summary.id is not None
            article = self.store.articles.get(summary.id)
            if article is None:
                continue
            start = article.body.find(PASSAGE)
            if start >= 0:
                stop = article.body.find(".", start)
                end = stop + 1 if stop >= 0 else start + len(PASSAGE)
                return summary.id, start, end
        return None

    def _entities(self, article_id: int) -> dict[str, int]:
        """The entities of :data:`PEOPLE` found in the article, their mentions confirmed."""
        wanted: dict[str, int] = {}
        for name in PEOPLE:
            matches = self.store.entities.find(name)
            if matches and matches[0].id is not None:
                wanted[name] = matches[0].id
        mention_ids = [m.id for m in self.store.entities.mentions_in(article_id)
                       if m.entity_id in wanted.values() and m.id is not None]
        if mention_ids:
            CurationService(self.project).confirm(mention_ids)
        return wanted
