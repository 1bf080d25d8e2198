"""The main window: labs as pages, shortcuts to the lab hooks, language, theme, presentation mode,
full screen, files and remembered settings."""
import sys
import time

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QFont, QImage, QPalette
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from desktop import i18n
from desktop.main_window import LAB_KEY, LANGUAGE_KEY, PRESENTATION_KEY, THEME_KEY, MainWindow
from desktop.theme import PRESENTATION_FONT_SCALE
from desktop.worker import live_workers
from lab_for_tests import CounterLab


class OtherLab(CounterLab):
    lab_id = "test-other"
    order = 2

    @classmethod
    def title(cls):
        return QCoreApplication.translate("OtherLab", "Other")


@pytest.fixture
def make_window(qtbot, english_afterwards):
    windows = []

    def make(labs=(CounterLab, OtherLab), **options):
        window = MainWindow(labs, seed=5, **options)
        qtbot.addWidget(window)
        window.resize(900, 600)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        window.show_lab(labs[0].lab_id)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


@pytest.fixture
def window(make_window):
    return make_window()


def focus(qtbot, window):
    """Keyboard shortcuts need the window to be active."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)


def test_labs_are_pages_created_when_first_opened(window):
    assert window.lab_ids() == ["test-counter", "test-other"]
    counter = window.current_lab()
    assert isinstance(counter, CounterLab) and counter.seed == 5
    assert "test-other" not in window._labs
    other = window.show_lab("test-other")
    assert window.current_lab() is other and type(other) is OtherLab
    assert other.calls[0] == "retranslate" and "apply_style" in other.calls
    assert window.windowTitle().startswith("Other")


def test_the_shown_lab_sets_how_often_the_interpreter_lock_changes_hands(make_window):
    class EagerLab(OtherLab):
        gil_switch_seconds = 0.002

    before = sys.getswitchinterval()
    try:
        window = make_window(labs=(CounterLab, EagerLab))
        assert sys.getswitchinterval() == pytest.approx(CounterLab.gil_switch_seconds)
        window.show_lab("test-other")
        assert sys.getswitchinterval() == pytest.approx(0.002)
    finally:
        sys.setswitchinterval(before)


def test_space_runs_and_pauses_the_lab_and_the_menu_follows(qtbot, window):
    lab = window.current_lab()
    focus(qtbot, window)
    with qtbot.waitSignal(lab.running_changed, timeout=2000):
        qtbot.keyClick(window, Qt.Key.Key_Space)
    assert lab.calls[-1] == "run" and lab.is_running()
    assert window.run_action.text() == "&Pause"
    with qtbot.waitSignal(lab.running_changed, timeout=2000):
        qtbot.keyClick(window, Qt.Key.Key_Space)
    assert lab.calls[-1] == "pause" and not lab.is_running()
    assert window.run_action.text() == "&Run"


@pytest.mark.parametrize("key, hook", [
    (Qt.Key.Key_Right, "step"), (Qt.Key.Key_S, "step"), (Qt.Key.Key_R, "reset"),
])
def test_keys_call_the_lab_hooks(qtbot, window, key, hook):
    lab = window.current_lab()
    focus(qtbot, window)
    qtbot.keyClick(window, key)
    assert lab.calls[-1] == hook


def test_step_shows_one_more(qtbot, window):
    lab = window.current_lab()
    with qtbot.waitSignal(lab.worker.report, timeout=2000):
        window.step_action.trigger()
    assert lab.value.text() == "1"


def test_language_switch_translates_the_menus_and_back(window):
    assert window.file_menu.title() == "&File"
    window.language_actions["zh_CN"].trigger()
    QApplication.processEvents()  # LanguageChange is delivered as an event
    assert i18n.current_language() == "zh_CN"
    assert window.file_menu.title() == "文件(&F)"
    assert window.lab_menu.title() == "实验(&L)"
    assert window.windowTitle().endswith("梯度下降实验室")
    assert window.current_lab().calls.count("retranslate") >= 2  # the lab was told as well
    window.language_actions["en"].trigger()
    QApplication.processEvents()
    assert window.file_menu.title() == "&File"
    assert window.language_actions["zh_CN"].text() == "中文"  # never translated


def test_presentation_mode_enlarges_fonts_and_restyles_the_labs(window):
    normal_size = QFont().pointSizeF()
    menu_size = window.menuBar().font().pointSizeF()
    window.presentation_action.trigger()
    assert window.view_style.presentation
    assert QFont().pointSizeF() == pytest.approx(normal_size * PRESENTATION_FONT_SCALE)
    assert window.menuBar().font().pointSizeF() >= 1.6 * menu_size
    assert window.current_lab().style.presentation
    assert window.current_lab().value.font().pointSizeF() >= 1.6 * 48
    window.presentation_action.trigger()
    assert QFont().pointSizeF() == pytest.approx(normal_size)
    assert not window.current_lab().style.presentation


def test_dark_theme_darkens_the_window_and_the_labs(window):
    window.theme_actions["dark"].trigger()
    assert window.current_lab().style.dark
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 80
    window.theme_actions["light"].trigger()
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() > 200


def test_f11_toggles_full_screen(qtbot, window):
    focus(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F11)
    qtbot.waitUntil(window.isFullScreen, timeout=2000)
    assert window.full_screen_action.isChecked()
    qtbot.keyClick(window, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: not window.isFullScreen(), timeout=2000)
    assert not window.full_screen_action.isChecked()


def test_view_choices_and_the_last_lab_are_remembered(window):
    window.show_lab("test-other")
    window.theme_actions["dark"].trigger()
    window.presentation_action.trigger()
    window.language_actions["zh_CN"].trigger()
    settings = QSettings()
    assert settings.value(LAB_KEY) == "test-other"
    assert settings.value(THEME_KEY) == "dark"
    assert settings.value(PRESENTATION_KEY) in (True, "true")
    assert settings.value(LANGUAGE_KEY) == "zh_CN"


def test_settings_live_in_the_temporary_folder(window, temporary_settings):
    window.theme_actions["dark"].trigger()
    assert QSettings().fileName().startswith(str(temporary_settings))


def test_a_figure_window_changes_no_settings(make_window):
    window = make_window(remember=False)
    window.theme_actions["dark"].trigger()
    window.close()
    assert QSettings().allKeys() == []


def test_save_and_open_go_to_the_lab(qtbot, window, tmp_path, monkeypatch):
    lab = window.current_lab()
    with qtbot.waitSignal(lab.worker.report, timeout=2000):
        lab.step()
    path = str(tmp_path / "one.count")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (path, ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (path, ""))
    window.save_action.trigger()
    assert lab.calls[-1] == f"save {path}"
    assert path in window.statusBar().currentMessage()
    lab.reset()
    window.open_action.trigger()
    assert lab.calls[-1] == f"open {path}" and lab.value.text() == "1"


def test_a_bad_file_is_refused_with_a_message(window, tmp_path, monkeypatch):
    bad = tmp_path / "bad.count"
    bad.write_text("not a number")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(bad), ""))
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args))
    window.open_action.trigger()
    assert warnings and "Not a count file" in warnings[0][2]


def test_save_and_open_are_disabled_for_a_lab_without_files(make_window):
    class Fileless(CounterLab):
        lab_id = "test-fileless"

        def file_filter(self):
            return ""

    window = make_window(labs=[Fileless, CounterLab])
    assert not window.save_action.isEnabled() and not window.open_action.isEnabled()


def test_screenshot_from_the_menu_is_an_image_of_the_window(window, tmp_path, monkeypatch):
    folder = tmp_path / "shots"
    folder.mkdir()
    path = folder / "window.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(path), ""))
    window.screenshot_action.trigger()
    image = QImage(str(path))
    assert (image.width(), image.height()) == (window.width(), window.height())
    assert [p.name for p in folder.iterdir()] == ["window.png"]  # no temporary file left


def test_lab_status_messages_reach_the_status_bar(window):
    window.current_lab().status_message.emit("diverged at epoch 3")
    assert window.statusBar().currentMessage() == "diverged at epoch 3"


def test_closing_during_training_stops_the_worker_within_a_second(qtbot, window):
    lab = window.current_lab()
    with qtbot.waitSignal(lab.running_changed, timeout=2000):
        lab.run()
    started = time.perf_counter()
    window.close()
    assert time.perf_counter() - started < 1.0
    assert lab.worker not in live_workers()
