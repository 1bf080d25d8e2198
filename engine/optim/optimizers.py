"""First-order optimizers, each the update rule that ``torch.optim`` documents for its namesake.

Same defaults, same per-parameter step counting, same placement of bias corrections and weight
decay, so a trajectory can be compared with PyTorch step by step (tests/engine/test_optimizers.py
does, to 1e-10 in float64). Every optimizer reads like the pseudo-code in the torch docs, with
``g`` the gradient, ``θ`` the parameter, ``γ`` the learning rate and ``λ`` the weight decay.

Per-parameter state lives in ``optimizer.state[name]`` under torch's own key names, so a view can
draw, say, the velocity of a point on a surface from ``state["xy"]["momentum_buffer"]``. Each
class lists its keys in ``state_keys``; ``"step"`` (an int) counts that parameter's updates.

Hyperparameters other than ``lr`` are fixed at construction: to change them, make a new optimizer
(``lr`` may change at any time, which is what schedules do).
"""
from __future__ import annotations

import inspect
import math
from typing import ClassVar

import numpy as np

from .optimizer import Optimizer
from .validation import check_range


class SGD(Optimizer):
    """Stochastic gradient descent with optional (Nesterov) momentum and L2 weight decay.

    ::

        g ← g + λθ                                   (weight decay)
        b ← g at the first step, else μb + (1−τ)g    (momentum, dampening τ)
        g ← g + μb if nesterov else b
        θ ← θ − γg

    The momentum buffer is an exponentially weighted sum of past gradients. With dampening τ = μ
    it is their moving average over roughly the last 1/(1−μ) steps (see engine.optim.ewma); with
    the default τ = 0 it is that average times 1/(1−μ), so on a steady slope momentum makes the
    steps about 1/(1−μ) times longer (10× for μ = 0.9).

    State: ``momentum_buffer`` (only when momentum > 0).
    """

    state_keys: ClassVar[tuple[str, ...]] = ("momentum_buffer",)

    def __init__(
        self,
        lr: float = 1e-3,
        momentum: float = 0.0,
        dampening: float = 0.0,
        nesterov: bool = False,
        weight_decay: float = 0.0,
    ) -> None:
        super().__init__(lr)
        self.momentum = check_range("momentum", momentum, 0.0, 1.0)
        self.dampening = check_range("dampening", dampening, 0.0, 1.0, high_open=False)
        self.weight_decay = check_range("weight_decay", weight_decay, 0.0)
        if nesterov and (self.momentum == 0 or self.dampening != 0):
            raise ValueError(
                "nesterov=True needs momentum > 0 and dampening = 0, got "
                f"momentum={momentum!r}, dampening={dampening!r}"
            )
        self.nesterov = bool(nesterov)

    def update(self, name: str, param: np.ndarray, grad: np.ndarray, state: dict) -> None:
        if self.weight_decay:
            grad = grad + self.weight_decay * param
        if self.momentum:
            buffer = state.get("momentum_buffer")
            if buffer is None:
                buffer = state["momentum_buffer"] = grad.copy()
            else:
                buffer *= self.momentum
                buffer += (1.0 - self.dampening) * grad if self.dampening else grad
            grad = grad + self.momentum * buffer if self.nesterov else buffer
        param -= self.lr * grad


class Adagrad(Optimizer):
    """Adagrad: each coordinate's step is divided by the root of its summed squared gradients.

    ::

        γ̃ ← γ / (1 + (t−1)·η)                         (learning-rate decay η, t = step)
        g ← g + λθ
        s ← s + g²                                    (s starts at initial_accumulator_value)
        θ ← θ − γ̃ g / (√s + ε)

    Because ``s`` only grows, the effective step shrinks for ever: the reason RMSprop exists.

    State: ``sum`` (the accumulated squared gradients).
    """

    state_keys: ClassVar[tuple[str, ...]] = ("sum",)

    def __init__(
        self,
        lr: float = 1e-2,
        lr_decay: float = 0.0,
        weight_decay: float = 0.0,
        initial_accumulator_value: float = 0.0,
        eps: float = 1e-10,
    ) -> None:
        super().__init__(lr)
        self.lr_decay = check_range("lr_decay", lr_decay, 0.0)
        self.weight_decay = check_range("weight_decay", weight_decay, 0.0)
        self.initial_accumulator_value = check_range(
            "initial_accumulator_value", initial_accumulator_value, 0.0
        )
        self.eps = _check_eps(eps)

    def update(self, name: str, param: np.ndarray, grad: np.ndarray, state: dict) -> None:
        if not state:
            state["step"] = 0
            state["sum"] = np.full_like(param, self.initial_accumulator_value)
        state["step"] = step = state["step"] + 1
        if self.weight_decay:
            grad = grad + self.weight_decay * param
        decayed_lr = self.lr / (1.0 + (step - 1) * self.lr_decay)
        squared_sum = state["sum"]
        squared_sum += grad * grad
        denominator = np.sqrt(squared_sum)
        denominator += self.eps
        change = np.divide(grad, denominator, out=denominator)
        change *= decayed_lr
        param -= change


