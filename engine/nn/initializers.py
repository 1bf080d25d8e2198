"""Weight initialization strategies, by name.

An initializer is a callable ``(shape, fan_in, fan_out, rng, dtype) -> ndarray``. ``fan_in`` and
``fan_out`` are the number of inputs feeding one output unit and of outputs fed by one input
unit (for a dense layer n_in and n_out; for a convolution, channels × kernel area), so the same
strategies serve every layer.

The scaled strategies keep the variance of the signal about constant from layer to layer: too
small a spread and activations (and gradients) shrink towards zero with depth, too large and they
explode or saturate. All randomness comes from ``rng``; values are drawn in float64 and then cast
to ``dtype``, so a seed gives the same weights in float32 and float64 (up to rounding).
"""
from __future__ import annotations

import math
from abc import ABC, abstractmethod

import numpy as np

from .registry import check_finite, create

Shape = tuple[int, ...]


class Initializer(ABC):
    """Draws the initial values of one parameter array."""

    name: str = ""

    @abstractmethod
    def __call__(self, shape: Shape, fan_in: int, fan_out: int, rng: np.random.Generator,
                 dtype: np.dtype | type = np.float64) -> np.ndarray:
        """A new array of ``shape`` and ``dtype``."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class Zeros(Initializer):
    """All zeros: right for biases, wrong for weights (every unit would stay identical)."""

    name = "zeros"

    def __call__(self, shape, fan_in, fan_out, rng, dtype=np.float64):
        return np.zeros(shape, dtype=dtype)


class Constant(Initializer):
    """Every entry equal to ``value`` (e.g. TensorFlow Playground's biases start at 0.1)."""

    name = "constant"

    def __init__(self, value: float = 0.0) -> None:
        self.value = check_finite("value", value)

    def __call__(self, shape, fan_in, fan_out, rng, dtype=np.float64):
        return np.full(shape, self.value, dtype=dtype)

    def __repr__(self) -> str:
        return f"Constant(value={self.value})"


class Uniform(Initializer):
    """U(−a, a), variance a²/3  (a = 0.05, Keras's default)."""

    name = "uniform"

    def __init__(self, a: float = 0.05) -> None:
        self.a = check_finite("a", a, minimum=0)

    def __call__(self, shape, fan_in, fan_out, rng, dtype=np.float64):
        return rng.uniform(-self.a, self.a, size=shape).astype(dtype, copy=False)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(a={self.a})"


class Normal(Initializer):
    """N(0, std²)  (std = 0.05, Keras's default)."""

    name = "normal"

    def __init__(self, std: float = 0.05) -> None:
        self.std = check_finite("std", std, minimum=0)

    def __call__(self, shape, fan_in, fan_out, rng, dtype=np.float64):
        return rng.normal(0.0, self.std, size=shape).astype(dtype, copy=False)

    def __repr__(self) -> str:
        return f"Normal(std={self.std})"


class Playground(Uniform):
    """TensorFlow Playground's weights: U[−0.5, 0.5] (``Math.random() − 0.5``), whatever the size."""

    name = "playground"

    def __init__(self) -> None:
        super().__init__(a=0.5)


class VarianceScaling(Initializer):
    """Zero-mean draws with Var = scale / fan, fan = fan_in or fan_in + fan_out.

    ``distribution`` "normal" draws N(0, Var) (a plain normal, as torch does, not a truncated
    one); "uniform" draws U(−a, a) with a = √(3·Var), which has the same variance.
    """

    scale: float = 1.0
    fan: str = "fan_in"  # or "fan_sum"
    distribution: str = "normal"  # or "uniform"

    def variance(self, fan_in: int, fan_out: int) -> float:
        fan = fan_in + fan_out if self.fan == "fan_sum" else fan_in
        if fan < 1:
            raise ValueError(f"{self.name} needs fan_in (and fan_out) >= 1, got {fan_in}, {fan_out}")
        return self.scale / fan

    def __call__(self, shape, fan_in, fan_out, rng, dtype=np.float64):
        variance = self.variance(fan_in, fan_out)
        if self.distribution == "normal":
            values = rng.normal(0.0, math.sqrt(variance), size=shape)
        else:
            bound = math.sqrt(3 * variance)
            values = rng.uniform(-bound, bound, size=shape)
        return values.astype(dtype, copy=False)


class XavierUniform(VarianceScaling):
    """Glorot/Xavier uniform: U(−a, a), a = √(6 / (fan_in + fan_out)), Var = 2 / (fan_in + fan_out).
    Suits tanh and sigmoid."""

    name, scale, fan, distribution = "xavier_uniform", 2.0, "fan_sum", "uniform"


class XavierNormal(VarianceScaling):
    """Glorot/Xavier normal: N(0, Var), Var = 2 / (fan_in + fan_out). Suits tanh and sigmoid."""

    name, scale, fan, distribution = "xavier_normal", 2.0, "fan_sum", "normal"


class LecunUniform(VarianceScaling):
    """LeCun uniform: U(−a, a), a = √(3 / fan_in), Var = 1 / fan_in — the "Xavier with
    Var = 1/n_in" that many courses teach (Xavier's forward-pass-only condition)."""

    name, scale, fan, distribution = "lecun_uniform", 1.0, "fan_in", "uniform"


class LecunNormal(VarianceScaling):
    """LeCun normal: N(0, 1 / fan_in) — the "Xavier with Var = 1/n_in" that many courses teach."""

    name, scale, fan, distribution = "lecun_normal", 1.0, "fan_in", "normal"


class HeUniform(VarianceScaling):
    """He/Kaiming uniform: U(−a, a), a = √(6 / fan_in), Var = 2 / fan_in. Suits ReLU, which zeroes
    half its inputs (hence the 2)."""

    name, scale, fan, distribution = "he_uniform", 2.0, "fan_in", "uniform"


class HeNormal(VarianceScaling):
    """He/Kaiming normal: N(0, 2 / fan_in). Suits ReLU, which zeroes half its inputs."""

    name, scale, fan, distribution = "he_normal", 2.0, "fan_in", "normal"


INITIALIZERS: dict[str, type[Initializer]] = {
    cls.name: cls
    for cls in (Zeros, Constant, Uniform, Normal, Playground, XavierUniform, XavierNormal,
                LecunUniform, LecunNormal, HeUniform, HeNormal)
}


def get_initializer(name: str, **params: float) -> Initializer:
    """The initializer called ``name`` (see INITIALIZERS), e.g. ``get_initializer("normal", std=0.1)``."""
    return create("initializer", INITIALIZERS, name, params)
