"""Backpropagation written out node by node for the classic small network: 2 inputs, hidden
layers of 3 and 2 units, 1 output, no biases, loss L = ½(y − ŷ)².

The lab shows the textbook's column-vector notation::

    S¹ = W¹X    Z¹ = f(S¹)    S² = W²Z¹    Z² = f(S²)    ŷ = W³Z²    L = ½(y − ŷ)²

with W¹ of shape 3×2, W² 2×3 and W³ 1×2. With a linear f the S nodes equal the Z nodes and
are left out, which gives the familiar ∂L/∂W³ = ∂L/∂ŷ · (Z²)ᵀ. Every number comes from the
engine: the network is a :class:`~engine.nn.model.Sequential` of Dense layers (biases held at 0;
the engine stores W as n_in × n_out, the transpose of the textbook's matrix), the loss is half the
engine's MSE, and the update is a step of the engine's SGD. The walk-through only arranges these
numbers into the chain-rule products a student writes down, each a binary operation whose result
the engine's backward pass produced.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial

import numpy as np

from .frozen import read_only_copy
from .nn.activations import get_activation
from .nn.layers import Activation, Dense
from .nn.losses import get_loss
from .nn.model import Sequential
from .nn.registry import check_finite
from .optim.optimizers import SGD

#: Units per layer: input, two hidden layers, output.
LAYER_SIZES = (2, 3, 2, 1)
#: Textbook shapes (rows = units of the layer, columns = units feeding it).
WEIGHT_SHAPES = {"W1": (3, 2), "W2": (2, 3), "W3": (1, 2)}
#: The activations the walk-through offers (registry names); the output unit is always linear.
BACKPROP_ACTIVATIONS = ("linear", "sigmoid", "tanh", "relu", "leaky_relu", "elu")

#: How each node and gradient is written. Keys are the names used in ``Walkthrough.values``.
SYMBOLS = {
    "X": "X", "W1": "W¹", "S1": "S¹", "Z1": "Z¹", "W2": "W²", "S2": "S²", "Z2": "Z²",
    "W3": "W³", "yhat": "ŷ", "y": "y", "L": "L",
}


def _frozen(values, shape: tuple[int, ...], name: str) -> np.ndarray:
    array = np.array(values, dtype=np.float64)
    if array.shape != shape:
        raise ValueError(f"{name} must have shape {shape}, got {array.shape}")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must hold finite numbers, got {array.tolist()}")
    array.flags.writeable = False
    return array


@dataclass(frozen=True)
class TinyNetwork:
    """What the user edits: the input X (2 numbers), the target y, the three weight matrices in
    textbook orientation, and the hidden activation."""

    x: np.ndarray
    target: float
    weights: Mapping[str, np.ndarray]
    activation: str = "linear"

    def __post_init__(self) -> None:
        object.__setattr__(self, "x", _frozen(self.x, (LAYER_SIZES[0],), "X"))
        object.__setattr__(self, "target", check_finite("target y", self.target))
        if set(self.weights) != set(WEIGHT_SHAPES):
            raise ValueError(f"weights must be exactly {', '.join(WEIGHT_SHAPES)}, "
                             f"got {', '.join(sorted(self.weights))}")
        object.__setattr__(self, "weights", {name: _frozen(self.weights[name], shape, name)
                                             for name, shape in WEIGHT_SHAPES.items()})
        if self.activation not in BACKPROP_ACTIVATIONS:
            raise ValueError(f"unknown activation {self.activation!r}; choose one of "
                             f"{', '.join(BACKPROP_ACTIVATIONS)}")

    def with_weights(self, weights: Mapping[str, np.ndarray]) -> TinyNetwork:
        return TinyNetwork(self.x, self.target, weights, self.activation)


def example_network(activation: str = "linear") -> TinyNetwork:
    """The lab's starting numbers: small, readable, and not already at the target."""
    return TinyNetwork(
        x=[1.0, 0.5],
        target=1.0,
        weights={
            "W1": [[0.5, -0.3], [0.2, 0.4], [-0.1, 0.6]],
            "W2": [[0.3, -0.2, 0.5], [0.1, 0.4, -0.3]],
            "W3": [[0.7, -0.5]],
        },
        activation=activation,
    )


@dataclass(frozen=True)
class Factor:
    """One operand of a chain-rule product: how it is written and its value."""

    symbol: str
    value: np.ndarray


@dataclass(frozen=True)
class BackwardStep:
    """One node of the backward walk: ``symbol = left operator right``.

    ``operator`` is "·" (matrix product), "⊙" (elementwise product) or "−" (difference);
    ``node`` is the graph node the gradient belongs to (a key of :data:`SYMBOLS`).
    """

    node: str
    symbol: str
    left: Factor
    operator: str
    right: Factor
    value: np.ndarray

    @property
    def formula(self) -> str:
        return f"{self.symbol} = {self.left.symbol} {self.operator} {self.right.symbol}"


