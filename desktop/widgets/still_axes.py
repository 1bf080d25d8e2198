"""Keep a plot's axes (and the grid lines they draw) as pixmaps between changes.

A pyqtgraph axis replays its tick marks, labels and grid lines on every repaint of its view. The
grid lines span the whole plot, half transparent, so a software rasterizer fills them anew each
time: on a race drawn 30 times a second that was a fifth of the GUI thread's time, for axes that
did not move. Cached in device coordinates, they are redrawn only when their range, size or style
changes (the axis asks for that itself) and otherwise copied.
"""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtWidgets import QGraphicsItem


def cache_axes(plot: pg.PlotWidget) -> None:
    """Cache every axis of ``plot`` as a pixmap (see the module docstring)."""
    for name in ("left", "bottom", "right", "top"):
        plot.getPlotItem().getAxis(name).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
