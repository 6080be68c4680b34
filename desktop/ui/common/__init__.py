"""Pieces every area uses: settings, task runner, progress, text positions."""
