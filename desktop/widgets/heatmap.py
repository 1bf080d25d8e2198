"""A field over a rectangle drawn as an image, with point overlays and a colour legend.

:class:`HeatmapView` shows a 2-D array (rows along y, columns along x) stretched over a fixed
rectangle of the plane, e.g. a network's output over the input square, with point overlays such
as the training points, and axes. The range is fixed: nothing is auto-ranged per frame.

Colours come from a lookup table (:func:`color_lut`) so that the big map, the small maps in a
network diagram (:func:`lut_image` + :func:`to_qimage`) and :class:`ColorLegend` all agree.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget


def color_lut(colors: Sequence[str], size: int = 256) -> np.ndarray:
    """A (size, 3) uint8 table running through ``colors`` (any QColor name) at equal spacing."""
    if len(colors) < 2:
        raise ValueError(f"a colour table needs at least two colours, got {list(colors)}")
    anchors = np.array([QColor(c).getRgb()[:3] for c in colors], dtype=np.float64)
    positions = np.linspace(0.0, 1.0, len(colors))
    t = np.linspace(0.0, 1.0, size)
    table = np.column_stack([np.interp(t, positions, anchors[:, channel]) for channel in range(3)])
    return np.round(table).astype(np.uint8)


def lut_image(values: np.ndarray, lut: np.ndarray, levels: tuple[float, float]) -> np.ndarray:
    """Colour a 2-D array through ``lut``: ``levels`` maps to the table's two ends (clipped);
    NaN shows as the middle colour.

    Called for several maps on every training frame, so it avoids np.nan_to_num (which looks
    for ±inf too: clipping already sends those to the ends) and fancy indexing (np.take is
    about three times faster for a table lookup)."""
    low, high = levels
    top = len(lut) - 1
    scaled = np.subtract(values, low, dtype=np.float64)
    scaled *= top / (high - low)
    np.clip(scaled, 0, top, out=scaled)  # NaN stays NaN
    np.copyto(scaled, top / 2, where=np.isnan(scaled))
    return lut.take(scaled.astype(np.intp), axis=0)


def to_qimage(rgb: np.ndarray) -> QImage:
    """A QImage that owns a copy of an (h, w, 3) uint8 array; row 0 is the image's top."""
    rgb = np.ascontiguousarray(rgb, dtype=np.uint8)
    height, width, _ = rgb.shape
    return QImage(rgb.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()


@dataclass
class _Overlay:
    xy: np.ndarray
    colors: np.ndarray  # (n, 3) uint8
    outline: QColor
    size: float
    visible: bool = True


class HeatmapView(QWidget):
    """A square region of the plane showing a field as an image, with axes and point overlays.

    Drawn with QPainter, not pyqtgraph: it is redrawn on every training frame, and a few cached
    layers make that cheap. The axes (frame, ticks, labels) and the points are painted once into
    pixmaps, again only when the size, the style or the points change; a frame blits the image
    and the two layers. The region keeps its aspect ratio (it is centred in the widget).
    """

    def __init__(self, extent: tuple[float, float, float, float], parent=None) -> None:
        """``extent`` = (x_min, x_max, y_min, y_max) of the region the image covers."""
        super().__init__(parent)
        x_min, x_max, y_min, y_max = extent
        if not (x_max > x_min and y_max > y_min):
            raise ValueError(f"extent must be (x_min, x_max, y_min, y_max) with min < max, got {extent}")
        self._extent = extent
        self._lut = color_lut(["black", "white"])
        self._levels = (0.0, 1.0)
        self._image: QImage | None = None
        self._overlays: dict[str, _Overlay] = {}
        self._background = QColor("white")
        self._text = QColor("black")
        self._axes_layer: QPixmap | None = None
        self._points_layer: QPixmap | None = None
        self._tick_step = 2.0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 160)

    @property
    def extent(self) -> tuple[float, float, float, float]:
        return self._extent

    # ----- content ------------------------------------------------------------------------------

    def set_lut(self, lut: np.ndarray, levels: tuple[float, float]) -> None:
        """Colour scalar fields through ``lut``, mapping ``levels`` to its two ends."""
        self._lut = lut
        self._levels = (float(levels[0]), float(levels[1]))

    @property
    def lut(self) -> np.ndarray:
        return self._lut

    @property
    def levels(self) -> tuple[float, float]:
        return self._levels

    def set_field(self, values: np.ndarray) -> None:
        """Show a scalar field: ``values[i, j]`` is the value at the i-th y (from the bottom) and
        the j-th x (from the left)."""
        self.set_rgb(lut_image(values, self._lut, self._levels))

    def set_rgb(self, image: np.ndarray) -> None:
        """Show ready-made colours: (rows, columns, 3) uint8, row 0 at y_min."""
        self._image = to_qimage(np.asarray(image)[::-1])
        self.update(self._plot_rect().toAlignedRect())

    def image_rgb(self) -> np.ndarray | None:
        """The image shown, (rows, columns, 3) with row 0 at y_min (for tests)."""
        if self._image is None:
            return None
        image = self._image.convertToFormat(QImage.Format.Format_RGB888)
        rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
        return rows[:, : 3 * image.width()].reshape(image.height(), image.width(), 3)[::-1].copy()

    def set_points(self, name: str, xy: np.ndarray, colors: np.ndarray, outline: str | QColor,
                   size: float) -> None:
        """Replace the points of overlay ``name``: one (r, g, b) per point, a common outline
        colour and a diameter in pixels."""
        visible = self._overlays[name].visible if name in self._overlays else True
        self._overlays[name] = _Overlay(np.asarray(xy, dtype=np.float64),
                                        np.asarray(colors, dtype=np.uint8), QColor(outline),
                                        float(size), visible)
        self._points_layer = None
        self.update()

    def set_overlay_visible(self, name: str, visible: bool) -> None:
        if name in self._overlays and self._overlays[name].visible != visible:
            self._overlays[name].visible = visible
            self._points_layer = None
            self.update()

    def overlay_visible(self, name: str) -> bool:
        return name in self._overlays and self._overlays[name].visible

    def overlay_points(self, name: str) -> np.ndarray:
        return self._overlays[name].xy

    def set_colors(self, background: str, text: str) -> None:
        self._background, self._text = QColor(background), QColor(text)
        self._axes_layer = self._points_layer = None
        self.update()

    # ----- geometry -----------------------------------------------------------------------------

    def _margins(self) -> tuple[float, float]:
        """Space for the tick labels: (left, bottom)."""
        metrics = self.fontMetrics()
        low = min(self._extent[0], self._extent[2])
        return metrics.horizontalAdvance(f"{low:g}") + 10.0, metrics.height() + 6.0

    def _plot_rect(self) -> QRectF:
        """The square (in the region's aspect) where the image is drawn."""
        left, bottom = self._margins()
        x_min, x_max, y_min, y_max = self._extent
        aspect = (x_max - x_min) / (y_max - y_min)
        width, height = self.width() - left - 4, self.height() - bottom - 4
        if width / max(height, 1) > aspect:
            width = height * aspect
        else:
            height = width / aspect
        x = left + (self.width() - left - 4 - width) / 2
        return QRectF(x, 4, max(width, 1), max(height, 1))

    def to_widget(self, xy: np.ndarray) -> np.ndarray:
        """Widget pixel coordinates of plane points (n, 2)."""
        rect = self._plot_rect()
        x_min, x_max, y_min, y_max = self._extent
        px = rect.left() + (xy[:, 0] - x_min) / (x_max - x_min) * rect.width()
        py = rect.bottom() - (xy[:, 1] - y_min) / (y_max - y_min) * rect.height()
        return np.column_stack([px, py])

    def resizeEvent(self, event) -> None:
        self._axes_layer = self._points_layer = None
        super().resizeEvent(event)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._axes_layer = self._points_layer = None
        super().changeEvent(event)

    # ----- painting -----------------------------------------------------------------------------

    def paintEvent(self, event) -> None:
        if self._axes_layer is None:
            self._axes_layer = self._render_axes()
        if self._points_layer is None:
            self._points_layer = self._render_points()
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._axes_layer)
        if self._image is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(self._plot_rect(), self._image)
        painter.drawPixmap(0, 0, self._points_layer)
        painter.end()

    def _layer(self) -> QPixmap:
        ratio = self.devicePixelRatioF()
        layer = QPixmap(max(int(self.width() * ratio), 1), max(int(self.height() * ratio), 1))
        layer.setDevicePixelRatio(ratio)
        layer.fill(Qt.GlobalColor.transparent)
        return layer

    def _render_axes(self) -> QPixmap:
        layer = self._layer()
        layer.fill(self._background)
        painter = QPainter(layer)
        painter.setFont(self.font())
        rect = self._plot_rect()
        pen = QPen(self._text)
        pen.setWidthF(1.0)
        painter.setPen(pen)
        painter.drawRect(rect.adjusted(-0.5, -0.5, 0.5, 0.5))
        metrics = painter.fontMetrics()
        x_min, x_max, y_min, y_max = self._extent
        step = self._tick_step if rect.width() > 12 * metrics.horizontalAdvance("-6") else 2 * self._tick_step
        for value in np.arange(np.ceil(x_min / step) * step, x_max + 1e-9, step):
            x = rect.left() + (value - x_min) / (x_max - x_min) * rect.width()
            painter.drawLine(QPointF(x, rect.bottom()), QPointF(x, rect.bottom() + 4))
            label = f"{value:g}"
            painter.drawText(QPointF(x - metrics.horizontalAdvance(label) / 2,
                                     rect.bottom() + 4 + metrics.ascent()), label)
        for value in np.arange(np.ceil(y_min / step) * step, y_max + 1e-9, step):
            y = rect.bottom() - (value - y_min) / (y_max - y_min) * rect.height()
            painter.drawLine(QPointF(rect.left() - 4, y), QPointF(rect.left(), y))
            label = f"{value:g}"
            painter.drawText(QPointF(rect.left() - 6 - metrics.horizontalAdvance(label),
                                     y + metrics.ascent() / 2 - 1), label)
        painter.end()
        return layer

    def _render_points(self) -> QPixmap:
        layer = self._layer()
        painter = QPainter(layer)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setClipRect(self._plot_rect())
        for overlay in self._overlays.values():
            if not overlay.visible or not len(overlay.xy):
                continue
            pen = QPen(overlay.outline)
            pen.setWidthF(max(1.0, overlay.size / 7))
            painter.setPen(pen)
            radius = overlay.size / 2
            brushes: dict[tuple[int, int, int], QColor] = {}
            for (px, py), rgb in zip(self.to_widget(overlay.xy), overlay.colors):
                key = (int(rgb[0]), int(rgb[1]), int(rgb[2]))
                color = brushes.get(key)
                if color is None:
                    color = brushes[key] = QColor(*key)
                painter.setBrush(color)
                painter.drawEllipse(QPointF(px, py), radius, radius)
        painter.end()
        return layer


