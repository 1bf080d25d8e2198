"""The Through-depth page: what multiplying one f′ per layer does to a gradient.

Backpropagation through L layers multiplies the gradient by f′(zₗ) once per layer (and by the
weights, left out here). For random pre-activations the page shows the distribution of that
product at the chosen depth (histogram on a log axis) and its typical size for every depth, next
to 0.25^L, sigmoid's best case.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop.widgets.plot_style import style_plot
from desktop.widgets.power_axis import PowerOfTenAxis, power_of_ten
from engine.functions_lab import DepthProducts, depth_products

from .activation_choice import ActivationChoice, ActivationPicker
from .calculator import Calculator
from .page import (
    Page, label_font, make_plot, place_legend, row_of, set_legend, slider, spin_box, translucent,
)
from .texts import activation_title, formula_card

MAX_DEPTH = 30
#: Random paths per activation: enough for a smooth histogram, computed in well under a second.
PATHS = 5000
HISTOGRAM_BINS = 60
#: sigmoid′(0), the largest slope a sigmoid has; the course's "0.25^L".
SIGMOID_PEAK = 0.25


def _scientific(value: float) -> str:
    """1.2·10⁻⁷ style, for numbers a student compares by their exponent."""
    if not np.isfinite(value) or value == 0:
        return f"{value:g}"
    exponent = int(np.floor(np.log10(abs(value))))
    mantissa = value / 10.0**exponent
    return f"{mantissa:.2g}·{power_of_ten(exponent)}" if exponent else f"{value:.2g}"


class DepthPage(Page):
    def __init__(self, choice: ActivationChoice, calculator: Calculator, seed: int) -> None:
        super().__init__()
        self.choice = choice
        self.calculator = calculator
        self.seed = seed
        #: The latest results, by activation name.
        self.products: dict[str, DepthProducts] = {}

        self.histogram = make_plot(bottom=PowerOfTenAxis("bottom"))
        self.typical = make_plot(left=PowerOfTenAxis("left"))
        place_legend(self.typical, "bottom_left")  # the curves fall from the top left
        self.histogram_curves: dict[str, pg.PlotDataItem] = {}
        self.typical_curves: dict[str, pg.PlotDataItem] = {}
        self.bound_line = pg.InfiniteLine(angle=90, movable=False,
                                          label="0.25ᴸ", labelOpts={"position": 0.92})
        self.histogram.addItem(self.bound_line)
        self.bound_curve = self.typical.plot([], [])
        self.depth_line = pg.InfiniteLine(angle=90, movable=False)
        self.typical.addItem(self.depth_line)
        self.readout = QLabel()
        self.readout.setTextFormat(Qt.TextFormat.RichText)
        self.readout.setWordWrap(True)
        self.plot_area.addWidget(self.histogram, 1)
        self.plot_area.addWidget(self.typical, 1)
        self.plot_area.addWidget(self.readout)

        self.functions_box, form = self.add_group()
        self.picker = ActivationPicker(choice)
        form.addRow(self.picker)
        self.depth_box, form = self.add_group()
        self.depth_slider = slider(1, MAX_DEPTH, 10)
        self.depth_value = QLabel()
        self.depth_label = QLabel()
        form.addRow(self.depth_label, row_of(self.depth_slider, self.depth_value))
        self.spread_spin = spin_box(0.1, 5.0, 0.1, 2, 1.0)
        self.spread_label = QLabel()
        form.addRow(self.spread_label, self.spread_spin)
        self.finish_controls()

        self.depth_slider.valueChanged.connect(self.redraw)
        self.spread_spin.valueChanged.connect(self.recompute)
        choice.changed.connect(self.recompute)
        self.retranslate()
        self.recompute()

    @property
    def depth(self) -> int:
        return self.depth_slider.value()

    # ----- computing -----------------------------------------------------------------------------

    def recompute(self) -> None:
        """Ask for the products of the shown functions (on the worker). Every function gets the
        same random pre-activations, so their differences are the functions' alone."""
        functions = {name: self.choice.function(name) for name in self.choice.shown()}
        spread, seed = self.spread_spin.value(), self.seed

        def compute() -> dict[str, DepthProducts]:
            return {name: depth_products(function, MAX_DEPTH, PATHS, np.random.default_rng(seed),
                                         spread)
                    for name, function in functions.items()}

        self.calculator.request("depth", compute, self.show_products)

    def show_products(self, products: dict[str, DepthProducts]) -> None:
        self.products = products
        self.redraw()

    # ----- drawing -------------------------------------------------------------------------------

    def _edges(self) -> np.ndarray:
        """Histogram bins over every shown function at every depth, so they stay put while the
        depth slider moves."""
        ranges = [p.log10_range() for p in self.products.values() if p.zero_fraction().min() < 1]
        low = min((r[0] for r in ranges), default=-1.0)
        high = max((r[1] for r in ranges), default=0.0)
        low, high = np.floor(low) - 0.5, np.ceil(high) + 0.5
        return np.linspace(low, high, HISTOGRAM_BINS + 1)

    def _curve(self, curves: dict[str, pg.PlotDataItem], plot: pg.PlotWidget,
               name: str) -> pg.PlotDataItem:
        if name not in curves:
            curves[name] = plot.plot([], [])
        return curves[name]

    def redraw(self) -> None:
        depth = self.depth
        self.depth_value.setText(str(depth))
        edges = self._edges()
        shown = [name for name in self.choice.shown() if name in self.products]
        for name in set(self.histogram_curves) - set(shown):
            self.histogram_curves[name].setVisible(False)
            self.typical_curves[name].setVisible(False)
        histogram_entries, typical_entries, lines = [], [], []
        for name in shown:
            histogram_entry, typical_entry = self._draw_function(name, depth, edges)
            histogram_entries.append(histogram_entry)
            typical_entries.append(typical_entry)
            color = self.view_style.series_color(self.choice.color_index(name)).name()
            lines.append(self._readout_line(name, self.products[name], depth, color))
        typical_entries.append((self.bound_curve, "0.25ᴸ"))
        self._draw_bound(depth)
        set_legend(self.histogram, histogram_entries)
        set_legend(self.typical, typical_entries)
        self._fit_ranges(edges, shown, depth)
        self.readout.setText("<br>".join(lines))
        self._update_card(depth)

    def _draw_function(self, name: str, depth: int, edges: np.ndarray):
        """Draw one function's histogram and typical-size curve; returns their legend entries."""
        style = self.view_style
        products = self.products[name]
        index = self.choice.color_index(name)
        color = style.series_color(index)
        share = 100.0 * products.log10_histogram(depth, edges) / len(products.products)
        bars = self._curve(self.histogram_curves, self.histogram, name)
        bars.setData(edges, share, stepMode="center", fillLevel=0,
                     brush=translucent(color, 70), pen=style.curve_pen(index))
        bars.setVisible(True)
        with np.errstate(divide="ignore"):
            log_typical = np.log10(products.typical())
        line = self._curve(self.typical_curves, self.typical, name)
        line.setData(np.arange(1, MAX_DEPTH + 1), log_typical, connect="finite",
                     pen=style.curve_pen(index), symbol="o", symbolSize=style.marker_size,
                     symbolBrush=color, symbolPen=None)
        line.setVisible(True)
        title = activation_title(name)
        zero = products.zero_fraction()[depth - 1]
        legend = title if zero == 0 else self.tr("%1 (%2% of paths exactly 0)").replace(
            "%1", title).replace("%2", f"{100 * zero:.1f}")
        return (bars, legend), (line, title)

    def _draw_bound(self, depth: int) -> None:
        """0.25ᴸ: a line at this depth in the histogram, a curve over all depths beside it."""
        style = self.view_style
        pen = pg.mkPen(style.palette.text, width=style.line_width, style=Qt.PenStyle.DashLine,
                       cosmetic=True)
        self.bound_line.setPos(depth * np.log10(SIGMOID_PEAK))
        self.bound_line.setPen(pen)
        self.bound_line.label.setColor(style.palette.text)
        self.bound_line.label.setFont(label_font(style, 1.2))
        depths = np.arange(1, MAX_DEPTH + 1)
        self.bound_curve.setData(depths, depths * np.log10(SIGMOID_PEAK), pen=pen)
        self.depth_line.setPos(depth)
        self.depth_line.setPen(pg.mkPen(style.palette.muted_text, width=style.axis_width,
                                        cosmetic=True))

    def _fit_ranges(self, edges: np.ndarray, shown: list[str], depth: int) -> None:
        top = max((self.histogram_curves[name].getData()[1].max() for name in shown), default=1.0)
        self.histogram.setRange(xRange=(edges[0], edges[-1]), yRange=(0, max(top, 1.0) * 1.1),
                                padding=0)
        lowest = MAX_DEPTH * np.log10(SIGMOID_PEAK)
        for name in shown:
            typical = self.products[name].typical()
            if np.any(typical > 0):
                lowest = min(lowest, np.log10(typical[typical > 0]).min())
        self.typical.setRange(xRange=(1, MAX_DEPTH), yRange=(lowest, 0.5))

    def _readout_line(self, name: str, products: DepthProducts, depth: int, color: str) -> str:
        zero = products.zero_fraction()[depth - 1]
        typical = products.typical()[depth - 1]
        text = f"<span style='color:{color}'>■</span> <b>{activation_title(name)}</b>: "
        if zero == 1:
            return text + self.tr("every path has a zero slope somewhere: no gradient at all")
        parts = []
        if zero > 0:
            parts.append(self.tr("%1% of paths exactly 0").replace("%1", f"{100 * zero:.1f}"))
        parts.append(self.tr("typical |∏ f′| = %1").replace("%1", _scientific(typical)))
        return text + self.tr(", ").join(parts)

    def _update_card(self, depth: int) -> None:
        bound = SIGMOID_PEAK**depth
        self.formula.setText(formula_card(
            self.tr("A gradient through L layers"),
            ["∂L/∂z<sub>1</sub> = ∂L/∂a<sub>L</sub> · "
             "∏<sub>l</sub> f′(z<sub>l</sub>) · w<sub>l</sub>"],
            self.tr(
                "Backpropagation multiplies the gradient by one slope f′(z) per layer. Here the "
                "weights are left out: each z is drawn at random from N(0, σ²), %1 paths per "
                "function. The sigmoid's slope is at most 0.25, so after L layers the product is "
                "at most 0.25ᴸ; at L = %2 that is %3 — the vanishing gradient. ReLU passes "
                "exactly 1 or exactly 0: its gradients do not shrink, but a path dies at the "
                "first negative z."
            ).replace("%1", str(PATHS)).replace("%2", str(depth)).replace(
                "%3", _scientific(bound)),
        ))

    # ----- text and style ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.functions_box.setTitle(self.tr("Activation functions"))
        self.depth_box.setTitle(self.tr("Depth"))
        self.depth_label.setText(self.tr("Layers L"))
        self.spread_label.setText(self.tr("Spread σ of z"))
        self.spread_spin.setToolTip(self.tr(
            "Pre-activations are drawn from a normal distribution with this standard deviation; "
            "a larger spread pushes more of them into the flat zones."))
        self.histogram.setLabel("bottom", self.tr("|∏ f′(z)| over L layers (log scale)"))
        self.histogram.setLabel("left", self.tr("share of paths (%)"))
        self.typical.setLabel("bottom", self.tr("number of layers L"))
        self.typical.setLabel("left", self.tr("typical |∏ f′(z)|"))
        self.picker.retranslate()
        self.redraw()

    def restyle(self) -> None:
        style_plot(self.histogram, self.view_style)
        style_plot(self.typical, self.view_style)
        self.redraw()
