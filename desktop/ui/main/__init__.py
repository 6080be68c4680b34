"""The main window, its menus and actions, and what reaches it from outside (drops, a
second instance)."""
