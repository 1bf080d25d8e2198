"""Analytic test surfaces: two-parameter loss functions with exact gradient and Hessian.

Each surface is the classic picture of one difficulty an optimizer meets:

=============  ===========================================================================
bowl           x² + y²: the easy case, every method works
ellipse        a rotated, ill-conditioned quadratic: gradient descent zig-zags across it
saddle         x² − y²: a flat point that is not a minimum (Newton's method jumps onto it)
rosenbrock     a curved, narrow valley with its minimum at (1, 1)
beale          steep walls and a flat floor, minimum at (3, 0.5)
himmelblau     four equally good minima: where you start decides where you end
plateau        a nearly flat plain with a narrow well: tiny gradients stall plain descent
=============  ===========================================================================

Every function takes points of shape ``(..., 2)`` and works on a single point as well as on a
whole grid, so the same code draws the surface and drives the optimizers. Surfaces follow the
Objective protocol of engine.optim.second_order (``value``, ``gradient``, ``hessian``), so
Newton's method and BFGS run on them directly.
"""
from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np

from ..optim.validation import check_range


class Surface(ABC):
    """A loss over two parameters, with what a view needs to show it well.

    ``extent`` is the square or rectangle (x_min, x_max, y_min, y_max) worth drawing, ``start``
    a start point that makes the surface's lesson visible, ``minima`` the known minima (shape
    ``(k, 2)``, possibly empty), ``suggested_lr`` a gradient-descent learning rate that converges
    but shows the surface's difficulty, and ``log_scale`` whether the loss spans so many orders of
    magnitude that colours should follow log(loss).
    """

    name: str = ""
    axis_labels: tuple[str, str] = ("x", "y")
    extent: tuple[float, float, float, float] = (-2.0, 2.0, -2.0, 2.0)
    start: tuple[float, float] = (-1.5, 1.5)
    suggested_lr: float = 0.1
    log_scale: bool = False

    @property
    def minima(self) -> np.ndarray:
        return np.empty((0, 2))

    @abstractmethod
    def value(self, points: np.ndarray) -> np.ndarray:
        """The loss at ``points`` (shape ``(..., 2)``); returns shape ``(...)``."""

    @abstractmethod
    def gradient(self, points: np.ndarray) -> np.ndarray:
        """The exact gradient, shape ``(..., 2)``."""

    @abstractmethod
    def hessian(self, points: np.ndarray) -> np.ndarray:
        """The exact matrix of second derivatives, shape ``(..., 2, 2)``."""

    @abstractmethod
    def stochastic_gradient(self, point: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """A noisy estimate of the gradient at one point, as stochastic gradient descent sees it."""

    @property
    def span(self) -> float:
        """The larger side of the extent: the scale on which a step is "big"."""
        x_min, x_max, y_min, y_max = self.extent
        return max(x_max - x_min, y_max - y_min)

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class AnalyticSurface(Surface):
    """A surface given by a formula. Its stochastic gradient is the exact gradient plus Gaussian
    noise with standard deviation ``gradient_noise`` in each coordinate: the stand-in for the
    sampling noise of a mini-batch."""

    def __init__(self, gradient_noise: float = 1.0) -> None:
        self.gradient_noise = check_range("gradient_noise", gradient_noise, 0.0)

    def stochastic_gradient(self, point: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        return self.gradient(point) + self.gradient_noise * rng.standard_normal(2)


def _coordinates(points) -> tuple[np.ndarray, np.ndarray]:
    """x and y of one point (shape (2,)) or of many (shape (..., 2)). One point is what a race
    asks for at every step, and there np.moveaxis alone would cost more than the arithmetic."""
    points = np.asarray(points, dtype=np.float64)
    if points.ndim == 1:
        return points[0], points[1]
    return np.moveaxis(points, -1, 0)


def _stack_gradient(gx: np.ndarray, gy: np.ndarray) -> np.ndarray:
    if np.ndim(gx) == 0 and np.ndim(gy) == 0:  # one point (see _coordinates)
        return np.array([gx, gy])
    return np.stack(np.broadcast_arrays(gx, gy), axis=-1)


def _stack_hessian(hxx, hxy, hyy) -> np.ndarray:
    hxx, hxy, hyy = np.broadcast_arrays(hxx, hxy, hyy)
    return np.stack([np.stack([hxx, hxy], axis=-1), np.stack([hxy, hyy], axis=-1)], axis=-2)


class Quadratic(AnalyticSurface):
    """f(p) = pᵀAp for a symmetric positive semi-definite or indefinite 2×2 matrix A."""

    def __init__(self, matrix: np.ndarray, gradient_noise: float = 1.0) -> None:
        super().__init__(gradient_noise)
        self.matrix = np.asarray(matrix, dtype=np.float64)

    def value(self, points):
        points = np.asarray(points, dtype=np.float64)
        return np.einsum("...i,ij,...j->...", points, self.matrix, points)

    def gradient(self, points):
        return 2.0 * np.asarray(points, dtype=np.float64) @ self.matrix

    def hessian(self, points):
        shape = np.shape(points)[:-1]
        return np.broadcast_to(2.0 * self.matrix, (*shape, 2, 2)).copy()


class Bowl(Quadratic):
    """x² + y²: round contours, the gradient points straight at the minimum."""

    name = "bowl"
    suggested_lr = 0.1

    def __init__(self, gradient_noise: float = 1.0) -> None:
        super().__init__(np.eye(2), gradient_noise)

    @property
    def minima(self):
        return np.zeros((1, 2))


class Ellipse(Quadratic):
    """u² + v²/κ in coordinates (u, v) rotated by ``angle`` degrees: the curvature across the
    valley is κ times the curvature along it, κ being the condition number (1 to 100).

    Gradient descent must keep its learning rate below 1 (the steep direction's limit), so along
    the flat direction it moves only by the factor 1 − 2·lr/κ per step: the larger κ, the slower.
    """

    name = "ellipse"
    suggested_lr = 0.9
    start = (-1.8, 1.2)

    def __init__(self, condition: float = 10.0, angle: float = 0.0, gradient_noise: float = 1.0) -> None:
        self.condition = check_range("condition number", condition, 1.0, 100.0, high_open=False)
        self.angle = check_range("angle", angle, -360.0, 360.0, high_open=False)
        theta = np.radians(self.angle)
        rotation = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
        super().__init__(rotation @ np.diag([1.0, 1.0 / self.condition]) @ rotation.T, gradient_noise)

    @property
    def minima(self):
        return np.zeros((1, 2))

    def __repr__(self) -> str:
        return f"Ellipse(condition={self.condition:g}, angle={self.angle:g})"


class Saddle(Quadratic):
    """x² − y²: the gradient vanishes at the origin, which is a minimum along x and a maximum
    along y. Started near y = 0, descent slows down by the saddle before it escapes."""

    name = "saddle"
    suggested_lr = 0.1
    start = (-1.8, 0.02)

    def __init__(self, gradient_noise: float = 1.0) -> None:
        super().__init__(np.diag([1.0, -1.0]), gradient_noise)


class Rosenbrock(AnalyticSurface):
    """(a − x)² + b(y − x²)² with a = 1, b = 100: finding the valley is easy, following its
    banana-shaped floor to (1, 1) is hard."""

    name = "rosenbrock"
    extent = (-2.0, 2.0, -1.0, 3.0)
    start = (-1.5, 2.5)
    suggested_lr = 5e-4
    log_scale = True
    a, b = 1.0, 100.0

    @property
    def minima(self):
        return np.array([[self.a, self.a**2]])

    def value(self, points):
        x, y = _coordinates(points)
        return (self.a - x) ** 2 + self.b * (y - x * x) ** 2

    def gradient(self, points):
        x, y = _coordinates(points)
        valley = y - x * x
        return _stack_gradient(-2.0 * (self.a - x) - 4.0 * self.b * x * valley, 2.0 * self.b * valley)

    def hessian(self, points):
        x, y = _coordinates(points)
        b = self.b
        return _stack_hessian(2.0 - 4.0 * b * y + 12.0 * b * x * x, -4.0 * b * x, 2.0 * b + 0.0 * x)


class Beale(AnalyticSurface):
    """Σᵢ (cᵢ − x + x·yⁱ)² for i = 1, 2, 3 and c = (1.5, 2.25, 2.625): flat in the middle,
    walls of height 10⁵ at the corners, minimum 0 at (3, 0.5)."""

    name = "beale"
    extent = (-4.5, 4.5, -4.5, 4.5)
    start = (0.7, 1.4)
    suggested_lr = 1e-3
    log_scale = True
    constants = (1.5, 2.25, 2.625)

    @property
    def minima(self):
        return np.array([[3.0, 0.5]])

    def _terms(self, points):
        """For each i: the residual rᵢ, its gradient and its second derivatives."""
        x, y = _coordinates(points)
        for i, c in enumerate(self.constants, start=1):
            residual = c - x + x * y**i
            d_dx, d_dy = y**i - 1.0, i * x * y ** (i - 1)
            d_dxdy, d_dydy = i * y ** (i - 1), i * (i - 1) * x * y ** max(i - 2, 0)
            yield residual, d_dx, d_dy, d_dxdy, d_dydy

    def value(self, points):
        return sum(r * r for r, *_ in self._terms(points))

    def gradient(self, points):
        gx = gy = 0.0
        for r, d_dx, d_dy, _, _ in self._terms(points):
            gx = gx + 2.0 * r * d_dx
            gy = gy + 2.0 * r * d_dy
        return _stack_gradient(gx, gy)

    def hessian(self, points):
        hxx = hxy = hyy = 0.0
        for r, d_dx, d_dy, d_dxdy, d_dydy in self._terms(points):
            hxx = hxx + 2.0 * d_dx * d_dx
            hxy = hxy + 2.0 * (d_dx * d_dy + r * d_dxdy)
            hyy = hyy + 2.0 * (d_dy * d_dy + r * d_dydy)
        return _stack_hessian(hxx, hxy, hyy)


class Himmelblau(AnalyticSurface):
    """(x² + y − 11)² + (x + y² − 7)²: four minima of value 0, one per quadrant."""

    name = "himmelblau"
    extent = (-5.0, 5.0, -5.0, 5.0)
    start = (-0.3, -0.9)
    suggested_lr = 0.01
    log_scale = True

    @property
    def minima(self):
        # (3, 2) exactly; the other three have no closed form: polish rough values by Newton.
        points = np.array([[3.0, 2.0], [-2.8, 3.1], [-3.8, -3.3], [3.6, -1.8]])
        for _ in range(8):
            points -= np.linalg.solve(self.hessian(points), self.gradient(points)[..., None])[..., 0]
        return points

    def value(self, points):
        x, y = _coordinates(points)
        return (x * x + y - 11.0) ** 2 + (x + y * y - 7.0) ** 2

    def gradient(self, points):
        x, y = _coordinates(points)
        first, second = x * x + y - 11.0, x + y * y - 7.0
        return _stack_gradient(4.0 * x * first + 2.0 * second, 2.0 * first + 4.0 * y * second)

    def hessian(self, points):
        x, y = _coordinates(points)
        return _stack_hessian(12.0 * x * x + 4.0 * y - 42.0, 4.0 * (x + y), 4.0 * x + 12.0 * y * y - 26.0)


class PlateauWell(AnalyticSurface):
    """1 − exp(−r²/2σ²) + εr²: a plain that falls by only εr² towards a narrow Gaussian well of
    width σ at the origin. On the plain the gradient is about 2εr, so plain gradient descent
    creeps, while methods that normalise the step size (RMSprop, Adam) cross it at full speed."""

    name = "plateau"
    start = (-1.6, 1.4)
    suggested_lr = 0.1
    width = 0.25  # σ of the well
    slope = 0.01  # ε of the plain

    @property
    def minima(self):
        return np.zeros((1, 2))

    def _well(self, points):
        points = np.asarray(points, dtype=np.float64)
        return points, np.exp(-np.sum(points * points, axis=-1) / (2.0 * self.width**2))

    def value(self, points):
        points, well = self._well(points)
        return 1.0 - well + self.slope * np.sum(points * points, axis=-1)

    def gradient(self, points):
        points, well = self._well(points)
        return points * (well / self.width**2 + 2.0 * self.slope)[..., None]

    def hessian(self, points):
        points, well = self._well(points)
        diagonal = (well / self.width**2 + 2.0 * self.slope)[..., None, None] * np.eye(2)
        outer = points[..., :, None] * points[..., None, :]
        return diagonal - outer * (well / self.width**4)[..., None, None]
