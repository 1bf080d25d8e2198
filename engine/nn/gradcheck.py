"""Gradient checking: compare backpropagation with central finite differences.

``check_gradients(model, loss, x, y)`` returns, for every parameter (and for the input, under
``"input"``), the relative error ‖analytic − numerical‖ / max(‖analytic‖, ‖numerical‖, floor).
How to read it (float64, eps = 1e-6):

* below 1e-6: the backward pass is right;
* 1e-6 to 1e-3: probably right, but a kink (ReLU at 0, a clipped loss) is near some input;
* above 1e-3: the backward pass is wrong for that array.

The floor (GRADIENT_FLOOR = 1e-3) makes gradients smaller than that compare in absolute terms:
central differences carry rounding noise of about 1e-10 per entry, so a parameter the loss
ignores (a bias followed by batch norm has a true gradient of exactly 0) would otherwise score
noise / noise ≈ 1 and look wrong.

Randomness: a dropout layer would draw a new mask for every perturbed forward pass and make the
differences meaningless. Every layer that draws random numbers keeps its generator in
``layer.rng``; the check rewinds those generators before each forward pass so all passes use the
same masks, and leaves them rewound afterwards. Batch norm may be checked in training mode: its
running statistics, which the extra passes move, are restored at the end.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np

from .layer import Layer
from .losses import Loss, get_loss
from .model import Sequential

#: Gradients with a smaller norm are compared in absolute terms (see the module docstring).
GRADIENT_FLOOR = 1e-3


def numerical_gradient(f: Callable[[np.ndarray], float], x: np.ndarray,
                       eps: float = 1e-6) -> np.ndarray:
    """d f / d x by central differences, (f(x + eps·e_i) − f(x − eps·e_i)) / (2·eps) per entry.

    ``x`` is perturbed *in place* (one entry at a time, restored exactly afterwards), so ``f`` may
    ignore its argument and read ``x`` through a model that owns it. Use float64: in float32 the
    differences drown in rounding error.
    """
    if not eps > 0:
        raise ValueError(f"eps must be > 0, got {eps}")
    grad = np.empty(x.shape, dtype=np.float64)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + eps
        plus = f(x)
        x[index] = original - eps
        minus = f(x)
        x[index] = original
        grad[index] = (plus - minus) / (2 * eps)
    return grad


def relative_error(analytic: np.ndarray, numerical: np.ndarray,
                   floor: float = GRADIENT_FLOOR) -> float:
    """‖a − n‖ / max(‖a‖, ‖n‖, floor)."""
    scale = max(np.linalg.norm(analytic), np.linalg.norm(numerical), floor)
    return float(np.linalg.norm(analytic - numerical) / scale)


def _generators(layers: Iterable[Layer]) -> list[np.random.Generator]:
    """The distinct ``rng`` generators of the layers, nested ones (Residual) included."""
    found: dict[int, np.random.Generator] = {}
    for layer in layers:
        rng = getattr(layer, "rng", None)
        if isinstance(rng, np.random.Generator):
            found[id(rng)] = rng
        for inner in _generators(getattr(layer, "layers", ())):
            found[id(inner)] = inner
    return list(found.values())


def _check_gradients_written_in_place(model: Sequential, before: dict[str, np.ndarray]) -> None:
    """The layer protocol says backward writes into ``grads``; a layer that stores new arrays
    instead would be invisible to the model's flat gradient, and its weights would never learn."""
    current = {name: layer.grads[key] for name, layer, key in model.named_arrays()}
    for name, array in before.items():
        if current[name] is not array:
            raise ValueError(f"{name}: the backward pass replaced the gradient array instead of "
                             "writing into it (write with out=... or grads[key][...] = ...)")


def check_gradients(model: Sequential | Layer, loss: Loss | str, x: np.ndarray, y: np.ndarray,
                    eps: float = 1e-6) -> dict[str, float]:
    """Relative error of every parameter's gradient (and of ``"input"``, dL/dx) for ``loss`` on
    the batch (x, y). ``model`` is a Sequential or a single layer; its parameters must be float64.

    Costs two forward passes per parameter entry: use small models and batches.
    """
    if isinstance(model, Layer):
        model = Sequential([model])
    if isinstance(loss, str):
        loss = get_loss(loss)
    for name, param in model.parameters().items():
        if param.dtype != np.float64:
            raise ValueError(f"gradient checking needs float64 parameters; {name} is {param.dtype}")
    x = np.array(x, dtype=np.float64)
    generators = _generators(model.layers)
    rng_states = [g.bit_generator.state for g in generators]
    saved = model.state_dict()

    def forward() -> np.ndarray:
        for generator, state in zip(generators, rng_states):
            generator.bit_generator.state = state
        return model.forward(x)

    def loss_value(_: np.ndarray) -> float:
        return loss.value(forward(), y)

    try:
        before = dict(model.gradients())
        input_grad = model.backward(loss.gradient(forward(), y))
        _check_gradients_written_in_place(model, before)
        analytic = {name: grad.copy() for name, grad in model.gradients().items()}
        errors = {
            name: relative_error(analytic[name], numerical_gradient(loss_value, param, eps))
            for name, param in model.parameters().items()
        }
        errors["input"] = relative_error(input_grad, numerical_gradient(loss_value, x, eps))
    finally:
        model.load_state_dict(saved)
        for generator, state in zip(generators, rng_states):
            generator.bit_generator.state = state
    return errors
