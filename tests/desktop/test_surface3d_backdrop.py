"""The 3D view renders its surface off screen, once, into a backdrop that it copies onto each frame
and draws paths and points over: a frame in which only paths and points move must not render the
mesh again and must look exactly like a view drawn from scratch; a growing path is stroked a
frame at a time; a new camera or surface renders the backdrop again; the mouse still turns the
camera; without OpenGL paths and points are still drawn (needs a real GL context: pytest-xvfb)."""
import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication

from desktop.widgets import surface3d
from desktop.widgets.surface3d import Surface3DView
from surface3d_fixtures import bowl, bowl_view

pytestmark = pytest.mark.gl


def pixels(view: Surface3DView) -> np.ndarray:
    image = view.grab().toImage().convertToFormat(QImage.Format.Format_RGBA8888)
    return np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())[
        :, : 4 * image.width()
    ].reshape(image.height(), image.width(), 4).astype(int)


@pytest.fixture
def make_view(qtbot):
    return lambda: bowl_view(qtbot)


def a_path(view, end: float, count: int = 50, settled: int | None = None) -> None:
    t = np.linspace(0.0, 1.0, 50)[:count]
    xy = np.column_stack([-1.5 + (end + 1.5) * t, 1.5 - 1.5 * t])
    view.set_path("gd", xy, bowl(xy), QColor("#ff0000"), settled)
    view.set_points(xy[-1:], bowl(xy[-1:]), [QColor("#ff0000")])


def test_the_surface_is_rendered_and_the_paths_drawn_over_it(make_view):
    view = make_view()
    empty = pixels(view)
    assert empty.std() > 10  # a coloured surface, not the background
    a_path(view, 1.0)
    assert (pixels(view) != empty).any()
    assert view.path_names() == ["gd"] and view.point_count() == 1


def test_moving_paths_reuse_the_backdrop_and_look_as_if_drawn_from_scratch(make_view):
    view = make_view()
    a_path(view, 0.0)
    first = pixels(view)
    renders = view.backdrop_renders
    a_path(view, 1.0)
    cached = pixels(view)
    assert view.backdrop_renders == renders
    assert (cached != first).any()  # the path moved on screen
    reference = make_view()
    a_path(reference, 1.0)
    assert np.array_equal(cached, pixels(reference))


def test_a_growing_path_is_stroked_a_frame_at_a_time_and_looks_drawn_whole(make_view):
    view = make_view()
    a_path(view, 1.0, count=20, settled=19)
    pixels(view)
    restarts = view.trails.restarts
    a_path(view, 1.0, count=50, settled=49)
    grown = pixels(view)
    assert view.trails.restarts == restarts  # only the new segments were stroked
    reference = make_view()
    a_path(reference, 1.0, count=50, settled=49)
    # Antialiased: where two strokes meet, the edge pixels are blended twice.
    difference = np.abs(grown - pixels(reference)).max(axis=2)
    assert (difference > 0).sum() < 20 and difference.max() < 100


def test_a_new_camera_or_surface_renders_the_backdrop_again(make_view):
    view = make_view()
    view.grab()
    renders = view.backdrop_renders
    view.setCameraPosition(azimuth=30)
    view.grab()
    assert view.backdrop_renders == renders + 1
    x = y = np.linspace(-1.0, 1.0, 21)
    view.set_surface(x, y, np.add.outer(x**2, -(y**2)))
    view.grab()
    assert view.backdrop_renders == renders + 2


def test_without_opengl_the_view_still_draws_paths_and_points(make_view, monkeypatch):
    monkeypatch.setattr(surface3d, "_gl", False)  # as after a failed context creation
    view = make_view()
    a_path(view, 1.0)
    image = pixels(view)
    assert view.backdrop_renders == 0
    red = (image[..., 0] > 200) & (image[..., 1] < 60) & (image[..., 2] < 60)
    assert red.sum() > 50  # the path and the point, over the plain background


def test_dragging_turns_the_camera_and_the_wheel_zooms(make_view, qtbot):
    view = make_view()
    azimuth, distance = view.opts["azimuth"], view.opts["distance"]
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=QPoint(100, 100))
    move = QMouseEvent(QMouseEvent.Type.MouseMove, QPointF(140, 100), QPointF(140, 100), Qt.MouseButton.NoButton,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view, move)
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(140, 100))
    assert view.opts["azimuth"] != azimuth
    wheel = QWheelEvent(QPointF(100, 100), QPointF(100, 100), QPoint(), QPoint(0, 120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view, wheel)
    assert view.opts["distance"] < distance


def test_axis_names_stand_beside_the_edges_they_name_at_the_surfaces_height():
    x, y = np.linspace(-2, 2, 21), np.linspace(-2, 2, 31)
    fraction = np.add.outer(np.linspace(0, 0.5, 21), np.linspace(0, 0.5, 31))
    box_x, box_y = x / 2, y / 2
    x_name, y_name = Surface3DView._beside_edges(box_x, box_y, fraction)
    # "x" beside the middle of the edge y = min, which runs along x; "y" beside the edge x = max
    assert x_name[0] == 0 and x_name[1] < box_y[0] and x_name[2] == surface3d.HEIGHT * fraction[10, 0]
    assert y_name[0] > box_x[-1] and y_name[1] == 0 and y_name[2] == surface3d.HEIGHT * fraction[-1, 15]
