"""The ``research-notes`` command line: the GUI's services, for scripts and batch work.

``CommandLine`` and ``main`` load on first use (PEP 562), so that reading ``COMMANDS``
(the window's entry point does, to tell a command from a project folder) imports nothing
else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop.cli.command_names import COMMANDS

if TYPE_CHECKING:
    from desktop.cli.command_line import CommandLine, main

__all__ = ["COMMANDS", "CommandLine", "main"]


def __getattr__(name: str) -> Any:
    if name in ("CommandLine", "main"):
        from desktop.cli import command_line

        return getattr(command_line, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
