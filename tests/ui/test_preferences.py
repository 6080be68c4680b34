"""Preferences: typed settings that persist, a dialog that edits them, and a window that
follows them (appearance, reader font, article order, when to search)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from desktop.entities.recognizers import BUILTIN, SPACY, Recognizers
from desktop.ui.articles.article_table_model import ArticleTableModel
from desktop.ui.common.app_settings import Appearance, AppSettings, ArticleSort, Preferences
from desktop.ui.main.main_window import MainWindow
from desktop.ui.preferences.preferences_dialog import PreferencesDialog
from tests.ui.conftest import WAIT_MS, modal_answer

CHOSEN = Preferences(appearance=Appearance.DARK, reader_font_family="DejaVu Serif",
                     reader_font_size=14.5, default_sort=ArticleSort.TITLE,
                     search_as_you_type=False, recognise_after_import=False)


def test_defaults_and_round_trip_through_a_settings_file(tmp_path: Path) -> None:
    file = str(tmp_path / "settings.ini")
    settings = AppSettings(QSettings(file, QSettings.Format.IniFormat))
    assert settings.preferences() == Preferences()
    settings.set_preferences(CHOSEN)
    settings.set_reader_zoom(130)
    settings.sync()
    again = AppSettings(QSettings(file, QSettings.Format.IniFormat))
    assert again.preferences() == CHOSEN
    assert again.reader_zoom() == 130


def test_damaged_values_fall_back_to_defaults(tmp_path: Path) -> None:
    raw = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    for key, value in (("appearance/mode", "purple"), ("reader/fontSize", "huge"),
                       ("articles/defaultSort", 7), ("search/asYouType", "maybe"),
                       ("reader/zoom", 5000), ("entities/recognizer", "crystal ball"),
                       ("entities/afterImport", "perhaps")):
        raw.setValue(key, value)
    settings = AppSettings(raw)
    assert settings.preferences() == Preferences()
    assert settings.reader_zoom() == 300  # clamped, not refused


def test_dialog_shows_and_returns_the_preferences(qtbot) -> None:
    dialog = PreferencesDialog(CHOSEN)
    qtbot.addWidget(dialog)
    result = dialog.preferences()
    assert result.appearance is Appearance.DARK
    assert result.reader_font_size == 14.5
    assert result.default_sort is ArticleSort.TITLE
    assert result.search_as_you_type is False
    dialog.as_you_type.setChecked(True)
    dialog.appearance.setCurrentIndex(dialog.appearance.findData("light"))
    assert dialog.preferences().search_as_you_type is True
    assert dialog.preferences().appearance is Appearance.LIGHT
    assert result.recognizer == BUILTIN and result.recognise_after_import is False
    # spaCy is listed either way, and can be chosen only where it is installed.
    spacy_row = dialog.recognizer.findData(SPACY)
    enabled = dialog.recognizer.model().item(spacy_row).isEnabled()
    assert enabled == (SPACY in Recognizers.available())
    assert ("not installed" in dialog.recognizer.itemText(spacy_row)) is not enabled
    dialog.after_import.setChecked(True)
    assert dialog.preferences().recognise_after_import is True


def test_preferences_are_applied_and_persist(qtbot, window: MainWindow) -> None:
    def choose(widget: object) -> None:
        assert isinstance(widget, PreferencesDialog)
        widget.set_preferences(CHOSEN)
        widget.accept()

    modal_answer(qtbot, choose)
    window.main_actions.preferences.trigger()
    try:
        assert AppSettings().preferences() == CHOSEN  # stored for the next start
        app = QApplication.instance()
        assert window.theme.is_dark
        assert app.palette().color(QPalette.ColorRole.Window).lightness() < 80
        assert "#1c1d1f" in app.styleSheet()  # the dark reader of resources/styles/dark.qss
        assert window.main_actions.theme_actions[Appearance.DARK].isChecked()
        assert abs(window.reader.base_point_size() - 14.5) < 0.01
        assert window.reader.font().family() == "DejaVu Serif"
        header = window.article_view.horizontalHeader()
        assert header.sortIndicatorSection() == ArticleTableModel.TITLE
        assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
        assert window.entity_docks.recognition.after_import is False
    finally:
        window.theme.apply(Appearance.SYSTEM)
    assert not window.theme.is_dark
    assert app.palette().color(QPalette.ColorRole.Window).lightness() > 150


def test_search_on_enter_waits_for_enter(qtbot, window: MainWindow) -> None:
    window.apply_preferences(Preferences(search_as_you_type=False))
    qtbot.keyClicks(window.search_field, "Kerry")
    assert not window.workspace.search_bar.timer.isActive()  # no search pending
    assert window.results.results is None
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.results.results is not None, timeout=WAIT_MS)
    assert window.results.results.query == "Kerry"


def test_theme_menu_switches_appearance_and_remembers_it(window: MainWindow) -> None:
    try:
        window.main_actions.theme_actions[Appearance.DARK].trigger()
        assert window.theme.is_dark
        assert AppSettings().preferences().appearance is Appearance.DARK
        window.main_actions.theme_actions[Appearance.LIGHT].trigger()
        assert not window.theme.is_dark
        assert AppSettings().preferences().appearance is Appearance.LIGHT
    finally:
        window.theme.apply(Appearance.SYSTEM)
