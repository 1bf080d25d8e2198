"""What the 3D-view tests share: a bowl shown in a view on screen, and its heights."""
import numpy as np

from desktop.widgets.surface3d import Surface3DView


def bowl(xy: np.ndarray) -> np.ndarray:
    """The surface every view here shows: x² + 3y², at points of shape (n, 2)."""
    return xy[:, 0] ** 2 + 3 * xy[:, 1] ** 2


def bowl_view(qtbot) -> Surface3DView:
    """A 320 × 240 view on screen showing :func:`bowl` over [−2, 2]²."""
    view = Surface3DView(adapt_to_slow_rendering=False)
    qtbot.addWidget(view)
    view.resize(320, 240)
    view.show()
    qtbot.waitExposed(view)
    x = y = np.linspace(-2.0, 2.0, 41)
    view.set_surface(x, y, np.add.outer(x**2, 3 * y**2))
    return view
