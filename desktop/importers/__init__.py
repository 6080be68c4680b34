"""Importers: bytes of a file in, domain articles out. Pure functions where possible."""
