"""Import results: the report model and dialog."""
