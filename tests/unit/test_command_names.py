"""The window's entry point tells commands from project folders by ``COMMANDS`` alone."""

from __future__ import annotations

import argparse
import subprocess
import sys

from desktop.cli.command_line import CommandLine
from desktop.cli.command_names import COMMANDS
from tests.support import REPO


def test_the_names_are_exactly_the_parsers_commands() -> None:
    parser = CommandLine()._parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert sorted(COMMANDS) == sorted(subparsers.choices)


def test_the_window_entry_point_does_not_import_the_commands() -> None:
    probe = ("import sys, desktop.app; "
             "print(sorted(m for m in sys.modules if m.startswith('desktop.cli')))")
    done = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip() == "['desktop.cli', 'desktop.cli.command_names']"
