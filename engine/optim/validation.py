"""One check for every numeric hyperparameter in engine.optim, so every message reads the same:
what is wrong, and which values are allowed."""
from __future__ import annotations

import math
from numbers import Integral


def check_range(
    name: str,
    value: float,
    low: float = -math.inf,
    high: float = math.inf,
    *,
    low_open: bool = False,
    high_open: bool = True,
) -> float:
    """Return ``value`` as a float if it is a finite number in the interval, else raise ValueError.

    The interval is ``[low, high)`` by default; ``low_open`` / ``high_open`` choose ``(`` / ``]``.
    """
    interval = f"{'(' if low_open else '['}{low:g}, {high:g}{')' if high_open else ']'}"
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number in {interval}, got {value!r}") from None
    above_low = number > low if low_open else number >= low
    below_high = number < high if high_open else number <= high
    if not (math.isfinite(number) and above_low and below_high):
        raise ValueError(f"{name} must be a finite number in {interval}, got {value!r}")
    return number


def check_count(name: str, value: int, minimum: int = 1) -> int:
    """Return ``value`` if it is a whole number ≥ ``minimum`` (an int, not a bool or a float)."""
    if isinstance(value, bool) or not isinstance(value, Integral) or value < minimum:
        raise ValueError(f"{name} must be a whole number ≥ {minimum}, got {value!r}")
    return int(value)
