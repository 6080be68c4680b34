"""One entity's page, and the curation actions scripts need, from the command line."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli.read_access import ReadAccess
from desktop.cli.usage_error import EXIT_OK, UsageError
from desktop.domain.change_set import ChangeSet
from desktop.services.curation_service import CurationService
from desktop.services.entity_queries import EntityPage, EntityQueries
from desktop.services.highlight_service import AnnotationError
from desktop.services.index_service import IndexService
from desktop.services.project import Project

if TYPE_CHECKING:
    from desktop.cli.command_line import CommandLine



class CurationCommands:
    def __init__(self, cli: CommandLine) -> None:
        self._cli = cli

    def add_to(self, sub: Any) -> None:
        entity = sub.add_parser(
            "entity", help="one entity: mentions in context, links, neighbours, months")
        entity.add_argument("project", type=Path)
        entity.add_argument("entity", metavar="NAME_OR_ID")
        entity.add_argument("--context", type=int, default=60, metavar="CHARS",
                            help="characters of text on each side of a mention")
        entity.add_argument("--limit", type=int, default=200,
                            help="mentions in context to show at most")
        entity.add_argument("--json", action="store_true")
        entity.set_defaults(handler=self._entity)

        merge = sub.add_parser("entity-merge", help="merge one entity into another")
        merge.add_argument("project", type=Path)
        merge.add_argument("source", metavar="SOURCE", help="name or id; it goes away")
        merge.add_argument("into", metavar="INTO", help="name or id; it keeps everything")
        merge.add_argument("--json", action="store_true")
        merge.set_defaults(handler=self._merge)

        alias = sub.add_parser(
            "entity-alias", help="add an alias (the articles are searched for it)")
        alias.add_argument("project", type=Path)
        alias.add_argument("entity", metavar="NAME_OR_ID")
        alias.add_argument("alias")
        alias.add_argument("--remove", action="store_true", help="remove the alias instead")
        alias.add_argument("--json", action="store_true")
        alias.set_defaults(handler=self._alias)

        for name, verb in (("mentions-confirm", "confirm"), ("mentions-reject", "reject")):
            cmd = sub.add_parser(name, help=f"{verb} the suggested mentions of a text")
            cmd.add_argument("project", type=Path)
            cmd.add_argument("text", nargs="?", help="the exact text of the mentions")
            cmd.add_argument("--article", type=int, metavar="ID",
                             help="only in this article (default: the whole project)")
            cmd.add_argument("--id", type=int, action="append", default=[], metavar="ID",
                             dest="ids", help="a mention by id (repeat for several)")
            cmd.add_argument("--json", action="store_true")
            cmd.set_defaults(handler=self._mentions, verb=verb)

    # -- commands -----------------------------------------------------------------------

    def _entity(self, args: argparse.Namespace) -> int:
        with ReadAccess(self._cli.err).open(args.project) as project:
            entity_id = _resolve(project, args.entity, "entity")
            page = EntityQueries(project.store).page(
                entity_id, context_chars=max(0, args.context), limit=max(0, args.limit))
        if args.json:
            self._cli.json(page_json(page))
        else:
            self._print_page(page)
        return EXIT_OK

    def _merge(self, args: argparse.Namespace) -> int:
        with Project.open(args.project) as project:
            source = _resolve(project, args.source, "entity-merge")
            into = _resolve(project, args.into, "entity-merge")
            changes = self._write(project, "entity-merge",
                                  lambda s: s.merge(source, into))
            summary = EntityQueries(project.store).page(into, limit=0)
        return self._report(args, changes, summary,
                            f"Merged into “{summary.entity.name}”: {summary.mentions:,} "
                            f"mentions in {summary.articles:,} articles.")

    def _alias(self, args: argparse.Namespace) -> int:
        with Project.open(args.project) as project:
            entity_id = _resolve(project, args.entity, "entity-alias")
            if args.remove:
                changes = self._write(project, "entity-alias",
                                      lambda s: s.remove_alias(entity_id, args.alias))
            else:
                changes = self._write(project, "entity-alias",
                                      lambda s: s.add_alias(entity_id, args.alias))
            summary = EntityQueries(project.store).page(entity_id, limit=0)
        found = len(changes.created("mentions")) + len(changes.updated("mentions"))
        text = (f"Removed “{args.alias}” from “{summary.entity.name}”." if args.remove else
                f"Added “{args.alias}” to “{summary.entity.name}”: {found:,} mentions found.")
        return self._report(args, changes, summary, text)

    def _mentions(self, args: argparse.Namespace) -> int:
        command = f"mentions-{args.verb}"
        if (args.text is None) == (not args.ids):
            raise UsageError(f"research-notes {command}: give either a TEXT or --id, "
                             "not both and not neither")
        with Project.open(args.project) as project:
            service = CurationService(project)
            try:
                if args.ids:
                    method = service.confirm if args.verb == "confirm" else service.reject
                    changes = method(args.ids)
                elif args.verb == "confirm":
                    changes = service.confirm_text(args.text, args.article)
                else:
                    changes = service.reject_text(args.text, args.article)
            except AnnotationError as error:
                raise UsageError(f"research-notes {command}: {error}") from None
            IndexService(project).ensure_current()
        count = len(changes.updated("mentions"))
        state = "confirmed" if args.verb == "confirm" else "rejected"
        if args.json:
            self._cli.json({"mentions": count, "state": state,
                            "changes": changes.counts()})
        else:
            print(f"{count:,} mentions {state}.", file=self._cli.out)
        return EXIT_OK

    # -- helpers ------------------------------------------------------------------------

    def _write(self, project: Project, command: str,
               call: Callable[[CurationService], ChangeSet]) -> ChangeSet:
        try:
            changes = call(CurationService(project))
        except AnnotationError as error:
            raise UsageError(f"research-notes {command}: {error}") from None
        IndexService(project).ensure_current()
        return changes

    def _report(self, args: argparse.Namespace, changes: ChangeSet, page: EntityPage,
                text: str) -> int:
        if args.json:
            self._cli.json({**_entity_json(page), "changes": changes.counts()})
        else:
            print(text, file=self._cli.out)
        return EXIT_OK

    def _print_page(self, page: EntityPage) -> None:
        out, e = self._cli.out, page.entity
        print(f"{e.name} ({page.type.name}, {e.state.value}) id {e.id}", file=out)
        for label, value in (("aliases", ", ".join(e.aliases)), ("about", e.description),
                             ("identifier", e.external_id)):
            if value:
                print(f"  {label}: {value}", file=out)
        print(f"  {page.mentions:,} mentions in {page.articles:,} articles", file=out)
        for line in page.kwic:
            print(f"  [{line.article_id}:{line.start}] …{line.left}[{line.match}]{line.right}…",
                  file=out)
        for note in page.notes:
            print(f"  note {note.id}: {note.title or note.excerpt.splitlines()[0][:60]}",
                  file=out)
        for highlight in page.highlights:
            print(f"  highlight {highlight.id} in article {highlight.article_id}: "
                  f"“{highlight.quote[:60]}”", file=out)
        if page.cooccurring:
            print("  with: " + ", ".join(f"{c.name} ({c.shared})"
                                         for c in page.cooccurring[:10]), file=out)
        months = ", ".join(f"{m.month}: {m.mentions}" for m in page.months)
        if months or page.undated:
            print(f"  by month: {months}" + (f" (undated: {page.undated})"
                                             if page.undated else ""), file=out)


def _resolve(project: Project, name_or_id: str, command: str) -> int:
    """An entity by id (following merges) or by its name or an alias, any case."""
    if name_or_id.isdigit():
        found = EntityQueries(project.store).resolve(int(name_or_id))
        if found is None:
            raise UsageError(f"research-notes {command}: there is no entity with id "
                             f"{name_or_id}")
        return found
    matches = project.store.entities.find(name_or_id)
    if not matches:
        raise UsageError(f"research-notes {command}: no entity is called “{name_or_id}”")
    if len(matches) > 1:
        types = {t.id: t.name for t in project.store.entities.types()}
        which = ", ".join(f"{e.id} ({e.name}, {types.get(e.type_id, '?')})" for e in matches)
        raise UsageError(f"research-notes {command}: “{name_or_id}” names several entities; "
                         f"give an id: {which}")
    assert matches[0].id is not None
    return matches[0].id


def _entity_json(page: EntityPage) -> dict[str, object]:
    e = page.entity
    return {
        "id": e.id, "uuid": e.uuid, "name": e.name, "type": page.type.name,
        "aliases": list(e.aliases), "description": e.description,
        "external_id": e.external_id, "state": e.state.value, "deleted": e.deleted_at is not None,
        "mentions": page.mentions, "articles": page.articles,
    }


def page_json(page: EntityPage) -> dict[str, object]:
    """The ``entity --json`` document."""
    return {
        **_entity_json(page),
        "contexts": [
            {"mention_id": k.mention_id, "article_id": k.article_id,
             "article_title": k.article_title, "published": k.published, "start": k.start,
             "end": k.end, "left": k.left, "text": k.match, "right": k.right,
             "state": k.state, "stale": k.stale} for k in page.kwic],
        "notes": [{"id": n.id, "title": n.title, "excerpt": n.excerpt,
                   "article_id": n.article_id, "updated_at": n.updated_at}
                  for n in page.notes],
        "highlights": [{"id": h.id, "article_id": h.article_id,
                        "article_title": h.article_title, "quote": h.quote,
                        "status": h.status} for h in page.highlights],
        "cooccurring": [{"id": c.id, "name": c.name, "type": c.type, "articles": c.shared}
                        for c in page.cooccurring],
        "months": [{"month": m.month, "mentions": m.mentions, "articles": m.articles}
                   for m in page.months],
        "undated": page.undated,
    }
