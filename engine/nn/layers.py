"""The layers of a fully connected network: Dense, Activation, PReLU, Dropout, BatchNorm,
Residual and Flatten (convolution and pooling live in :mod:`engine.nn.conv`).

Each follows :class:`engine.nn.layer.Layer`: ``forward`` caches what ``backward`` needs, and
``backward`` returns dL/d(input) after storing dL/d(param) in ``grads``. Dense and Activation run
on every step of the Playground, so their passes are a handful of NumPy calls with as little
checking as keeps a mistake from broadcasting silently; the other layers check shapes in full.
"""
from __future__ import annotations

import numbers
from collections.abc import Callable, Iterable

import numpy as np

from .activations import ActivationFunction, get_activation
from .initializers import get_initializer
from .layer import Layer
from .registry import check_finite


def check_count(name: str, value: object) -> int:
    """``value`` as an int >= 1, or a ValueError naming the setting."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise ValueError(f"{name} must be a whole number >= 1, got {value!r}")
    return int(value)


def _channel_shape(ndim: int, channels: int) -> tuple[int, ...]:
    """Shape that broadcasts a per-channel vector against an (N, C, ...) array."""
    return (1, channels) + (1,) * (ndim - 2)


class Dense(Layer):
    """Fully connected: y = x·W + b, with W of shape (n_in, n_out) and b of shape (n_out,).

    ``init`` and ``bias_init`` are initializer names (engine.nn.initializers) or callables
    ``(shape, fan_in, fan_out, rng, dtype) -> array``. Inputs are converted to the layer's dtype.

    W and b are the rows of one (n_in + 1, n_out) matrix [W; b], and each input row gets a 1
    appended, so that y = [x 1]·[W; b] and dL/d[W; b] = [x 1]ᵀ·dL/dy are one product each (the
    "bias trick"): on the Playground's tiny batches, NumPy's fixed cost per call is most of a
    step. Each backward pass writes the gradients into ``grads`` in place.
    """

    regularized = ("W",)

    def __init__(self, n_in: int, n_out: int, rng: np.random.Generator,
                 init: str | Callable = "xavier_uniform", bias_init: str | Callable = "zeros",
                 dtype: np.dtype | type = np.float64) -> None:
        super().__init__()
        self.n_in = check_count("n_in", n_in)
        self.n_out = check_count("n_out", n_out)
        weights = init if callable(init) else get_initializer(init)
        biases = bias_init if callable(bias_init) else get_initializer(bias_init)
        joined = np.empty((self.n_in + 1, self.n_out), dtype=dtype)
        joined[:-1] = weights((self.n_in, self.n_out), self.n_in, self.n_out, rng, dtype)
        joined[-1] = biases((self.n_out,), self.n_in, self.n_out, rng, dtype)
        self._keep_in(joined, np.zeros_like(joined))
        # The last input with its column of ones, kept for the backward pass and reused by the
        # next forward pass of the same batch size (``_inputs``: the part the input goes into).
        self._rows = np.ones((0, self.n_in + 1), dtype=dtype)
        self._inputs = self._rows[:, :-1]

    def _keep_in(self, joined: np.ndarray, joined_grad: np.ndarray) -> None:
        self._joined, self._joined_grad = joined, joined_grad
        self.params = {"W": joined[:-1], "b": joined[-1]}
        self.grads = {"W": joined_grad[:-1], "b": joined_grad[-1]}

    def place(self, parameters: np.ndarray, gradients: np.ndarray) -> None:
        super().place(parameters, gradients)  # W, then b right after it: together, [W; b]
        shape = self._joined.shape
        self._keep_in(parameters.reshape(shape), gradients.reshape(shape))

    @property
    def W(self) -> np.ndarray:
        return self.params["W"]

    @property
    def b(self) -> np.ndarray:
        return self.params["b"]

    def forward(self, x: np.ndarray) -> np.ndarray:
        if x.ndim != 2 or x.shape[1] != self.n_in:  # one example, or one column, would broadcast
            raise ValueError(f"Dense expects a batch of shape (N, {self.n_in}), got {x.shape}")
        if len(self._rows) != len(x):
            self._rows = np.ones((len(x), self.n_in + 1), dtype=self._joined.dtype)
            self._inputs = self._rows[:, :-1]
        self._inputs[...] = x
        # ndarray.dot, not np.dot: the method skips NumPy's dispatch to other array types.
        return self._rows.dot(self._joined)

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        return self._fill_gradients(grad_output).dot(self.params["W"].T)

    def backward_parameters(self, grad_output: np.ndarray) -> None:
        self._fill_gradients(grad_output)

    def _fill_gradients(self, grad_output: np.ndarray) -> np.ndarray:
        """Write dL/d[W; b] into ``grads``; returns ``grad_output`` in the layer's dtype."""
        if grad_output.dtype != self._joined.dtype:
            grad_output = grad_output.astype(self._joined.dtype)
        self._rows.T.dot(grad_output, out=self._joined_grad)
        return grad_output


