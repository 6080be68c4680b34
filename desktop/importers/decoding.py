"""Turning a file's bytes into text without ever failing on bad bytes."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from desktop.importers.import_error import ImportFailure

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_FEW_NON_ASCII = 32


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``.

    A byte-order mark first, then UTF-8 (most files are). A text that is nearly all ASCII
    gives statistical detection too little to go on (a lone Latin-1 "£" came out as cp932
    "｣"), so it is read as Windows-1252, the usual legacy encoding of Western news text.
    Otherwise charset-normalizer's guess; as a last resort UTF-8 with replacement
    characters, so a stray byte never costs the user the whole article.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    if b"\x00" in data[:4096]:
        raise ImportFailure("binary file, not text (it contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if sum(1 for byte in data if byte >= 0x80) < _FEW_NON_ASCII:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
            return data.decode("latin-1"), "latin-1"
    best = from_bytes(data).best()
    if best is not None and best.encoding:
        return str(best), best.encoding
    return data.decode("utf-8", errors="replace"), "utf-8 (with replacements)"
