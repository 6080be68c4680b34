"""The reader: one article with its hits marked."""
