"""Text normalisation and content hashing, shared by every importer.

Articles are stored in one canonical form so that positions stay stable and duplicates
are recognised whatever the file's encoding, line ends or stray white space:
Unicode NFC, ``\\n`` line ends, no trailing spaces, paragraphs separated by exactly one
blank line.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata

_LINE_ENDS = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_BLANK_RUN = re.compile(r"\n{3,}")
_SPACES = re.compile(r"[^\S\n]+")
_ANY_SPACE = re.compile(r"\s+")
# Quotes, brackets and dashes in front of a title do not decide where it sorts.
_LEADING_NOISE = re.compile(r"^[\W_]+")
# Zero-width and byte-order characters carry no text; they only break duplicate detection
# and search terms when left in.
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u2060"), None)

# A block of lines is treated as hard-wrapped prose (joined into one paragraph) when it has
# several lines and all but the last are of typical wrap width; otherwise each line is a
# paragraph of its own, as in feeds and web copies that put one paragraph per line.
_WRAP_MIN, _WRAP_MAX = 40, 100

# Stored bodies are this normaliser's output and highlight positions count in them: any
# change to normalise_text that moves a character must bump this, so that articles know
# which normaliser made their text (and re-normalising can re-anchor their highlights).
NORMALISER_VERSION = 1


def normalise_line_ends(text: str) -> str:
    return _LINE_ENDS.sub("\n", text)


def normalise_text(text: str) -> str:
    """Return ``text`` in the canonical stored form (see the module docstring)."""
    text = unicodedata.normalize("NFC", normalise_line_ends(text)).translate(_INVISIBLE)
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [_SPACES.sub(" ", line).strip() for line in block.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        if _looks_hard_wrapped(lines):
            paragraphs.append(" ".join(lines))
        else:
            paragraphs.extend(lines)
    return "\n\n".join(paragraphs)


def _looks_hard_wrapped(lines: list[str]) -> bool:
    if len(lines) < 3:
        return False
    return all(_WRAP_MIN <= len(line) <= _WRAP_MAX for line in lines[:-1])


def normalise_inline(text: str) -> str:
    """Normalise a one-line value (title, source, author): NFC, single spaces."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return _ANY_SPACE.sub(" ", text).strip()


def raw_hash(data: bytes) -> str:
    """Fingerprint of a file's (or record's) bytes as they arrived."""
    return hashlib.sha256(data).hexdigest()


def sort_key(text: str) -> str:
    """How lists order titles: case-insensitive, ignoring leading quotes and punctuation."""
    text = normalise_inline(text)
    return (_LEADING_NOISE.sub("", text) or text).casefold()


def content_hash(title: str, body: str) -> str:
    """Fingerprint for duplicate detection.

    Two articles are the same when their title and body differ at most in white space or
    letter case: re-saved or re-encoded copies of one article are common in collections,
    and importing both would double every count and search hit.
    """
    key = normalise_inline(title).casefold() + "\n" + normalise_inline(body).casefold()
    return hashlib.sha256(key.encode("utf-8")).hexdigest()



# Only complete references (with the closing semicolon), so "AT&T" and "R&D" stay as they are.
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def decode_html_entities(text: str) -> str:
    """Decode HTML character references (``&#163;`` → ``£``, ``&eacute;`` → ``é``).

    Text scraped from web pages often keeps them (the BBC set has titles such as
    ``&#163;1.8m indecency fine``). A reference that decodes to a control character, a
    surrogate or nothing valid is left as written: that is data, not an escaped character.
    """

    def decode(match: re.Match[str]) -> str:
        written = match.group(0)
        decoded = html.unescape(written)
        if not decoded or decoded == written or "\ufffd" in decoded:
            return written
        if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in decoded):
            return written
        return decoded

    return _ENTITY.sub(decode, text)
