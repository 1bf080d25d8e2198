"""Lines that only grow, stroked once: a race's paths and loss curves get a few points longer each
frame, and stroking thousands of old segments again on every frame was most of a frame's cost.

A :class:`TrailCanvas` keeps what it has stroked on an image. On each paint it strokes only the
new segments onto the image, copies the image, and strokes each line's unsettled tail directly.
A line is handed over whole, with the number of its leading points that will not change
(``settled``): a thinned path's newest point may give way to the next frame's, a decimated curve's
last bucket still grows; only settled points go onto the image.

The canvas checks that a line continues the one it replaces (same pen, same settled points so
far: its first point and its last stroked point, as the lines it is given only grow). Anything
else (another line, a reset race, a new view transform, size or pen) starts the image afresh,
as the first paint does. Lines are stroked as separate segments, so an aliased line looks the
same whether stroked in one go or a frame at a time; where two lines cross, the one stroked last
is on top, as in the race itself.

In a 3D view a line can pass behind a surface. There the owner's ``to_pixels`` gives each point
a depth too, and a ``hidden`` test says which (pixel, depth) samples the surface covers: each
segment is cut into pieces a few pixels long (depth varies linearly along a projected line, so
a piece's depth is interpolated between its ends) and the pieces behind the surface are stroked
faded (see :func:`faded`). The test depends only on the view, so a segment is judged once, when
it is stroked onto the image.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QPen


def draw_lines(painter: QPainter, lines: np.ndarray) -> None:
    """Stroke the lines ``lines[k]`` = (x1, y1, x2, y2) (a C-contiguous float64 array) with the
    painter's pen: QLineF is four doubles, so the array is handed to Qt as it is, without a
    Python object per line."""
    if len(lines):
        painter.drawLines(shiboken6.wrapInstance(lines.ctypes.data, QLineF), len(lines))


# A hidden piece of a line is drawn with this fraction of its pen's opacity.
HIDDEN_OPACITY = 0.45
# Segments are judged visible or hidden in pieces of about this many pixels.
PIECE_PIXELS = 6.0
# ... but in no more pieces than this (a segment across the whole view).
MOST_PIECES = 200

Hidden = Callable[[np.ndarray], np.ndarray]


def faded(pen: QPen) -> QPen:
    """The pen for the hidden pieces of a line: lighter, with flat caps, as pieces of a segment
    meet end to end and round caps would overlap, darkening each joint."""
    pen = QPen(pen)
    color = pen.color()
    color.setAlphaF(color.alphaF() * HIDDEN_OPACITY)
    pen.setColor(color)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


def split_hidden(starts: np.ndarray, stops: np.ndarray, hidden: Hidden) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cut the segments from ``starts`` to ``stops`` ((k, 3): pixel x, pixel y, depth) into
    pieces of about PIECE_PIXELS, judge each piece by its middle with ``hidden``, and join
    neighbouring pieces of a segment that were judged alike. Returns the pieces ((m, 4): x1, y1,
    x2, y2), the segment each belongs to, and whether each is hidden; in segment order."""
    span = stops - starts
    counts = np.clip(np.ceil(np.hypot(span[:, 0], span[:, 1]) / PIECE_PIXELS), 1, MOST_PIECES).astype(np.intp)
    segment = np.repeat(np.arange(len(starts)), counts)
    index = np.arange(len(segment)) - np.repeat(np.cumsum(counts) - counts, counts)
    begin, end = index / counts[segment], (index + 1) / counts[segment]
    middles = starts[segment] + span[segment] * ((begin + end) / 2)[:, None]
    behind = np.asarray(hidden(middles), dtype=bool)
    first = np.flatnonzero(np.r_[True, (segment[1:] != segment[:-1]) | (behind[1:] != behind[:-1])])
    last = np.r_[first[1:] - 1, len(segment) - 1]
    segment, behind = segment[first], behind[first]
    pieces = np.empty((len(first), 4))
    pieces[:, :2] = starts[segment, :2] + span[segment, :2] * begin[first, None]
    pieces[:, 2:] = starts[segment, :2] + span[segment, :2] * end[last, None]
    return pieces, segment, behind


