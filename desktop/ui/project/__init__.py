"""The open project (session) and the dialogs and panels about projects."""
