"""The generic widgets the Gradients lab brought: the histogram stack, the curve bundle and the
fitted view."""
import numpy as np
import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from desktop.theme import make_style
from desktop.widgets.curve_bundle import POINT_BUDGET, CurveBundlePlot, bucket_extremes, nice_ceiling
from desktop.widgets.fitted_view import FittedView
from desktop.widgets.histogram_stack import ROW_FILL, HistogramStack, median_positions


# ----- histogram stack ----------------------------------------------------------------------------


def test_medians_are_interpolated_inside_their_bin():
    edges = np.array([0.0, 1.0, 2.0, 3.0])
    counts = np.array([[1, 2, 1], [0, 0, 4], [0, 0, 0]])
    medians = median_positions(counts, edges)
    assert medians[0] == pytest.approx(1.5)  # half of 4 is reached in the middle of bin 1
    assert medians[1] == pytest.approx(2.5)
    assert np.isnan(medians[2])


@pytest.fixture
def stack(qtbot):
    stack = HistogramStack()
    qtbot.addWidget(stack)
    stack.set_rows(["a", "b", "c"], np.linspace(-3, 3, 7), [QColor("red")] * 3, log_axis=True)
    return stack


def test_rows_are_stacked_top_down_and_scaled_to_their_peaks(stack):
    counts = np.array([[0, 1, 2, 4, 2, 1], [10, 0, 0, 0, 0, 0], [0] * 6])
    stack.set_counts(counts)
    np.testing.assert_array_equal(stack.counts(), counts)
    paths = stack._ridges._paths
    # Row 0 ("a") stands on the top baseline, its tallest bin reaches ROW_FILL above it.
    assert paths[0].boundingRect().bottom() == pytest.approx(2 + ROW_FILL)
    assert paths[0].boundingRect().top() == pytest.approx(2)
    assert paths[2].boundingRect().height() == 0  # an empty row is flat
    labels = [label for _, label in stack.getPlotItem().getAxis("left")._tickLevels[0]]
    assert labels == ["a", "b", "c"]


def test_bad_counts_and_rows_are_refused(stack):
    with pytest.raises(ValueError, match="shape"):
        stack.set_counts(np.zeros((2, 6)))
    with pytest.raises(ValueError, match="colors"):
        stack.set_rows(["a"], np.linspace(0, 1, 3), [], log_axis=False)
    with pytest.raises(ValueError, match="increasing"):
        stack.set_rows(["a"], np.array([1.0, 0.0]), [QColor("red")], log_axis=False)


def test_presentation_style_thickens_the_outlines(stack):
    style = make_style(presentation=True)
    stack.apply_style(style)
    assert stack._ridges._pens[0].widthF() == style.line_width / 2


# ----- curve bundle -------------------------------------------------------------------------------


def test_nice_ceilings_are_one_two_five():
    assert [nice_ceiling(v) for v in (0, 1, 1.5, 3, 7, 12, 480)] == [1, 1, 2, 5, 10, 20, 500]


def test_bucket_extremes_keep_every_spike_within_the_budget():
    x = np.arange(10_000.0)
    y = np.zeros((2, 10_000))
    y[0, 1234], y[1, 8765] = 5.0, -7.0
    xs, ys = bucket_extremes(x, y, 500)
    assert len(xs) <= 500 + 20 and ys.shape == (2, len(xs))
    assert ys[0].max() == 5.0 and ys[1].min() == -7.0
    short_x, short_y = bucket_extremes(x[:100], y[:, :100], 500)
    np.testing.assert_array_equal(short_x, x[:100])  # within the budget: every point as is


@pytest.fixture
def bundle(qtbot):
    plot = CurveBundlePlot()
    qtbot.addWidget(plot)
    plot.set_curves(3)
    return plot


def test_the_range_grows_in_steps_and_only_when_the_data_leave_it(bundle):
    bundle.append([1, 2, 3], np.array([[0.5, -1.2, 2.0]] * 3))
    bundle.refresh()
    assert bundle.view_range() == ((1.0, 3.0), (-2.0, 2.0))
    bundle.append([4], np.array([[0.0, 0.0, 1.0]]))
    bundle.refresh()
    assert bundle.view_range() == ((1.0, 6.0), (-2.0, 2.0))  # x to the next 1-2-5 span
    bundle.append([5], np.array([[np.nan, -np.inf, 2.5]]))  # NaN and -inf leave gaps
    bundle.refresh()
    assert bundle.view_range()[1] == (-2.0, 3.0)
    x, y = bundle.data()
    assert len(x) == 5 and y.shape == (3, 5)


def test_long_runs_draw_a_bounded_number_of_points(bundle):
    bundle.append(np.arange(50_000), np.random.default_rng(0).normal(size=(50_000, 3)))
    bundle.refresh()
    assert all(path.elementCount() <= POINT_BUDGET + 50 for path in bundle._bundle._paths)


def test_pens_must_match_the_curves(bundle):
    with pytest.raises(ValueError, match="pens"):
        bundle.set_pens([])
    with pytest.raises(ValueError, match="shape"):
        bundle.append([1], np.zeros((1, 2)))


# ----- fitted view --------------------------------------------------------------------------------


def test_a_widget_too_big_for_its_view_is_scaled_down_never_up(qtbot):
    content = QWidget()
    grid = QGridLayout(content)
    for row in range(4):
        for column in range(6):
            label = QLabel("a wide label")
            label.setMinimumSize(300, 200)
            grid.addWidget(label, row, column)
    view = FittedView(content)
    qtbot.addWidget(view)
    view.resize(1200, 500)
    view.show()
    qtbot.waitUntil(lambda: view.scale_factor() < 1)
    hint = content.sizeHint()
    assert view.scale_factor() == pytest.approx(min(1200 / hint.width(), 500 / hint.height()), rel=0.05)
    view.resize(4000, 3000)
    qtbot.waitUntil(lambda: view.scale_factor() == 1)
