"""Reusable views shared by the labs (live curves, heatmaps, surfaces, ...) and ``plot_style``,
which restyles any pyqtgraph plot for the current theme and presentation mode."""
