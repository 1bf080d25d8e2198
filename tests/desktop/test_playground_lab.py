"""The Playground lab as a whole: run, pause, step, reset, divergence, engine errors, language,
presentation mode, and the command-line screenshot."""
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from desktop import i18n
from desktop.labs.base import LabFileError
from desktop.theme import make_style
from desktop.worker import live_workers
from playground_fixtures import choose, lab, settle  # noqa: F401 (lab is a fixture)

ROOT = Path(__file__).resolve().parents[2]


def test_run_sends_frames_and_pause_stops_them(lab, qtbot):
    frames = []
    lab.worker.report.connect(frames.append)
    with qtbot.waitSignal(lab.running_changed, timeout=5000) as started:
        lab.run()
    assert started.args == [True] and lab.is_running()
    qtbot.waitUntil(lambda: len(frames) >= 3, timeout=10000)
    assert frames[-1].snapshot.epoch > frames[0].snapshot.epoch
    with qtbot.waitSignal(lab.running_changed, timeout=5000) as stopped:
        lab.pause()
    assert stopped.args == [False] and not lab.is_running()
    qtbot.wait(50)
    count = len(frames)
    qtbot.wait(300)
    assert len(frames) == count
    assert lab.toolbar.epoch.text() == f"{lab.frame.snapshot.epoch:07,d}"


def test_step_trains_exactly_one_epoch(lab, qtbot):
    lab.step()
    settle(lab, qtbot)
    assert lab.frame.snapshot.epoch == 1 and lab.frame.snapshot.step == 25
    lab.step()
    lab.step()
    settle(lab, qtbot)
    assert lab.frame.snapshot.epoch == 3
    assert lab.toolbar.epoch.text() == "000,003"


def test_advance_keeps_the_whole_history_on_the_chart(lab, qtbot):
    with qtbot.waitSignal(lab.settled, timeout=20000):
        lab.advance(120)
    assert lab.frame.snapshot.epoch == 120
    x, _ = lab.output.loss_plot.curve("test").getData()
    assert len(lab.output.loss_plot.series("test")) == 120
    assert x[0] == 1 and x[-1] == 120
    np.testing.assert_array_equal(lab.output.loss_plot.series("train").x.values, np.arange(1, 121))


def test_reset_to_the_same_weights_and_to_new_ones(lab, qtbot):
    initial = [w.copy() for w in lab.frame.weights]
    with qtbot.waitSignal(lab.settled, timeout=10000):
        lab.advance(5)
    assert not np.array_equal(lab.frame.weights[0], initial[0])
    lab.reset()
    settle(lab, qtbot)
    assert lab.frame.snapshot.epoch == 0
    for now, before in zip(lab.frame.weights, initial):
        np.testing.assert_array_equal(now, before)
    assert len(lab.output.loss_plot.series("test")) == 0
    lab.toolbar.reset_new.trigger()
    settle(lab, qtbot)
    assert lab.config.weight_seed == 2
    assert lab.settings_view.weight_seed.text() == "Weights seed 2"
    assert not np.array_equal(lab.frame.weights[0], initial[0])


def test_a_structural_change_pauses_like_tensorflow_playground(lab, qtbot):
    with qtbot.waitSignal(lab.running_changed, timeout=5000):
        lab.run()
    with qtbot.waitSignal(lab.running_changed, timeout=5000) as stopped:
        lab.data_view.noise.setValue(10)
    assert stopped.args == [False]
    settle(lab, qtbot)
    assert lab.frame.snapshot.epoch == 0 and lab.frame.config.noise == 10


def test_divergence_pauses_and_says_what_to_do(lab, qtbot):
    choose(lab.toolbar.problem, "regression")
    choose(lab.toolbar.learning_rate, 10.0)
    settle(lab, qtbot)
    with qtbot.waitSignal(lab.running_changed, timeout=5000):
        lab.run()
    qtbot.waitUntil(lambda: not lab.is_running(), timeout=20000)
    qtbot.waitUntil(lambda: "Diverged" in lab.message_text(), timeout=5000)
    epoch = lab.frame.snapshot.epoch
    assert lab.message_text() == f"Diverged at epoch {epoch} — lower the learning rate or reset."
    assert lab.message_reset.isVisible()
    lab.run()  # refused: the weights are NaN; the message stays
    qtbot.wait(100)
    assert not lab.is_running()
    qtbot.mouseClick(lab.message_reset, Qt.MouseButton.LeftButton)
    settle(lab, qtbot)
    assert lab.message_text() == "" and lab.frame.snapshot.status == "ready"