class RMSprop(Optimizer):
    """RMSprop: divide by the root of a *moving average* of squared gradients.

    ::

        g ← g + λθ
        v ← αv + (1−α)g²
        ṽ ← v − ḡ², with ḡ ← αḡ + (1−α)g      (only if centered: an estimate of the variance)
        b ← μb + g / (√ṽ + ε);  θ ← θ − γb      (if momentum μ > 0)
        θ ← θ − γ g / (√ṽ + ε)                  (otherwise)

    One guard beyond torch: a centered ṽ is clipped at 0 before the root. It is ≥ 0 in exact
    arithmetic but can round to a tiny negative number after many steps with a constant gradient,
    where torch would produce NaN.

    State: ``square_avg``, ``grad_avg`` (centered only), ``momentum_buffer`` (momentum > 0 only).
    """

    state_keys: ClassVar[tuple[str, ...]] = ("square_avg", "grad_avg", "momentum_buffer")

    def __init__(
        self,
        lr: float = 1e-2,
        alpha: float = 0.99,
        eps: float = 1e-8,
        weight_decay: float = 0.0,
        momentum: float = 0.0,
        centered: bool = False,
    ) -> None:
        super().__init__(lr)
        self.alpha = check_range("alpha", alpha, 0.0, 1.0)
        self.eps = _check_eps(eps)
        self.weight_decay = check_range("weight_decay", weight_decay, 0.0)
        self.momentum = check_range("momentum", momentum, 0.0, 1.0)
        self.centered = bool(centered)

    def update(self, name: str, param: np.ndarray, grad: np.ndarray, state: dict) -> None:
        if not state:
            state["step"] = 0
            state["square_avg"] = np.zeros_like(param)
            if self.centered:
                state["grad_avg"] = np.zeros_like(param)
            if self.momentum:
                state["momentum_buffer"] = np.zeros_like(param)
        state["step"] += 1
        alpha = self.alpha
        if self.weight_decay:
            grad = grad + self.weight_decay * param
        square_avg = state["square_avg"]
        square_avg *= alpha
        square_avg += (1.0 - alpha) * grad * grad
        if self.centered:
            grad_avg = state["grad_avg"]
            grad_avg *= alpha
            grad_avg += (1.0 - alpha) * grad
            denominator = square_avg - grad_avg * grad_avg
            np.maximum(denominator, 0.0, out=denominator)
            np.sqrt(denominator, out=denominator)
        else:
            denominator = np.sqrt(square_avg)
        denominator += self.eps
        if self.momentum:
            buffer = state["momentum_buffer"]
            buffer *= self.momentum
            buffer += grad / denominator
            param -= self.lr * buffer
        else:
            change = np.divide(grad, denominator, out=denominator)
            change *= self.lr
            param -= change


