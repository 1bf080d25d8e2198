"""A surface sampled on a regular grid: what the 3D view and the contour map draw."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .surfaces import Surface

_POINTS_PER_CHUNK = 2048


@dataclass(frozen=True)
class SurfaceGrid:
    """``loss[i, j]`` is the loss at ``(x[i], y[j])`` (x along the first axis, as
    pyqtgraph's surface and image items expect). All arrays are read-only."""

    x: np.ndarray
    y: np.ndarray
    loss: np.ndarray

    @property
    def extent(self) -> tuple[float, float, float, float]:
        return float(self.x[0]), float(self.x[-1]), float(self.y[0]), float(self.y[-1])


def surface_grid(
    surface: Surface, resolution: int = 200, extent: tuple[float, float, float, float] | None = None
) -> SurfaceGrid:
    """Sample ``surface`` on ``resolution × resolution`` points over ``extent`` (default: the
    surface's own)."""
    if int(resolution) != resolution or resolution < 2:
        raise ValueError(f"resolution must be a whole number >= 2, got {resolution!r}")
    x_min, x_max, y_min, y_max = surface.extent if extent is None else extent
    if not (x_min < x_max and y_min < y_max):
        raise ValueError(f"extent must be (x_min, x_max, y_min, y_max) with min < max, got {extent}")
    x = np.linspace(x_min, x_max, int(resolution))
    y = np.linspace(y_min, y_max, int(resolution))
    points = np.stack(np.meshgrid(x, y, indexing="ij"), axis=-1)
    # A few rows at a time: a data surface makes (rows, resolution, examples) temporaries, and
    # small ones stay in the processor's cache (about twice as fast at 200 × 200).
    rows = max(1, _POINTS_PER_CHUNK // len(y))
    with np.errstate(over="ignore", invalid="ignore"):
        loss = np.concatenate([surface.value(points[i:i + rows]) for i in range(0, len(x), rows)])
    for array in (x, y, loss):
        array.flags.writeable = False
    return SurfaceGrid(x, y, loss)
