"""Activation functions: each knows its value, its derivative and how to backpropagate.

An activation is an object with ``value(x)`` and ``derivative(x)`` (the elementwise f'(x), what the
Functions lab plots) and ``backprop(x, y, grad)`` (dL/dx from dL/dy, what the Activation layer
calls). ``backprop`` defaults to ``grad · f'(x)``; sigmoid and tanh override it with the cheaper
form in terms of the output y, and softmax, which mixes a row's entries, with its Jacobian product.

Every formula here is evaluated without overflow or warnings for inputs as large as |x| = 1000,
and keeps the input's floating dtype (float32 stays float32).
"""
from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np

from .registry import check_finite, create


def sigmoid(x: np.ndarray) -> np.ndarray:
    """σ(x) = 1 / (1 + e^(−x)), from e^(−|x|) so no exponential overflows: 1/(1 + e^(−x)) for
    x ≥ 0 and e^x/(1 + e^x) below, each exact to rounding (5× faster than a log-sum-exp form)."""
    e = np.exp(-np.abs(x))
    r = 1.0 / (1.0 + e)
    return np.where(x >= 0, r, e * r)


def softmax(x: np.ndarray) -> np.ndarray:
    """Softmax along the last axis; the row maximum is subtracted first so exp never overflows."""
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    e /= e.sum(axis=-1, keepdims=True)
    return e


def log_softmax(x: np.ndarray) -> np.ndarray:
    """log softmax(x) along the last axis (the log-sum-exp trick, exact for any |x|)."""
    shifted = x - x.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


class ActivationFunction(ABC):
    """An elementwise nonlinearity f with its derivative f'."""

    #: The registry name (also what the UI and presets store).
    name: str = ""

    @abstractmethod
    def value(self, x: np.ndarray) -> np.ndarray:
        """f(x)."""

    @abstractmethod
    def derivative(self, x: np.ndarray) -> np.ndarray:
        """f'(x), elementwise."""

    def backprop(self, x: np.ndarray, y: np.ndarray, grad_output: np.ndarray) -> np.ndarray:
        """dL/dx given dL/dy, the input ``x`` and the output ``y = f(x)`` of the forward pass."""
        return grad_output * self.derivative(x)

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class Linear(ActivationFunction):
    """Linear (identity): f(x) = x;  f'(x) = 1."""

    name = "linear"

    def value(self, x: np.ndarray) -> np.ndarray:
        return x

    def derivative(self, x: np.ndarray) -> np.ndarray:
        return np.ones_like(x)

    def backprop(self, x: np.ndarray, y: np.ndarray, grad_output: np.ndarray) -> np.ndarray:
        return grad_output


class Step(ActivationFunction):
    """Step (Heaviside, the perceptron's): f(x) = 1 if x ≥ 0 else 0;  f'(x) = 0.

    The slope is 0 wherever it exists, and we return 0 at x = 0 too, so a network of step units
    gets no gradient at all and never learns by gradient descent. That is the lesson, not a bug:
    it is why smooth activations replaced the step.
    """

    name = "step"

    def value(self, x: np.ndarray) -> np.ndarray:
        return (x >= 0).astype(x.dtype)

    def derivative(self, x: np.ndarray) -> np.ndarray:
        return np.zeros_like(x)


class Sigmoid(ActivationFunction):
    """Sigmoid (logistic): σ(x) = 1 / (1 + e^(−x));  σ'(x) = σ(x)·(1 − σ(x))."""

    name = "sigmoid"

    def value(self, x: np.ndarray) -> np.ndarray:
        return sigmoid(x)

    def derivative(self, x: np.ndarray) -> np.ndarray:
        s = sigmoid(x)
        return s * (1 - s)

    def backprop(self, x: np.ndarray, y: np.ndarray, grad_output: np.ndarray) -> np.ndarray:
        return grad_output * y * (1.0 - y)


class Tanh(ActivationFunction):
    """Hyperbolic tangent: tanh(x) = (e^x − e^(−x)) / (e^x + e^(−x));  tanh'(x) = 1 − tanh²(x)."""

    name = "tanh"

    def value(self, x: np.ndarray) -> np.ndarray:
        return np.tanh(x)

    def derivative(self, x: np.ndarray) -> np.ndarray:
        t = np.tanh(x)
        return 1 - t * t

    def backprop(self, x: np.ndarray, y: np.ndarray, grad_output: np.ndarray) -> np.ndarray:
        return grad_output - grad_output * y * y  # g·(1 − y²), one NumPy call fewer


