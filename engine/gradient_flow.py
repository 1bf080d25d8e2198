"""Vanishing and exploding gradients in a deep fully connected network, measured while it trains.

A :class:`FlowConfig` names the network (depth, width, activation, initializer, batch norm,
residual connections), how it learns (learning rate, batch size, gradient clipping, greedy
layer-wise pretraining) and the task (the built-in digits or a Playground set). A
:class:`GradientFlowRun` trains one such network with the engine's :class:`~engine.train.Trainer`
and records the gradient norm of every weight layer after every step; a
:class:`GradientFlowStudy` advances one run, or two side by side for a comparison, in lockstep on
the same data and yields :class:`FlowSnapshot` tuples for the app's worker.

Depth counts weight layers: a network of depth L has weights W¹ (next to the input) to W^L (the
output layer), and L − 1 hidden layers of ``width`` units. The readout that tells vanishing from
exploding is ‖∂L/∂W¹‖ / ‖∂L/∂W^L‖.

Pretraining is the greedy recipe of the mid-2000s: each hidden layer in turn, from the input up,
is trained as the encoder of an autoencoder (a fresh linear decoder, mean squared reconstruction
error, Adam) on the outputs of the layers below it, which are already pretrained and stay fixed;
then the whole network is fine-tuned on the task.
"""
from __future__ import annotations

import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from functools import partial

import numpy as np

from .data.digits import make_digits
from .data.playground import make_dataset, to_zero_one
from .data.split import Standardizer
from .frozen import read_only_copy
from .metrics import Metric, argmax_accuracy, threshold_accuracy
from .nn.builders import mlp
from .nn.initializers import HeNormal, Initializer, Normal, VarianceScaling, XavierNormal
from .nn.layer import Layer
from .nn.layers import Activation, Dense, Residual
from .nn.losses import Loss, get_loss
from .nn.model import Sequential
from .optim.optimizers import SGD, Adam
from .train import GRADIENT_LOG10_EDGES, TrainConfig, Trainer, TrainingData

#: The activations the study offers (registry names).
FLOW_ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu", "elu")
#: The tasks: the built-in handwritten digits, or a two-class Playground set.
FLOW_TASKS = ("digits", "circle", "xor", "gaussian", "spiral", "moons")
DEPTH_RANGE = (2, 30)
WIDTH_RANGE = (8, 256)
#: Examples drawn for a task (four fifths train, one fifth validation).
TASK_SAMPLES = {"digits": 1200}
PLAYGROUND_SAMPLES = 500
#: Each epoch's loss and accuracy are measured on this many examples of each set: measuring all
#: of them took half the worker's time and froze the histograms at every epoch's end.
EVALUATION_EXAMPLES = 240
PLAYGROUND_NOISE = 0.1
#: Pretraining's autoencoders learn with Adam at this rate, whatever the fine-tuning rate.
PRETRAIN_LEARNING_RATE = 0.01


class UniformInverseSqrtFanIn(VarianceScaling):
    """U(−1/√n, 1/√n), n = fan_in: the classic default of early neural-network code (and of
    torch's Linear layer). Variance 1/(3n), a third of what keeps a linear signal's size."""

    name, scale, fan, distribution = "uniform_inverse_sqrt", 1.0 / 3.0, "fan_in", "uniform"


#: The initializers the study offers, by the name the lab stores.
FLOW_INITIALIZERS: Mapping[str, Initializer] = {
    "normal": Normal(std=1.0),  # N(0, 1)
    "small_normal": Normal(std=0.01),  # N(0, 0.01²), "small random numbers"
    "xavier": XavierNormal(),  # N(0, 2/(n_in + n_out))
    "he": HeNormal(),  # N(0, 2/n_in)
    "uniform": UniformInverseSqrtFanIn(),  # U(±1/√n_in)
}

