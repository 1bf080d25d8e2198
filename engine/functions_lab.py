"""The numbers behind the Functions lab: flat zones, gradients through depth, softmax with a
temperature, losses point by point, and the MSE-versus-cross-entropy race.

Everything is computed with the engine's own activations and losses (``engine.nn``), so what the
lab draws is exactly what a network trained in the other labs uses; nothing here re-implements a
formula. The desktop lab only plots these arrays.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import partial

import numpy as np

from .frozen import read_only_copy
from .metrics import threshold_accuracy
from .nn.activations import ActivationFunction, get_activation
from .nn.layers import Activation, Dense
from .nn.losses import Loss, get_loss
from .nn.model import Sequential
from .optim.optimizers import SGD

#: The activations the lab offers, in the order it lists them (registry names).
LAB_ACTIVATIONS = (
    "step", "linear", "sigmoid", "tanh", "relu", "leaky_relu", "prelu", "elu", "softplus",
)


_frozen = partial(read_only_copy, dtype=np.float64)  # what this module's snapshots hold


# ----- activations ------------------------------------------------------------------------------


def saturation_zones(x: np.ndarray, derivative: np.ndarray,
                     threshold: float) -> list[tuple[float, float]]:
    """The intervals of the sorted grid ``x`` where |f′(x)| < ``threshold``: the flat parts of f
    where almost no gradient gets through (sigmoid beyond |x| ≈ 3, ReLU below 0)."""
    if not threshold > 0:
        raise ValueError(f"threshold must be > 0, got {threshold!r}")
    flat = np.abs(derivative) < threshold
    # Starts and ends of the runs of True, as indices into x.
    edges = np.flatnonzero(np.diff(np.concatenate(([0], flat.view(np.int8), [0]))))
    return [(float(x[start]), float(x[stop - 1])) for start, stop in zip(edges[::2], edges[1::2])]


def softmax_with_temperature(logits: np.ndarray, temperature: float) -> np.ndarray:
    """softmax(z / T): a high temperature flattens the probabilities, a low one sharpens them
    towards the arg-max."""
    if not temperature > 0:
        raise ValueError(f"temperature must be > 0, got {temperature!r}")
    return get_activation("softmax").value(np.asarray(logits, dtype=float) / temperature)


# ----- losses -----------------------------------------------------------------------------------


def example_gradients(loss: Loss, predictions: np.ndarray, target: float) -> np.ndarray:
    """d loss / d prediction for ONE example, at each of ``predictions`` (vectorized).

    Engine losses average over a batch of n entries, so each entry's gradient is 1/n of its own
    term's; every loss here is such a mean of elementwise terms, so n × the batch gradient is
    exactly the per-example gradient (e.g. 2(p − y) for MSE).
    """
    predictions = np.asarray(predictions, dtype=float)
    return loss.gradient(predictions, np.full_like(predictions, target)) * predictions.size


def pointwise_loss(loss: Loss, predictions: np.ndarray,
                   target: float) -> tuple[np.ndarray, np.ndarray]:
    """The loss of ONE example and its gradient, at each of ``predictions``: the curves a student
    writes down, (p − y)² and 2(p − y) for MSE, rather than batch averages."""
    predictions = np.asarray(predictions, dtype=float)
    targets = np.full_like(predictions, target)
    values = np.array([loss.value(p, t) for p, t in zip(predictions[:, None], targets[:, None])])
    return values, example_gradients(loss, predictions, target)


def logit_gradients(logits: np.ndarray, target: float = 1.0) -> dict[str, np.ndarray]:
    """d loss / d z for one example with a sigmoid output p = σ(z), for MSE on p and for
    cross-entropy, at each logit z.

    MSE's chain rule multiplies by σ′(z), which is almost 0 when the answer is confidently wrong:
    the worse the mistake, the smaller the push. Cross-entropy's gradient is p − y, largest exactly
    then. (Keys: ``"mse"`` and ``"cross_entropy"``.)
    """
    z = np.asarray(logits, dtype=float)
    sigmoid = get_activation("sigmoid")
    mse_wrt_p = example_gradients(get_loss("mse"), sigmoid.value(z), target)
    return {
        "mse": mse_wrt_p * sigmoid.derivative(z),
        "cross_entropy": example_gradients(get_loss("sigmoid_cross_entropy"), z, target),
    }


# ----- gradients through depth ------------------------------------------------------------------


@dataclass(frozen=True)
class DepthProducts:
    """|∏ₗ f′(zₗ)| along many random paths through a deep network, for every depth.

    Backpropagation multiplies one derivative per layer; this isolates that factor (the weights
    are left out), so "sigmoid′ ≤ 0.25, hence at most 0.25^L after L layers" can be seen directly.
    """

    #: (samples, max_depth): column L − 1 holds the products over the first L layers.
    products: np.ndarray

    @property
    def max_depth(self) -> int:
        return self.products.shape[1]

    def at(self, depth: int) -> np.ndarray:
        """The products over ``depth`` layers, one per random path."""
        if not 1 <= depth <= self.max_depth:
            raise ValueError(f"depth must be between 1 and {self.max_depth}, got {depth!r}")
        return self.products[:, depth - 1]

    def zero_fraction(self) -> np.ndarray:
        """For each depth, the share of paths whose product is exactly 0 (a dead ReLU on the way)."""
        return np.mean(self.products == 0, axis=0)

    def typical(self) -> np.ndarray:
        """For each depth, the typical size of a non-zero product: the geometric mean (the mean
        of log|∏|, the centre of the histogram on a log axis); NaN where every product is 0."""
        nonzero = self.products > 0
        with np.errstate(divide="ignore", invalid="ignore"):
            logs = np.where(nonzero, np.log10(np.where(nonzero, self.products, 1.0)), 0.0)
            return 10.0 ** (logs.sum(axis=0) / nonzero.sum(axis=0))

    def log10_range(self) -> tuple[float, float]:
        """The smallest and largest log10 of a non-zero product at any depth (for histogram edges
        that stay put while the depth changes); (0, 0) if every product is 0."""
        nonzero = self.products[self.products > 0]
        if nonzero.size == 0:
            return 0.0, 0.0
        return float(np.log10(nonzero.min())), float(np.log10(nonzero.max()))

    def log10_histogram(self, depth: int, edges: np.ndarray) -> np.ndarray:
        """Counts of log10|∏| over ``edges`` at ``depth``; zero products are left out (see
        :meth:`zero_fraction`), values beyond the edges land in the first or last bin."""
        values = self.at(depth)
        logs = np.log10(values[values > 0])
        return np.histogram(np.clip(logs, edges[0], edges[-1]), bins=edges)[0]


def depth_products(activation: ActivationFunction, max_depth: int, samples: int,
                   rng: np.random.Generator, spread: float = 1.0) -> DepthProducts:
    """Products of f′ over independent pre-activations zₗ ~ N(0, spread²), for depths 1..max_depth."""
    if not 1 <= max_depth <= 1000:
        raise ValueError(f"max_depth must be between 1 and 1000, got {max_depth!r}")
    if samples < 1:
        raise ValueError(f"samples must be at least 1, got {samples!r}")
    if not spread > 0:
        raise ValueError(f"spread must be > 0, got {spread!r}")
    z = rng.normal(0.0, spread, size=(samples, max_depth))
    products = np.cumprod(np.abs(activation.derivative(z)), axis=1)
    products.flags.writeable = False
    return DepthProducts(products)


# ----- the race: MSE against cross-entropy --------------------------------------------------------

#: The two contestants: the same logistic model, trained on mean squared error of the sigmoid
#: output, or on cross-entropy (of the logit, the stable form).
RACE_RUNS = ("mse", "cross_entropy")
#: What both runs are measured by, whichever loss they train on.
RACE_YARDSTICKS = ("mse", "cross_entropy", "error_rate")


@dataclass(frozen=True)
class RaceSnapshot:
    """The race so far: every yardstick for both runs at every step."""

    step: int
    max_steps: int
    #: 0, 1, ..., step.
    steps: np.ndarray
    #: history[run][yardstick][i] is the run's score after ``steps[i]`` steps.
    history: Mapping[str, Mapping[str, np.ndarray]]

    @property
    def finished(self) -> bool:
        return self.step >= self.max_steps

    def steps_to_reach(self, run: str, yardstick: str, level: float) -> int | None:
        """The first step at which ``run`` scores below ``level``, or None if it has not yet."""
        below = np.flatnonzero(self.history[run][yardstick] < level)
        return int(self.steps[below[0]]) if below.size else None


class LossRace:
    """One logistic model p = σ(w·x + b), copied twice, starting badly wrong: one copy learns
    from MSE on p, the other from cross-entropy. Same data, same start, same learning rate.

    The data are points on a line, class 1 for x > 0; the start puts the logit of a typical
    point ``wrongness`` units on the wrong side, so every prediction is confidently wrong.
    """

    def __init__(self, rng: np.random.Generator, *, learning_rate: float = 1.0,
                 wrongness: float = 6.0, samples: int = 100, max_steps: int = 300) -> None:
        if not np.isfinite(learning_rate) or learning_rate <= 0:
            raise ValueError(f"learning_rate must be a finite number > 0, got {learning_rate!r}")
        if not 0 <= wrongness <= 50:
            raise ValueError(f"wrongness must be between 0 and 50, got {wrongness!r}")
        if samples < 2:
            raise ValueError(f"samples must be at least 2, got {samples!r}")
        if max_steps < 1:
            raise ValueError(f"max_steps must be at least 1, got {max_steps!r}")
        self.max_steps = int(max_steps)
        sign = np.where(np.arange(samples) % 2 == 0, 1.0, -1.0)
        self.x = (sign * rng.uniform(0.5, 1.5, samples)).reshape(-1, 1)
        self.y = (self.x > 0).astype(float)
        self.step_count = 0
        self._losses = {"mse": get_loss("mse"), "cross_entropy": get_loss("sigmoid_cross_entropy")}
        self._models: dict[str, Sequential] = {}
        self._optimizers: dict[str, SGD] = {}
        for run in RACE_RUNS:
            dense = Dense(1, 1, rng)
            dense.W[...] = -wrongness
            dense.b[...] = 0.0
            layers = [dense, Activation("sigmoid")] if run == "mse" else [dense]
            self._models[run] = Sequential(layers)
            self._optimizers[run] = SGD(lr=learning_rate)
        self._history = {run: {name: [] for name in RACE_YARDSTICKS} for run in RACE_RUNS}
        self._record()

    def logits(self, run: str) -> np.ndarray:
        """The run's logits w·x + b on the data (its first layer's output)."""
        return self._models[run].layers[0].forward(self.x)

    def step(self) -> None:
        """One full-batch gradient-descent step for both runs."""
        for run in RACE_RUNS:
            model, loss = self._models[run], self._losses[run]
            model.backward(loss.gradient(model.forward(self.x), self.y))
            self._optimizers[run].step(model.parameters(), model.gradients())
        self.step_count += 1
        self._record()

    def _record(self) -> None:
        sigmoid = get_activation("sigmoid")
        for run in RACE_RUNS:
            z = self.logits(run)
            scores = self._history[run]
            scores["mse"].append(self._losses["mse"].value(sigmoid.value(z), self.y))
            scores["cross_entropy"].append(self._losses["cross_entropy"].value(z, self.y))
            scores["error_rate"].append(1.0 - threshold_accuracy(z, self.y))

    def snapshot(self) -> RaceSnapshot:
        return RaceSnapshot(
            step=self.step_count,
            max_steps=self.max_steps,
            steps=_frozen(np.arange(self.step_count + 1)),
            history={run: {name: _frozen(values) for name, values in scores.items()}
                     for run, scores in self._history.items()},
        )

    def run(self) -> Iterator[RaceSnapshot]:
        """Step until ``max_steps``, yielding a snapshot after every step."""
        while self.step_count < self.max_steps:
            self.step()
            yield self.snapshot()
