"""Everything the lab shows about one run: the ratio readout, the layer-wise histograms of
gradients and activations, the gradient norm of every layer against the training step, and the
update-to-weight ratio of every layer.

Layers are colored from the input side to the output side along one color ramp, the same in
every view, so "layer 3" is one color in the histograms, the curves and the bars. The view draws
:class:`~engine.gradient_flow.FlowSnapshot` objects and nothing else.
"""
from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from desktop.theme import Style, make_style
from desktop.widgets.heatmap import color_lut
from desktop.widgets.histogram_stack import HistogramStack
from desktop.widgets.curve_bundle import CurveBundlePlot
from desktop.widgets.plot_style import cache_axes, style_plot
from desktop.widgets.power_axis import PowerOfTenAxis
from engine.gradient_flow import FlowConfig, FlowSnapshot
from engine.train import GRADIENT_LOG10_EDGES

from .texts import activation_name, initializer_short_name, scientific

# The ratio ‖∂L/∂W¹‖/‖∂L/∂W^L‖ counts as balanced between these; below, gradients vanish toward
# the input, above they grow toward it.
BALANCED = (1e-2, 1e2)
# Any layer's gradient norm above this counts as exploding, whatever the ratio.
EXPLODING_NORM = 1e3
# Karpathy's rule of thumb for a healthy update: about a thousandth of the weight per step.
HEALTHY_UPDATE_RATIO = 1e-3
# The floor of the update-ratio bars (log10), well below any ratio worth seeing.
UPDATE_FLOOR = -9.0
# While training runs, the curves and (in turn) the bars and status line are redrawn at most
# this often: each twice a second.
SLOW_VIEWS_INTERVAL_S = 0.25

_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def superscript(number: int) -> str:
    return str(number).translate(_SUPERSCRIPTS)


def layer_colors(style: Style, count: int) -> list[QColor]:
    """``count`` colors from the input side (first) to the output side (last)."""
    series = style.palette.series
    table = color_lut([series[0], series[2], series[1]], size=max(count, 2))
    return [QColor(*map(int, table[i])) for i in range(count)]


def _plot(title_axis: dict | None = None) -> pg.PlotWidget:
    plot = pg.PlotWidget(axisItems=title_axis)
    plot.setMenuEnabled(False)
    plot.hideButtons()
    plot.setMouseEnabled(x=False, y=False)
    plot.setMinimumSize(180, 150)
    plot.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    cache_axes(plot)
    return plot


