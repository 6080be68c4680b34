"""Research Notes: a desktop application for studying collections of news articles."""

__version__ = "0.1.0"
APP_NAME = "Research Notes"
