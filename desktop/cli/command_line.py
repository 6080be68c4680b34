"""The ``research-notes`` command line: the GUI's services, for scripts and batch work.

Exit status: 0 when the command ran (files that failed are listed in its report), 2 for
bad usage or a project that cannot be opened, with one line on stderr and no traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TextIO

from desktop import __version__
from desktop.cli.annotation_commands import AnnotationCommands
from desktop.cli.curation_commands import CurationCommands
from desktop.cli.entity_commands import EntityCommands
from desktop.cli.read_access import ReadAccess
from desktop.cli.usage_error import EXIT_OK, EXIT_USAGE, UsageError
from desktop.services.article_service import ArticleService
from desktop.services.facet_service import FacetService, SearchFacets
from desktop.services.history_service import HistoryService
from desktop.services.import_service import ImportService
from desktop.services.index_feeder import NotEnoughSpaceError
from desktop.services.index_service import IndexService
from desktop.services.project import Project
from desktop.services.search_service import SearchService
from desktop.storage.storage_errors import ProjectError
from index import IndexBusyError, IndexStatus

# An import this large is indexed by the indexer process while it is still reading files
# (both cores busy); a smaller one is indexed afterwards, in this process, which is quicker
# than starting another.
_BULK = 1000


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


def _minus_hint(argv: Sequence[str]) -> str:
    """``search P -brown`` (or ``search P blair -brown`` unquoted): the exclusion was read
    as an option, and the message said only that the query was missing or that -brown
    was not understood (a new user's trial)."""
    words = list(argv)
    if not words or words[0] != "search" or "--" in words:
        return ""
    known = {"--limit", "--facets", "--json", "-h", "--help"}
    if any(word.startswith("-") and word.split("=")[0] not in known for word in words[1:]):
        return ('; a query that starts with "-" goes after "--", whole and quoted: '
                'research-notes search PROJECT -- "-word"')
    return ""


class CommandLine:
    def __init__(self, out: TextIO | None = None, err: TextIO | None = None) -> None:
        self.out = out or sys.stdout
        self.err = err or sys.stderr

    def run(self, argv: Sequence[str]) -> int:
        try:
            try:
                args = self._parser().parse_args(list(argv))
            except UsageError as error:
                raise UsageError(f"{error}{_minus_hint(argv)}") from None
            handler: Callable[[argparse.Namespace], int] = args.handler
            return handler(args)
        except UsageError as error:
            print(error, file=self.err)
            return EXIT_USAGE
        except (ProjectError, IndexBusyError, NotEnoughSpaceError) as error:
            print(f"research-notes: {error}", file=self.err)
            return EXIT_USAGE
        except KeyboardInterrupt:
            print("research-notes: interrupted", file=self.err)
            return 130
        except BrokenPipeError:
            # The reader went away (`... | head`): not an error of ours. Point stdout at
            # devnull so Python's own flush at exit does not complain again.
            _silence_stdout()
            return EXIT_OK

    def _parser(self) -> argparse.ArgumentParser:
        parser = _Parser(prog="research-notes", description="Research Notes command line.")
        parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
        sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

        new = sub.add_parser("new", help="create a project")
        new.add_argument("project", type=Path)
        new.add_argument("--name")
        new.set_defaults(handler=self._new)

        imp = sub.add_parser("import", help="import files and folders (recursive)")
        imp.add_argument("project", type=Path)
        imp.add_argument("paths", nargs="+", type=Path)
        imp.add_argument("--update", action="store_true",
                         help="a file imported before replaces that article's text; its "
                              "highlights are re-anchored")
        imp.add_argument("--json", action="store_true")
        imp.set_defaults(handler=self._import)

        search = sub.add_parser("search", help="search the articles, highlights and notes")
        search.add_argument("project", type=Path)
        search.add_argument("query")
        search.add_argument("--limit", type=int, default=SearchService.DEFAULT_LIMIT)
        search.add_argument("--facets", action="store_true",
                            help="also count the matches by kind, source, year, collection, "
                                 "language and the entities of their articles")
        search.add_argument("--json", action="store_true")
        search.set_defaults(handler=self._search)

        for name, handler, text in (
            ("list", self._list, "list every article"),
            ("info", self._info, "project counts and versions"),
        ):
            cmd = sub.add_parser(name, help=text)
            cmd.add_argument("project", type=Path)
            cmd.add_argument("--json", action="store_true")
            cmd.set_defaults(handler=handler)

        delete = sub.add_parser("delete", help="delete articles (with their highlights)")
        delete.add_argument("project", type=Path)
        delete.add_argument("article_ids", type=int, nargs="+")
        delete.add_argument("--json", action="store_true")
        delete.set_defaults(handler=self._delete)

        history = sub.add_parser("history", help="what changed in the project, newest first")
        history.add_argument("project", type=Path)
        history.add_argument("--since", help="an ISO date or time")
        history.add_argument("--kind", help="only this kind of action (import, delete_articles…)")
        history.add_argument("--limit", type=int, default=100)
        history.add_argument("--json", action="store_true")
        history.set_defaults(handler=self._history)

        show = sub.add_parser("show", help="one article with its full text")
        show.add_argument("project", type=Path)
        show.add_argument("article_id", type=int)
        show.add_argument("--json", action="store_true")
        show.set_defaults(handler=self._show)

        rebuild = sub.add_parser("rebuild-index", help="rebuild the search index")
        rebuild.add_argument("project", type=Path)
        rebuild.set_defaults(handler=self._rebuild)
        AnnotationCommands(self).add_to(sub)
        EntityCommands(self).add_to(sub)
        CurationCommands(self).add_to(sub)
        return parser

    # -- commands -----------------------------------------------------------------------

    def _new(self, args: argparse.Namespace) -> int:
        with Project.create(args.project, args.name) as project:
            IndexService(project).ensure_current()
            print(f"Created project {project.name!r} in {project.path}", file=self.out)
        return EXIT_OK

    def _import(self, args: argparse.Namespace) -> int:
        missing = [str(p) for p in args.paths if not p.exists()]
        if missing:
            raise UsageError(f"research-notes import: no such file or folder: {', '.join(missing)}")
        with Project.open(args.project) as project:
            indexer = project.indexer

            def committed(stored: int) -> None:
                if stored >= _BULK:
                    indexer.sync()

            report = ImportService(project, update=args.update).import_paths(
                args.paths, progress=self._progress, on_committed=committed)
            if indexer.alive:
                indexer.flush()
                indexer.wait_idle(on_event=self._indexer_event)
            else:
                IndexService(project).ensure_current(self._progress)
            self._end_progress()
        if args.json:
            self.json(report.to_json())
        else:
            print(report.summary(), file=self.out)
            for problem in report.failed:
                print(f"failed: {problem.path}: {problem.reason}", file=self.out)
        return EXIT_OK

    def _search(self, args: argparse.Namespace) -> int:
        if args.limit < 1:
            raise UsageError("research-notes search: --limit must be at least 1")
        access = ReadAccess(self.err)
        with access.open_for_search(args.project) as project:
            results = SearchService(project).search(args.query, args.limit)
            facets = FacetService(project).facets(args.query) if args.facets else None
            check = project.search_index.check() if results.error else None
            if check is not None and check.status is IndexStatus.DAMAGED and not access.shared:
                # A search met a damaged file (the index marked itself): repair, then retry.
                # (A window that holds the project repairs it there.)
                access.say_if_rebuilding(check)
                IndexService(project).ensure_current(self._progress)
                self._end_progress()
                results = SearchService(project).search(args.query, args.limit)
        if results.error:
            raise UsageError(f"research-notes search: {results.error}")
        hits = [
            {
                "key": hit.key,
                "kind": hit.kind,
                "id": hit.id,
                "article_id": hit.article_id,
                "title": hit.title,
                "source": hit.source,
                "published": hit.published,
                "score": round(hit.score, 4),
                "snippet": hit.snippet.html(),
                "title_spans": [list(span) for span in hit.title_spans],
                "body_spans": [list(span) for span in hit.body_spans],
            }
            for hit in results.hits
        ]
        if args.json:
            shape: dict[str, object] = {
                "total": results.total, "total_exact": results.total_exact,
                "timed_out": results.timed_out, "notice": results.notice, "hits": hits}
            if facets is not None:
                shape["facets"] = [
                    {"key": g.key, "title": g.title, "values": [
                        {"label": v.label, "count": v.count, "clause": v.clause}
                        for v in g.values]} for g in facets.groups]
                shape["facets_complete"] = facets.complete
            self.json(shape)
        else:
            # A lower bound is never printed as if it were the count.
            count = _plural(results.total, "match", "matches")
            print(count if results.total_exact else f"at least {count}", file=self.out)
            if results.notice:
                print(results.notice, file=self.out)
            # Highlights and notes are found as well as articles: say which each hit is.
            for hit in results.hits:
                print(f"{hit.kind:<9} {hit.id:>7}  {hit.score:7.2f}  {hit.title}", file=self.out)
                print(f"{'':19}{hit.snippet.text}", file=self.out)
            if facets is not None:
                self._print_facets(facets)
        return EXIT_OK

    def _print_facets(self, facets: SearchFacets) -> None:
        if facets.error:
            print(f"facets: {facets.error}", file=self.out)
            return
        if not facets.complete:
            print("facets: counted in part (the time limit ran out): lower bounds",
                  file=self.out)
        for group in facets.groups:
            print(f"{group.title}:", file=self.out)
            for value in group.values:
                print(f"  {value.count:>7,}  {value.label}    [{value.clause}]", file=self.out)

    def _list(self, args: argparse.Namespace) -> int:
        with ReadAccess(self.err).open(args.project) as project:
            rows = list(project.store.articles.summaries())
        if args.json:
            self.json([
                {"id": r.id, "title": r.title, "source": r.source, "published": r.published}
                for r in rows
            ])
        else:
            for r in rows:
                print(f"{r.id:>7}  {r.published or '':<10}  {r.source:<20.20}  {r.title}",
                      file=self.out)
        return EXIT_OK

    def _show(self, args: argparse.Namespace) -> int:
        with ReadAccess(self.err).open(args.project) as project:
            article = project.store.articles.get(args.article_id)
        if article is None:
            raise UsageError(f"research-notes show: no article with id {args.article_id}")
        if args.json:
            fields = ("id", "uuid", "title", "source", "author", "published", "url",
                      "origin_path", "collection", "language", "content_hash", "raw_hash",
                      "body_version", "duplicate_of", "duplicate_rule", "imported_at", "body")
            self.json({name: getattr(article, name) for name in fields}
                       | {"keywords": list(article.keywords)})
        else:
            meta = " · ".join(x for x in (article.source, article.author, article.published) if x)
            print(article.title, file=self.out)
            if meta:
                print(meta, file=self.out)
            print("", file=self.out)
            print(article.body, file=self.out)
        return EXIT_OK

    def _delete(self, args: argparse.Namespace) -> int:
        with Project.open(args.project) as project:
            missing = [i for i in args.article_ids if project.store.articles.get(i) is None]
            if missing:
                raise UsageError(
                    f"research-notes delete: no article with id {', '.join(map(str, missing))}")
            changes = ArticleService(project).delete(args.article_ids)
            IndexService(project).ensure_current()
        if args.json:
            self.json({"deleted": list(changes.deleted("articles")),
                        "changes": changes.counts()})
        else:
            deleted = _plural(len(changes.deleted("articles")), "article", "articles")
            print(f"Deleted {deleted} ({_describe(changes.counts())}).", file=self.out)
        return EXIT_OK

    def _history(self, args: argparse.Namespace) -> int:
        with ReadAccess(self.err).open(args.project) as project:
            entries = HistoryService(project).entries(
                since=args.since, kind=args.kind, limit=max(1, args.limit))
        if args.json:
            self.json({"actions": [
                {"id": e.id, "at": e.at, "kind": e.kind, "label": e.label,
                 "changes": {t: dict(ops) for t, ops in e.counts.items()}}
                for e in entries
            ]})
        else:
            for e in entries:
                print(f"{e.at}  {e.label}  ({_describe(e.counts)})", file=self.out)
        return EXIT_OK

    def _info(self, args: argparse.Namespace) -> int:
        access = ReadAccess(self.err)
        with access.open(args.project) as project:
            # Every file read and its checksum compared: what the quick checks on opening
            # miss (a byte the disk changed) is reported here, and marked to be healed by
            # the next use. Not marked while a window holds the project: nothing there
            # would rebuild it until its next search met it, and every search here would
            # be told, untruly, that the window is building it.
            problem = project.search_index.verify(mark=not access.shared)
            info = project.info()
            if problem and access.shared:
                info["index"] = {**info["index"], "status": "damaged",  # type: ignore[dict-item]
                                 "problem": f"{problem} The window that has the project "
                                            "open rebuilds it when it next opens it."}
            plan = IndexService(project).plan()
            info["index"] = {**info["index"], "needs": plan.need.value,  # type: ignore[dict-item]
                             "needs_because": plan.reason}
        if args.json:
            self.json(info)
        else:
            for key, value in info.items():
                if isinstance(value, dict):
                    for sub_key, sub_value in value.items():
                        if isinstance(sub_value, dict):  # analyzer settings: --json has them
                            sub_value = sub_value.get("name", "…")
                        print(f"{key}.{sub_key}: {sub_value}", file=self.out)
                else:
                    print(f"{key}: {value}", file=self.out)
        return EXIT_OK

    def _rebuild(self, args: argparse.Namespace) -> int:
        with Project.open(args.project) as project:
            IndexService(project).rebuild(progress=self._progress)
            count = project.search_index.document_count()
            self._end_progress()
        print(f"Index rebuilt: {count} documents.", file=self.out)
        return EXIT_OK

    # -- helpers ------------------------------------------------------------------------

    def json(self, value: object) -> None:
        json.dump(value, self.out, ensure_ascii=False, indent=2)
        print(file=self.out)

    def progress(self, done: int, total: int, label: str) -> None:
        self._progress(done, total, label)

    def end_progress(self) -> None:
        self._end_progress()

    def _progress(self, done: int, total: int, label: str) -> None:
        if self.err.isatty():
            amount = f"{done:,}/{total:,}" if total else f"{done:,}"
            print(f"\r\033[K{label}: {amount}", end="", file=self.err, flush=True)

    def _indexer_event(self, event: tuple[object, ...]) -> None:
        if event[0] == "progress":
            self._progress(int(event[1]), int(event[2]), str(event[3]))  # type: ignore[call-overload]
        elif event[0] == "error":
            print(f"research-notes: {event[1]}", file=self.err)

    def _end_progress(self) -> None:
        if self.err.isatty():
            print("\r\033[K", end="", file=self.err, flush=True)


def _plural(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"


def _describe(counts: Mapping[str, Mapping[str, int]]) -> str:
    done = {"insert": "added", "update": "changed", "delete": "deleted"}
    parts = [f"{n:,} {table} {done.get(op, op)}" for table, ops in counts.items()
             for op, n in ops.items()]
    return ", ".join(parts) or "no changes"


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    return CommandLine().run(sys.argv[1:] if argv is None else argv)
