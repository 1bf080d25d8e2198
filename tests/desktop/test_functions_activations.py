"""The Activations page: each curve is the engine function of the same name; the controls,
the crosshair, the flat zones and the facts."""
import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from engine.functions_lab import LAB_ACTIVATIONS, saturation_zones
from engine.nn import get_activation
from functions_fixtures import curve_data, lab, opened  # noqa: F401 (lab is a fixture)


def test_every_activation_curve_is_the_engine_function(lab, qtbot):
    page = opened(lab, qtbot, lab.activations_page)
    for name in LAB_ACTIVATIONS:
        lab.choice.set_shown(name, True)
    for name in LAB_ACTIVATIONS:
        function = get_activation(name, **({"alpha": lab.choice.alpha(name)}
                                           if name in ("leaky_relu", "prelu", "elu") else {}))
        x, f = curve_data(page.f_curves[name])
        _, df = curve_data(page.df_curves[name])
        np.testing.assert_array_equal(x, np.linspace(-6, 6, len(x)))
        np.testing.assert_array_equal(f, function.value(x))
        np.testing.assert_array_equal(df, function.derivative(x))
        assert page.f_curves[name].isVisible() and page.df_curves[name].isVisible()


def test_alpha_controls_change_the_curves(lab, qtbot):
    page = opened(lab, qtbot, lab.activations_page)
    page.leaky_slider.setValue(150)
    assert lab.choice.focus == "leaky_relu"
    x, df = curve_data(page.df_curves["leaky_relu"])
    np.testing.assert_array_equal(df, get_activation("leaky_relu", alpha=0.15).derivative(x))
    assert page.leaky_value.text() == "0.150"
    page.prelu_spin.setValue(0.6)
    x, f = curve_data(page.f_curves["prelu"])
    np.testing.assert_array_equal(f, get_activation("prelu", alpha=0.6).value(x))
    assert "0.600" in page.formula.text()  # the facts quote the learnable α
    page.elu_spin.setValue(2.0)
    x, f = curve_data(page.f_curves["elu"])
    np.testing.assert_array_equal(f, get_activation("elu", alpha=2.0).value(x))
    assert page.floor_line.isVisible() and page.floor_line.value() == pytest.approx(-2.0)


def test_crosshair_readout_matches_the_engine_at_the_mouse(lab, qtbot):
    page = opened(lab, qtbot, lab.activations_page)
    view = page.plot.getPlotItem().getViewBox()
    scene_position = view.mapViewToScene(QPointF(2.5, 0.0))
    QTest.mouseMove(page.plot.viewport(), page.plot.mapFromScene(scene_position))
    qtbot.waitUntil(lambda: abs(page.crosshair_x - 2.5) < 0.05)
    x = page.crosshair_x
    for name in lab.choice.shown():
        function = get_activation(name)
        f, df = page.readout_values[name]
        assert f == function.value(np.array([x]))[0]
        assert df == function.derivative(np.array([x]))[0]
        assert f"f = {f:.4g}" in page.readout.text().replace("&nbsp;", " ")
    assert f"x = {x:.3f}" in page.readout.text()
    assert page.crosshair.value() == x


def test_saturation_zones_follow_the_focus_and_the_threshold(lab, qtbot):
    page = opened(lab, qtbot, lab.activations_page)
    x = page.x_grid()

    def assert_zones(expected):
        shown = [region.getRegion() for region in page.zones if region.isVisible()]
        np.testing.assert_allclose(np.array(shown), np.array(expected))

    expected = saturation_zones(x, get_activation("sigmoid").derivative(x), 0.05)
    assert_zones(expected)
    page.threshold_spin.setValue(0.2)
    wider = saturation_zones(x, get_activation("sigmoid").derivative(x), 0.2)
    assert_zones(wider)
    assert wider[0][1] > expected[0][1]
    lab.choice.set_focus("relu")
    assert_zones([(-6.0, 0.0)])
    assert "dead zone" in page.formula.text()


def test_the_course_facts_are_marked_with_engine_numbers(lab, qtbot):
    page = opened(lab, qtbot, lab.activations_page)
    marks_x, marks_y = page.marks.getData()
    assert list(marks_x) == [0.0] and list(marks_y) == [0.25]
    assert "σ′(0) = 0.25" in page.formula.text()
    lab.choice.set_focus("tanh")
    x, identity = curve_data(page.identity_curve)
    sigmoid = get_activation("sigmoid")
    np.testing.assert_array_equal(identity, 2 * sigmoid.value(2 * x) - 1)
    assert page.identity_curve.isVisible()
    _, marks_y = page.marks.getData()
    assert list(marks_y) == [1.0]  # tanh′(0) = 1, the largest slope


def test_x_range_is_adjustable_and_refuses_an_empty_range(lab, qtbot):
    page = opened(lab, qtbot, lab.activations_page)
    page.x_from.setValue(-2.0)
    x, _ = curve_data(page.f_curves["sigmoid"])
    assert (x[0], x[-1]) == (-2.0, 6.0)
    page.x_from.setValue(7.0)  # beyond the right end
    assert not page.x_error.isHidden()
    assert curve_data(page.f_curves["sigmoid"])[0][0] == -2.0
    page.x_reset.click()
    assert page.x_error.isHidden()
    assert page.x_range == (-6.0, 6.0)


def test_unticking_a_function_hides_it_and_clicking_one_focuses_it(lab, qtbot):
    page = opened(lab, qtbot, lab.activations_page)
    picker = page.picker
    picker.item_for("relu").setCheckState(Qt.CheckState.Unchecked)
    assert not lab.choice.is_shown("relu")
    assert not page.f_curves["relu"].isVisible()
    assert "ReLU" not in page.readout_values
    tanh_color = page.f_curves["tanh"].opts["pen"].color().name()
    rect = picker.visualItemRect(picker.item_for("softplus"))
    QTest.mouseClick(picker.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert lab.choice.focus == "softplus"
    assert page.f_curves["softplus"].isVisible()
    assert "Softplus" in page.formula.text()
    # Curves on screen keep their colors; the newcomer takes the one ReLU gave back.
    assert page.f_curves["tanh"].opts["pen"].color().name() == tanh_color
    assert lab.choice.color_index("softplus") == 2
    # The depth page shows the same choice.
    assert lab.depth_page.picker.item_for("softplus").checkState() == Qt.CheckState.Checked
