"""Axes of the race's plots are kept as pixmaps, and still follow a new range."""
import pyqtgraph as pg
from PySide6.QtWidgets import QGraphicsItem

from desktop.labs.optimizers.loss_chart import LossChart
from desktop.widgets.contour_map import ContourMap
from desktop.widgets.still_axes import cache_axes


def test_the_race_plots_cache_their_axes(qtbot):
    for plot in (LossChart(), ContourMap()):
        qtbot.addWidget(plot)
        for name in ("left", "bottom"):
            assert plot.getPlotItem().getAxis(name).cacheMode() == QGraphicsItem.CacheMode.DeviceCoordinateCache


def test_a_cached_axis_shows_a_new_range(qtbot):
    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    cache_axes(plot)
    plot.resize(300, 200)
    plot.show()
    qtbot.waitExposed(plot)
    plot.setXRange(0, 1, padding=0)
    qtbot.wait(50)
    before = plot.grab().toImage()
    plot.setXRange(0, 1000, padding=0)
    qtbot.wait(50)
    assert plot.grab().toImage() != before
