"""The vanishing/exploding page: each control reaches the engine's configuration and changes the
views; run, pause, step and reset; the comparison mode; the lab as a whole (language,
presentation mode, --steps, the command-line screenshot)."""
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from desktop import i18n
from desktop.labs.gradients.texts import scientific
from desktop.theme import make_style
from engine.gradient_flow import FlowConfig, comparison_preset
from gradients_fixtures import lab, settle  # noqa: F401 (lab is a fixture)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def flow(lab):
    lab.tabs.setCurrentWidget(lab.flow_page)
    return lab.flow_page


def shown(flow, index=0):
    return flow.views[index].snapshot


CONTROL_CHANGES = [
    ("task", lambda c: c.task.setCurrentIndex(c.task.findData("xor")), dict(task="xor")),
    ("depth", lambda c: c.depth.setValue(6), dict(depth=6)),
    ("width", lambda c: c.width.setValue(16), dict(width=16)),
    ("activation", lambda c: c.activation.setCurrentIndex(c.activation.findData("elu")), dict(activation="elu")),
    ("init", lambda c: c.init.setCurrentIndex(c.init.findData("he")), dict(init="he")),
    ("batch_norm", lambda c: c.batch_norm.setChecked(True), dict(batch_norm=True)),
    ("residual", lambda c: c.residual.setChecked(True), dict(residual=True)),
    ("clip", lambda c: c.clip.setChecked(True), dict(clip_norm=1.0)),
    ("pretrain", lambda c: c.pretrain.setChecked(True), dict(pretrain=True)),
    ("learning_rate", lambda c: c.learning_rate.setValue(0.5), dict(learning_rate=0.5)),
    ("batch_size", lambda c: c.batch_size.setValue(32), dict(batch_size=32)),
]


@pytest.mark.parametrize("name, change, expected", CONTROL_CHANGES, ids=[c[0] for c in CONTROL_CHANGES])
def test_each_control_reaches_the_engine_and_the_views(flow, qtbot, name, change, expected):
    change(flow.controls)
    settle(flow, qtbot)
    config = shown(flow).config
    assert config == FlowConfig().changed(**expected)
    assert flow.views[0].config == config
    assert flow.views[0].gradients.row_count() == config.depth
    assert flow.views[0].activations.row_count() == config.depth - 1


def test_depth_and_activation_change_the_histogram_rows_and_axes(flow, qtbot):
    controls = flow.controls
    controls.depth.setValue(5)
    settle(flow, qtbot)
    view = flow.views[0]
    assert view.gradients.row_count() == 5
    assert view._activation_log is False  # sigmoid: the value axis from 0 to 1
    controls.activation.setCurrentIndex(controls.activation.findData("relu"))
    settle(flow, qtbot)
    assert view._activation_log is True
    np.testing.assert_array_equal(view.activations.counts(), shown(flow).activation_counts)
    np.testing.assert_array_equal(view.gradients.counts(), shown(flow).grad_log10_counts)


def test_the_ratio_readout_shows_first_over_last(flow):
    snapshot = shown(flow)
    ratio = snapshot.grad_norms[0] / snapshot.grad_norms[-1]
    text = flow.views[0].ratio.text()
    assert scientific(ratio) in text
    assert "vanishing" in text  # sigmoid + Xavier at depth 10


def test_run_delivers_frames_pause_stops_them_step_adds_exactly_one(flow, lab, qtbot):
    with qtbot.waitSignal(lab.running_changed, timeout=5000):
        flow.controls.run_button.click()
    qtbot.waitUntil(lambda: shown(flow).step > 3, timeout=20000)
    with qtbot.waitSignal(lab.running_changed, timeout=5000) as stopped:
        flow.controls.run_button.click()
    assert stopped.args == [False] and not lab.is_running()
    qtbot.wait(100)
    paused_at = shown(flow).step
    qtbot.wait(300)
    assert shown(flow).step == paused_at
    curve_points = len(flow.views[0].norms.data()[0])
    assert curve_points == paused_at  # one point per training step
    flow.controls.step_button.click()
    qtbot.waitUntil(lambda: shown(flow).step == paused_at + 1, timeout=10000)
    assert len(flow.views[0].norms.data()[0]) == paused_at + 1
    flow.controls.reset_button.click()
    settle(flow, qtbot)
    assert shown(flow).step == 0 and len(flow.views[0].norms.data()[0]) == 0


def test_changing_a_setting_while_running_keeps_running_the_new_network(flow, lab, qtbot):
    lab.run()
    qtbot.waitUntil(lambda: shown(flow).step > 0, timeout=20000)
    flow.controls.width.setValue(32)
    qtbot.waitUntil(lambda: flow.up_to_date() and shown(flow).config.width == 32 and shown(flow).step > 0,
                    timeout=20000)
    assert lab.is_running()
    lab.pause()


