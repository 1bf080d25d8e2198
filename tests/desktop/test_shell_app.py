"""The command line: figures via --screenshot, remembered settings, and clear refusals."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage

from desktop import app
from desktop.labs import base
from desktop.main_window import LAB_KEY, LANGUAGE_KEY, THEME_KEY
from lab_for_tests import CounterLab

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def only_the_test_lab(monkeypatch):
    """The command line sees exactly one lab: the test lab."""
    monkeypatch.setattr(base, "_registry", {CounterLab.lab_id: CounterLab})
    monkeypatch.setattr(base, "discover_labs", lambda: [])


def test_screenshot_saves_an_image_of_the_requested_size_and_exits_0(
    qapp, tmp_path, english_afterwards
):
    shots = tmp_path / "shots"
    shots.mkdir()
    target = shots / "figure.png"
    status = app.main([
        "--lab", "test-counter", "--steps", "25", "--screenshot", str(target),
        "--size", "900x600", "--presentation", "--lang", "zh_CN", "--seed", "7",
        "--theme", "dark",
    ])
    assert status == 0
    image = QImage(str(target))
    assert (image.width(), image.height()) == (900, 600)
    assert [path.name for path in shots.iterdir()] == ["figure.png"]  # no half-written leftovers
    assert QSettings().allKeys() == []  # a figure run changes none of the user's settings


def test_the_screenshot_waits_until_the_lab_has_advanced(qapp, tmp_path, monkeypatch):
    seen = []
    monkeypatch.setattr(
        "desktop.main_window.MainWindow.save_screenshot",
        lambda window, path: seen.append(window.current_lab().value.text()),
    )
    assert app.main(["--lab", "test-counter", "--steps", "300", "--screenshot",
                     str(tmp_path / "x.png")]) == 0
    assert seen == ["300"]


def test_remembered_view_settings_and_lab_are_used(qapp, english_afterwards):
    settings = QSettings()
    settings.setValue(THEME_KEY, "dark")
    settings.setValue(LANGUAGE_KEY, "zh_CN")
    settings.setValue(LAB_KEY, "test-counter")
    _, window, lab, _ = app.open_window(app.build_parser("").parse_args([]))
    try:
        assert window.view_style.dark
        assert window.file_menu.title() == "文件(&F)"
        assert isinstance(lab, CounterLab)
    finally:
        window.close()


def test_flags_win_over_remembered_settings(qapp):
    QSettings().setValue(THEME_KEY, "dark")
    _, window, _, _ = app.open_window(app.build_parser("").parse_args(["--theme", "light"]))
    try:
        assert not window.view_style.dark
    finally:
        window.close()


@pytest.mark.parametrize("flags, message", [
    (["--lab", "nope"], "unknown lab 'nope'; available labs: "),
    (["--size", "1600by1000"], "not a size; write WIDTHxHEIGHT"),
    (["--size", "20x20"], "out of range"),
    (["--steps", "-3"], "negative"),
    (["--steps", "many"], "not a whole number"),
    (["--seed", "4294967296"], "too large"),
    (["--lang", "fr"], "invalid choice: 'fr'"),
    (["--theme", "sepia"], "invalid choice: 'sepia'"),
    (["--screenshot", "/no/such/folder/x.png"], "does not exist"),
    (["--screenshot", "figure.gif"], "no image extension"),
    (["--frobnicate"], "unrecognized arguments"),
])
def test_bad_flags_exit_non_zero_with_a_message(capsys, flags, message):
    assert app.main(flags) == 2
    assert message in capsys.readouterr().err


def test_an_unwritable_screenshot_folder_is_refused(tmp_path, capsys, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    real_access = os.access  # root may write anywhere, so make the folder read-only for everyone
    monkeypatch.setattr(os, "access", lambda path, mode: path != locked and real_access(path, mode))
    assert app.main(["--screenshot", str(locked / "x.png")]) == 2
    assert "permission denied" in capsys.readouterr().err


def test_python_m_desktop_answers_help_and_refuses_bad_flags():
    run = [sys.executable, "-m", "desktop"]
    shown = subprocess.run([*run, "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0 and "--screenshot FILE" in shown.stdout
    refused = subprocess.run([*run, "--size", "huge"], cwd=ROOT, capture_output=True, text=True,
                             timeout=60)
    assert refused.returncode == 2 and "not a size" in refused.stderr


def test_help_lists_the_labs_and_what_a_step_is(capsys):
    assert app.main(["--help"]) == 0
    assert "test-counter   count" in capsys.readouterr().out


def test_a_lab_that_fails_to_load_is_reported(qapp, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(base, "_lab_modules", lambda: ["broken"])
    monkeypatch.setattr(base, "discover_labs", lambda: ["broken: ImportError: no module x"])
    status = app.main(["--lab", "broken", "--screenshot", str(tmp_path / "x.png")])
    assert status == 1
    error = capsys.readouterr().err
    assert "broken: ImportError: no module x" in error and "'broken' failed to load" in error


def test_the_window_geometry_is_remembered(qapp, qtbot):
    args = app.build_parser("").parse_args([])
    _, window, _, _ = app.open_window(args)
    window.resize(700, 520)
    qtbot.waitUntil(lambda: window.size().width() == 700, timeout=2000)
    window.close()
    _, window, _, _ = app.open_window(args)
    try:
        assert (window.width(), window.height()) == (700, 520)
    finally:
        window.close()
