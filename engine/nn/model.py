"""Sequential: a network as a list of layers, with the whole module protocol in one place."""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from .layer import Layer


class Sequential:
    """Layers applied in order. After a forward/backward pass, ``outputs[i]`` holds layer *i*'s
    activations and ``output_gradients[i]`` the gradient of the loss with respect to them, so any
    view can read what happened inside the network at the last step.
    """

    def __init__(self, layers: Iterable[Layer]) -> None:
        self.layers: list[Layer] = list(layers)
        for layer in self.layers:
            if not isinstance(layer, Layer):
                raise ValueError(f"Sequential takes Layer objects, got {type(layer).__name__}")
        self.training = True
        self.outputs: list[np.ndarray] = []
        self.output_gradients: list[np.ndarray] = []
        self._param_keys = [
            (f"{i}.{key}", layer, key) for i, layer in enumerate(self.layers) for key in layer.params
        ]
        self._params = {name: layer.params[key] for name, layer, key in self._param_keys}

    def forward(self, x: np.ndarray) -> np.ndarray:
        outputs = []
        for layer in self.layers:
            x = layer.forward(x)
            outputs.append(x)
        self.outputs = outputs
        return x

    __call__ = forward

    def backward(self, grad: np.ndarray) -> np.ndarray:
        """Backpropagate dL/d(output); returns dL/d(input) and fills every layer's ``grads``."""
        grads = [grad]
        for layer in reversed(self.layers[1:]):
            grad = layer.backward(grad)
            grads.append(grad)
        grad = self.layers[0].backward(grad) if self.layers else grad
        self.output_gradients = grads[::-1]
        return grad

    def parameters(self) -> dict[str, np.ndarray]:
        """Every learnable array by name (``"<layer index>.<key>"``); the arrays themselves,
        so updating them in place updates the network."""
        return self._params

    def gradients(self) -> dict[str, np.ndarray]:
        """The gradients from the last backward pass, under the same names as ``parameters``."""
        return {name: layer.grads[key] for name, layer, key in self._param_keys}

    def regularized(self) -> dict[str, np.ndarray]:
        """The parameters that L1/L2 penalties apply to by default (weights, not biases)."""
        return {
            f"{i}.{key}": layer.params[key]
            for i, layer in enumerate(self.layers)
            for key in layer.regularized
        }

    def train(self, mode: bool = True) -> None:
        """Training behaviour (dropout on, batch statistics) or, with False, evaluation."""
        self.training = mode
        for layer in self.layers:
            layer.train(mode)

    def eval(self) -> None:
        self.train(False)

    def _state_arrays(self) -> dict[str, np.ndarray]:
        buffers = {
            f"{i}.{key}": value
            for i, layer in enumerate(self.layers)
            for key, value in layer.buffers.items()
        }
        return {**self._params, **buffers}

    def state_dict(self) -> dict[str, np.ndarray]:
        """A copy of every parameter and buffer, e.g. to restore the best or the initial weights."""
        return {name: value.copy() for name, value in self._state_arrays().items()}

    def load_state_dict(self, state: dict[str, np.ndarray]) -> None:
        current = self._state_arrays()
        if state.keys() != current.keys():
            raise ValueError(f"state has arrays {sorted(state)}, the model has {sorted(current)}")
        for name, value in state.items():
            target = current[name]
            if value.shape != target.shape:
                raise ValueError(f"{name}: shape {value.shape} does not match {target.shape}")
            target[...] = value

    def parameter_count(self) -> int:
        return sum(p.size for p in self._params.values())

    def __repr__(self) -> str:
        inner = ",\n  ".join(repr(layer) for layer in self.layers)
        return f"Sequential(\n  {inner}\n)"
