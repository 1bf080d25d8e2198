"""A top view of a surface: a height-coloured image with contour lines, paths, current points,
arrows, a start marker and a draggable probe; clicking the map picks a point.

Repaints are explicit: the view does not repaint for every change inside its scene (Qt would
schedule those after the rest of the window, and with an OpenGL view in the same window each
extra repaint of the window costs a whole frame); every method that changes something asks for
one repaint, in the same pass as the rest of the window.

The colours are those of :class:`~desktop.widgets.surface3d.Surface3DView` (same lookup table,
same :class:`~desktop.widgets.surface3d.HeightScale`), so the map and the 3D view read as one
picture. Contour lines come from a vectorised marching-squares pass (:func:`contour_segments`)
and are drawn as one item, so a new surface costs a few milliseconds; all arrows share one item
too (:class:`ArrowLayer`), and so do all paths (a :class:`~desktop.widgets.trail_canvas.TrailItem`,
which strokes only the new part of a growing path on each frame) and all current points. Every
item is created once; frames only hand items new data, and the view range changes only with the
surface.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView

from desktop.widgets.dot_layer import DotLayer
from desktop.widgets.still_axes import cache_axes
from desktop.widgets.surface3d import HeightScale
from desktop.widgets.trail_canvas import OverlayItem, TrailItem, draw_lines

CONTOUR_LEVELS = 14
# Arrow heads: length as a fraction of the arrow, and half-angle.
_HEAD_FRACTION, _HEAD_ANGLE = 0.3, np.radians(25.0)


# The four edges of a grid cell as (corner a, corner b) offsets from its corner (i, j):
# bottom, top, left, right.
_CELL_EDGES = np.array([[[0, 0], [1, 0]], [[0, 1], [1, 1]], [[0, 0], [0, 1]], [[1, 0], [1, 1]]])


def contour_segments(values: np.ndarray, x: np.ndarray, y: np.ndarray, levels) -> np.ndarray:
    """Line segments where the field ``values[i, j]`` (at ``x[i], y[j]``) crosses each level, as
    an array of shape (2·n, 2): consecutive rows are the two ends of one segment (for a plot item
    with ``connect="pairs"``). A cell crossed on all four edges (a saddle) gets two segments.
    Only the crossed cells are interpolated, so a level costs a few comparisons of the grid."""
    pieces = []
    for level in levels:
        above = values > level
        low_left, low_right, high_left, high_right = above[:-1, :-1], above[1:, :-1], above[:-1, 1:], above[1:, 1:]
        crossed = (low_left != low_right, high_left != high_right, low_left != high_left, low_right != high_right)
        count = crossed[0].astype(np.uint8)
        for edge in crossed[1:]:
            count += edge
        cell_i, cell_j = np.nonzero(count == 2)
        edges = np.nonzero(np.column_stack([edge[cell_i, cell_j] for edge in crossed]))[1]
        saddle_i, saddle_j = np.nonzero(count == 4)
        cell_i = np.concatenate([np.repeat(cell_i, 2), np.repeat(saddle_i, 4)])
        cell_j = np.concatenate([np.repeat(cell_j, 2), np.repeat(saddle_j, 4)])
        edges = np.concatenate([edges, np.tile([0, 2, 1, 3], len(saddle_i))])  # bottom-left, top-right
        a_i, a_j = cell_i + _CELL_EDGES[edges, 0, 0], cell_j + _CELL_EDGES[edges, 0, 1]
        b_i, b_j = cell_i + _CELL_EDGES[edges, 1, 0], cell_j + _CELL_EDGES[edges, 1, 1]
        value_a, value_b = values[a_i, a_j], values[b_i, b_j]
        with np.errstate(invalid="ignore", divide="ignore"):
            t = (value_a - level) / (value_a - value_b)
        pieces.append(np.column_stack([x[a_i] + t * (x[b_i] - x[a_i]), y[a_j] + t * (y[b_j] - y[a_j])]))
    segments = np.concatenate(pieces).reshape(-1, 2, 2) if pieces else np.empty((0, 2, 2))
    return segments[np.isfinite(segments).all(axis=(1, 2))].reshape(-1, 2)


def arrow_segments(origins: np.ndarray, vectors: np.ndarray) -> np.ndarray:
    """Shaft and two head strokes of each arrow, shape (k, 3, 4): stroke s of arrow k goes from
    (x1, y1) to (x2, y2) = ``segments[k, s]`` (NaN where the arrow is not finite)."""
    origins = np.asarray(origins, dtype=np.float64).reshape(-1, 2)
    vectors = np.asarray(vectors, dtype=np.float64).reshape(-1, 2)
    tips = origins + vectors
    back = -_HEAD_FRACTION * vectors
    cos, sin = np.cos(_HEAD_ANGLE), np.sin(_HEAD_ANGLE)
    left = np.stack([cos * back[:, 0] - sin * back[:, 1], sin * back[:, 0] + cos * back[:, 1]], axis=1)
    right = np.stack([cos * back[:, 0] + sin * back[:, 1], -sin * back[:, 0] + cos * back[:, 1]], axis=1)
    return np.stack([origins, tips, tips, tips + left, tips, tips + right], axis=1).reshape(-1, 3, 4)


class ArrowLayer(OverlayItem):
    """Every arrow of the map in one item, all replaced at once: a race shows two per racer, and
    as separate plot items their per-frame bookkeeping (data bounds, shapes, one paint call
    each) cost more than drawing the few dozen strokes."""

    def __init__(self) -> None:
        super().__init__()
        self._arrows: list[tuple[str, QPen, np.ndarray]] = []

    def set_arrows(self, names: list[str], segments: np.ndarray, pens: list[QPen]) -> None:
        """Arrow ``names[k]``: the strokes ``segments[k]`` (see :func:`arrow_segments`), drawn
        with ``pens[k]``; arrows that are not finite are left out."""
        finite = np.isfinite(segments).all(axis=(1, 2))
        self._arrows = [(name, pen, np.ascontiguousarray(strokes))
                        for name, pen, strokes, ok in zip(names, pens, segments, finite) if ok]
        self.update()

    def hide_all(self) -> None:
        self._arrows = []
        self.update()

    def names(self) -> list[str]:
        return [name for name, _, _ in self._arrows]

    def set_line_width(self, width: float) -> None:
        for _, pen, _ in self._arrows:
            pen.setWidthF(width)
        self.update()

    def paint(self, painter, option, widget=None) -> None:
        painter.setRenderHint(painter.RenderHint.Antialiasing, bool(pg.getConfigOption("antialias")))
        for _, pen, strokes in self._arrows:
            painter.setPen(pen)
            draw_lines(painter, strokes)


class ContourMap(pg.PlotWidget):
    """The surface seen from above, with what moves on it."""

    # Left click on the map, in data coordinates.
    point_picked = Signal(float, float)
    # The probe handle was dragged to (x, y).
    probe_moved = Signal(float, float)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._lut = pg.colormap.get("viridis").getLookupTable(nPts=256).astype(np.uint8)
        self._extent = (-1.0, 1.0, -1.0, 1.0)
        self._line_width = 2.0
        self._point_size = 10.0
        self._pens: dict[tuple[int, bool], QPen] = {}
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.NoViewportUpdate)
        self.setMenuEnabled(False)
        self.hideButtons()
        self.setMouseEnabled(x=False, y=False)
        self.setAspectLocked(True)
        self.getViewBox().disableAutoRange()
        cache_axes(self)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.addItem(self.image)
        self.contours = pg.PlotDataItem(connect="pairs", pen=pg.mkPen((255, 255, 255, 110), width=1))
        self.contours.setZValue(1)
        self.addItem(self.contours)
        # The image and the contour lines change only with the surface: keep them as pixmaps
        # instead of redrawing thousands of segments on every frame of a race.
        for item in (self.image, self.contours.curve):
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.paths = TrailItem()
        self.paths.setZValue(20)
        self.addItem(self.paths)
        self.arrows = ArrowLayer()
        self.arrows.setZValue(25)
        self.addItem(self.arrows)
        self.points = DotLayer()
        self.points.setZValue(30)
        self.addItem(self.points)
        self.start_marker = pg.ScatterPlotItem(symbol="+", pxMode=True)
        self.start_marker.setZValue(29)
        self.addItem(self.start_marker)
        self.minima_marker = pg.ScatterPlotItem(symbol="star", pxMode=True)
        self.minima_marker.setZValue(28)
        self.addItem(self.minima_marker)
        # The markers too stay put during a race: copied, not painted by Python, on each frame.
        for item in (self.start_marker, self.minima_marker):
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.probe_line = pg.PlotDataItem(connect="pairs")
        self.probe_line.setZValue(40)
        self.addItem(self.probe_line)
        self.probe_handle = pg.TargetItem(movable=True, size=14, symbol="o")
        self.probe_handle.setZValue(41)
        self.addItem(self.probe_handle)
        self.probe_handle.sigPositionChanged.connect(self._handle_moved)
        self._moving_handle_quietly = False
        self.set_probe_visible(False)
        self.scene().sigMouseClicked.connect(self._clicked)

    # ----- look -----------------------------------------------------------------------------------

    def set_look(self, background: str, text: str, line_width: float, point_size: float) -> None:
        self.setBackground(background)
        self._line_width, self._point_size = line_width, point_size
        self._pens.clear()
        self.start_marker.setData(size=point_size * 2, pen=pg.mkPen(text, width=max(2.0, line_width / 2)), brush=None)
        self.minima_marker.setData(size=point_size * 1.5, pen=pg.mkPen(text), brush=pg.mkBrush("#ffffff"))
        self.probe_line.setPen(pg.mkPen(text, width=line_width, style=Qt.PenStyle.DashLine))
        self.probe_handle.setPen(pg.mkPen(text, width=2))
        self.paths.canvas.set_line_width(line_width)
        self.arrows.set_line_width(line_width)
        self.viewport().update()

    # ----- surface --------------------------------------------------------------------------------

    def set_surface(self, x: np.ndarray, y: np.ndarray, z: np.ndarray, log_scale: bool = False) -> None:
        """Show ``z[i, j]`` at ``(x[i], y[j])`` and fit the view to it."""
        self._extent = (float(x[0]), float(x[-1]), float(y[0]), float(y[-1]))
        scale = HeightScale(z, log_scale)
        fraction = scale.fraction(z)
        self.image.setImage(fraction.T, lut=self._lut, levels=(0.0, 1.0), autoLevels=False)
        x_min, x_max, y_min, y_max = self._extent
        self.image.setRect(QRectF(x_min, y_min, x_max - x_min, y_max - y_min))
        levels = np.linspace(0.0, 1.0, CONTOUR_LEVELS + 2)[1:-1]
        segments = contour_segments(fraction, x, y, levels)
        self.contours.setData(segments[:, 0], segments[:, 1])
        self.setRange(xRange=(x_min, x_max), yRange=(y_min, y_max), padding=0)
        self.viewport().update()

    @property
    def extent(self) -> tuple[float, float, float, float]:
        return self._extent

    def contains(self, x: float, y: float) -> bool:
        x_min, x_max, y_min, y_max = self._extent
        return x_min <= x <= x_max and y_min <= y <= y_max

    # ----- what moves -----------------------------------------------------------------------------

    def set_path(self, name: str, xy: np.ndarray, color: QColor, settled: int | None = None) -> None:
        """The path ``name`` through ``xy`` (shape (n, 2)), drawn through every point given (a
        caller with long paths thins them first, see desktop.widgets.path_thinning), of which the
        first ``settled`` (default: all) are final: later calls only add points after them."""
        self.paths.set_line(name, xy, self._pen(color), settled)
        self.viewport().update()

    def path_names(self) -> list[str]:
        return self.paths.canvas.names()

    def path_data(self, name: str) -> np.ndarray:
        return self.paths.canvas.points(name)

    def hide_paths(self) -> None:
        self.paths.clear()
        self.arrows.hide_all()
        self.viewport().update()

    def set_points(self, xy: np.ndarray, colors: list[QColor]) -> None:
        self.points.set_dots(xy, colors, self._point_size)
        self.viewport().update()

    def set_arrows(self, names: list[str], origins: np.ndarray, vectors: np.ndarray,
                   colors: list[QColor], dashed: list[bool]) -> None:
        """Every arrow at once (the previous ones go): arrow ``names[k]`` from ``origins[k]``
        along ``vectors[k]`` (data units), in ``colors[k]``, dashed where ``dashed[k]``."""
        pens = [self._pen(color, dash) for color, dash in zip(colors, dashed)]
        self.arrows.set_arrows(names, arrow_segments(origins, vectors), pens)
        self.viewport().update()

    def _pen(self, color: QColor, dashed: bool = False) -> QPen:
        """The pen of a path or an arrow (made once per colour: a race asks for two dozen a frame)."""
        key = (QColor(color).rgba(), dashed)
        if key not in self._pens:
            style = Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine
            self._pens[key] = pg.mkPen(color, width=self._line_width, style=style)
        return self._pens[key]

    def arrow_names(self) -> list[str]:
        return self.arrows.names()

    def set_start(self, xy) -> None:
        self.start_marker.setData(pos=[tuple(xy)])
        self.viewport().update()

    def set_minima(self, xy: np.ndarray) -> None:
        self.minima_marker.setData(pos=np.asarray(xy).reshape(-1, 2))
        self.viewport().update()

    # ----- probe ----------------------------------------------------------------------------------

    def set_probe_visible(self, visible: bool) -> None:
        self.probe_line.setVisible(visible)
        self.probe_handle.setVisible(visible)
        self.viewport().update()

    def set_probe(self, origin, handle) -> None:
        """Draw the probe from ``origin`` to ``handle`` (moving the handle without signalling)."""
        self._moving_handle_quietly = True
        try:
            self.probe_handle.setPos(QPointF(float(handle[0]), float(handle[1])))
        finally:
            self._moving_handle_quietly = False
        self.probe_line.setData([origin[0], handle[0]], [origin[1], handle[1]])
        self.viewport().update()

    def probe_position(self) -> tuple[float, float]:
        position = self.probe_handle.pos()
        return position.x(), position.y()

    def _handle_moved(self) -> None:
        if not self._moving_handle_quietly:
            x, y = self.probe_position()
            self.probe_moved.emit(x, y)
        self.viewport().update()

    # ----- picking --------------------------------------------------------------------------------

    def _clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or event.double():
            return
        if self.probe_handle.isVisible() and self.probe_handle.sceneBoundingRect().contains(event.scenePos()):
            return
        point = self.getViewBox().mapSceneToView(event.scenePos())
        if self.contains(point.x(), point.y()):
            self.point_picked.emit(point.x(), point.y())
