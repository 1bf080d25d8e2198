"""Optimizers racing on a surface: each one's path, step by step, with what a view draws.

A :class:`Racer` is one method walking from the start point. After every step it records the
point, the loss, the exact gradient there (for the −∇f arrow and the |∇f| readout), its velocity
where the method keeps one, the length of the step it just took and the learning rate it used.
A :class:`Race` steps several racers together and describes itself in an immutable
:class:`RaceFrame` that can cross to another thread.

The point is the parameter ``"xy"`` of a first-order engine optimizer, updated in place exactly
as a network's weights are; Newton and BFGS step the point through the surface's exact Hessian
and gradient (the engine's Objective protocol).

The velocity is the method's running average of gradients, in gradient units so that it can be
drawn on the same scale as −∇f: −(momentum buffer) for Momentum and Nesterov, −m̂ (Adam's
bias-corrected first moment) for Adam.

Divergence is a state, not an error: a racer whose point or loss stops being finite, or that
runs further than ``ESCAPE_SPANS`` surface sizes from the start (down the saddle, say), stops
with status "diverged" and a message; the others race on.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..optim.schedules import get_schedule
from ..optim.validation import check_count
from .methods import Method, default_hyperparameters, get_method
from .surfaces import Surface

#: A racer further than this many surface sizes from its start has left for good.
ESCAPE_SPANS = 1000.0
#: Largest number of steps a race keeps (memory for the paths stays bounded).
MAX_STEPS = 20_000


@dataclass(frozen=True)
class ScheduleChoice:
    """A learning-rate decay from engine.optim.schedules by name, without its ``lr0``: each racer
    decays its own learning rate. One step of the race counts as one epoch of the schedule."""

    name: str
    params: Mapping[str, float] = field(default_factory=dict)

    def for_rate(self, lr0: float):
        return get_schedule(self.name, lr0=lr0, **self.params)

    def curve(self, lr0: float, steps: int) -> np.ndarray:
        """The learning rate of steps 0 … steps − 1, for a plot."""
        schedule = self.for_rate(lr0)
        return np.array([schedule(t) for t in range(check_count("steps", steps))])


@dataclass(frozen=True)
class RacerConfig:
    """One entrant: a method name and its hyperparameters (missing ones take the defaults)."""

    method: str
    hyperparameters: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class RacerFrame:
    """One racer's path so far (``points[k]`` after k steps) and its current state. Arrays are
    read-only copies. ``velocity`` is None for methods without one; ``step_lengths[k]`` is the
    length of step k + 1 and ``rates[k]`` the learning rate it used (NaN for BFGS)."""

    method: str
    points: np.ndarray
    losses: np.ndarray
    gradient: np.ndarray
    velocity: np.ndarray | None
    step_lengths: np.ndarray
    rates: np.ndarray
    status: str  # "running", "diverged" or "finished"
    message: str

    @property
    def point(self) -> np.ndarray:
        return self.points[-1]

    @property
    def gradient_norm(self) -> float:
        return float(np.linalg.norm(self.gradient))

    @property
    def last_step_length(self) -> float:
        return float(self.step_lengths[-1]) if len(self.step_lengths) else 0.0

    def directional_derivative(self, direction: Sequence[float]) -> tuple[float, float]:
        """The slope D_u f = ∇f·u/|u| = |∇f|·cos θ at the current point along ``direction``,
        and the angle θ (degrees) between ``direction`` and the gradient (NaN where ∇f = 0).
        ValueError for a zero direction."""
        u = np.asarray(direction, dtype=np.float64)
        length = float(np.linalg.norm(u))
        if not length > 0:
            raise ValueError("the direction must have a non-zero length")
        slope = float(self.gradient @ u) / length
        norm = self.gradient_norm
        angle = float(np.degrees(np.arccos(np.clip(slope / norm, -1.0, 1.0)))) if norm > 0 else float("nan")
        return slope, angle


@dataclass(frozen=True)
class RaceFrame:
    step: int
    racers: tuple[RacerFrame, ...]

    @property
    def running(self) -> bool:
        return any(r.status == "running" for r in self.racers)


def _frozen(array) -> np.ndarray:
    copy = np.array(array, dtype=np.float64)
    copy.flags.writeable = False
    return copy


class _Record:
    """A racer's history as one growing table, one row per point: x, y, loss, then the length
    and learning rate of the step that led there (NaN in row 0). Rows are appended in amortised
    constant time, and a frame copies the filled part in one go."""

    _COLUMNS = 5

    def __init__(self, point: np.ndarray, loss: float) -> None:
        self._table = np.empty((256, self._COLUMNS))
        self._table[0] = (point[0], point[1], loss, np.nan, np.nan)
        self.size = 1

    def append(self, x: float, y: float, loss: float, length: float, rate: float) -> None:
        if self.size == len(self._table):
            self._table = np.concatenate([self._table, np.empty_like(self._table)])
        self._table[self.size] = (x, y, loss, length, rate)
        self.size += 1

    @property
    def rows(self) -> np.ndarray:
        return self._table[: self.size]


class Racer:
    """One method's walk over ``surface`` from ``start``."""

    def __init__(
        self,
        method: Method | str,
        surface: Surface,
        start: Sequence[float],
        rng: np.random.Generator,
        hyperparameters: Mapping[str, float] | None = None,
        schedule: ScheduleChoice | None = None,
    ) -> None:
        self.method = get_method(method) if isinstance(method, str) else method
        self.surface = surface
        self.rng = rng
        settings = {**default_hyperparameters(self.method, surface), **(hyperparameters or {})}
        self.optimizer = self.method.build(settings)
        self.schedule = schedule.for_rate(settings["lr"]) if schedule is not None and "lr" in settings else None
        self._params = {"xy": np.array(start, dtype=np.float64)}
        if self._params["xy"].shape != (2,) or not np.isfinite(self._params["xy"]).all():
            raise ValueError(f"the start point must be two finite numbers, got {start!r}")
        self._start = self._params["xy"].copy()
        self._escape_distance = ESCAPE_SPANS * surface.span
        self.status, self.message = "running", ""
        self._record = _Record(self._start, float(surface.value(self._start)))
        self.gradient = surface.gradient(self._start)
        self.velocity = np.zeros(2) if self._has_velocity() else None

    def _has_velocity(self) -> bool:
        kind = self.method.optimizer
        return kind == "adam" or (kind == "sgd" and self.optimizer.momentum > 0)

    @property
    def point(self) -> np.ndarray:
        return self._params["xy"]

    @property
    def points(self) -> np.ndarray:
        """Every point so far (a live view: copy it to keep it)."""
        return self._record.rows[:, :2]

    @property
    def losses(self) -> np.ndarray:
        return self._record.rows[:, 2]

    @property
    def step_lengths(self) -> np.ndarray:
        return self._record.rows[1:, 3]

    @property
    def rates(self) -> np.ndarray:
        return self._record.rows[1:, 4]

    def step(self) -> None:
        """Take one step (nothing once diverged)."""
        if self.status != "running":
            return
        if self.schedule is not None:
            rate = self.schedule(self._record.size - 1)
            if not rate > 0:  # a cosine decay ends at 0, where no optimizer moves
                self.stop("the learning-rate schedule has reached 0")
                return
            self.optimizer.lr = rate
        x0, y0 = self.point.tolist()
        with np.errstate(all="ignore"):
            rate = self._take_step()
            loss = float(self.surface.value(self.point))
            gradient = self.surface.gradient(self.point)
        x, y = self.point.tolist()
        start_x, start_y = self._start.tolist()
        escaped = math.hypot(x - start_x, y - start_y) > self._escape_distance
        finite = all(math.isfinite(v) for v in (x, y, loss, *gradient.tolist()))
        if escaped or not finite:
            self.status = "diverged"
            self.message = (
                f"{self.method.name} diverged at step {self._record.size}: "
                + ("it ran off the surface" if escaped and math.isfinite(loss) else "the loss became infinite or NaN")
                + "; lower the learning rate or choose another start point"
            )
            self._params["xy"][...] = (x0, y0)
            return
        self._record.append(x, y, loss, math.hypot(x - x0, y - y0), rate)
        self.gradient = gradient
        if self.velocity is not None:
            self.velocity = self._current_velocity()

    def _take_step(self) -> float:
        """Move the point; return the learning rate used (NaN if the method has none)."""
        optimizer, surface = self.optimizer, self.surface
        if self.method.second_order:
            self._params["xy"][...] = optimizer.step(self.point, surface)
            return getattr(optimizer, "lr", float("nan"))
        gradient = surface.stochastic_gradient(self.point, self.rng) if self.method.stochastic else self.gradient
        optimizer.step(self._params, {"xy": gradient})
        return optimizer.lr

    def _current_velocity(self) -> np.ndarray:
        state = self.optimizer.state["xy"]
        if "momentum_buffer" in state:
            return -state["momentum_buffer"]
        beta1 = self.optimizer.betas[0]
        return -state["exp_avg"] / (1.0 - beta1 ** state["step"])

    def stop(self, message: str) -> None:
        if self.status == "running":
            self.status, self.message = "finished", message

    def frame(self) -> RacerFrame:
        rows = _frozen(self._record.rows)  # one copy; the fields below are read-only views of it
        return RacerFrame(
            method=self.method.name,
            points=rows[:, :2],
            losses=rows[:, 2],
            gradient=_frozen(self.gradient),
            velocity=None if self.velocity is None else _frozen(self.velocity),
            step_lengths=rows[1:, 3],
            rates=rows[1:, 4],
            status=self.status,
            message=self.message,
        )


class Race:
    """Several racers from one start point on one surface, stepped together."""

    def __init__(
        self,
        surface: Surface,
        start: Sequence[float],
        entrants: Sequence[RacerConfig],
        rng: np.random.Generator,
        schedule: ScheduleChoice | None = None,
    ) -> None:
        if not entrants:
            raise ValueError("a race needs at least one method; choose one or more")
        self.surface = surface
        self.racers = [
            Racer(entrant.method, surface, start, rng, entrant.hyperparameters, schedule) for entrant in entrants
        ]
        self.step_count = 0

    @property
    def finished(self) -> bool:
        return all(r.status != "running" for r in self.racers)

    def advance(self, steps: int = 1) -> RaceFrame:
        """Step every racer ``steps`` times (fewer if the race ends) and describe the result."""
        for _ in range(check_count("steps", steps)):
            if self.finished:
                break
            for racer in self.racers:
                racer.step()
            self.step_count += 1
            if self.step_count >= MAX_STEPS:
                for racer in self.racers:
                    racer.stop(f"stopped after {MAX_STEPS} steps, the longest race kept")
        return self.frame()

    def frame(self) -> RaceFrame:
        return RaceFrame(self.step_count, tuple(racer.frame() for racer in self.racers))
