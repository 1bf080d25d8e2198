"""What every page (tab) of the Functions lab shares: plots on the left, and on the right a
column with the formula card on top (what a class reads) and the controls below it; plus small
helpers for the pyqtgraph plots."""
from __future__ import annotations

from abc import abstractmethod

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF
from PySide6.QtWidgets import (
    QApplication, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QScrollArea, QSlider,
    QVBoxLayout, QWidget,
)

from desktop.labs.base import missing_hooks
from desktop.theme import Style, make_style

#: Width of the control column, in average character widths of the current font ...
SIDE_COLUMN_CHARACTERS = 42
#: ... but never more than this share of the page, so that plots keep the room in presentation.
SIDE_COLUMN_MAX_SHARE = 0.34


class Page(QWidget):
    """One tab: subclasses fill ``plot_area`` and ``controls`` and implement the two hooks."""

    def __init__(self) -> None:
        missing = missing_hooks(type(self))
        if missing:
            raise TypeError(f"{type(self).__name__} must implement: {', '.join(missing)}")
        super().__init__()
        self.view_style: Style = make_style()
        self.plot_area = QVBoxLayout()
        self.plot_area.setContentsMargins(0, 0, 0, 0)
        side = QWidget()
        self.controls = QVBoxLayout(side)
        self.formula = QLabel()
        self.formula.setTextFormat(Qt.TextFormat.RichText)
        self.formula.setWordWrap(True)
        self.formula.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.formula.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.controls.addWidget(self.formula)
        self._side = QScrollArea()
        self._side.setWidget(side)
        self._side.setWidgetResizable(True)
        self._side.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._side.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QHBoxLayout(self)
        layout.addLayout(self.plot_area, 1)
        layout.addWidget(self._side)

    def add_group(self) -> tuple[QGroupBox, QFormLayout]:
        """A titled box of labelled controls in the side column (title set in retranslate)."""
        box = QGroupBox()
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # A narrow column (presentation mode) puts a field under its label instead of clipping.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.controls.addWidget(box)
        return box, form

    def finish_controls(self) -> None:
        """Keep the controls at the top of the column (call after the last control)."""
        self.controls.addStretch(1)

    def apply_style(self, style: Style) -> None:
        self.view_style = style
        self._fit_side_column()
        self.restyle()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_side_column()

    def _fit_side_column(self) -> None:
        # The window sets the application font (scaled for presentation) before restyling labs.
        wanted = QFontMetricsF(QApplication.font()).averageCharWidth() * SIDE_COLUMN_CHARACTERS
        # Never narrower than the controls need: a clipped control is worse than a narrower plot.
        needed = (self._side.widget().minimumSizeHint().width()
                  + self._side.verticalScrollBar().sizeHint().width())
        self._side.setFixedWidth(round(max(min(wanted, SIDE_COLUMN_MAX_SHARE * self.width()),
                                           needed)))

    @abstractmethod
    def retranslate(self) -> None:
        """Set every visible text again in the current language."""

    @abstractmethod
    def restyle(self) -> None:
        """Restyle the plots for ``self.view_style``."""


def spin_box(low: float, high: float, step: float, decimals: int, value: float) -> QDoubleSpinBox:
    """A number field that reports finished edits only, not every keystroke of a typed value."""
    spin = QDoubleSpinBox()
    spin.setRange(low, high)
    spin.setSingleStep(step)
    spin.setDecimals(decimals)
    spin.setValue(value)
    spin.setKeyboardTracking(False)
    return spin


def slider(low: int, high: int, value: int) -> QSlider:
    control = QSlider(Qt.Orientation.Horizontal)
    control.setRange(low, high)
    control.setValue(value)
    return control


def row_of(*widgets: QWidget, stretch: int | None = 0) -> QWidget:
    """Widgets side by side as one field of a form; the one at index ``stretch`` takes the room."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for index, widget in enumerate(widgets):
        layout.addWidget(widget, 1 if index == stretch else 0)
    return row


def make_plot(legend: bool = True, **axis_items) -> pg.PlotWidget:
    """A plot the lab controls entirely: no mouse panning or zooming, no context menu."""
    plot = pg.PlotWidget(axisItems=axis_items or None)
    plot.setMenuEnabled(False)
    plot.hideButtons()
    plot.getViewBox().setMouseEnabled(x=False, y=False)
    if legend:
        plot.addLegend(offset=(10, 10))
    return plot


def set_legend(plot: pg.PlotWidget, entries: list[tuple[pg.GraphicsObject, str]]) -> None:
    """Show exactly ``entries`` (item, label) in the plot's legend, in this order."""
    legend = plot.getPlotItem().legend
    legend.clear()
    for item, label in entries:
        legend.addItem(item, label)


#: Where a legend may sit: (x, y) of the corner, 0 = left/top, 1 = right/bottom.
LEGEND_CORNERS = {
    "top_left": (0.0, 0.0), "top": (0.5, 0.0), "top_right": (1.0, 0.0),
    "bottom_left": (0.0, 1.0), "bottom_right": (1.0, 1.0), "right": (1.0, 0.5),
}


def place_legend(plot: pg.PlotWidget | pg.PlotItem, corner: str) -> None:
    """Move the legend to one of LEGEND_CORNERS, where the curves leave room for it."""
    item = plot.getPlotItem() if isinstance(plot, pg.PlotWidget) else plot
    x, y = LEGEND_CORNERS[corner]
    offset = (10 - 20 * x if x != 0.5 else 0, 10 - 20 * y if y != 0.5 else 0)
    item.legend.anchor(itemPos=(x, y), parentPos=(x, y), offset=offset)


def label_font(style: Style, scale: float = 1.0) -> QFont:
    """The font for text drawn inside a plot (annotations, values on bars)."""
    font = QFont()
    font.setPointSizeF(9.0 * style.font_scale * scale)
    return font


def translucent(color: str | QColor, alpha: int) -> QColor:
    shaded = QColor(color)
    shaded.setAlpha(alpha)
    return shaded



def subscript(number: int) -> str:
    """12 -> "₁₂", for labels like z₁ and p₂."""
    return str(number).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))