class Activation(Layer):
    """Applies an activation function (engine.nn.activations) elementwise, or softmax per row.

    ``Activation("leaky_relu", alpha=0.1)`` or ``Activation(LeakyReLU(0.1))``.
    """

    def __init__(self, activation: str | ActivationFunction = "relu", **params: float) -> None:
        super().__init__()
        if isinstance(activation, ActivationFunction):
            if params:
                raise ValueError("give parameters either to the activation object or by name, not both")
            self.function = activation
        else:
            self.function = get_activation(activation, **params)
        self._x: np.ndarray | None = None
        self._y: np.ndarray | None = None

    def forward(self, x: np.ndarray) -> np.ndarray:
        self._x = x
        self._y = y = self.function.value(x)
        return y

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        return self.function.backprop(self._x, self._y, grad_output)

    def __repr__(self) -> str:
        return f"Activation({self.function!r})"


class PReLU(Layer):
    """Parametric ReLU with a learnable slope: y = x if x > 0 else α·x (PyTorch's ``nn.PReLU``).

    ``num_parameters`` is 1 (one α shared by all units) or the number of channels C, the size of
    axis 1 of (N, C) or (N, C, H, W) inputs. α starts at ``init``; its gradient is Σ x·dL/dy over
    the inputs where x ≤ 0. It is not weight-decayed by default (``regularized`` is empty), as
    the PReLU paper advises.
    """

    def __init__(self, num_parameters: int = 1, init: float = 0.25,
                 dtype: np.dtype | type = np.float64) -> None:
        super().__init__()
        self.num_parameters = check_count("num_parameters", num_parameters)
        self.params = {"alpha": np.full(self.num_parameters, check_finite("init", init), dtype=dtype)}
        self.grads = {"alpha": np.zeros_like(self.params["alpha"])}
        self._x: np.ndarray | None = None

    @property
    def alpha(self) -> np.ndarray:
        return self.params["alpha"]

    def _slope(self, x: np.ndarray) -> np.ndarray:
        if self.num_parameters == 1:
            return self.alpha
        if x.ndim < 2 or x.shape[1] != self.num_parameters:
            raise ValueError(f"PReLU with {self.num_parameters} slopes needs inputs with "
                             f"{self.num_parameters} channels on axis 1, got shape {x.shape}")
        return self.alpha.reshape(_channel_shape(x.ndim, self.num_parameters))

    def forward(self, x: np.ndarray) -> np.ndarray:
        self._x = x
        return np.where(x > 0, x, self._slope(x) * x)

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        x = self._x
        positive = x > 0
        alpha = self._slope(x)
        slope_grad = np.where(positive, 0, x * grad_output)
        axes = None if self.num_parameters == 1 else (0, *range(2, x.ndim))
        self.grads["alpha"][...] = slope_grad.sum(axis=axes).reshape(self.alpha.shape)
        return np.where(positive, grad_output, alpha * grad_output)


