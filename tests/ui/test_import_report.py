"""The Import Report: every file that was not imported, with its reason; a cancelled
import says what was kept; copyable; shown after every import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication

from desktop.services.import_report import FileProblem, ImportReport
from desktop.ui.common.formatting import format_path
from desktop.ui.imports.import_report_dialog import ImportReportDialog
from desktop.ui.imports.import_report_model import ImportReportModel
from desktop.ui.main.main_window import MainWindow
from tests.ui.conftest import WAIT_MS

FOLDER = "/data/wire stories"


def _report(**changes: object) -> ImportReport:
    report = ImportReport(
        files_read=5, files_total=6, imported=3, seconds=1.25,
        duplicates=[FileProblem(f"{FOLDER}/copy.txt", "same text as article 12",
                                article_id=12)],
        skipped=[FileProblem(f"{FOLDER}/README.md",
                             "documentation file of the folder, not an article"),
                 FileProblem(f"{FOLDER}/photos/cat.jpg", "not a supported file type")],
        failed=[FileProblem(f"{FOLDER}/empty.txt", "the file is empty")],
    )
    for key, value in changes.items():
        setattr(report, key, value)
    return report


def _titles(article_id: int) -> str | None:
    return {12: "Kerry visits Baghdad"}.get(article_id)


def test_report_model_passes_the_model_tester(qtmodeltester) -> None:
    model = ImportReportModel()
    model.set_report(_report(), _titles)
    qtmodeltester.check(model, force_py=True)
    model.set_report(None)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 0


def test_report_lists_every_file_not_imported_with_its_reason(qtbot, english_locale) -> None:
    dialog = ImportReportDialog()
    qtbot.addWidget(dialog)
    dialog.show_report(_report(), _titles)
    assert dialog.headline.text() == "3 articles imported"
    summary = dialog.summary.text()
    assert "3 imported · 1 duplicate · 2 skipped · 1 failed (8 files in 1.2 s)." in summary
    assert f"Files below are in {FOLDER}" in summary
    model = dialog.model
    shown = [tuple(model.data(model.index(r, c)) for c in range(3))
             for r in range(model.rowCount())]
    assert shown == [
        ("Failed", "empty.txt", "the file is empty"),
        ("Duplicate", "copy.txt", "Same text as “Kerry visits Baghdad” (article 12)"),
        ("Skipped", "README.md", "documentation file of the folder, not an article"),
        ("Skipped", "photos/cat.jpg", "not a supported file type"),
    ]
    # The full path is a tool tip away, and in what is copied.
    assert model.data(model.index(3, 1), 3) == f"{FOLDER}/photos/cat.jpg"


def test_filter_shows_one_kind_of_problem(qtbot) -> None:
    dialog = ImportReportDialog()
    qtbot.addWidget(dialog)
    dialog.show_report(_report(), _titles)
    dialog.filter.setCurrentIndex(dialog.filter.findData("skipped"))
    assert dialog.proxy.rowCount() == 2
    dialog.filter.setCurrentIndex(dialog.filter.findData("duplicate"))
    assert dialog.proxy.rowCount() == 1
    dialog.filter.setCurrentIndex(0)
    assert dialog.proxy.rowCount() == 4


def test_paths_under_home_are_shown_from_home(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert format_path(tmp_path / "Documents" / "Wire stories") == "~/Documents/Wire stories"
    assert format_path("/srv/data") == "/srv/data"
    assert format_path(str(tmp_path) + "-other/x") == str(tmp_path) + "-other/x"


def test_report_is_copyable_as_text(qtbot) -> None:
    dialog = ImportReportDialog()
    qtbot.addWidget(dialog)
    dialog.show_report(_report(), _titles)
    dialog.copy_button.click()
    text = QGuiApplication.clipboard().text()
    assert text.startswith("3 articles imported\n")
    assert f"Failed\t{FOLDER}/empty.txt\tthe file is empty" in text
    assert f"Skipped\t{FOLDER}/photos/cat.jpg\tnot a supported file type" in text
    dialog.table.selectRow(1)
    dialog.copy_selected_rows()
    assert QGuiApplication.clipboard().text() == (
        f"Duplicate\t{FOLDER}/copy.txt\tSame text as “Kerry visits Baghdad” (article 12)")


def test_report_can_be_saved(qtbot, tmp_path: Path, monkeypatch) -> None:
    dialog = ImportReportDialog()
    qtbot.addWidget(dialog)
    dialog.show_report(_report(), _titles)
    target = tmp_path / "report.txt"
    monkeypatch.setattr("desktop.ui.imports.import_report_dialog.QFileDialog.getSaveFileName",
                        lambda *args, **kwargs: (str(target), ""))
    dialog.save_button.click()
    assert target.read_text(encoding="utf-8") == dialog.report_text()


def test_cancelled_import_says_what_was_kept(qtbot, english_locale) -> None:
    dialog = ImportReportDialog()
    qtbot.addWidget(dialog)
    report = ImportReport(files_read=976, files_total=2225, imported=950, cancelled=True,
                          duplicates=[FileProblem(f"{FOLDER}/{i}.txt", "same text",
                                                  article_id=1) for i in range(26)])
    dialog.show_report(report)
    assert dialog.headline.text() == "Import cancelled"
    assert dialog.summary.text().startswith(
        "You cancelled the import after 976 of 2,225 files. "
        "The 950 articles imported before then are kept.")
    # The time is that of the files it got through, not of all it set out to read.
    assert "(976 files in " in dialog.summary_text(report)


def test_double_click_on_a_duplicate_opens_the_article_it_duplicates(qtbot) -> None:
    dialog = ImportReportDialog()
    qtbot.addWidget(dialog)
    dialog.show_report(_report(), _titles)
    with qtbot.waitSignal(dialog.open_article) as opened:
        dialog.table.doubleClicked.emit(dialog.proxy.index(1, 0))
    assert opened.args == [12]


def test_every_import_in_the_window_ends_with_a_report(qtbot, window: MainWindow,
                                                      tmp_path: Path) -> None:
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text("Najaf\n\nVolunteers gathered.\n", encoding="utf-8")
    (tmp_path / "in" / "sub" / "b.pdf").write_bytes(b"%PDF-1.4")
    assert not window.main_actions.last_report.isEnabled()
    with qtbot.waitSignal(window.session.import_finished, timeout=WAIT_MS):
        window.commands.import_paths([tmp_path / "in"])
    dialog = window.report_dialog
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    assert dialog.headline.text() == "1 article imported"
    row = [dialog.model.data(dialog.model.index(0, c)) for c in range(3)]
    assert row == ["Skipped", "b.pdf", "not a supported file type"]
    assert f"Files below are in {format_path(tmp_path / 'in' / 'sub')}" in dialog.summary.text()
    # Closed, it stays available until the next import or project.
    dialog.close()
    assert window.main_actions.last_report.isEnabled()
    window.main_actions.last_report.trigger()
    assert dialog.isVisible()
    dialog.close()
