"""The PyInstaller bundle: packaging/build.py builds it into a temporary folder, the built app
makes a figure of the Playground under the test session's X server (pytest-xvfb, so the 3D views
get a real OpenGL context), every lab is inside, and what the spec leaves out stays out."""
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage

from desktop.i18n import LANGUAGES
from desktop.labs.base import lab_names

pytestmark = [pytest.mark.slow, pytest.mark.gl]

ROOT = Path(__file__).resolve().parents[2]
FIGURE_LAB = "playground"
FIGURE_SIZE = (1200, 800)
BUILD_TIMEOUT_S = 900
RUN_TIMEOUT_S = 120
# Qt libraries of modules the app does not use (the bundle's file names: libQt6Qml.so.6,
# Qt6Qml.dll, QtQml.framework, ...).
UNUSED_QT_LIBRARIES = re.compile(
    r"Qt6?(Qml|Quick|WebEngine|Pdf|Multimedia|3D|Charts|DataVisualization|Graphs|Bluetooth|Nfc"
    r"|Positioning|Location|Sensors|SerialPort|SerialBus|Sql|Test|Designer|Help|Network"
    r"|PrintSupport|RemoteObjects|Scxml|StateMachine|TextToSpeech|WebSockets|WebChannel|Xml"
    r"|Concurrent|UiTools|SpatialAudio|HttpServer)"
)
QT_MODULES_USED = {"QtCore", "QtGui", "QtWidgets", "QtOpenGL", "QtOpenGLWidgets", "QtSvg"}
UNWANTED_PACKAGES = ("torch", "tkinter", "_tkinter", "matplotlib", "IPython", "scipy", "PyQt5",
                     "PyQt6", "PySide2", "pytest", "sympy")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Iterator[Path]:
    """The built app's folder (the one holding the descent-lab executable), removed afterwards
    (it is about 200 MB)."""
    folder = tmp_path_factory.mktemp("bundle")
    try:
        built = subprocess.run(
            [sys.executable, str(ROOT / "packaging" / "build.py"),
             "--dist", str(folder / "dist"), "--work", str(folder / "build")],
            cwd=ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S,
        )
        assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
        assert re.search(r"built .* in \d+ s: [\d.]+ MB", built.stdout), built.stdout[-1000:]
        yield folder / "dist" / "descent-lab"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run_app(bundle: Path, tmp_path: Path, *flags: str) -> subprocess.CompletedProcess:
    """Run the bundled executable with the test session's display and a throw-away settings
    folder."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        pytest.fail("no display: run the tests with pytest-xvfb (python3 tools/test.py)")
    executable = bundle / ("descent-lab.exe" if os.name == "nt" else "descent-lab")
    environment = dict(os.environ, XDG_CONFIG_HOME=str(tmp_path / "settings"))
    return subprocess.run([str(executable), *flags], cwd=tmp_path, env=environment,
                          capture_output=True, text=True, timeout=RUN_TIMEOUT_S)


def test_the_bundled_app_makes_a_figure_of_the_playground(bundle, tmp_path):
    shot = tmp_path / "shot.png"
    width, height = FIGURE_SIZE
    ran = run_app(bundle, tmp_path, "--lab", FIGURE_LAB, "--steps", "5", "--screenshot",
                  str(shot), "--size", f"{width}x{height}", "--lang", "zh_CN")
    assert ran.returncode == 0, ran.stderr
    for trouble in ("failed to load", "no translations loaded", "Traceback"):
        assert trouble not in ran.stderr, ran.stderr

    image = QImage(str(shot))
    assert (image.width(), image.height()) == FIGURE_SIZE
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    pixels = np.frombuffer(image.constBits(), dtype=np.uint32, count=width * height)
    colors, counts = np.unique(pixels, return_counts=True)
    # A drawn window (antialiased text, heat maps, curves) has hundreds to thousands of colours;
    # a blank or black one has a handful, one of which covers nearly everything.
    assert len(colors) > 256, f"only {len(colors)} colours: is the window blank?"
    assert counts.max() < 0.9 * pixels.size


def test_every_lab_is_in_the_bundle(bundle, tmp_path):
    shown = run_app(bundle, tmp_path, "--help")
    assert shown.returncode == 0, shown.stderr
    listing = shown.stdout.split("labs (NAME", 1)[1].splitlines()[1:]
    bundled = {line.split()[0] for line in listing if line.strip()}
    assert bundled == set(lab_names())
    assert FIGURE_LAB in bundled


def test_the_qt_modules_the_app_does_not_use_are_left_out(bundle):
    files = [path.relative_to(bundle) for path in bundle.rglob("*")]
    qt_modules = {
        path.name.split(".")[0] for path in files
        if path.parent.name == "PySide6" and path.name.startswith("Qt") and path.suffix != ""
    }
    assert qt_modules == QT_MODULES_USED
    libraries = [path for path in files if re.search(r"\.(so|dll|dylib|framework)\b", path.name)]
    assert libraries, "no shared libraries found: has the bundle layout changed?"
    assert [str(path) for path in libraries if UNUSED_QT_LIBRARIES.search(path.name)] == []


def test_no_link_in_the_bundle_points_at_a_left_out_file(bundle):
    dangling = [str(path) for path in bundle.rglob("*") if path.is_symlink() and not path.exists()]
    assert dangling == []


def test_unused_qt_plugins_and_translations_and_other_packages_are_left_out(bundle):
    names = {path.name for path in bundle.rglob("*")}
    for plugin in ("libqeglfs.so", "libqlinuxfb.so", "libqvnc.so", "libqgtk3.so",
                   "libqopensslbackend.so", "libqevdevmouseplugin.so"):
        assert plugin not in names
    qt_translations = {path.name for path in bundle.rglob("PySide6/**/translations/*.qm")}
    assert qt_translations == {f"qtbase_{language}.qm" for language in LANGUAGES if language != "en"}
    folders = {path.name for path in bundle.rglob("*") if path.is_dir()}
    assert not folders & set(UNWANTED_PACKAGES)
