"""Accuracy for the three ways a network can answer a classification question.

Each metric takes the network's raw output and the targets and returns the fraction right, so the
training loop can report accuracy beside loss whatever the output layer is.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np

Metric = Callable[[np.ndarray, np.ndarray], float]


def sign_accuracy(output: np.ndarray, target: np.ndarray) -> float:
    """Labels ±1 and a tanh (or linear) output, as in TensorFlow Playground: right when signs agree."""
    return np.count_nonzero((output >= 0) == (target > 0)) / target.size


def threshold_accuracy(output: np.ndarray, target: np.ndarray, threshold: float = 0.0) -> float:
    """Labels 0/1 and a logit output (sigmoid + binary cross-entropy): right when logit > 0 ⇔ label 1.

    Works per output unit, so it is also the per-label accuracy of a multi-label network.
    """
    return float(np.mean((output > threshold) == (target > 0.5)))


def argmax_accuracy(output: np.ndarray, target: np.ndarray) -> float:
    """Multi-class: the largest logit names the class; targets are class indices or one-hot rows."""
    labels = target.argmax(axis=1) if target.ndim == 2 else target
    return float(np.mean(output.argmax(axis=1) == labels))


METRICS: dict[str, Metric] = {
    "sign": sign_accuracy,
    "threshold": threshold_accuracy,
    "argmax": argmax_accuracy,
}


def get_metric(name: str) -> Metric:
    try:
        return METRICS[name]
    except KeyError:
        raise ValueError(f"unknown metric {name!r}; choose one of {sorted(METRICS)}") from None
