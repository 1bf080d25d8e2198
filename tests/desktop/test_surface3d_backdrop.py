"""The 3D view renders its surface once into a backdrop and copies it onto each frame: a frame in
which only paths and points move must not render the mesh again, must look exactly like a frame
rendered from scratch, and a new camera or surface must render it again (needs a real GL context:
pytest-xvfb)."""
import numpy as np
import pyqtgraph.opengl as gl
import pytest
from PySide6.QtGui import QColor, QImage

from desktop.widgets.surface3d import Surface3DView

pytestmark = pytest.mark.gl


def pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGBA8888)
    return np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())[
        :, : 4 * image.width()
    ].copy()


class DrawnFromScratch(Surface3DView):
    """Paints every item on every frame, as pyqtgraph does: the reference picture."""

    paintGL = gl.GLViewWidget.paintGL


def shown(view_class, qtbot):
    view = view_class(adapt_to_slow_rendering=False)
    qtbot.addWidget(view)
    view.resize(320, 240)
    view.show()
    qtbot.waitExposed(view)
    x = y = np.linspace(-2.0, 2.0, 41)
    view.set_surface(x, y, np.add.outer(x**2, 3 * y**2))
    return view


@pytest.fixture
def view(qtbot):
    return shown(Surface3DView, qtbot)


def a_path(view, end: float) -> None:
    t = np.linspace(0.0, 1.0, 50)
    xy = np.column_stack([-1.5 + (end + 1.5) * t, 1.5 - 1.5 * t])
    view.set_path("gd", xy, xy[:, 0] ** 2 + 3 * xy[:, 1] ** 2, QColor("#ff0000"))
    view.set_points(xy[-1:], xy[-1:, 0] ** 2 + 3 * xy[-1:, 1] ** 2, [QColor("#ff0000")])


def test_moving_paths_reuse_the_backdrop_and_look_as_if_drawn_from_scratch(view, qtbot):
    a_path(view, 0.0)
    first = pixels(view.grabFramebuffer())
    renders = view.backdrop_renders
    a_path(view, 1.0)
    cached = pixels(view.grabFramebuffer())
    assert view.backdrop_renders == renders
    assert (cached != first).any()  # the path moved on screen
    reference = shown(DrawnFromScratch, qtbot)
    a_path(reference, 1.0)
    assert np.array_equal(cached, pixels(reference.grabFramebuffer()))


def test_a_new_camera_or_surface_renders_the_backdrop_again(view):
    view.grabFramebuffer()
    renders = view.backdrop_renders
    view.setCameraPosition(azimuth=30)
    view.grabFramebuffer()
    assert view.backdrop_renders == renders + 1
    x = y = np.linspace(-1.0, 1.0, 21)
    view.set_surface(x, y, np.add.outer(x**2, -(y**2)))
    view.grabFramebuffer()
    assert view.backdrop_renders == renders + 2