class RunView(QWidget):
    def __init__(self, name: str, slow_views_phase: float = 0.0, parent=None) -> None:
        """``name`` tells the runs of a comparison apart ("A", "B"); empty for a single run.
        ``slow_views_phase`` (0 to 1) offsets when the slower views redraw, so that two runs
        side by side do not both redraw them in the same frame."""
        super().__init__(parent)
        self.name = name
        self.slow_views_phase = slow_views_phase
        self.view_style: Style = make_style()
        self.config: FlowConfig | None = None
        self.snapshot: FlowSnapshot | None = None
        self.title = QLabel()
        self.title.setProperty("role", "heading")
        self.title.setWordWrap(True)
        self.ratio = QLabel()
        self.ratio.setObjectName("ratio")
        self.ratio.setTextFormat(Qt.TextFormat.RichText)
        self.ratio.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)

        self.gradients = HistogramStack(log_axis=True)
        self.activations = HistogramStack(log_axis=False)
        self.norms = CurveBundlePlot(axis_items={"left": PowerOfTenAxis("left")})  # log10 norms
        self.norms.setMinimumSize(180, 150)
        self.updates = _plot({"left": PowerOfTenAxis("left")})
        self.update_bars = pg.BarGraphItem(x=[], height=[], width=0.7, y0=UPDATE_FLOOR)
        self.updates.addItem(self.update_bars)
        self.healthy_line = pg.InfiniteLine(pos=np.log10(HEALTHY_UPDATE_RATIO), angle=0, movable=False)
        self.updates.addItem(self.healthy_line)
        self._depth = 0
        self._activation_log = False
        self._slow_views_drawn = -np.inf
        self._slow_turn = False

        # Captions are labels above the plots, not plot titles: a plot cannot shrink below its
        # title's width, a label wraps.
        self.captions: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setSpacing(6)
        for key, plot, row, column in (("gradients", self.gradients, 0, 0),
                                       ("activations", self.activations, 0, 1),
                                       ("norms", self.norms, 2, 0), ("updates", self.updates, 2, 1)):
            caption = QLabel()
            caption.setProperty("role", "heading")
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption.setWordWrap(True)
            self.captions[key] = caption
            grid.addWidget(caption, row, column)
            grid.addWidget(plot, row + 1, column)
        grid.setRowStretch(1, 1)
        grid.setRowStretch(3, 1)
        # The readouts change every frame; their box only ever grows (see _keep_text_room), so
        # that new text never moves the plots, which would repaint them whole, axes and all.
        self.texts = QWidget()
        texts = QVBoxLayout(self.texts)
        texts.setContentsMargins(0, 0, 0, 0)
        for label in (self.title, self.ratio, self.status):
            texts.addWidget(label)
        self._text_room = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.texts)
        layout.addLayout(grid, 1)

    # ----- data -----------------------------------------------------------------------------

    def start(self, snapshot: FlowSnapshot) -> None:
        """A new run: lay the views out for its depth and axes, forget the old curves."""
        self.config = snapshot.config
        depth = len(snapshot.grad_norms)
        self._depth = depth
        colors = layer_colors(self.view_style, depth)
        self.gradients.set_rows([f"W{superscript(i + 1)}" for i in range(depth)],
                                GRADIENT_LOG10_EDGES, colors, log_axis=True)
        hidden = len(snapshot.activation_counts)
        self._activation_log = snapshot.activation_axis.kind == "log10"
        self.activations.set_rows([f"h{superscript(i + 1)}" for i in range(hidden)],
                                  snapshot.activation_axis.edges, colors[:hidden],
                                  log_axis=self._activation_log)
        self.norms.set_curves(depth)
        self.updates.setRange(xRange=(0.4, depth + 0.6), yRange=(UPDATE_FLOOR, 0.5), padding=0)
        self.snapshot = None
        self._text_room = 0  # a new run may need less room
        self._restyle_layers()
        self._label_axes()
        self.draw(snapshot)
        self._slow_views_drawn -= self.slow_views_phase * SLOW_VIEWS_INTERVAL_S

    def draw(self, snapshot: FlowSnapshot, complete: bool = True) -> None:
        """Draw one frame. The histograms and the ratio follow every frame; the curves, the bars
        and the status line, whose axes and text are slower to paint, at most every
        SLOW_VIEWS_INTERVAL_S seconds unless ``complete``."""
        self.snapshot = snapshot
        self.gradients.set_counts(snapshot.grad_log10_counts)
        self.activations.set_counts(snapshot.activation_counts)
        self.ratio.setText(self._ratio_text(snapshot))
        if len(snapshot.new_steps):
            with np.errstate(divide="ignore", invalid="ignore"):
                self.norms.append(snapshot.new_steps, np.log10(snapshot.new_step_grad_norms))
        now = time.perf_counter()
        if complete or now - self._slow_views_drawn >= SLOW_VIEWS_INTERVAL_S:
            # The curves one time, the bars and the status line the next: never both in a frame.
            self._slow_views_drawn = now
            self._slow_turn = not self._slow_turn
            if complete or self._slow_turn:
                self.norms.refresh()
            if complete or not self._slow_turn:
                with np.errstate(divide="ignore", invalid="ignore"):
                    heights = np.log10(snapshot.update_ratios) - UPDATE_FLOOR
                heights = np.where(np.isfinite(heights), np.maximum(heights, 0), 0)
                self.update_bars.setOpts(x=np.arange(1, self._depth + 1), height=heights)
                self._show_texts()

    # ----- text -----------------------------------------------------------------------------

    def _show_texts(self) -> None:
        snapshot = self.snapshot
        if snapshot is None:
            return
        config = snapshot.config
        parts = [activation_name(config.activation), initializer_short_name(config.init),
                 f"{config.depth} × {config.width}"]
        if config.batch_norm:
            parts.append(self.tr("batch norm"))
        if config.residual:
            parts.append(self.tr("residual"))
        if config.clip_norm is not None:
            parts.append(self.tr("clip at %1").replace("%1", f"{config.clip_norm:g}"))
        if config.pretrain:
            parts.append(self.tr("pretrained"))
        prefix = f"{self.name}: " if self.name else ""
        self.title.setText(prefix + " · ".join(parts))
        self.ratio.setText(self._ratio_text(snapshot))
        self._show_status(snapshot)
        self._keep_text_room()

    def _keep_text_room(self) -> None:
        needed = self.texts.layout().totalHeightForWidth(max(self.texts.width(), 1))
        if needed > self._text_room:
            self._text_room = needed
            self.texts.setFixedHeight(needed)

    def _ratio_text(self, snapshot: FlowSnapshot) -> str:
        last = superscript(len(snapshot.grad_norms))
        ratio = snapshot.ratio
        norms = snapshot.grad_norms
        palette = self.view_style.palette
        if not np.all(np.isfinite(norms)) or np.nanmax(norms) > EXPLODING_NORM:
            verdict, color = self.tr("exploding: every layer's gradient is huge"), palette.error
        elif not np.isfinite(ratio) or ratio < BALANCED[0]:
            verdict, color = self.tr("vanishing toward the input"), palette.error
        elif ratio > BALANCED[1]:
            verdict, color = self.tr("growing toward the input"), palette.error
        else:
            verdict, color = self.tr("balanced"), palette.series[2]
        size = 1.3 * QFont().pointSizeF()
        return (f"<span style='font-size:{size:.1f}pt'>‖∂L/∂W¹‖ / ‖∂L/∂W{last}‖ = "
                f"<b>{scientific(ratio)}</b></span>  <span style='color:{color}'>{verdict}</span>")

    def _show_status(self, snapshot: FlowSnapshot) -> None:
        evaluation = snapshot.evaluation
        role = ""
        if snapshot.phase == "pretraining":
            text = (self.tr("Pretraining hidden layer %1 of %2 as an autoencoder; reconstruction "
                            "loss %3").replace("%1", str(snapshot.pretrain_layer))
                    .replace("%2", str(snapshot.pretrain_layers))
                    .replace("%3", scientific(snapshot.pretrain_loss)))
        elif evaluation.status == "diverged":
            text = self.tr("Training diverged at step %1: the loss became infinite or not a number. "
                           "Lower the learning rate, clip the gradients, or change the initial "
                           "weights, then reset.").replace("%1", str(snapshot.step))
            role = "error"
        else:
            text = (self.tr("Step %1 · epoch %2 · loss %3 (validation %4) · accuracy %5 %")
                    .replace("%1", str(snapshot.step)).replace("%2", str(evaluation.epoch))
                    .replace("%3", scientific(evaluation.train_loss))
                    .replace("%4", scientific(evaluation.val_loss))
                    .replace("%5", f"{100 * evaluation.val_metric:.0f}"))
        self.status.setText(text)
        if self.status.property("role") != role:
            self.status.setProperty("role", role)
            self.status.style().unpolish(self.status)
            self.status.style().polish(self.status)

    def _label_axes(self) -> None:
        self.captions["gradients"].setText(self.tr("Gradient |∂L/∂W| per layer"))
        self.gradients.setLabel("bottom", "|∂L/∂W|")
        self.captions["activations"].setText(self.tr("Output per hidden layer"))
        self.activations.setLabel("bottom", self.tr("|output|") if self._activation_log
                                  else self.tr("output value"))
        self.captions["norms"].setText(self.tr("‖∂L/∂W‖ per layer"))
        self.norms.setLabel("bottom", self.tr("training step"))
        self.captions["updates"].setText(self.tr("Update ‖ΔW‖ / ‖W‖"))
        self.updates.setLabel("bottom", self.tr("layer"))
        style = self.view_style
        for plot in (self.gradients, self.activations, self.norms, self.updates):
            style_plot(plot, style)
        # Axis grids are drawn by the axes, which then repaint with every frame: only the curve
        # chart, whose axes move anyway, keeps its grid.
        for plot in (self.gradients, self.activations, self.updates):
            plot.showGrid(x=False, y=False)

    def retranslate(self) -> None:
        self._label_axes()
        self._show_texts()

    # ----- look -----------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():  # the readouts wrap differently
            self._text_room = 0
            self._keep_text_room()

    def apply_style(self, style: Style) -> None:
        self.view_style = style
        self._text_room = 0
        self.gradients.apply_style(style)
        self.activations.apply_style(style)
        self._label_axes()
        self._restyle_layers()
        self.healthy_line.setPen(pg.mkPen(style.palette.text, width=style.line_width,
                                          style=Qt.PenStyle.DashLine, cosmetic=True))
        self._show_texts()

    def _restyle_layers(self) -> None:
        style = self.view_style
        colors = layer_colors(style, max(self._depth, 1))
        if self._depth:
            self.gradients.set_colors(colors)
            self.activations.set_colors(colors[:self.activations.row_count()])
        # Up to 30 curves: half the usual width (1 px on screen, 2 projected), which keeps them
        # apart and is what a software painter draws fast.
        self.norms.set_pens([pg.mkPen(color, width=style.line_width / 2, cosmetic=True)
                             for color in colors[:self._depth]])
        self.update_bars.setOpts(brushes=[pg.mkBrush(color) for color in colors[:self._depth]],
                                 pen=pg.mkPen(None))
