"""The optimization methods the lab races, each built from the engine's own optimizers.

A method is a named recipe: which engine optimizer, which of its hyperparameters a student may
edit, and the few settings that make it what its name says (Momentum is SGD with momentum 0.9,
not torch's default 0). Every other default is the engine's, which are PyTorch's.

The learning rate is the exception a lesson needs: PyTorch's defaults (1e-3 for SGD and Adam)
would leave a point on a 4 × 4 surface crawling for thousands of steps, so
:func:`default_hyperparameters` takes the learning rate from the surface: its suggested rate for
gradient methods, and a step of 1/50 of the surface for the methods whose learning rate *is* a
step size (AdaGrad, RMSProp, Adam). :func:`pytorch_defaults` gives the documented values.
"""
from __future__ import annotations

import inspect
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..optim.optimizer import Optimizer
from ..optim.optimizers import OPTIMIZERS
from ..optim.second_order import BFGS, Newton
from .surfaces import Surface

#: Adaptive methods move about ``lr`` per step: this many steps cross the surface.
_STEPS_ACROSS = 50
_SECOND_ORDER = {"newton": Newton, "bfgs": BFGS}


@dataclass(frozen=True)
class Method:
    """``optimizer`` is an engine.optim registry name, or "newton" / "bfgs"."""

    name: str
    optimizer: str
    editable: tuple[str, ...]
    preset: Mapping[str, float | bool] = field(default_factory=dict)
    #: Follows a noisy gradient (a mini-batch on data surfaces, added noise on analytic ones).
    stochastic: bool = False
    #: The learning rate is a step length, not a multiple of the gradient.
    step_size_lr: bool = False
    #: Default learning rate as a fraction of the surface's suggested one.
    lr_scale: float = 1.0

    @property
    def second_order(self) -> bool:
        return self.optimizer in _SECOND_ORDER

    @property
    def engine_class(self) -> type:
        return _SECOND_ORDER.get(self.optimizer) or OPTIMIZERS[self.optimizer]

    def build(self, hyperparameters: Mapping[str, float]) -> Optimizer | Newton | BFGS:
        """The engine object; ValueError naming the problem for unknown or invalid values."""
        unknown = sorted(set(hyperparameters) - set(self.editable))
        if unknown:
            raise ValueError(
                f"{self.name} has no hyperparameter {', '.join(unknown)}; "
                f"allowed: {', '.join(self.editable) or 'none'}"
            )
        arguments = {**self.preset, **hyperparameters}
        if "beta1" in arguments or "beta2" in arguments:
            beta1, beta2 = pytorch_defaults(self)["beta1"], pytorch_defaults(self)["beta2"]
            arguments["betas"] = (arguments.pop("beta1", beta1), arguments.pop("beta2", beta2))
        return self.engine_class(**arguments)


METHODS: dict[str, Method] = {
    method.name: method
    for method in (
        Method("gd", "sgd", ("lr",)),
        Method("sgd", "sgd", ("lr",), stochastic=True),
        # Heavy-ball momentum's steps grow to about 1/(1−μ) times a plain step: half the rate of
        # gradient descent keeps its overshoot on screen.
        Method("momentum", "sgd", ("lr", "momentum", "dampening"), {"momentum": 0.9}, lr_scale=0.5),
        # Nesterov's look-ahead is stable on a quadratic only while lr·curvature < 2(1+μ)/(1+2μ),
        # about 1.36 for μ = 0.9, where plain descent and heavy-ball momentum allow 2 and 3.8.
        Method("nesterov", "sgd", ("lr", "momentum"), {"momentum": 0.9, "nesterov": True}, lr_scale=0.5),
        Method("adagrad", "adagrad", ("lr", "lr_decay", "initial_accumulator_value", "eps"), step_size_lr=True),
        Method("rmsprop", "rmsprop", ("lr", "alpha", "eps", "momentum"), step_size_lr=True),
        Method("adam", "adam", ("lr", "beta1", "beta2", "eps"), step_size_lr=True),
        Method("newton", "newton", ("lr", "damping")),
        Method("bfgs", "bfgs", ()),
    )
}


def get_method(name: str) -> Method:
    if name not in METHODS:
        raise ValueError(f"unknown method {name!r}; choose one of {', '.join(METHODS)}")
    return METHODS[name]


def pytorch_defaults(method: Method | str) -> dict[str, float]:
    """The editable hyperparameters at the engine's (PyTorch's) defaults, plus the method's preset."""
    method = get_method(method) if isinstance(method, str) else method
    signature = inspect.signature(method.engine_class).parameters
    defaults = {name: p.default for name, p in signature.items()}
    if "betas" in defaults:
        defaults["beta1"], defaults["beta2"] = defaults.pop("betas")
    defaults.update(method.preset)
    return {name: float(defaults[name]) for name in method.editable}


def default_hyperparameters(method: Method | str, surface: Surface) -> dict[str, float]:
    """PyTorch's defaults, with a learning rate that suits ``surface`` (see the module notes)."""
    method = get_method(method) if isinstance(method, str) else method
    values = pytorch_defaults(method)
    if "lr" in values and not method.second_order:
        lr = surface.span / _STEPS_ACROSS if method.step_size_lr else surface.suggested_lr
        values["lr"] = lr * method.lr_scale
    return values
