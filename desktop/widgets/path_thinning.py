"""Thin a long path for drawing: a race of thousands of steps mostly crawls near a minimum, where
consecutive points fall on the same pixel. Drawing only points about a pixel apart looks the same
and costs a fraction, however long the race."""
from __future__ import annotations

import numpy as np


def thin_path(points: np.ndarray, spacing: float) -> np.ndarray:
    """The indices of the points to draw: the first, the last, and each point where the distance
    travelled along the path crosses another multiple of ``spacing`` (so at most
    length / spacing + 2 points, and every real corner of a zig-zag larger than that is kept)."""
    count = len(points)
    if count <= 2 or not spacing > 0:
        return np.arange(count)
    steps = np.diff(points, axis=0)
    travelled = np.concatenate([[0.0], np.cumsum(np.hypot(steps[:, 0], steps[:, 1]))])
    bucket = np.floor_divide(travelled, spacing)
    keep = np.empty(count, dtype=bool)
    keep[0] = True
    keep[1:] = bucket[1:] > bucket[:-1]
    keep[-1] = True
    return np.flatnonzero(keep)
