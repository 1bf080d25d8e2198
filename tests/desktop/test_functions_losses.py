"""The Losses and Why-cross-entropy pages: loss and gradient curves from the engine, and the
race in which cross-entropy reaches a lower loss first."""
import numpy as np

from desktop.labs.functions.losses_page import LOSS_NAMES
from engine.functions_lab import RACE_RUNS, logit_gradients, pointwise_loss
from engine.nn import get_loss
from functions_fixtures import curve_data, lab, opened  # noqa: F401 (lab is a fixture)


def test_loss_curves_are_the_engine_losses(lab, qtbot):
    page = opened(lab, qtbot, lab.losses_page)
    for name in LOSS_NAMES:
        p, values = curve_data(page.loss_curves[name])
        _, gradients = curve_data(page.gradient_curves[name])
        expected_values, expected_gradients = pointwise_loss(get_loss(name), p, 1.0)
        np.testing.assert_array_equal(values, expected_values)
        np.testing.assert_array_equal(gradients, expected_gradients)


def test_loss_controls_change_the_curves(lab, qtbot):
    page = opened(lab, qtbot, lab.losses_page)
    page.target_spin.setValue(0)
    qtbot.waitUntil(lambda: lab.calculator.is_idle())
    p, values = curve_data(page.loss_curves["binary_cross_entropy"])
    np.testing.assert_array_equal(values, pointwise_loss(get_loss("bce"), p, 0.0)[0])
    assert page.target_lines[0].value() == 0
    page.delta_spin.setValue(0.3)
    qtbot.waitUntil(lambda: lab.calculator.is_idle())
    p, values = curve_data(page.loss_curves["huber"])
    np.testing.assert_array_equal(values, pointwise_loss(get_loss("huber", delta=0.3), p, 0.0)[0])
    page.loss_checks["mae"].setChecked(False)
    qtbot.waitUntil(lambda: lab.calculator.is_idle())
    assert not page.loss_curves["mae"].isVisible()
    page.task_combo.setCurrentIndex(1)  # regression: no cross-entropy, a target anywhere
    page.target_spin.setValue(2.5)
    qtbot.waitUntil(lambda: lab.calculator.is_idle())
    assert not page.loss_checks["binary_cross_entropy"].isEnabled()
    assert not page.loss_curves["binary_cross_entropy"].isVisible()
    p, values = curve_data(page.loss_curves["mse"])
    assert (p[0], p[-1]) == (-1.5, 6.5)
    np.testing.assert_allclose(values, (p - 2.5) ** 2)


def test_logit_gradient_curves_are_the_engine_gradients(lab, qtbot):
    page = opened(lab, qtbot, lab.cross_entropy_page)
    for run in RACE_RUNS:
        p, push = curve_data(page.gradient_curves[run])
        z = np.log(p / (1 - p))
        np.testing.assert_allclose(push, np.abs(logit_gradients(z)[run]), atol=1e-12)


def test_the_race_shows_cross_entropy_reaching_a_lower_loss_first(lab, qtbot):
    page = opened(lab, qtbot, lab.cross_entropy_page)
    page.steps_spin.setValue(60)
    page.speed_slider.setValue(200)
    with qtbot.waitSignal(lab.running_changed, timeout=2000):
        lab.run()
    assert lab.tabs.currentWidget() is page.parentWidget() and lab.is_running()
    qtbot.waitUntil(lambda: page.snapshot.finished and not lab.is_running(), timeout=10000)
    history = page.snapshot.history
    half = history["mse"]["mse"][0] / 2
    assert page.snapshot.steps_to_reach("cross_entropy", "mse", half) is not None
    assert page.snapshot.steps_to_reach("mse", "mse", half) is None  # MSE still on its plateau
    steps, mse_curve = curve_data(page.race_plot.curve("mse"))
    _, ce_curve = curve_data(page.race_plot.curve("cross_entropy"))
    assert len(steps) == 61 and ce_curve[-1] < mse_curve[-1]
    assert "step" in page.race_status.text()


def test_step_reset_and_yardstick(lab, qtbot):
    page = opened(lab, qtbot, lab.cross_entropy_page)
    lab.step()
    qtbot.waitUntil(lambda: page.snapshot.step == 1)
    page.step_button.click()
    qtbot.waitUntil(lambda: page.snapshot.step == 2)
    page.yardstick_combo.setCurrentIndex(2)  # share misclassified
    _, shown = curve_data(page.race_plot.curve("cross_entropy"))
    np.testing.assert_array_equal(shown, page.snapshot.history["cross_entropy"]["error_rate"])
    lab.reset()
    assert page.snapshot.step == 0
    page.wrongness_spin.setValue(0.0)  # a new start resets the race
    assert page.snapshot.history["mse"]["error_rate"][0] <= 0.5


def test_pause_stops_the_race(lab, qtbot):
    page = opened(lab, qtbot, lab.cross_entropy_page)
    page.speed_slider.setValue(20)
    lab.run()
    qtbot.waitUntil(lambda: page.snapshot.step >= 2, timeout=5000)
    # Wait for the worker itself to pause: reports it sent before pausing arrive before this
    # signal (same thread, queued in order), so afterwards nothing may move any more.
    with qtbot.waitSignal(page.worker.running_changed, timeout=2000):
        lab.pause()
    assert not lab.is_running()
    paused_at = page.snapshot.step
    qtbot.wait(300)
    assert page.snapshot.step == paused_at
