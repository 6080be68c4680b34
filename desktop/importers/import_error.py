"""The one exception importers raise for a file they cannot read."""


class ImportFailure(Exception):
    """A file could not be imported; ``str(error)`` is the reason shown to the user."""
