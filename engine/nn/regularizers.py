"""L1 and L2 weight penalties: a price on large weights, added to the loss and its gradient.

Conventions (λ = ``lam``, m = the ``m`` argument):

* L2: penalty λ/(2m)·Σw²,  gradient λ/m·w  (the "weight decay" of the textbook);
* L1: penalty λ/m·Σ|w|,    gradient λ/m·sign(w)  (pushes weights to exactly zero: sparsity).

With m = the number of training examples this is the course's formula, where the penalty is
spread over the examples like the data loss. With m = 1 it is TensorFlow Playground's convention
(penalty λ·½w² or λ·|w| per weight, the rate applied directly). Playground's L1 also snaps a weight
that crosses zero to exactly zero; that is part of its update step, not of the penalty, and is
not done here.

Which arrays are penalized is the caller's choice: ``model.regularized()`` gives the weights only
(biases excluded, the usual practice), ``model.parameters()`` gives every parameter, biases,
batch-norm scales and PReLU slopes included.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, MutableMapping

import numpy as np

from .registry import check_finite, create


def _check_m(m: int) -> None:
    if m < 1:
        raise ValueError(f"m (the number of training examples) must be at least 1, got {m}")


class Regularizer(ABC):
    """A penalty on named weight arrays, with strength ``lam`` (λ ≥ 0)."""

    name: str = ""

    def __init__(self, lam: float) -> None:
        self.lam = check_finite("lam (the regularization strength λ)", lam, minimum=0, strict=False)

    def penalty(self, weights: Mapping[str, np.ndarray], m: int = 1) -> float:
        """The term added to the loss."""
        _check_m(m)
        return self.lam / m * sum(self._total(w) for w in weights.values())

    def add_gradient(self, weights: Mapping[str, np.ndarray],
                     grads: MutableMapping[str, np.ndarray], m: int = 1) -> None:
        """Add the penalty's gradient into ``grads[name]`` (in place) for every name in ``weights``."""
        _check_m(m)
        rate = self.lam / m
        for name, w in weights.items():
            grads[name] += rate * self._slope(w)

    @abstractmethod
    def _total(self, w: np.ndarray) -> float:
        """Σ over one array of the per-weight penalty, before the λ/m factor."""

    @abstractmethod
    def _slope(self, w: np.ndarray) -> np.ndarray:
        """The derivative of the per-weight penalty, before the λ/m factor."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}(lam={self.lam})"


class L1(Regularizer):
    """L1 (lasso): λ/m·Σ|w|, gradient λ/m·sign(w) (0 at w = 0)."""

    name = "l1"

    def _total(self, w: np.ndarray) -> float:
        return float(np.abs(w).sum())

    def _slope(self, w: np.ndarray) -> np.ndarray:
        return np.sign(w)


class L2(Regularizer):
    """L2 (ridge, weight decay): λ/(2m)·Σw², gradient λ/m·w."""

    name = "l2"

    def _total(self, w: np.ndarray) -> float:
        return 0.5 * float(np.vdot(w, w))

    def _slope(self, w: np.ndarray) -> np.ndarray:
        return w


REGULARIZERS: dict[str, type[Regularizer]] = {cls.name: cls for cls in (L1, L2)}


def get_regularizer(name: str, lam: float) -> Regularizer:
    """``get_regularizer("l2", 0.01)`` is ``L2(0.01)``."""
    return create("regularizer", REGULARIZERS, name, {"lam": lam})
