"""The Playground's output column: loss and accuracy numbers and curves, and the output map.

The map shows the network's answer at every point of the input square (100 × 100) under the
training points (and, optionally, the test points), with a colour key. Hovering a neuron in the
network view shows that neuron's map here instead, as in TensorFlow Playground. The loss chart
keeps the whole history (see :mod:`desktop.widgets.live_curve`), with a log-scale switch; the
accuracy chart beside it is hidden for regression, which has no accuracy.

Plot items are made once; each frame only replaces their data.
"""
from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QCheckBox, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.theme import Style
from desktop.widgets.heatmap import ColorLegend, HeatmapView
from desktop.widgets.live_curve import LiveCurvePlot
from desktop.widgets.plot_style import style_plot
from engine.data.playground import PLAYGROUND_DOMAIN
from engine.playground import Frame

from .colors import LEVELS, PlaygroundColors

EXTENT = (*PLAYGROUND_DOMAIN, *PLAYGROUND_DOMAIN)
#: Seconds between two redraws of the curves (and the numbers read with them) while training
#: runs. A curve of thousands of epochs gains a few pixels per frame, and numbers that change
#: more often than twice a second cannot be read anyway; the two charts cost as much as a frame
#: of the maps, so redrawing them less often leaves more time for training and for the maps.
CHART_INTERVAL = 0.5
#: The charts are redrawn at least this long after a frame's map (seconds).
CHART_OFFSET = 0.015


