"""Second-order methods for small parameter vectors and 2-D surfaces: Newton and BFGS.

Gradient descent only knows the slope; these methods also use the curvature, so on a narrow
valley they step along it instead of zig-zagging across. They need the whole Hessian (Newton) or
build an approximation of its inverse (BFGS): affordable for a point on a surface, not for the
weights of a network. Both work on a flat float64 vector ``x`` and return the next one.
"""
from __future__ import annotations

from typing import Protocol

import numpy as np

from .validation import check_count, check_range

#: Curvatures smaller than this, relative to max(1, the largest |curvature|), count as flat.
FLAT_CURVATURE = 1e-8


class Objective(Protocol):
    """A twice-differentiable function of a flat float64 vector."""

    def value(self, x: np.ndarray) -> float: ...

    def gradient(self, x: np.ndarray) -> np.ndarray: ...

    def hessian(self, x: np.ndarray) -> np.ndarray: ...


class Newton:
    """Newton's method: jump to the stationary point of the local quadratic model,
    x ← x − lr·d with (H + damping·I)·d = g.

    On a quadratic bowl one step with lr = 1 lands exactly on the minimum. Elsewhere pure Newton
    has two weaknesses, and ``damping`` is the classic remedy for both (Levenberg–Marquardt):

    * It seeks *any* point where the gradient vanishes. Where the surface curves down in some
      direction (a saddle, a hill top: H indefinite) that point is a saddle or a maximum, and
      Newton walks towards it.
    * Where the surface is nearly flat in some direction (H nearly singular) d becomes huge.

    Adding damping·I raises every curvature by ``damping``: small damping keeps the Newton step,
    large damping turns it into a gradient step of size lr/damping.

    Fallback, when H + damping·I is still not positive definite: in the eigenvector basis each
    curvature λ is replaced by |λ|, so a direction curving down is descended instead of climbed
    (the "saddle-free Newton" of Dauphin et al., 2014), and a curvature too small to trust
    (below ``FLAT_CURVATURE`` relative to the largest) by 1, a plain gradient step along that
    direction. ``last_step_kind`` then says ``"modified"`` instead of ``"newton"``; a non-finite
    gradient or Hessian gives a NaN point (``"non-finite"``), which the caller reports as
    divergence.
    """

    def __init__(self, lr: float = 1.0, damping: float = 0.0) -> None:
        self.lr = check_range("lr", lr, 0.0, low_open=True)
        self.damping = check_range("damping", damping, 0.0)
        self.last_step_kind: str | None = None

    def direction(self, gradient: np.ndarray, hessian: np.ndarray) -> np.ndarray:
        """The vector d that the step subtracts (times lr); sets ``last_step_kind``."""
        if not (np.isfinite(gradient).all() and np.isfinite(hessian).all()):
            self.last_step_kind = "non-finite"
            return np.full(gradient.shape, np.nan)
        damped = 0.5 * (hessian + hessian.T) + self.damping * np.eye(len(gradient))
        curvatures, axes = np.linalg.eigh(damped)
        magnitudes = np.abs(curvatures)
        flat = magnitudes <= FLAT_CURVATURE * max(1.0, magnitudes.max())
        self.last_step_kind = "newton" if (curvatures > 0).all() and not flat.any() else "modified"
        trusted_curvatures = np.where(flat, 1.0, magnitudes)
        return axes @ ((axes.T @ gradient) / trusted_curvatures)

    def step(self, x: np.ndarray, objective: Objective) -> np.ndarray:
        x = np.asarray(x, dtype=np.float64)
        gradient = np.asarray(objective.gradient(x), dtype=np.float64)
        hessian = np.asarray(objective.hessian(x), dtype=np.float64)
        return x - self.lr * self.direction(gradient, hessian)