def draw_polylines(painter: QPainter, polylines: list[tuple[QPen, np.ndarray]],
                   to_pixels: Callable[[np.ndarray], np.ndarray], hidden: Hidden | None = None) -> QRectF | None:
    """Stroke each (pen, points) polyline, skipping segments with a non-finite end; all points go
    through ``to_pixels`` in one call (per-line NumPy calls cost more than the stroking). With a
    ``hidden`` test, ``to_pixels`` gives each point a depth after its pixel, and the pieces behind
    a surface are stroked faded. Returns the bounds of the segments stroked, in pixels (None if
    none)."""
    polylines = [(pen, points) for pen, points in polylines if len(points) > 1]
    if not polylines:
        return None
    pixels = to_pixels(np.concatenate([points for _, points in polylines]))
    starts, stops = pixels[:-1], pixels[1:]
    kept = np.isfinite(starts).all(axis=1) & np.isfinite(stops[:, :2]).all(axis=1)
    ends = np.cumsum([len(points) for _, points in polylines])
    kept[ends[:-1] - 1] = False  # the segments from one polyline to the next
    if not kept.any():
        return None
    if hidden is None:
        pieces = np.ascontiguousarray(np.column_stack([starts[kept, :2], stops[kept, :2]]))
        segment, behind = np.flatnonzero(kept), np.zeros(len(pieces), dtype=bool)
    else:
        pieces, segment, behind = split_hidden(starts[kept], stops[kept], hidden)
        segment = np.flatnonzero(kept)[segment]
    bounds = np.searchsorted(segment, np.concatenate([[0], ends - 1]))  # each polyline's pieces
    for (pen, _), first, last in zip(polylines, bounds[:-1], bounds[1:]):
        own, own_behind = pieces[first:last], behind[first:last]
        if own_behind.any():
            painter.setPen(faded(pen))
            draw_lines(painter, own[own_behind])
            own = own[~own_behind]
        painter.setPen(pen)
        draw_lines(painter, own)
    corners = pieces.reshape(-1, 2)
    return QRectF(QPointF(*corners.min(axis=0)), QPointF(*corners.max(axis=0)))


@dataclass
class _Line:
    points: np.ndarray  # (n, d), in the owner's coordinates
    settled: int  # leading points that will not change
    pen: QPen
    stroked: int = 0  # settled points already on the image


