"""Loss against step for every racer, on axes that stay still.

A race hands over each racer's whole loss history with every frame. The axes only change when
the data leave them, and then jump to the next round number (1, 2, 5 × 10ᵏ steps; whole decades
of loss in log scale), so that a student reads a steady picture and the window is not redrawn
twice more per frame for new axis ticks. For the same reason the chart repaints only when its
methods change it (see desktop.widgets.contour_map).
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsView

from desktop.theme import Style
from desktop.widgets.still_axes import cache_axes


MIN_POINT_BUDGET = 400


def peak_decimated(values: np.ndarray, budget: int) -> tuple[np.ndarray, np.ndarray]:
    """(steps, values) with at most about ``budget`` points: beyond that, each run of
    consecutive steps is replaced by its smallest and largest value, so oscillations keep their
    full height (only what falls on the same pixel is merged)."""
    count = len(values)
    steps = np.arange(count, dtype=np.float64)
    if count <= budget:
        return steps, values
    run = int(np.ceil(2 * count / budget))
    whole = count - count % run
    blocks = values[:whole].reshape(-1, run)
    lows, highs = blocks.min(axis=1), blocks.max(axis=1)
    block_steps = steps[:whole].reshape(-1, run)
    x = np.column_stack([block_steps[:, 0], block_steps[:, -1]]).ravel()
    y = np.column_stack([highs, lows]).ravel()
    return np.concatenate([x, steps[whole:]]), np.concatenate([y, values[whole:]])


def round_up(value: float) -> float:
    """The smallest of 1, 2, 5 × 10ᵏ that is at least ``value`` (> 0)."""
    exponent = math.floor(math.log10(value))
    for mantissa in (1.0, 2.0, 5.0, 10.0):
        if mantissa * 10.0**exponent >= value * (1 - 1e-12):
            return mantissa * 10.0**exponent
    return 10.0 ** (exponent + 1)


class LossChart(pg.PlotWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.NoViewportUpdate)
        self.setMenuEnabled(False)
        self.hideButtons()
        self.setMouseEnabled(x=False, y=False)
        self.getViewBox().disableAutoRange()
        cache_axes(self)
        self._curves: dict[str, pg.PlotDataItem] = {}
        self._pens: dict[str, tuple[str, float]] = {}
        self._line_width = 2.0
        self._log = False
        self._range: tuple | None = None

    def apply_style(self, style: Style) -> None:
        """Line width from the style (colours come with the data)."""
        self._line_width = style.line_width

    def clear_curves(self) -> None:
        for curve in self._curves.values():
            curve.setData([], [])
            curve.hide()
        self._range = None
        self.viewport().update()

    def set_log(self, log: bool) -> None:
        self._log = bool(log)
        self.setLogMode(y=self._log)
        self._range = None
        self._fit()
        self.viewport().update()

    @property
    def log(self) -> bool:
        return self._log

    def set_losses(self, losses: dict[str, np.ndarray], colors: dict[str, QColor]) -> None:
        """Show each method's loss history (index = step)."""
        for name, curve in self._curves.items():
            curve.setVisible(name in losses)
        for name, values in losses.items():
            curve = self._curves.get(name)
            if curve is None:
                # No automatic downsampling or clipping: pyqtgraph recomputes them while painting,
                # which makes the window paint once more every frame.
                curve = self.plot([], [], connect="finite")
                self._curves[name] = curve
            pen = (QColor(colors[name]).name(), self._line_width)
            if self._pens.get(name) != pen:  # a new pen makes the curve recompute its shape
                self._pens[name] = pen
                curve.setPen(pg.mkPen(pen[0], width=pen[1]))
            curve.setData(*peak_decimated(np.asarray(values, dtype=np.float64), self._budget()))
        self._fit()
        self.viewport().update()

    def curve_data(self, name: str) -> np.ndarray:
        """The values drawn for ``name`` (after decimation of long histories)."""
        return np.asarray(self._curves[name].yData)

    def _budget(self) -> int:
        """About two points per pixel of the plot's width."""
        return max(2 * self.getViewBox().width(), MIN_POINT_BUDGET)

    def _fit(self) -> None:
        shown = [c for c in self._curves.values() if c.isVisible() and c.yData is not None and len(c.yData)]
        if not shown:
            return
        steps = max(c.xData[-1] for c in shown)  # the last step, also of a decimated history
        values = np.concatenate([c.yData for c in shown])
        finite = values[np.isfinite(values)]
        if self._log:
            finite = finite[finite > 0]
        if not finite.size:
            return
        x_high = round_up(max(steps, 10))
        if self._log:
            y_range = (math.floor(math.log10(finite.min())), math.ceil(math.log10(finite.max())))
            if y_range[1] == y_range[0]:
                y_range = (y_range[0], y_range[0] + 1)
        else:
            top = round_up(finite.max()) if finite.max() > 0 else 1.0
            bottom = -round_up(-finite.min()) if finite.min() < 0 else 0.0
            y_range = (bottom, top)
        wanted = (x_high, y_range)
        if wanted != self._range:
            self._range = wanted
            self.setRange(xRange=(0, x_high), yRange=y_range, padding=0.02)
