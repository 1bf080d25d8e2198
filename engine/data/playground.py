"""TensorFlow Playground's two-dimensional data sets, plus two moons and an N-class spiral.

The sets follow the Playground's generators (tensorflow/playground, ``src/dataset.ts``) so that a
lesson built on the Playground behaves the same here:

* Points live in the square ``PLAYGROUND_DOMAIN`` = [-6, 6]² the Playground draws.
* Binary labels are **+1 / -1**, because the Playground's output neuron is a tanh. For a sigmoid
  output with cross-entropy, convert them with :func:`to_zero_one`.
* ``noise`` is the number the Playground's generators receive: its 0–50 % slider divided by 100, so
  here ``0 <= noise <= 0.5``. How noise enters differs per set, as in the Playground:
  circle, xor and the two regression sets keep each point where it was drawn and compute its
  label at a randomly displaced point, so noise flips labels near the boundary; the spirals and
  the moons move the points; the Gaussians widen their clusters.

:func:`make_dataset` is the one entry point: it validates, generates, shuffles (as the Playground
does before splitting) and returns a read-only :class:`Dataset`.
"""
from __future__ import annotations

import functools
import numbers
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

import numpy as np

Task = Literal["binary", "multiclass", "regression"]

#: The square (lower, upper) on both axes that the Playground shows its data and decision map in.
PLAYGROUND_DOMAIN = (-6.0, 6.0)
#: Largest accepted ``noise`` (the Playground's slider maximum of 50 %, divided by 100).
MAX_NOISE = 0.5

_CIRCLE_RADIUS = 5.0  # outer radius; the class boundary is at half of it
_XOR_HALF_WIDTH = 5.0
_XOR_PADDING = 0.3  # keeps points off the axes, where the xor label flips
_SPIRAL_RADIUS = 5.0
_SPIRAL_TURNS = 1.75
_MOON_SCALE = 3.0
_REGRESSION_HALF_WIDTH = 6.0
# Multi-Gaussian regression: (centre x, centre y, sign) of the Playground's six bumps.
_BUMPS = np.array([[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1],
                   [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]], dtype=np.float64)
_BUMP_RADIUS = 2.0  # a bump falls linearly from |1| at its centre to 0 at this distance


@dataclass(frozen=True)
class Dataset:
    """Points ``x`` (n, 2) float64 with targets ``y`` (n,), both read-only.

    ``y`` is float64 +1/-1 for ``task == "binary"``, int64 0..n_classes-1 for ``"multiclass"``
    and float64 for ``"regression"`` (where ``n_classes`` is None).
    """

    x: np.ndarray
    y: np.ndarray
    task: Task
    n_classes: int | None

    def __post_init__(self) -> None:
        self.x.flags.writeable = False
        self.y.flags.writeable = False

    def __len__(self) -> int:
        return len(self.x)

    def subset(self, indices: np.ndarray) -> Dataset:
        """The samples at ``indices`` (e.g. one part of a train/validation/test split)."""
        return Dataset(self.x[indices], self.y[indices], self.task, self.n_classes)


def to_zero_one(y: np.ndarray) -> np.ndarray:
    """Map Playground labels +1/-1 to 1/0 (float64), the targets of sigmoid + cross-entropy."""
    return (np.asarray(y) > 0).astype(np.float64)


def _halves(n_samples: int) -> tuple[int, int]:
    """Sizes of the positive and the negative class; the positive one gets the odd sample."""
    return n_samples - n_samples // 2, n_samples // 2


def _plus_minus(n_positive: int, n_negative: int) -> np.ndarray:
    return np.concatenate([np.ones(n_positive), -np.ones(n_negative)])


def _circle(n_samples: int, noise: float, rng: np.random.Generator):
    n_inside, n_outside = _halves(n_samples)
    radius = np.concatenate([rng.uniform(0, 0.5 * _CIRCLE_RADIUS, n_inside),
                             rng.uniform(0.7 * _CIRCLE_RADIUS, _CIRCLE_RADIUS, n_outside)])
    angle = rng.uniform(0, 2 * np.pi, n_samples)
    x = np.column_stack([radius * np.sin(angle), radius * np.cos(angle)])
    probe = x + rng.uniform(-_CIRCLE_RADIUS, _CIRCLE_RADIUS, x.shape) * noise
    y = np.where(np.hypot(probe[:, 0], probe[:, 1]) < 0.5 * _CIRCLE_RADIUS, 1.0, -1.0)
    return x, y


def _xor(n_samples: int, noise: float, rng: np.random.Generator):
    x = rng.uniform(-_XOR_HALF_WIDTH, _XOR_HALF_WIDTH, (n_samples, 2))
    x += np.where(x > 0, _XOR_PADDING, -_XOR_PADDING)
    probe = x + rng.uniform(-_XOR_HALF_WIDTH, _XOR_HALF_WIDTH, x.shape) * noise
    y = np.where(probe[:, 0] * probe[:, 1] >= 0, 1.0, -1.0)
    return x, y


def _gaussian(n_samples: int, noise: float, rng: np.random.Generator):
    n_positive, n_negative = _halves(n_samples)
    # The Playground maps noise 0..0.5 linearly to a variance of 0.5..4.
    std = np.sqrt(0.5 + noise * (4.0 - 0.5) / MAX_NOISE)
    centres = np.repeat([[2.0, 2.0], [-2.0, -2.0]], [n_positive, n_negative], axis=0)
    x = centres + rng.normal(0.0, std, (n_samples, 2))
    return x, _plus_minus(n_positive, n_negative)