class Dropout(Layer):
    """Inverted dropout: in training, each input is zeroed with probability ``p`` and the
    survivors are scaled by 1/(1 − p), so evaluation needs no rescaling and is the identity.

    With ``mc=True`` dropout stays on in evaluation mode too (Monte-Carlo dropout): several
    forward passes of the same input then give a spread of predictions that estimates the model's
    uncertainty. Masks are drawn from ``rng``, the layer's own generator.
    """

    def __init__(self, p: float, rng: np.random.Generator, mc: bool = False) -> None:
        super().__init__()
        p = check_finite("dropout probability p", p, minimum=0, strict=False)
        if p >= 1:
            raise ValueError(f"dropout probability p must be below 1 (1 drops everything), got {p}")
        self.p = p
        self.rng = rng
        self.mc = mc
        #: The scaled keep-mask of the last forward pass; None when dropout was off.
        self.mask: np.ndarray | None = None

    def forward(self, x: np.ndarray) -> np.ndarray:
        if self.p == 0 or not (self.training or self.mc):
            self.mask = None
            return x
        self.mask = (self.rng.random(x.shape) >= self.p).astype(x.dtype)
        self.mask *= 1 / (1 - self.p)
        return x * self.mask

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        return grad_output if self.mask is None else grad_output * self.mask

    def __repr__(self) -> str:
        return f"Dropout(p={self.p}{', mc=True' if self.mc else ''})"


class BatchNorm(Layer):
    """Batch normalization over axis 1 of (N, C) or (N, C, H, W) inputs (PyTorch's BatchNorm1d /
    BatchNorm2d): y = γ·(x − μ)/√(σ² + eps) + β per channel.

    In training, μ and σ² are the batch's mean and biased variance over every axis but 1, and the
    buffers move towards them: running ← (1 − momentum)·running + momentum·batch, with the
    *unbiased* variance for ``running_var`` (as torch). In evaluation the running statistics are
    used instead. The buffers are updated in place, so ``model.state_dict()`` sees them.
    """

    def __init__(self, num_features: int, momentum: float = 0.1, eps: float = 1e-5,
                 dtype: np.dtype | type = np.float64) -> None:
        super().__init__()
        self.num_features = check_count("num_features", num_features)
        self.momentum = check_finite("momentum", momentum, minimum=0, strict=False)
        if self.momentum > 1:
            raise ValueError(f"momentum must lie in [0, 1], got {momentum}")
        self.eps = check_finite("eps", eps, minimum=0)
        c = self.num_features
        self.params = {"gamma": np.ones(c, dtype=dtype), "beta": np.zeros(c, dtype=dtype)}
        self.grads = {key: np.zeros_like(value) for key, value in self.params.items()}
        self.buffers = {"running_mean": np.zeros(c, dtype=dtype),
                        "running_var": np.ones(c, dtype=dtype)}
        self._x_hat: np.ndarray | None = None
        self._inv_std: np.ndarray | None = None
        self._used_batch_statistics = True

    def _axes_and_shape(self, x: np.ndarray) -> tuple[tuple[int, ...], tuple[int, ...]]:
        if x.ndim < 2 or x.shape[1] != self.num_features:
            raise ValueError(f"BatchNorm({self.num_features}) needs inputs of shape (N, "
                             f"{self.num_features}) or (N, {self.num_features}, H, W), got {x.shape}")
        return (0, *range(2, x.ndim)), _channel_shape(x.ndim, self.num_features)

    def forward(self, x: np.ndarray) -> np.ndarray:
        axes, shape = self._axes_and_shape(x)
        if self.training:
            count = x.size // self.num_features
            if count < 2:
                raise ValueError("BatchNorm in training mode needs more than one value per channel "
                                 f"(a batch of at least 2), got input of shape {x.shape}")
            mean = x.mean(axis=axes)
            centered = x - mean.reshape(shape)
            var = np.square(centered).mean(axis=axes)
            m = self.momentum
            running_mean, running_var = self.buffers["running_mean"], self.buffers["running_var"]
            running_mean *= 1 - m
            running_mean += m * mean
            running_var *= 1 - m
            running_var += (m * count / (count - 1)) * var
        else:
            var = self.buffers["running_var"]
            centered = x - self.buffers["running_mean"].reshape(shape)
        self._used_batch_statistics = self.training
        self._inv_std = 1 / np.sqrt(var + self.eps)
        self._x_hat = centered * self._inv_std.reshape(shape)
        return self._x_hat * self.params["gamma"].reshape(shape) + self.params["beta"].reshape(shape)

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        axes, shape = self._axes_and_shape(grad_output)
        x_hat = self._x_hat
        self.grads["gamma"][...] = (grad_output * x_hat).sum(axis=axes)
        self.grads["beta"][...] = grad_output.sum(axis=axes)
        grad_x_hat = grad_output * self.params["gamma"].reshape(shape)
        if self._used_batch_statistics:
            # μ and σ² depend on every input of the channel: subtract the mean of the gradient
            # and its projection on x̂ (the standard three-term batch-norm backward).
            grad_x_hat = (grad_x_hat - grad_x_hat.mean(axis=axes, keepdims=True)
                          - x_hat * (grad_x_hat * x_hat).mean(axis=axes, keepdims=True))
        return grad_x_hat * self._inv_std.reshape(shape)


