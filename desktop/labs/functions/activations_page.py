"""The Activations page: f and f′ of the chosen activations on one axis, their flat zones, the
course's facts, and a crosshair that reads x, f(x) and f′(x) under the mouse."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QLabel, QPushButton

from desktop.widgets.plot_style import style_plot
from engine.functions_lab import LAB_ACTIVATIONS, saturation_zones
from engine.nn import get_activation

from .activation_choice import ActivationChoice, ActivationPicker
from .page import (
    Page, label_font, make_plot, row_of, set_legend, slider, spin_box, translucent,
)
from .texts import ACTIVATION_FORMULAS, activation_facts, activation_title, formula_card

X_POINTS = 1201
DEFAULT_X_RANGE = (-6.0, 6.0)
#: Leaky ReLU's α slider: 0.001 … 0.3 in steps of 0.001.
LEAKY_ALPHA_STEP, LEAKY_ALPHA_RANGE = 0.001, (0.001, 0.3)
#: Activations whose values stay within a fixed band, whatever the x range.
BOUNDED_ACTIVATIONS = ("step", "sigmoid", "tanh")


class ActivationsPage(Page):
    def __init__(self, choice: ActivationChoice) -> None:
        super().__init__()
        self.choice = choice
        self.x_range = DEFAULT_X_RANGE
        self.crosshair_x = 1.0
        #: name -> (f(x), f′(x)) at the crosshair, as shown in the readout.
        self.readout_values: dict[str, tuple[float, float]] = {}

        self.plot = make_plot()
        self.f_curves = {name: self.plot.plot([], []) for name in LAB_ACTIVATIONS}
        self.df_curves = {name: self.plot.plot([], []) for name in LAB_ACTIVATIONS}
        self.identity_curve = self.plot.plot([], [])  # 2σ(2x) − 1 on top of tanh
        self.floor_line = pg.InfiniteLine(angle=0, movable=False)  # ELU's −α
        self.plot.addItem(self.floor_line)
        self.zones: list[pg.LinearRegionItem] = []
        self.zone_labels: list[pg.TextItem] = []
        self.marks = pg.ScatterPlotItem()
        self.plot.addItem(self.marks)
        self.mark_labels: list[pg.TextItem] = []
        self.crosshair = pg.InfiniteLine(angle=90, movable=False)
        self.crosshair_points = pg.ScatterPlotItem()
        self.plot.addItem(self.crosshair)
        self.plot.addItem(self.crosshair_points)
        self.readout = QLabel()
        self.readout.setTextFormat(Qt.TextFormat.RichText)
        self.readout.setWordWrap(True)
        self.plot_area.addWidget(self.plot, 1)
        self.plot_area.addWidget(self.readout)
        self.plot.scene().sigMouseMoved.connect(self._on_mouse_moved)

        self.functions_box, form = self.add_group()
        self.picker = ActivationPicker(choice)
        self.picker_hint = QLabel(wordWrap=True)
        self.picker_hint.setProperty("role", "muted")
        form.addRow(self.picker)
        form.addRow(self.picker_hint)

        self.parameters_box, form = self.add_group()
        low, high = LEAKY_ALPHA_RANGE
        self.leaky_slider = slider(round(low / LEAKY_ALPHA_STEP), round(high / LEAKY_ALPHA_STEP),
                                   round(choice.alpha("leaky_relu") / LEAKY_ALPHA_STEP))
        self.leaky_value = QLabel()
        self.leaky_label = QLabel()
        form.addRow(self.leaky_label, row_of(self.leaky_slider, self.leaky_value))
        self.prelu_spin = spin_box(-1.0, 2.0, 0.05, 3, choice.alpha("prelu"))
        self.prelu_label = QLabel()
        form.addRow(self.prelu_label, self.prelu_spin)
        self.prelu_note = QLabel(wordWrap=True)
        self.prelu_note.setProperty("role", "muted")
        form.addRow(self.prelu_note)
        self.elu_spin = spin_box(0.1, 3.0, 0.1, 2, choice.alpha("elu"))
        self.elu_label = QLabel()
        form.addRow(self.elu_label, self.elu_spin)

        self.view_box, form = self.add_group()
        self.x_from = spin_box(-100.0, 100.0, 1.0, 1, DEFAULT_X_RANGE[0])
        self.x_to = spin_box(-100.0, 100.0, 1.0, 1, DEFAULT_X_RANGE[1])
        self.x_reset = QPushButton()
        self.x_label, self.x_to_label = QLabel(), QLabel()
        form.addRow(self.x_label, self.x_from)
        form.addRow(self.x_to_label, self.x_to)
        form.addRow(self.x_reset)
        self.x_error = QLabel(wordWrap=True)
        self.x_error.setProperty("role", "error")
        self.x_error.hide()
        form.addRow(self.x_error)
        self.threshold_spin = spin_box(0.001, 0.5, 0.01, 3, 0.05)
        self.threshold_label = QLabel()
        form.addRow(self.threshold_label, self.threshold_spin)
        self.finish_controls()

        self.leaky_slider.valueChanged.connect(
            lambda step: choice.set_alpha("leaky_relu", step * LEAKY_ALPHA_STEP))
        self.prelu_spin.valueChanged.connect(lambda value: choice.set_alpha("prelu", value))
        self.elu_spin.valueChanged.connect(lambda value: choice.set_alpha("elu", value))
        self.x_from.valueChanged.connect(self._on_x_range_edited)
        self.x_to.valueChanged.connect(self._on_x_range_edited)
        self.x_reset.clicked.connect(self._reset_x_range)
        self.threshold_spin.valueChanged.connect(self.redraw)
        choice.changed.connect(self.redraw)
        self.retranslate()

    # ----- text ----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.functions_box.setTitle(self.tr("Activation functions"))
        self.picker_hint.setText(self.tr("Tick to show a function; click its name to read about it."))
        self.parameters_box.setTitle(self.tr("Parameters"))
        self.leaky_label.setText(self.tr("Leaky ReLU α"))
        self.prelu_label.setText(self.tr("PReLU α"))
        self.prelu_note.setText(self.tr(
            "In a network PReLU's α is learned by gradient descent, like a weight; type a value "
            "to see one moment of that training."))
        self.elu_label.setText(self.tr("ELU α"))
        self.view_box.setTitle(self.tr("View"))
        self.x_label.setText(self.tr("x from"))
        self.x_to_label.setText(self.tr("x to"))
        self.x_reset.setText(self.tr("Reset"))
        self.threshold_label.setText(self.tr("Flat where |f′| <"))
        self.threshold_spin.setToolTip(self.tr(
            "Zones where the slope is smaller than this are shaded: little gradient passes there."))
        self.plot.setLabel("bottom", "x")
        self.plot.setLabel("left", self.tr("f(x) solid, f′(x) dashed"))
        self.picker.retranslate()
        if not self.x_error.isHidden():
            self._show_x_error()
        self.redraw()

    # ----- drawing -------------------------------------------------------------------------------

    def x_grid(self) -> np.ndarray:
        return np.linspace(*self.x_range, X_POINTS)

    def redraw(self) -> None:
        x = self.x_grid()
        style = self.view_style
        # The y range fits the slopes, the bounded functions and the function in focus; other
        # unbounded curves (ReLU's right arm) may leave the top rather than flatten the rest.
        fitted = []
        for name in LAB_ACTIVATIONS:
            f_curve, df_curve = self.f_curves[name], self.df_curves[name]
            shown = self.choice.is_shown(name)
            f_curve.setVisible(shown)
            df_curve.setVisible(shown)
            if not shown:
                continue
            function = self.choice.function(name)
            f, df = function.value(x), function.derivative(x)
            index = self.choice.color_index(name)
            f_curve.setData(x, f, pen=style.curve_pen(index))
            df_curve.setData(x, df, pen=style.curve_pen(index, dashed=True))
            fitted.append(df)
            if name in BOUNDED_ACTIVATIONS or name == self.choice.focus:
                fitted.append(f)
        y_low = min((values.min() for values in fitted), default=-1.0)
        y_high = max((values.max() for values in fitted), default=1.0)
        self.plot.setRange(xRange=self.x_range, yRange=(y_low, max(y_high, y_low + 0.5)),
                           padding=0.06)
        self.leaky_value.setText(f"{self.choice.alpha('leaky_relu'):.3f}")
        focus_shown = self.choice.is_shown(self.choice.focus)
        self._draw_zones(x, focus_shown)
        self._draw_facts(x, focus_shown)
        self._update_legend()
        self.show_crosshair(self.crosshair_x)

    def _draw_zones(self, x: np.ndarray, focus_shown: bool) -> None:
        """Shade where the focused function's slope is below the threshold."""
        zones = []
        derivative = None
        if focus_shown:
            derivative = self.choice.function(self.choice.focus).derivative(x)
            zones = saturation_zones(x, derivative, self.threshold_spin.value())
        while len(self.zones) < len(zones):
            region = pg.LinearRegionItem(movable=False)
            region.setZValue(-10)
            label = pg.TextItem(anchor=(0.5, 1.0))
            self.plot.addItem(region)
            self.plot.addItem(label)
            self.zones.append(region)
            self.zone_labels.append(label)
        style = self.view_style
        (_, _), (y_bottom, _) = self.plot.viewRange()
        for i, (region, label) in enumerate(zip(self.zones, self.zone_labels)):
            visible = i < len(zones)
            region.setVisible(visible)
            label.setVisible(visible)
            if not visible:
                continue
            start, stop = zones[i]
            region.setRegion((start, stop))
            region.setBrush(pg.mkBrush(translucent(style.palette.error, 40)))
            for line in region.lines:
                line.setPen(pg.mkPen(translucent(style.palette.error, 120)))
            inside = (x >= start) & (x <= stop)
            flat = np.all(derivative[inside] == 0)
            text = "f′ = 0" if flat else f"|f′| < {self.threshold_spin.value():g}"
            label.setText(text, color=style.palette.error)
            label.setFont(label_font(style))
            label.setPos((start + stop) / 2, y_bottom)
            # Label only zones wide enough to hold it.
            label.setVisible(stop - start > 0.15 * (self.x_range[1] - self.x_range[0]))

    def _facts_numbers(self, name: str, x: np.ndarray) -> dict[str, float]:
        """The numbers the facts quote, from the engine's functions."""
        function = self.choice.function(name)
        zero = np.zeros(1)
        numbers = {"peak": float(function.derivative(zero)[0])}
        if name == "sigmoid":
            numbers["at_three"] = float(function.derivative(np.full(1, 3.0))[0])
        elif name == "tanh":
            sigmoid = get_activation("sigmoid")
            numbers["difference"] = float(np.max(np.abs(
                function.value(x) - (2 * sigmoid.value(2 * x) - 1))))
        elif name in ("leaky_relu", "prelu"):
            numbers["alpha"] = self.choice.alpha(name)
            numbers["initial"] = get_activation("prelu").alpha
        elif name == "elu":
            numbers["minus_alpha"] = float(function.value(np.full(1, -1e3))[0])
        return numbers

    def _marks(self, name: str, x: np.ndarray) -> list[tuple[float, float, str]]:
        """Points the facts talk about: (x, y, label)."""
        function = self.choice.function(name)
        x_low, x_high = self.x_range
        marks = []
        if name in ("sigmoid", "tanh", "softplus") and x_low <= 0 <= x_high:
            peak = float(function.derivative(np.zeros(1))[0])
            symbol = {"sigmoid": "σ′", "tanh": "tanh′", "softplus": "f′"}[name]
            text = f"{symbol}(0) = {peak:.2f}"
            if name != "softplus":
                text += " " + self.tr("(max)")
            marks.append((0.0, peak, text))
        elif name in ("leaky_relu", "prelu") and x_low < 0:
            at = x_low / 2 if x_high > 0 else (x_low + x_high) / 2
            slope = float(function.derivative(np.full(1, at))[0])
            marks.append((at, slope, f"f′ = α = {slope:.3g}"))
        return marks

    def _draw_facts(self, x: np.ndarray, focus_shown: bool) -> None:
        name = self.choice.focus
        style = self.view_style
        marks = self._marks(name, x) if focus_shown else []
        self.marks.setData(
            [m[0] for m in marks], [m[1] for m in marks], size=style.marker_size * 1.6,
            brush=pg.mkBrush(style.palette.text), pen=pg.mkPen(style.palette.background),
        )
        while len(self.mark_labels) < len(marks):
            label = pg.TextItem()
            self.plot.addItem(label)
            self.mark_labels.append(label)
        middle = sum(self.x_range) / 2
        for i, label in enumerate(self.mark_labels):
            label.setVisible(i < len(marks))
            if i < len(marks):
                mark_x, mark_y, text = marks[i]
                # Written away from the nearer edge, so it is never cut off.
                label.setAnchor((-0.1, 1.1) if mark_x <= middle else (1.1, 1.1))
                label.setText(text, color=style.palette.text)
                label.setFont(label_font(style, 1.1))
                label.setPos(mark_x, mark_y)
        function = self.choice.function(name)
        if focus_shown and name == "tanh":
            sigmoid = get_activation("sigmoid")
            pen = pg.mkPen(style.palette.text, width=style.line_width, style=Qt.PenStyle.DotLine,
                           cosmetic=True)
            self.identity_curve.setData(x, 2 * sigmoid.value(2 * x) - 1, pen=pen)
        self.identity_curve.setVisible(focus_shown and name == "tanh")
        self.floor_line.setVisible(focus_shown and name == "elu")
        if name == "elu":
            self.floor_line.setPos(float(function.value(np.full(1, -1e3))[0]))
            self.floor_line.setPen(pg.mkPen(style.palette.muted_text, width=style.axis_width,
                                            style=Qt.PenStyle.DashLine, cosmetic=True))
        f_formula, df_formula = ACTIVATION_FORMULAS[name]
        self.formula.setText(formula_card(
            activation_title(name), [f"{f_formula}<br>{df_formula}"],
            activation_facts(name, **self._facts_numbers(name, x)),
        ))

    def _update_legend(self) -> None:
        # One entry per function (its solid f); the axis says that dashed is f′.
        entries = [(self.f_curves[name], activation_title(name)) for name in self.choice.shown()]
        if self.identity_curve.isVisible():
            entries.append((self.identity_curve, "2σ(2x) − 1"))
        set_legend(self.plot, entries)

    # ----- crosshair -----------------------------------------------------------------------------

    def show_crosshair(self, x: float) -> None:
        """Move the crosshair to ``x`` and read f(x), f′(x) of every shown function."""
        self.crosshair_x = float(x)
        style = self.view_style
        self.crosshair.setPos(self.crosshair_x)
        self.crosshair.setPen(pg.mkPen(style.palette.muted_text, width=style.axis_width,
                                       cosmetic=True))
        at = np.full(1, self.crosshair_x)
        self.readout_values = {}
        parts = [f"<b>x = {self.crosshair_x:.3f}</b>"]
        points_x, points_y, brushes = [], [], []
        for name in self.choice.shown():
            function = self.choice.function(name)
            f, df = float(function.value(at)[0]), float(function.derivative(at)[0])
            self.readout_values[name] = (f, df)
            color = style.series_color(self.choice.color_index(name)).name()
            # Non-breaking inside an entry: lines may only break between functions.
            entry = f"{activation_title(name)}: f = {f:.4g}, f′ = {df:.4g}".replace(" ", "&nbsp;")
            parts.append(f"<span style='color:{color}'>■</span>&nbsp;{entry}")
            points_x += [self.crosshair_x, self.crosshair_x]
            points_y += [f, df]
            brushes += [pg.mkBrush(color)] * 2
        self.crosshair_points.setData(points_x, points_y, brush=brushes, size=style.marker_size * 1.4,
                                      pen=pg.mkPen(style.palette.background))
        self.readout.setText(" &nbsp;│&nbsp; ".join(parts))

    def _on_mouse_moved(self, position: QPointF) -> None:
        view = self.plot.getPlotItem().getViewBox()
        if not view.sceneBoundingRect().contains(position):
            return
        x = view.mapSceneToView(position).x()
        self.show_crosshair(min(max(x, self.x_range[0]), self.x_range[1]))

    # ----- x range -------------------------------------------------------------------------------

    def _on_x_range_edited(self) -> None:
        low, high = self.x_from.value(), self.x_to.value()
        if low >= high:
            self._show_x_error()
            return
        self.x_error.hide()
        self.x_range = (low, high)
        self.crosshair_x = min(max(self.crosshair_x, low), high)
        self.redraw()

    def _show_x_error(self) -> None:
        self.x_error.setText(self.tr("The left end must be smaller than the right end."))
        self.x_error.show()

    def _reset_x_range(self) -> None:
        for spin, value in zip((self.x_from, self.x_to), DEFAULT_X_RANGE):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)
        self._on_x_range_edited()

    def restyle(self) -> None:
        style_plot(self.plot, self.view_style)
        self.redraw()
