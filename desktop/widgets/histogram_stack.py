"""Many histograms over one shared x axis, stacked one row each (a ridgeline plot).

Made for "one histogram per layer": row 0 is drawn at the top, each row is scaled to its own
peak (the *shape* and *position* are what the rows compare), and a line through every row's
median shows at a glance how the distribution drifts from row to row. Over log10 data the x axis
is labelled in powers of ten (``log_axis=True``), and the first and last bins, which collect
everything beyond the axis, are shaded as "off the scale".

All rows are one graphics item that keeps a filled outline per row, and also draws the guide
lines and the off-scale shading: a frame rebuilds the outlines (one vectorized path each) and
repaints one item. The axes overlap the plot area by their tick length, so Qt repaints them
with it; they are cached as pixmaps (:func:`cache_axes`), which turns that into a copy instead
of drawing their text again. Ranges are fixed, nothing is auto-ranged.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen

from desktop.theme import Style, make_style
from desktop.widgets.plot_style import cache_axes, style_plot
from desktop.widgets.power_axis import PowerOfTenAxis

# Share of a row's height its tallest bin fills (the rest separates it from the row above).
ROW_FILL = 0.9
# Most row labels on the left axis; with more rows only every k-th is labelled.
MAX_ROW_LABELS = 12


class _BottomAxis(PowerOfTenAxis):
    """Powers of ten over log10 data, ordinary numbers otherwise."""

    def __init__(self) -> None:
        super().__init__("bottom")
        self.powers = True

    def tickValues(self, minVal, maxVal, size):  # noqa: N802 (pyqtgraph's name)
        if self.powers:
            return super().tickValues(minVal, maxVal, size)
        return pg.AxisItem.tickValues(self, minVal, maxVal, size)

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph's name)
        if self.powers:
            return super().tickStrings(values, scale, spacing)
        return pg.AxisItem.tickStrings(self, values, scale, spacing)


class _Ridges(pg.GraphicsObject):
    """Every row's histogram outline, filled, the line through the rows' medians, the guide
    lines and the shaded off-scale bins."""

    def __init__(self) -> None:
        super().__init__()
        self._rect = QRectF(0, 0, 1, 1)
        self._paths: list[QPainterPath] = []
        self._pens: list[QPen] = []
        self._brushes: list[QBrush] = []
        self._medians = np.zeros((0, 2))
        self._median_pen = QPen()
        self._marker_size = 6.0
        self._guide_pen = QPen()
        self._guides = np.zeros(0)
        self._shaded: list[tuple[float, float]] = []  # x ranges of the off-scale bins
        self._shade = QBrush()

    def set_rect(self, rect: QRectF) -> None:
        self.prepareGeometryChange()
        self._rect = rect

    def set_look(self, pens: list[QPen], brushes: list[QBrush], median_pen: QPen,
                 marker_size: float, guide_pen: QPen) -> None:
        self._pens, self._brushes = pens, brushes
        self._median_pen, self._marker_size, self._guide_pen = median_pen, marker_size, guide_pen
        self.update()

    def set_shaded(self, ranges: list[tuple[float, float]], brush: QBrush) -> None:
        """x ranges (data coordinates) shaded over the full height, behind everything else."""
        self._shaded, self._shade = ranges, brush
        self.update()

    def set_guides(self, positions: np.ndarray) -> None:
        """x positions of faint vertical guide lines (the axis's major ticks)."""
        self._guides = np.asarray(positions, dtype=np.float64)
        self.update()

    def set_shapes(self, paths: list[QPainterPath], medians: np.ndarray) -> None:
        """``medians``: (x, y) of each row's median in data coordinates (NaN rows are skipped)."""
        self._paths, self._medians = paths, medians
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        return self._rect

    def paint(self, painter, option, widget=None) -> None:
        top, bottom = self._rect.top(), self._rect.bottom()
        for low, high in self._shaded:
            painter.fillRect(QRectF(low, top, high - low, bottom - top), self._shade)
        painter.setPen(self._guide_pen)
        for x in self._guides:
            painter.drawLine(QPointF(x, top), QPointF(x, bottom))
        for path, pen, brush in zip(self._paths, self._pens, self._brushes):
            painter.setPen(pen)
            painter.setBrush(brush)
            painter.drawPath(path)
        finite = self._medians[np.all(np.isfinite(self._medians), axis=1)]
        if not len(finite):
            return
        # The markers are round on screen whatever the scale, so they are drawn in pixels.
        points = [painter.transform().map(QPointF(x, y)) for x, y in finite]
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(painter.RenderHint.Antialiasing)
        painter.setPen(self._median_pen)
        for start, end in zip(points, points[1:]):
            painter.drawLine(start, end)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._median_pen.color())
        radius = self._marker_size / 2
        for point in points:
            painter.drawEllipse(point, radius, radius)
        painter.restore()


