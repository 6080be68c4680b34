"""Errors a project on disk can raise; each carries a message fit for the user."""


class ProjectError(Exception):
    """A project could not be created or opened."""


class ProjectLockedError(ProjectError):
    """Another running instance holds the project."""


class SchemaTooNewError(ProjectError):
    """The project was saved by a newer version of the application."""


class ReadOnlyProjectError(ProjectError):
    """A change was asked of a project that is open read-only."""