class OutputView(QWidget):
    """See the module docstring."""

    #: The user switched "show test data" or "discretize output".
    display_changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._colors: PlaygroundColors | None = None
        self._style: Style | None = None
        self._frame: Frame | None = None
        self._neuron: tuple[str, np.ndarray] | None = None  # (caption, map) while hovering
        self._new_history: list = []  # History rows received since the last draw
        self._last_chart_refresh = 0.0
        self._chart_timer = QTimer(self)
        self._chart_timer.setSingleShot(True)
        self._chart_timer.timeout.connect(self.refresh_charts)

        self.title = QLabel()
        self.title.setObjectName("columnTitle")
        self.test_loss = QLabel()
        self.train_loss = QLabel()
        self.test_accuracy = QLabel()
        self.train_accuracy = QLabel()
        for label in (self.test_loss, self.train_loss, self.test_accuracy, self.train_accuracy):
            label.setTextFormat(Qt.TextFormat.RichText)
        self.log_scale = QCheckBox()
        self.log_scale.toggled.connect(self._set_log_scale)

        self.loss_plot = LiveCurvePlot(y_floor=0.0)
        self.loss_plot.add_curve("train", pg.mkPen("gray"))
        self.loss_plot.add_curve("test", pg.mkPen("black"))
        self.accuracy_plot = LiveCurvePlot()
        self.accuracy_plot.add_curve("train", pg.mkPen("gray"))
        self.accuracy_plot.add_curve("test", pg.mkPen("black"))
        self.accuracy_plot.set_fixed_y_range((0.0, 1.0))
        for plot in (self.loss_plot, self.accuracy_plot):
            plot.setMinimumHeight(90)
            plot.setMaximumHeight(170)
            for side in ("left", "bottom"):
                # No axis has a title that could show an SI prefix; with the prefix on, every
                # change of range (several a second early in a run) typeset the hidden title.
                plot.getPlotItem().getAxis(side).enableAutoSIPrefix(False)

        self.map = HeatmapView(EXTENT)
        self.map.setMinimumSize(240, 240)
        self.map_caption = QLabel()
        self.map_caption.setObjectName("mapCaption")
        self.legend = ColorLegend()
        self.show_test = QCheckBox()
        self.discretize = QCheckBox()
        self.show_test.toggled.connect(self._on_display_toggled)
        self.discretize.toggled.connect(self._on_display_toggled)

        numbers = QGridLayout()
        numbers.addWidget(self.test_loss, 0, 0)
        numbers.addWidget(self.test_accuracy, 0, 1)
        numbers.addWidget(self.train_loss, 1, 0)
        numbers.addWidget(self.train_accuracy, 1, 1)
        charts = QHBoxLayout()
        charts.addWidget(self.loss_plot, 3)
        charts.addWidget(self.accuracy_plot, 2)
        chart_options = QHBoxLayout()
        chart_options.addStretch(1)
        chart_options.addWidget(self.log_scale)
        toggles = QHBoxLayout()
        toggles.addWidget(self.show_test)
        toggles.addWidget(self.discretize)
        toggles.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addLayout(numbers)
        layout.addLayout(charts)
        layout.addLayout(chart_options)
        layout.addWidget(self.map_caption)
        layout.addWidget(self.map, 1)
        layout.addWidget(self.legend)
        layout.addLayout(toggles)
        self.retranslate()

    # ----- style and language -------------------------------------------------------------------

    def set_style(self, style: Style, colors: PlaygroundColors) -> None:
        self._style, self._colors = style, colors
        for plot in (self.loss_plot, self.accuracy_plot):
            style_plot(plot, style)
            plot.showGrid(x=False, y=False)  # as in TensorFlow Playground; a grid costs a lot per frame
        self.map.set_colors(style.palette.background, style.palette.text)
        self.map.set_lut(colors.map_lut, LEVELS)
        train_pen, test_pen = self._curve_pens()
        for plot in (self.loss_plot, self.accuracy_plot):
            plot.curve("train").setPen(train_pen)
            plot.curve("test").setPen(test_pen)
            plot.refresh()
        if self._frame is not None:
            self._show_points(self._frame)
            self._show_map()
            self._show_legend(self._frame)
            self._show_numbers(self._frame)

    def _curve_pens(self) -> tuple[QPen, QPen]:
        train, test = QPen(QColor(self._style.palette.muted_text)), QPen(QColor(self._style.palette.text))
        for pen in (train, test):
            pen.setWidthF(self._style.line_width)
            pen.setCosmetic(True)
        train.setStyle(Qt.PenStyle.DashLine)
        return train, test

    def retranslate(self) -> None:
        self.title.setText(self.tr("Output").upper())
        self.log_scale.setText(self.tr("Log scale"))
        self.log_scale.setToolTip(self.tr("Show the loss on a logarithmic axis, where small "
                                          "late improvements stay visible"))
        self.show_test.setText(self.tr("Show test data"))
        self.discretize.setText(self.tr("Discretize output"))
        self.loss_plot.setToolTip(self.tr("Loss per epoch, the whole run. Drag or scroll to "
                                          "look closer; double-click to see everything again."))
        self.accuracy_plot.setToolTip(self.tr("Accuracy per epoch (0 to 1)"))
        if self._frame is not None:
            self._show_numbers(self._frame)
            self._show_legend(self._frame)
        self._show_caption()

    # ----- frames -------------------------------------------------------------------------------

    def start_run(self, frame: Frame) -> None:
        """A new run: forget the curves, show the new data."""
        self._new_history = []
        self.loss_plot.clear_data()
        self.accuracy_plot.clear_data()
        classification = frame.config.problem == "classification"
        self.accuracy_plot.setVisible(classification)
        self.test_accuracy.setVisible(classification)
        self.train_accuracy.setVisible(classification)
        self._frame = frame
        self._show_points(frame)
        self._show_legend(frame)

    def add_history(self, frame: Frame) -> None:
        """Keep the frame's new history rows for the curves. Every frame's rows must come here,
        even those of frames that are never drawn; they join the curves when the charts are
        next redrawn (a few times a second, not on every frame)."""
        if len(frame.snapshot.new_history.epoch):
            self._new_history.append(frame.snapshot.new_history)

    def _append_history(self) -> None:
        if not self._new_history:
            return
        rows, self._new_history = self._new_history, []
        epoch = np.concatenate([h.epoch for h in rows])
        for name, train, test in (("loss", "train_loss", "val_loss"),
                                  ("accuracy", "train_metric", "val_metric")):
            plot = self.loss_plot if name == "loss" else self.accuracy_plot
            plot.append("train", epoch, np.concatenate([getattr(h, train) for h in rows]))
            plot.append("test", epoch, np.concatenate([getattr(h, test) for h in rows]))

    def show_frame(self, frame: Frame) -> None:
        """Draw ``frame``: the output map now, the curves and the numbers soon (see
        CHART_INTERVAL)."""
        self._frame = frame
        if not self._chart_timer.isActive():
            # Never in the same pass as the map: the charts repaint on their own, so that the
            # GUI thread gets back to its event loop in between.
            wait = max(self._last_chart_refresh + CHART_INTERVAL - time.monotonic(), CHART_OFFSET)
            self._chart_timer.start(int(wait * 1000))
        if self._neuron is None:
            self._show_map()

    def refresh_charts(self, staggered: bool = True) -> None:
        """Redraw the curves with every history row received, and the numbers with them (they
        are read with the curves; new rich text on every frame cost more than the map): the loss
        chart now, the accuracy chart in a pass of its own right after (or now too, unless
        ``staggered``)."""
        self._chart_timer.stop()
        self._append_history()
        self._last_chart_refresh = time.monotonic()
        if self._frame is not None:
            self._show_numbers(self._frame)
        self.loss_plot.refresh()
        if not self.accuracy_plot.isVisible():
            return
        if staggered:
            QTimer.singleShot(int(CHART_OFFSET * 1000), self, self.accuracy_plot.refresh)
        else:
            self.accuracy_plot.refresh()

    def show_neuron(self, caption: str | None, values: np.ndarray | None) -> None:
        """Show one neuron's map (signed values, row 0 at the bottom) instead of the output, or
        the output again with None."""
        self._neuron = None if values is None else (caption, values)
        self._show_map()
        self._show_caption()

    def _show_caption(self) -> None:
        if self._neuron is not None:
            self.map_caption.setText(self._neuron[0])
        else:
            self.map_caption.setText(self.tr("The network's output over the input square"))

    def _show_numbers(self, frame: Frame) -> None:
        snapshot = frame.snapshot
        if self._style is None:
            return
        swatch = "<span style='color:{color}'>{line}</span> "
        train_swatch = swatch.format(color=self._style.palette.muted_text, line="╌╌")
        test_swatch = swatch.format(color=self._style.palette.text, line="━━")
        self.test_loss.setText(test_swatch + self.tr("Test loss %1").replace("%1", _number(snapshot.val_loss)))
        self.train_loss.setText(train_swatch + self.tr("Training loss %1").replace("%1", _number(snapshot.train_loss)))
        self.test_accuracy.setText(self.tr("Test accuracy %1").replace("%1", _percent(snapshot.val_metric)))
        self.train_accuracy.setText(self.tr("Training accuracy %1").replace("%1", _percent(snapshot.train_metric)))

    def _show_points(self, frame: Frame) -> None:
        if self._colors is None or self._style is None:
            return
        task = frame.config.task
        size = self._style.marker_size
        palette = self._style.palette
        for name, x, y, outline in (("train", frame.train_x, frame.train_y, palette.background),
                                    ("test", frame.test_x, frame.test_y, palette.text)):
            self.map.set_points(name, x, self._colors.points(y, task), outline, size)
        self.map.set_overlay_visible("test", self.show_test.isChecked())

    def _show_legend(self, frame: Frame) -> None:
        if self._colors is None:
            return
        if frame.config.task == "multiclass":
            self.legend.set_categories([
                (self._colors.class_qcolor(k).name(), self.tr("Class %1").replace("%1", str(k + 1)))
                for k in range(frame.config.n_classes)])
        else:
            self.legend.set_gradient(self._colors.map_lut, [(0.0, "−1"), (0.5, "0"), (1.0, "1")])

    def _show_map(self) -> None:
        if self._frame is None or self._colors is None:
            return
        discretize = self.discretize.isChecked()
        if self._neuron is not None:
            values = self._neuron[1]
            self.map.set_field(np.sign(values) if discretize else values)
            return
        output = self._frame.output_map
        if output.ndim == 3:
            self.map.set_rgb(self._colors.probabilities(output, discretize))
        else:
            self.map.set_field(np.where(output >= 0, 1.0, -1.0) if discretize else output)

    def _set_log_scale(self, on: bool) -> None:
        self.loss_plot.set_log_y(on)

    def _on_display_toggled(self) -> None:
        self.map.set_overlay_visible("test", self.show_test.isChecked())
        self._show_map()
        self.display_changed.emit()


def _number(value: float) -> str:
    return f"{value:.3f}" if np.isfinite(value) else "—"


def _percent(value: float) -> str:
    return f"{100 * value:.1f} %" if np.isfinite(value) else "—"
