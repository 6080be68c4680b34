"""Before the GUI starts on Linux: does Qt's X11 platform plugin find its system libraries?

The PySide6 wheel brings Qt but not the X11 libraries that Qt's ``xcb`` plugin links to. When
one is missing, Qt aborts with a message that names only one candidate (``libxcb-cursor0``)
even when others are missing too. So ``make run`` asks ``ldd`` what the plugin really lacks
and prints one ``apt-get install`` line for all of it. Runs without importing Qt (importing
it is what fails) and uses no ``dpkg -S``: the libraries are missing, so no package owns them
yet; a table from library to Debian package stands in, and a library not in it is named.

    python -m desktop.qt_system_libraries   # exit 0: fine or not applicable; 1: missing
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

# What Qt 6's xcb plugin and the Qt libraries under it link to, with the Debian/Ubuntu
# package of each (measured with `ldd` on PySide6 6.11's libqxcb.so and `dpkg -S` on
# Debian 12); a few more that other Qt 6 builds link to are listed too.
DEBIAN_PACKAGES: Mapping[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-present.so.0": "libxcb-present0",
    "libxcb-dri3.so.0": "libxcb-dri3-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libXau.so.6": "libxau6",
    "libXdmcp.so.6": "libxdmcp6",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libGLX.so.0": "libglx0",
    "libOpenGL.so.0": "libopengl0",
    "libGLdispatch.so.0": "libglvnd0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libpng16.so.16": "libpng16-16",
    "libexpat.so.1": "libexpat1",
    "libz.so.1": "zlib1g",
    "libzstd.so.1": "libzstd1",
}

_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found\s*$", re.MULTILINE)


def missing_from_ldd(output: str) -> list[str]:
    """The libraries ``ldd`` reports as "not found", in its order, each once."""
    return list(dict.fromkeys(_NOT_FOUND.findall(output)))


def packages_for(libraries: Sequence[str]) -> tuple[list[str], list[str]]:
    """(Debian packages that provide ``libraries``, libraries of no known package)."""
    packages = dict.fromkeys(DEBIAN_PACKAGES[name] for name in libraries
                             if name in DEBIAN_PACKAGES)
    unknown = [name for name in libraries if name not in DEBIAN_PACKAGES]
    return list(packages), unknown


def advice(libraries: Sequence[str], has_apt: bool) -> list[str]:
    """What to tell the user: the missing libraries and one command that installs them."""
    packages, unknown = packages_for(libraries)
    lines = [
        "Qt cannot open a window: its X11 platform plugin needs system libraries that are "
        f"missing: {', '.join(libraries)}."
    ]
    if packages and has_apt:
        lines += ["Install them with:", f"    sudo apt-get install {' '.join(packages)}"]
    elif packages:
        lines.append("Install the packages that provide them with your distribution's "
                     f"package manager (on Debian and Ubuntu: {' '.join(packages)}).")
    lines += [f"No package is known here for {name}; `apt-file search {name}` finds it."
              for name in unknown]
    return lines


def skip_reason(environ: Mapping[str, str], platform: str) -> str | None:
    """Why the check does not apply here, or None when Qt will load the xcb plugin."""
    if not platform.startswith("linux"):
        return "not Linux"
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen and not chosen.startswith("xcb"):
        return f"QT_QPA_PLATFORM={chosen}"
    if not chosen and environ.get("WAYLAND_DISPLAY") and not environ.get("DISPLAY"):
        return "a Wayland session without X11"
    return None


def xcb_plugin() -> Path | None:
    """Qt's xcb plugin inside the installed PySide6, found without importing PySide6."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        plugin = Path(folder) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
        if plugin.is_file():
            return plugin
    return None


def missing_libraries(plugin: Path) -> list[str] | None:
    """What ``ldd`` says ``plugin`` lacks; None when ``ldd`` is not there to ask."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return None
    # ldd reports "not found" in its output, with exit status 0; a failure to run it at all
    # is not a verdict on the libraries, so it lets Qt speak for itself.
    try:
        done = subprocess.run([ldd, str(plugin)], capture_output=True, text=True,
                              timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return missing_from_ldd(done.stdout)


def check(environ: Mapping[str, str], platform: str, plugin: Path | None) -> int:
    if skip_reason(environ, platform) is not None or plugin is None:
        return 0
    missing = missing_libraries(plugin)
    if not missing:
        return 0
    for line in advice(missing, has_apt=shutil.which("apt-get") is not None):
        print(line, file=sys.stderr)
    return 1


def main() -> int:
    return check(os.environ, sys.platform, xcb_plugin())


if __name__ == "__main__":
    sys.exit(main())
