"""Paths and helpers shared by tests."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SEED_FILE = SEEDS / "000_17b1025494a7ebc6.txt"
SEED_TITLE = "Sunni militants capture Iraqi city near Syria"
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path in ../shared, or a skip with the reason when it is absent (as on a bare clone)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared corpora are not beside this checkout")
    return path


def change_a_byte(path: Path, keep_time: bool = True) -> None:
    """Flip one bit in the middle of ``path``; ``keep_time``: its size and modification time
    stay as they were, as when a failing disk changes it (nothing wrote to it)."""
    import os

    stat = path.stat()
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    if keep_time:
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
