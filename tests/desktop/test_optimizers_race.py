"""The Optimization lab's race page, driven through its controls: every control changes the engine
setup and the views, the map sets the start point, run/pause/step/reset work, bad input is refused
with a message, and the 3D view renders (these tests need a real GL context: pytest-xvfb)."""
import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtOpenGLWidgets import QOpenGLWidget
from PySide6.QtTest import QTest

from desktop import i18n
from desktop.labs.optimizers import OptimizersLab
from desktop.labs.optimizers.race_page import SPEEDS
from desktop.theme import make_style
from engine.landscape.catalog import make_surface

pytestmark = pytest.mark.gl


@pytest.fixture
def lab(qtbot):
    lab = OptimizersLab(seed=3)
    qtbot.addWidget(lab)
    lab.apply_style(make_style())
    lab.resize(1400, 900)
    lab.show()
    page = lab.race_page
    qtbot.waitUntil(lambda: page.frame is not None and page.is_idle(), timeout=10000)
    yield lab
    lab.shutdown()


def idle(page, qtbot):
    qtbot.waitUntil(page.is_idle, timeout=10000)
    return page


def choose(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def method_item(page, method):
    return page._method_items[method]


def edit_hyperparameter(page, method, parameter, text):
    parent = method_item(page, method)
    for index in range(parent.childCount()):
        child = parent.child(index)
        if child.data(0, Qt.ItemDataRole.UserRole) == parameter:
            child.setText(1, text)
            return child
    raise KeyError(parameter)


def click_map(view, xy) -> None:
    """A real left click on the map at data coordinates ``xy``."""
    scene_point = view.getViewBox().mapViewToScene(QPointF(*xy))
    at = view.mapFromScene(scene_point)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(at.x(), at.y()))


def test_the_3d_view_renders_the_surface_and_the_paths(lab, qtbot):
    page = lab.race_page
    with qtbot.waitSignal(lab.settled, timeout=10000):
        lab.advance(20)
    image = page.view3d.grab().toImage()
    pixels = np.array([image.pixelColor(x, y).lightness() for x in range(0, image.width(), 7)
                       for y in range(0, image.height(), 7)])
    assert pixels.std() > 10  # a drawn surface, not an empty background
    assert page.view3d.surface_item.visible()
    assert sorted(page.view3d.path_names()) == sorted(r.method for r in page.frame.racers)
    assert page.view3d.point_count() == len(page.frame.racers)
    # The 3D view renders off screen: no widget of the window makes Qt compose it through OpenGL.
    assert not lab.findChildren(QOpenGLWidget)


def test_both_views_draw_the_same_thinned_paths(lab, qtbot):
    page = lab.race_page
    choose(page.surface_combo, "rosenbrock")
    idle(page, qtbot)
    with qtbot.waitSignal(lab.settled, timeout=10000):
        lab.advance(1500)
    for racer in page.frame.racers:
        on_map = page.map.path_data(racer.method)
        np.testing.assert_allclose(page.view3d.path_data(racer.method), on_map, atol=1e-12)
        np.testing.assert_array_equal(on_map[[0, -1]], racer.points[[0, -1]])  # from start to now
    assert any(len(page.map.path_data(r.method)) < len(r.points) / 2 for r in page.frame.racers)


def test_advance_steps_the_race_and_settles(lab, qtbot):
    page = lab.race_page
    with qtbot.waitSignal(lab.settled, timeout=10000):
        lab.advance(12)
    assert page.frame.step == 12
    assert all(len(r.points) == 13 for r in page.frame.racers)
    assert page.readout.rowCount() == len(page.frame.racers)
    gd = next(r for r in page.frame.racers if r.method == "gd")
    np.testing.assert_allclose(page.map.path_data("gd"), gd.points)
    np.testing.assert_array_equal(page.loss_plot.curve_data("gd"), gd.losses)
    with qtbot.waitSignal(lab.settled, timeout=10000):
        lab.advance(0)


def test_changing_the_surface_reaches_the_engine_and_the_views(lab, qtbot):
    page = lab.race_page
    choose(page.surface_combo, "rosenbrock")
    idle(page, qtbot)
    assert page.setup.surface == "rosenbrock"
    assert page.map.extent == make_surface("rosenbrock").extent
    assert page.log_colors_check.isChecked()  # Rosenbrock spans seven orders of magnitude
    assert page.frame.step == 0
    np.testing.assert_allclose(page.frame.racers[0].point, make_surface("rosenbrock").start)
    # Rosenbrock's defaults come from its own suggested rate.
    assert page._current_values("gd")["lr"] == make_surface("rosenbrock").suggested_lr


