"""The article list: its model and view."""
