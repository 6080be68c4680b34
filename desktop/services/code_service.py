"""The code book: codes as a tree, with counts; create, rename, recolour, move, merge, delete."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from desktop.domain.change_set import ChangeSet
from desktop.domain.code import Code
from desktop.services.highlight_service import AnnotationError
from desktop.services.project import Project
from desktop.storage.project_store import ProjectStore

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# Colours handed out to new codes in turn: distinguishable on light and dark readers.
PALETTE = ("#ffd54f", "#81c784", "#64b5f6", "#f48fb1", "#ffb74d", "#ba68c8", "#4dd0e1",
           "#e57373", "#aed581", "#90a4ae")


class WhenCodeDeleted(enum.StrEnum):
    """What happens to the highlights of a deleted code."""

    KEEP = "keep"  # they stay, without this code
    TO_PARENT = "to_parent"  # they get the parent code instead
    DELETE = "delete"  # highlights that had only this code are deleted too


@dataclass(frozen=True, slots=True)
class CodeNode:
    code: Code
    depth: int
    highlights: int  # carrying this code itself
    total: int  # this code and every code below it


class CodeService:
    def __init__(self, project: Project, store: ProjectStore | None = None) -> None:
        self.project = project
        self._store = store or project.store

    def tree(self) -> list[CodeNode]:
        """Live codes, parents before children, with their highlight counts."""
        codes = self._store.codes.live()
        usage = self._store.codes.usage()
        depth: dict[int | None, int] = {None: -1}
        nodes = []
        for code in codes:
            depth[code.id] = depth.get(code.parent_id, -1) + 1
            nodes.append((code, depth[code.id]))
        totals = {c.id: usage.get(c.id or 0, 0) for c, _ in nodes}
        for code, _ in reversed(nodes):  # children come after parents: add them upwards
            if code.parent_id in totals:
                totals[code.parent_id] += totals[code.id]
        return [CodeNode(c, d, usage.get(c.id or 0, 0), totals[c.id]) for c, d in nodes]

    def create(self, name: str, colour: str = "", parent_id: int | None = None,
               description: str = "") -> tuple[Code, ChangeSet]:
        name = _clean_name(name)
        if parent_id is not None:
            self._require(parent_id)
        colour = colour or PALETTE[len(self._store.codes.live()) % len(PALETTE)]
        _check_colour(colour)
        with self.project.write_lock, self._store.action("code", f"New code “{name}”") as action:
            code = self._store.codes.add(Code(name=name, colour=colour, parent_id=parent_id,
                                              description=description))
        return code, action.change_set()

    def rename(self, code_id: int, name: str) -> ChangeSet:
        name = _clean_name(name)
        old = self._require(code_id).name
        return self._update(code_id, f"Rename code “{old}”", name=name)

    def recolour(self, code_id: int, colour: str) -> ChangeSet:
        _check_colour(colour)
        return self._update(code_id, f"Recolour code “{self._require(code_id).name}”",
                            colour=colour)

    def describe(self, code_id: int, description: str) -> ChangeSet:
        return self._update(code_id, "Describe code", description=description)

    def move(self, code_id: int, parent_id: int | None, position: int | None = None) -> ChangeSet:
        """Re-parent (drag in the code book); a code cannot go below itself."""
        code = self._require(code_id)
        if parent_id is not None:
            self._require(parent_id)
            if parent_id == code_id or parent_id in self._store.codes.descendants(code_id):
                raise AnnotationError(f"“{code.name}” cannot go inside itself.")
        values: dict[str, object] = {"parent_id": parent_id}
        if position is not None:
            values["position"] = position
        return self._update(code_id, f"Move code “{code.name}”", **values)

    def merge(self, code_id: int, into_id: int) -> ChangeSet:
        """Every highlight of ``code_id`` gets ``into_id`` instead; its children move to
        ``into_id``; the code itself goes (softly: undo brings it back)."""
        source, target = self._require(code_id), self._require(into_id)
        if code_id == into_id or into_id in self._store.codes.descendants(code_id):
            raise AnnotationError(f"“{source.name}” cannot be merged into itself.")
        label = f"Merge “{source.name}” into “{target.name}”"
        with self.project.write_lock, self._store.action("merge_codes", label) as action:
            db = self._store.connection
            db.execute(
                "INSERT OR IGNORE INTO highlight_codes (highlight_id, code_id)"
                " SELECT highlight_id, ? FROM highlight_codes WHERE code_id = ?",
                (into_id, code_id))
            db.execute("DELETE FROM highlight_codes WHERE code_id = ?", (code_id,))
            db.execute("UPDATE codes SET parent_id = ? WHERE parent_id = ?", (into_id, code_id))
            self._store.codes.soft_delete([code_id])
        return action.change_set()

    def delete(self, code_id: int, highlights: WhenCodeDeleted = WhenCodeDeleted.KEEP) -> ChangeSet:
        """Delete a code (one undoable step, however many highlights carry it)."""
        code = self._require(code_id)
        with self.project.write_lock, self._store.action(
                "delete_code", f"Delete code “{code.name}”") as action:
            db = self._store.connection
            if highlights is WhenCodeDeleted.TO_PARENT and code.parent_id is not None:
                db.execute(
                    "INSERT OR IGNORE INTO highlight_codes (highlight_id, code_id)"
                    " SELECT highlight_id, ? FROM highlight_codes WHERE code_id = ?",
                    (code.parent_id, code_id))
            elif highlights is WhenCodeDeleted.DELETE:
                db.execute(
                    "DELETE FROM highlights WHERE id IN (SELECT highlight_id FROM"
                    " highlight_codes WHERE code_id = ?) AND id NOT IN (SELECT highlight_id"
                    " FROM highlight_codes WHERE code_id <> ?)", (code_id, code_id))
            db.execute("DELETE FROM highlight_codes WHERE code_id = ?", (code_id,))
            # Its children move up to its parent rather than vanishing with it.
            db.execute("UPDATE codes SET parent_id = ? WHERE parent_id = ?",
                       (code.parent_id, code_id))
            self._store.codes.soft_delete([code_id])
        return action.change_set()

    def sole_code_of(self, code_id: int) -> int:
        """How many highlights carry this code and no other (what deleting the code with
        ``WhenCodeDeleted.DELETE`` deletes)."""
        return int(self._store.connection.execute(
            "SELECT count(*) FROM highlight_codes AS hc WHERE hc.code_id = ? AND NOT EXISTS"
            " (SELECT 1 FROM highlight_codes AS o WHERE o.highlight_id = hc.highlight_id"
            " AND o.code_id <> hc.code_id)", (code_id,)).fetchone()[0])

    def find(self, name: str) -> Code | None:
        return self._store.codes.by_name(name)

    def _update(self, code_id: int, label: str, **values: object) -> ChangeSet:
        with self.project.write_lock, self._store.action("code", label) as action:
            self._store.codes.update(code_id, **values)
        return action.change_set()

    def _require(self, code_id: int) -> Code:
        code = self._store.codes.get(code_id)
        if code is None or code.deleted_at is not None:
            raise AnnotationError(f"There is no code with id {code_id}.")
        return code


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise AnnotationError("A code needs a name.")
    return name


def _check_colour(colour: str) -> None:
    if not _COLOUR.match(colour):
        raise AnnotationError(f"“{colour}” is not a colour like #ffd54f.")
