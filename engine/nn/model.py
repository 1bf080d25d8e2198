"""Sequential: a network as a list of layers, with the whole module protocol in one place."""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from .layer import Layer


class Sequential:
    """Layers applied in order. After a forward/backward pass, ``outputs[i]`` holds layer *i*'s
    activations and ``output_gradients[i]`` the gradient of the loss with respect to them, so any
    view can read what happened inside the network at the last step.

    The model keeps all its layers' parameters in one flat vector, ``flat_parameters``, and their
    gradients in another, ``flat_gradients``: every array of ``parameters()`` and ``gradients()``
    is a view into them, so an optimizer can update the whole network at once. Layers that
    already live in another model's storage (a block borrowed for layer-wise pretraining) stay
    where they are: such a model has no flat vectors (both are None) and is trained array by
    array, which gives the same numbers.
    """

    def __init__(self, layers: Iterable[Layer]) -> None:
        self.layers: list[Layer] = list(layers)
        for layer in self.layers:
            if not isinstance(layer, Layer):
                raise ValueError(f"Sequential takes Layer objects, got {type(layer).__name__}")
        self.training = True
        self.outputs: list[np.ndarray] = []
        self.output_gradients: list[np.ndarray] = []
        self.flat_parameters: np.ndarray | None = None
        self.flat_gradients: np.ndarray | None = None
        self._param_keys = [
            (f"{i}.{key}", layer, key) for i, layer in enumerate(self.layers) for key in layer.params
        ]
        if not any(layer.placed for layer in self.layers):
            self._place_in_flat_storage()
        self._params = {name: layer.params[key] for name, layer, key in self._param_keys}
        self._grads = {name: layer.grads[key] for name, layer, key in self._param_keys}

    def _place_in_flat_storage(self) -> None:
        arrays = [layer.params[key] for _, layer, key in self._param_keys]
        dtypes = {array.dtype for array in arrays}
        if len(dtypes) > 1:
            raise ValueError(f"all parameters of a model must share one dtype, got {sorted(map(str, dtypes))}")
        dtype = dtypes.pop() if dtypes else np.dtype(np.float64)
        total = sum(array.size for array in arrays)
        self.flat_parameters = np.empty(total, dtype=dtype)
        self.flat_gradients = np.zeros(total, dtype=dtype)
        start = 0
        for layer in self.layers:
            stop = start + layer.parameter_count()
            layer.place(self.flat_parameters[start:stop], self.flat_gradients[start:stop])
            start = stop

    def forward(self, x: np.ndarray) -> np.ndarray:
        outputs = []
        for layer in self.layers:
            x = layer.forward(x)
            outputs.append(x)
        self.outputs = outputs
        return x

    __call__ = forward

    def backward(self, grad: np.ndarray, input_gradient: bool = True) -> np.ndarray | None:
        """Backpropagate dL/d(output); fills every layer's ``grads`` and returns dL/d(input),
        or None with ``input_gradient=False`` (training, which skips the first layer's share)."""
        grads = [grad]
        for layer in reversed(self.layers[1:]):
            grad = layer.backward(grad)
            grads.append(grad)
        self.output_gradients = grads[::-1]
        if not self.layers:
            return grad if input_gradient else None
        if input_gradient:
            return self.layers[0].backward(grad)
        self.layers[0].backward_parameters(grad)
        return None

    def parameters(self) -> dict[str, np.ndarray]:
        """Every learnable array by name (``"<layer index>.<key>"``); the arrays themselves,
        so updating them in place updates the network."""
        return self._params

    def gradients(self) -> dict[str, np.ndarray]:
        """The gradients from the last backward pass, under the same names as ``parameters``
        (the arrays themselves, which each backward pass overwrites)."""
        return self._grads

    def parameters_finite(self) -> bool:
        """True when no parameter is NaN or infinite (one check over the flat vector)."""
        if self.flat_parameters is not None:
            return bool(np.isfinite(self.flat_parameters).all())
        return all(np.isfinite(p).all() for p in self._params.values())

    def optimizer_arrays(self) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
        """What an optimizer should update, as (parameters, gradients) for ``optimizer.step``:
        the two flat vectors under one name when the model has them (two NumPy calls a step for
        plain SGD), else every array by name. Optimizers are elementwise, so both give the same
        numbers; keep to one for a whole run, as the optimizer's state is kept per name."""
        if self.flat_parameters is not None:
            return {"parameters": self.flat_parameters}, {"parameters": self.flat_gradients}
        return self._params, self._grads

    def named_arrays(self) -> list[tuple[str, Layer, str]]:
        """(name, layer, key) for every parameter: ``layer.params[key]`` is ``parameters()[name]``."""
        return list(self._param_keys)

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
