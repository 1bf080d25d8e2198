"""The geometry behind the Optimization lab's views: contour lines, arrows, thinned paths and the
height scale shared by the 3D view and the map."""
import numpy as np
import pytest
from PySide6.QtGui import QColor

from desktop.widgets.contour_map import arrow_segments, contour_segments
from desktop.widgets.path_thinning import GrowingPathThinner, thin_path
from desktop.widgets.surface3d import HeightScale


def test_contour_segments_lie_on_their_level():
    x = np.linspace(-1.0, 1.0, 81)
    y = np.linspace(-1.5, 1.5, 121)
    values = np.add.outer(x**2, y**2)
    levels = [0.1, 0.4, 0.8]
    ends = contour_segments(values, x, y, levels)
    assert len(ends) % 2 == 0 and len(ends) > 0
    radii_squared = np.sum(ends**2, axis=1)
    # Linear interpolation on a fine grid: every end is within the grid spacing of a circle.
    assert np.all(np.min(np.abs(radii_squared[:, None] - np.array(levels)), axis=1) < 2 * (x[1] - x[0]))
    for level in levels:  # each level is drawn all the way round
        on_level = ends[np.abs(radii_squared - level) < 0.05]
        angles = np.arctan2(on_level[:, 1], on_level[:, 0])
        assert np.histogram(angles, bins=12, range=(-np.pi, np.pi))[0].min() > 0


def test_a_saddle_level_crossing_a_cell_on_all_four_edges_gets_two_segments():
    values = np.array([[1.0, -1.0], [-1.0, 1.0]])
    ends = contour_segments(values, np.array([0.0, 1.0]), np.array([0.0, 1.0]), [0.0])
    assert ends.shape == (4, 2)
    np.testing.assert_allclose(sorted(map(tuple, ends)), sorted([(0.5, 0.0), (0.0, 0.5), (0.5, 1.0), (1.0, 0.5)]))


def test_contours_skip_missing_values():
    values = np.add.outer(np.linspace(0, 1, 5), np.linspace(0, 1, 5))
    values[2, 2] = np.nan
    ends = contour_segments(values, np.arange(5.0), np.arange(5.0), [1.0])
    assert np.isfinite(ends).all()


def test_arrows_have_a_shaft_and_two_head_strokes_ending_at_the_tip():
    (shaft, left, right), = arrow_segments(np.array([[1.0, 2.0]]), np.array([[3.0, 0.0]]))
    np.testing.assert_allclose(shaft, [1.0, 2.0, 4.0, 2.0])
    np.testing.assert_allclose([left[:2], right[:2]], [[4.0, 2.0], [4.0, 2.0]])
    assert left[2] < 4.0 and right[2] < 4.0  # the head points back along the shaft
    assert left[3] == pytest.approx(4.0 - right[3])  # symmetric about the shaft


def test_the_map_draws_every_finite_arrow(qtbot):
    from desktop.widgets.contour_map import ContourMap

    view = ContourMap()
    qtbot.addWidget(view)
    view.set_arrows(["a", "b", "c"], np.zeros((3, 2)), np.array([[1.0, 0.0], [np.nan, 1.0], [0.0, 1.0]]),
                    [QColor("#ff0000")] * 3, [False, False, True])
    assert view.arrow_names() == ["a", "c"]
    view.set_arrows([], np.empty((0, 2)), np.empty((0, 2)), [], [])
    assert view.arrow_names() == []


def test_thinning_keeps_points_a_spacing_apart_and_both_ends():
    line = np.column_stack([np.linspace(0.0, 1.0, 11), np.zeros(11)])
    np.testing.assert_array_equal(thin_path(line, 0.25), [0, 3, 5, 8, 10])
    np.testing.assert_array_equal(thin_path(line, 0.01), np.arange(11))
    crawl = np.column_stack([1e-6 * np.arange(5000), np.zeros(5000)])  # a converged tail
    assert len(thin_path(crawl, 0.001)) <= 7
    zigzag = np.array([[0, 0], [1, 1], [0, 2], [1, 3]], dtype=float)
    np.testing.assert_array_equal(thin_path(zigzag, 0.1), [0, 1, 2, 3])


def test_a_growing_path_is_thinned_as_if_whole_at_each_length():
    """Thinning only the new tail of a race's path gives what thinning the whole path gives, and a
    path that is not the old one grown (a reset race, another spacing) starts afresh."""
    rng = np.random.default_rng(0)
    path = np.cumsum(rng.normal(scale=0.05, size=(400, 2)), axis=0)
    thinner = GrowingPathThinner()
    for length in (1, 2, 3, 10, 11, 11, 50, 180, 400):
        np.testing.assert_array_equal(thinner.indices(path[:length], 0.2), thin_path(path[:length], 0.2))
    np.testing.assert_array_equal(thinner.indices(path, 0.05), thin_path(path, 0.05))
    other = path[::-1].copy()
    np.testing.assert_array_equal(thinner.indices(other[:300], 0.05), thin_path(other[:300], 0.05))


