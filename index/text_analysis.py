"""How text becomes index terms: one definition shared by the schema and the span finder."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Final

from whoosh.analysis import (
    Analyzer,
    Filter,
    IDTokenizer,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
)
from whoosh.lang.porter import stem as porter_stem

# Scripts written without spaces between words (Chinese characters, Japanese kana): every
# character is a token of its own. Otherwise a whole sentence would be one token and no word
# inside it could be found. A query word made of several such characters becomes a phrase
# (multitoken_query="phrase"), so "東京" only matches the two characters side by side.
_CJK: Final = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Combining marks (decomposed accents, Hebrew points, Arabic harakat) are not matched by \w;
# without them a pointed Hebrew or vowelled Arabic word would be cut into pieces.
_MARKS: Final = "\u0300-\u036f\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
_WORD: Final = rf"(?:[^\W{_CJK}]|[{_MARKS}])+"
# Like Whoosh's default (\w+(\.?\w+)*) so "U.S.A" and "3.14" stay one token, plus the above.
TOKEN_PATTERN: Final = rf"[{_CJK}]|{_WORD}(?:\.{_WORD})*"



def _fold_table() -> dict[int, str]:
    """Latin letters with diacritics, precomposed, to their base letter ("é" to "e"): one
    character for one, so a folded text keeps the offsets of the original. Letters that
    do not decompose ("ł", "ø", "ß") stay as they are."""
    table: dict[int, str] = {}
    # Latin-1 Supplement, Latin Extended-A and -B, Latin Extended Additional.
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base != chr(code) and base.isascii() and base.isalpha():
            table[code] = base
    return table


# Accents are folded away in the index and in queries: "élection" finds "election" and
# "Zurich" finds "Zürich", as a reader of news in several languages expects.
_FOLD_TEXT: Final = _fold_table()
# For a token (its offsets come from the original text, so it may get shorter): also the
# combining diacritics left after composing ("e" + U+0301 from a decomposed text, the dot
# that lowercasing "İ" leaves on its "i").
_FOLD_TOKEN: Final = {**_FOLD_TEXT, **dict.fromkeys(range(0x300, 0x370))}
# Any character the table folds.
_FOLDABLE: Final = re.compile("[" + "".join(map(chr, sorted(_FOLD_TEXT))) + "]")
# Where a text must be read token by token to be folded as its tokens are.
_UNFOLDABLE_TEXT: Final = re.compile("[\u0300-\u036f]")


def fold(word: str) -> str:
    """A lowercased token with its Latin diacritics folded away: composed (NFC) first, so a
    decomposed "é" folds as a precomposed one; ASCII passes as it is."""
    if word.isascii():
        return word
    return unicodedata.normalize("NFC", word).translate(_FOLD_TOKEN)


def fold_text(text: str) -> str | None:
    """``text`` folded one character for one, as its tokens fold (offsets unchanged), or
    None when only its tokens can be (it is not composed, or has combining diacritics)."""
    if text.isascii():
        return text
    if not unicodedata.is_normalized("NFC", text) or _UNFOLDABLE_TEXT.search(text):
        return None
    # translate() looks every character up; most texts beyond ASCII only have a "£" or a
    # "—", found by one scan in C.
    return text.translate(_FOLD_TEXT) if _FOLDABLE.search(text) else text


# Whoosh's RegexTokenizer compiles with re.UNICODE; so do we, so both cut text identically.
_TOKEN: Final = re.compile(TOKEN_PATTERN, re.UNICODE)

# One character that continues a token, and one CJK character (always a token alone).
_WORD_CHAR: Final = re.compile(rf"[^\W{_CJK}]|[{_MARKS}]", re.UNICODE)
_CJK_CHAR: Final = re.compile(rf"[{_CJK}]")

# Joins the names of one document's entities into one field value. The tokenizer reads it as
# a word, and the name analyzer turns it into a gap of positions, so a phrase never matches
# across two names ("John Kerry" is not found in "Elton John" + "Kerry Packer").
NAME_SEPARATOR: Final = " rnnamesep "
_NAME_GAP: Final = 100

# The text last split by TextAnalysis.words and its words (one entry: see there), and the
# text last stemmed by TextAnalysis.stems and its stems.
_last_words: list[tuple[str | None, list[str]]] = [(None, [])]
_last_stems: list[tuple[str | None, list[str]]] = [(None, [])]

# (lowercased token, start, end): offsets are code points into the analysed text.
Token = tuple[str, int, int]


class TextAnalysis:
    """Tokenise, lowercase, and (for the stemmed fields) Porter-stem. No stop words.

    Every word is indexed, "the" and "who" included: dropping stop words made "US", "IT",
    "may" and "will" unsearchable and let the phrase "The Who" match any article with "who".
    """

    @staticmethod
    def stemmed_analyzer() -> Analyzer:
        """Title and body: word forms meet at their stem ("captured" finds "capturing")."""
        return (
            RegexTokenizer(expression=TOKEN_PATTERN)
            | LowercaseFilter()
            | FoldFilter()
            | StemFilter(stemfn=porter_stem)
        )

    @staticmethod
    def exact_analyzer() -> Analyzer:
        """Exact word forms: names, and the unstemmed twin of each stemmed field, where
        prefix, wildcard and fuzzy terms expand (a typo's stem is no word at all)."""
        return RegexTokenizer(expression=TOKEN_PATTERN) | LowercaseFilter() | FoldFilter()

    @staticmethod
    def name_analyzer() -> Analyzer:
        """Entity names, joined with :data:`NAME_SEPARATOR`: exact word forms, no phrase
        across two names."""
        return (RegexTokenizer(expression=TOKEN_PATTERN) | LowercaseFilter() | FoldFilter()
                | NameGapFilter())

    @staticmethod
    def value_analyzer() -> Analyzer:
        """Facet values ("Sport", "BBC News"): the whole value is one term, any case."""
        return IDTokenizer() | LowercaseFilter()

    @staticmethod
    def tokens(text: str, limit: int | None = None) -> Iterator[Token]:
        """The exact analyzer's tokens of ``text[:limit]`` with their code-point offsets.

        The same pattern and lowercasing as the analyzers, without Whoosh's per-token
        objects (several times faster, which matters when marking long bodies). A token
        cut by ``limit`` is left out rather than marked as a shorter word.
        """
        end = len(text) if limit is None else min(limit, len(text))
        for match in _TOKEN.finditer(text, 0, end):
            token = _checked(text, match, end)
            if token is None:
                return
            yield token

    @staticmethod
    def words(text: str) -> list[str]:
        """The lowercased tokens of ``text``, as the exact analyzer yields them.

        The last answer is kept: the indexer asks for the same title and body twice in a
        row (the stemmed field and its unstemmed twin), and the text is read only once.
        """
        return _kept(_last_words, text, _split)

    @staticmethod
    def stems(text: str) -> list[str]:
        """The stemmed analyzer's terms of ``text``, in order (the last answer is kept, as
        in ``words``: a text's stemmed field and its article pairs read the same)."""
        return _kept(_last_stems, text,
                     lambda kept: list(map(TextAnalysis.stem, TextAnalysis.words(kept))))

    @staticmethod
    def starts_token(text: str, pos: int) -> bool:
        """Whether the tokenizer, reading from the start, begins a token at ``pos``.

        A token runs on through word characters and combining marks, and across a single
        dot between two of them ("U.S", "3.14"); a CJK character is a token of its own.
        """
        if pos >= len(text) or not _TOKEN.match(text, pos, pos + 1):
            return False
        if pos == 0 or _CJK_CHAR.match(text, pos):
            return True
        if _WORD_CHAR.match(text, pos - 1):
            return False
        return not (text[pos - 1] == "." and pos >= 2 and _WORD_CHAR.match(text, pos - 2))

    @staticmethod
    def token_at(text: str, pos: int, limit: int) -> Token | None:
        """The token matched from ``pos`` within ``text[:limit]`` (None if cut by limit)."""
        match = _TOKEN.match(text, pos, limit)
        return None if match is None else _checked(text, match, limit)

    @staticmethod
    def next_token(text: str, pos: int, limit: int) -> Token | None:
        """The first token at or after ``pos`` (a token's end) within ``text[:limit]``."""
        match = _TOKEN.search(text, pos, limit)
        return None if match is None else _checked(text, match, limit)

    @staticmethod
    @lru_cache(maxsize=65536)
    def stem(word: str) -> str:
        """The stemmed analyzer's term for a lowercased token (cached: words repeat)."""
        return porter_stem(word)

    @staticmethod
    def settings() -> dict[str, object]:
        """JSON-ready description of the analysis; part of the index meta file."""
        return {
            "expression": TOKEN_PATTERN,
            "stemmed": "RegexTokenizer+LowercaseFilter+FoldFilter+StemFilter(porter)",
            "exact": "RegexTokenizer+LowercaseFilter+FoldFilter",
            "fold": "NFC, latin letters to their base, combining marks dropped (v2)",
            "stoplist": None,
            "names": f"RegexTokenizer+LowercaseFilter+FoldFilter+NameGapFilter({_NAME_GAP})",
            "keywords": "KeywordAnalyzer(lowercase, commas)+FoldFilter",
        }


def _kept(last: list[tuple[str | None, list[str]]], text: str,
          make: Callable[[str], list[str]]) -> list[str]:
    """``make(text)``, or the answer kept in ``last`` for this very text object."""
    last_text, last_found = last[0]
    if last_text is text:
        return last_found
    found = make(text)
    last[0] = (text, found)  # one assignment: safe if threads ever share it
    return found


def _split(text: str) -> list[str]:
    """``TextAnalysis.words`` of a text not kept."""
    # A composed text is folded whole, one character for one (the same tokens, each then
    # folded as `fold` would): one C call instead of a call per word, which most news
    # texts needed for one "£" or "é".
    folded = fold_text(text)
    if folded is None:
        return [fold(word.lower()) for word in _TOKEN.findall(text)]
    found = [word.lower() for word in _TOKEN.findall(folded)]
    if not folded.isascii() and not "".join(found).isascii():
        found = list(map(fold, found))  # letters the table leaves ("ł", "İ"→"i̇")
    return found


def _checked(text: str, match: re.Match[str], limit: int) -> Token | None:
    """The match as a token, or None when ``limit`` cut a longer word short."""
    if match.end() == limit < len(text):
        whole = _TOKEN.match(text, match.start())
        if whole is not None and whole.end() != limit:
            return None
    return fold(match.group().lower()), match.start(), match.end()


class NameGapFilter(Filter):
    """Drops the separator word between names and moves the next name's positions on."""

    def __call__(self, tokens: Iterator[object]) -> Iterator[object]:
        separator = NAME_SEPARATOR.strip()
        gap = 0
        for token in tokens:
            if token.text == separator:  # type: ignore[attr-defined]
                gap += _NAME_GAP
                continue
            if gap and getattr(token, "positions", False):
                token.pos += gap  # type: ignore[attr-defined]
            yield token


class FoldFilter(Filter):
    """Folds Latin diacritics out of each token (see :func:`fold`), after lowercasing."""

    def __call__(self, tokens: Iterator[object]) -> Iterator[object]:
        for token in tokens:
            token.text = fold(token.text)  # type: ignore[attr-defined]
            yield token
