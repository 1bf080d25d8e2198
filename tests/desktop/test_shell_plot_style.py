"""style_plot: the frame of every pyqtgraph plot follows the theme and presentation mode."""
import pyqtgraph as pg
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication

from desktop.theme import make_style
from desktop.widgets.plot_style import style_plot


def test_presentation_thickens_axes_and_enlarges_ticks(qtbot):
    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    plot.setLabel("left", "loss")
    plot.addLegend()
    normal, big = make_style("light", False), make_style("light", True)

    style_plot(plot, normal)
    axis = plot.getPlotItem().getAxis("left")
    normal_width, normal_ticks = axis.pen().widthF(), axis.style["tickFont"].pointSizeF()
    assert normal_width == normal.axis_width
    assert normal_ticks == QFont().pointSizeF() * 0.9

    app_font = QFont()
    app_font.setPointSizeF(app_font.pointSizeF() * big.font_scale)
    QApplication.setFont(app_font)  # the main window scales the application font first
    style_plot(plot, big)  # (conftest restores the application font after the test)
    assert axis.pen().widthF() == big.axis_width > normal_width
    assert axis.style["tickFont"].pointSizeF() >= 1.6 * normal_ticks
    assert axis.labelText == "loss"  # the label survives restyling


def test_dark_theme_darkens_the_background_and_lightens_the_ink(qtbot):
    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    dark = make_style("dark")
    style_plot(plot, dark)
    assert plot.backgroundBrush().color() == QColor(dark.palette.background)
    assert plot.getPlotItem().getAxis("bottom").textPen().color() == QColor(dark.palette.text)