def test_the_condition_number_and_rotation_sliders_reshape_the_ellipse(lab, qtbot):
    page = lab.race_page
    before = page.surface_report.grid.loss.copy()
    page.condition_slider.setValue(60)
    page.angle_slider.setValue(30)
    idle(page, qtbot)
    assert page.setup.surface_options["condition"] == 60.0
    assert page.setup.surface_options["angle"] == 30.0
    expected = make_surface("ellipse", condition=60.0, angle=30.0)
    np.testing.assert_allclose(page.surface_report.grid.loss[::50, ::50],
                               expected.value(np.stack(np.meshgrid(page.surface_report.grid.x[::50],
                                                                   page.surface_report.grid.y[::50],
                                                                   indexing="ij"), -1)))
    assert not np.allclose(before, page.surface_report.grid.loss)
    assert "60" in page.condition_label.text()


def test_normalizing_inputs_rounds_the_data_surface(lab, qtbot):
    page = lab.race_page
    choose(page.surface_combo, "linear_regression")
    idle(page, qtbot)
    assert page.batch_spin.isVisible() and not page.condition_slider.isVisible()
    raw_extent = page.map.extent
    page.normalize_check.setChecked(True)
    idle(page, qtbot)
    assert page.setup.surface_options == {"normalize": True, "batch_size": 8}
    assert page.map.extent != raw_extent
    assert page.surface_report.axis_labels == ("w", "b")


def test_clicking_the_map_sets_the_start_point(lab, qtbot):
    page = lab.race_page
    target = (0.8, -1.1)
    click_map(page.map, target)
    idle(page, qtbot)
    assert page.start == pytest.approx(target, abs=0.05)
    assert page.setup.start == page.start
    np.testing.assert_allclose(page.frame.racers[0].points[0], page.start)
    assert "0.8" in page.start_label.text()


def test_run_pause_step_and_reset(lab, qtbot):
    page = lab.race_page
    page.speed_slider.setValue(len(SPEEDS) - 1)
    with qtbot.waitSignal(lab.running_changed, timeout=2000):
        page.run_button.click()
    assert lab.is_running() and page.run_button.text() == "Pause"
    qtbot.waitUntil(lambda: page.frame.step > 10, timeout=10000)
    page.run_button.click()
    assert not lab.is_running()
    idle(page, qtbot)
    paused_at = page.frame.step
    qtbot.wait(150)
    assert page.frame.step == paused_at
    page.step_button.click()
    idle(page, qtbot)
    assert page.frame.step == paused_at + 1
    page.reset_button.click()
    idle(page, qtbot)
    assert page.frame.step == 0 and all(len(r.points) == 1 for r in page.frame.racers)
    assert len(page.loss_plot.curve_data("gd")) == 1


def test_ticking_methods_changes_the_entrants(lab, qtbot):
    page = lab.race_page
    method_item(page, "newton").setCheckState(0, Qt.CheckState.Checked)
    method_item(page, "rmsprop").setCheckState(0, Qt.CheckState.Unchecked)
    idle(page, qtbot)
    methods = [entrant.method for entrant in page.setup.entrants]
    assert "newton" in methods and "rmsprop" not in methods
    assert [r.method for r in page.frame.racers] == methods


def test_unticking_every_method_is_refused_with_a_message(lab, qtbot):
    page = lab.race_page
    for item in page._method_items.values():
        item.setCheckState(0, Qt.CheckState.Unchecked)
    assert "at least one method" in page.methods_error.text()
    method_item(page, "adam").setCheckState(0, Qt.CheckState.Checked)
    idle(page, qtbot)
    assert page.methods_error.text() == ""
    assert [entrant.method for entrant in page.setup.entrants] == ["adam"]


def test_editing_a_hyperparameter_reaches_the_race(lab, qtbot):
    page = lab.race_page
    edit_hyperparameter(page, "adam", "lr", "0.2")
    idle(page, qtbot)
    adam = next(e for e in page.setup.entrants if e.method == "adam")
    assert adam.hyperparameters["lr"] == 0.2
    assert method_item(page, "adam").text(1) == "lr = 0.2"
    with qtbot.waitSignal(lab.settled, timeout=10000):
        lab.advance(1)
    racer = next(r for r in page.frame.racers if r.method == "adam")
    assert racer.last_step_length == pytest.approx(0.2 * np.sqrt(2), rel=1e-6)  # Adam's first step: lr·sign(g)


@pytest.mark.parametrize(("text", "message"), [("-1", "learning rate"), ("abc", "not a number")])
def test_bad_hyperparameters_are_refused_with_a_message(lab, qtbot, text, message):
    page = lab.race_page
    before = page.setup
    child = edit_hyperparameter(page, "gd", "lr", text)
    assert message in page.methods_error.text()
    assert child.text(1) == f"{page._current_values('gd')['lr']:g}"  # the value in force again
    qtbot.wait(50)
    assert page.setup == before


