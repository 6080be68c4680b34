"""CoNLL-2003 files: documents as text a recogniser can read, and tags back to tokens.

Each document (from one ``-DOCSTART-`` to the next) becomes one text: a sentence a line,
tokens joined by spaces except where written English has none (before "," "." ")" "'s",
after "(" and "$"...), as an article would be. Every token keeps its code-point span in
that text, so spans found in the text map back to tokens. Tags are IOB1, as the files
have them: ``I-`` inside a name, ``B-`` only where a name directly follows another of the
same type.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, TextIO

_NO_SPACE_BEFORE: Final = frozenset({
    ",", ".", ":", ";", "!", "?", ")", "]", "}", "%", "'s", "'S", "n't", "'re", "'ve",
    "'ll", "'d", "'m", "...",
})
_NO_SPACE_AFTER: Final = frozenset({"(", "[", "{", "$", "#"})
# Tags of the CoNLL types this project's types map to; MISC is not scored.
CONLL_TYPES: Final = ("PER", "ORG", "LOC")


@dataclass(slots=True)
class ConllSentence:
    rows: list[list[str]]  # the file's columns, one list per token

    @property
    def tokens(self) -> list[str]:
        return [row[0] for row in self.rows]

    @property
    def tags(self) -> list[str]:
        return [row[-1] for row in self.rows]


@dataclass(slots=True)
class ConllDocument:
    sentences: list[ConllSentence] = field(default_factory=list)
    text: str = ""
    # (sentence, token) -> (start, end) in ``text``
    spans: list[list[tuple[int, int]]] = field(default_factory=list)

    def detokenise(self) -> None:
        parts: list[str] = []
        length = 0
        self.spans = []
        for number, sentence in enumerate(self.sentences):
            if number:
                parts.append("\n")
                length += 1
            offsets: list[tuple[int, int]] = []
            previous = ""
            for index, token in enumerate(sentence.tokens):
                if index and token not in _NO_SPACE_BEFORE and previous not in _NO_SPACE_AFTER:
                    parts.append(" ")
                    length += 1
                parts.append(token)
                offsets.append((length, length + len(token)))
                length += len(token)
                previous = token
            self.spans.append(offsets)
        self.text = "".join(parts)


class ConllCorpus:
    def __init__(self, documents: list[ConllDocument]) -> None:
        self.documents = documents

    @classmethod
    def read(cls, path: Path) -> ConllCorpus:
        with path.open(encoding="utf-8", errors="replace") as source:
            return cls.parse(source)

    @classmethod
    def parse(cls, lines: Iterator[str] | TextIO | Sequence[str]) -> ConllCorpus:
        documents: list[ConllDocument] = []
        current: ConllDocument | None = None
        rows: list[list[str]] = []

        def close_sentence() -> None:
            nonlocal rows, current
            if rows:
                if current is None:
                    current = ConllDocument()
                    documents.append(current)
                current.sentences.append(ConllSentence(rows))
                rows = []

        for line in lines:
            columns = line.split()
            if not columns:
                close_sentence()
            elif columns[0] == "-DOCSTART-":
                close_sentence()
                current = ConllDocument()
                documents.append(current)
            else:
                rows.append(columns)
        close_sentence()
        documents = [d for d in documents if d.sentences]
        for document in documents:
            document.detokenise()
        return cls(documents)

    @property
    def sentence_count(self) -> int:
        return sum(len(d.sentences) for d in self.documents)

    def write(self, out: TextIO, predicted: list[list[list[str]]]) -> None:
        """The file again, each token with one more column: the predicted tag."""
        for document, tags in zip(self.documents, predicted, strict=True):
            out.write("-DOCSTART- -X- O O\n\n")
            for sentence, sentence_tags in zip(document.sentences, tags, strict=True):
                for row, tag in zip(sentence.rows, sentence_tags, strict=True):
                    out.write(" ".join([*row, tag]) + "\n")
                out.write("\n")


def to_iob1(types: Sequence[str | None], starts: Sequence[bool]) -> list[str]:
    """Tags for tokens of the given types; ``starts`` marks a token that begins a name."""
    tags: list[str] = []
    previous: str | None = None
    for kind, start in zip(types, starts, strict=True):
        if kind is None:
            tags.append("O")
        elif start and previous == kind:
            tags.append(f"B-{kind}")
        else:
            tags.append(f"I-{kind}")
        previous = kind
    return tags


def entity_set(tags: Sequence[str], wanted: Sequence[str] = CONLL_TYPES) -> set[tuple[int, int,
                                                                                      str]]:
    """Names as (first token, token after the last, type) from IOB1 (or IOB2) tags."""
    found: set[tuple[int, int, str]] = set()
    start, kind = -1, ""
    for index, tag in enumerate([*tags, "O"]):
        prefix, _, tag_type = tag.partition("-")
        continues = prefix == "I" and tag_type == kind and start >= 0
        if not continues:
            if start >= 0 and kind in wanted:
                found.add((start, index, kind))
            start, kind = (index, tag_type) if prefix in ("B", "I") else (-1, "")
    return found
