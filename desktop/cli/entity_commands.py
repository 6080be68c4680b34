"""Entity recognition and its measurement from the command line."""

from __future__ import annotations

import argparse
import errno
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli.read_access import ReadAccess
from desktop.cli.usage_error import EXIT_OK, UsageError
from desktop.entities.conll_corpus import CONLL_TYPES, ConllCorpus
from desktop.entities.conll_evaluation import ConllEvaluation, EvaluationResult
from desktop.entities.recognizers import BUILTIN, RECOGNIZER_NAMES, Recognizers
from desktop.entities.spacy_recognizer import SpacyUnavailableError
from desktop.services.project import Project
from desktop.services.recognition_service import RecognitionService

if TYPE_CHECKING:
    from desktop.cli.command_line import CommandLine



class EntityCommands:
    def __init__(self, cli: CommandLine) -> None:
        self._cli = cli

    def add_to(self, sub: Any) -> None:
        recognize = sub.add_parser(
            "recognize", help="suggest the people, organisations and places of every article")
        recognize.add_argument("project", type=Path)
        recognize.add_argument("--recognizer", choices=RECOGNIZER_NAMES, default=BUILTIN,
                               help="builtin (no model, the default) or spacy (if installed)")
        recognize.add_argument("--json", action="store_true")
        recognize.set_defaults(handler=self._recognize)

        entities = sub.add_parser("entities", help="list entities with their counts")
        entities.add_argument("project", type=Path)
        entities.add_argument("--type", metavar="T", help="only entities of this type")
        entities.add_argument("--json", action="store_true")
        entities.set_defaults(handler=self._entities)

        evaluate = sub.add_parser(
            "entities-eval", help="measure the recogniser on a CoNLL-2003 file")
        evaluate.add_argument("conll_file", type=Path)
        evaluate.add_argument("--recognizer", choices=RECOGNIZER_NAMES, default=BUILTIN)
        evaluate.add_argument("--predict", type=Path, metavar="OUT",
                              help="write the file again with a predicted tag column")
        evaluate.add_argument("--json", action="store_true")
        evaluate.set_defaults(handler=self._evaluate)

    # -- commands -----------------------------------------------------------------------

    def _recognize(self, args: argparse.Namespace) -> int:
        with Project.open(args.project) as project:
            try:
                report = RecognitionService(project, args.recognizer).recognize(
                    progress=self._cli.progress)
            except SpacyUnavailableError as error:
                raise UsageError(f"research-notes recognize: {error}") from None
            finally:
                self._cli.end_progress()
        if args.json:
            self._cli.json(report.to_json())
        else:
            print(report.summary(), file=self._cli.out)
        return EXIT_OK

    def _entities(self, args: argparse.Namespace) -> int:
        with ReadAccess(self._cli.err).open(args.project) as project:
            type_id = None
            if args.type:
                found = project.store.entities.type_named(args.type)
                if found is None:
                    known = ", ".join(t.name for t in project.store.entities.types())
                    raise UsageError(f"research-notes entities: no entity type “{args.type}” "
                                     f"(known: {known})")
                type_id = found.id
            rows = project.store.recognition.summaries(type_id)
        if args.json:
            self._cli.json({"entities": [
                {"id": r.id, "name": r.name, "type": r.type_name, "aliases": list(r.aliases),
                 "mentions": r.mentions, "articles": r.articles, "state": r.state}
                for r in rows]})
        else:
            for r in rows:
                print(f"{r.id:>6}  {r.type_name:<13} {r.state:<9} {r.mentions:>6} mentions "
                      f"{r.articles:>5} articles  {r.name}", file=self._cli.out)
        return EXIT_OK

    def _evaluate(self, args: argparse.Namespace) -> int:
        try:
            corpus = ConllCorpus.read(args.conll_file)
        except OSError as error:
            raise UsageError(f"research-notes entities-eval: cannot read {args.conll_file}: "
                             f"{error.strerror or error}") from None
        if not corpus.documents:
            raise UsageError(f"research-notes entities-eval: {args.conll_file} holds no "
                             "CoNLL sentences (token ... tag per line)")
        try:
            recognizer = Recognizers.make(args.recognizer)
        except SpacyUnavailableError as error:
            raise UsageError(f"research-notes entities-eval: {error}") from None
        result = ConllEvaluation(recognizer).run(corpus)
        if args.predict is not None:
            _write_predictions(args.predict, corpus, result)
        if args.json:
            self._cli.json({"file": str(args.conll_file), "recognizer": args.recognizer,
                            **result.to_json()})
        else:
            self._print_table(result)
        return EXIT_OK

    def _print_table(self, result: EvaluationResult) -> None:
        out = self._cli.out
        print(f"{'':8} {'precision':>9} {'recall':>7} {'F1':>7} {'gold':>6} {'found':>6}",
              file=out)
        for name in (*CONLL_TYPES, "overall"):
            s = result.scores[name]
            print(f"{name:8} {s.precision:9.3f} {s.recall:7.3f} {s.f1:7.3f} "
                  f"{s.true_positives + s.false_negatives:6} "
                  f"{s.true_positives + s.false_positives:6}", file=out)
        print(f"{result.paragraphs:,} paragraphs in {result.documents:,} documents: "
              f"{result.paragraphs_per_second:,.0f} paragraphs per second of CPU time "
              f"({result.paragraphs_per_wall_second:,.0f} per second of wall-clock time)",
              file=out)


def _write_predictions(path: Path, corpus: ConllCorpus, result: EvaluationResult) -> None:
    """Never through a symbolic link: a link at ``path`` is refused, not followed."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags, 0o644)
    except OSError as error:
        reason = "it is a symbolic link" if error.errno in (errno.ELOOP, errno.EMLINK) \
            else error.strerror or str(error)
        raise UsageError(f"research-notes entities-eval: cannot write {path}: {reason}") \
            from None
    with open(descriptor, "w", encoding="utf-8", newline="\n") as out:
        corpus.write(out, result.predicted)
