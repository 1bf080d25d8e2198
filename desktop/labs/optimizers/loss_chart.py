"""Loss against step for every racer, on axes that stay still.

A race hands over each racer's whole loss history with every frame. The axes only change when
the data leave them, and then jump to the next round number (1, 2, 5 × 10ᵏ steps; whole decades
of loss in log scale), so that a student reads a steady picture and the window is not redrawn
twice more per frame for new axis ticks. For the same reason the chart repaints only when its
methods change it (see desktop.widgets.contour_map).

All curves are one :class:`~desktop.widgets.trail_canvas.TrailItem`, which strokes only the
steps that are new since the last frame. A long history is drawn from the highest and lowest
loss of each bucket of steps about a pixel wide (:func:`bucket_peaks`); the buckets are fixed
by the step axis, so the part of a curve drawn so far stays as it is until the axis grows, and
each frame only buckets its new steps.
"""
from __future__ import annotations

import math
import warnings

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsView

from desktop.theme import Style
from desktop.widgets.still_axes import cache_axes
from desktop.widgets.trail_canvas import TrailItem


def bucket_peaks(values: np.ndarray, run: int) -> tuple[np.ndarray, np.ndarray, int]:
    """(steps, values, settled) to draw for a history: each whole bucket of ``run`` consecutive
    steps (from step 0) becomes its largest then its smallest value (NaN ignored), at its first
    and last step, so oscillations keep their full height; the steps of the last, unfinished
    bucket are drawn as they are. ``settled``: how many leading points every later, longer
    history starts with."""
    count = len(values)
    steps = np.arange(count, dtype=np.float64)
    if run <= 1:
        return steps, values, count
    whole = count - count % run
    blocks = values[:whole].reshape(-1, run)
    block_steps = steps[:whole].reshape(-1, run)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # an all-NaN bucket stays NaN: a gap
        peaks = np.column_stack([np.nanmax(blocks, axis=1), np.nanmin(blocks, axis=1)])
    x = np.column_stack([block_steps[:, 0], block_steps[:, -1]]).ravel()
    return np.concatenate([x, steps[whole:]]), np.concatenate([peaks.ravel(), values[whole:]]), len(x)


def round_up(value: float) -> float:
    """The smallest of 1, 2, 5 × 10ᵏ that is at least ``value`` (> 0)."""
    exponent = math.floor(math.log10(value))
    for mantissa in (1.0, 2.0, 5.0, 10.0):
        if mantissa * 10.0**exponent >= value * (1 - 1e-12):
            return mantissa * 10.0**exponent
    return 10.0 ** (exponent + 1)


class _Curve:
    """One method's curve as drawn: the buckets of its history so far (see :func:`bucket_peaks`),
    in log scale of the log10 of its positive values, extended by the new buckets of each frame
    (the old ones do not change), and the steps of its unfinished bucket."""

    def __init__(self, history: np.ndarray, run: int, log: bool) -> None:
        self.run, self.log = run, log
        self.first = history[:1].copy()  # a new race starts a new curve
        self.consumed = 0  # history steps in whole buckets
        self._steps = self._values = np.empty(0)
        self.points = np.empty((0, 2))

    def continues(self, history: np.ndarray, run: int, log: bool) -> bool:
        return (run == self.run and log == self.log and len(history) >= self.consumed
                and np.array_equal(history[:1], self.first, equal_nan=True))

    def update(self, history: np.ndarray) -> int:
        """Bring :attr:`points` (steps, values) up to ``history``; returns how many are settled."""
        whole = len(history) - len(history) % self.run
        if whole > self.consumed:
            steps, values, _ = bucket_peaks(self._plotted(history[self.consumed:whole]), self.run)
            self._steps = np.concatenate([self._steps, steps + self.consumed])
            self._values = np.concatenate([self._values, values])
            self.consumed = whole
        settled = len(self._steps)
        self.points = np.empty((settled + len(history) - whole, 2))
        self.points[:settled, 0], self.points[:settled, 1] = self._steps, self._values
        self.points[settled:, 0] = np.arange(whole, len(history))
        self.points[settled:, 1] = self._plotted(history[whole:])
        return settled

    def _plotted(self, values: np.ndarray) -> np.ndarray:
        """What the axis plots: the values, or in log scale log10 of the positive ones (NaN else)."""
        if not self.log:
            return values
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.log10(np.where(values > 0, values, np.nan))


