"""TrailCanvas: growing lines stroked a frame at a time look exactly like lines stroked whole,
each paint strokes only what is new, and anything that is not growth starts the image afresh."""
import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen

from desktop.widgets.trail_canvas import TrailCanvas

SIZE = 120


def pen(color: str = "#d04020") -> QPen:
    result = QPen(QColor(color), 2.0)
    result.setCosmetic(True)
    return result


def spiral(count: int) -> np.ndarray:
    t = np.linspace(0.0, 6 * np.pi, 400)[:count]
    return np.column_stack([60 + 1.6 * t * np.cos(t), 60 + 1.6 * t * np.sin(t)])


class Screen:
    """Paints a canvas onto a fresh image, counting the points handed to ``to_pixels``."""

    def __init__(self) -> None:
        self.mapped = 0

    def to_pixels(self, points: np.ndarray) -> np.ndarray:
        self.mapped += len(points)
        return points

    def paint(self, canvas: TrailCanvas, view_key=0) -> np.ndarray:
        image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        canvas.paint(painter, view_key, self.to_pixels)
        painter.end()
        return np.frombuffer(image.constBits(), np.uint8).reshape(SIZE, SIZE, 4).copy()


def drawn_whole(points: np.ndarray, settled: int | None = None, color: str = "#d04020") -> np.ndarray:
    canvas = TrailCanvas()
    canvas.set_line("path", points, pen(color), settled)
    return Screen().paint(canvas)


def test_a_line_grown_a_frame_at_a_time_looks_as_if_stroked_whole(qapp):
    canvas, screen = TrailCanvas(), Screen()
    for count in (1, 2, 5, 60, 61, 61, 200, 400):
        canvas.set_line("path", spiral(count), pen())
        assert np.array_equal(screen.paint(canvas), drawn_whole(spiral(count)))
    assert canvas.restarts == 1


def test_each_paint_strokes_only_the_new_segments(qapp):
    canvas, screen = TrailCanvas(), Screen()
    canvas.set_line("path", spiral(300), pen())
    screen.paint(canvas)
    assert screen.mapped == 300
    screen.mapped = 0
    canvas.set_line("path", spiral(305), pen())
    screen.paint(canvas)
    assert screen.mapped == 6  # the last stroked point and the five new ones


def test_an_unsettled_tail_may_change_and_is_drawn_as_it_is(qapp):
    """A thinned path's newest point gives way to the next frame's; only the settled points go
    onto the image."""
    canvas, screen = TrailCanvas(), Screen()
    path = spiral(200)
    canvas.set_line("path", np.vstack([path[:100], path[150]]), pen(), settled=100)
    screen.paint(canvas)
    canvas.set_line("path", path[:180], pen(), settled=170)
    assert np.array_equal(screen.paint(canvas), drawn_whole(path[:180], settled=170))
    assert canvas.restarts == 1


def test_whatever_is_not_growth_starts_afresh(qapp):
    canvas, screen = TrailCanvas(), Screen()
    canvas.set_line("path", spiral(300), pen())
    screen.paint(canvas)
    canvas.set_line("path", spiral(200), pen())  # a reset race
    assert np.array_equal(screen.paint(canvas), drawn_whole(spiral(200)))
    canvas.set_line("path", spiral(250), pen("#2040d0"))  # another pen
    assert np.array_equal(screen.paint(canvas), drawn_whole(spiral(250), color="#2040d0"))
    restarts = canvas.restarts
    screen.paint(canvas, view_key=1)  # the view moved
    assert canvas.restarts == restarts + 1
    canvas.clear()
    assert canvas.names() == []
    assert (screen.paint(canvas) == 255).all()


def test_non_finite_points_leave_gaps_and_growth_goes_on_past_them(qapp):
    points = spiral(100)
    points[40] = np.nan
    canvas, screen = TrailCanvas(), Screen()
    canvas.set_line("path", points[:41], pen())
    screen.paint(canvas)
    canvas.set_line("path", points, pen())
    assert np.array_equal(screen.paint(canvas), drawn_whole(points))
    assert canvas.restarts == 1
