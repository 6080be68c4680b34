"""The names of the command-line commands, without the commands.

``research-notes`` decides from the first argument whether to run a command or open the
window; the window must not pay for importing every command (and the services only they
use) to learn that.
"""

from __future__ import annotations

from typing import Final

ANNOTATION_COMMANDS: Final = ("highlight", "highlights", "note", "notes", "codes")
ENTITY_COMMANDS: Final = ("recognize", "entities", "entities-eval")
CURATION_COMMANDS: Final = ("entity", "entity-merge", "entity-alias", "mentions-confirm",
                            "mentions-reject")
COMMANDS: Final = ("new", "import", "search", "list", "show", "delete", "history", "info",
                   "rebuild-index", *ANNOTATION_COMMANDS, *ENTITY_COMMANDS, *CURATION_COMMANDS)
