"""The "Why cross-entropy trains faster" page.

Left, the argument: with a sigmoid output, how hard each loss pushes the logit as the prediction
goes from right to badly wrong (MSE's push dies away, cross-entropy's does not). Right, the proof:
the same logistic model, started badly wrong, trained with each loss, live on the worker.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSpinBox

from desktop.widgets.live_curve import LiveCurvePlot
from desktop.widgets.plot_style import style_plot
from desktop.worker import Worker
from engine.functions_lab import RACE_RUNS, RACE_YARDSTICKS, LossRace, RaceSnapshot, logit_gradients
from engine.nn import get_activation

from .pacing import Pacer
from .page import (
    Page, label_font, make_plot, place_legend, row_of, set_legend, slider, spin_box,
)
from .texts import formula_card

#: Logits from "right" (+8, p ≈ 1 for a target of 1) to "badly wrong" (−8, p ≈ 0).
LOGITS = np.linspace(8.0, -8.0, 401)
TARGET = 1.0
DEFAULT_SPEED = 40  # race steps per second


class CrossEntropyPage(Page):
    """Owns the race; the lab forwards Run, Pause, Step and Reset here."""

    running_changed = Signal(bool)
    #: After :meth:`advance`, once its result is on screen.
    advanced = Signal()

    def __init__(self, worker: Worker, seed: int) -> None:
        super().__init__()
        self.worker = worker
        self.seed = seed
        self.running = False
        self.snapshot: RaceSnapshot | None = None
        self._race: LossRace | None = None
        self._pacer: Pacer | None = None
        self._advancing = False

        self.gradient_plot = make_plot()
        self.gradient_curves = {run: self.gradient_plot.plot([], []) for run in RACE_RUNS}
        self.gradient_plot.getViewBox().invertX(True)
        self.end_labels = [pg.TextItem(anchor=(0.0, 0.0)), pg.TextItem(anchor=(1.0, 0.0))]
        for label in self.end_labels:
            self.gradient_plot.addItem(label)
        self.race_plot = LiveCurvePlot(y_floor=0.0)
        self.race_plot.addLegend()
        place_legend(self.race_plot, "right")  # between the early drop and the long plateau
        for run in RACE_RUNS:
            self.race_plot.add_curve(run, pg.mkPen())
        self.race_status = QLabel()
        self.race_status.setTextFormat(Qt.TextFormat.RichText)
        self.race_status.setWordWrap(True)
        self.race_error = QLabel(wordWrap=True)
        self.race_error.setProperty("role", "error")
        self.race_error.hide()
        plots = QHBoxLayout()
        plots.addWidget(self.gradient_plot, 1)
        plots.addWidget(self.race_plot, 1)
        self.plot_area.addLayout(plots, 1)
        self.plot_area.addWidget(self.race_status)
        self.plot_area.addWidget(self.race_error)

        self.race_box, form = self.add_group()
        self.run_button, self.step_button, self.reset_button = (QPushButton() for _ in range(3))
        form.addRow(row_of(self.run_button, self.step_button, self.reset_button, stretch=None))
        self.yardstick_combo = QComboBox()
        self.yardstick_combo.addItems([""] * len(RACE_YARDSTICKS))
        self.yardstick_label = QLabel()
        form.addRow(self.yardstick_label, self.yardstick_combo)
        self.speed_slider = slider(5, 200, DEFAULT_SPEED)
        self.speed_value = QLabel()
        self.speed_label = QLabel()
        form.addRow(self.speed_label, row_of(self.speed_slider, self.speed_value))
        self.start_box, form = self.add_group()
        self.learning_rate_spin = spin_box(0.05, 10.0, 0.05, 2, 1.0)
        self.learning_rate_label = QLabel()
        form.addRow(self.learning_rate_label, self.learning_rate_spin)
        self.wrongness_spin = spin_box(0.0, 20.0, 1.0, 1, 6.0)
        self.wrongness_label = QLabel()
        form.addRow(self.wrongness_label, self.wrongness_spin)
        self.steps_spin = QSpinBox()
        self.steps_spin.setRange(20, 5000)
        self.steps_spin.setSingleStep(50)
        self.steps_spin.setValue(300)
        self.steps_spin.setKeyboardTracking(False)
        self.steps_label = QLabel()
        form.addRow(self.steps_label, self.steps_spin)
        self.finish_controls()

        self.run_button.clicked.connect(self.toggle_run)
        self.step_button.clicked.connect(self.step)
        self.reset_button.clicked.connect(self.reset)
        self.yardstick_combo.currentIndexChanged.connect(self._replot_race)
        self.speed_slider.valueChanged.connect(self._on_speed_changed)
        for spin in (self.learning_rate_spin, self.wrongness_spin, self.steps_spin):
            spin.valueChanged.connect(self._on_settings_changed)
        worker.report.connect(self._on_report)
        worker.running_changed.connect(self._on_running_changed)
        worker.failed.connect(self._on_failed)
        self.retranslate()
        self.reset()

    @property
    def yardstick(self) -> str:
        return RACE_YARDSTICKS[self.yardstick_combo.currentIndex()]

    # ----- the race: commands --------------------------------------------------------------------

    def reset(self) -> None:
        """A new race from the settings; shows its start, does not run it."""
        self.worker.stop()
        self._set_running(False)
        self.race_error.hide()
        self._race = LossRace(
            np.random.default_rng(self.seed), learning_rate=self.learning_rate_spin.value(),
            wrongness=self.wrongness_spin.value(), max_steps=self.steps_spin.value(),
        )
        self._pacer = None
        self.show_snapshot(self._race.snapshot())

    def run(self) -> None:
        if self.running:
            return
        if self.snapshot is not None and self.snapshot.finished:
            self.reset()
        if self._pacer is None:
            self._pacer = Pacer(self._race.run(), self.speed_slider.value())
            self.worker.start(iter(self._pacer))
        else:
            self.worker.resume()
        self._set_running(True)

    def pause(self) -> None:
        if self.running:
            self.worker.pause()
            self._set_running(False)

    def toggle_run(self) -> None:
        if self.running:
            self.pause()
        else:
            self.run()

    def step(self) -> None:
        """One gradient step of both runs."""
        self.pause()
        race = self._race
        if self.snapshot is not None and not self.snapshot.finished:
            self.worker.call(lambda: (race.step(), race.snapshot())[1])

    def advance(self, steps: int) -> None:
        """From a fresh start, ``steps`` steps at once; ``advanced`` when shown."""
        self.reset()
        race, steps = self._race, min(steps, self._race.max_steps)
        self._advancing = True

        def run_steps() -> RaceSnapshot:
            for _ in range(steps):
                race.step()
            return race.snapshot()

        self.worker.call(run_steps)

    def _on_speed_changed(self, per_second: int) -> None:
        self.speed_value.setText(self.tr("%1 steps/s").replace("%1", str(per_second)))
        pacer = self._pacer
        if pacer is not None:  # the pacer belongs to the worker thread: change it there
            self.worker.call(lambda: setattr(pacer, "per_second", per_second))

    def _on_settings_changed(self) -> None:
        was_running = self.running
        self.reset()
        if was_running:
            self.run()

    # ----- the race: what the worker reports -----------------------------------------------------

    def _on_report(self, item: object) -> None:
        if isinstance(item, RaceSnapshot):
            self.show_snapshot(item)

    def _on_running_changed(self, running: bool) -> None:
        self._set_running(running)

    def _set_running(self, running: bool) -> None:
        changed = running != self.running
        self.running = running
        self.run_button.setText(self.tr("Pause") if running else self.tr("Run"))
        if changed:
            self.running_changed.emit(running)

    def _on_failed(self, message: str) -> None:
        self._set_running(False)
        self.race_error.setText(self.tr("The race stopped with an error: %1. Press Reset to "
                                        "start again.").replace("%1", message))
        self.race_error.show()

    def show_snapshot(self, snapshot: RaceSnapshot) -> None:
        previous = self.snapshot
        self.snapshot = snapshot
        if previous is None or snapshot.step < previous.step:
            self._replot_race()
        else:
            new = slice(len(previous.steps), len(snapshot.steps))
            for run in RACE_RUNS:
                scores = snapshot.history[run][self.yardstick]
                self.race_plot.append(run, snapshot.steps[new], scores[new])
            self.race_plot.refresh()
        self._update_status()
        if self._advancing:
            self._advancing = False
            self.advanced.emit()

    def _replot_race(self) -> None:
        self.race_plot.clear_data()
        snapshot = self.snapshot
        if snapshot is not None:
            for run in RACE_RUNS:
                self.race_plot.append(run, snapshot.steps, snapshot.history[run][self.yardstick])
        self.race_plot.set_fixed_y_range((0.0, 1.05) if self.yardstick == "error_rate" else None)
        self.race_plot.setLabel("left", self._yardstick_title(self.yardstick))
        self.race_plot.refresh()
        self._update_status()

    # ----- drawing -------------------------------------------------------------------------------

    def _run_title(self, run: str) -> str:
        if run == "mse":
            return self.tr("trained with MSE")
        return self.tr("trained with cross-entropy")

    def _yardstick_title(self, yardstick: str) -> str:
        return {"mse": self.tr("mean squared error"), "cross_entropy": self.tr("cross-entropy"),
                "error_rate": self.tr("share misclassified")}[yardstick]

    def _update_status(self) -> None:
        snapshot = self.snapshot
        if snapshot is None:
            return
        yardstick = self.yardstick
        start = snapshot.history["mse"][yardstick][0]
        half = start / 2
        parts = [self.tr("Step %1 of %2.").replace("%1", str(snapshot.step)).replace(
            "%2", str(snapshot.max_steps))]
        for run in RACE_RUNS:
            reached = snapshot.steps_to_reach(run, yardstick, half)
            color = self.view_style.series_color(RACE_RUNS.index(run)).name()
            if reached is None:
                sentence = self.tr("%1: not yet at half the starting value.")
            else:
                sentence = self.tr("%1: reached half the starting value at step %2.").replace(
                    "%2", str(reached))
            parts.append(f"<span style='color:{color}'>■</span> "
                         + sentence.replace("%1", self._run_title(run)))
        if snapshot.finished:
            parts.append(self.tr("Finished."))
        self.race_status.setText(" ".join(parts))

    def _draw_gradients(self) -> None:
        style = self.view_style
        gradients = logit_gradients(LOGITS, TARGET)
        predictions = get_activation("sigmoid").value(LOGITS)
        entries = []
        for index, run in enumerate(RACE_RUNS):
            curve = self.gradient_curves[run]
            curve.setData(predictions, np.abs(gradients[run]), pen=style.curve_pen(index))
            entries.append((curve, self.tr("MSE") if run == "mse" else self.tr("cross-entropy")))
        set_legend(self.gradient_plot, entries)
        self.gradient_plot.setRange(xRange=(0, 1), yRange=(0, 1.05), padding=0.02)
        ends = ((1.0, self.tr("right")), (0.0, self.tr("badly wrong")))
        for label, (x, text) in zip(self.end_labels, ends):
            label.setText(text, color=style.palette.text)
            label.setFont(label_font(style, 1.2))
            label.setPos(x, 0.55)

    def _restyle_race(self) -> None:
        style = self.view_style
        entries = []
        for index, run in enumerate(RACE_RUNS):
            curve = self.race_plot.curve(run)
            curve.setPen(style.curve_pen(index))
            entries.append((curve, self._run_title(run)))
        set_legend(self.race_plot, entries)

    def _update_card(self) -> None:
        mse, cross_entropy = self.tr("MSE"), self.tr("cross-entropy")
        blocks = [f"<b>{mse}</b><br>∂L/∂z = 2(p − y) · σ′(z) = 2(p − y) · p(1 − p)",
                  f"<b>{cross_entropy}</b><br>∂L/∂z = p − y"]
        note = self.tr(
            "Target y = 1, output p = σ(z). When the model is confidently wrong (p near 0), "
            "σ′(z) is almost 0, so MSE barely moves the logit: it learns slowest exactly when it "
            "is most wrong. Cross-entropy's ln cancels the sigmoid's flat tail, and the push is "
            "simply p − y: strongest when most wrong. The race on the right trains the same "
            "logistic model from the same bad start with each loss; both are measured by the "
            "same yardstick.")
        self.formula.setText(formula_card(self.tr("Why cross-entropy trains faster"), blocks, note))

    # ----- text and style ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.race_box.setTitle(self.tr("Race"))
        self.run_button.setText(self.tr("Pause") if self.running else self.tr("Run"))
        self.step_button.setText(self.tr("Step"))
        self.reset_button.setText(self.tr("Reset"))
        self.yardstick_label.setText(self.tr("Measured by"))
        for index, yardstick in enumerate(RACE_YARDSTICKS):
            self.yardstick_combo.setItemText(index, self._yardstick_title(yardstick))
        self.speed_label.setText(self.tr("Speed"))
        self._on_speed_changed(self.speed_slider.value())
        self.start_box.setTitle(self.tr("Start"))
        self.learning_rate_label.setText(self.tr("Learning rate"))
        self.wrongness_label.setText(self.tr("How wrong at the start"))
        self.wrongness_spin.setToolTip(self.tr(
            "How far on the wrong side a typical example's logit starts (0: undecided)."))
        self.steps_label.setText(self.tr("Steps"))
        self.gradient_plot.setLabel("bottom", self.tr("prediction p for a target of 1"))
        self.gradient_plot.setLabel("left", self.tr("push on the logit |∂L/∂z|"))
        self.race_plot.setLabel("bottom", self.tr("gradient-descent step"))
        self.race_plot.setLabel("left", self._yardstick_title(self.yardstick))
        self.restyle_items()

    def restyle_items(self) -> None:
        self._draw_gradients()
        self._restyle_race()
        self._update_card()
        self._update_status()

    def restyle(self) -> None:
        style_plot(self.gradient_plot, self.view_style)
        style_plot(self.race_plot, self.view_style)
        self.restyle_items()