class BFGS:
    """The BFGS quasi-Newton method: Newton's step with an *approximate* inverse Hessian that is
    learned from how the gradient changes between steps; no second derivatives needed.

    Each step goes along d = −H̃·g, with the step length chosen by backtracking until the
    Armijo condition f(x + a·d) ≤ f(x) + c1·a·gᵀd holds (a = 1, shrink, shrink², ...). Then,
    with s = the step taken and y = the change in gradient,

        H̃ ← (I − ρ·s·yᵀ) · H̃ · (I − ρ·y·sᵀ) + ρ·s·sᵀ,   ρ = 1 / (yᵀs),

    which makes H̃ map y to s like the true inverse Hessian would. H̃ starts as the identity and is
    rescaled by yᵀs / yᵀy before its first update (Nocedal & Wright, eq. 6.20). The update is
    skipped when yᵀs ≤ 0 (possible without a Wolfe line search), which keeps H̃ positive definite
    and so d a descent direction. If no step length passes the test (which happens only at the
    limit of floating-point precision, or where the objective is NaN), the point stays put.

    Call :meth:`reset` before starting from a new point or on a new objective. ``inverse_hessian``
    and ``last_step_size`` are kept for views.
    """

    def __init__(self, c1: float = 1e-4, shrink: float = 0.5, max_backtracks: int = 50) -> None:
        self.c1 = check_range("c1", c1, 0.0, 1.0, low_open=True)
        self.shrink = check_range("shrink", shrink, 0.0, 1.0, low_open=True)
        self.max_backtracks = check_count("max_backtracks", max_backtracks)
        self.reset()

    def reset(self) -> None:
        """Forget the curvature learned so far."""
        self.inverse_hessian: np.ndarray | None = None
        self.last_step_size = 0.0
        self._scaled = False

    def step(self, x: np.ndarray, objective: Objective) -> np.ndarray:
        x = np.asarray(x, dtype=np.float64)
        gradient = np.asarray(objective.gradient(x), dtype=np.float64)
        if self.inverse_hessian is None or self.inverse_hessian.shape != (x.size, x.size):
            self._start_from_identity(x.size)
        if not gradient.any():  # a stationary point: nothing left to descend
            self.last_step_size = 0.0
            return x
        direction = -self.inverse_hessian @ gradient
        slope = float(gradient @ direction)
        if not slope < 0:
            # Rounding can spoil the descent property; steepest descent always has it.
            self._start_from_identity(x.size)
            direction, slope = -gradient, -float(gradient @ gradient)
        step_size = self._line_search(x, direction, slope, objective)
        self.last_step_size = step_size
        if step_size == 0.0:
            return x
        new_x = x + step_size * direction
        self._update(new_x - x, np.asarray(objective.gradient(new_x), dtype=np.float64) - gradient)
        return new_x

    def _start_from_identity(self, size: int) -> None:
        self.inverse_hessian = np.eye(size)
        self._scaled = False

    def _line_search(self, x: np.ndarray, direction: np.ndarray, slope: float, objective: Objective) -> float:
        """The first step length 1, shrink, shrink², ... passing the Armijo test, or 0."""
        start_value = objective.value(x)
        step_size = 1.0
        for _ in range(self.max_backtracks):
            # Written so that a NaN value fails the test and the step shrinks.
            if objective.value(x + step_size * direction) <= start_value + self.c1 * step_size * slope:
                return step_size
            step_size *= self.shrink
        return 0.0

    def _update(self, s: np.ndarray, y: np.ndarray) -> None:
        curvature = float(y @ s)
        if not curvature > np.finfo(float).eps * np.linalg.norm(s) * np.linalg.norm(y):
            return
        if not self._scaled:
            self.inverse_hessian *= curvature / float(y @ y)
            self._scaled = True
        rho = 1.0 / curvature
        identity = np.eye(s.size)
        left = identity - rho * np.outer(s, y)
        self.inverse_hessian = left @ self.inverse_hessian @ left.T + rho * np.outer(s, s)
