"""What an import did, file by file, in a form for the GUI, the CLI and JSON."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from desktop.domain.change_set import ChangeSet
from desktop.services.text_update import TextUpdate


@dataclass(frozen=True, slots=True)
class FileProblem:
    path: str
    reason: str
    # For a duplicate: the stored article it duplicates (so a report can name and open it).
    article_id: int | None = None


@dataclass(slots=True)
class ImportReport:
    """Counts are of articles; ``files_read`` counts the files opened and parsed.

    ``duplicates`` were not stored (same text, same or no source and address);
    ``linked_duplicates`` were stored and grouped with the first article of the same text
    (the same wire story from another outlet).
    """

    files_read: int = 0
    # Files the import set out to read (0 when unknown), so a cancelled import can say how
    # far it got: "976 of 2,225 files".
    files_total: int = 0
    imported: int = 0
    duplicates: list[FileProblem] = field(default_factory=list)
    linked_duplicates: list[FileProblem] = field(default_factory=list)
    failed: list[FileProblem] = field(default_factory=list)
    skipped: list[FileProblem] = field(default_factory=list)
    imported_ids: list[int] = field(default_factory=list)
    # With --update: articles whose text was replaced by a new version, and what happened to
    # their highlights.
    updated: list[FileProblem] = field(default_factory=list)
    text_update: TextUpdate = field(default_factory=TextUpdate)
    seconds: float = 0.0
    cancelled: bool = False
    # What to call the action in Edit > Undo and the history ("Import 3 files").
    label: str = "Import"
    started_at: str = ""
    changes: ChangeSet = field(default_factory=ChangeSet)

    def to_json(self) -> dict[str, object]:
        def problems(items: list[FileProblem]) -> list[dict[str, object]]:
            return [
                {"path": p.path, "reason": p.reason}
                | ({"article_id": p.article_id} if p.article_id is not None else {})
                for p in items
            ]

        return {
            "imported": self.imported,
            "duplicates": len(self.duplicates),
            "failed": problems(self.failed),
            "seconds": round(self.seconds, 3),
            "files_total": self.files_total,
            "files_read": self.files_read,
            "duplicate_files": problems(self.duplicates),
            "linked_duplicates": problems(self.linked_duplicates),
            "skipped": problems(self.skipped),
            "cancelled": self.cancelled,
            "imported_ids": list(self.imported_ids),
            "updated": len(self.updated),
            "updated_files": problems(self.updated),
            "reanchored": self.text_update.reanchored,
            "needs_review": self.text_update.needs_review,
            "label": self.label,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any], label: str = "Import",
                  started_at: str = "") -> ImportReport:
        """A report read back from the import history (what :meth:`to_json` kept)."""

        def problems(key: str) -> list[FileProblem]:
            found = data.get(key)
            if not isinstance(found, list):
                return []
            return [FileProblem(str(p.get("path", "")), str(p.get("reason", "")),
                                p.get("article_id")) for p in found if isinstance(p, dict)]

        def number(key: str) -> int:
            value = data.get(key, 0)
            return value if isinstance(value, int) else 0

        return cls(
            files_read=number("files_read"), files_total=number("files_total"),
            imported=number("imported"), duplicates=problems("duplicate_files"),
            linked_duplicates=problems("linked_duplicates"), failed=problems("failed"),
            skipped=problems("skipped"),
            imported_ids=[i for i in data.get("imported_ids", []) if isinstance(i, int)],
            updated=problems("updated_files"),
            text_update=TextUpdate(reanchored=number("reanchored"),
                                   needs_review=number("needs_review")),
            seconds=float(data.get("seconds", 0.0) or 0.0),
            cancelled=bool(data.get("cancelled", False)),
            label=str(data.get("label", label)), started_at=started_at,
        )

    def summary(self) -> str:
        parts = [f"{self.imported:,} imported"]
        if self.updated:
            parts.append(f"{len(self.updated):,} updated ({self.text_update.reanchored:,} "
                         f"highlights re-anchored, {self.text_update.needs_review:,} to review)")
        if self.linked_duplicates:
            parts.append(f"{len(self.linked_duplicates):,} of them repeat an article from "
                         "another source")
        if self.duplicates:
            parts.append(f"{_count(len(self.duplicates), 'duplicate')} not imported again")
        if self.failed:
            parts.append(f"{len(self.failed):,} failed")
        if self.skipped:
            parts.append(f"{len(self.skipped):,} skipped")
        text = ", ".join(parts) + (f" ({_count(self.files_read, 'file')} read in "
                                   f"{self.seconds:.1f} s)")
        if self.cancelled:
            return (f"Cancelled: {self.files_read:,} of {self.files_total:,} files read before "
                    f"you cancelled; what was read is kept. " + text)
        return text


def _count(number: int, noun: str) -> str:
    """"1 file", "2,225 files"."""
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"
