"""The Playground task: TensorFlow Playground's experiment, as one validated configuration and
one training session.

:class:`PlaygroundConfig` is everything a student can set, frozen and checked: the data (which
set, noise, train/test ratio, seed), the network (input features, hidden layers and their
activations, initializer, dropout, batch norm) and the training (learning rate, batch size,
optimizer, regularization, schedule, early stopping, a stop after N epochs). Defaults and ranges
are TensorFlow Playground's where it has them; our extensions are marked. A bad value raises
ValueError saying what is allowed, so the app can show the message next to the control.

:class:`PlaygroundSession` turns a configuration into data, a model and a :class:`Trainer`, and
keeps training across changes: a *live* change (learning rate, regularization, batch size,
optimizer, schedule, early stopping, epoch limit) goes into the running trainer; anything else
(data, features, architecture, initialization) starts a new run. Each :class:`Frame` it reports
carries the trainer's Snapshot plus what the Playground draws: the output over the input square
(the decision map) and every hidden neuron's output over a small grid (the mini maps).

Conventions kept from TensorFlow Playground so that its lessons carry over unchanged:

* points in [-6, 6]², 500 of them for classification and 1200 for regression, split after
  shuffling into the first ``train_percent`` % for training and the rest for testing;
* weights drawn from U(-0.5, 0.5) and biases starting at 0.1 (initializer ``"playground"``);
* binary labels ±1 with a tanh output, regression with a linear output, and the squared error
  ½(p − y)² averaged over the points (:class:`HalfSquaredError`), so learning rates and loss
  values mean the same as in the Playground;
* L1/L2 rates applied per weight (m = 1).
"""
from __future__ import annotations

import dataclasses
import numbers
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from .data.features import FEATURES, feature_matrix
from .data.playground import DATASETS, MAX_NOISE, PLAYGROUND_DOMAIN, make_dataset, to_zero_one
from .metrics import argmax_accuracy, sign_accuracy, threshold_accuracy
from .nn.activations import ACTIVATIONS, softmax
from .nn.builders import mlp
from .nn.initializers import INITIALIZERS, Constant
from .nn.layers import Activation, Dense
from .nn.losses import Loss, get_loss
from .nn.regularizers import get_regularizer
from .optim.optimizer import Optimizer
from .optim.optimizers import SGD, Adagrad, Adam, RMSprop
from .optim.schedules import Warmup, get_schedule
from .train import Snapshot, TrainConfig, Trainer, TrainingData

# ----- the choices the Playground offers ---------------------------------------------------------

