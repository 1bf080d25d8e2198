"""A bar chart of logits that the student changes by dragging a bar (or clicking where its top
should be)."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal

from desktop.theme import Style, make_style

from .page import label_font, subscript

#: Logits can be dragged between −LOGIT_LIMIT and +LOGIT_LIMIT.
LOGIT_LIMIT = 8.0


class _DragViewBox(pg.ViewBox):
    """Turns left-button drags and clicks into "bar i should have height y"."""

    def __init__(self, chart: LogitBars) -> None:
        super().__init__(enableMenu=False)
        self.setMouseEnabled(x=False, y=False)
        self._chart = chart
        self._bar: int | None = None

    def mouseDragEvent(self, event, axis=None) -> None:  # noqa: N802 (pyqtgraph's name)
        if event.button() != Qt.MouseButton.LeftButton:
            event.ignore()
            return
        event.accept()
        if event.isStart():
            self._bar = self._chart.bar_at(self.mapSceneToView(event.buttonDownScenePos()).x())
        if self._bar is not None:
            self._chart.set_logit(self._bar, self.mapSceneToView(event.scenePos()).y())
        if event.isFinish():
            self._bar = None

    def mouseClickEvent(self, event) -> None:  # noqa: N802 (pyqtgraph's name)
        if event.button() != Qt.MouseButton.LeftButton:
            event.ignore()
            return
        event.accept()
        point = self.mapSceneToView(event.scenePos())
        bar = self._chart.bar_at(point.x())
        if bar is not None:
            self._chart.set_logit(bar, point.y())


class LogitBars(pg.PlotWidget):
    """Bars at x = 1..K with heights = the logits; ``logits_changed`` after every change."""

    logits_changed = Signal(object)

    def __init__(self, logits: np.ndarray) -> None:
        super().__init__(viewBox=_DragViewBox(self))
        self.setMenuEnabled(False)
        self.hideButtons()
        self._logits = np.asarray(logits, dtype=float).copy()
        self._bars = pg.BarGraphItem(x=[], height=[], width=0.6)
        self.addItem(self._bars)
        self._labels: list[pg.TextItem] = []
        self._style = make_style()
        zero = pg.InfiniteLine(pos=0, angle=0, movable=False)
        self.addItem(zero)
        self._zero_line = zero
        self.getViewBox().setCursor(Qt.CursorShape.SizeVerCursor)

    def logits(self) -> np.ndarray:
        return self._logits.copy()

    def bar_at(self, x: float) -> int | None:
        """The bar under x (bars are centred on 1, 2, …, K), or None between/outside bars."""
        index = round(x) - 1
        return index if 0 <= index < len(self._logits) and abs(x - (index + 1)) <= 0.45 else None

    def set_logit(self, index: int, value: float) -> None:
        self._logits[index] = float(np.clip(value, -LOGIT_LIMIT, LOGIT_LIMIT))
        self.redraw()
        self.logits_changed.emit(self.logits())

    def set_logits(self, logits: np.ndarray) -> None:
        self._logits = np.clip(np.asarray(logits, dtype=float), -LOGIT_LIMIT, LOGIT_LIMIT)
        self.redraw()
        self.logits_changed.emit(self.logits())

    def apply_style(self, style: Style) -> None:
        self._style = style
        self.redraw()

    def redraw(self) -> None:
        style = self._style
        count = len(self._logits)
        x = np.arange(1, count + 1)
        self._bars.setOpts(x=x, height=self._logits,
                           brushes=[style.series_color(i) for i in range(count)],
                           pen=pg.mkPen(style.palette.text, width=style.axis_width, cosmetic=True))
        self._zero_line.setPen(pg.mkPen(style.palette.text, width=style.axis_width, cosmetic=True))
        while len(self._labels) < count:
            label = pg.TextItem(anchor=(0.5, 1.0))
            self.addItem(label)
            self._labels.append(label)
        for i, label in enumerate(self._labels):
            label.setVisible(i < count)
            if i < count:
                value = self._logits[i]
                label.setAnchor((0.5, 1.0) if value >= 0 else (0.5, 0.0))
                label.setText(f"{value:.2f}", color=style.palette.text)
                label.setFont(label_font(style, 1.2))
                label.setPos(i + 1, value)
        self.setRange(xRange=(0.4, count + 0.6), yRange=(-LOGIT_LIMIT, LOGIT_LIMIT), padding=0)
        ticks = [(i + 1, f"z{subscript(i + 1)}") for i in range(count)]
        self.getPlotItem().getAxis("bottom").setTicks([ticks])

