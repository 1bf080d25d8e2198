"""A small chart of the chosen learning-rate decay: the factor by which each racer's learning rate
is multiplied at each step (the engine's schedule evaluated with lr0 = 1)."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from desktop.theme import Style
from desktop.widgets.plot_style import style_plot
from engine.landscape.race import ScheduleChoice


class SchedulePlot(pg.PlotWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setMenuEnabled(False)
        self.hideButtons()
        self.setMouseEnabled(x=False, y=False)
        self.setMinimumHeight(110)
        self.setMaximumHeight(170)
        self.curve = self.plot([], [])
        self.setYRange(0.0, 1.05, padding=0)
        self._style: Style | None = None

    def retranslate(self) -> None:
        self.setLabel("left", self.tr("lr ÷ lr₀"))
        self.setLabel("bottom", self.tr("step"))

    def apply_style(self, style: Style) -> None:
        self._style = style
        style_plot(self, style)
        self.curve.setPen(style.curve_pen())

    def show_schedule(self, choice: ScheduleChoice | None, steps: int) -> None:
        if choice is None:
            factors = np.ones(steps)
        else:
            factors = choice.curve(1.0, steps)
        self.curve.setData(np.arange(steps), factors)
        self.setXRange(0, steps - 1, padding=0.02)

    def factors(self) -> np.ndarray:
        return self.curve.getData()[1]
