"""What an import did, file by file, in a form for the GUI, the CLI and JSON."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class FileProblem:
    path: str
    reason: str
    # For a duplicate: the stored article it duplicates (so a report can name and open it).
    article_id: int | None = None


@dataclass(slots=True)
class ImportReport:
    """Counts are of articles; ``files_read`` counts the files opened and parsed."""

    files_read: int = 0
    # Files the import set out to read (0 when unknown), so a cancelled import can say how
    # far it got: "976 of 2,225 files".
    files_total: int = 0
    imported: int = 0
    duplicates: list[FileProblem] = field(default_factory=list)
    failed: list[FileProblem] = field(default_factory=list)
    skipped: list[FileProblem] = field(default_factory=list)
    imported_ids: list[int] = field(default_factory=list)
    seconds: float = 0.0
    cancelled: bool = False

    def to_json(self) -> dict[str, object]:
        return {
            "imported": self.imported,
            "duplicates": len(self.duplicates),
            "failed": [{"path": p.path, "reason": p.reason} for p in self.failed],
            "seconds": round(self.seconds, 3),
            "files_read": self.files_read,
            "duplicate_files": [{"path": p.path, "reason": p.reason} for p in self.duplicates],
            "skipped": [{"path": p.path, "reason": p.reason} for p in self.skipped],
            "cancelled": self.cancelled,
        }

    def summary(self) -> str:
        parts = [f"{self.imported} imported"]
        if self.duplicates:
            parts.append(f"{len(self.duplicates)} duplicates not imported again")
        if self.failed:
            parts.append(f"{len(self.failed)} failed")
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped")
        text = ", ".join(parts) + f" ({self.files_read} files read in {self.seconds:.1f} s)"
        return ("Cancelled: " + text) if self.cancelled else text
