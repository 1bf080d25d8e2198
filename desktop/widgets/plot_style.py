"""Apply a :class:`~desktop.theme.Style` to a pyqtgraph plot: background, axes, fonts, legend.

Curves keep their own pens (``style.curve_pen(i)``, set by the lab when it restyles its items);
this function handles the frame around them, which every plot in every lab shares.
"""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QGraphicsItem

from desktop.theme import Style

_AXES = ("left", "bottom", "right", "top")


def style_plot(plot: pg.PlotWidget | pg.PlotItem, style: Style) -> None:
    """Restyle ``plot`` (a PlotWidget or its PlotItem) for ``style``.

    Tick labels are 90 % of the application font, which the main window has already scaled for
    presentation mode before it restyles the labs.
    """
    if isinstance(plot, pg.PlotWidget):
        plot.setBackground(style.palette.background)
        item = plot.getPlotItem()
    else:
        item = plot
    tick_font = QFont()
    point_size = tick_font.pointSizeF() * 0.9
    tick_font.setPointSizeF(point_size)
    text_pen = pg.mkPen(style.palette.text)
    for name in _AXES:
        axis = item.getAxis(name)
        axis.setPen(style.axis_pen())
        axis.setTextPen(text_pen)
        axis.setTickFont(tick_font)
        axis.labelStyle = {"color": style.palette.text, "font-size": f"{point_size * 1.1:.1f}pt"}
        if axis.labelText or axis.labelUnits:
            axis.setLabel(axis.labelText, units=axis.labelUnits or None)
    item.showGrid(x=True, y=True, alpha=0.35 if style.presentation else 0.25)
    if item.titleLabel.text:
        title_size = f"{point_size * 1.25:.1f}pt"
        item.setTitle(item.titleLabel.text, color=style.palette.text, size=title_size)
    legend = item.legend
    if legend is not None:
        legend.setLabelTextColor(QColor(style.palette.text))
        legend.setLabelTextSize(f"{point_size:.1f}pt")
        legend.setBrush(pg.mkBrush(QColor(style.palette.surface)))
        legend.setPen(pg.mkPen(style.palette.grid))


def cache_axes(plot: pg.PlotWidget | pg.PlotItem) -> None:
    """Keep each axis of ``plot`` as a pixmap, redrawn only when the axis itself changes.

    An axis overlaps the plot area by its tick length, so Qt repaints it whenever anything in
    the plot does; for a plot updated many times a second (and whose axes stay put), a cached
    axis makes that a pixmap copy instead of drawing its tick text again.
    """
    item = plot.getPlotItem() if isinstance(plot, pg.PlotWidget) else plot
    for name in _AXES:
        item.getAxis(name).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