@dataclass(frozen=True)
class Walkthrough:
    """The forward values, the loss and the backward steps for one :class:`TinyNetwork`.

    ``values`` holds X, S1, Z1, S2, Z2 and yhat as column vectors (S1/S2 only with a nonlinear
    activation); ``gradients`` holds ∂L/∂W for W1, W2 and W3 in textbook orientation.
    """

    network: TinyNetwork
    values: Mapping[str, np.ndarray]
    loss: float
    steps: tuple[BackwardStep, ...]
    gradients: Mapping[str, np.ndarray]

    @property
    def linear(self) -> bool:
        return self.network.activation == "linear"


_read_only = partial(read_only_copy, dtype=np.float64)  # what this module's snapshots hold


def _column(row: np.ndarray) -> np.ndarray:
    """The engine's (1, n) batch row as the textbook's (n, 1) column, read-only."""
    return _read_only(np.reshape(row, (-1, 1)))


def build_model(network: TinyNetwork) -> Sequential:
    """The engine network: Dense(2→3), f, Dense(3→2), f, Dense(2→1), with zero biases."""
    rng = np.random.default_rng(0)  # only fills W before it is overwritten
    layers = []
    for index, name in enumerate(WEIGHT_SHAPES):
        dense = Dense(LAYER_SIZES[index], LAYER_SIZES[index + 1], rng)
        dense.W[...] = network.weights[name].T
        layers.append(dense)
        if name != "W3":
            layers.append(Activation(network.activation))
    return Sequential(layers)


_HALF_MSE = 0.5  # ½(y − ŷ)² is half the engine's mean squared error for one output


def walk_through(network: TinyNetwork) -> Walkthrough:
    """Run the engine's forward and backward pass and arrange every number for the lab."""
    model = build_model(network)
    mse = get_loss("mse")
    x = network.x.reshape(1, -1)
    target = np.array([[network.target]])
    prediction = model.forward(x)
    loss = _HALF_MSE * mse.value(prediction, target)
    model.backward(_HALF_MSE * mse.gradient(prediction, target))

    outputs = [_column(o) for o in model.outputs]
    output_grads = [_column(g) for g in model.output_gradients]
    values = {"X": _column(x)}
    grads: dict[str, np.ndarray] = {}
    for position, name in enumerate(("S1", "Z1", "S2", "Z2", "yhat")):
        values[name] = outputs[position]
        grads[name] = output_grads[position]
    weight_grads = {name: _read_only(model.layers[index].grads["W"].T)
                    for name, index in (("W1", 0), ("W2", 2), ("W3", 4))}
    grads.update(weight_grads)

    linear = network.activation == "linear"
    slope_of = get_activation(network.activation).derivative

    def gradient(name: str) -> Factor:
        return Factor(f"∂L/∂{SYMBOLS[name]}", grads[name])

    def transposed(array: np.ndarray, name: str) -> Factor:
        symbol = SYMBOLS[name]
        return Factor(f"({symbol})ᵀ" if len(symbol) > 1 else f"{symbol}ᵀ", _read_only(array.T))

    def slope(name: str) -> Factor:
        return Factor(f"f′({SYMBOLS[name]})", _read_only(slope_of(values[name])))

    steps = [BackwardStep("yhat", "∂L/∂ŷ", Factor("ŷ", values["yhat"]), "−",
                          Factor("y", _read_only([[network.target]])), grads["yhat"])]
    # From the output down: the gradient reaching a layer's output (``upstream``) gives the
    # gradient of the weights feeding it, then of the layer below's output Z, then (through f′)
    # of that layer's weighted sum S, which is the next layer's upstream.
    upstream = "yhat"
    for w, below, below_sum in (("W3", "Z2", "S2"), ("W2", "Z1", "S1"), ("W1", "X", None)):
        steps.append(BackwardStep(w, f"∂L/∂{SYMBOLS[w]}", gradient(upstream), "·",
                                  transposed(values[below], below), grads[w]))
        if below_sum is None:
            break
        steps.append(BackwardStep(below, f"∂L/∂{SYMBOLS[below]}", transposed(network.weights[w], w),
                                  "·", gradient(upstream), grads[below]))
        upstream = below
        if not linear:
            steps.append(BackwardStep(below_sum, f"∂L/∂{SYMBOLS[below_sum]}", gradient(below), "⊙",
                                      slope(below_sum), grads[below_sum]))
            upstream = below_sum
    if linear:  # S = Z: the weighted sums add nothing to the picture
        values = {k: v for k, v in values.items() if k not in ("S1", "S2")}
    return Walkthrough(network, values, float(loss), tuple(steps), weight_grads)


def gradient_descent_update(walkthrough: Walkthrough, learning_rate: float) -> TinyNetwork:
    """W ← W − α·∂L/∂W for the three weight matrices, by one step of the engine's SGD."""
    alpha = check_finite("learning rate α", learning_rate, minimum=0)
    network = walkthrough.network
    params = {name: np.array(w) for name, w in network.weights.items()}
    SGD(lr=alpha).step(params, {name: np.array(g) for name, g in walkthrough.gradients.items()})
    return network.with_weights(params)