#: TensorFlow Playground's learning-rate menu.
LEARNING_RATES = (0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
#: TensorFlow Playground's regularization-rate menu.
REGULARIZATION_RATES = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
REGULARIZATIONS = ("none", "l1", "l2")
#: The four activations of TensorFlow Playground's menu; any of HIDDEN_ACTIVATIONS is accepted.
PLAYGROUND_ACTIVATIONS = ("relu", "tanh", "sigmoid", "linear")
#: Every elementwise activation of the engine (softmax mixes units, so it is for outputs only).
HIDDEN_ACTIVATIONS = tuple(name for name in ACTIVATIONS if name != "softmax")
#: Datasets of each problem type, in the order the Playground shows them (then ours).
CLASSIFICATION_DATASETS = ("circle", "xor", "gaussian", "spiral", "moons", "spiral3", "spiral4", "spiral5")
REGRESSION_DATASETS = ("plane", "multi_gaussian")
PROBLEMS = ("classification", "regression")
LOSSES = ("mse", "cross_entropy")
OPTIMIZERS = ("sgd", "momentum", "nesterov", "rmsprop", "adagrad", "adam")
#: Initializers offered for the weights ("playground" is TensorFlow Playground's U(-0.5, 0.5)).
WEIGHT_INITIALIZERS = tuple(name for name in INITIALIZERS if name != "constant")
SCHEDULES = ("constant", "step", "exponential", "inverse_time", "cosine")

NOISE_RANGE = (0, round(100 * MAX_NOISE))  # percent
TRAIN_PERCENT_RANGE = (10, 90)
#: TensorFlow Playground's limits; ours (below) go further.
PLAYGROUND_MAX_HIDDEN_LAYERS = 6
PLAYGROUND_MAX_NEURONS = 8
PLAYGROUND_MAX_BATCH_SIZE = 30
MAX_HIDDEN_LAYERS = 8
MAX_NEURONS = 16
MAX_LEARNING_RATE = 10.0
MAX_REGULARIZATION_RATE = 10.0
MAX_DROPOUT = 0.9
#: A new hidden layer starts with this many neurons (as in the Playground).
NEW_LAYER_NEURONS = 2
SAMPLES = {"classification": 500, "regression": 1200}

#: Resolution of the output map (a square grid over PLAYGROUND_DOMAIN) and of each neuron's map.
OUTPUT_RESOLUTION = 100
NEURON_RESOLUTION = 32


# ----- validation helpers ------------------------------------------------------------------------

def _whole(name: str, value: object, low: int, high: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) \
            or value < low or (high is not None and value > high):
        allowed = f"from {low} to {high}" if high is not None else f"at least {low}"
        raise ValueError(f"{name} must be a whole number {allowed}, got {value!r}")
    return int(value)


def _number(name: str, value: object, low: float, high: float, low_open: bool = False,
            high_open: bool = False) -> float:
    above = (lambda v: v > low) if low_open else (lambda v: v >= low)
    below = (lambda v: v < high) if high_open else (lambda v: v <= high)
    if isinstance(value, bool) or not isinstance(value, numbers.Real) \
            or not np.isfinite(value) or not (above(value) and below(value)):
        interval = f"{'(' if low_open else '['}{low:g}, {high:g}{')' if high_open else ']'}"
        raise ValueError(f"{name} must be a number in {interval}, got {value!r}")
    return float(value)


def _choice(name: str, value: object, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ValueError(f"unknown {name} {value!r}; choose one of: {', '.join(allowed)}")
    return value


# ----- the configuration -------------------------------------------------------------------------

@dataclass(frozen=True)
class PlaygroundConfig:
    """Everything the Playground lets a student choose; validated on creation."""

    # data
    dataset: str = "circle"
    noise: int = 0  # percent, 0..50
    train_percent: int = 50  # 10..90
    seed: int = 0  # draws the data; "regenerate" picks the next one
    # network
    features: tuple[str, ...] = ("x1", "x2")
    hidden: tuple[int, ...] = (4, 2)
    activation: str = "tanh"
    #: Per-hidden-layer overrides of ``activation`` (ours); None or a missing entry = the default.
    layer_activations: tuple[str | None, ...] = ()
    loss: str = "mse"  # "cross_entropy" (ours): sigmoid / softmax output with cross-entropy
    initializer: str = "playground"
    weight_seed: int = 0  # draws the weights and the shuffling; "reset with new weights" moves it on
    dropout: float = 0.0
    batch_norm: bool = False
    # training: these may change while training runs (see LIVE_FIELDS)
    learning_rate: float = 0.03
    batch_size: int = 10
    optimizer: str = "sgd"
    momentum: float = 0.9  # momentum and nesterov
    beta1: float = 0.9  # adam
    beta2: float = 0.999  # adam
    rho: float = 0.99  # rmsprop's moving-average factor (torch's alpha)
    epsilon: float = 1e-8  # rmsprop, adagrad, adam
    regularization: str = "none"
    regularization_rate: float = 0.0
    schedule: str = "constant"
    #: Epochs per halving (step, exponential, inverse_time) or to the end of the cosine.
    schedule_epochs: int = 100
    warmup_epochs: int = 0
    #: Early stopping: stop after this many epochs without a better test loss (None = off).
    patience: int | None = None
    max_epochs: int | None = None  # stop after this many epochs (None = never)

    def __post_init__(self) -> None:
        _choice("data set", self.dataset, CLASSIFICATION_DATASETS + REGRESSION_DATASETS)
        _whole("noise (%)", self.noise, *NOISE_RANGE)
        _whole("training ratio (%)", self.train_percent, *TRAIN_PERCENT_RANGE)
        _whole("seed", self.seed, 0)
        self._check_features()
        self._check_network()
        _number("learning rate", self.learning_rate, 0.0, MAX_LEARNING_RATE, low_open=True)
        _whole(f"batch size (with {self.n_train} training points)", self.batch_size, 1, self.n_train)
        self._check_optimizer()
        _choice("regularization", self.regularization, REGULARIZATIONS)
        _number("regularization rate", self.regularization_rate, 0.0, MAX_REGULARIZATION_RATE)
        _choice("learning-rate schedule", self.schedule, SCHEDULES)
        _whole("schedule length (epochs)", self.schedule_epochs, 1)
        _whole("warm-up (epochs)", self.warmup_epochs, 0)
        if self.patience is not None:
            _whole("early-stopping patience (epochs)", self.patience, 1)
        if self.max_epochs is not None:
            _whole("stop after (epochs)", self.max_epochs, 1)

    def _check_features(self) -> None:
        if not isinstance(self.features, tuple) or not self.features:
            raise ValueError(f"choose at least one input feature from: {', '.join(FEATURES)}")
        for name in self.features:
            _choice("feature", name, tuple(FEATURES))
        if len(set(self.features)) != len(self.features):
            raise ValueError(f"each feature may be chosen once, got {list(self.features)}")

    def _check_network(self) -> None:
        if not isinstance(self.hidden, tuple) or len(self.hidden) > MAX_HIDDEN_LAYERS:
            raise ValueError(f"hidden must be a tuple of 0 to {MAX_HIDDEN_LAYERS} layer widths, "
                             f"got {self.hidden!r}")
        for index, width in enumerate(self.hidden):
            _whole(f"neurons in hidden layer {index + 1}", width, 1, MAX_NEURONS)
        _choice("activation", self.activation, HIDDEN_ACTIVATIONS)
        if not isinstance(self.layer_activations, tuple) or len(self.layer_activations) > len(self.hidden):
            raise ValueError(f"layer_activations gives {len(self.layer_activations)} activations "
                             f"for {len(self.hidden)} hidden layers; give at most one per layer")
        for name in self.layer_activations:
            if name is not None:
                _choice("activation", name, HIDDEN_ACTIVATIONS)
        _choice("loss", self.loss, LOSSES)
        if self.loss == "cross_entropy" and self.problem == "regression":
            raise ValueError("cross-entropy needs a classification data set; regression uses "
                             "the squared error (mse)")
        _choice("initializer", self.initializer, WEIGHT_INITIALIZERS)
        _whole("weight seed", self.weight_seed, 0)
        _number("dropout rate", self.dropout, 0.0, MAX_DROPOUT)
        if not isinstance(self.batch_norm, bool):
            raise ValueError(f"batch_norm must be True or False, got {self.batch_norm!r}")

    def _check_optimizer(self) -> None:
        _choice("optimizer", self.optimizer, OPTIMIZERS)
        _number("momentum", self.momentum, 0.0, 1.0, high_open=True)
        if self.optimizer == "nesterov" and self.momentum == 0:
            raise ValueError("Nesterov momentum needs momentum > 0 (e.g. 0.9)")
        _number("beta1", self.beta1, 0.0, 1.0, high_open=True)
        _number("beta2", self.beta2, 0.0, 1.0, high_open=True)
        _number("rho", self.rho, 0.0, 1.0, high_open=True)
        _number("epsilon", self.epsilon, 0.0, 1.0, low_open=True)

    # ----- derived ------------------------------------------------------------------------------

    @property
    def task(self) -> str:
        """"binary", "multiclass" or "regression" (from the data set)."""
        return DATASETS[self.dataset].task

    @property
    def problem(self) -> str:
        """"classification" or "regression", the Playground's "problem type"."""
        return "regression" if self.task == "regression" else "classification"

    @property
    def n_classes(self) -> int | None:
        return DATASETS[self.dataset].n_classes

    @property
    def n_samples(self) -> int:
        return SAMPLES[self.problem]

    @property
    def n_train(self) -> int:
        return self.n_samples * self.train_percent // 100

    @property
    def n_outputs(self) -> int:
        return self.n_classes if self.task == "multiclass" else 1

    def hidden_activations(self) -> tuple[str, ...]:
        """The activation of each hidden layer (overrides applied)."""
        overrides = self.layer_activations + (None,) * (len(self.hidden) - len(self.layer_activations))
        return tuple(name or self.activation for name in overrides)

    # ----- files and presets --------------------------------------------------------------------

    def to_dict(self) -> dict:
        """Plain JSON-ready values (tuples become lists), e.g. for a lesson preset."""
        return {f.name: list(value) if isinstance(value, tuple) else value
                for f in dataclasses.fields(self) for value in [getattr(self, f.name)]}

    @classmethod
    def from_dict(cls, values: dict) -> PlaygroundConfig:
        """The configuration ``values`` describes; missing fields keep their defaults.
        ValueError if a field is unknown or a value is not allowed."""
        if not isinstance(values, dict):
            raise ValueError(f"a configuration is a mapping of field names to values, got {values!r}")
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        return cls(**{name: tuple(value) if isinstance(value, list) else value
                      for name, value in values.items()})

    # ----- edits that keep the configuration consistent -----------------------------------------

    def replace(self, **changes) -> PlaygroundConfig:
        """A copy with ``changes`` (validated: ValueError if the result is not allowed)."""
        return dataclasses.replace(self, **changes)

    def with_layer_count(self, count: int) -> PlaygroundConfig:
        """Add hidden layers (of NEW_LAYER_NEURONS each) or remove them from the end."""
        count = _whole("number of hidden layers", count, 0, MAX_HIDDEN_LAYERS)
        hidden = self.hidden[:count] + (NEW_LAYER_NEURONS,) * (count - len(self.hidden))
        return self.replace(hidden=hidden, layer_activations=self.layer_activations[:count])

    def with_neurons(self, layer: int, count: int) -> PlaygroundConfig:
        """Set the width of hidden layer ``layer`` (0-based)."""
        _whole("hidden layer index", layer, 0, len(self.hidden) - 1 if self.hidden else None)
        if not self.hidden:
            raise ValueError("there is no hidden layer; add one first")
        hidden = list(self.hidden)
        hidden[layer] = count
        return self.replace(hidden=tuple(hidden))

    def with_layer_activation(self, layer: int, name: str) -> PlaygroundConfig:
        """Give hidden layer ``layer`` its own activation."""
        _whole("hidden layer index", layer, 0, max(len(self.hidden) - 1, 0))
        overrides = list(self.layer_activations) + [None] * (len(self.hidden) - len(self.layer_activations))
        overrides[layer] = name
        return self.replace(layer_activations=tuple(overrides))

    def with_activation(self, name: str) -> PlaygroundConfig:
        """The Playground's activation menu: one activation for every hidden layer."""
        return self.replace(activation=name, layer_activations=())

    def with_feature(self, name: str, on: bool) -> PlaygroundConfig:
        """Switch an input feature on or off, keeping the Playground's order of features."""
        _choice("feature", name, tuple(FEATURES))
        chosen = set(self.features) | {name} if on else set(self.features) - {name}
        return self.replace(features=tuple(f for f in FEATURES if f in chosen))

    def with_dataset(self, name: str) -> PlaygroundConfig:
        """Another data set; cross-entropy falls back to mse for regression, and the batch size
        shrinks if the new training set is smaller."""
        loss = self.loss if DATASETS.get(name) is None or DATASETS[name].task != "regression" else "mse"
        changed = dataclasses.replace(self, dataset=name, loss=loss, batch_size=1)
        return changed.replace(batch_size=min(self.batch_size, changed.n_train))

    def with_train_percent(self, percent: int) -> PlaygroundConfig:
        """Another train/test ratio; the batch size shrinks if it no longer fits."""
        changed = self.replace(train_percent=percent, batch_size=1)
        return changed.replace(batch_size=min(self.batch_size, changed.n_train))


#: Fields that may change while training runs, without starting a new run.
LIVE_FIELDS = frozenset({
    "learning_rate", "batch_size", "optimizer", "momentum", "beta1", "beta2", "rho", "epsilon",
    "regularization", "regularization_rate", "schedule", "schedule_epochs", "warmup_epochs",
    "patience", "max_epochs",
})
_OPTIMIZER_FIELDS = frozenset({"optimizer", "momentum", "beta1", "beta2", "rho", "epsilon"})
_SCHEDULE_FIELDS = frozenset({"learning_rate", "schedule", "schedule_epochs", "warmup_epochs"})


def changed_fields(old: PlaygroundConfig, new: PlaygroundConfig) -> set[str]:
    return {f.name for f in dataclasses.fields(PlaygroundConfig)
            if getattr(old, f.name) != getattr(new, f.name)}


def needs_new_run(old: PlaygroundConfig, new: PlaygroundConfig) -> bool:
    """True when going from ``old`` to ``new`` changes the data or the network."""
    return not changed_fields(old, new) <= LIVE_FIELDS


# ----- building blocks ---------------------------------------------------------------------------

class HalfSquaredError(Loss):
    """TensorFlow Playground's loss: ½(p − y)² averaged over all outputs; gradient (p − y)/n.

    Half of the usual MSE, so that a learning rate here moves the weights exactly as the same
    rate does in the Playground, and the loss numbers on screen match the Playground's.
    """

    name = "half_mse"

    def value(self, prediction: np.ndarray, target: np.ndarray) -> float:
        d = prediction - target
        return 0.5 * float(np.vdot(d, d)) / d.size

    def gradient(self, prediction: np.ndarray, target: np.ndarray) -> np.ndarray:
        d = prediction - target
        d /= d.size
        return d


def make_optimizer(config: PlaygroundConfig, lr: float) -> Optimizer:
    """The optimizer ``config`` names, starting at learning rate ``lr``, with fresh state."""
    if config.optimizer == "sgd":
        return SGD(lr)
    if config.optimizer in ("momentum", "nesterov"):
        return SGD(lr, momentum=config.momentum, nesterov=config.optimizer == "nesterov")
    if config.optimizer == "rmsprop":
        return RMSprop(lr, alpha=config.rho, eps=config.epsilon)
    if config.optimizer == "adagrad":
        return Adagrad(lr, eps=config.epsilon)
    return Adam(lr, betas=(config.beta1, config.beta2), eps=config.epsilon)


def make_schedule(config: PlaygroundConfig):
    """``epoch -> learning rate`` for the configured schedule, or None for a constant rate."""
    lr, length = config.learning_rate, config.schedule_epochs
    if config.schedule == "constant":
        return Warmup(lambda _epoch: lr, config.warmup_epochs) if config.warmup_epochs else None
    params = {
        "step": dict(step_size=length, gamma=0.5),
        "exponential": dict(gamma=0.5 ** (1.0 / length)),
        "inverse_time": dict(decay=1.0 / length),
        # Never quite 0: an optimizer refuses a zero learning rate.
        "cosine": dict(total_epochs=length, min_lr=lr / 100),
    }[config.schedule]
    return get_schedule(config.schedule, warmup_epochs=config.warmup_epochs, lr0=lr, **params)


def make_train_config(config: PlaygroundConfig) -> TrainConfig:
    regularizer = (None if config.regularization == "none" or config.regularization_rate == 0
                   else get_regularizer(config.regularization, config.regularization_rate))
    return TrainConfig(batch_size=config.batch_size, regularizer=regularizer, regularization_m=1,
                       schedule=make_schedule(config), patience=config.patience,
                       max_epochs=config.max_epochs)


def grid_points(resolution: int) -> np.ndarray:
    """(resolution², 2) points at the centres of a square grid over the Playground's domain,
    row by row from the bottom (y = -6) up, each row from left (x = -6) to right."""
    low, high = PLAYGROUND_DOMAIN
    half_cell = (high - low) / (2 * resolution)
    axis = np.linspace(low + half_cell, high - half_cell, resolution)
    xx, yy = np.meshgrid(axis, axis)
    return np.column_stack([xx.ravel(), yy.ravel()])


@dataclass(frozen=True)
class _Head:
    """How the network answers for one (task, loss) pair."""

    output_activation: str
    loss: Loss
    metric: object
    targets: object  # (dataset y) -> training targets


def _head(config: PlaygroundConfig) -> _Head:
    task, cross_entropy = config.task, config.loss == "cross_entropy"
    column = lambda y: np.asarray(y, dtype=np.float64)[:, None]  # noqa: E731
    if task == "regression":
        return _Head("linear", HalfSquaredError(), None, column)
    if task == "binary":
        if cross_entropy:  # logits; labels 0/1
            return _Head("linear", get_loss("sigmoid_cross_entropy"), threshold_accuracy,
                         lambda y: column(to_zero_one(y)))
        return _Head("tanh", HalfSquaredError(), sign_accuracy, column)
    if cross_entropy:  # logits; class indices
        return _Head("linear", get_loss("softmax_cross_entropy"), argmax_accuracy,
                     lambda y: np.asarray(y, dtype=np.int64))
    one_hot = lambda y: np.eye(config.n_classes)[y]  # noqa: E731
    return _Head("softmax", HalfSquaredError(), argmax_accuracy, one_hot)


def display_output(config: PlaygroundConfig, output: np.ndarray) -> np.ndarray:
    """Turn raw network outputs (n, n_outputs) into what the output map shows: for two classes
    a value in [-1, 1] (the sign is the class, as in the Playground), for more classes the
    probability of each class (n, K), for regression the predicted value (n,)."""
    task = config.task
    if task == "multiclass":
        return softmax(output) if config.loss == "cross_entropy" else output
    values = output[:, 0]
    if task == "binary" and config.loss == "cross_entropy":
        return np.tanh(values / 2)  # = 2·sigmoid(logit) − 1
    return values


# ----- frames and the session --------------------------------------------------------------------

@dataclass(frozen=True)
class Frame:
    """One report of a Playground run: the trainer's snapshot and what the views need."""

    #: Increases whenever a new run starts (new data, network or weights); views start over.
    run: int
    config: PlaygroundConfig
    snapshot: Snapshot
    #: Per connection stage (inputs→hidden 1, ..., last hidden→output): weights (n_in, n_out)
    #: and biases (n_out,), read-only.
    weights: tuple[np.ndarray, ...]
    biases: tuple[np.ndarray, ...]
    #: The output map (OUTPUT_RESOLUTION² rows of display_output) reshaped to (res, res) or
    #: (res, res, K); row 0 is y = -6.
    output_map: np.ndarray
    #: Every hidden neuron's output over the NEURON_RESOLUTION grid: (neurons, res, res), in
    #: layer order.
    neuron_maps: np.ndarray
    train_x: np.ndarray
    train_y: np.ndarray  # the data set's own labels (±1, class index or value)
    test_x: np.ndarray
    test_y: np.ndarray


class PlaygroundSession:
    """The current Playground run and everything needed to change it. Not thread-safe: the app
    drives it from its worker thread only."""

    def __init__(self, config: PlaygroundConfig = PlaygroundConfig(),
                 report_interval: float = 1 / 30) -> None:
        self.report_interval = report_interval
        self.run_id = 0
        self._output_grid_points = grid_points(OUTPUT_RESOLUTION)
        self._neuron_grid_points = grid_points(NEURON_RESOLUTION)
        self._start(config)

    # ----- building -----------------------------------------------------------------------------

    def _start(self, config: PlaygroundConfig) -> None:
        """A new run: data, features, network and trainer from ``config``."""
        self.config = config
        self.run_id += 1
        data = make_dataset(config.dataset, config.n_samples, config.noise / 100,
                            np.random.default_rng([0, config.seed]))
        n_train = config.n_train
        self.train_x, self.train_y = data.x[:n_train], data.y[:n_train]
        self.test_x, self.test_y = data.x[n_train:], data.y[n_train:]
        head = _head(config)
        features = list(config.features)
        training_data = TrainingData(feature_matrix(self.train_x, features), head.targets(self.train_y),
                                     feature_matrix(self.test_x, features), head.targets(self.test_y))
        weights_rng = np.random.default_rng([1, config.weight_seed])
        model = mlp([len(features), *config.hidden, config.n_outputs],
                    activation=list(config.hidden_activations()),
                    output_activation=head.output_activation,
                    init=config.initializer,
                    bias_init=Constant(0.1) if config.initializer == "playground" else "zeros",
                    batch_norm=config.batch_norm, dropout=config.dropout, rng=weights_rng)
        self._dense_indices = [i for i, layer in enumerate(model.layers) if isinstance(layer, Dense)]
        self._dense = [model.layers[i] for i in self._dense_indices]
        # The output of each hidden layer is that of its Activation layer (dropout, after it,
        # is the identity when evaluating).
        self._hidden_outputs = [i for i, layer in enumerate(model.layers)
                                if isinstance(layer, Activation)][:len(config.hidden)]
        self._output_features = feature_matrix(self._output_grid_points, features)
        self._neuron_features = feature_matrix(self._neuron_grid_points, features)
        self.trainer = Trainer(
            model, head.loss, make_optimizer(config, config.learning_rate), training_data,
            make_train_config(config), rng=weights_rng, metric=head.metric,
            probes={"output_map": self._output_probe, "neuron_maps": self._neuron_probe},
            layer_stats=False,  # the Playground shows none, and they cost as much as an epoch
        )

    def _output_probe(self, model) -> np.ndarray:
        model.eval()
        shown = display_output(self.config, model.forward(self._output_features))
        return shown.reshape(OUTPUT_RESOLUTION, OUTPUT_RESOLUTION, *shown.shape[1:])

    def _neuron_probe(self, model) -> np.ndarray:
        model.eval()
        model.forward(self._neuron_features)
        if not self._hidden_outputs:
            return np.empty((0, NEURON_RESOLUTION, NEURON_RESOLUTION))
        outputs = np.concatenate([model.outputs[i] for i in self._hidden_outputs], axis=1)
        return outputs.T.reshape(-1, NEURON_RESOLUTION, NEURON_RESOLUTION)

    # ----- changing the run ---------------------------------------------------------------------

    def apply(self, config: PlaygroundConfig) -> Frame:
        """Switch to ``config``: live changes go into the running trainer, any other change
        starts a new run."""
        if needs_new_run(self.config, config):
            self._start(config)
            return self.frame()
        changed = changed_fields(self.config, config)
        trainer = self.trainer
        if changed & _OPTIMIZER_FIELDS:
            trainer.optimizer = make_optimizer(config, trainer.optimizer.lr)
        train_config = make_train_config(config)
        trainer.update_config(
            batch_size=train_config.batch_size, regularizer=train_config.regularizer,
            schedule=train_config.schedule, patience=train_config.patience,
            max_epochs=train_config.max_epochs,
        )
        if changed & _SCHEDULE_FIELDS:
            schedule = train_config.schedule
            trainer.optimizer.lr = schedule(trainer.epoch) if schedule else config.learning_rate
        self.config = config
        return self.frame()

    def reset(self, new_weights: bool = False) -> Frame:
        """Start the run again at epoch 0: with the same initial weights (and the same shuffling,
        so the run repeats exactly), or with the next weight seed."""
        config = self.config
        if new_weights:
            config = config.replace(weight_seed=config.weight_seed + 1)
        self._start(config)
        return self.frame()

    def regenerate(self) -> Frame:
        """New data (the next data seed) and a new run."""
        self._start(self.config.replace(seed=self.config.seed + 1))
        return self.frame()

    def set_weight(self, stage: int, source: int, target: int, value: float) -> Frame:
        """Set one weight of connection stage ``stage`` (0 = inputs → first layer)."""
        self._check_stage(stage)
        self._dense[stage].W[source, target] = self._finite(value)
        self.trainer.weights_changed()
        return self.frame()

    def set_bias(self, stage: int, unit: int, value: float) -> Frame:
        """Set the bias of neuron ``unit`` of the layer that stage ``stage`` feeds."""
        self._check_stage(stage)
        self._dense[stage].b[unit] = self._finite(value)
        self.trainer.weights_changed()
        return self.frame()

    def _check_stage(self, stage: int) -> None:
        if not 0 <= stage < len(self._dense):
            raise ValueError(f"stage must be 0..{len(self._dense) - 1}, got {stage}")

    @staticmethod
    def _finite(value: float) -> float:
        return _number("weight", value, -1e6, 1e6)

    # ----- training -----------------------------------------------------------------------------

    def step_epoch(self) -> Frame:
        """Train exactly one epoch (if the run has not finished) and report."""
        if not self.trainer.finished:
            self.trainer.train_epoch()
        return self.frame()

    def run(self, epochs: int | None = None) -> Iterator[Frame | None]:
        """Train epoch after epoch until the run finishes (diverges, stops early or reaches its
        epoch limit) or, with ``epochs``, after that many epochs. Yields None after each epoch
        and a Frame at most every ``report_interval`` seconds (which may change meanwhile),
        and always one at the end."""
        if epochs is not None and epochs <= 0:
            return
        done = 0
        while True:
            interval = self.report_interval
            for snapshot in self.trainer.run(interval, unit="epoch"):
                done += 1
                if done == epochs:
                    yield self.frame() if snapshot is None else self._frame(snapshot)
                    return
                yield None if snapshot is None else self._frame(snapshot)
                if self.report_interval != interval:
                    break
            else:
                return

    def set_report_interval(self, seconds: float) -> None:
        """Report less (or more) often from now on, e.g. as often as the screen can show."""
        self.report_interval = _number("report interval (s)", seconds, 0.0, 60.0)

    def frame(self) -> Frame:
        """A frame of the run as it is now."""
        return self._frame(self.trainer.snapshot())

    def _frame(self, snapshot: Snapshot) -> Frame:
        return Frame(
            run=self.run_id,
            config=self.config,
            snapshot=snapshot,
            weights=tuple(snapshot.params[f"{i}.W"] for i in self._dense_indices),
            biases=tuple(snapshot.params[f"{i}.b"] for i in self._dense_indices),
            output_map=snapshot.probes["output_map"],
            neuron_maps=snapshot.probes["neuron_maps"],
            train_x=self.train_x, train_y=self.train_y, test_x=self.test_x, test_y=self.test_y,
        )
