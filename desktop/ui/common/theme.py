"""Light and dark appearance: following the system, or chosen in Preferences.

Following the system leaves the platform's own style and palette alone (they already
follow the desktop's colour scheme). A choice that differs from the system switches to
Qt's Fusion style with a palette of our own, because native styles (Windows, macOS) ignore
a palette they did not pick. Style sheets in ``resources/styles`` add the few touches the
palette cannot express: ``base.qss`` for both, then ``light.qss`` or ``dark.qss``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from desktop.ui.common.app_settings import Appearance

_DARK_COLOURS = {
    QPalette.ColorRole.Window: "#2b2c2f",
    QPalette.ColorRole.WindowText: "#e4e4e4",
    QPalette.ColorRole.Base: "#1f2023",
    QPalette.ColorRole.AlternateBase: "#27292c",
    QPalette.ColorRole.ToolTipBase: "#3a3c40",
    QPalette.ColorRole.ToolTipText: "#f0f0f0",
    QPalette.ColorRole.PlaceholderText: "#9b9ea3",
    QPalette.ColorRole.Text: "#e4e4e4",
    QPalette.ColorRole.Button: "#35373b",
    QPalette.ColorRole.ButtonText: "#e4e4e4",
    QPalette.ColorRole.BrightText: "#ff6b6b",
    QPalette.ColorRole.Light: "#4a4c50",
    QPalette.ColorRole.Midlight: "#3e4044",
    QPalette.ColorRole.Mid: "#2f3134",
    QPalette.ColorRole.Dark: "#18191b",
    QPalette.ColorRole.Shadow: "#0c0c0d",
    QPalette.ColorRole.Highlight: "#3d6fb4",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#79aef2",
    QPalette.ColorRole.LinkVisited: "#b596e8",
}
_DARK_DISABLED = "#7c7f84"
STYLES = Path(__file__).resolve().parents[3] / "resources" / "styles"


class Theme(QObject):
    changed = Signal(bool)  # True when the window is now dark

    def __init__(self, app: QApplication, styles_dir: Path) -> None:
        super().__init__(app)
        self._app = app
        self._styles = styles_dir
        self._native_style = app.style().name()
        self.appearance = Appearance.SYSTEM
        self.is_dark = False
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_changed)

    @classmethod
    def of(cls, app: QApplication) -> Theme:
        """The application's theme, made on first use."""
        theme = app.findChild(Theme, "theme")
        if theme is None:
            theme = cls(app, STYLES)
            theme.setObjectName("theme")
        return theme

    @staticmethod
    def system_is_dark() -> bool:
        return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark

    def apply(self, appearance: Appearance) -> None:
        self.appearance = appearance
        dark = self.system_is_dark() if appearance is Appearance.SYSTEM else (
            appearance is Appearance.DARK)
        if appearance is Appearance.SYSTEM or dark == self.system_is_dark():
            self._app.setStyle(self._native_style)
            self._app.setPalette(QPalette())  # no roles set: the platform's palette
        else:
            self._app.setStyle(QStyleFactory.create("Fusion"))
            self._app.setPalette(_dark_palette() if dark else self._app.style().standardPalette())
        self._app.setStyleSheet(self.style_sheet(dark))
        self.is_dark = dark
        self.changed.emit(dark)

    def style_sheet(self, dark: bool) -> str:
        parts = []
        for name in ("base.qss", "dark.qss" if dark else "light.qss"):
            path = self._styles / name
            if path.is_file():
                parts.append(path.read_text(encoding="utf-8"))
        return "\n".join(parts)

    def _system_changed(self, _scheme: Qt.ColorScheme) -> None:
        self.apply(self.appearance)


def _dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in _DARK_COLOURS.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.ButtonText, QPalette.ColorRole.PlaceholderText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(_DARK_DISABLED))
    return palette
