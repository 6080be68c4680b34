"""Domain objects and pure functions. Standard library only: no Qt, no Whoosh, no SQLite."""
