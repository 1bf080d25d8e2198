"""The Optimization lab's other pages: the learning-rate sweep, moving averages and a real
network's landscape, each driven through its controls, with progress, cancelling and refusals."""
import numpy as np
import pytest

from desktop.labs.optimizers import OptimizersLab
from desktop.labs.optimizers.network_page import RESOLUTION
from desktop.theme import make_style
from engine.landscape.moving_average_demo import effective_window
from engine.optim.ewma import ewma

pytestmark = pytest.mark.gl


@pytest.fixture
def lab(qtbot):
    lab = OptimizersLab(seed=4)
    qtbot.addWidget(lab)
    lab.apply_style(make_style())
    lab.resize(1400, 900)
    lab.show()
    qtbot.waitUntil(lambda: lab.race_page.frame is not None and lab.race_page.is_idle(), timeout=10000)
    yield lab
    lab.shutdown()


# ----- learning-rate sweep ------------------------------------------------------------------------


def test_the_sweep_runs_on_the_race_surface_and_marks_divergence(lab, qtbot):
    page = lab.sweep_page
    lab.tabs.setCurrentWidget(page)
    assert page.setup == lab.race_page.setup  # it follows the race
    page.low_spin.setValue(-3)
    page.high_spin.setValue(1)
    page.steps_spin.setValue(20)
    page.job.start_button.click()
    qtbot.waitUntil(lambda: page.result is not None, timeout=20000)
    result = page.result
    assert result.method == "gd" and result.steps == 20
    assert result.rates[0] == pytest.approx(1e-3) and result.rates[-1] == pytest.approx(10.0)
    # The default ellipse has curvature 2 along x: gradient descent diverges above lr = 1.
    np.testing.assert_array_equal(result.diverged, result.rates > 1.0)
    np.testing.assert_allclose(page.diverged_marks.xData, result.rates[result.diverged])  # data, not log10
    np.testing.assert_allclose(page.curve.xData, result.rates[~result.diverged])
    assert "Diverged from lr" in page.summary.text()
    assert page.job.progress.value() == page.job.progress.maximum()
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=5000)
    assert page.job.start_button.isEnabled() and not page.job.cancel_button.isEnabled()


def test_the_sweep_follows_a_new_race_surface(lab, qtbot):
    race = lab.race_page
    race.surface_combo.setCurrentIndex(race.surface_combo.findData("bowl"))
    qtbot.waitUntil(race.is_idle, timeout=10000)
    assert lab.sweep_page.setup.surface == "bowl"
    assert "bowl" in lab.sweep_page.context_label.text().lower()


def test_an_empty_rate_range_is_refused_with_a_message(lab, qtbot):
    page = lab.sweep_page
    page.low_spin.setValue(1)
    page.high_spin.setValue(1)
    page.job.start_button.click()
    assert "below the largest" in page.job.error_label.text()
    assert not page.is_busy() and page.result is None


def test_a_sweep_can_be_cancelled(lab, qtbot):
    page = lab.sweep_page
    page.steps_spin.setValue(2000)
    with qtbot.waitSignal(page.worker.running_changed, timeout=5000):
        page.job.start_button.click()
    assert page.is_busy()
    page.job.cancel_button.click()
    assert not page.is_busy() and page.job.start_button.isEnabled()
    qtbot.wait(200)
    assert page.result is None


# ----- moving averages ----------------------------------------------------------------------------


def test_the_averages_are_the_engines_and_follow_the_controls(lab, qtbot):
    page = lab.averages_page
    page.beta_spins[1].setValue(0.8)
    _, corrected = page.corrected_curves[1].getData()
    _, uncorrected = page.uncorrected_curves[1].getData()
    np.testing.assert_allclose(corrected, ewma(page.temperatures, 0.8, bias_correction=True))
    np.testing.assert_allclose(uncorrected, ewma(page.temperatures, 0.8))
    assert corrected[0] == pytest.approx(page.temperatures[0])  # unbiased from day 1
    assert uncorrected[0] == pytest.approx(0.2 * page.temperatures[0])  # starts too low
    assert f"{effective_window(0.8):.3g}" in page.windows_label.text()
    _, weights = page.weight_curves[1].getData()
    assert weights[0] == pytest.approx(0.2) and weights[1] == pytest.approx(0.16)
    page.uncorrected_check.setChecked(False)
    assert not any(curve.isVisible() for curve in page.uncorrected_curves)
    before = page.temperatures.copy()
    page.new_year_button.click()
    assert not np.allclose(before, page.temperatures)
    page.zoom_check.setChecked(True)
    (x_low, x_high), _ = page.series_plot.viewRange()
    assert x_high < 70


# ----- a real network's landscape -----------------------------------------------------------------


def test_the_landscape_is_computed_in_the_worker_with_progress(lab, qtbot):
    page = lab.network_page
    lab.tabs.setCurrentWidget(page)
    page.layers_edit.setText("4")
    page.epochs_spin.setValue(4)
    stages = []
    page.worker.report.connect(lambda item: stages.append(getattr(item, "stage", None)))
    page.job.start_button.click()
    qtbot.waitUntil(lambda: page.landscape is not None, timeout=60000)
    assert {"training", "random directions", "trajectory plane"} <= set(stages)
    landscape = page.landscape
    assert landscape.random_slice.loss.shape == (RESOLUTION, RESOLUTION)
    assert landscape.random_slice.loss[RESOLUTION // 2, RESOLUTION // 2] == pytest.approx(landscape.random_slice.centre_loss)
    assert len(landscape.projection.coordinates) == 5
    np.testing.assert_array_equal(landscape.projection.coordinates[-1], [0.0, 0.0])
    np.testing.assert_allclose(page.trajectory_map.path_data("trajectory"), landscape.projection.coordinates)
    assert "%" in page.trajectory_map.getAxis("bottom").labelText
    assert page.view3d.surface_item.visible()
    assert page.stage_label.text() == "Done."
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=5000)


def test_the_landscape_can_be_cancelled(lab, qtbot):
    page = lab.network_page
    page.epochs_spin.setValue(500)
    with qtbot.waitSignal(page.worker.running_changed, timeout=5000):
        page.job.start_button.click()
    assert page.is_busy()
    page.job.cancel_button.click()
    assert not page.is_busy() and page.job.start_button.isEnabled()
    assert page.stage_label.text() == "Cancelled."
    qtbot.wait(200)
    assert page.landscape is None


@pytest.mark.parametrize(("text", "message"), [("8, x", "whole numbers"), ("9", "At most"), ("8,8,8,8,8,8,8", "At most")])
def test_bad_hidden_layers_are_refused_with_a_message(lab, qtbot, text, message):
    page = lab.network_page
    page.layers_edit.setText(text)
    page.job.start_button.click()
    assert message in page.job.error_label.text()
    assert not page.is_busy()
