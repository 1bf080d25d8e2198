"""The Losses page: for one target y, the loss of a single prediction and its gradient, for MAE,
MSE, Huber and binary cross-entropy, straight from the engine's losses."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel

from desktop.widgets.plot_style import style_plot
from engine.functions_lab import pointwise_loss
from engine.nn import get_loss

from .calculator import Calculator
from .page import Page, make_plot, place_legend, set_legend, spin_box
from .texts import LOSS_FORMULAS, formula_card, loss_title

LOSS_NAMES = ("mae", "mse", "huber", "binary_cross_entropy")
PREDICTION_POINTS = 401
#: Probabilities are plotted on [ε, 1 − ε]: cross-entropy is infinite at 0 and 1.
PROBABILITY_MARGIN = 0.005
#: Regression predictions span the target ± this.
REGRESSION_SPAN = 4.0
#: The gradient axis in classification, so the bounded gradients stay readable beside BCE's.
CLASSIFICATION_GRADIENT_RANGE = (-5.0, 5.0)


class LossesPage(Page):
    def __init__(self, calculator: Calculator) -> None:
        super().__init__()
        self.calculator = calculator
        #: The latest curves: (predictions, {loss name: (values, gradients)}).
        self.curves: tuple[np.ndarray, dict[str, tuple[np.ndarray, np.ndarray]]] = (np.zeros(0), {})

        self.loss_plot = make_plot()
        self.gradient_plot = make_plot()
        self.loss_curves = {name: self.loss_plot.plot([], []) for name in LOSS_NAMES}
        self.gradient_curves = {name: self.gradient_plot.plot([], []) for name in LOSS_NAMES}
        self.target_lines = [pg.InfiniteLine(angle=90, movable=False) for _ in range(2)]
        self.loss_plot.addItem(self.target_lines[0])
        self.gradient_plot.addItem(self.target_lines[1])
        self.plot_area.addWidget(self.loss_plot, 1)
        self.plot_area.addWidget(self.gradient_plot, 1)

        self.target_box, form = self.add_group()
        self.task_combo = QComboBox()
        self.task_combo.addItems(["", ""])
        self.task_label = QLabel()
        form.addRow(self.task_label, self.task_combo)
        self.target_spin = spin_box(0, 1, 1, 0, 1)  # ranged by _set_classification_target
        self.target_label = QLabel()
        form.addRow(self.target_label, self.target_spin)
        self.delta_spin = spin_box(0.1, 5.0, 0.1, 2, get_loss("huber").delta)
        self.delta_label = QLabel()
        form.addRow(self.delta_label, self.delta_spin)
        self.losses_box, form = self.add_group()
        self.loss_checks = {name: QCheckBox() for name in LOSS_NAMES}
        for check in self.loss_checks.values():
            check.setChecked(True)
            form.addRow(check)
        self.finish_controls()

        self._set_classification_target()
        self.task_combo.currentIndexChanged.connect(self._on_task_changed)
        self.target_spin.valueChanged.connect(self.recompute)
        self.delta_spin.valueChanged.connect(self.recompute)
        for check in self.loss_checks.values():
            check.toggled.connect(self.recompute)
        self.retranslate()
        self.recompute()

    @property
    def classification(self) -> bool:
        return self.task_combo.currentIndex() == 0

    def _set_classification_target(self) -> None:
        self.target_spin.blockSignals(True)
        if self.classification:
            self.target_spin.setRange(0, 1)
            self.target_spin.setDecimals(0)
            self.target_spin.setSingleStep(1)
            self.target_spin.setValue(1)
        else:
            self.target_spin.setRange(-5, 5)
            self.target_spin.setDecimals(2)
            self.target_spin.setSingleStep(0.5)
            self.target_spin.setValue(0)
        self.target_spin.blockSignals(False)
        bce = self.loss_checks["binary_cross_entropy"]
        bce.setEnabled(self.classification)

    def _on_task_changed(self) -> None:
        self._set_classification_target()
        self.retranslate()
        self.recompute()

    def shown_losses(self) -> list[str]:
        return [name for name in LOSS_NAMES
                if self.loss_checks[name].isChecked() and self.loss_checks[name].isEnabled()]

    # ----- computing -----------------------------------------------------------------------------

    def predictions(self) -> np.ndarray:
        target = self.target_spin.value()
        if self.classification:
            return np.linspace(PROBABILITY_MARGIN, 1 - PROBABILITY_MARGIN, PREDICTION_POINTS)
        return np.linspace(target - REGRESSION_SPAN, target + REGRESSION_SPAN, PREDICTION_POINTS)

    def recompute(self) -> None:
        """Score every prediction on its own with each shown loss (on the worker)."""
        predictions, target = self.predictions(), self.target_spin.value()
        delta = self.delta_spin.value()
        losses = {name: get_loss(name, delta=delta) if name == "huber" else get_loss(name)
                  for name in self.shown_losses()}

        def compute():
            return predictions, {name: pointwise_loss(loss, predictions, target)
                                 for name, loss in losses.items()}

        self.calculator.request("losses", compute, self.show_curves)

    def show_curves(self, curves) -> None:
        self.curves = curves
        self.redraw()

    # ----- drawing -------------------------------------------------------------------------------

    def redraw(self) -> None:
        style = self.view_style
        predictions, results = self.curves
        loss_entries, gradient_entries = [], []
        for index, name in enumerate(LOSS_NAMES):
            shown = name in results
            for curves in (self.loss_curves, self.gradient_curves):
                curves[name].setVisible(shown)
            if not shown:
                continue
            values, gradients = results[name]
            self.loss_curves[name].setData(predictions, values, pen=style.curve_pen(index))
            self.gradient_curves[name].setData(predictions, gradients, pen=style.curve_pen(index))
            loss_entries.append((self.loss_curves[name], loss_title(name)))
            gradient_entries.append((self.gradient_curves[name], loss_title(name)))
        set_legend(self.loss_plot, loss_entries)
        set_legend(self.gradient_plot, gradient_entries)
        target = self.target_spin.value()
        # Legends go where the curves leave room: losses rise away from the target, gradients
        # have the sign of p − y.
        if not self.classification:
            place_legend(self.loss_plot, "top")
            place_legend(self.gradient_plot, "top_left")
        elif target == 1:
            place_legend(self.loss_plot, "top_right")
            place_legend(self.gradient_plot, "top_left")
        else:
            place_legend(self.loss_plot, "top_left")
            place_legend(self.gradient_plot, "bottom_left")
        for line in self.target_lines:
            line.setPos(target)
            line.setPen(pg.mkPen(style.palette.muted_text, width=style.axis_width,
                                 style=Qt.PenStyle.DashLine, cosmetic=True))
        if len(predictions):
            x_range = (predictions[0], predictions[-1])
            tops = [values.max() for values, _ in results.values()]
            self.loss_plot.setRange(xRange=x_range, yRange=(0, max(tops, default=1.0)), padding=0.04)
            if self.classification:
                gradient_range = CLASSIFICATION_GRADIENT_RANGE
            else:
                largest = max((np.abs(g).max() for _, g in results.values()), default=1.0)
                gradient_range = (-largest, largest)
            self.gradient_plot.setRange(xRange=x_range, yRange=gradient_range, padding=0.04)
        self._update_card()

    def _update_card(self) -> None:
        blocks = [f"<b>{loss_title(name)}</b><br>L = {LOSS_FORMULAS[name][0]}<br>"
                  f"∂L/∂p = {LOSS_FORMULAS[name][1]}"
                  for name in LOSS_NAMES if name in self.curves[1]]
        note = self.tr(
            "Each curve is the loss of one example with prediction p and target y; the engine "
            "averages it over a batch. MAE pushes with the same force however wrong p is; MSE "
            "pushes in proportion to the error, so outliers dominate; Huber is MSE near the "
            "target and MAE beyond δ. Cross-entropy needs a probability and a target in [0, 1]; "
            "its gradient grows without bound as a confident answer turns out wrong.")
        self.formula.setText(formula_card(self.tr("Losses (d = p − y)"), blocks, note))

    # ----- text and style ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.target_box.setTitle(self.tr("Target"))
        self.task_label.setText(self.tr("Task"))
        self.task_combo.setItemText(0, self.tr("Classification (y = 0 or 1)"))
        self.task_combo.setItemText(1, self.tr("Regression (any y)"))
        self.target_label.setText(self.tr("Target y"))
        self.delta_label.setText(self.tr("Huber δ"))
        self.losses_box.setTitle(self.tr("Losses"))
        for name, check in self.loss_checks.items():
            check.setText(loss_title(name))
        self.loss_checks["binary_cross_entropy"].setToolTip(
            "" if self.classification else self.tr("Cross-entropy needs a target in [0, 1]."))
        if self.classification:
            x_label = self.tr("prediction p (a probability)")
        else:
            x_label = self.tr("prediction p")
        self.loss_plot.setLabel("bottom", x_label)
        self.gradient_plot.setLabel("bottom", x_label)
        self.loss_plot.setLabel("left", self.tr("loss of one example"))
        self.gradient_plot.setLabel("left", self.tr("gradient ∂loss/∂p"))
        self.redraw()

    def restyle(self) -> None:
        style_plot(self.loss_plot, self.view_style)
        style_plot(self.gradient_plot, self.view_style)
        self.redraw()
