"""Highlights, notes and codes from the command line (the GUI's services, for scripts)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli.read_access import ReadAccess
from desktop.cli.usage_error import EXIT_OK, UsageError
from desktop.domain.link import LinkKind
from desktop.domain.note import Note, plain_links
from desktop.services.code_service import CodeService
from desktop.services.entity_service import EntityService
from desktop.services.highlight_service import AnnotationError, HighlightService
from desktop.services.index_service import IndexService
from desktop.services.note_service import NoteService, link_target, links_in
from desktop.services.project import Project
from desktop.storage.highlight_listing import HighlightFilter, HighlightRow

if TYPE_CHECKING:
    from desktop.cli.command_line import CommandLine

_STATUSES = ("anchored", "needs_review", "detached")


class AnnotationCommands:
    def __init__(self, cli: CommandLine) -> None:
        self._cli = cli

    def add_to(self, sub: Any) -> None:
        highlight = sub.add_parser("highlight", help="highlight a passage of an article")
        highlight.add_argument("project", type=Path)
        highlight.add_argument("article_id", type=int)
        highlight.add_argument("start", type=int, help="code point where the passage starts")
        highlight.add_argument("end", type=int, help="code point after its last character")
        highlight.add_argument("--code", action="append", default=[], metavar="NAME",
                               help="a code to give it (made if it does not exist)")
        highlight.add_argument("--note", default="", metavar="TEXT")
        highlight.add_argument("--entity", action="append", default=[], metavar="NAME",
                               help="an entity to tag it with (made as 'other' if new)")
        highlight.add_argument("--json", action="store_true")
        highlight.set_defaults(handler=self._highlight)

        highlights = sub.add_parser("highlights", help="list highlights")
        highlights.add_argument("project", type=Path)
        highlights.add_argument("--article", type=int)
        highlights.add_argument("--code", metavar="NAME", help="with this code or one below it")
        highlights.add_argument("--status", choices=_STATUSES)
        highlights.add_argument("--json", action="store_true")
        highlights.set_defaults(handler=self._highlights)

        note = sub.add_parser("note", help="write a note (Markdown)")
        note.add_argument("project", type=Path)
        note.add_argument("text")
        note.add_argument("--article", type=int)
        note.add_argument("--highlight", type=int)
        note.add_argument("--link", action="append", default=[], metavar="KIND:NAME_OR_ID",
                          help="article:ID, note:ID, highlight:ID or entity:NAME_OR_ID")
        note.add_argument("--json", action="store_true")
        note.set_defaults(handler=self._note)

        for name, handler, text in (("notes", self._notes, "list notes"),
                                    ("codes", self._codes, "the code book with counts")):
            cmd = sub.add_parser(name, help=text)
            cmd.add_argument("project", type=Path)
            cmd.add_argument("--json", action="store_true")
            cmd.set_defaults(handler=handler)

    # -- commands -----------------------------------------------------------------------

    def _highlight(self, args: argparse.Namespace) -> int:
        with Project.open(args.project) as project:
            service = HighlightService(project)
            try:
                # The passage is checked before anything is made, and the new codes and
                # entities are made in the highlight's own transaction (one journal entry):
                # a highlight refused for any reason leaves nothing behind.
                label = service.label(args.article_id, args.start, args.end)
                with project.write_lock, project.store.action("highlight", label):
                    code_ids = [self._code(project, name) for name in args.code]
                    entity_ids = [self._entity(project, name, "highlight")
                                  for name in args.entity]
                    highlight, _changes = service.create(
                        args.article_id, args.start, args.end, code_ids=code_ids,
                        note=args.note, entity_ids=entity_ids)
            except AnnotationError as error:
                raise UsageError(f"research-notes highlight: {error}") from None
            IndexService(project).ensure_current()
            row = project.store.highlight_listing.by_ids([highlight.id or 0])[highlight.id or 0]
        if args.json:
            self._cli.json(_highlight_json(row))
        else:
            print(f"Highlight {row.id}: “{row.quote}”", file=self._cli.out)
        return EXIT_OK

    def _highlights(self, args: argparse.Namespace) -> int:
        with ReadAccess(self._cli.err).open(args.project) as project:
            code_ids: tuple[int, ...] = ()
            if args.code:
                code = CodeService(project).find(args.code)
                if code is None or code.id is None:
                    raise UsageError(f"research-notes highlights: no code named “{args.code}”")
                code_ids = (code.id, *project.store.codes.descendants(code.id))
            rows = project.store.highlight_listing.rows(
                HighlightFilter(article_id=args.article, code_ids=code_ids,
                                status=args.status), limit=10_000_000)
        if args.json:
            self._cli.json({"highlights": [_highlight_json(r) for r in rows]})
        else:
            for r in rows:
                codes = f"  [{', '.join(r.codes)}]" if r.codes else ""
                print(f"{r.id:>6}  article {r.article_id}  {r.status:<12} “{r.quote}”{codes}",
                      file=self._cli.out)
        return EXIT_OK

    def _note(self, args: argparse.Namespace) -> int:
        with Project.open(args.project) as project:
            body = args.text
            try:
                # Entities named by links are made in the note's transaction: a refused
                # note leaves none behind.
                with project.write_lock, project.store.action("note", "New note"):
                    for spec in args.link:
                        kind, target_id, title = self._link(project, spec)
                        body += f"\n\n[{title}]({link_target(kind, target_id)})"
                    note, _changes = NoteService(project).create(
                        body, article_id=args.article, highlight_id=args.highlight)
            except AnnotationError as error:
                raise UsageError(f"research-notes note: {error}") from None
            IndexService(project).ensure_current()
        if args.json:
            self._cli.json(_note_json(note))
        else:
            print(f"Note {note.id} saved.", file=self._cli.out)
        return EXIT_OK

    def _notes(self, args: argparse.Namespace) -> int:
        with ReadAccess(self._cli.err).open(args.project) as project:
            notes = project.store.notes.live()
        if args.json:
            self._cli.json({"notes": [_note_json(n) for n in notes]})
        else:
            for n in notes:
                first = (n.title or (plain_links(n.body).strip().splitlines() or [""])[0])[:80]
                print(f"{n.id:>6}  {first}", file=self._cli.out)
        return EXIT_OK

    def _codes(self, args: argparse.Namespace) -> int:
        with ReadAccess(self._cli.err).open(args.project) as project:
            nodes = CodeService(project).tree()
        if args.json:
            by_id: dict[int | None, dict[str, object]] = {}
            roots: list[dict[str, object]] = []
            for node in nodes:
                c = node.code
                item: dict[str, object] = {
                    "id": c.id, "uuid": c.uuid, "name": c.name, "colour": c.colour,
                    "description": c.description, "parent_id": c.parent_id,
                    "highlights": node.highlights, "total": node.total, "children": []}
                by_id[c.id] = item
                parent = by_id.get(c.parent_id)
                (parent["children"] if parent else roots).append(item)  # type: ignore[union-attr]
            self._cli.json({"codes": roots})
        else:
            parents = {node.code.parent_id for node in nodes}
            for node in nodes:
                # Its own count; the total too when subcodes add to it (as the code book).
                counts = (f"{node.highlights:,}; {node.total:,} with subcodes"
                          if node.code.id in parents else f"{node.highlights:,}")
                print(f"{'  ' * node.depth}{node.code.name} ({counts})", file=self._cli.out)
        return EXIT_OK

    # -- helpers ------------------------------------------------------------------------

    @staticmethod
    def _code(project: Project, name: str) -> int:
        service = CodeService(project)
        code = service.find(name) or service.create(name)[0]
        assert code.id is not None
        return code.id

    @staticmethod
    def _entity(project: Project, name_or_id: str, command: str) -> int:
        """The live entity with this id or name; a new one ('other') for a new name.

        A number is an id unless an entity has that very name: a mistyped or stale id
        is refused rather than silently made into an entity called "12".
        """
        service = EntityService(project)
        found = service.find(name_or_id)
        if name_or_id.isdigit():
            # A merged entity lives on in the one it was merged into: follow it there.
            entity = project.store.entities.following_merges(int(name_or_id))
            if entity is not None and entity.id is not None and entity.deleted_at is None:
                return entity.id
            if not found:
                why = "was deleted" if entity is not None else "does not exist"
                raise UsageError(f"research-notes {command}: entity {name_or_id} {why}; "
                                 "give the id or the name of an existing entity")
        entity = found[0] if found else service.create(name_or_id, "other")[0]
        assert entity.id is not None
        return entity.id

    def _link(self, project: Project, spec: str) -> tuple[LinkKind, int, str]:
        kind_name, _, value = spec.partition(":")
        try:
            kind = LinkKind(kind_name)
        except ValueError:
            raise UsageError(f"research-notes note: “{spec}” is not KIND:NAME_OR_ID "
                             "(article, highlight, note or entity)") from None
        if kind is LinkKind.ENTITY:
            entity_id = self._entity(project, value, "note")
            entity = project.store.entities.get(entity_id)
            return kind, entity_id, entity.name if entity else value
        if not value.isdigit():
            raise UsageError(f"research-notes note: {kind.value} links take an id, not “{value}”")
        target = int(value)
        title = {
            LinkKind.ARTICLE: lambda: getattr(project.store.articles.get(target), "title", None),
            LinkKind.NOTE: lambda: getattr(project.store.notes.get(target), "title", None)
            or f"note {target}",
            LinkKind.HIGHLIGHT: lambda: getattr(
                getattr(project.store.highlights.get(target), "quote", None), "exact", None),
        }[kind]()
        if title is None:
            raise UsageError(f"research-notes note: there is no {kind.value} {target}")
        return kind, target, str(title)


def _highlight_json(r: HighlightRow) -> dict[str, object]:
    return {
        "id": r.id, "uuid": r.uuid, "article_id": r.article_id, "article_title": r.article_title,
        "start": r.start, "end": r.end, "quote": r.quote, "prefix": r.prefix, "suffix": r.suffix,
        "codes": list(r.codes), "entities": list(r.entities), "note": r.note, "status": r.status,
        "body_version": r.body_version, "created_at": r.created_at,
    }


def _note_json(n: Note) -> dict[str, object]:
    return {
        "id": n.id, "uuid": n.uuid, "title": n.title, "body": n.body, "article_id": n.article_id,
        "highlight_id": n.highlight_id, "quote": n.quote,
        "links": [{"kind": e.kind.value, "id": e.id} for e in links_in(n.body)],
        "created_at": n.created_at, "updated_at": n.updated_at,
    }
