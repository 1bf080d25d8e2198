"""The reusable widgets the Playground brought: live curves with a min-max pyramid, the heatmap
view, the colour legend and the frame pacer."""
import time

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF, Qt

from desktop.widgets.frame_pacer import FramePacer
from desktop.widgets.heatmap import ColorLegend, HeatmapView, color_lut, lut_image
from desktop.widgets.live_curve import LiveCurvePlot, Series, nice_ceiling, nice_floor


def test_series_keeps_every_peak_within_the_budget():
    rng = np.random.default_rng(0)
    series = Series()
    total = 0
    for size in (1, 7, 300, 5000, 200_000):
        series.extend(np.arange(total, total + size), rng.normal(size=size))
        total += size
    y = series.y.values
    y[123_456] = 50.0  # one spike deep in the history
    series.clear()
    series.extend(np.arange(total), y)
    for low, high in ((0, total), (100_000, 150_000), (total - 900, total), (10, 20)):
        x_shown, y_shown = series.visible(low, high, budget=1000)
        inside = y[low:high + 1]
        assert len(x_shown) <= 1000 + 40  # the pyramid's level plus a short tail
        assert y_shown.min() <= inside.min() and y_shown.max() >= inside.max()
        assert np.all(np.diff(x_shown) >= 0)
    assert series.visible(0, total, budget=1000)[1].max() == 50.0


def test_series_refuses_mismatched_columns():
    with pytest.raises(ValueError, match="3 values but y has 2"):
        Series().extend(np.arange(3), np.arange(2))


def test_nice_bounds():
    assert [nice_ceiling(v) for v in (0.37, 7, 101, 999)] == [0.4, 8.0, 120.0, 1000.0]
    assert [nice_floor(v) for v in (0.37, 7, 101)] == [pytest.approx(0.3), 6.0, 100.0]
    assert nice_ceiling(-0.37) == pytest.approx(-0.3) and nice_ceiling(0) == 0


@pytest.fixture
def chart(qtbot):
    chart = LiveCurvePlot(y_floor=0.0)
    qtbot.addWidget(chart)
    chart.add_curve("loss", pg.mkPen("k"))
    chart.resize(400, 250)
    chart.show()
    return chart


def test_chart_follows_the_whole_history_with_nice_bounds(chart):
    chart.append("loss", np.arange(1, 1001), np.linspace(0.9, 0.1, 1000))
    chart.refresh()
    (x_low, x_high), (y_low, y_high) = chart.getViewBox().viewRange()
    assert x_low < 1 and 1000 <= x_high < 1100  # 1000 is itself a nice bound
    assert y_low < 0.0 < 0.9 < 1.0 <= y_high < 1.1
    x, _ = chart.curve("loss").getData()
    assert len(x) <= 2 * chart.viewport().width() + 40


def test_chart_log_scale_and_following(chart, qtbot):
    chart.append("loss", np.arange(1, 101), np.logspace(0, -3, 100))
    chart.set_log_y(True)
    (_, _), (y_low, y_high) = chart.getViewBox().viewRange()
    assert y_low <= -3 and y_high >= 0
    chart.getViewBox().sigRangeChangedManually.emit([True, True])  # the user panned
    assert not chart.following
    chart.append("loss", np.arange(101, 201), np.full(100, 1e-3))
    chart.refresh()
    assert chart.getViewBox().viewRange()[0][1] < 150  # stays where the user put it
    qtbot.mouseDClick(chart.viewport(), Qt.MouseButton.LeftButton)
    assert chart.following and chart.getViewBox().viewRange()[0][1] >= 200


def test_heatmap_shows_values_points_and_axes(qtbot):
    view = HeatmapView((-6, 6, -6, 6))
    qtbot.addWidget(view)
    view.resize(300, 300)
    lut = color_lut(["#ff0000", "#ffffff", "#0000ff"])
    view.set_lut(lut, (-1, 1))
    field = np.zeros((4, 4))
    field[0, :] = -1  # the bottom row
    view.set_field(field)
    rgb = view.image_rgb()
    assert tuple(rgb[0, 0]) == (255, 0, 0)
    np.testing.assert_array_equal(rgb, lut_image(field, lut, (-1, 1)))
    view.set_points("train", np.array([[0.0, 0.0], [6.0, 6.0]]), np.array([[0, 0, 0]] * 2), "white", 8)
    corner = view.to_widget(np.array([[-6.0, -6.0], [6.0, 6.0]]))
    rect = view._plot_rect()
    assert corner[0] == pytest.approx([rect.left(), rect.bottom()])
    assert corner[1] == pytest.approx([rect.right(), rect.top()])
    assert rect.width() == pytest.approx(rect.height())  # the square stays square
    view.set_overlay_visible("train", False)
    assert not view.overlay_visible("train")
    view.show()
    qtbot.waitExposed(view)
    image = view.grab().toImage()
    middle = view.to_widget(np.array([[3.0, -5.9]]))[0]
    assert image.pixelColor(QPointF(*middle).toPoint()).red() > 200  # the red bottom row


def test_lut_image_clips_and_fills_nan():
    lut = color_lut(["black", "white"], size=3)
    colors = lut_image(np.array([-5.0, 0.5, np.nan, 5.0]), lut, (0.0, 1.0))
    assert colors.tolist() == [[0, 0, 0], [128, 128, 128], [128, 128, 128], [255, 255, 255]]


def test_color_legend_lists_its_labels(qtbot):
    legend = ColorLegend()
    qtbot.addWidget(legend)
    legend.set_gradient(color_lut(["red", "blue"]), [(0.0, "−1"), (1.0, "1")])
    assert legend.labels() == ["−1", "1"]
    legend.set_categories([("#0000ff", "Class 1"), ("#ff8800", "Class 2")])
    assert legend.labels() == ["Class 1", "Class 2"]


def test_frame_pacer_draws_only_the_newest_and_slows_down_when_drawing_is_costly(qtbot):
    drawn = []

    def draw(item):
        drawn.append(item)
        end = time.thread_time() + 0.02  # 20 ms of CPU per frame
        while time.thread_time() < end:
            pass

    pacer = FramePacer(draw, min_interval=0.01, max_share=0.25)
    for item in range(5):
        pacer.offer(item)
    qtbot.waitUntil(lambda: drawn == [4], timeout=2000)
    assert pacer.interval >= 0.02 / 0.25 * 0.9  # about 80 ms: a quarter of the time drawing
    pacer.offer(5)
    pacer.offer(6)
    pacer.flush()
    assert drawn == [4, 6] and not pacer.pending()
    with pytest.raises(ValueError):
        FramePacer(draw, max_share=0)
