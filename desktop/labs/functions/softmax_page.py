"""The Softmax page: drag the logits, watch the probabilities, turn the temperature; with two
classes, softmax is the sigmoid of the difference."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QLabel, QPushButton, QSpinBox

from desktop.widgets.plot_style import style_plot
from engine.functions_lab import softmax_with_temperature
from engine.nn import get_activation

from .logit_bars import LogitBars
from .page import Page, label_font, make_plot, row_of, slider, subscript
from .texts import formula_card

DEFAULT_LOGITS = (2.0, 1.0, 0.1, -1.0)
MAX_CLASSES = 8
#: The temperature slider is logarithmic: T = 10^(position / STEPS_PER_DECADE), 0.1 … 10.
STEPS_PER_DECADE = 20


class SoftmaxPage(Page):
    def __init__(self) -> None:
        super().__init__()
        self.logit_bars = LogitBars(np.array(DEFAULT_LOGITS))
        self.probability_plot = make_plot(legend=False)
        self.probability_bars = pg.BarGraphItem(x=[], height=[], width=0.6)
        self.probability_plot.addItem(self.probability_bars)
        self.probability_labels: list[pg.TextItem] = []
        #: The probabilities on display, softmax(z / T) from the engine.
        self.probabilities = np.zeros(0)
        self.plot_area.addWidget(self.logit_bars, 1)
        self.plot_area.addWidget(self.probability_plot, 1)

        self.settings_box, form = self.add_group()
        self.classes_spin = QSpinBox()
        self.classes_spin.setRange(2, MAX_CLASSES)
        self.classes_spin.setValue(len(DEFAULT_LOGITS))
        self.classes_label = QLabel()
        form.addRow(self.classes_label, self.classes_spin)
        self.temperature_slider = slider(-STEPS_PER_DECADE, STEPS_PER_DECADE, 0)
        self.temperature_value = QLabel()
        self.temperature_label = QLabel()
        form.addRow(self.temperature_label, row_of(self.temperature_slider, self.temperature_value))
        self.reset_button = QPushButton()
        form.addRow(self.reset_button)
        self.hint = QLabel(wordWrap=True)
        self.hint.setProperty("role", "muted")
        form.addRow(self.hint)
        self.finish_controls()

        self.logit_bars.logits_changed.connect(self.redraw)
        self.classes_spin.valueChanged.connect(self._on_classes_changed)
        self.temperature_slider.valueChanged.connect(self.redraw)
        self.reset_button.clicked.connect(self.reset_logits)
        self.retranslate()

    @property
    def temperature(self) -> float:
        return 10.0 ** (self.temperature_slider.value() / STEPS_PER_DECADE)

    def reset_logits(self) -> None:
        logits = np.zeros(self.classes_spin.value())
        default = np.array(DEFAULT_LOGITS[: len(logits)])
        logits[: len(default)] = default
        self.logit_bars.set_logits(logits)

    def _on_classes_changed(self, count: int) -> None:
        old = self.logit_bars.logits()
        logits = np.zeros(count)
        keep = min(count, len(old))
        logits[:keep] = old[:keep]
        self.logit_bars.set_logits(logits)

    # ----- drawing -------------------------------------------------------------------------------

    def redraw(self) -> None:
        style = self.view_style
        logits = self.logit_bars.logits()
        temperature = self.temperature
        self.temperature_value.setText(f"T = {temperature:.2f}")
        self.probabilities = softmax_with_temperature(logits, temperature)
        count = len(logits)
        x = np.arange(1, count + 1)
        self.probability_bars.setOpts(
            x=x, height=self.probabilities, brushes=[style.series_color(i) for i in range(count)],
            pen=pg.mkPen(style.palette.text, width=style.axis_width, cosmetic=True))
        while len(self.probability_labels) < count:
            label = pg.TextItem(anchor=(0.5, 1.0))
            self.probability_plot.addItem(label)
            self.probability_labels.append(label)
        for i, label in enumerate(self.probability_labels):
            label.setVisible(i < count)
            if i < count:
                label.setText(f"{self.probabilities[i]:.3f}", color=style.palette.text)
                label.setFont(label_font(style, 1.2))
                label.setPos(i + 1, self.probabilities[i])
        self.probability_plot.setRange(xRange=(0.4, count + 0.6), yRange=(0, 1.15), padding=0)
        self.probability_plot.getPlotItem().getAxis("bottom").setTicks(
            [[(i + 1, f"p{subscript(i + 1)}") for i in range(count)]])
        self._update_card(logits, temperature)

    def _update_card(self, logits: np.ndarray, temperature: float) -> None:
        formulas = ["p<sub>i</sub> = e<sup>z<sub>i</sub>/T</sup> / "
                    "Σ<sub>j</sub> e<sup>z<sub>j</sub>/T</sup>"
                    f"<br>Σ<sub>i</sub> p<sub>i</sub> = {self.probabilities.sum():.3f}"]
        if len(logits) == 2:
            difference = np.array([(logits[0] - logits[1]) / temperature])
            sigmoid = get_activation("sigmoid").value(difference)[0]
            formulas.append(f"<b>p<sub>1</sub> = {self.probabilities[0]:.4f} = "
                            f"σ((z<sub>1</sub> − z<sub>2</sub>)/T) = {sigmoid:.4f}</b>")
            note = self.tr(
                "With two classes, softmax is the sigmoid of the difference of the logits: only "
                "z₁ − z₂ matters. That is why a binary classifier needs just one output unit "
                "with a sigmoid.")
        else:
            note = self.tr(
                "Set the number of classes to 2 to see that softmax becomes the sigmoid of "
                "z₁ − z₂.")
        note = self.tr(
            "Softmax turns any logits into probabilities that sum to 1; adding the same number to "
            "every logit changes nothing. A high temperature T flattens the probabilities, a low "
            "one sharpens them towards the largest logit.") + "</p><p>" + note
        self.formula.setText(formula_card(self.tr("Softmax"), formulas, note))

    # ----- text and style ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.settings_box.setTitle(self.tr("Softmax"))
        self.classes_label.setText(self.tr("Classes"))
        self.temperature_label.setText(self.tr("Temperature"))
        self.reset_button.setText(self.tr("Reset the logits"))
        self.hint.setText(self.tr("Drag a bar in the upper chart (or click where its top should "
                                  "be) to change that logit."))
        self.logit_bars.setLabel("left", self.tr("logit z"))
        self.probability_plot.setLabel("left", self.tr("probability p = softmax(z / T)"))
        self.redraw()

    def restyle(self) -> None:
        for plot in (self.logit_bars, self.probability_plot):
            style_plot(plot, self.view_style)
            # Room for the subscripted class labels (z₁, p₁), whose glyphs come from a fallback
            # font taller than the tick font pyqtgraph measures.
            axis = plot.getPlotItem().getAxis("bottom")
            axis.setHeight(round(QFontMetricsF(axis.style["tickFont"]).height() * 2.2))
        self.logit_bars.apply_style(self.view_style)
        self.redraw()
