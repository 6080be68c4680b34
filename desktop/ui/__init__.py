"""The Qt layer: models, widgets, dialogs, workers, settings. The only place (with
``desktop.app``) that imports PySide6."""
