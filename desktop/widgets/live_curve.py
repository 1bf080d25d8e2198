"""A chart of curves that grow while training runs and keep their whole history.

A training curve can reach millions of points in an hour. Redrawing all of them thirty times a
second would stall the window, so each :class:`Series` keeps a *min-max pyramid*: level k stores,
for every run of 2^k·``BASE`` consecutive points, their smallest and largest value. Whatever part
of the history is on screen, the chart draws it from the coarsest level that still has about two
points per pixel — the "peak" downsampling of the pyqtgraph examples, but with a cost per frame
that does not grow with the history. Spikes survive because minima and maxima are kept, never
averaged.

The plot items are created once; every frame only calls ``setData`` and sets the view range
itself (no autorange). While the view *follows* the data (the default), it shows the whole
history; panning or zooming with the mouse stops following, and double-clicking resumes it.
A following view snaps its bounds to "nice" numbers (1, 1.2, 1.5, 2, ... × 10^k), so the range,
and with it the axes' ticks and labels, changes only now and then: redrawing the axes of every
chart on every frame would cost more than drawing the curves.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGraphicsView

#: Points per bucket of the finest pyramid level.
BASE = 4
#: Most points a Series returns for one curve unless told otherwise; a chart asks for about
#: POINTS_PER_PIXEL per pixel of its width, which draws every peak and no more.
POINT_BUDGET = 4000
POINTS_PER_PIXEL = 2
#: Mantissas of the bounds a following view snaps to.
NICE_STEPS = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)


def nice_ceiling(value: float) -> float:
    """The smallest "nice" number (a NICE_STEPS mantissa × 10^k) >= ``value``; 0 for 0, and
    −(nice floor of −value) for negative values."""
    if value == 0:
        return 0.0
    if value < 0:
        return -nice_floor(-value)
    exponent = 10.0 ** np.floor(np.log10(value))
    mantissa = value / exponent
    return next(step for step in NICE_STEPS if step >= mantissa * (1 - 1e-12)) * exponent


def nice_floor(value: float) -> float:
    """The largest "nice" number <= ``value`` (see :func:`nice_ceiling`)."""
    if value == 0:
        return 0.0
    if value < 0:
        return -nice_ceiling(-value)
    exponent = 10.0 ** np.floor(np.log10(value))
    mantissa = value / exponent
    return next(step for step in reversed(NICE_STEPS) if step <= mantissa * (1 + 1e-12)) * exponent


class _Growing:
    """An append-only float64 array with amortized O(1) appends."""

    def __init__(self) -> None:
        self._data = np.empty(256)
        self.size = 0

    def extend(self, values: np.ndarray) -> None:
        needed = self.size + len(values)
        if needed > len(self._data):
            grown = np.empty(max(needed, 2 * len(self._data)))
            grown[: self.size] = self._data[: self.size]
            self._data = grown
        self._data[self.size:needed] = values
        self.size = needed

    @property
    def values(self) -> np.ndarray:
        return self._data[: self.size]


class Series:
    """One curve's history: raw points plus the min-max pyramid over them.

    ``x`` must not decrease (epochs, steps, time), which lets a visible x range be found by
    binary search. NaN values are allowed and show as gaps.
    """

    def __init__(self) -> None:
        self.x = _Growing()
        self.y = _Growing()
        # levels[k] holds (first x, last x, min y, max y) of each complete bucket of
        # BASE * 2**k points.
        self._levels: list[tuple[_Growing, _Growing, _Growing, _Growing]] = []

    def __len__(self) -> int:
        return self.x.size

    def extend(self, x: np.ndarray, y: np.ndarray) -> None:
        x = np.asarray(x, dtype=np.float64).ravel()
        y = np.asarray(y, dtype=np.float64).ravel()
        if len(x) != len(y):
            raise ValueError(f"x has {len(x)} values but y has {len(y)}")
        if len(x) == 0:
            return
        self.x.extend(x)
        self.y.extend(y)
        self._grow_pyramid()

    def _grow_pyramid(self) -> None:
        """Add every bucket that has become complete, level by level."""
        source_x0, source_x1 = self.x.values, self.x.values
        source_min = source_max = self.y.values
        width = BASE
        level = 0
        while len(source_x0) >= width:
            if level == len(self._levels):
                self._levels.append(tuple(_Growing() for _ in range(4)))
            x0, x1, low, high = self._levels[level]
            done = x0.size * width
            complete = (len(source_x0) // width) * width
            if complete == done:
                break  # every level above is up to date with this one already
            part = slice(done, complete)
            x0.extend(source_x0[part][::width])
            x1.extend(source_x1[part][width - 1::width])
            with np.errstate(invalid="ignore"):
                low.extend(np.fmin.reduce(source_min[part].reshape(-1, width), axis=1))
                high.extend(np.fmax.reduce(source_max[part].reshape(-1, width), axis=1))
            source_x0, source_x1 = x0.values, x1.values
            source_min, source_max = low.values, high.values
            width = 2
            level += 1

    def visible(self, x_low: float, x_high: float, budget: int = POINT_BUDGET) -> tuple[np.ndarray, np.ndarray]:
        """Points to draw for the x range [x_low, x_high]: the raw points if they fit the budget,
        otherwise min/max pairs from the finest pyramid level that fits, with the recent end
        that this level does not cover yet taken from finer levels and the raw points."""
        x, y = self.x.values, self.y.values
        start = max(int(np.searchsorted(x, x_low, side="left")) - 1, 0)
        stop = min(int(np.searchsorted(x, x_high, side="right")) + 1, len(x))
        if stop - start <= budget:
            return x[start:stop], y[start:stop]
        coarse = next((k for k in range(len(self._levels))
                       if 2 * ((stop - start) // (BASE << k) + 2) <= budget), len(self._levels) - 1)
        pieces_x, pieces_y = [], []
        position = start // (BASE << coarse) * (BASE << coarse)
        for level in range(coarse, -1, -1):
            width = BASE << level
            x0, x1, low, high = self._levels[level]
            first, last = position // width, min(-(-stop // width), x0.size)
            if last > first:
                pieces_x.append(np.column_stack([x0.values[first:last], x1.values[first:last]]).ravel())
                pieces_y.append(np.column_stack([low.values[first:last], high.values[first:last]]).ravel())
                position = last * width
        pieces_x.append(x[position:stop])
        pieces_y.append(y[position:stop])
        return np.concatenate(pieces_x), np.concatenate(pieces_y)

    def clear(self) -> None:
        self.__init__()


class LiveCurvePlot(pg.PlotWidget):
    """A plot of named growing curves (e.g. train and test loss) that follows the data."""

    #: Emitted with the new state when following is switched on or off.
    following_changed = Signal(bool)

    def __init__(self, parent=None, y_floor: float | None = None) -> None:
        """``y_floor``: the lowest y the view shows in linear scale (0 for losses), or None."""
        super().__init__(parent)
        self._series: dict[str, Series] = {}
        self._curves: dict[str, pg.PlotDataItem] = {}
        self._y_floor = y_floor
        self._log_y = False
        self._following = True
        self._fixed_y: tuple[float, float] | None = None
        self._shown_range: tuple[float, float, float, float] | None = None
        self.setMenuEnabled(False)
        self.hideButtons()
        self.showGrid(x=True, y=True, alpha=0.2)
        # Repaint only when refresh() (or a resize) asks: left to itself, the scene would paint
        # twice per frame, once more for each item that updates itself during the first paint.
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.NoViewportUpdate)
        view = self.getViewBox()
        view.disableAutoRange()
        view.sigRangeChangedManually.connect(self._stop_following)
        view.sigRangeChanged.connect(self._redraw_after_user_change)

    # ----- curves -----------------------------------------------------------------------------

    def add_curve(self, name: str, pen, label: str = "") -> pg.PlotDataItem:
        """Create the curve ``name`` once; later frames only append data to it."""
        if name in self._curves:
            raise ValueError(f"a curve named {name!r} already exists")
        curve = self.plot([], [], pen=pen, name=label or None, skipFiniteCheck=False)
        self._series[name] = Series()
        self._curves[name] = curve
        return curve

    def curve(self, name: str) -> pg.PlotDataItem:
        return self._curves[name]

    def series(self, name: str) -> Series:
        return self._series[name]

    def append(self, name: str, x: np.ndarray, y: np.ndarray) -> None:
        """Add points to one curve; call :meth:`refresh` once per frame after all appends."""
        self._series[name].extend(x, y)

    def clear_data(self) -> None:
        for series in self._series.values():
            series.clear()
        self._following = True
        self.refresh()

    # ----- view -------------------------------------------------------------------------------

    @property
    def following(self) -> bool:
        return self._following

    def follow(self) -> None:
        """Show the whole history again and keep showing it as it grows."""
        if not self._following:
            self._following = True
            self.following_changed.emit(True)
        self.refresh()

    def set_log_y(self, log: bool) -> None:
        self._log_y = bool(log)
        self._shown_range = None
        self.setLogMode(y=self._log_y)
        self.refresh()

    @property
    def log_y(self) -> bool:
        return self._log_y

    def set_fixed_y_range(self, low_high: tuple[float, float] | None) -> None:
        """Fix the y range (e.g. 0–1 for accuracy) instead of fitting it to the data."""
        self._fixed_y = low_high
        self._shown_range = None
        self.refresh()

    def refresh(self) -> None:
        """Redraw every curve for the current view; cheap whatever the history length."""
        view = self.getViewBox()
        if self._following:
            x_low, x_high = self._data_x_range()
        else:
            (x_low, x_high), _ = view.viewRange()
        y_low, y_high = np.inf, -np.inf
        budget = max(POINTS_PER_PIXEL * self.viewport().width(), 200)
        for name, series in self._series.items():
            x, y = series.visible(x_low, x_high, budget)
            curve = self._curves[name]
            curve.setData(x, y, connect="finite")
            if self._following and len(y):
                shown = y[np.isfinite(y) & (y > 0)] if self._log_y else y[np.isfinite(y)]
                if len(shown):
                    y_low, y_high = min(y_low, shown.min()), max(y_high, shown.max())
        if self._following:
            self._show_range(x_low, x_high, y_low, y_high)
        self.viewport().update()

    def _data_x_range(self) -> tuple[float, float]:
        lows = [s.x.values[0] for s in self._series.values() if len(s)]
        highs = [s.x.values[-1] for s in self._series.values() if len(s)]
        if not lows:
            return 0.0, 1.0
        low, high = min(lows), max(highs)
        return (low, high) if high > low else (low, low + 1.0)

    def _show_range(self, x_low: float, x_high: float, y_low: float, y_high: float) -> None:
        x_high = nice_ceiling(x_high) if x_high > 0 else x_high
        if self._fixed_y is not None:
            y_low, y_high = self._fixed_y
        elif not np.isfinite(y_low):
            y_low, y_high = (-3.0, 0.0) if self._log_y else (0.0, 1.0)
        elif self._log_y:  # whole half-decades
            y_low, y_high = np.floor(2 * np.log10(y_low)) / 2, np.ceil(2 * np.log10(y_high)) / 2
        else:
            y_low = min(self._y_floor, y_low) if self._y_floor is not None else nice_floor(y_low)
            y_high = nice_ceiling(y_high)
        if y_high <= y_low:
            y_high = y_low + (1.0 if y_low == 0 else abs(y_low) * 0.1)
        shown = (float(x_low), float(x_high), float(y_low), float(y_high))
        if shown != self._shown_range:
            self._shown_range = shown
            # A programmatic change: ViewBox reports only mouse changes as
            # sigRangeChangedManually, so following stays on.
            self.getViewBox().setRange(xRange=shown[:2], yRange=shown[2:], padding=0.02)

    def _stop_following(self, *_args) -> None:
        self._shown_range = None
        if self._following:
            self._following = False
            self.following_changed.emit(False)

    def _redraw_after_user_change(self, *_args) -> None:
        if not self._following:
            self.refresh()

    def mouseDoubleClickEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.follow()
        else:
            super().mouseDoubleClickEvent(event)
