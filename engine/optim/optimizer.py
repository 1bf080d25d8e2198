"""The optimizer protocol: per-parameter state, updates in place.

Every first-order optimizer follows the update rule that ``torch.optim`` documents for the class
of the same name, so that a trajectory can be checked step by step against PyTorch.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping

import numpy as np

from .validation import check_range


class Optimizer(ABC):
    """Updates named parameter arrays in place from gradients with the same names.

    State (velocities, squared-gradient averages, ...) is created lazily per parameter name, so
    the same optimizer works for a network (names like ``"0.W"``) or a point on a 2-D surface.
    Optimizers that count steps keep the count per parameter, as an int under ``"step"``.
    """

    def __init__(self, lr: float) -> None:
        self.lr = lr
        self.state: dict[str, dict[str, np.ndarray | int]] = {}
        self.step_count = 0

    @property
    def lr(self) -> float:
        return self._lr

    @lr.setter
    def lr(self, value: float) -> None:
        self._lr = check_range("learning rate", value, 0.0, low_open=True)

    def step(self, params: Mapping[str, np.ndarray], grads: Mapping[str, np.ndarray]) -> None:
        """Apply one update to every array in ``params`` (in place)."""
        self.step_count += 1
        for name, param in params.items():
            self.update(name, param, grads[name], self.state.setdefault(name, {}))

    def reset(self) -> None:
        """Forget all accumulated state, as if freshly created."""
        self.state.clear()
        self.step_count = 0

    @abstractmethod
    def update(self, name: str, param: np.ndarray, grad: np.ndarray, state: dict) -> None:
        """Update one parameter in place; ``state`` is this parameter's own dict."""
