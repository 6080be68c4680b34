"""Bad command-line usage: reported on one line, exit status 2."""

EXIT_OK, EXIT_USAGE = 0, 2


class UsageError(Exception):
    """Bad arguments, reported like argparse's own errors."""
