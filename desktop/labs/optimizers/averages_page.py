"""Moving averages: a noisy year of daily temperatures smoothed by exponentially weighted averages
for three values of β, with and without bias correction, and the weights each average gives to
past days (its window of about 1/(1 − β) days). Momentum, RMSProp and Adam are exactly such
averages, which the text beside the plots spells out.

The numbers come from the engine (engine.optim.ewma and engine.landscape.moving_average_demo);
365 values take microseconds, so they are computed right here on demand.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.theme import Style, make_style
from desktop.widgets.plot_style import style_plot
from engine.landscape.moving_average_demo import averaging_weights, daily_temperatures, effective_window
from engine.optim.ewma import ewma

DEFAULT_BETAS = (0.5, 0.9, 0.98)
# Width of the settings column, in average character widths of the current font.
SIDE_COLUMN_CHARACTERS = 30
ZOOM_DAYS = 60
WEIGHT_DAYS = 120


class MovingAveragesPage(QWidget):
    def __init__(self, seed: int, parent=None) -> None:
        super().__init__(parent)
        self.view_style: Style = make_style()
        self._seed = seed
        self._draws = 0
        self.temperatures = np.empty(0)
        self._build()
        self.retranslate()
        self._new_year()

    def _build(self) -> None:
        self.settings_box = QGroupBox()
        form = QFormLayout(self.settings_box)
        self.beta_spins: list[QDoubleSpinBox] = []
        self.beta_labels: list[QLabel] = []
        for beta in DEFAULT_BETAS:
            spin = QDoubleSpinBox()
            spin.setRange(0.0, 0.999)
            spin.setDecimals(3)
            spin.setSingleStep(0.01)
            spin.setValue(beta)
            spin.valueChanged.connect(self._redraw)
            label = QLabel()
            form.addRow(label, spin)
            self.beta_spins.append(spin)
            self.beta_labels.append(label)
        self.corrected_check = QCheckBox()
        self.corrected_check.setChecked(True)
        self.uncorrected_check = QCheckBox()
        self.uncorrected_check.setChecked(True)
        self.zoom_check = QCheckBox()
        self.noise_spin = QDoubleSpinBox()
        self.noise_spin.setRange(0.0, 10.0)
        self.noise_spin.setValue(3.0)
        self.noise_spin.setSuffix(" °C")
        self.noise_label = QLabel()
        for check in (self.corrected_check, self.uncorrected_check, self.zoom_check):
            check.toggled.connect(self._redraw)
            form.addRow(check)
        form.addRow(self.noise_label, self.noise_spin)
        self.noise_spin.valueChanged.connect(self._new_year)
        self.new_year_button = QPushButton()
        self.new_year_button.clicked.connect(self._another_year)
        form.addRow(self.new_year_button)
        self.windows_label = QLabel()
        self.windows_label.setWordWrap(True)
        self.windows_label.setTextFormat(Qt.TextFormat.RichText)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.RichText)
        side = QVBoxLayout()
        side.addWidget(self.settings_box)
        side.addWidget(self.windows_label)
        side.addWidget(self.explanation)
        side.addStretch(1)
        self.side = QWidget()
        self.side.setLayout(side)

        self.series_plot = pg.PlotWidget()
        self.series_plot.setMenuEnabled(False)
        self.series_plot.getViewBox().setAutoVisible(y=True)  # zoomed: fit y to the visible days
        self.legend = self.series_plot.addLegend(offset=(10, 10))
        self.days = self.series_plot.plot([], [], pen=None, symbol="o")
        self.corrected_curves = [self.series_plot.plot([], []) for _ in DEFAULT_BETAS]
        self.uncorrected_curves = [self.series_plot.plot([], []) for _ in DEFAULT_BETAS]
        self.weights_plot = pg.PlotWidget()
        self.weights_plot.setMenuEnabled(False)
        self.weights_plot.getAxis("left").enableAutoSIPrefix(False)
        self.weight_curves = [self.weights_plot.plot([], []) for _ in DEFAULT_BETAS]
        self.window_lines = [pg.InfiniteLine(angle=90, movable=False) for _ in DEFAULT_BETAS]
        for line in self.window_lines:
            self.weights_plot.addItem(line)
        plots = QVBoxLayout()
        plots.addWidget(self.series_plot, 3)
        plots.addWidget(self.weights_plot, 2)
        layout = QHBoxLayout(self)
        layout.addWidget(self.side)
        layout.addLayout(plots, 1)

    # ----- text and look ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.settings_box.setTitle(self.tr("Exponentially weighted averages"))
        for index, label in enumerate(self.beta_labels):
            label.setText(self.tr("β of curve %1").replace("%1", str(index + 1)))
        self.corrected_check.setText(self.tr("With bias correction (solid)"))
        self.uncorrected_check.setText(self.tr("Without bias correction (dashed)"))
        self.zoom_check.setText(self.tr("Zoom on the first %1 days").replace("%1", str(ZOOM_DAYS)))
        self.noise_label.setText(self.tr("Day-to-day noise"))
        self.new_year_button.setText(self.tr("Another year"))
        self.series_plot.setLabel("bottom", self.tr("day of the year"))
        self.series_plot.setLabel("left", self.tr("temperature (°C)"))
        self.weights_plot.setLabel("bottom", self.tr("days ago"))
        self.weights_plot.setLabel("left", self.tr("weight in today's average"))
        self.explanation.setText(
            self.tr(
                "<p>v<sub>t</sub> = β·v<sub>t−1</sub> + (1 − β)·θ<sub>t</sub>, starting from v<sub>0</sub> = 0. "
                "The weights fall by the factor β each day back, so the average mostly remembers the "
                "last 1/(1 − β) days: larger β, smoother and later.</p>"
                "<p>Starting from 0 makes the first averages too low: after t days the weights only add "
                "up to 1 − β<sup>t</sup>. Dividing by 1 − β<sup>t</sup> (bias correction) fixes that from "
                "day 1.</p>"
                "<p><b>Momentum</b> keeps such an average of the gradients (β = momentum, 0.9: about "
                "10 steps). <b>RMSProp</b> keeps one of the squared gradients (β = alpha, 0.99: about 100 "
                "steps). <b>Adam</b> keeps both (β₁ = 0.9, β₂ = 0.999) and bias-corrects them, because "
                "its averages also start at 0.</p>"
            )
        )
        self._redraw()

    def apply_style(self, style: Style) -> None:
        self.view_style = style
        for plot in (self.series_plot, self.weights_plot):
            style_plot(plot, style)
        self.side.setFixedWidth(round(self.fontMetrics().averageCharWidth() * SIDE_COLUMN_CHARACTERS))
        muted = pg.mkColor(style.palette.muted_text)
        muted.setAlpha(110)
        self.days.setSymbolBrush(pg.mkBrush(muted))
        self.days.setSymbolPen(None)
        self.days.setSymbolSize(style.marker_size * 0.7)
        for index in range(len(DEFAULT_BETAS)):
            self.corrected_curves[index].setPen(style.curve_pen(index))
            self.uncorrected_curves[index].setPen(style.curve_pen(index, dashed=True))
            self.weight_curves[index].setPen(style.curve_pen(index))
            dashed = style.curve_pen(index, dashed=True)
            dashed.setWidthF(style.line_width / 2)
            self.window_lines[index].setPen(dashed)
        self._redraw()

    # ----- data ---------------------------------------------------------------------------------

    def _new_year(self) -> None:
        rng = np.random.default_rng([self._seed, self._draws])
        self.temperatures = daily_temperatures(rng, noise=self.noise_spin.value())
        self._redraw()

    def _another_year(self) -> None:
        self._draws += 1
        self._new_year()

    def betas(self) -> list[float]:
        return [spin.value() for spin in self.beta_spins]

    def _redraw(self) -> None:
        if not len(self.temperatures):
            return
        days = np.arange(1, len(self.temperatures) + 1)
        self.days.setData(days, self.temperatures)
        self.legend.clear()
        self.legend.addItem(self.days, self.tr("daily temperature"))
        windows = []
        for index, beta in enumerate(self.betas()):
            corrected = self.corrected_curves[index]
            uncorrected = self.uncorrected_curves[index]
            corrected.setData(days, ewma(self.temperatures, beta, bias_correction=True))
            uncorrected.setData(days, ewma(self.temperatures, beta))
            corrected.setVisible(self.corrected_check.isChecked())
            uncorrected.setVisible(self.uncorrected_check.isChecked())
            label = self.tr("β = %1").replace("%1", f"{beta:g}")
            self.legend.addItem(corrected if corrected.isVisible() else uncorrected, label)
            ago = np.arange(WEIGHT_DAYS)
            self.weight_curves[index].setData(ago, averaging_weights(beta, WEIGHT_DAYS))
            window = effective_window(beta)
            self.window_lines[index].setValue(window)
            windows.append(self.tr("β = %1: window ≈ 1/(1 − β) = <b>%2</b> days")
                           .replace("%1", f"{beta:g}").replace("%2", f"{window:.3g}"))
        self.windows_label.setText("<br>".join(windows))
        if self.zoom_check.isChecked():
            self.series_plot.setXRange(0, ZOOM_DAYS, padding=0.02)
            self.series_plot.enableAutoRange(axis="y")
        else:
            self.series_plot.enableAutoRange()