def _spiral_arms(counts: list[int], noise: float, rng: np.random.Generator):
    """``len(counts)`` interleaved arms, each winding 1.75 turns out to radius 5; arm k is
    rotated by 2πk/len(counts) and labelled k. Noise moves points by up to ±noise per axis."""
    points, labels = [], []
    for arm, count in enumerate(counts):
        progress = np.arange(count) / count
        radius = progress * _SPIRAL_RADIUS
        angle = _SPIRAL_TURNS * 2 * np.pi * progress + 2 * np.pi * arm / len(counts)
        points.append(np.column_stack([radius * np.sin(angle), radius * np.cos(angle)]))
        labels.append(np.full(count, arm, dtype=np.int64))
    x = np.concatenate(points)
    x += rng.uniform(-1, 1, x.shape) * noise
    return x, np.concatenate(labels)


def _spiral(n_samples: int, noise: float, rng: np.random.Generator):
    x, arm = _spiral_arms(list(_halves(n_samples)), noise, rng)
    return x, np.where(arm == 0, 1.0, -1.0)


def _multiclass_spiral(n_samples: int, noise: float, rng: np.random.Generator, *, n_classes: int):
    base, extra = divmod(n_samples, n_classes)
    return _spiral_arms([base + (arm < extra) for arm in range(n_classes)], noise, rng)


def _moons(n_samples: int, noise: float, rng: np.random.Generator):
    """Two interleaved half circles (upper +1, lower -1) centred on the origin and scaled by 3.
    Noise is Gaussian with standard deviation ``noise`` moon radii, as in scikit-learn's
    ``make_moons``."""
    n_upper, n_lower = _halves(n_samples)
    t = rng.uniform(0, np.pi, n_samples)
    upper = np.column_stack([np.cos(t[:n_upper]), np.sin(t[:n_upper])])
    lower = np.column_stack([1 - np.cos(t[n_upper:]), 0.5 - np.sin(t[n_upper:])])
    x = (np.concatenate([upper, lower]) - [0.5, 0.25]) * _MOON_SCALE
    x += rng.normal(0.0, noise * _MOON_SCALE, x.shape)
    return x, _plus_minus(n_upper, n_lower)


def _regression_points(n_samples: int, noise: float, rng: np.random.Generator):
    """Uniform points in [-6, 6]² and the displaced probes their targets are computed at."""
    half = _REGRESSION_HALF_WIDTH
    x = rng.uniform(-half, half, (n_samples, 2))
    return x, x + rng.uniform(-half, half, x.shape) * noise


def _plane(n_samples: int, noise: float, rng: np.random.Generator):
    x, probe = _regression_points(n_samples, noise, rng)
    return x, (probe[:, 0] + probe[:, 1]) / 10.0  # x + y in [-10, 10] scaled to [-1, 1]


def _multi_gaussian(n_samples: int, noise: float, rng: np.random.Generator):
    x, probe = _regression_points(n_samples, noise, rng)
    distance = np.hypot(probe[:, None, 0] - _BUMPS[:, 0], probe[:, None, 1] - _BUMPS[:, 1])
    heights = _BUMPS[:, 2] * np.clip(1 - distance / _BUMP_RADIUS, 0, 1)
    strongest = np.argmax(np.abs(heights), axis=1)
    return x, heights[np.arange(n_samples), strongest]


@dataclass(frozen=True)
class DatasetRecipe:
    """How to make one named data set: its generator and what kind of targets it produces."""

    generate: Callable[[int, float, np.random.Generator], tuple[np.ndarray, np.ndarray]]
    task: Task
    n_classes: int | None


def _multiclass_recipe(n_classes: int) -> DatasetRecipe:
    generate = functools.partial(_multiclass_spiral, n_classes=n_classes)
    return DatasetRecipe(generate, "multiclass", n_classes)


#: Every data set :func:`make_dataset` knows, by name.
DATASETS: Mapping[str, DatasetRecipe] = MappingProxyType({
    "circle": DatasetRecipe(_circle, "binary", 2),
    "xor": DatasetRecipe(_xor, "binary", 2),
    "gaussian": DatasetRecipe(_gaussian, "binary", 2),
    "spiral": DatasetRecipe(_spiral, "binary", 2),
    "moons": DatasetRecipe(_moons, "binary", 2),
    "spiral3": _multiclass_recipe(3),
    "spiral4": _multiclass_recipe(4),
    "spiral5": _multiclass_recipe(5),
    "plane": DatasetRecipe(_plane, "regression", None),
    "multi_gaussian": DatasetRecipe(_multi_gaussian, "regression", None),
})


def make_dataset(name: str, n_samples: int, noise: float, rng: np.random.Generator) -> Dataset:
    """Generate ``n_samples`` points of the data set ``name`` in shuffled order.

    ``noise`` is in [0, 0.5] (the Playground's percentage divided by 100). Classification sets
    need at least one sample per class; the classes are as balanced as ``n_samples`` allows.
    """
    recipe = DATASETS.get(name)
    if recipe is None:
        raise ValueError(f"unknown data set {name!r}; choose one of {', '.join(DATASETS)}")
    minimum = recipe.n_classes or 1
    if isinstance(n_samples, bool) or not isinstance(n_samples, (int, np.integer)) \
            or n_samples < minimum:
        raise ValueError(f"n_samples must be an integer >= {minimum} for {name!r}, "
                         f"got {n_samples!r}")
    if not isinstance(noise, numbers.Real) or not 0.0 <= noise <= MAX_NOISE:  # rejects NaN
        raise ValueError(f"noise must be between 0 and {MAX_NOISE} (the Playground's 0-50 % "
                         f"divided by 100), got {noise!r}")
    x, y = recipe.generate(int(n_samples), float(noise), rng)
    order = rng.permutation(len(x))
    return Dataset(x[order], y[order], recipe.task, recipe.n_classes)
