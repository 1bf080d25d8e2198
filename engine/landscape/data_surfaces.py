"""Loss surfaces that come from data: the two parameters (w, b) of a one-input model.

Both models compute z = w·x + b for every example and average a loss of z, so value, gradient and
Hessian share one recipe (the chain rule through z):

    L(w, b)  = mean ℓ(zᵢ, yᵢ)
    ∇L       = mean ℓ'(zᵢ, yᵢ) · (xᵢ, 1)
    ∇²L      = mean ℓ''(zᵢ, yᵢ) · (xᵢ, 1)(xᵢ, 1)ᵀ

With raw inputs far from 0 (x around 2 or 3), the terms xᵢ² and xᵢ make the Hessian stretched:
a long diagonal valley where gradient descent zig-zags. "Normalize inputs" replaces x by
(x − mean)/std, which makes the off-diagonal terms vanish and the valley a round bowl.

The stochastic gradient is the same formula on a real mini-batch of ``batch_size`` examples,
drawn without replacement.
"""
from __future__ import annotations

from abc import abstractmethod

import numpy as np

from .surfaces import Surface

#: Every data surface starts where training usually starts: all parameters zero.
ZERO_START = (0.0, 0.0)


class DataSurface(Surface):
    """The average loss of the model z = w·x + b over a fixed data set."""

    axis_labels = ("w", "b")
    start = ZERO_START

    def __init__(self, x: np.ndarray, y: np.ndarray, normalize: bool = False, batch_size: int = 8) -> None:
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        if x.ndim != 1 or x.shape != y.shape or len(x) < 2:
            raise ValueError(
                f"x and y must be 1-D arrays of the same length >= 2, got shapes {x.shape} and {y.shape}"
            )
        if int(batch_size) != batch_size or not 1 <= batch_size <= len(x):
            raise ValueError(f"batch_size must be a whole number from 1 to {len(x)}, got {batch_size!r}")
        self.raw_x = x
        self.normalize = bool(normalize)
        self.x = (x - x.mean()) / x.std() if normalize else x
        self.y = y
        self.batch_size = int(batch_size)
        self._minimum = self._find_minimum()
        half_width = 1.25 * max(np.max(np.abs(self._minimum - self.start)), 2.5)
        (w, b) = self._minimum
        self.extent = tuple(float(v) for v in (w - half_width, w + half_width, b - half_width, b + half_width))
        # Gradient descent on a quadratic is stable below 2/λmax: stay at 90 % of that limit, so
        # the zig-zag of an ill-conditioned valley shows. The curvature is largest at the start
        # (logistic: all z = 0) or everywhere the same (least squares).
        curvature = max(np.linalg.eigvalsh(self.hessian(p))[-1] for p in (self._minimum, np.array(self.start)))
        self.suggested_lr = float(1.8 / curvature)

    # The loss ℓ(z, y) of one example and its first two derivatives with respect to z.
    @abstractmethod
    def _loss(self, z: np.ndarray, y: np.ndarray) -> np.ndarray: ...

    @abstractmethod
    def _slope(self, z: np.ndarray, y: np.ndarray) -> np.ndarray: ...

    @abstractmethod
    def _curvature(self, z: np.ndarray, y: np.ndarray) -> np.ndarray: ...

    @property
    def minima(self):
        return self._minimum[None, :]

    def _predictions(self, points: np.ndarray, x: np.ndarray) -> np.ndarray:
        points = np.asarray(points, dtype=np.float64)
        return points[..., 0, None] * x + points[..., 1, None]

    def value(self, points):
        return np.mean(self._loss(self._predictions(points, self.x), self.y), axis=-1)

    def gradient(self, points):
        return self._gradient_on(points, self.x, self.y)

    def _gradient_on(self, points, x, y):
        slope = self._slope(self._predictions(points, x), y)
        return np.stack([np.mean(slope * x, axis=-1), np.mean(slope, axis=-1)], axis=-1)

    def hessian(self, points):
        x = self.x
        curvature = self._curvature(self._predictions(points, x), self.y)
        hxx, hxy, hyy = (np.mean(curvature * x**k, axis=-1) for k in (2, 1, 0))
        return np.stack([np.stack([hxx, hxy], axis=-1), np.stack([hxy, hyy], axis=-1)], axis=-2)

    def stochastic_gradient(self, point, rng):
        batch = rng.choice(len(self.x), size=self.batch_size, replace=False)
        return self._gradient_on(point, self.x[batch], self.y[batch])

    def _find_minimum(self) -> np.ndarray:
        """Newton's method from the start: exact in one step for least squares, a handful of
        steps for the (strictly convex, non-separable) logistic loss."""
        point = np.array(self.start, dtype=np.float64)
        for _ in range(50):
            step = np.linalg.solve(self.hessian(point), self.gradient(point))
            point -= step
            if np.max(np.abs(step)) < 1e-12:
                break
        return point

    def __repr__(self) -> str:
        return f"{type(self).__name__}(n={len(self.x)}, normalize={self.normalize}, batch_size={self.batch_size})"


class LinearRegressionSurface(DataSurface):
    """Mean squared error (z − y)² of a straight line fitted to noisy points."""

    name = "linear_regression"

    @classmethod
    def generated(cls, rng: np.random.Generator, size: int = 40, **options) -> LinearRegressionSurface:
        """Points around y = 1.5x − 1 with x centred at 2, so the raw valley is stretched."""
        x = rng.normal(2.0, 1.0, size)
        y = 1.5 * x - 1.0 + rng.normal(0.0, 0.5, size)
        return cls(x, y, **options)

    def _loss(self, z, y):
        return (z - y) ** 2

    def _slope(self, z, y):
        return 2.0 * (z - y)

    def _curvature(self, z, y):
        return np.full_like(z, 2.0)


class LogisticRegressionSurface(DataSurface):
    """Mean cross-entropy of a sigmoid classifier p = σ(z) on labels 0 and 1:
    ℓ = −y·log p − (1 − y)·log(1 − p) = log(1 + eᶻ) − y·z, computed without overflow."""

    name = "logistic_regression"

    def __init__(self, x: np.ndarray, y: np.ndarray, normalize: bool = False, batch_size: int = 8) -> None:
        labels = np.asarray(y)
        if not np.all((labels == 0) | (labels == 1)):
            raise ValueError("logistic regression labels must be 0 or 1")
        super().__init__(x, y, normalize, batch_size)

    @classmethod
    def generated(cls, rng: np.random.Generator, size: int = 60, **options) -> LogisticRegressionSurface:
        """Two overlapping classes centred at x = 2 and x = 4: overlap keeps the minimum finite."""
        labels = np.arange(size) % 2
        x = rng.normal(2.0 + 2.0 * labels, 1.0)
        return cls(x, labels.astype(np.float64), **options)

    def _loss(self, z, y):
        # log(1 + eᶻ) = max(z, 0) + log(1 + e^−|z|), in place: the grid's hot path.
        softplus = np.abs(z)
        np.negative(softplus, out=softplus)
        np.exp(softplus, out=softplus)
        np.log1p(softplus, out=softplus)
        softplus += np.maximum(z, 0.0)
        softplus -= y * z
        return softplus

    def _slope(self, z, y):
        return _sigmoid(z) - y

    def _curvature(self, z, y):
        p = _sigmoid(z)
        return p * (1.0 - p)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # no overflow for large |z|