class ReLU(ActivationFunction):
    """Rectified linear unit: f(x) = max(0, x);  f'(x) = 1 if x > 0 else 0 (0 at x = 0, as torch)."""

    name = "relu"

    def value(self, x: np.ndarray) -> np.ndarray:
        return np.maximum(x, 0)

    def derivative(self, x: np.ndarray) -> np.ndarray:
        return (x > 0).astype(x.dtype)

    def backprop(self, x: np.ndarray, y: np.ndarray, grad_output: np.ndarray) -> np.ndarray:
        return grad_output * (x > 0)


class LeakyReLU(ActivationFunction):
    """Leaky ReLU: f(x) = x if x > 0 else α·x;  f'(x) = 1 if x > 0 else α  (α = 0.01)."""

    name = "leaky_relu"

    def __init__(self, alpha: float = 0.01) -> None:
        self.alpha = check_finite("alpha", alpha)

    def value(self, x: np.ndarray) -> np.ndarray:
        return np.where(x > 0, x, self.alpha * x)

    def derivative(self, x: np.ndarray) -> np.ndarray:
        return np.where(x > 0, 1.0, self.alpha).astype(x.dtype, copy=False)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(alpha={self.alpha})"


class ParametricReLU(LeakyReLU):
    """PReLU with a fixed slope: f(x) = x if x > 0 else α·x  (α = 0.25, PyTorch's initial value).

    The slope α is what a PReLU *learns*; this function shows one value of it. The learnable
    version is the layer :class:`engine.nn.layers.PReLU`.
    """

    name = "prelu"

    def __init__(self, alpha: float = 0.25) -> None:
        super().__init__(alpha)


class ELU(ActivationFunction):
    """Exponential linear unit: f(x) = x if x > 0 else α·(eˣ − 1);  f'(x) = 1 if x > 0 else α·eˣ
    (α = 1)."""

    name = "elu"

    def __init__(self, alpha: float = 1.0) -> None:
        self.alpha = check_finite("alpha", alpha)

    def value(self, x: np.ndarray) -> np.ndarray:
        return np.where(x > 0, x, self.alpha * np.expm1(np.minimum(x, 0)))

    def derivative(self, x: np.ndarray) -> np.ndarray:
        return np.where(x > 0, 1, self.alpha * np.exp(np.minimum(x, 0)))

    def __repr__(self) -> str:
        return f"{type(self).__name__}(alpha={self.alpha})"


class Softplus(ActivationFunction):
    """Softplus (a smooth ReLU): f(x) = ln(1 + eˣ);  f'(x) = σ(x)."""

    name = "softplus"

    def value(self, x: np.ndarray) -> np.ndarray:
        return np.logaddexp(0, x)

    def derivative(self, x: np.ndarray) -> np.ndarray:
        return sigmoid(x)


class Softmax(ActivationFunction):
    """Softmax over the last axis: s_i = e^(x_i) / Σ_j e^(x_j);  ∂s_i/∂x_j = s_i·(δ_ij − s_j).

    Not elementwise: each output depends on the whole row. ``derivative`` returns only the diagonal
    of the Jacobian, s_i·(1 − s_i), for plotting; backpropagation uses the full Jacobian through
    :meth:`jvp`.
    """

    name = "softmax"

    def value(self, x: np.ndarray) -> np.ndarray:
        return softmax(x)

    def derivative(self, x: np.ndarray) -> np.ndarray:
        s = softmax(x)
        return s * (1 - s)

    def jvp(self, x: np.ndarray, v: np.ndarray) -> np.ndarray:
        """J·v for each row, J the softmax Jacobian at x: s ⊙ (v − ⟨s, v⟩).

        J = diag(s) − s sᵀ is symmetric, so this is also the vector-Jacobian product vᵀJ that
        backpropagation needs.
        """
        return self.backprop(x, softmax(x), v)

    def backprop(self, x: np.ndarray, y: np.ndarray, grad_output: np.ndarray) -> np.ndarray:
        return y * (grad_output - (y * grad_output).sum(axis=-1, keepdims=True))


ACTIVATIONS: dict[str, type[ActivationFunction]] = {
    cls.name: cls
    for cls in (Linear, Step, Sigmoid, Tanh, ReLU, LeakyReLU, ParametricReLU, ELU, Softplus, Softmax)
}


def get_activation(name: str, **params: float) -> ActivationFunction:
    """The activation called ``name`` (see ACTIVATIONS), e.g. ``get_activation("elu", alpha=0.5)``."""
    return create("activation", ACTIVATIONS, name, params)
