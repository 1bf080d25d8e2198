"""Build a multilayer perceptron from a list of layer widths.

``mlp([2, 4, 2, 1])`` is TensorFlow Playground's default network: 2 inputs, hidden layers of 4
and 2 units, 1 output. Each hidden layer is the block

    Dense → [BatchNorm] → Activation → [Dropout]

(batch norm before the nonlinearity, as in the original paper). The output layer is a Dense
followed by ``output_activation``; a linear output adds no layer, so a classifier's output is its
logits, which the cross-entropy losses expect.

Sizes are bounded (MAX_HIDDEN_LAYERS, MAX_UNITS) so that a typo in the UI cannot ask for a network
that would exhaust the memory of a classroom laptop.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .activations import ActivationFunction
from .layer import Layer
from .layers import Activation, BatchNorm, Dense, Dropout, Residual, check_count
from .model import Sequential

#: At most this many hidden layers.
MAX_HIDDEN_LAYERS = 64
#: At most this many units in any layer, input and output included.
MAX_UNITS = 4096

ActivationSpec = str | ActivationFunction


def _check_sizes(sizes: Sequence[int]) -> list[int]:
    if isinstance(sizes, (str, bytes)) or not isinstance(sizes, Sequence) or len(sizes) < 2:
        raise ValueError(f"sizes must list at least the input and output widths, e.g. [2, 4, 1]; "
                         f"got {sizes!r}")
    widths = [check_count(f"layer width sizes[{i}]", n) for i, n in enumerate(sizes)]
    if len(widths) - 2 > MAX_HIDDEN_LAYERS:
        raise ValueError(f"at most {MAX_HIDDEN_LAYERS} hidden layers are allowed, got {len(widths) - 2}")
    too_wide = [n for n in widths if n > MAX_UNITS]
    if too_wide:
        raise ValueError(f"at most {MAX_UNITS} units per layer are allowed, got {too_wide[0]}")
    return widths


def _hidden_activations(activation: ActivationSpec | Sequence[ActivationSpec],
                        hidden: int) -> list[ActivationSpec]:
    if isinstance(activation, (str, ActivationFunction)):
        return [activation] * hidden
    activations = list(activation)
    if len(activations) != hidden:
        raise ValueError(f"got {len(activations)} activations for {hidden} hidden layers; give one "
                         "name for all or one per hidden layer")
    return activations


def mlp(sizes: Sequence[int],
        activation: ActivationSpec | Sequence[ActivationSpec] = "tanh",
        output_activation: ActivationSpec = "linear",
        init: str = "xavier_uniform",
        bias_init: str = "zeros",
        batch_norm: bool = False,
        dropout: float = 0.0,
        residual: bool = False,
        *,
        rng: np.random.Generator | int,
        dtype: np.dtype | type = np.float64) -> Sequential:
    """A fully connected network with widths ``sizes = [n_in, hidden..., n_out]``.

    ``activation`` is one activation (name or object) for every hidden layer or a list with one
    per hidden layer. ``init`` / ``bias_init`` name the initializers of every Dense layer.
    ``dropout`` > 0 adds a Dropout(p=dropout) after each hidden activation. ``residual=True``
    wraps each hidden block whose input and output widths are equal in a skip connection
    x + F(x) (never the first block, which reads the raw features); ValueError if there is none.
    ``rng`` is a Generator or an int seed; it draws the weights and the dropout masks.
    """
    widths = _check_sizes(sizes)
    hidden = len(widths) - 2
    activations = _hidden_activations(activation, hidden)
    if isinstance(rng, (int, np.integer)) and not isinstance(rng, bool):
        rng = np.random.default_rng(rng)
    if not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng must be a numpy Generator or an int seed, got {rng!r}")

    layers: list[Layer] = []
    residual_blocks = 0
    for i, (n_prev, n_units, act) in enumerate(zip(widths[:-2], widths[1:-1], activations)):
        block: list[Layer] = [Dense(n_prev, n_units, rng, init, bias_init, dtype)]
        if batch_norm:
            block.append(BatchNorm(n_units, dtype=dtype))
        block.append(Activation(act))
        if dropout != 0:
            block.append(Dropout(dropout, rng))
        if residual and i > 0 and n_prev == n_units:
            layers.append(Residual(block))
            residual_blocks += 1
        else:
            layers.extend(block)
    if residual and residual_blocks == 0:
        raise ValueError("residual=True needs two consecutive hidden layers of the same width "
                         f"(a block x + F(x) cannot change the width); got sizes {widths}")

    layers.append(Dense(widths[-2], widths[-1], rng, init, bias_init, dtype))
    output = Activation(output_activation)
    if output.function.name != "linear":
        layers.append(output)
    return Sequential(layers)