def test_the_settled_indices_of_a_growing_path_never_change():
    """What a view draws only once (desktop.widgets.trail_canvas) must start every later answer."""
    rng = np.random.default_rng(1)
    path = np.cumsum(rng.normal(scale=0.05, size=(600, 2)), axis=0)
    thinner = GrowingPathThinner()
    answers = []
    for length in (1, 2, 3, 4, 10, 11, 12, 60, 61, 200, 600):
        answers.append((thinner.indices(path[:length], 0.2), thinner.settled))
    for (earlier, settled), (later, _) in zip(answers, answers[1:]):
        np.testing.assert_array_equal(later[:settled], earlier[:settled])
    assert answers[-1][1] >= len(answers[-1][0]) - 1  # only the newest point may be unsettled


def test_the_height_scale_maps_the_grid_to_zero_one_linearly_or_logarithmically():
    values = np.array([[1.0, 10.0], [100.0, 1000.0]])
    linear = HeightScale(values, log=False)
    np.testing.assert_allclose(linear.fraction(values), (values - 1.0) / 999.0)
    log = HeightScale(values, log=True)
    fractions = log.fraction(values)
    assert fractions[0, 0] == 0.0 and fractions[1, 1] == pytest.approx(1.0)
    assert np.all(np.diff(fractions.ravel()) > 0.2)  # decades get comparable room
    np.testing.assert_array_equal(log.fraction(np.array([np.nan, -5.0, 1e9])), [1.0, 0.0, 1.0])


def test_long_loss_histories_are_bucketed_without_losing_their_peaks():
    from desktop.labs.optimizers.loss_chart import bucket_peaks, round_up

    values = np.sin(np.arange(10_000) * 0.37) * np.exp(-np.arange(10_000) / 3000)
    steps, shown, settled = bucket_peaks(values, 25)
    assert len(shown) == 800 == settled  # two points per whole bucket of 25 steps
    assert shown.max() == values.max() and shown.min() == values.min()
    assert np.all(np.diff(steps) >= 0) and steps[0] == 0 and steps[-1] == len(values) - 1
    steps, shown, settled = bucket_peaks(values[:1010], 25)
    assert settled == 80 and np.array_equal(shown[settled:], values[1000:1010])  # the unfinished bucket
    short = np.arange(5.0)
    np.testing.assert_array_equal(bucket_peaks(short, 1)[1], short)
    assert [round_up(v) for v in (3, 10, 11, 0.03, 499)] == [5, 10, 20, pytest.approx(0.05), 500]


def test_a_curve_extended_frame_by_frame_equals_one_bucketed_whole():
    from desktop.labs.optimizers.loss_chart import _Curve

    history = np.exp(-np.arange(3000) / 500.0) * (1.5 + np.sin(np.arange(3000)))
    history[2500:] = 0.0  # converged exactly: no log
    for log in (False, True):
        growing = _Curve(history, 9, log)
        for length in (1, 5, 9, 10, 100, 101, 2600, 3000):
            settled = growing.update(history[:length])
            whole = _Curve(history, 9, log)
            assert whole.update(history[:length]) == settled
            np.testing.assert_array_equal(growing.points, whole.points)
    drawn = _Curve(history, 9, log=True)
    drawn.update(history)
    assert np.nanmin(drawn.points[:, 1]) == np.log10(history[history > 0].min())  # the lowest loss above 0


def test_the_loss_chart_shows_every_step_of_a_bucketed_history(qtbot):
    from desktop.labs.optimizers.loss_chart import LossChart

    chart = LossChart()
    qtbot.addWidget(chart)
    chart.resize(400, 300)
    chart.show()
    qtbot.waitExposed(chart)
    history = np.linspace(5.0, 1.0, 10_000)
    chart.set_losses({"gd": history}, {"gd": QColor("#ff0000")})
    assert len(chart.curve_data("gd")) < len(history)  # bucketed
    (x_low, x_high), _ = chart.getViewBox().viewRange()
    assert x_low <= 0 and x_high >= len(history) - 1
    chart.set_log(True)
    np.testing.assert_allclose(chart.curve_data("gd")[[0, -1]], np.log10(history[[0, -1]]))
    _, (y_low, y_high) = chart.getViewBox().viewRange()
    assert y_low <= 0 and y_high >= np.log10(5.0)