class LossChart(pg.PlotWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.NoViewportUpdate)
        self.setMenuEnabled(False)
        self.hideButtons()
        self.setMouseEnabled(x=False, y=False)
        self.getViewBox().disableAutoRange()
        cache_axes(self)
        self.lines = TrailItem()
        self.addItem(self.lines)
        # Per method: its last loss history, its curve and its pen.
        self._histories: dict[str, np.ndarray] = {}
        self._curves: dict[str, _Curve] = {}
        self._pens: dict[str, QPen] = {}
        self._line_width = 2.0
        self._log = False
        self._range: tuple | None = None

    def apply_style(self, style: Style) -> None:
        """Line width from the style (colours come with the data)."""
        self._line_width = style.line_width

    def clear_curves(self) -> None:
        self.lines.clear()
        self._histories.clear()
        self._curves.clear()
        self._range = None
        self.viewport().update()

    def set_log(self, log: bool) -> None:
        self._log = bool(log)
        self.setLogMode(y=self._log)
        self._range = None
        self._draw()

    @property
    def log(self) -> bool:
        return self._log

    def set_losses(self, losses: dict[str, np.ndarray], colors: dict[str, QColor]) -> None:
        """Show each method's loss history (index = step)."""
        for name in set(self._histories) - set(losses):
            del self._histories[name]
            self.lines.set_line(name, np.empty((0, 2)), self._pens[name])
        for name, history in losses.items():
            self._histories[name] = np.asarray(history, dtype=np.float64)
            pen = self._pens.get(name)
            if pen is None or pen.color() != QColor(colors[name]) or pen.widthF() != self._line_width:
                self._pens[name] = pg.mkPen(colors[name], width=self._line_width)
        self._draw()

    def _draw(self) -> None:
        last_step = max((len(history) - 1 for history in self._histories.values()), default=0)
        run = self._bucket_steps(self._step_axis_end(last_step))
        for name, history in self._histories.items():
            curve = self._curves.get(name)
            if curve is None or not curve.continues(history, run, self._log):
                curve = self._curves[name] = _Curve(history, run, self._log)
            settled = curve.update(history)
            self.lines.set_line(name, curve.points, self._pens[name], settled)
        self._fit(last_step)
        self.viewport().update()

    def curve_data(self, name: str) -> np.ndarray:
        """The values drawn for ``name`` (after bucketing of long histories; log10 in log scale)."""
        return self._curves[name].points[:, 1]

    def _bucket_steps(self, axis_end: float) -> int:
        """Steps per bucket: about one bucket (two points) per pixel of the plot's width."""
        return max(1, int(axis_end // max(self.getViewBox().width(), 1.0)))

    @staticmethod
    def _step_axis_end(last_step: int) -> float:
        return round_up(max(last_step, 10))

    def _fit(self, last_step: int) -> None:
        drawn = [self._curves[name].points[:, 1] for name in self._histories]
        values = np.concatenate(drawn) if drawn else np.empty(0)
        finite = values[np.isfinite(values)]
        if not finite.size:
            return
        if self._log:  # the values drawn are log10 of the losses: whole decades
            y_range = (math.floor(finite.min()), math.ceil(finite.max()))
            if y_range[1] == y_range[0]:
                y_range = (y_range[0], y_range[0] + 1)
        else:
            top = round_up(finite.max()) if finite.max() > 0 else 1.0
            bottom = -round_up(-finite.min()) if finite.min() < 0 else 0.0
            y_range = (bottom, top)
        wanted = (self._step_axis_end(last_step), y_range)
        if wanted != self._range:
            self._range = wanted
            self.setRange(xRange=(0, wanted[0]), yRange=y_range, padding=0.02)
