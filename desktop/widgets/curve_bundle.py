"""Many curves over one shared x axis, growing as training runs: e.g. the gradient norm of each of
30 layers against the training step.

:class:`~desktop.widgets.live_curve.LiveCurvePlot` suits a few curves (losses): each is its own
plot item and the view follows the data every frame. With dozens of curves that costs a paint
call per curve and a redraw of both axes per frame. Here all curves are one graphics item, and
the view range grows in steps (x to the next 1-2-5 number of steps, y to whole units), so the
axes (cached as pixmaps) redraw only when the data outgrow them.

Values are drawn as given (pass log10 values and a power-of-ten axis for a log scale). A curve
with more points than :data:`POINT_BUDGET` is drawn from min/max pairs per bucket, so spikes
survive and the cost per frame stays flat however long the run. NaN (and ±inf) leave gaps.
"""
from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainterPath, QPen

from desktop.widgets.plot_style import cache_axes

# Most points drawn per curve (about two per pixel of a wide plot).
POINT_BUDGET = 800
# The x range grows to the next of these times a power of ten.
_NICE = (1.0, 2.0, 5.0, 10.0)


def nice_ceiling(value: float) -> float:
    """The smallest 1, 2 or 5 times a power of ten that is >= ``value`` (>= 1)."""
    value = max(float(value), 1.0)
    power = 10.0 ** np.floor(np.log10(value))
    return next(power * n for n in _NICE if power * n >= value)


def bucket_extremes(x: np.ndarray, y: np.ndarray, budget: int) -> tuple[np.ndarray, np.ndarray]:
    """For (curves, n) values ``y`` at ``x``: at most ``budget`` points per curve, as the min and
    max of each bucket of consecutive points (the tail that does not fill a bucket is kept)."""
    n = len(x)
    if n <= budget:
        return x, y
    size = int(np.ceil(2 * n / budget))
    full = (n // size) * size
    xb = x[:full].reshape(-1, size)
    yb = y[:, :full].reshape(len(y), -1, size)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # an all-NaN bucket stays NaN
        low, high = np.nanmin(yb, axis=2), np.nanmax(yb, axis=2)
    xs = np.column_stack([xb[:, 0], xb[:, -1]]).ravel()
    ys = np.stack([low, high], axis=2).reshape(len(y), -1)
    return np.concatenate([xs, x[full:]]), np.concatenate([ys, y[:, full:]], axis=1)


class _Bundle(pg.GraphicsObject):
    def __init__(self) -> None:
        super().__init__()
        self._paths: list[QPainterPath] = []
        self._pens: list[QPen] = []
        self._rect = QRectF(0, 0, 1, 1)

    def set_rect(self, rect: QRectF) -> None:
        self.prepareGeometryChange()
        self._rect = rect

    def set_paths(self, paths: list[QPainterPath]) -> None:
        self._paths = paths
        self.update()

    def set_pens(self, pens: list[QPen]) -> None:
        self._pens = pens
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        return self._rect

    def paint(self, painter, option, widget=None) -> None:
        for path, pen in zip(self._paths, self._pens):
            painter.setPen(pen)
            painter.drawPath(path)


class CurveBundlePlot(pg.PlotWidget):
    """A plot of ``count`` curves sharing one growing x; see the module docstring."""

    def __init__(self, parent=None, axis_items: dict | None = None) -> None:
        super().__init__(parent, axisItems=axis_items)
        self.setMenuEnabled(False)
        self.hideButtons()
        self.setMouseEnabled(x=False, y=False)
        self.getViewBox().disableAutoRange()
        cache_axes(self)
        self._bundle = _Bundle()
        self.addItem(self._bundle)
        self._x = np.zeros(0)
        self._y = np.zeros((0, 0))
        self._size = 0
        self._x_range = (0.0, 1.0)
        self._y_range = (0.0, 1.0)
        self._y_seen = (np.inf, -np.inf)  # smallest and largest finite value so far
        self._pens: list[QPen] = []
        self.set_curves(0)

    # ----- data -----------------------------------------------------------------------------

    def set_curves(self, count: int) -> None:
        """Start over with ``count`` empty curves."""
        self._x = np.zeros(256)
        self._y = np.full((count, 256), np.nan)
        self._size = 0
        self._x_range, self._y_range = (0.0, 1.0), (0.0, 1.0)
        self._y_seen = (np.inf, -np.inf)
        self._show_range()
        self._bundle.set_paths([])

    def curve_count(self) -> int:
        return len(self._y)

    def append(self, x: np.ndarray, y: np.ndarray) -> None:
        """Add points: ``x`` (n,) not decreasing, ``y`` (n, curves). Call :meth:`refresh` to
        draw them."""
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        if y.shape != (len(x), len(self._y)):
            raise ValueError(f"y must have shape ({len(x)}, {len(self._y)}), got {y.shape}")
        needed = self._size + len(x)
        if needed > len(self._x):
            capacity = max(needed, 2 * len(self._x))
            self._x = np.concatenate([self._x, np.zeros(capacity - len(self._x))])
            grown = np.full((len(self._y), capacity), np.nan)
            grown[:, :self._size] = self._y[:, :self._size]
            self._y = grown
        self._x[self._size:needed] = x
        self._y[:, self._size:needed] = y.T
        self._size = needed
        finite = y[np.isfinite(y)]
        if finite.size:
            self._y_seen = (min(self._y_seen[0], finite.min()), max(self._y_seen[1], finite.max()))

    def data(self) -> tuple[np.ndarray, np.ndarray]:
        """Every point so far: x (n,) and y (curves, n)."""
        return self._x[:self._size], self._y[:, :self._size]

    def refresh(self) -> None:
        """Draw the points added so far, growing the view if they left it."""
        x, y = self.data()
        self._grow_range(x)
        xs, ys = bucket_extremes(x, y, POINT_BUDGET)
        finite = np.isfinite(ys)
        paths = [pg.functions.arrayToQPath(xs, np.where(row_ok, row, 0.0), connect=row_ok)
                 for row, row_ok in zip(ys, finite)]
        self._bundle.set_paths(paths)

    def _grow_range(self, x: np.ndarray) -> None:
        """x: from the first point to the next 1-2-5 span that holds the last; y: whole units
        around every value seen. Both only change when the data leave them."""
        x_low = float(x[0]) if len(x) else 0.0
        x_range = (x_low, x_low + nice_ceiling(float(x[-1]) - x_low)) if len(x) else (0.0, 1.0)
        y_range = self._y_range
        low, high = self._y_seen
        if low <= high:
            low, high = float(np.floor(low)), float(np.ceil(high))
            y_range = (low, max(high, low + 1.0))
        if x_range != self._x_range or y_range != self._y_range:
            self._x_range, self._y_range = x_range, y_range
            self._show_range()

    def _show_range(self) -> None:
        (x_low, x_high), (y_low, y_high) = self._x_range, self._y_range
        self._bundle.set_rect(QRectF(x_low, y_low, x_high - x_low, y_high - y_low))
        self.setRange(xRange=self._x_range, yRange=self._y_range, padding=0.02)

    def view_range(self) -> tuple[tuple[float, float], tuple[float, float]]:
        return self._x_range, self._y_range

    # ----- look -----------------------------------------------------------------------------

    def set_pens(self, pens: Sequence[QPen]) -> None:
        if len(pens) != len(self._y):
            raise ValueError(f"got {len(pens)} pens for {len(self._y)} curves")
        self._pens = list(pens)
        self._bundle.set_pens(self._pens)

    def pens(self) -> list[QPen]:
        return list(self._pens)
