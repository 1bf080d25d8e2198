"""The learning-rate sweep: the same few steps of one method at many learning rates.

Plotted as final loss against rate (both logarithmic) it has the classic shape: too small a rate
barely moves, a good one gets low fast, a larger one oscillates, and past a threshold the loss
grows instead of falling. A rate is marked *diverged* when its run blew up (NaN, infinity, or ran
off the surface) or ended with a higher loss than it started from; that is a result, never an
exception.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..optim.validation import check_count, check_range
from .progress import Progress
from .race import Racer
from .surfaces import Surface


@dataclass(frozen=True)
class SweepResult:
    """``final_losses[i]`` is the loss after ``steps`` steps at ``rates[i]`` (the last finite
    loss for a run that blew up); ``diverged[i]`` marks the rates that diverged."""

    method: str
    steps: int
    start_loss: float
    rates: np.ndarray
    final_losses: np.ndarray
    diverged: np.ndarray

    @property
    def best_rate(self) -> float | None:
        """The rate with the lowest final loss among those that did not diverge."""
        if self.diverged.all():
            return None
        losses = np.where(self.diverged, np.inf, self.final_losses)
        return float(self.rates[np.argmin(losses)])


def log_spaced_rates(low: float = 1e-4, high: float = 10.0, count: int = 41) -> np.ndarray:
    """``count`` rates from ``low`` to ``high``, evenly spaced on a log scale."""
    low = check_range("lowest rate", low, 0.0, low_open=True)
    high = check_range("highest rate", high, low, low_open=True)
    return np.geomspace(low, high, check_count("number of rates", count, minimum=2))


def learning_rate_sweep(
    surface: Surface,
    start: Sequence[float],
    rates: Sequence[float],
    *,
    steps: int = 50,
    method: str = "gd",
    hyperparameters: Mapping[str, float] | None = None,
    rng: np.random.Generator,
) -> SweepResult:
    """Run ``method`` for ``steps`` steps from ``start`` at each learning rate; its other
    hyperparameters are ``hyperparameters`` (defaults where missing)."""
    *_, result = sweep_with_progress(
        surface, start, rates, steps=steps, method=method, hyperparameters=hyperparameters, rng=rng
    )
    return result


def sweep_with_progress(
    surface: Surface,
    start: Sequence[float],
    rates: Sequence[float],
    *,
    steps: int = 50,
    method: str = "gd",
    hyperparameters: Mapping[str, float] | None = None,
    rng: np.random.Generator,
) -> Iterator[Progress | SweepResult]:
    """The same sweep as a generator for the worker: Progress after each rate, then the result."""
    steps = check_count("steps", steps)
    rates = np.array(rates, dtype=np.float64)
    if rates.ndim != 1 or len(rates) == 0:
        raise ValueError(f"rates must be a non-empty list of learning rates, got shape {rates.shape}")
    final_losses = np.empty(len(rates))
    diverged = np.zeros(len(rates), dtype=bool)
    start_loss = float(surface.value(np.asarray(start, dtype=np.float64)))
    for i, rate in enumerate(rates):
        racer = Racer(method, surface, start, rng, {**(hyperparameters or {}), "lr": float(rate)})
        for _ in range(steps):
            racer.step()
        final_losses[i] = racer.losses[-1]
        diverged[i] = racer.status == "diverged" or racer.losses[-1] > start_loss
        yield Progress("learning-rate sweep", i + 1, len(rates))
    for array in (rates, final_losses, diverged):
        array.flags.writeable = False
    yield SweepResult(method, steps, start_loss, rates, final_losses, diverged)