def _guide_positions(edges: np.ndarray, log_axis: bool) -> np.ndarray:
    """Where to draw guide lines: every few decades on a log axis, tenths of the range otherwise."""
    low, high = edges[0], edges[-1]
    if log_axis:
        step = max(1, int(np.ceil((high - low) / 8)))
        return np.arange(np.ceil(low / step) * step, high + 1e-9, step)
    return np.linspace(low, high, 11)[1:-1]


def _outline(edges: np.ndarray, heights: np.ndarray, base: float) -> QPainterPath:
    """The closed step outline of one histogram standing on ``base``."""
    x = np.concatenate(([edges[0]], np.repeat(edges, 2)[1:-1], [edges[-1]]))
    y = np.concatenate(([base], np.repeat(heights + base, 2), [base]))
    path = pg.functions.arrayToQPath(x, y)
    path.closeSubpath()
    return path


def median_positions(counts: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """The median of each row's histogram, interpolated inside its bin (NaN for empty rows)."""
    counts = np.asarray(counts, dtype=np.float64)
    totals = counts.sum(axis=1)
    cumulative = np.cumsum(counts, axis=1)
    medians = np.full(len(counts), np.nan)
    for row in np.flatnonzero(totals > 0):
        half = totals[row] / 2
        bin_index = int(np.searchsorted(cumulative[row], half))
        before = cumulative[row, bin_index - 1] if bin_index else 0.0
        inside = (half - before) / counts[row, bin_index] if counts[row, bin_index] else 0.5
        medians[row] = edges[bin_index] + inside * (edges[bin_index + 1] - edges[bin_index])
    return medians


class HistogramStack(pg.PlotWidget):
    """Rows of histograms over shared bin ``edges``; see the module docstring."""

    def __init__(self, log_axis: bool = True, parent=None) -> None:
        self._axis = _BottomAxis()
        self._axis.powers = log_axis
        super().__init__(parent, axisItems={"bottom": self._axis})
        self.setMenuEnabled(False)
        self.hideButtons()
        self.setMouseEnabled(x=False, y=False)
        self.getViewBox().disableAutoRange()
        self._style: Style = make_style()
        self._edges = np.linspace(0.0, 1.0, 2)
        self._labels: list[str] = []
        self._colors: list[QColor] = []
        self._counts = np.zeros((0, 1))
        self._ridges = _Ridges()
        self.addItem(self._ridges)
        self._log_axis = log_axis
        cache_axes(self)

    # ----- layout ---------------------------------------------------------------------------

    def set_rows(self, labels: Sequence[str], edges: np.ndarray, colors: Sequence[QColor],
                 log_axis: bool) -> None:
        """One row per label, top to bottom, over the (evenly spaced) bin ``edges``."""
        if len(colors) != len(labels):
            raise ValueError(f"got {len(colors)} colors for {len(labels)} rows")
        edges = np.asarray(edges, dtype=np.float64)
        if edges.ndim != 1 or len(edges) < 2 or np.any(np.diff(edges) <= 0):
            raise ValueError("edges must be at least two increasing numbers")
        self._labels, self._edges, self._colors = list(labels), edges, list(colors)
        self._axis.powers = self._log_axis = log_axis
        self._ridges.set_rect(QRectF(edges[0], 0, edges[-1] - edges[0], max(len(labels), 1)))
        self._ridges.set_guides(_guide_positions(edges, log_axis))
        self._update_ticks()
        self.setRange(xRange=(edges[0], edges[-1]), yRange=(0, max(len(labels), 1)), padding=0.01)
        self.apply_style(self._style)
        self.set_counts(np.zeros((len(labels), len(edges) - 1)))

    def row_count(self) -> int:
        return len(self._labels)

    def _baseline(self, row: int) -> float:
        return float(len(self._labels) - 1 - row)

    def _update_ticks(self) -> None:
        every = max(1, int(np.ceil(len(self._labels) / MAX_ROW_LABELS)))
        shown = [(self._baseline(i) + ROW_FILL / 2, label) for i, label in enumerate(self._labels)
                 if i % every == 0 or i == len(self._labels) - 1]
        self.getPlotItem().getAxis("left").setTicks([shown, []])

    # ----- data -----------------------------------------------------------------------------

    def set_counts(self, counts: np.ndarray) -> None:
        """Draw ``counts`` (rows × bins); each row is scaled to its own tallest bin."""
        counts = np.asarray(counts, dtype=np.float64)
        if counts.shape != (len(self._labels), len(self._edges) - 1):
            raise ValueError(f"counts must have shape {(len(self._labels), len(self._edges) - 1)}, "
                             f"got {counts.shape}")
        self._counts = counts
        peaks = counts.max(axis=1, keepdims=True) if counts.size else np.zeros((0, 1))
        heights = np.divide(counts, peaks, out=np.zeros_like(counts), where=peaks > 0) * ROW_FILL
        paths = [_outline(self._edges, heights[row], self._baseline(row))
                 for row in range(len(self._labels))]
        medians = median_positions(counts, self._edges) if counts.size else np.zeros(0)
        rows = np.array([self._baseline(i) + ROW_FILL / 2 for i in range(len(self._labels))])
        self._ridges.set_shapes(paths, np.column_stack([medians, rows]) if len(rows) else np.zeros((0, 2)))

    def counts(self) -> np.ndarray:
        """What the rows show now (for tests)."""
        return self._counts

    def medians(self) -> np.ndarray:
        return median_positions(self._counts, self._edges)

    # ----- look -----------------------------------------------------------------------------

    def apply_style(self, style: Style) -> None:
        self._style = style
        style_plot(self, style)
        # No axis grid: pyqtgraph draws it with the axis, so every frame would repaint the axes
        # (their text is the slowest part of a frame). The ridges draw their own guide lines.
        self.showGrid(x=False, y=False)
        pens, brushes = [], []
        for color in self._colors:
            pens.append(pg.mkPen(color, width=max(1.0, style.line_width / 2), cosmetic=True))
            fill = QColor(color)
            fill.setAlpha(150 if style.presentation else 110)
            brushes.append(pg.mkBrush(fill))
        median_pen = pg.mkPen(QColor(style.palette.text), width=style.line_width,
                              style=Qt.PenStyle.DotLine)
        guide = QColor(style.palette.grid)
        guide_pen = pg.mkPen(guide, width=style.axis_width, cosmetic=True)
        self._ridges.set_look(pens, brushes, median_pen, style.marker_size, guide_pen)
        shade = QColor(style.palette.muted_text)
        shade.setAlpha(40)
        self._ridges.set_shaded(self._off_scale_ranges(), pg.mkBrush(shade))

    def _off_scale_ranges(self) -> list[tuple[float, float]]:
        """The first and last bins on a log axis, which collect everything beyond it."""
        if not self._log_axis:
            return []
        edges = self._edges
        return [(edges[0], edges[1]), (edges[-2], edges[-1])]

    def set_colors(self, colors: Sequence[QColor]) -> None:
        """New row colors (one per row), keeping the counts."""
        if len(colors) != len(self._labels):
            raise ValueError(f"got {len(colors)} colors for {len(self._labels)} rows")
        self._colors = list(colors)
        self.apply_style(self._style)
