"""The layer protocol every building block of a network follows.

A layer keeps its learnable arrays in ``params`` and, after ``backward``, the gradient of the loss
with respect to each of them in ``grads`` under the same key (the numpy-ml convention). Optimizers
update ``params`` *in place*, and ``backward`` writes into ``grads`` in place, so both keep their
identity. That lets a model keep every parameter (and every gradient) of its layers in one flat
array (:meth:`Layer.place`): an optimizer then updates the whole network in two NumPy calls
instead of two per array, which is most of a small network's step.
"""
from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np


class Layer(ABC):
    """One differentiable step: ``forward`` caches what ``backward`` needs."""

    #: Names of the params that L1/L2 regularization applies to by default (weights, not biases).
    regularized: tuple[str, ...] = ()

    def __init__(self) -> None:
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}
        #: Non-learnable state that belongs to the weights (batch norm's running statistics).
        self.buffers: dict[str, np.ndarray] = {}
        self.training = True
        #: True once :meth:`place` has moved the arrays into a model's flat storage.
        self.placed = False

    @abstractmethod
    def forward(self, x: np.ndarray) -> np.ndarray:
        """Compute the output for a batch ``x`` (first axis is the batch)."""

    @abstractmethod
    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        """Given dL/d(output), fill ``self.grads`` and return dL/d(input)."""

    def backward_parameters(self, grad_output: np.ndarray) -> None:
        """Fill ``self.grads`` only, for the first layer of a network, whose input gradient
        training never reads. Layers that can skip work for it override this."""
        self.backward(grad_output)

    def parameter_count(self) -> int:
        return sum(array.size for array in self.params.values())

    def place(self, parameters: np.ndarray, gradients: np.ndarray) -> None:
        """Keep the parameters and their gradients in these two flat segments from now on
        (``parameter_count()`` long each: slices of a model's flat vectors), every array in the
        order of ``params``. The current values are copied in."""
        for mine, segment in ((self.params, parameters), (self.grads, gradients)):
            start = 0
            for key, array in mine.items():
                view = segment[start:start + array.size].reshape(array.shape)
                view[...] = array
                mine[key] = view
                start += array.size
        self.placed = True

    def train(self, mode: bool = True) -> None:
        """Switch between training behaviour (dropout on, batch statistics) and evaluation."""
        self.training = mode

    def __repr__(self) -> str:
        shapes = ", ".join(f"{k}{tuple(v.shape)}" for k, v in self.params.items())
        return f"{type(self).__name__}({shapes})"