def test_an_engine_error_is_shown_and_the_worker_survives(lab, qtbot):
    with qtbot.waitSignal(lab.worker.failed, timeout=5000):
        lab._edit_weight(7, 0, 0, 1.0)  # no such stage: the session raises on the worker
    assert "The training stopped with an error" in lab.message_text()
    assert "ValueError" in lab.message_text()
    lab.step()
    settle(lab, qtbot)
    assert lab.frame.snapshot.epoch == 1


def test_language_switch_changes_visible_text(lab, qtbot, english_afterwards):
    assert lab.toolbar.captions[lab.toolbar.learning_rate].text() == "Learning rate"
    i18n.set_language("zh_CN")
    qtbot.waitUntil(lambda: lab.toolbar.captions[lab.toolbar.learning_rate].text() == "学习率")
    assert lab.side_tabs.tabText(0) == "数据"
    assert lab.network._layers_label.text() == "2 个隐藏层"
    assert lab.output.show_test.text() == "显示测试数据"
    assert lab.data_view.noise_label.text() == "噪声：0"
    assert lab.toolbar.problem.currentText() == "分类"
    assert lab.output.test_loss.text().endswith(f"测试损失 {lab.frame.snapshot.val_loss:.3f}")
    i18n.set_language("en")
    qtbot.waitUntil(lambda: lab.side_tabs.tabText(0) == "Data")


def test_presentation_mode_enlarges_what_the_lab_draws(lab, qtbot):
    normal = make_style("light", presentation=False)
    big = make_style("light", presentation=True)
    lab.apply_style(normal)
    run_button = lab.toolbar.run_button.minimumWidth()
    curve = lab.output.loss_plot.curve("test").opts["pen"].widthF()
    thumbnail = lab.data_view.dataset_buttons["circle"].iconSize().width()
    lab.apply_style(big)
    assert lab.toolbar.run_button.minimumWidth() >= 1.6 * run_button
    assert lab.output.loss_plot.curve("test").opts["pen"].widthF() >= 1.6 * curve
    assert lab.data_view.dataset_buttons["circle"].iconSize().width() > thumbnail
    assert lab.network._scale == big.font_scale
    lab.apply_style(make_style("dark", presentation=True))
    assert lab.output.map._background.name() == "#000000"


def test_settings_are_saved_and_opened(lab, qtbot, tmp_path):
    choose(lab.toolbar.activation, "relu")
    lab.data_view.noise.setValue(15)
    path = tmp_path / "lesson.json"
    lab.save(str(path))
    lab.data_view.noise.setValue(0)
    choose(lab.toolbar.activation, "tanh")
    lab.open(str(path))
    settle(lab, qtbot)
    assert (lab.config.activation, lab.config.noise) == ("relu", 15)
    assert lab.frame.config == lab.config
    assert lab.data_view.noise.value() == 15
    bad = tmp_path / "bad.json"
    bad.write_text('{"descent_lab": "playground", "settings": {"noise": 99}}', encoding="utf-8")
    with pytest.raises(LabFileError, match="0 to 50"):
        lab.open(str(bad))
    bad.write_text("not json", encoding="utf-8")
    with pytest.raises(LabFileError, match="cannot be opened"):
        lab.open(str(bad))
    assert lab.config.noise == 15


def test_closing_during_training_stops_the_worker(lab, qtbot):
    with qtbot.waitSignal(lab.running_changed, timeout=5000):
        lab.run()
    lab.shutdown()
    assert not lab.worker.thread_running()
    assert lab.worker not in live_workers()


def test_screenshot_from_the_command_line(tmp_path):
    image = tmp_path / "playground.png"
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--lab", "playground", "--steps", "20",
         "--size", "1200x800", "--seed", "3", "--screenshot", str(image)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    picture = QImage(str(image))
    assert (picture.width(), picture.height()) == (1200, 800)
    colors = {picture.pixel(x, y) for x in range(0, 1200, 37) for y in range(0, 800, 23)}
    assert len(colors) > 20  # a real window, not a blank one
