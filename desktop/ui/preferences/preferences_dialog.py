"""Preferences: appearance, the reader's font, the article list's order, when to search, and
which entity recogniser suggests names (and whether after every import).

The dialog edits a :class:`Preferences` value; the caller stores it (``AppSettings``) and
applies it, so the dialog itself is easy to test and has no side effects until OK.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFontComboBox,
    QFormLayout,
    QGroupBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.entities.recognizer_names import BUILTIN, SPACY, installed_recognizers
from desktop.ui.common.app_settings import (
    MAX_FONT_SIZE,
    MIN_FONT_SIZE,
    Appearance,
    ArticleSort,
    Preferences,
)


class PreferencesDialog(QDialog):
    def __init__(self, prefs: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferences")
        self.setWindowTitle(self.tr("Preferences"))

        self.appearance = QComboBox(self)
        for text, value in ((self.tr("Follow the system"), Appearance.SYSTEM),
                            (self.tr("Light"), Appearance.LIGHT),
                            (self.tr("Dark"), Appearance.DARK)):
            self.appearance.addItem(text, value.value)
        self._describe(self.appearance, self.tr("Appearance"),
                       self.tr("Light or dark windows, or whatever the system uses"))

        self.font_family = QFontComboBox(self)
        self._describe(self.font_family, self.tr("Reader font"),
                       self.tr("The typeface of articles in the reader"))
        self.font_size = QDoubleSpinBox(self)
        self.font_size.setRange(MIN_FONT_SIZE, MAX_FONT_SIZE)
        self.font_size.setDecimals(1)
        self.font_size.setSingleStep(0.5)
        self.font_size.setSuffix(self.tr(" pt"))
        self._describe(self.font_size, self.tr("Reader text size"),
                       self.tr("The size of article text before zooming"))

        self.default_sort = QComboBox(self)
        for text, value in ((self.tr("Newest first"), ArticleSort.NEWEST_FIRST),
                            (self.tr("Oldest first"), ArticleSort.OLDEST_FIRST),
                            (self.tr("Title, A to Z"), ArticleSort.TITLE),
                            (self.tr("Source, A to Z"), ArticleSort.SOURCE)):
            self.default_sort.addItem(text, value.value)
        self._describe(self.default_sort, self.tr("Article order"),
                       self.tr("How the article list is sorted when a project opens"))

        self.as_you_type = QRadioButton(self.tr("As I type (after a short pause)"), self)
        self._describe(self.as_you_type, self.tr("Search as you type"),
                       self.tr("Results update while you type in the search field"))
        self.on_enter = QRadioButton(self.tr("When I press Enter"), self)
        self._describe(self.on_enter, self.tr("Search on Enter"),
                       self.tr("Searches run only when you press Enter; useful on large "
                               "projects or slow disks"))
        self._search_group = QButtonGroup(self)
        self._search_group.addButton(self.as_you_type)
        self._search_group.addButton(self.on_enter)

        look = QGroupBox(self.tr("Appearance"), self)
        look_form = QFormLayout(look)
        look_form.addRow(self.tr("&Windows:"), self.appearance)
        look_form.addRow(self.tr("Reader &font:"), self.font_family)
        look_form.addRow(self.tr("Reader text &size:"), self.font_size)
        lists = QGroupBox(self.tr("Articles and search"), self)
        lists_form = QFormLayout(lists)
        lists_form.addRow(self.tr("&Order articles:"), self.default_sort)
        search_box = QVBoxLayout()
        search_box.addWidget(self.as_you_type)
        search_box.addWidget(self.on_enter)
        lists_form.addRow(self.tr("Search:"), search_box)

        self.recognizer = QComboBox(self)
        available = installed_recognizers()  # without importing the recognisers
        for text, name in ((self.tr("Built-in (fast, works offline)"), BUILTIN),
                           (self.tr("spaCy (slower; needs its model installed)"), SPACY)):
            if name not in available:
                text += " " + self.tr("(not installed)")
            self.recognizer.addItem(text, name)
            if name not in available:  # shown, so that one knows it exists, but not chosen
                item = self.recognizer.model().item(self.recognizer.count() - 1)
                item.setEnabled(False)
        self._describe(self.recognizer, self.tr("Entity recogniser"),
                       self.tr("What suggests the people, organisations and places of the "
                               "articles"))
        self.after_import = QCheckBox(self.tr("Suggest entities after each &import"), self)
        self._describe(self.after_import, self.tr("Recognise after import"),
                       self.tr("Recognise the names in newly imported articles in the "
                               "background (one step in Edit > Undo)"))
        entities = QGroupBox(self.tr("Entities"), self)
        entities_form = QFormLayout(entities)
        entities_form.addRow(self.tr("&Recogniser:"), self.recognizer)
        entities_form.addRow("", self.after_import)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        for which, name, description in (
            (QDialogButtonBox.StandardButton.Ok, self.tr("OK"),
             self.tr("Saves and applies the preferences")),
            (QDialogButtonBox.StandardButton.Cancel, self.tr("Cancel"),
             self.tr("Closes without changing anything")),
        ):
            self._describe(self.buttons.button(which), name, description)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(look)
        layout.addWidget(lists)
        layout.addWidget(entities)
        layout.addWidget(self.buttons)
        self.set_preferences(prefs)

    @staticmethod
    def _describe(widget: QWidget, name: str, description: str) -> None:
        widget.setAccessibleName(name)
        widget.setAccessibleDescription(description)
        widget.setToolTip(description)

    def set_preferences(self, prefs: Preferences) -> None:
        self.appearance.setCurrentIndex(self.appearance.findData(prefs.appearance.value))
        if prefs.reader_font_family:
            self.font_family.setCurrentFont(QFont(prefs.reader_font_family))
        self.font_size.setValue(prefs.reader_font_size)
        self.default_sort.setCurrentIndex(self.default_sort.findData(prefs.default_sort.value))
        (self.as_you_type if prefs.search_as_you_type else self.on_enter).setChecked(True)
        index = self.recognizer.findData(prefs.recognizer)
        self.recognizer.setCurrentIndex(index if index >= 0 else 0)
        self.after_import.setChecked(prefs.recognise_after_import)

    def preferences(self) -> Preferences:
        return Preferences(
            appearance=Appearance(self.appearance.currentData()),
            reader_font_family=self.font_family.currentFont().family(),
            reader_font_size=self.font_size.value(),
            default_sort=ArticleSort(self.default_sort.currentData()),
            search_as_you_type=self.as_you_type.isChecked(),
            recognizer=str(self.recognizer.currentData()),
            recognise_after_import=self.after_import.isChecked(),
        )
