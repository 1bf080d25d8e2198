"""Exponentially weighted moving averages, the idea behind Momentum, RMSProp and Adam.

    v_t = β·v_{t−1} + (1−β)·θ_t,   v_0 = 0

Unrolled, v_t = (1−β)·Σ β^(t−i)·θ_i: the weights fall off geometrically, so the average mostly
remembers the last 1/(1−β) values (β = 0.9: about 10, β = 0.99: about 100). A bigger β gives a
smoother curve that lags further behind.

Starting from v_0 = 0 makes the early averages too low: the weights of the first t values only
add up to 1 − β^t, so for a constant series θ the average is θ·(1 − β^t), not θ. Dividing by
1 − β^t (bias correction) removes exactly that factor, and matters only for the first few
multiples of 1/(1−β) steps.

SGD's momentum buffer (with dampening 1−β) is such an average of gradients; RMSProp keeps one
of squared gradients; Adam keeps both and bias-corrects them.
"""
from __future__ import annotations

import math

import numpy as np

from .validation import check_range

#: Within one block of the vectorised computation the terms are rescaled by up to β^−block;
#: capping that at 10^100 keeps them far from overflow whatever the series length.
_MAX_LOG_RESCALE = 100 * math.log(10)


def _check_beta(beta: float) -> float:
    return check_range("beta", beta, 0.0, 1.0)


def ewma(series, beta: float, bias_correction: bool = False) -> np.ndarray:
    """The moving average v_1 … v_n of a 1-D series (float64), optionally bias-corrected.

    Vectorised: within a block, v_{k+j} = β^j·(v_k + (1−β)·Σ_{i≤j} θ_{k+i}·β^−i), a cumulative
    sum; blocks are short enough that β^−i cannot overflow.
    """
    beta = _check_beta(beta)
    values = np.asarray(series, dtype=np.float64)
    if values.ndim != 1:
        raise ValueError(f"ewma needs a 1-D series, got an array of shape {values.shape}")
    averages = np.empty_like(values)
    if beta == 0.0:
        averages[:] = values
        return averages
    block = max(1, int(_MAX_LOG_RESCALE / -math.log(beta)))
    previous = 0.0
    for start in range(0, len(values), block):
        chunk = values[start:start + block]
        decay = beta ** np.arange(1, len(chunk) + 1)
        averages[start:start + len(chunk)] = decay * (previous + (1.0 - beta) * np.cumsum(chunk / decay))
        previous = averages[start + len(chunk) - 1]
    if bias_correction:
        averages /= 1.0 - beta ** np.arange(1, len(values) + 1)
    return averages


class ExponentialAverage:
    """The same average, one value at a time (a float or an array): ``value`` is v_t,
    ``corrected`` is v_t / (1 − β^t)."""

    def __init__(self, beta: float) -> None:
        self.beta = _check_beta(beta)
        self.reset()

    def reset(self) -> None:
        self.value: float | np.ndarray = 0.0
        self.count = 0

    def update(self, x: float | np.ndarray) -> None:
        self.value = self.beta * self.value + (1.0 - self.beta) * np.asarray(x, dtype=np.float64)
        self.count += 1

    @property
    def corrected(self) -> float | np.ndarray:
        if self.count == 0:
            raise ValueError("no value has been averaged yet; call update(x) first")
        return self.value / (1.0 - self.beta**self.count)
