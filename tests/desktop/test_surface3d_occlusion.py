"""What the surface stands in front of is drawn faded, not over it: a point at the bottom of a
bowl seen from a low camera, the part of a path that goes down into it; what the camera sees
(the far slope, facing it) is drawn as before. The surface is a solid block, so its walls hide
what a sheet's underside would. Needs a real GL context (pytest-xvfb)."""
import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage

from desktop.widgets import dot_layer, surface3d
from desktop.widgets.surface3d import Surface3DView
from surface3d_fixtures import bowl, bowl_view

pytestmark = pytest.mark.gl

RED = QColor("#ff0000")


def pixels(view: Surface3DView) -> np.ndarray:
    image = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    return rows[:, : 3 * image.width()].reshape(image.height(), image.width(), 3).astype(int)


def bright_red(image: np.ndarray) -> np.ndarray:
    return (image[..., 0] > 200) & (image[..., 1] < 60) & (image[..., 2] < 60)


@pytest.fixture
def low_view(qtbot):
    """A bowl seen from just above the rim of its near side (the camera looks along y)."""
    view = bowl_view(qtbot)
    view.setCameraPosition(elevation=15, azimuth=-90)
    return view


def project(view: Surface3DView, xy: np.ndarray, values: np.ndarray | None = None) -> np.ndarray:
    """Pixels and depths of points (on the bowl unless ``values`` are given), as the view paints
    them (after a paint)."""
    view.grab()
    region = view.getViewport()
    view.setProjection(region, region)
    view.setModelview()
    to_pixels = view._projector(view.currentProjection(), view.currentModelView())
    return to_pixels(view._to_box(np.column_stack([xy, bowl(xy) if values is None else values])))


def test_the_bottom_of_a_bowl_is_hidden_from_a_low_camera_and_its_far_slope_is_not(low_view):
    bottom, far_slope = np.array([[0.0, 0.0]]), np.array([[0.0, 1.6]])
    assert low_view.hidden(project(low_view, bottom)).tolist() == [True]
    assert low_view.hidden(project(low_view, far_slope)).tolist() == [False]
    low_view.set_points(far_slope, bowl(far_slope), [RED])
    assert bright_red(pixels(low_view)).sum() > 30  # drawn as it always was
    low_view.set_points(bottom, bowl(bottom), [RED])
    image = pixels(low_view)
    assert not bright_red(image).any()  # no longer painted over the slope in front of it
    low_view.set_points(np.zeros((0, 2)), np.zeros(0), [])
    x, y = project(low_view, bottom)[0, :2].round().astype(int)
    faded = np.abs(image - pixels(low_view))[y - 2:y + 3, x - 2:x + 3].max()
    assert 20 < faded < 255 * dot_layer.HIDDEN_OPACITY + 10  # but still drawn, faded


def test_a_path_into_the_bowl_is_drawn_faded_where_the_near_side_hides_it(low_view):
    empty = pixels(low_view)
    t = np.linspace(0.0, 1.0, 60)[:, None]
    xy = np.column_stack([np.full(len(t), 0.5), 1.8 * (1 - t[:, 0])])  # from high on the far slope to the bottom
    low_view.set_path("gd", xy, bowl(xy), RED)
    image = pixels(low_view)
    screen = project(low_view, xy)
    hidden = low_view.hidden(screen)
    assert hidden[-1] and not hidden[0]  # the bottom behind the near side, the top in view
    changed = np.abs(image - empty).max(axis=2)
    edges = np.flatnonzero(np.diff(hidden)) + 0.5  # where the path goes behind the slope
    clear = np.abs(np.arange(len(xy))[:, None] - edges).min(axis=1) > 2  # judged away from there
    for (x, y, _), behind in zip(screen[clear].round().astype(int), hidden[clear]):
        around, red = changed[y - 1:y + 2, x - 1:x + 2], bright_red(image[y - 1:y + 2, x - 1:x + 2])
        assert around.max() > 20  # every part of the path is drawn
        assert red.any() != behind  # full colour where it is seen, faded where hidden


def test_without_a_surface_nothing_is_hidden(low_view, monkeypatch):
    monkeypatch.setattr(surface3d, "_gl", False)  # as after a failed context creation
    view = Surface3DView(adapt_to_slow_rendering=False)
    view.resize(320, 240)
    x = y = np.linspace(-2.0, 2.0, 41)
    view.set_surface(x, y, np.add.outer(x**2, 3 * y**2))
    view.setCameraPosition(elevation=15, azimuth=-90)
    bottom = np.array([[0.0, 0.0]])
    view.set_points(bottom, bowl(bottom), [RED])
    assert bright_red(pixels(view)).sum() > 30
    assert not view.hidden(project(view, bottom)).any()


def test_the_bottom_of_a_narrow_pit_is_inside_the_block_not_hanging_below_it(qtbot):
    """On a log scale a minimum becomes a narrow, deep pit; a sheet seen from the default camera
    showed the pit's underside below its near edge, with the point at its bottom in full view."""
    view = Surface3DView(adapt_to_slow_rendering=False)
    qtbot.addWidget(view)
    view.resize(320, 240)
    x = y = np.linspace(-1.0, 1.0, 51)
    view.set_surface(x, y, np.add.outer(x**2, y**2), log_scale=True)
    bottom = np.zeros((1, 2))
    assert view.hidden(project(view, bottom, np.zeros(1))).tolist() == [True]
    view.set_points(bottom, np.zeros(1), [RED])
    assert not bright_red(pixels(view)).any()
