"""The current points of a race: a few dots of a fixed size in pixels, one colour each, outlined
so that they stand out on any background. Drawn directly: a ScatterPlotItem rebuilt its symbols
for every new set of points, which cost more than drawing eight dots. A dot the view says is
hidden (behind a 3D surface) is drawn faded, so that it reads as behind, yet can still be found."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QPainter, QPen

from desktop.widgets.trail_canvas import OverlayItem

OUTLINE = QPen(QColor("#000000"), 1.5)
# The opacity of a hidden dot.
HIDDEN_OPACITY = 0.35


def draw_dots(painter: QPainter, pixels: np.ndarray, colors: list[QColor], diameter: float,
              hidden: np.ndarray | None = None) -> None:
    """A dot of ``diameter`` pixels at each of ``pixels`` (shape (n, 2)), faded where ``hidden``
    (a boolean per dot) is true; non-finite ones are skipped."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(OUTLINE)
    radius = diameter / 2
    hidden = np.zeros(len(pixels), dtype=bool) if hidden is None else hidden
    for (x, y), color, behind in zip(pixels.tolist(), colors, hidden.tolist()):
        if np.isfinite(x) and np.isfinite(y):
            painter.setOpacity(HIDDEN_OPACITY if behind else 1.0)
            painter.setBrush(color)
            painter.drawEllipse(QPointF(x, y), radius, radius)
    painter.restore()


class DotLayer(OverlayItem):
    """Dots at data points, as an item of a plot."""

    def __init__(self) -> None:
        super().__init__()
        self._points = np.zeros((0, 2))
        self._colors: list[QColor] = []
        self._diameter = 10.0

    def set_dots(self, xy: np.ndarray, colors: list[QColor], diameter: float) -> None:
        self._points = np.asarray(xy, dtype=np.float64).reshape(-1, 2)
        self._colors = [QColor(color) for color in colors]
        self._diameter = diameter
        self.update()

    def dots(self) -> np.ndarray:
        return self._points

    def paint(self, painter, option, widget=None) -> None:
        _, to_pixels = self.data_to_pixels(painter)
        painter.save()
        painter.resetTransform()
        draw_dots(painter, to_pixels(self._points), self._colors, self._diameter)
        painter.restore()
