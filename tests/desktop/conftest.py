"""Shared fixtures for the desktop tests.

* Every test runs with QSettings in a temporary directory, never the user's own settings.
* A test that leaves a worker thread running fails (and the thread is shut down, so that one leak
  does not cascade into the following tests).
"""
import pytest
from PySide6.QtCore import QSettings

from desktop.worker import live_workers


@pytest.fixture(autouse=True)
def temporary_settings(tmp_path, monkeypatch):
    """Point QSettings (INI format) at a per-test directory."""
    settings_dir = tmp_path / "settings"
    settings_dir.mkdir()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for settings_format in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(settings_format, scope, str(settings_dir))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(settings_dir))
    yield settings_dir


@pytest.fixture(autouse=True)
def no_leaked_worker_threads(request):
    """Fail the test if it leaves a worker thread running."""
    yield
    leaked = live_workers()
    for worker in leaked:
        worker.shutdown()
    if leaked:
        pytest.fail(f"{request.node.nodeid} leaked {len(leaked)} running worker thread(s)")