class ColorLegend(QWidget):
    """A colour key: a gradient bar with tick labels, or swatches with one label per category."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._lut: np.ndarray | None = None
        self._ticks: list[tuple[float, str]] = []
        self._categories: list[tuple[QColor, str]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_gradient(self, lut: np.ndarray, ticks: Sequence[tuple[float, str]]) -> None:
        """A bar through ``lut``; ``ticks`` are (position 0..1 along the bar, label)."""
        self._lut, self._ticks, self._categories = lut, list(ticks), []
        self.updateGeometry()
        self.update()

    def set_categories(self, categories: Sequence[tuple[str, str]]) -> None:
        """One swatch per (colour, label)."""
        self._lut, self._ticks = None, []
        self._categories = [(QColor(color), label) for color, label in categories]
        self.updateGeometry()
        self.update()

    def labels(self) -> list[str]:
        """The texts the legend shows (for tests and accessibility)."""
        return [label for _, label in self._ticks] + [label for _, label in self._categories]

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(12 * line, 2 * line + 6)

    def minimumSizeHint(self) -> QSize:
        return QSize(4 * self.fontMetrics().height(), self.sizeHint().height())

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        line = metrics.height()
        text_pen = QPen(self.palette().color(self.foregroundRole()))
        if self._lut is not None:
            margin = line
            bar = QRectF(margin, 2, self.width() - 2 * margin, line * 0.8)
            gradient = QLinearGradient(bar.left(), 0, bar.right(), 0)
            for index in np.linspace(0, len(self._lut) - 1, 9).astype(int):
                r, g, b = (int(v) for v in self._lut[index])
                gradient.setColorAt(index / (len(self._lut) - 1), QColor(r, g, b))
            painter.fillRect(bar, gradient)
            painter.setPen(text_pen)
            for position, label in self._ticks:
                x = bar.left() + position * bar.width()
                painter.drawLine(int(x), int(bar.bottom()), int(x), int(bar.bottom() + 3))
                width = metrics.horizontalAdvance(label)
                painter.drawText(int(x - width / 2), int(bar.bottom() + 3 + metrics.ascent()), label)
        else:
            x = 2.0
            for color, label in self._categories:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(color)
                painter.drawEllipse(QRectF(x, (self.height() - line * 0.8) / 2, line * 0.8, line * 0.8))
                painter.setPen(text_pen)
                x += line
                painter.drawText(int(x), int((self.height() + metrics.ascent() - metrics.descent()) / 2), label)
                x += metrics.horizontalAdvance(label) + line
        painter.end()