def test_pytorch_defaults_button_uses_the_documented_values(lab, qtbot):
    page = lab.race_page
    page.torch_defaults_button.click()
    idle(page, qtbot)
    adam = next(e for e in page.setup.entrants if e.method == "adam")
    assert adam.hyperparameters["lr"] == 1e-3 and adam.hyperparameters["beta2"] == 0.999
    page.lesson_defaults_button.click()
    idle(page, qtbot)
    assert next(e for e in page.setup.entrants if e.method == "adam").hyperparameters == {}


def test_a_decay_schedule_is_plotted_and_applied(lab, qtbot):
    page = lab.race_page
    choose(page.schedule_combo, "exponential")
    page._schedule_spins["gamma"].setValue(0.9)
    idle(page, qtbot)
    assert page.setup.schedule.name == "exponential" and page.setup.schedule.params == {"gamma": 0.9}
    np.testing.assert_allclose(page.schedule_plot.factors()[:4], 0.9 ** np.arange(4))
    with qtbot.waitSignal(lab.settled, timeout=10000):
        lab.advance(4)
    gd = next(r for r in page.frame.racers if r.method == "gd")
    np.testing.assert_allclose(gd.rates, page._current_values("gd")["lr"] * 0.9 ** np.arange(4))
    assert not page._schedule_spins["total_epochs"].isVisible()


def test_arrows_and_probe_follow_the_current_points(lab, qtbot):
    page = lab.race_page
    with qtbot.waitSignal(lab.settled, timeout=10000):
        lab.advance(3)
    assert {f"{m}.gradient" for m in ("gd", "momentum", "rmsprop", "adam")} <= set(page.map.arrow_names())
    assert {"momentum.velocity", "adam.velocity"} <= set(page.map.arrow_names())
    page.velocity_arrows_check.setChecked(False)
    assert not any(name.endswith("velocity") for name in page.map.arrow_names())
    page.probe_check.setChecked(True)
    racer = page.frame.racers[0]
    handle = racer.point + np.array([0.0, 0.5])
    page.map.probe_handle.setPos(*handle)
    slope, _ = racer.directional_derivative([0.0, 0.5])
    assert f"{slope:.2g}" in page.probe_label.text()


def test_divergence_is_shown_not_raised(lab, qtbot):
    page = lab.race_page
    edit_hyperparameter(page, "gd", "lr", "5")
    idle(page, qtbot)
    with qtbot.waitSignal(lab.settled, timeout=10000):
        lab.advance(400)
    gd = next(r for r in page.frame.racers if r.method == "gd")
    assert gd.status == "diverged"
    assert "diverged" in page.divergence_label.text()
    assert page.error_label.text() == ""


def test_the_page_speaks_chinese(lab, qtbot, english_afterwards):
    page = lab.race_page
    i18n.set_language("zh_CN")
    qtbot.waitUntil(lambda: lab.tabs.tabText(0) == "优化器赛跑")
    assert page.surface_combo.currentText() == "病态椭圆"
    assert page.run_button.text() == "运行"
    assert method_item(page, "gd").text(0) == "梯度下降"


def test_the_readout_columns_fit_their_numbers_after_a_frame(lab, qtbot):
    page = lab.race_page
    with qtbot.waitSignal(lab.settled, timeout=10000):
        lab.advance(5)
    header = page.readout.horizontalHeader()
    for column in range(page.readout.columnCount() - 1):  # the last one stretches
        assert header.sectionSize(column) >= page.readout.sizeHintForColumn(column)
    assert page.readout.item(0, 1).text() == f"{page.frame.racers[0].losses[-1]:.2g}"


def test_a_running_race_strokes_only_what_is_new(lab, qtbot):
    """Frame after frame, the paths and the loss curves grow on their kept images: the paths never
    start afresh, the curves only when their axes move (Rosenbrock in log scale, where Newton's
    loss reaches exactly 0, a gap in its curve)."""
    page = lab.race_page
    choose(page.surface_combo, "rosenbrock")
    method_item(page, "newton").setCheckState(0, Qt.CheckState.Checked)
    idle(page, qtbot)
    canvases = (page.map.paths.canvas, page.view3d.trails, page.loss_plot.lines.canvas)

    def frame(steps):
        with qtbot.waitSignal(lab.settled, timeout=10000):
            lab.advance(steps)
        for view in (page.map.viewport(), page.loss_plot.viewport(), page.view3d):
            view.repaint()

    frame(40)
    assert next(r for r in page.frame.racers if r.method == "newton").losses[-1] == 0.0
    before = [canvas.restarts for canvas in canvases]
    frames = 8
    for _ in range(frames):
        frame(7)
    paths_map, paths_3d, curves = (canvas.restarts - count for canvas, count in zip(canvases, before))
    assert paths_map == paths_3d == 0
    assert curves <= 2  # the step axis from 50 to 100, the loss axis's labels widening
