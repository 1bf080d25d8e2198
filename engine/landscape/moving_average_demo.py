"""Material for the moving-averages lesson: a noisy year of daily temperatures to smooth, and the
weights an exponentially weighted average (engine.optim.ewma) gives to past days.

The averages themselves are engine.optim.ewma's, the very formula behind Momentum, RMSProp and Adam.
"""
from __future__ import annotations

import numpy as np

from ..optim.validation import check_count, check_range

DAYS_PER_YEAR = 365


def daily_temperatures(
    rng: np.random.Generator,
    days: int = DAYS_PER_YEAR,
    mean: float = 15.0,
    amplitude: float = 10.0,
    noise: float = 3.0,
    coldest_day: int = 15,
) -> np.ndarray:
    """A year of daily temperatures (°C) from 1 January: a seasonal cosine, coldest on
    ``coldest_day``, plus Gaussian day-to-day noise. The year starts well above 0 °C, so an
    average that starts at 0 visibly starts too low."""
    days = check_count("days", days)
    check_range("noise", noise, 0.0)
    day = np.arange(days)
    season = mean - amplitude * np.cos(2.0 * np.pi * (day - coldest_day) / DAYS_PER_YEAR)
    return season + noise * rng.standard_normal(days)


def averaging_weights(beta: float, count: int) -> np.ndarray:
    """The weight (1 − β)·βᵏ of the value k steps back, for k = 0 … count − 1.

    They sum to 1 − βᵗ over t values (hence bias correction), and fall to 1/e of the newest
    weight after about 1/(1 − β) steps: the average's effective window.
    """
    beta = check_range("beta", beta, 0.0, 1.0)
    return (1.0 - beta) * beta ** np.arange(check_count("count", count))


def effective_window(beta: float) -> float:
    """1/(1 − β): how many recent values the average mostly remembers."""
    return 1.0 / (1.0 - check_range("beta", beta, 0.0, 1.0))
