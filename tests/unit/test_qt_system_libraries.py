"""`make run`'s check of the system libraries Qt's X11 plugin needs.

The ldd output in tests/unit/data was recorded on Debian 12 with PySide6 6.11.3, with
libxcb-cursor0, libxcb-icccm4 and libxcb-keysyms1 hidden (an overlay in a private mount
namespace): Qt itself then blames only libxcb-cursor0.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.qt_system_libraries import (
    DEBIAN_PACKAGES,
    advice,
    check,
    missing_from_ldd,
    packages_for,
    skip_reason,
    xcb_plugin,
)

LDD_THREE_MISSING = (Path(__file__).parent / "data" / "ldd-libqxcb-three-missing.txt").read_text()
THREE = ["libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
X11 = {"DISPLAY": ":0"}


def fake_ldd(folder: Path, output: str) -> Path:
    """An `ldd` that prints ``output`` and records that it ran."""
    folder.mkdir()
    (folder / "output.txt").write_text(output)
    script = folder / "ldd"
    script.write_text(f'#!/bin/sh\ntouch "{folder}/ran"\ncat "{folder}/output.txt"\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return folder


def test_missing_libraries_are_read_from_real_ldd_output_once_each_in_order():
    # ldd lists each missing library twice here (the plugin and libQt6XcbQpa need them).
    assert LDD_THREE_MISSING.count("=> not found") == 6
    assert missing_from_ldd(LDD_THREE_MISSING) == THREE


def test_ldd_output_with_everything_found_reports_nothing():
    complete = "".join(line for line in LDD_THREE_MISSING.splitlines(keepends=True)
                       if "not found" not in line)
    assert "=> /lib/x86_64-linux-gnu/libxcb.so.1" in complete
    assert missing_from_ldd(complete) == []


def test_one_apt_get_line_names_every_missing_package():
    lines = advice(THREE, has_apt=True)
    commands = [line.strip() for line in lines if "apt-get" in line]
    assert commands == ["sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1"]
    assert all(name in lines[0] for name in THREE)


def test_libraries_of_one_package_give_it_once():
    assert packages_for(["libglib-2.0.so.0", "libgthread-2.0.so.0"]) == (["libglib2.0-0"], [])


def test_a_library_of_unknown_package_is_named_beside_the_apt_line():
    lines = advice(["libxcb-icccm.so.4", "libfancy-new.so.3"], has_apt=True)
    assert [line.strip() for line in lines if "apt-get" in line] == [
        "sudo apt-get install libxcb-icccm4"]
    assert any("libfancy-new.so.3" in line and "apt-file search" in line for line in lines)


def test_without_apt_the_packages_are_named_not_an_apt_command():
    lines = advice(THREE, has_apt=False)
    assert not any("apt-get" in line for line in lines)
    assert any("libxcb-icccm4" in line for line in lines)


@pytest.mark.parametrize(
    ("environ", "platform", "skipped"),
    [
        (X11, "linux", False),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, "linux", False),
        ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, "linux", False),  # XWayland
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", True),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "wayland"}, "linux", True),
        (X11, "darwin", True),
        (X11, "win32", True),
    ],
)
def test_the_check_applies_only_where_qt_loads_the_xcb_plugin(environ, platform, skipped):
    assert (skip_reason(environ, platform) is not None) is skipped


def test_missing_libraries_stop_with_one_apt_line(tmp_path, monkeypatch, capsys):
    folder = fake_ldd(tmp_path / "bin", LDD_THREE_MISSING)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    assert check(X11, "linux", tmp_path / "libqxcb.so") == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("sudo apt-get install") == (1 if shutil.which("apt-get") else 0)
    assert "libxcb-keysyms" in err
    assert "Traceback" not in err


def test_nothing_missing_says_nothing(tmp_path, monkeypatch, capsys):
    folder = fake_ldd(tmp_path / "bin", "\tlibxcb.so.1 => /lib/libxcb.so.1 (0x0001)\n")
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    assert check(X11, "linux", tmp_path / "libqxcb.so") == 0
    assert (folder / "ran").exists()
    assert capsys.readouterr() == ("", "")


def test_offscreen_does_not_even_ask_ldd(tmp_path, monkeypatch):
    folder = fake_ldd(tmp_path / "bin", LDD_THREE_MISSING)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    assert check({"QT_QPA_PLATFORM": "offscreen"}, "linux", tmp_path / "libqxcb.so") == 0
    assert not (folder / "ran").exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb plugin is Linux's")
def test_the_plugin_is_found_in_the_installed_pyside6():
    plugin = xcb_plugin()
    assert plugin is not None and plugin.is_file()
    assert plugin.name == "libqxcb.so"


def test_the_check_runs_without_importing_qt():
    code = ("import sys, desktop.qt_system_libraries as check; check.main(); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stderr


@pytest.mark.skipif(shutil.which("dpkg") is None or shutil.which("ldconfig") is None,
                    reason="needs a Debian-like system to ask dpkg who owns each library")
def test_table_agrees_with_dpkg_for_the_libraries_installed_here():
    cache = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True,
                           check=True).stdout
    installed: dict[str, str] = {}  # real path -> soname
    for soname in DEBIAN_PACKAGES:
        for line in cache.splitlines():
            if line.strip().startswith(f"{soname} ("):
                installed.setdefault(os.path.realpath(line.split(" => ")[1]), soname)
    # One dpkg call for all: "libglib2.0-0:amd64: /usr/lib/x86_64-linux-gnu/libglib...".
    # Paths dpkg does not know (installed by hand) are simply left out of its answer.
    answer = subprocess.run(["dpkg", "-S", *installed], capture_output=True, text=True,
                            check=False).stdout
    owners = {path: line.split(":")[0] for line in answer.splitlines()
              for path in [line.split(": ", 1)[1]] if path in installed}
    if not owners:
        pytest.skip("none of the libraries in the table is installed here by dpkg")
    # Debian 13 and Ubuntu 24.04 renamed some packages with a "t64" suffix and keep the old
    # name as one they provide, which apt-get install accepts.
    wrong = {installed[path]: owner for path, owner in owners.items()
             if owner.removesuffix("t64") != DEBIAN_PACKAGES[installed[path]]}
    assert wrong == {}