#: Activation histograms of bounded, non-residual layers are drawn over the function's range,
#: where saturation piles up at the ends; all others over log10 |a| (exact zeros in the first bin).
BOUNDED_RANGES = {"sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0)}
VALUE_BINS = 40
ACTIVATION_LOG10_EDGES = np.linspace(-8.0, 8.0, 65)


@dataclass(frozen=True)
class FlowConfig:
    """Everything that defines one run. Changing any of it means a new network."""

    task: str = "digits"
    depth: int = 10
    width: int = 64
    activation: str = "sigmoid"
    init: str = "xavier"
    batch_norm: bool = False
    residual: bool = False
    clip_norm: float | None = None
    pretrain: bool = False
    pretrain_epochs: int = 2
    learning_rate: float = 0.1
    batch_size: int = 64

    def __post_init__(self) -> None:
        _check_choice("task", self.task, FLOW_TASKS)
        _check_choice("activation", self.activation, FLOW_ACTIVATIONS)
        _check_choice("initializer", self.init, tuple(FLOW_INITIALIZERS))
        for name, (low, high) in (("depth", DEPTH_RANGE), ("width", WIDTH_RANGE),
                                  ("pretrain_epochs", (1, 100)), ("batch_size", (2, 1000))):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not low <= value <= high:
                raise ValueError(f"{name} must be a whole number from {low} to {high}, got {value!r}")
        if self.residual and self.depth < 3:
            raise ValueError("residual connections need depth >= 3 (two hidden layers of the same "
                             f"width to connect), got depth {self.depth}")
        if self.clip_norm is not None and not (np.isfinite(self.clip_norm) and self.clip_norm > 0):
            raise ValueError(f"clip_norm must be a finite number > 0, or None for no clipping; "
                             f"got {self.clip_norm!r}")
        if not (np.isfinite(self.learning_rate) and self.learning_rate > 0):
            raise ValueError(f"learning_rate must be a finite number > 0, got {self.learning_rate!r}")

    def changed(self, **changes) -> FlowConfig:
        """A copy with ``changes`` applied (validated like a new config)."""
        unknown = set(changes) - {f.name for f in fields(self)}
        if unknown:
            raise ValueError(f"unknown settings {sorted(unknown)}; the settings are "
                             f"{', '.join(f.name for f in fields(self))}")
        return FlowConfig(**{**{f.name: getattr(self, f.name) for f in fields(self)}, **changes})


def _check_choice(name: str, value: str, choices: Sequence[str]) -> None:
    if value not in choices:
        raise ValueError(f"unknown {name} {value!r}; choose one of {', '.join(choices)}")


def comparison_preset(base: FlowConfig) -> tuple[FlowConfig, FlowConfig]:
    """The one-click comparison on ``base``'s task and size: the naive start (sigmoid, "small
    random numbers" N(0, 0.01²)) against the modern recipe (ReLU, He initialization, batch norm).

    (Sigmoid with N(0, 1) weights is naive too, but its large weights make up for σ′ ≤ 1/4 at
    widths like 64: its gradients do not vanish, its units saturate instead.)"""
    plain = dict(batch_norm=False, residual=False, pretrain=False)
    return (base.changed(activation="sigmoid", init="small_normal", **plain),
            base.changed(activation="relu", init="he", **{**plain, "batch_norm": True}))


# ----- the task -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Task:
    """Training and validation data with the loss and accuracy that fit them."""

    name: str
    data: TrainingData
    loss: Loss
    metric: Metric
    n_in: int
    n_out: int


def make_task(name: str, rng: np.random.Generator) -> Task:
    """The digits (784 pixels in [0, 1], ten classes, softmax cross-entropy) or a Playground set
    (two standardized coordinates, labels 0/1, sigmoid cross-entropy)."""
    _check_choice("task", name, FLOW_TASKS)
    if name == "digits":
        images, labels = make_digits(TASK_SAMPLES["digits"], rng)
        x = images.reshape(len(images), -1).astype(np.float64)
        y = labels
        loss, metric, n_out = get_loss("softmax_cross_entropy"), argmax_accuracy, 10
    else:
        points = make_dataset(name, PLAYGROUND_SAMPLES, PLAYGROUND_NOISE, rng)
        x, y = points.x, to_zero_one(points.y).reshape(-1, 1)
        loss, metric, n_out = get_loss("sigmoid_cross_entropy"), threshold_accuracy, 1
    split = len(x) * 4 // 5
    if name != "digits":
        scaler = Standardizer.fit(x[:split])
        x = scaler.transform(x)
    data = TrainingData(x[:split], y[:split], x[split:], y[split:])
    return Task(name, data, loss, metric, x.shape[1], n_out)


# ----- the network ----------------------------------------------------------------------------


def build_network(config: FlowConfig, n_in: int, n_out: int, rng: np.random.Generator) -> Sequential:
    """Widths [n_in, width × (depth − 1), n_out]; hidden blocks Dense → [BatchNorm] → activation,
    wrapped in x + F(x) when residual (all but the first); a linear output layer; zero biases."""
    sizes = [n_in] + [config.width] * (config.depth - 1) + [n_out]
    return mlp(sizes, activation=config.activation, init=FLOW_INITIALIZERS[config.init],
               batch_norm=config.batch_norm, residual=config.residual, rng=rng)


def weight_layer_indices(model: Sequential) -> list[int]:
    """Indices in ``model.layers`` of the layers with weights (Dense, or a residual block around
    one), first to last: the W¹ … W^L of the readouts."""
    return [i for i, layer in enumerate(model.layers) if layer.regularized]


def hidden_blocks(model: Sequential) -> list[list[Layer]]:
    """The hidden layers as the builder made them: each Dense … activation run, or a residual
    block; the output layer is not included."""
    blocks, current = [], []
    for layer in model.layers:
        current.append(layer)
        if isinstance(layer, (Activation, Residual)):
            blocks.append(current)
            current = []
    return blocks


def hidden_output_indices(model: Sequential) -> list[int]:
    """Indices of the layers whose output is a hidden layer's output (what the next layer sees)."""
    return [i for i, layer in enumerate(model.layers) if isinstance(layer, (Activation, Residual))]


def weight_gradient_norms(model: Sequential) -> np.ndarray:
    """‖∂L/∂W‖ (biases left out) of every weight layer, from the last backward pass."""
    return np.array([
        np.sqrt(sum(float(np.vdot(layer.grads[key], layer.grads[key])) for key in layer.regularized))
        for layer in (model.layers[i] for i in weight_layer_indices(model))
    ])


def gradient_norms_at_initialization(config: FlowConfig, task: Task, rng: np.random.Generator,
                                     batch: int = 256) -> np.ndarray:
    """‖∂L/∂W^l‖ for l = 1 … depth, for a fresh network on the first ``batch`` training examples
    (training mode, so batch norm uses the batch's statistics)."""
    model = build_network(config, task.n_in, task.n_out, rng)
    x, y = task.data.x_train[:batch], task.data.y_train[:batch]
    model.train()
    with np.errstate(over="ignore", invalid="ignore"):
        model.backward(task.loss.gradient(model.forward(x), y))
    return weight_gradient_norms(model)


# ----- histograms -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ActivationAxis:
    """The shared x axis of the activation histograms: ``"value"`` (the activation itself,
    over the function's range) or ``"log10"`` (log10 |activation|)."""

    kind: str
    edges: np.ndarray


def activation_axis(config: FlowConfig) -> ActivationAxis:
    bounded = BOUNDED_RANGES.get(config.activation)
    if bounded is not None and not config.residual:
        return ActivationAxis("value", np.linspace(*bounded, VALUE_BINS + 1))
    return ActivationAxis("log10", ACTIVATION_LOG10_EDGES)


def stacked_histograms(arrays: Sequence[np.ndarray], edges: np.ndarray, log10: bool = False) -> np.ndarray:
    """(len(arrays), bins) counts of each array's values (or of log10 |value|) over the evenly
    spaced ``edges``, in one pass over all of them. Values beyond the edges count in the end
    bins (an exact 0 on the log axis in the first), non-finite values are left out."""
    bins = len(edges) - 1
    values = np.concatenate([np.ravel(a) for a in arrays]) if arrays else np.zeros(0)
    rows = np.repeat(np.arange(len(arrays)), [np.size(a) for a in arrays])
    finite = np.isfinite(values)
    values, rows = values[finite], rows[finite]
    if log10:
        with np.errstate(divide="ignore"):
            values = np.log10(np.abs(values))
    position = (values - edges[0]) * (bins / (edges[-1] - edges[0]))
    index = np.clip(position, 0, bins - 1).astype(np.intp)
    counts = np.bincount(rows * bins + index, minlength=len(arrays) * bins)
    return counts.reshape(len(arrays), bins)


def layer_gradients(model: Sequential) -> list[np.ndarray]:
    """∂L/∂W of every weight layer from the last backward pass (weights only, no biases)."""
    return [np.concatenate([np.ravel(layer.grads[key]) for key in layer.regularized])
            for layer in (model.layers[i] for i in weight_layer_indices(model))]


def hidden_outputs(model: Sequential) -> list[np.ndarray]:
    """Each hidden layer's output from the last forward pass."""
    if not model.outputs:
        return []
    return [model.outputs[i] for i in hidden_output_indices(model)]


# ----- one run ------------------------------------------------------------------------------------


_frozen = partial(read_only_copy, dtype=np.float64)  # what this module's snapshots hold


@dataclass(frozen=True)
class Evaluation:
    """Losses and accuracies on the whole training and validation sets, and the training state,
    as the trainer last measured them (at the start and after every epoch)."""

    epoch: int
    status: str
    message: str
    train_loss: float
    val_loss: float
    train_metric: float
    val_metric: float

    @classmethod
    def of(cls, trainer: Trainer) -> Evaluation:
        return cls(trainer.epoch, trainer.status, trainer.message, *trainer.evaluation)


@dataclass(frozen=True)
class FlowSnapshot:
    """One run at one moment, for the views (all arrays read-only copies).

    Per weight layer (first to last): ``grad_norms``, ``update_ratios`` (‖ΔW‖/‖W‖ of the last
    measured update, NaN before the first) and ``grad_log10_counts`` over
    :data:`engine.train.GRADIENT_LOG10_EDGES`. Per hidden layer: ``activation_counts`` over
    ``activation_axis``. ``new_steps`` / ``new_step_grad_norms`` are the per-step gradient norms
    recorded since the previous snapshot, one row per training step.
    """

    config: FlowConfig
    phase: str  # "pretraining" or "training"
    pretrain_layer: int  # 1-based hidden layer being pretrained; 0 when training
    pretrain_layers: int
    pretrain_loss: float  # that layer's autoencoder's reconstruction loss (NaN when training)
    step: int
    evaluation: Evaluation
    grad_norms: np.ndarray
    update_ratios: np.ndarray
    grad_log10_counts: np.ndarray
    activation_axis: ActivationAxis
    activation_counts: np.ndarray
    new_steps: np.ndarray
    new_step_grad_norms: np.ndarray

    @property
    def ratio(self) -> float:
        """‖∂L/∂W¹‖ / ‖∂L/∂W^L‖: far below 1 when gradients vanish toward the input."""
        with np.errstate(divide="ignore", invalid="ignore"):
            return float(np.float64(self.grad_norms[0]) / np.float64(self.grad_norms[-1]))


class GradientFlowRun:
    """One network on one task: optional greedy pretraining, then training with SGD.

    The trainer does the stepping and the evaluation; this class measures what the lab shows.
    Before the first step, and after each pretrained layer, the trainer's first snapshot fills
    the gradients from one batch without changing a weight, so the views show the network as
    it starts.
    """

    def __init__(self, config: FlowConfig, task: Task, rng: np.random.Generator) -> None:
        if task.name != config.task:
            raise ValueError(f"the config asks for task {config.task!r}, got data for {task.name!r}")
        self.config = config
        self.task = task
        self.rng = rng
        self.model = build_network(config, task.n_in, task.n_out, rng)
        self.axis = activation_axis(config)
        self._depth = len(weight_layer_indices(self.model))
        self._blocks = hidden_blocks(self.model)
        self._update_ratios = np.full(self._depth, np.nan)
        self._steps: list[int] = []
        self._norm_rows: list[np.ndarray] = []
        self._pretrain_layer = 0
        self._pretrain_loss = float("nan")
        self._restart_trainer()
        self._pretraining = self._pretrain() if config.pretrain else None
        if self._pretraining is not None:
            next(self._pretraining)

    def _restart_trainer(self) -> None:
        """A trainer for the network as it is now: evaluated, with gradients from one batch."""
        config = self.config
        self.trainer = Trainer(
            self.model, self.task.loss, SGD(lr=config.learning_rate), self.task.data,
            TrainConfig(batch_size=config.batch_size, clip_norm=config.clip_norm,
                        evaluation_limit=EVALUATION_EXAMPLES),
            rng=self.rng, metric=self.task.metric,
        )
        self._evaluation = Evaluation.of(self.trainer)
        self.trainer.snapshot()  # at step 0 it fills the gradients from one batch, weights unchanged

    @property
    def phase(self) -> str:
        return "pretraining" if self._pretraining is not None else "training"

    @property
    def finished(self) -> bool:
        return self.trainer.finished

    def advance(self, measure_update: bool = False) -> None:
        """One unit of work: a pretraining step or a training step. ``measure_update`` records
        the training step's ‖ΔW‖/‖W‖ (it copies every weight, so only for reported steps)."""
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            if self._pretraining is not None:
                if next(self._pretraining, StopIteration) is StopIteration:
                    self._pretraining = None
                return
            epoch = self.trainer.epoch
            self.trainer.train_step(measure_update=measure_update)
            if measure_update:
                self._update_ratios = self.trainer.update_ratios
            if self.trainer.epoch != epoch:
                self._evaluation = Evaluation.of(self.trainer)
        self._steps.append(self.trainer.step)
        self._norm_rows.append(weight_gradient_norms(self.model))

    def _pretrain(self) -> Iterator[None]:
        """Each hidden layer from the input up as an autoencoder; yields before every step (the
        constructor runs it to the first yield, so the first layer's autoencoder is ready)."""
        config = self.config
        inputs = self.task.data.x_train
        widths = [self.task.n_in] + [config.width] * (config.depth - 1)
        mse = get_loss("mse")
        for number, block in enumerate(self._blocks, start=1):
            autoencoder = Trainer(
                Sequential([*block, Dense(config.width, widths[number - 1], self.rng)]),
                mse, Adam(lr=PRETRAIN_LEARNING_RATE), TrainingData(inputs, inputs),
                TrainConfig(batch_size=config.batch_size, clip_norm=config.clip_norm,
                            max_epochs=config.pretrain_epochs),
                rng=self.rng,
            )
            self._pretrain_layer = number
            self._pretrain_loss = Evaluation.of(autoencoder).train_loss
            while not autoencoder.finished:
                yield
                epoch = autoencoder.epoch
                autoencoder.train_step()
                if autoencoder.epoch != epoch:
                    self._pretrain_loss = Evaluation.of(autoencoder).train_loss
            encoder = Sequential(block)
            encoder.train()
            inputs = encoder.forward(inputs)
            self._restart_trainer()  # losses and gradients with this layer pretrained
        self._pretrain_layer = 0
        self._pretrain_loss = float("nan")

    def snapshot(self) -> FlowSnapshot:
        """The run now, with the per-step gradient norms recorded since the last snapshot."""
        steps, rows = self._steps, self._norm_rows
        self._steps, self._norm_rows = [], []
        depth = self._depth
        with np.errstate(over="ignore", invalid="ignore"):
            grad_counts = stacked_histograms(layer_gradients(self.model), GRADIENT_LOG10_EDGES, log10=True)
            activations = stacked_histograms(hidden_outputs(self.model), self.axis.edges,
                                             log10=self.axis.kind == "log10")
            norms = weight_gradient_norms(self.model)
        return FlowSnapshot(
            config=self.config,
            phase=self.phase,
            pretrain_layer=self._pretrain_layer,
            pretrain_layers=len(self._blocks),
            pretrain_loss=self._pretrain_loss,
            step=self.trainer.step,
            evaluation=self._evaluation,
            grad_norms=_frozen(norms),
            update_ratios=_frozen(self._update_ratios),
            grad_log10_counts=_frozen(grad_counts),
            activation_axis=self.axis,
            activation_counts=_frozen(activations),
            new_steps=_frozen(steps),
            new_step_grad_norms=_frozen(np.array(rows).reshape(len(rows), depth)),
        )




# ----- one run or two, in lockstep ------------------------------------------------------------


class GradientFlowStudy:
    """One run, or two side by side, on the same data and from the same random draws, so that
    a comparison differs only in the settings."""

    def __init__(self, configs: Sequence[FlowConfig], seed: int,
                 tasks: Mapping[str, Task] | None = None) -> None:
        """``tasks`` reuses data made earlier (by name); missing tasks are made from ``seed``."""
        if not 1 <= len(configs) <= 2:
            raise ValueError(f"a study has one run or two (a comparison), got {len(configs)}")
        self.seed = seed
        self.tasks = dict(tasks or {})
        for config in configs:
            if config.task not in self.tasks:
                self.tasks[config.task] = make_task(config.task, np.random.default_rng([seed, 0]))
        self.runs = [GradientFlowRun(config, self.tasks[config.task], np.random.default_rng([seed, 1]))
                     for config in configs]

    @property
    def finished(self) -> bool:
        return all(run.finished for run in self.runs)

    def snapshot(self) -> tuple[FlowSnapshot, ...]:
        return tuple(run.snapshot() for run in self.runs)

    def advance(self, units: int = 1) -> tuple[FlowSnapshot, ...]:
        """``units`` steps of every unfinished run, then a snapshot of all."""
        for unit in range(units):
            for run in self.runs:
                if not run.finished:
                    run.advance(measure_update=unit == units - 1)
        return self.snapshot()

    def run(self, report_interval: float = 1 / 30) -> Iterator[tuple[FlowSnapshot, ...] | None]:
        """Advance until every run has finished (diverged), yielding None after each unit and
        a snapshot tuple at most every ``report_interval`` seconds, and one at the end."""
        next_report = time.perf_counter() + report_interval
        while not self.finished:
            now = time.perf_counter()
            report = now >= next_report
            for run in self.runs:
                if not run.finished:
                    run.advance(measure_update=report)
            if report or self.finished:
                # Counted from the decision, not from the end of the snapshot, so that slow
                # steps and snapshots do not stretch the interval.
                next_report = now + report_interval
                yield self.snapshot()
            else:
                yield None
