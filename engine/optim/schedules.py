"""Learning-rate schedules: small callables ``schedule(epoch) -> lr``.

Epochs count from 0, so ``schedule(0)`` is the rate of the first epoch and every schedule starts at
``lr0`` (Warmup aside). The trainer sets ``optimizer.lr = schedule(epoch)`` as each epoch begins.
"""
from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import MISSING, dataclass, fields

from .validation import check_count, check_range


class Schedule(ABC):
    """A learning rate as a function of the epoch."""

    @abstractmethod
    def __call__(self, epoch: float) -> float:
        """The learning rate for ``epoch`` (≥ 0)."""


def _check_epoch(epoch: float) -> float:
    return check_range("epoch", epoch, 0.0)


def _check_lr0(lr0: float) -> None:
    check_range("lr0", lr0, 0.0, low_open=True)


@dataclass(frozen=True)
class InverseTimeDecay(Schedule):
    """lr0 / (1 + decay·epoch): halves by epoch 1/decay, then falls ever more slowly (the
    1/t decay that stochastic-approximation theory asks of SGD)."""

    lr0: float
    decay: float

    def __post_init__(self) -> None:
        _check_lr0(self.lr0)
        check_range("decay", self.decay, 0.0)

    def __call__(self, epoch: float) -> float:
        return self.lr0 / (1.0 + self.decay * _check_epoch(epoch))


@dataclass(frozen=True)
class StepDecay(Schedule):
    """lr0 · gamma^⌊epoch / step_size⌋: constant plateaus, cut by ``gamma`` every ``step_size``
    epochs (torch's StepLR)."""

    lr0: float
    step_size: int
    gamma: float

    def __post_init__(self) -> None:
        _check_lr0(self.lr0)
        check_count("step_size", self.step_size)
        check_range("gamma", self.gamma, 0.0, 1.0, low_open=True, high_open=False)

    def __call__(self, epoch: float) -> float:
        return self.lr0 * self.gamma ** math.floor(_check_epoch(epoch) / self.step_size)


@dataclass(frozen=True)
class ExponentialDecay(Schedule):
    """lr0 · gamma^epoch: the same factor every epoch (torch's ExponentialLR)."""

    lr0: float
    gamma: float

    def __post_init__(self) -> None:
        _check_lr0(self.lr0)
        check_range("gamma", self.gamma, 0.0, 1.0, low_open=True, high_open=False)

    def __call__(self, epoch: float) -> float:
        return self.lr0 * self.gamma ** _check_epoch(epoch)


@dataclass(frozen=True)
class CosineDecay(Schedule):
    """min_lr + (lr0 − min_lr)·(1 + cos(π·epoch/total_epochs))/2, then min_lr from
    ``total_epochs`` on: slow at first, fastest midway, gentle at the end.

    With the default ``min_lr = 0`` the rate reaches 0 at epoch ``total_epochs``, just after the
    last epoch of a ``total_epochs``-long run; an optimizer refuses lr = 0, so train longer than
    that only with ``min_lr > 0``.
    """

    lr0: float
    total_epochs: float
    min_lr: float = 0.0

    def __post_init__(self) -> None:
        _check_lr0(self.lr0)
        check_range("total_epochs", self.total_epochs, 0.0, low_open=True)
        check_range("min_lr", self.min_lr, 0.0, self.lr0, high_open=False)

    def __call__(self, epoch: float) -> float:
        progress = min(_check_epoch(epoch) / self.total_epochs, 1.0)
        return self.min_lr + (self.lr0 - self.min_lr) * 0.5 * (1.0 + math.cos(math.pi * progress))


@dataclass(frozen=True)
class Warmup(Schedule):
    """Linear warm-up in front of any schedule: ``schedule(epoch) · (epoch + 1) / warmup_epochs``
    for the first ``warmup_epochs`` epochs, ``schedule(epoch)`` after.

    Early gradients of a freshly initialised network are large and unreliable (and Adam's second
    moments are still rough estimates), so the first steps are kept small. The wrapped schedule
    keeps its own clock; epoch 0 already gets a non-zero rate, since optimizers refuse lr = 0.
    ``warmup_epochs = 0`` means no warm-up.
    """

    schedule: Callable[[float], float]
    warmup_epochs: float

    def __post_init__(self) -> None:
        if not callable(self.schedule):
            raise ValueError(f"Warmup wraps a schedule (a callable epoch -> lr), got {self.schedule!r}")
        check_range("warmup_epochs", self.warmup_epochs, 0.0)

    def __call__(self, epoch: float) -> float:
        epoch = _check_epoch(epoch)
        fraction = (epoch + 1.0) / self.warmup_epochs if epoch + 1.0 < self.warmup_epochs else 1.0
        return self.schedule(epoch) * fraction


#: The schedules by registry name.
SCHEDULES: dict[str, type[Schedule]] = {
    "inverse_time": InverseTimeDecay,
    "step": StepDecay,
    "exponential": ExponentialDecay,
    "cosine": CosineDecay,
}


def get_schedule(name: str, warmup_epochs: float = 0, **params) -> Schedule:
    """Make a schedule by name, e.g. ``get_schedule("cosine", lr0=0.1, total_epochs=50)``;
    ``warmup_epochs > 0`` wraps it in a linear :class:`Warmup`."""
    cls = SCHEDULES.get(name.lower()) if isinstance(name, str) else None
    if cls is None:
        raise ValueError(f"unknown schedule {name!r}; choose one of {', '.join(SCHEDULES)}")
    allowed = [field.name for field in fields(cls)]
    unknown = sorted(set(params) - set(allowed))
    missing = [field.name for field in fields(cls) if field.name not in params and field.default is MISSING]
    if unknown or missing:
        raise ValueError(
            f"{cls.__name__} takes {', '.join(allowed)} (and warmup_epochs); "
            f"unknown: {', '.join(unknown) or 'none'}, missing: {', '.join(missing) or 'none'}"
        )
    schedule = cls(**params)
    return Warmup(schedule, warmup_epochs) if warmup_epochs else schedule