class TrailCanvas:
    """Named growing polylines, drawn by :meth:`paint` as the module docstring says."""

    def __init__(self, antialias: bool = False) -> None:
        self._lines: dict[str, _Line] = {}
        self._antialias = antialias
        self._image: QImage | None = None
        self._image_key: Hashable = None
        self._painted = QRectF()  # what the image holds, in pixels
        #: How many times the image was started afresh (for tests and benchmarks).
        self.restarts = 0

    # ----- lines ----------------------------------------------------------------------------------

    def set_line(self, name: str, points: np.ndarray, pen: QPen, settled: int | None = None) -> None:
        """The line ``name`` through ``points`` (shape (n, d)), of which the first ``settled``
        (default: all) will not change in later calls."""
        points = np.asarray(points, dtype=np.float64)
        points = points.reshape(len(points), -1)
        settled = len(points) if settled is None else min(max(int(settled), 0), len(points))
        old = self._lines.get(name)
        stroked = 0
        if old is not None and old.stroked:
            if self._continues(old, points, settled, pen):
                stroked = old.stroked
            else:
                self._image = None  # one line cannot be taken off a shared image: start afresh
        self._lines[name] = _Line(points, settled, QPen(pen), stroked)

    @staticmethod
    def _continues(old: _Line, points: np.ndarray, settled: int, pen: QPen) -> bool:
        last = old.stroked - 1
        return (pen == old.pen and settled >= old.stroked and points.shape[1] == old.points.shape[1]
                and np.array_equal(points[0], old.points[0], equal_nan=True)
                and np.array_equal(points[last], old.points[last], equal_nan=True))

    def clear(self) -> None:
        self._lines.clear()
        self._image = None

    def names(self) -> list[str]:
        return [name for name, line in self._lines.items() if len(line.points)]

    def points(self, name: str) -> np.ndarray:
        return self._lines[name].points

    def set_line_width(self, width: float) -> None:
        """Give every line's pen this width (the image starts afresh)."""
        for line in self._lines.values():
            line.pen.setWidthF(width)
        self._image = None

    # ----- painting -------------------------------------------------------------------------------

    def paint(self, painter: QPainter, view_key: Hashable, to_pixels: Callable[[np.ndarray], np.ndarray],
              hidden: Hidden | None = None) -> None:
        """Draw every line with ``painter``, in the device's pixels. ``to_pixels`` maps points to
        pixels (and depths, for a ``hidden`` test: see :func:`draw_polylines`); ``view_key``
        stands for everything both depend on (a new key restarts the image)."""
        device = painter.device()
        ratio = device.devicePixelRatioF()
        key = (view_key, device.width(), device.height(), ratio)
        if self._image is None or key != self._image_key:
            self._restart(device.width(), device.height(), ratio, key)
        self._stroke_settled(to_pixels, hidden)
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, self._antialias)
        shown = QRectF(self._painted.toAlignedRect()).intersected(QRectF(0, 0, device.width(), device.height()))
        if not shown.isEmpty():
            painter.drawImage(shown, self._image, QRectF(shown.topLeft() * ratio, shown.size() * ratio))
        tails = [(line.pen, line.points[max(line.settled - 1, 0):]) for line in self._lines.values()]
        draw_polylines(painter, tails, to_pixels, hidden)
        painter.restore()

    def _restart(self, width: int, height: int, ratio: float, key: Hashable) -> None:
        self._image = QImage(round(width * ratio), round(height * ratio), QImage.Format.Format_ARGB32_Premultiplied)
        self._image.setDevicePixelRatio(ratio)
        self._image.fill(Qt.GlobalColor.transparent)
        self._image_key = key
        self._painted = QRectF()
        for line in self._lines.values():
            line.stroked = 0
        self.restarts += 1

    def _stroke_settled(self, to_pixels: Callable[[np.ndarray], np.ndarray], hidden: Hidden | None) -> None:
        """Put the settled segments not yet on the image onto it."""
        due = [line for line in self._lines.values() if line.settled > line.stroked]
        if not due:
            return
        image_painter = QPainter(self._image)
        image_painter.setRenderHint(QPainter.RenderHint.Antialiasing, self._antialias)
        stroked = draw_polylines(
            image_painter, [(line.pen, line.points[max(line.stroked - 1, 0):line.settled]) for line in due],
            to_pixels, hidden,
        )
        image_painter.end()
        if stroked is not None:
            margin = max(line.pen.widthF() for line in due) + 2.0  # half the pen and its caps, generously
            self._painted = self._painted.united(stroked.adjusted(-margin, -margin, margin, margin))
        for line in due:
            line.stroked = line.settled


class OverlayItem(pg.GraphicsObject):
    """A plot item whose bounds are the plot's whole visible range (measuring what it draws on
    every frame would cost more than the drawing), for plots that do not fit their range to
    their items."""

    def viewTransformChanged(self) -> None:  # noqa: N802 (pyqtgraph's name)
        self.prepareGeometryChange()  # the bounds follow the visible range
        super().viewTransformChanged()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        visible = self.viewRect()
        return QRectF(visible) if visible is not None else QRectF()

    @staticmethod
    def data_to_pixels(painter: QPainter) -> tuple[Hashable, Callable[[np.ndarray], np.ndarray]]:
        """(a key that changes with the painter's transform, the function that maps data points
        of shape (n, 2) to the device's pixels, non-finite ones to NaN)."""
        t = painter.worldTransform()
        key = (t.m11(), t.m12(), t.m21(), t.m22(), t.dx(), t.dy())

        def to_pixels(points: np.ndarray) -> np.ndarray:
            x, y = points[:, 0], points[:, 1]
            with np.errstate(invalid="ignore", over="ignore"):
                return np.column_stack([t.m11() * x + t.m21() * y + t.dx(), t.m12() * x + t.m22() * y + t.dy()])

        return key, to_pixels


class TrailItem(OverlayItem):
    """A :class:`TrailCanvas` as an item of a plot: lines in the plot's data coordinates."""

    def __init__(self) -> None:
        super().__init__()
        self.canvas = TrailCanvas(antialias=bool(pg.getConfigOption("antialias")))

    def set_line(self, name: str, points: np.ndarray, pen: QPen, settled: int | None = None) -> None:
        """See :meth:`TrailCanvas.set_line` (points of shape (n, 2))."""
        self.canvas.set_line(name, points, pen, settled)
        self.update()

    def clear(self) -> None:
        self.canvas.clear()
        self.update()

    def paint(self, painter, option, widget=None) -> None:
        self.canvas.paint(painter, *self.data_to_pixels(painter))