class Adam(Optimizer):
    """Adam: momentum (a moving average of g) divided by the root of a moving average of g².

    ::

        g ← g + λθ                           (Adam: L2 penalty folded into the gradient)
        θ ← θ − γλθ                          (AdamW instead: decoupled weight decay)
        m ← β₁m + (1−β₁)g
        v ← β₂v + (1−β₂)g²
        m̂ ← m / (1−β₁ᵗ)
        v̂ ← max(v̂ₘₐₓ, v) / (1−β₂ᵗ)  (AMSGrad; v̂ₘₐₓ keeps the largest v so far)  else v / (1−β₂ᵗ)
        θ ← θ − γ m̂ / (√v̂ + ε)

    Both averages start at 0, so early on they are too small by the factor 1−βᵗ; dividing by it
    (bias correction) makes the first steps the right size (see engine.optim.ewma).

    State: ``exp_avg`` (m), ``exp_avg_sq`` (v), ``max_exp_avg_sq`` (AMSGrad only).
    """

    state_keys: ClassVar[tuple[str, ...]] = ("exp_avg", "exp_avg_sq", "max_exp_avg_sq")
    #: True for AdamW: shrink θ directly instead of adding λθ to the gradient.
    decoupled_weight_decay: ClassVar[bool] = False

    def __init__(
        self,
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0.0,
        amsgrad: bool = False,
    ) -> None:
        super().__init__(lr)
        if not isinstance(betas, (tuple, list)) or len(betas) != 2:
            raise ValueError(f"betas must be a pair (beta1, beta2), each in [0, 1), got {betas!r}")
        self.betas = (check_range("betas[0]", betas[0], 0.0, 1.0), check_range("betas[1]", betas[1], 0.0, 1.0))
        self.eps = _check_eps(eps)
        self.weight_decay = check_range("weight_decay", weight_decay, 0.0)
        self.amsgrad = bool(amsgrad)

    def update(self, name: str, param: np.ndarray, grad: np.ndarray, state: dict) -> None:
        if not state:
            state["step"] = 0
            state["exp_avg"] = np.zeros_like(param)
            state["exp_avg_sq"] = np.zeros_like(param)
            if self.amsgrad:
                state["max_exp_avg_sq"] = np.zeros_like(param)
        state["step"] = step = state["step"] + 1
        beta1, beta2 = self.betas
        if self.weight_decay:
            if self.decoupled_weight_decay:
                param *= 1.0 - self.lr * self.weight_decay
            else:
                grad = grad + self.weight_decay * param
        exp_avg, exp_avg_sq = state["exp_avg"], state["exp_avg_sq"]
        exp_avg *= beta1
        exp_avg += (1.0 - beta1) * grad
        exp_avg_sq *= beta2
        exp_avg_sq += (1.0 - beta2) * grad * grad
        if self.amsgrad:
            second_moment = np.maximum(state["max_exp_avg_sq"], exp_avg_sq, out=state["max_exp_avg_sq"])
        else:
            second_moment = exp_avg_sq
        denominator = np.sqrt(second_moment)
        denominator /= math.sqrt(1.0 - beta2**step)
        denominator += self.eps
        step_size = self.lr / (1.0 - beta1**step)
        change = np.divide(exp_avg, denominator, out=denominator)
        change *= step_size
        param -= change


class AdamW(Adam):
    """Adam with decoupled weight decay (Loshchilov & Hutter): θ shrinks by the factor 1−γλ
    before the Adam step, instead of λθ passing through Adam's per-coordinate scaling, so the
    decay is the same for every weight. Default weight_decay is 0.01, as in torch."""

    decoupled_weight_decay: ClassVar[bool] = True

    def __init__(
        self,
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 1e-2,
        amsgrad: bool = False,
    ) -> None:
        super().__init__(lr, betas, eps, weight_decay, amsgrad)


def _check_eps(eps: float) -> float:
    # torch accepts eps = 0; we do not: a coordinate whose gradients have all been 0 (a dead
    # ReLU unit, say) would then divide 0 by 0 and turn the whole network into NaN.
    return check_range("eps", eps, 0.0, low_open=True)


#: The optimizers by registry name, in the order a menu would list them.
OPTIMIZERS: dict[str, type[Optimizer]] = {
    "sgd": SGD,
    "adagrad": Adagrad,
    "rmsprop": RMSprop,
    "adam": Adam,
    "adamw": AdamW,
}


def get_optimizer(name: str, **hyperparameters) -> Optimizer:
    """Make an optimizer by name, e.g. ``get_optimizer("sgd", lr=0.1, momentum=0.9)``."""
    cls = OPTIMIZERS.get(name.lower()) if isinstance(name, str) else None
    if cls is None:
        raise ValueError(f"unknown optimizer {name!r}; choose one of {', '.join(OPTIMIZERS)}")
    allowed = inspect.signature(cls).parameters
    unknown = sorted(set(hyperparameters) - set(allowed))
    if unknown:
        raise ValueError(
            f"{cls.__name__} has no hyperparameter {', '.join(unknown)}; "
            f"allowed: {', '.join(allowed)}"
        )
    return cls(**hyperparameters)
