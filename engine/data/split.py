"""Train / validation / test splits and the standardizer that must only ever see the training part.

Fitting the standardizer on all data leaks the test set's statistics into training, the classic
mistake this module is shaped to prevent: ``Standardizer.fit`` is meant to be called with the
training part, and the resulting object then transforms every part the same way.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

_PART_NAMES = ("train", "validation", "test")


@dataclass(frozen=True)
class Split:
    """Disjoint int64 index arrays into the data set, each in random order."""

    train: np.ndarray
    validation: np.ndarray
    test: np.ndarray


def _check_ratios(ratios: Sequence[float]) -> np.ndarray:
    ratios = np.asarray(ratios, dtype=np.float64)
    if ratios.shape != (3,) or not np.all(np.isfinite(ratios)) or np.any(ratios < 0):
        raise ValueError(f"ratios must be three non-negative numbers (train, validation, test), "
                         f"got {ratios.tolist()}")
    if ratios[0] == 0 or not np.isclose(ratios.sum(), 1.0, rtol=0, atol=1e-9):
        raise ValueError(f"ratios must sum to 1 with a positive training share, "
                         f"got {ratios.tolist()}")
    return ratios


def _part_sizes(n: int, ratios: np.ndarray) -> np.ndarray:
    """Split ``n`` into three counts proportional to ``ratios`` that add up to exactly ``n``
    (largest-remainder rounding)."""
    exact = n * ratios
    sizes = np.floor(exact).astype(np.int64)
    by_remainder = np.argsort(-(exact - sizes), kind="stable")
    sizes[by_remainder[: n - sizes.sum()]] += 1
    return sizes


def split_indices(n_samples: int, ratios: Sequence[float], rng: np.random.Generator,
                  labels: np.ndarray | None = None) -> Split:
    """Shuffle ``range(n_samples)`` and cut it into train, validation and test parts.

    ``ratios`` = (train, validation, test) shares summing to 1; validation or test may be 0.
    With ``labels`` the split is stratified: each class is cut in the same ratios, so every part
    keeps the class balance (each part's size may then differ from the unstratified one by up to
    one sample per class).
    """
    ratios = _check_ratios(ratios)
    if isinstance(n_samples, bool) or not isinstance(n_samples, (int, np.integer)) \
            or n_samples < 1:
        raise ValueError(f"n_samples must be a positive integer, got {n_samples!r}")
    if labels is None:
        groups = [rng.permutation(n_samples)]
    else:
        labels = np.asarray(labels)
        if labels.shape != (n_samples,):
            raise ValueError(f"labels must have shape ({n_samples},) to stratify "
                             f"{n_samples} samples, got {labels.shape}")
        groups = [rng.permutation(np.flatnonzero(labels == value)) for value in np.unique(labels)]
    parts: list[list[np.ndarray]] = [[], [], []]
    for group in groups:
        bounds = np.cumsum(_part_sizes(len(group), ratios))
        for part, piece in zip(parts, np.split(group, bounds[:-1])):
            part.append(piece)
    result = [rng.permutation(np.concatenate(part)).astype(np.int64) for part in parts]
    for name, ratio, indices in zip(_PART_NAMES, ratios, result):
        if ratio > 0 and len(indices) == 0:
            raise ValueError(f"{n_samples} samples are too few to give the {name} part "
                             f"(ratio {ratio}) any sample; use more samples or a ratio of 0")
    return Split(*result)


@dataclass(frozen=True)
class Standardizer:
    """Shift and scale every feature to mean 0 and standard deviation 1 *on the training data*.

    Statistics are taken over the first axis, so ``x`` may be (n, features), (n,) targets, or
    (n, height, width) images (per pixel). A column that is constant in the training data has no
    scale to divide by: its ``std`` is stored as 1, so it is only centred and maps to 0 — the
    column carries no information, and dividing by ~0 would blow up any new value in it.
    """

    mean: np.ndarray
    std: np.ndarray

    @classmethod
    def fit(cls, train_x: np.ndarray) -> Standardizer:
        train_x = np.asarray(train_x, dtype=np.float64)
        if train_x.ndim == 0 or len(train_x) == 0:
            raise ValueError(f"fit needs at least one sample, got shape {train_x.shape}")
        mean = np.asarray(train_x.mean(axis=0))  # an array even for 1-D data
        std = train_x.std(axis=0)
        constant = std <= 1e-12 * (1.0 + np.abs(mean))
        std = np.where(constant, 1.0, std)
        mean.flags.writeable = False
        std.flags.writeable = False
        return cls(mean, std)

    def _cast(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``x`` as a float array (float32 stays float32) with the statistics in its dtype."""
        x = np.asarray(x)
        if not np.issubdtype(x.dtype, np.floating):
            x = x.astype(np.float64)
        if x.shape[1:] != self.mean.shape:
            raise ValueError(f"expected samples of shape {self.mean.shape} (as fitted), "
                             f"got data of shape {x.shape}")
        return x, self.mean.astype(x.dtype), self.std.astype(x.dtype)

    def transform(self, x: np.ndarray) -> np.ndarray:
        x, mean, std = self._cast(x)
        return (x - mean) / std

    def inverse_transform(self, z: np.ndarray) -> np.ndarray:
        z, mean, std = self._cast(z)
        return z * std + mean