class Residual(Layer):
    """A skip connection: y = x + F(x), F a list of layers applied in order.

    The inner layers' params, grads and buffers appear here under prefixed keys ("0.W", "2.b",
    ...) and are the very same arrays, so an optimizer updating ``params`` in place trains the
    inner layers. F must keep the shape of its input (ValueError otherwise).
    """

    def __init__(self, layers: Iterable[Layer]) -> None:
        super().__init__()
        self.layers: list[Layer] = list(layers)
        if not self.layers:
            raise ValueError("Residual needs at least one inner layer")
        for layer in self.layers:
            if not isinstance(layer, Layer):
                raise ValueError(f"Residual takes Layer objects, got {type(layer).__name__}")
        self.params = self._prefixed("params")
        self.buffers = self._prefixed("buffers")
        self.grads = self._prefixed("grads")
        self.regularized = tuple(f"{i}.{key}" for i, layer in enumerate(self.layers)
                                 for key in layer.regularized)

    def _prefixed(self, attribute: str) -> dict[str, np.ndarray]:
        return {f"{i}.{key}": value for i, layer in enumerate(self.layers)
                for key, value in getattr(layer, attribute).items()}

    def forward(self, x: np.ndarray) -> np.ndarray:
        out = x
        for layer in self.layers:
            out = layer.forward(out)
        if out.shape != x.shape:
            raise ValueError(f"a residual block must keep the shape of its input: "
                             f"{x.shape} became {out.shape}")
        return x + out

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        grad = grad_output
        for layer in reversed(self.layers):
            grad = layer.backward(grad)
        return grad_output + grad

    def place(self, parameters: np.ndarray, gradients: np.ndarray) -> None:
        start = 0
        for layer in self.layers:
            stop = start + layer.parameter_count()
            layer.place(parameters[start:stop], gradients[start:stop])
            start = stop
        self.params = self._prefixed("params")
        self.grads = self._prefixed("grads")
        self.placed = True

    def train(self, mode: bool = True) -> None:
        super().train(mode)
        for layer in self.layers:
            layer.train(mode)

    def __repr__(self) -> str:
        inner = ", ".join(repr(layer) for layer in self.layers)
        return f"Residual([{inner}])"


class Flatten(Layer):
    """(N, C, H, W) → (N, C·H·W), the bridge from convolutions to dense layers."""

    def __init__(self) -> None:
        super().__init__()
        self._shape: tuple[int, ...] = ()

    def forward(self, x: np.ndarray) -> np.ndarray:
        self._shape = x.shape
        return x.reshape(len(x), -1)

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        return grad_output.reshape(self._shape)
