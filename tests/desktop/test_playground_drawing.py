"""The Playground's drawing shortcuts give the same picture as drawing everything every frame,
and training leaves the window the time to draw."""
import sys
import threading
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.labs.playground.colors import PlaygroundColors
from desktop.labs.playground.network_view import NetworkView, pixel_aligned
from desktop.labs.playground.toolbar import Counter
from desktop.theme import make_style
from desktop.widgets.heatmap import color_lut, lut_image
from desktop.widgets.live_curve import Series
from engine.playground import HIDDEN_ACTIVATIONS, MAX_HIDDEN_LAYERS, MAX_NEURONS, NEURON_RESOLUTION
from playground_fixtures import lab  # noqa: F401 (a fixture)


def test_lut_image_puts_every_value_in_its_bin_and_sends_inf_to_the_ends_nan_to_the_middle():
    lut = color_lut(["#ff8800", "#f0f0f0", "#0077cc"])
    low, high = -1.0, 1.0
    top = len(lut) - 1
    bins = np.arange(top)
    centres = low + (bins + 0.5) * (high - low) / top  # the middle of each bin
    np.testing.assert_array_equal(lut_image(centres, lut, (low, high)), lut[bins])
    special = np.array([[-np.inf, -7.0, low], [np.nan, high, 7.0], [np.inf, 0.0, np.nan]])
    expected = np.array([[0, 0, 0], [top // 2, top, top], [top, top // 2, top // 2]])
    np.testing.assert_array_equal(lut_image(special, lut, (low, high)), lut[expected])


def test_lut_image_keeps_the_shape_of_a_stack_of_maps_and_accepts_float32():
    lut = color_lut(["black", "white"])
    maps = np.linspace(-1, 1, 2 * 3 * 4, dtype=np.float32).reshape(2, 3, 4)
    colors = lut_image(maps, lut, (-1.0, 1.0))
    assert colors.shape == (2, 3, 4, 3) and colors.dtype == np.uint8
    assert tuple(colors[0, 0, 0]) == (0, 0, 0) and tuple(colors[-1, -1, -1]) == (255, 255, 255)
    np.testing.assert_array_equal(colors[1], lut_image(maps[1], lut, (-1.0, 1.0)))


@pytest.fixture
def network(qtbot):
    """A network view on screen: inputs x1 and x2, one hidden layer of three tanh neurons."""
    style = make_style()
    palette = style.palette
    view = NetworkView(HIDDEN_ACTIVATIONS, MAX_HIDDEN_LAYERS, MAX_NEURONS)
    qtbot.addWidget(view)
    view.set_colors(PlaygroundColors.from_style(style), palette.text, palette.muted_text,
                    palette.grid, palette.error, 1.0)
    view.set_structure(("x1", "x2"), (3,), ("tanh",), 1)
    view.resize(640, 560)
    view.show()
    qtbot.waitExposed(view)
    return view


def show_maps(view, value: float) -> None:
    """A frame whose hidden neurons all output ``value`` everywhere."""
    maps = np.full((3, NEURON_RESOLUTION, NEURON_RESOLUTION), value)
    output = np.zeros((1, NEURON_RESOLUTION, NEURON_RESOLUTION, 3), dtype=np.uint8)
    view.set_state((np.zeros((2, 3)), np.zeros((3, 1))), (np.zeros(3), np.zeros(1)), maps, output)


def color_at(view, point) -> np.ndarray:
    color = view.grab().toImage().pixelColor(point.toPoint())
    return np.array([color.red(), color.green(), color.blue()])


def assert_close(color, expected) -> None:
    """Equal up to the rounding of the window's colour conversions."""
    assert np.abs(color - np.asarray(expected, dtype=int)).max() <= 3, (color, expected)


def test_network_view_draws_each_frames_maps_under_the_cached_frames(network):
    node = network._nodes[1][0].rect
    colors = network._colors
    show_maps(network, 1.0)
    assert_close(color_at(network, node.center()), colors.lut[-1])
    show_maps(network, -1.0)
    assert_close(color_at(network, node.center()), colors.lut[0])
    edge = [color_at(network, QPointF(node.center().x(), node.top() + dy)) for dy in (-0.5, 0.5)]
    assert max(np.abs(color - colors.lut[0]).max() for color in edge) > 30  # the frame, over the map


def test_network_view_redraws_its_cached_inputs_when_a_feature_is_switched(network):
    node = network._nodes[0][2].rect  # x1², off
    edge = QPointF(node.left() + 3, node.center().y())  # x1² is largest at the left edge
    faded = color_at(network, edge)
    network.set_structure(("x1", "x2", "x1^2"), (3,), ("tanh",), 1)
    bright = color_at(network, edge)
    assert np.abs(faded - bright).max() > 30
    network.set_structure(("x1", "x2"), (3,), ("tanh",), 1)
    assert_close(color_at(network, edge), faded)


def test_series_grown_in_small_steps_has_the_pyramid_of_one_big_step():
    rng = np.random.default_rng(3)
    y = rng.normal(size=5000)
    y[rng.integers(0, 5000, 50)] = np.nan
    x = np.arange(5000.0)
    whole, steps = Series(), Series()
    whole.extend(x, y)
    start = 0
    while start < len(x):
        stop = start + int(rng.integers(1, 40))
        steps.extend(x[start:stop], y[start:stop])
        start = stop
    assert len(steps._levels) == len(whole._levels) > 5
    for level_steps, level_whole in zip(steps._levels, whole._levels):
        for a, b in zip(level_steps, level_whole):
            np.testing.assert_array_equal(a.values, b.values)


class LayoutRequests(QObject):
    """Counts the layout requests a widget receives."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def test_a_new_number_of_the_same_width_does_not_lay_the_window_out_again(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    counter, label = Counter("000,000"), QLabel("000,000")
    layout = QVBoxLayout(window)
    layout.addWidget(counter)
    layout.addWidget(label)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(20)  # the layout requests of showing the window
    requests = LayoutRequests(window)
    counter.setText("000,123")
    qtbot.wait(20)
    assert requests.count == 0 and counter.size() == counter.sizeHint()
    label.setText("000,123")  # what an ordinary label does
    qtbot.wait(20)
    assert requests.count == 1


def test_the_counter_grows_with_its_text_and_its_font(qtbot):
    counter = Counter("000,000")
    qtbot.addWidget(counter)
    width = counter.width()
    counter.setText("1,000,000")
    assert counter.width() > width and counter.size() == counter.sizeHint()
    font = counter.font()
    font.setPointSizeF(2 * font.pointSizeF())
    counter.setFont(font)
    assert counter.height() == counter.sizeHint().height() > 0
    assert counter.minimumSize() == counter.maximumSize() == counter.sizeHint()


def test_the_numbers_under_the_output_show_the_last_frame(lab, qtbot):
    with qtbot.waitSignal(lab.settled, timeout=20000):
        lab.advance(7)
    snapshot = lab.frame.snapshot
    assert lab.toolbar.epoch.text() == "000,007"
    assert f"{snapshot.val_loss:.3f}" in lab.output.test_loss.text()
    assert f"{snapshot.train_loss:.3f}" in lab.output.train_loss.text()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread nice values are Linux's")
def test_the_playground_trains_in_a_thread_nicer_than_the_window(lab, qtbot):
    def niceness(task: Path) -> int:
        return int((task / "stat").read_text().rsplit(")", 1)[1].split()[16])

    workers = [task for task in Path("/proc/self/task").iterdir()
               if (task / "comm").read_text().strip().startswith("descent-lab wor")]
    gui = Path(f"/proc/self/task/{threading.get_native_id()}")
    qtbot.waitUntil(lambda: any(niceness(task) > niceness(gui) for task in workers))


@pytest.mark.parametrize("ratio, origin",
                         [(1.0, (12.0, 40.0)), (1.5, (727.5, 301.5)), (1.25, (606.25, 80.0))])
def test_a_cached_tile_lands_on_whole_device_pixels_and_covers_its_area(ratio, origin):
    area = QRectF(101.3, 57.8, 55.55, 240.1)
    corner, size = pixel_aligned(area, ratio, QPointF(*origin))
    device_left = origin[0] + corner.x() * ratio
    device_top = origin[1] + corner.y() * ratio
    assert device_left == pytest.approx(round(device_left))
    assert device_top == pytest.approx(round(device_top))
    assert corner.x() <= area.left() and corner.y() <= area.top()
    assert corner.x() + size.width() / ratio >= area.right()
    assert corner.y() + size.height() / ratio >= area.bottom()
    assert size.width() <= area.width() * ratio + 2 and size.height() <= area.height() * ratio + 2
