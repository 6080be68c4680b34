"""A reproducible 50,000-article collection for the benchmarks, built from the real sets.

What it holds (every file plain text, ``TITLE\\n\\nBODY``, UTF-8 except where a BBC file
is not):

- every Reuters-21578 story (``../shared/corpora/reuters21578``, the 22 original SGML
  files) that has a ``<TITLE>`` and a non-empty ``<BODY>``: 19,043 stories, minus the 255
  whose title and body repeat an earlier story but for spacing and letter case (the app
  would store them as duplicates; left out so that every file becomes an article). The
  SGML is read with the standard library (a regular expression per element; the files
  are not XML) and decoded as Latin-1 (one byte of ``reut2-017.sgm`` is not ASCII);
  ``html.unescape`` resolves the entities and drops the control-character references
  (``&#3;``...). The wire text is hard-wrapped with an indented first line per
  paragraph: the lines of a paragraph are joined and paragraphs are separated by a blank
  line, as in the BBC files. The dateline opens the body. Written as
  ``reuters/reut2-NNN/<NEWID>.txt``.
- the BBC News articles (``../shared/corpora/bbc-news``, 2,225 files), byte for byte, in
  as many copies as fill the collection to exactly 50,000 files, each copy with a last
  line ``(Benchmark copy N of bbc/<topic>/<file>)`` so that every file is a distinct
  text (the set's 98 byte-identical pairs included). Written as
  ``bbc-copy-NN/<topic>/<file>``: the folders give each article a collection, as a user's
  folders would. ``sport/199.txt`` keeps its Latin-1 byte.

The licences of both sets allow research use only, so nothing built here is ever written
into the repository: the collection goes to a cache folder, ``$RESEARCH_NOTES_BENCH_CACHE``
or ``~/.cache/research-notes-bench`` (the real home folder: the test set-up points ``HOME``
at a temporary folder), and is reused by later runs. A folder is used only when its
manifest, written last, says it is complete and was made by this version of the builder.
"""

from __future__ import annotations

import html
import json
import os
import pwd
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support import shared_path

CORPUS_SIZE = 50_000
# Bump when the output changes, so an old cached collection is rebuilt, never reused.
BUILDER_VERSION = 2
MANIFEST = "MANIFEST.json"

_STORY = re.compile(r"<REUTERS\b(.*?)</REUTERS>", re.DOTALL)
_NEWID = re.compile(r'NEWID="(\d+)"')
_TITLE = re.compile(r"<TITLE>(.*?)</TITLE>", re.DOTALL)
_DATELINE = re.compile(r"<DATELINE>(.*?)</DATELINE>", re.DOTALL)
_BODY = re.compile(r"<BODY>(.*?)</BODY>", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Story:
    file: str  # the SGML file, without its suffix (reut2-000)
    newid: int
    title: str
    body: str


def bench_cache() -> Path:
    """Where built collections and projects are kept between runs (never the repository)."""
    configured = os.environ.get("RESEARCH_NOTES_BENCH_CACHE")
    if configured:
        return Path(configured).expanduser()
    # Not Path.home(): the test set-up points HOME at a fresh temporary folder per test.
    return Path(pwd.getpwuid(os.getuid()).pw_dir) / ".cache" / "research-notes-bench"


def reuters_stories(folder: Path) -> Iterator[Story]:
    """Every story with a title and a body, in file and NEWID order."""
    for sgm in sorted(folder.glob("reut2-*.sgm")):
        text = sgm.read_bytes().decode("latin-1")
        for match in _STORY.finditer(text):
            element = match.group(1)
            title, body = _TITLE.search(element), _BODY.search(element)
            newid = _NEWID.search(element)
            if title is None or body is None or newid is None:
                continue  # BRIEF (title only) and UNPROC stories
            dateline = _DATELINE.search(element)
            paragraphs = _paragraphs(html.unescape(body.group(1)))
            if dateline is not None and paragraphs:
                paragraphs[0] = f"{_clean(html.unescape(dateline.group(1)))} {paragraphs[0]}"
            clean_title = _clean(html.unescape(title.group(1)))
            if clean_title and paragraphs:
                yield Story(sgm.stem, int(newid.group(1)), clean_title, "\n\n".join(paragraphs))


def _paragraphs(body: str) -> list[str]:
    """Wire copy: a paragraph starts on an indented line; its other lines are wrapped."""
    paragraphs: list[list[str]] = []
    for line in body.replace("\r", "").split("\n"):
        if not line.strip():
            continue
        if line[:1].isspace() or not paragraphs:
            paragraphs.append([])
        paragraphs[-1].append(line.strip())
    return [_clean(" ".join(lines)) for lines in paragraphs if lines]


def _clean(text: str) -> str:
    # html.unescape already turned the control-character references into nothing; any
    # raw control character left is SGML framing, not text.
    text = "".join(c for c in text if c >= " " or c in "\n\t")
    return " ".join(text.split())


def bbc_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*/*.txt"))


def corpus_50k() -> Path:
    """The 50,000-file collection, built on first use; skips when the sets are absent."""
    reuters = shared_path("corpora", "reuters21578")
    bbc = shared_path("corpora", "bbc-news", "bbc")
    target = bench_cache() / f"corpus-50k-v{BUILDER_VERSION}"
    if _complete(target):
        return target
    return build_corpus(reuters, bbc, target, CORPUS_SIZE)


def _complete(target: Path) -> bool:
    try:
        manifest = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return manifest.get("version") == BUILDER_VERSION and manifest.get("files") == CORPUS_SIZE


def build_corpus(reuters: Path, bbc: Path, target: Path, size: int) -> Path:
    """Write the collection into ``target`` (replacing an incomplete one); returns it."""
    partial = target.with_name(target.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    written = 0
    seen: set[str] = set()
    repeats = 0
    for story in reuters_stories(reuters):
        if written >= size:
            break
        # As the app's fingerprint: a repeat differing only in spacing or letter case (a
        # correction that changed "REUTER" to "Reuter") is the same text.
        text_key = " ".join(f"{story.title}\n{story.body}".split()).casefold()
        if text_key in seen:
            repeats += 1
            continue
        seen.add(text_key)
        path = partial / "reuters" / story.file / f"{story.newid}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{story.title}\n\n{story.body}\n", encoding="utf-8")
        written += 1
    from_reuters = written
    originals = bbc_files(bbc)
    copy = 0
    while written < size:
        for original in originals:
            if written >= size:
                break
            relative = original.relative_to(bbc)
            path = partial / f"bbc-copy-{copy:02d}" / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            data = original.read_bytes().rstrip(b"\n")
            marker = f"\n\n(Benchmark copy {copy} of bbc/{relative.as_posix()})\n"
            path.write_bytes(data + marker.encode("ascii"))
            written += 1
        copy += 1
    manifest = {
        "version": BUILDER_VERSION, "files": written, "reuters_stories": from_reuters,
        "reuters_repeats_left_out": repeats, "bbc_files": written - from_reuters,
        "bbc_copies": copy,
    }
    (partial / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    shutil.rmtree(target, ignore_errors=True)
    partial.rename(target)
    return target


def manifest(corpus: Path) -> dict[str, int]:
    return json.loads((corpus / MANIFEST).read_text(encoding="utf-8"))


def corpus_files(corpus: Path) -> list[Path]:
    """The article files, in a fixed order (the manifest is not one)."""
    return sorted(p for p in corpus.rglob("*.txt"))


@pytest.fixture(scope="session")
def corpus() -> Path:
    return corpus_50k()
