"""The Playground's input features: the network sees chosen functions of the point (x₁, x₂).

Feeding x₁² and x₂² lets a network without hidden layers separate the circle; x₁x₂ does the same
for xor; sin x₁ and sin x₂ help with the spiral. That is the lesson "good features can replace
depth", so the features are a registry the UI lists by name and label.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np


@dataclass(frozen=True)
class Feature:
    """One input feature: a stable ``name`` for code and presets, a ``label`` for the screen."""

    name: str
    label: str
    compute: Callable[[np.ndarray, np.ndarray], np.ndarray]  # (x1, x2) columns -> column


#: The seven Playground features, in the Playground's order.
FEATURES: Mapping[str, Feature] = MappingProxyType({feature.name: feature for feature in [
    Feature("x1", "x₁", lambda x1, x2: x1),
    Feature("x2", "x₂", lambda x1, x2: x2),
    Feature("x1^2", "x₁²", lambda x1, x2: x1 * x1),
    Feature("x2^2", "x₂²", lambda x1, x2: x2 * x2),
    Feature("x1x2", "x₁x₂", lambda x1, x2: x1 * x2),
    Feature("sin_x1", "sin x₁", lambda x1, x2: np.sin(x1)),
    Feature("sin_x2", "sin x₂", lambda x1, x2: np.sin(x2)),
]})


def feature_matrix(points: np.ndarray, names: Sequence[str]) -> np.ndarray:
    """The (n, len(names)) float64 matrix of the named features of ``points`` (n, 2), one column
    per name in the given order."""
    points = np.asarray(points, dtype=np.float64)
    if points.ndim != 2 or points.shape[1] != 2:
        raise ValueError(f"points must have shape (n, 2), got {points.shape}")
    if isinstance(names, str):
        raise ValueError(f"names must be a list of feature names, got the string {names!r}")
    if len(names) == 0:
        raise ValueError(f"choose at least one feature from {', '.join(FEATURES)}")
    unknown = [name for name in names if name not in FEATURES]
    if unknown:
        raise ValueError(f"unknown feature(s) {unknown}; choose from {', '.join(FEATURES)}")
    if len(set(names)) != len(names):
        raise ValueError(f"each feature may be chosen once, got {list(names)}")
    x1, x2 = points[:, 0], points[:, 1]
    matrix = np.empty((len(points), len(names)))
    for column, name in enumerate(names):
        matrix[:, column] = FEATURES[name].compute(x1, x2)
    return matrix
