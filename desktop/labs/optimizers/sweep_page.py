"""The learning-rate sweep: one method, the same number of steps, many learning rates; final loss
against rate on log axes, with the rates that diverged marked as such.

It runs on the race's current surface from the race's start point, with the method's other
hyperparameters as set in the race, on its own worker so that it can be cancelled.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.labs.optimizers.job_controls import JobControls
from desktop.labs.optimizers.names import method_color, method_title, surface_title
from desktop.labs.optimizers.session import RaceConfigured, RaceSetup
from desktop.theme import Style, make_style
from desktop.widgets.plot_style import style_plot
from engine.landscape.methods import METHODS
from engine.landscape.progress import Progress
from engine.landscape.sweep import SweepResult, log_spaced_rates, sweep_with_progress

SWEEP_METHODS = tuple(name for name in METHODS if "lr" in METHODS[name].editable)
RATE_COUNT = 41
# Width of the settings column, in average character widths of the current font.
SIDE_COLUMN_CHARACTERS = 30
# Losses below this fraction of the start loss are drawn at it (a log axis cannot show 0).
LOSS_FLOOR = 1e-12


def sweep_job(setup: RaceSetup, method: str, rates: np.ndarray, steps: int):
    """The generator the worker runs: build the surface there, then sweep."""
    surface = setup.make_surface()
    settings = next((dict(e.hyperparameters) for e in setup.entrants if e.method == method), {})  # the user's edits
    yield from sweep_with_progress(
        surface, setup.start_on(surface), rates, steps=steps, method=method, hyperparameters=settings,
        rng=np.random.default_rng(setup.seed),
    )


class SweepPage(QWidget):
    def __init__(self, worker, parent=None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.view_style: Style = make_style()
        self.setup: RaceSetup | None = None
        self._race_settings: dict[str, dict] = {}
        self.result: SweepResult | None = None
        worker.report.connect(self._on_report)
        self._build()
        self.retranslate()

    def _build(self) -> None:
        self.settings_box = QGroupBox()
        form = QFormLayout(self.settings_box)
        self.context_label = QLabel()
        self.context_label.setWordWrap(True)
        form.addRow(self.context_label)
        self.method_combo = QComboBox()
        for name in SWEEP_METHODS:
            self.method_combo.addItem("", name)
        self.low_spin, self.high_spin = QSpinBox(), QSpinBox()
        for spin, value in ((self.low_spin, -5), (self.high_spin, 1)):
            spin.setRange(-10, 4)
            spin.setValue(value)
            spin.setPrefix("10^")
        self.steps_spin = QSpinBox()
        self.steps_spin.setRange(1, 2000)
        self.steps_spin.setValue(50)
        self.method_label, self.low_label, self.high_label, self.steps_label = QLabel(), QLabel(), QLabel(), QLabel()
        form.addRow(self.method_label, self.method_combo)
        form.addRow(self.low_label, self.low_spin)
        form.addRow(self.high_label, self.high_spin)
        form.addRow(self.steps_label, self.steps_spin)
        self.job = JobControls(self.worker)
        self.job.start_requested.connect(self.start_sweep)
        form.addRow(self.job)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        side = QVBoxLayout()
        side.addWidget(self.settings_box)
        side.addWidget(self.summary)
        side.addWidget(self.explanation)
        side.addStretch(1)
        self.side = QWidget()
        self.side.setLayout(side)

        self.plot = pg.PlotWidget()
        self.plot.setMenuEnabled(False)
        self.plot.setLogMode(x=True, y=True)
        self.curve = self.plot.plot([], [], symbol="o")
        self.diverged_marks = self.plot.plot([], [], pen=None, symbol="x")
        self.race_rate_line = pg.InfiniteLine(angle=90, movable=False, label="", labelOpts={"position": 0.05})
        self.plot.addItem(self.race_rate_line)
        self.race_rate_line.hide()
        self.start_loss_line = pg.InfiniteLine(angle=0, movable=False, label="", labelOpts={"position": 0.6})
        self.plot.addItem(self.start_loss_line)
        self.start_loss_line.hide()
        self.legend = self.plot.addLegend()
        self.legend.addItem(self.curve, "")
        self.legend.addItem(self.diverged_marks, "")

        layout = QHBoxLayout(self)
        layout.addWidget(self.side)
        layout.addWidget(self.plot, 1)

    # ----- text and look ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.settings_box.setTitle(self.tr("Learning-rate sweep"))
        for index, name in enumerate(SWEEP_METHODS):
            self.method_combo.setItemText(index, method_title(name))
        self.method_label.setText(self.tr("Method"))
        self.low_label.setText(self.tr("Smallest rate"))
        self.high_label.setText(self.tr("Largest rate"))
        self.steps_label.setText(self.tr("Steps per rate"))
        self.job.set_texts(self.tr("Run sweep"), self.tr("The sweep stopped: %1"))
        self.explanation.setText(
            self.tr(
                "Each dot is a separate run from the same start, with the same number of steps. "
                "Too small a rate hardly moves; a good one gets low fast; a larger one oscillates; "
                "past a threshold the loss grows instead of falling: that run diverged (×). "
                "On a quadratic, gradient descent diverges exactly when lr > 2 / (largest curvature)."
            )
        )
        self.plot.setLabel("bottom", self.tr("learning rate"))
        self.plot.setLabel("left", self.tr("loss after the last step"))
        color = self.view_style.palette.text
        self.legend.items[0][1].setText(self.tr("final loss"), color=color)
        self.legend.items[1][1].setText(self.tr("diverged"), color=color)
        self.race_rate_line.label.setFormat(self.tr("the race's rate"))
        self.start_loss_line.label.setFormat(self.tr("loss at the start"))
        self._show_context()
        self._show_summary()

    def apply_style(self, style: Style) -> None:
        self.view_style = style
        style_plot(self.plot, style)
        self.side.setFixedWidth(round(self.fontMetrics().averageCharWidth() * SIDE_COLUMN_CHARACTERS))
        self.job.apply_style(style)
        self.diverged_marks.setSymbolPen(pg.mkPen(style.palette.error, width=style.line_width))
        self.diverged_marks.setSymbolBrush(pg.mkBrush(style.palette.error))
        self.diverged_marks.setSymbolSize(style.marker_size * 2)
        for line in (self.race_rate_line, self.start_loss_line):
            line.setPen(pg.mkPen(style.palette.muted_text, width=style.line_width / 2, style=Qt.PenStyle.DashLine))
            line.label.setColor(style.palette.muted_text)
        self._restyle_curve()
        self.retranslate()

    def _restyle_curve(self) -> None:
        color = method_color(self.view_style, self.method_combo.currentData())
        self.curve.setPen(pg.mkPen(color, width=self.view_style.line_width))
        self.curve.setSymbolBrush(pg.mkBrush(color))
        self.curve.setSymbolPen(pg.mkPen(color))
        self.curve.setSymbolSize(self.view_style.marker_size)

    # ----- the race it follows ------------------------------------------------------------------

    def follow_race(self, configured: RaceConfigured) -> None:
        """Sweep on this race's surface and start from now on (a shown result stays until rerun)."""
        self.setup = configured.setup
        self._race_settings = {
            entrant.method: {**configured.defaults[entrant.method], **entrant.hyperparameters}
            for entrant in configured.setup.entrants
        }
        self._show_context()

    def _show_context(self) -> None:
        if self.setup is None:
            self.context_label.clear()
            return
        self.context_label.setText(
            self.tr("On the race's surface (%1) from its start point.").replace("%1", surface_title(self.setup.surface))
        )

    # ----- running ------------------------------------------------------------------------------

    def start_sweep(self) -> None:
        if self.setup is None:
            return
        low, high = self.low_spin.value(), self.high_spin.value()
        if low >= high:
            self.job.show_error(self.tr("The smallest rate must be below the largest."))
            return
        method = self.method_combo.currentData()
        rates = log_spaced_rates(10.0**low, 10.0**high, RATE_COUNT)
        self.job.run(sweep_job(self.setup, method, rates, self.steps_spin.value()), RATE_COUNT)

    def is_busy(self) -> bool:
        return self.job.is_busy()

    def _on_report(self, item) -> None:
        if isinstance(item, Progress):
            self.job.show_progress(item.done, RATE_COUNT)
        elif isinstance(item, SweepResult):
            self.job.show_progress(RATE_COUNT, RATE_COUNT)
            self.result = item
            self._show_result()

    # ----- result -------------------------------------------------------------------------------

    def _show_result(self) -> None:
        result = self.result
        self._restyle_curve()
        floor = LOSS_FLOOR * abs(result.start_loss) if result.start_loss else LOSS_FLOOR
        positive = bool(np.all(result.final_losses[np.isfinite(result.final_losses)] > 0))
        self.plot.setLogMode(x=True, y=positive)
        shown = np.maximum(result.final_losses, floor) if positive else result.final_losses
        calm = ~result.diverged
        self.curve.setData(result.rates[calm], shown[calm])
        # Diverged runs are marked above the start loss (their own last loss may be astronomical).
        mark_height = 10 * result.start_loss if positive else result.start_loss + abs(result.start_loss) + 1
        self.diverged_marks.setData(result.rates[result.diverged], np.full(int(result.diverged.sum()), mark_height))
        self.start_loss_line.setValue(np.log10(result.start_loss) if positive else result.start_loss)
        self.start_loss_line.show()
        race_rate = self._race_rate(result.method)
        self.race_rate_line.setVisible(race_rate is not None)
        if race_rate is not None:
            self.race_rate_line.setValue(np.log10(race_rate))
        self.plot.enableAutoRange()
        self._show_summary()

    def _race_rate(self, method: str) -> float | None:
        """The learning rate ``method`` races with, if it is in the race."""
        return self._race_settings.get(method, {}).get("lr")

    def _show_summary(self) -> None:
        result = self.result
        if result is None:
            self.summary.clear()
            return
        best = result.best_rate
        diverging = result.rates[result.diverged]
        lines = [
            self.tr("<b>%1</b>, %2 steps per rate.").replace("%1", method_title(result.method)).replace("%2", str(result.steps))
        ]
        if best is not None:
            lines.append(self.tr("Lowest final loss at lr ≈ %1.").replace("%1", f"{best:.3g}"))
        if diverging.size:
            lines.append(self.tr("Diverged from lr ≈ %1 on (%2 of %3 rates).")
                         .replace("%1", f"{diverging.min():.3g}")
                         .replace("%2", str(diverging.size)).replace("%3", str(result.rates.size)))
        else:
            lines.append(self.tr("No rate diverged in this range."))
        self.summary.setText("<br>".join(lines))
