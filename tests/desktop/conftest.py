"""Shared fixtures for the desktop tests.

* Every test runs with QSettings in a temporary directory, never the user's own settings.
* A test that leaves a worker thread running fails (and the thread is shut down, so that one leak
  does not cascade into the following tests).
* The application font, palette and style sheet (which presentation mode and themes change) are
  restored after every test.
"""
import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QApplication

from desktop import i18n
from desktop.worker import live_workers


def pytest_configure(config):
    """Before pytest-qt creates the application: let every OpenGL context share resources.
    pyqtgraph caches its shader programs per item class, not per context, which is right for the
    app (all its views live in one window) but not for tests that open many windows in turn."""
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)


@pytest.fixture(autouse=True)
def temporary_settings(tmp_path, monkeypatch):
    """Point QSettings (INI format) at a per-test directory, under the app's own names."""
    QCoreApplication.setOrganizationName("DescentLab")
    QCoreApplication.setApplicationName("descent-lab")
    settings_dir = tmp_path / "settings"
    settings_dir.mkdir()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for settings_format in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(settings_format, scope, str(settings_dir))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(settings_dir))
    yield settings_dir


@pytest.fixture(autouse=True)
def application_look_restored():
    app = QApplication.instance()
    saved = (app.font(), app.palette(), app.styleSheet()) if app is not None else None
    yield
    if saved is not None:
        app.setFont(saved[0])
        app.setPalette(saved[1])
        app.setStyleSheet(saved[2])


@pytest.fixture(autouse=True)
def no_leaked_worker_threads(request):
    """Fail the test if it leaves a worker thread running."""
    yield
    leaked = live_workers()
    for worker in leaked:
        worker.shutdown()
    if leaked:
        pytest.fail(f"{request.node.nodeid} leaked {len(leaked)} running worker thread(s)")


@pytest.fixture
def english_afterwards():
    """For tests that switch the language: translators are application-wide, so switch back."""
    yield
    i18n.set_language("en")
