"""Thin a long path for drawing: a race of thousands of steps mostly crawls near a minimum, where
consecutive points fall on the same pixel. Drawing only points about a pixel apart looks the same
and costs a fraction, however long the race."""
from __future__ import annotations

import numpy as np


def _crossings(points: np.ndarray, travelled: float, spacing: float) -> tuple[np.ndarray, float]:
    """Offsets (from 1) of the points after ``points[0]`` where the distance travelled, starting
    at ``travelled``, crosses another multiple of ``spacing``; and the distance at the last point."""
    steps = np.diff(points, axis=0)
    distances = travelled + np.cumsum(np.hypot(steps[:, 0], steps[:, 1]))
    buckets = np.floor_divide(np.concatenate([[travelled], distances]), spacing)
    offsets = np.flatnonzero(buckets[1:] > buckets[:-1]) + 1
    return offsets, float(distances[-1]) if len(distances) else travelled


def thin_path(points: np.ndarray, spacing: float) -> np.ndarray:
    """The indices of the points to draw: the first, the last, and each point where the distance
    travelled along the path crosses another multiple of ``spacing`` (so at most
    length / spacing + 2 points, and every real corner of a zig-zag larger than that is kept)."""
    count = len(points)
    if count <= 2 or not spacing > 0:
        return np.arange(count)
    offsets, _ = _crossings(points, 0.0, spacing)
    return np.unique(np.concatenate([[0], offsets, [count - 1]]))


class GrowingPathThinner:
    """``thin_path`` for a path that only grows, as a race's does: the points kept from the part
    already seen never change, so each call thins only the new tail (a long race would otherwise
    re-measure thousands of points every frame). A path that is not the old one plus new points
    (a reset race, another spacing) is thinned afresh.

    The answer is the same in every later call but for its last index (the path's newest point,
    kept until the path has moved a spacing further): :attr:`settled` says how many lead indices
    will not change, for views that draw only what is new (desktop.widgets.trail_canvas)."""

    def __init__(self) -> None:
        self._spacing = 0.0
        self._seen = 0
        self._first = self._last = np.empty(0)
        self._travelled = 0.0
        self._kept = np.zeros(1, dtype=np.intp)
        #: How many leading indices of the last answer every later answer starts with.
        self.settled = 0

    def indices(self, points: np.ndarray, spacing: float) -> np.ndarray:
        """The indices ``thin_path(points, spacing)`` would give (up to rounding of the distance)."""
        count = len(points)
        if count <= 2 or not spacing > 0:
            self._seen = 0
            self.settled = min(count, 1)
            return np.arange(count)
        if not self._continues(points, spacing):
            self._spacing, self._seen, self._travelled = spacing, 1, 0.0
            self._first = points[0].copy()
            self._kept = np.zeros(1, dtype=np.intp)
        if count > self._seen:
            offsets, self._travelled = _crossings(points[self._seen - 1:], self._travelled, spacing)
            self._kept = np.concatenate([self._kept, offsets + self._seen - 1])
            self._seen, self._last = count, points[-1].copy()
        self.settled = len(self._kept)
        if self._kept[-1] == count - 1:
            return self._kept
        return np.append(self._kept, count - 1)

    def _continues(self, points: np.ndarray, spacing: float) -> bool:
        """Whether ``points`` starts with the path thinned so far, at the same spacing."""
        return (self._seen > 0 and spacing == self._spacing and len(points) >= self._seen
                and np.array_equal(points[0], self._first) and np.array_equal(points[self._seen - 1], self._last))