def test_the_one_click_comparison_shows_two_runs_side_by_side(flow, qtbot):
    assert not flow.views[1].isVisible()
    flow.controls.preset.click()
    settle(flow, qtbot)
    naive, modern = comparison_preset(FlowConfig())
    assert [shown(flow, i).config for i in (0, 1)] == [naive, modern]
    assert flow.views[1].isVisible() and flow.controls.compare.isChecked()
    assert flow.views[0].title.text().startswith("A:") and flow.views[1].title.text().startswith("B:")
    # The point of it: A's gradients vanish toward the input, B's stay within the balanced band.
    assert shown(flow, 0).ratio < 1e-6 and 1e-2 < shown(flow, 1).ratio < 1e2
    assert "vanishing" in flow.views[0].ratio.text() and "balanced" in flow.views[1].ratio.text()
    # Editing B leaves A alone.
    flow.controls.side_b.click()
    assert flow.controls.batch_norm.isChecked()  # the controls show B's settings
    flow.controls.width.setValue(32)
    settle(flow, qtbot)
    assert shown(flow, 0).config == naive and shown(flow, 1).config == modern.changed(width=32)
    # Stepping advances both in lockstep.
    flow.step()
    qtbot.waitUntil(lambda: shown(flow, 0).step == 1 and shown(flow, 1).step == 1, timeout=10000)
    flow.controls.compare.setChecked(False)
    settle(flow, qtbot)
    assert not flow.views[1].isVisible() and len(flow.configs) == 1


def test_comparison_without_the_preset_starts_b_as_a_copy_of_a(flow, qtbot):
    flow.controls.compare.setChecked(True)
    settle(flow, qtbot)
    assert shown(flow, 0).config == shown(flow, 1).config == FlowConfig()
    np.testing.assert_array_equal(shown(flow, 0).grad_norms, shown(flow, 1).grad_norms)


def test_residual_needs_depth_three(flow, qtbot):
    flow.controls.depth.setValue(2)
    settle(flow, qtbot)
    assert not flow.controls.residual.isEnabled()
    assert "depth 3" in flow.controls.residual.toolTip()


def test_pretraining_status_is_shown(flow, qtbot):
    controls = flow.controls
    controls.depth.setValue(3)
    controls.pretrain.setChecked(True)
    settle(flow, qtbot)
    assert shown(flow).phase == "pretraining"
    assert "Pretraining hidden layer 1 of 2" in flow.views[0].status.text()


def test_divergence_is_reported_in_the_view(flow, lab, qtbot):
    controls = flow.controls
    controls.task.setCurrentIndex(controls.task.findData("spiral"))
    controls.activation.setCurrentIndex(controls.activation.findData("relu"))
    controls.init.setCurrentIndex(controls.init.findData("normal"))
    controls.learning_rate.setValue(1.0)
    settle(flow, qtbot)
    lab.run()
    qtbot.waitUntil(lambda: shown(flow).evaluation.status == "diverged", timeout=20000)
    qtbot.waitUntil(lambda: not lab.is_running(), timeout=5000)
    qtbot.waitUntil(lambda: "diverged" in flow.views[0].status.text(), timeout=5000)
    assert flow.views[0].status.property("role") == "error"


def test_advance_trains_the_deep_network_and_settles(lab, qtbot):
    with qtbot.waitSignal(lab.settled, timeout=20000):
        lab.advance(12)
    assert lab.tabs.currentWidget() is lab.flow_page
    assert shown(lab.flow_page).step == 12
    with qtbot.waitSignal(lab.settled, timeout=5000):
        lab.advance(0)


def test_language_switch_changes_visible_text(lab, flow, qtbot, english_afterwards):
    assert lab.tabs.tabText(1) == "Vanishing and exploding gradients"
    i18n.set_language("zh_CN")
    qtbot.waitUntil(lambda: lab.tabs.tabText(1) == "梯度消失与梯度爆炸")
    assert flow.controls.batch_norm.text() == "批归一化"
    assert lab.backprop_page.forward_button.text() == "前向"
    assert flow.views[0].captions["gradients"].text() == "各层的梯度 |∂L/∂W|"
    assert "准确率" in flow.views[0].status.text()
    i18n.set_language("en")
    qtbot.waitUntil(lambda: lab.tabs.tabText(1) == "Vanishing and exploding gradients")


def test_presentation_mode_thickens_lines_and_fits_the_graph(lab, flow, qtbot):
    style = make_style("dark", presentation=True)
    lab.apply_style(style)
    view = flow.views[0]
    norm_pen = view.norms.pens()[0]
    assert norm_pen.widthF() == style.line_width / 2 == make_style().line_width
    assert view.norms.backgroundBrush().color().name() == style.palette.background
    lab.resize(900, 700)
    lab.tabs.setCurrentWidget(lab.backprop_page)
    qtbot.waitUntil(lambda: lab.backprop_page.graph_view.scale_factor() < 1, timeout=5000)


def test_screenshot_from_the_command_line(tmp_path):
    image = tmp_path / "gradients.png"
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--lab", "gradients", "--steps", "10",
         "--screenshot", str(image), "--size", "1280x800", "--seed", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=180,
    )
    assert result.returncode == 0, result.stderr
    assert image.stat().st_size > 10_000
