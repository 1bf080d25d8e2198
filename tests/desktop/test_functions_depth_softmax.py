"""The Through-depth and Softmax pages: histograms and probabilities from the engine, and the
controls that change them."""
import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from desktop.labs.functions.depth_page import MAX_DEPTH, PATHS
from engine.functions_lab import depth_products, softmax_with_temperature
from engine.nn import get_activation
from functions_fixtures import curve_data, lab, opened  # noqa: F401 (lab is a fixture)


def test_depth_histograms_are_the_engine_products(lab, qtbot):
    page = opened(lab, qtbot, lab.depth_page)
    lab.choice.set_shown("tanh", False)
    lab.choice.set_shown("relu", False)
    qtbot.waitUntil(lambda: set(page.products) == {"sigmoid"}, timeout=10000)
    expected = depth_products(get_activation("sigmoid"), MAX_DEPTH, PATHS, np.random.default_rng(5))
    np.testing.assert_array_equal(page.products["sigmoid"].products, expected.products)
    page.depth_slider.setValue(10)
    edges, share = curve_data(page.histogram_curves["sigmoid"])
    np.testing.assert_allclose(share, 100 * expected.log10_histogram(10, edges) / PATHS)
    # 0.25¹⁰ is the bound: every path's product sits at it or below.
    centres = (edges[:-1] + edges[1:]) / 2
    bound = 10 * np.log10(0.25)
    assert share[centres > bound + (edges[1] - edges[0])].sum() == 0
    assert page.bound_line.value() == pytest.approx(bound)
    depths, typical = curve_data(page.typical_curves["sigmoid"])
    np.testing.assert_allclose(typical, np.log10(expected.typical()))
    assert 10 ** typical[9] <= 0.25**10


def test_depth_slider_and_spread_change_the_view(lab, qtbot):
    page = opened(lab, qtbot, lab.depth_page)
    before = curve_data(page.histogram_curves["sigmoid"])[1].copy()
    page.depth_slider.setValue(20)
    after = curve_data(page.histogram_curves["sigmoid"])[1]
    assert not np.array_equal(before, after)
    assert page.depth_line.value() == 20
    assert "20" in page.formula.text()
    old = page.products["sigmoid"]
    page.spread_spin.setValue(3.0)
    qtbot.waitUntil(lambda: page.products["sigmoid"] is not old, timeout=10000)
    # A wider spread drives more pre-activations into the flat tails: smaller products.
    assert page.products["sigmoid"].typical()[19] < old.typical()[19]
    assert "ReLU" in page.readout.text()


def test_probability_bars_are_the_engine_softmax(lab, qtbot):
    page = opened(lab, qtbot, lab.softmax_page)
    logits = page.logit_bars.logits()
    np.testing.assert_array_equal(page.probabilities, softmax_with_temperature(logits, 1.0))
    np.testing.assert_array_equal(page.probability_bars.opts["height"], page.probabilities)
    page.temperature_slider.setValue(20)  # T = 10
    assert page.temperature == pytest.approx(10.0)
    np.testing.assert_array_equal(page.probabilities, softmax_with_temperature(logits, 10.0))
    assert np.ptp(page.probabilities) < 0.1


def test_dragging_a_logit_bar_changes_the_logit(lab, qtbot):
    page = opened(lab, qtbot, lab.softmax_page)
    lab.tabs.setCurrentWidget(page)
    bars = page.logit_bars
    view = bars.getPlotItem().getViewBox()

    def widget_point(x, y):
        return bars.mapFromScene(view.mapViewToScene(QPointF(x, y)))

    start, end = widget_point(3.0, 0.5), widget_point(3.0, 5.0)
    QTest.mousePress(bars.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for fraction in (0.25, 0.5, 0.75, 1.0):
        point = start + (end - start) * fraction
        QTest.mouseMove(bars.viewport(), point)
    QTest.mouseRelease(bars.viewport(), Qt.MouseButton.LeftButton, pos=end)
    qtbot.waitUntil(lambda: abs(bars.logits()[2] - 5.0) < 0.2)
    np.testing.assert_array_equal(page.probabilities, softmax_with_temperature(bars.logits(), 1.0))
    assert page.probabilities.argmax() == 2


def test_two_classes_show_that_softmax_is_the_sigmoid(lab, qtbot):
    page = opened(lab, qtbot, lab.softmax_page)
    page.classes_spin.setValue(2)
    z = page.logit_bars.logits()
    assert len(z) == 2
    sigmoid = get_activation("sigmoid").value(np.array([z[0] - z[1]]))[0]
    assert page.probabilities[0] == pytest.approx(sigmoid)
    assert f"{sigmoid:.4f}" in page.formula.text()
    assert "σ((z<sub>1</sub> − z<sub>2</sub>)/T)" in page.formula.text()
    page.classes_spin.setValue(5)
    assert len(page.probability_bars.opts["height"]) == 5
    page.reset_button.click()
    np.testing.assert_array_equal(page.logit_bars.logits()[:4], [2.0, 1.0, 0.1, -1.0])
