"""The ``research-notes`` command line: the GUI's services, for scripts and batch work."""

from desktop.cli.command_line import COMMANDS, CommandLine, main

__all__ = ["COMMANDS", "CommandLine", "main"]
