"""The training loop, as a Qt-free generator of immutable snapshots.

A :class:`Trainer` owns one training run: the model, the loss, the optimizer, the data and the
settings. It trains one mini-batch (:meth:`Trainer.train_step`) or one epoch
(:meth:`Trainer.train_epoch`) at a time, and describes itself in a :class:`Snapshot`: a frozen
record of copied, read-only arrays that can safely cross to another thread.

:meth:`Trainer.run` is the generator the app's worker drives. It yields ``None`` after each unit of
work (so the worker can handle commands between them) and a Snapshot at most every
``report_interval`` seconds, however fast training goes, so the engine never waits for the screen.

Divergence (a NaN or Inf loss) is a state, not an exception: the run stops with status
``"diverged"`` and a message that says where it happened and what to do.
"""
from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace

import numpy as np

from .frozen import read_only_copy
from .metrics import Metric
from .nn.model import Sequential
from .optim.clipping import clip_by_global_norm, clip_by_value
from .optim.optimizer import Optimizer

#: Bin edges of the gradient-magnitude histograms: log10 |g| from 1e-12 to 1e3, shared by all
#: layers so that a shrinking gradient shows as a shift to the left from layer to layer.
GRADIENT_LOG10_EDGES = np.linspace(-12.0, 3.0, 46)

#: Examples per forward pass when a whole set is evaluated (bounds the memory of big sets).
EVALUATION_CHUNK = 2048

#: Training sets up to this size are copied in shuffled order each epoch; larger ones are not.
SHUFFLED_COPY_LIMIT = 32 * 2**20


@dataclass(frozen=True)
class TrainingData:
    """Inputs and targets for training and (optionally) validation."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray | None = None
    y_val: np.ndarray | None = None

    def __post_init__(self) -> None:
        if len(self.x_train) == 0:
            raise ValueError("the training set is empty; it needs at least one example")
        if len(self.x_train) != len(self.y_train):
            raise ValueError(
                f"x_train has {len(self.x_train)} rows but y_train has {len(self.y_train)}"
            )
        if (self.x_val is None) != (self.y_val is None):
            raise ValueError("give both x_val and y_val, or neither")
        if self.x_val is not None and len(self.x_val) != len(self.y_val):
            raise ValueError(f"x_val has {len(self.x_val)} rows but y_val has {len(self.y_val)}")


@dataclass(frozen=True)
class TrainConfig:
    """Settings that may change between epochs without restarting the run."""

    batch_size: int = 10
    shuffle: bool = True
    #: An L1/L2 regularizer (engine.nn.regularizers) or None.
    regularizer: object | None = None
    #: The m in λ/m (λ/2m for L2): 1 is TensorFlow Playground's convention, the number of
    #: training examples the textbook one.
    regularization_m: int = 1
    clip_norm: float | None = None
    clip_value: float | None = None
    #: A learning-rate schedule ``epoch -> lr`` (engine.optim.schedules), applied at each epoch.
    schedule: Callable[[int], float] | None = None
    #: Early stopping: stop after this many epochs without a better validation loss.
    patience: int | None = None
    min_delta: float = 0.0
    restore_best: bool = True
    max_epochs: int | None = None
    #: Measure each epoch's losses and metrics on at most this many examples of each set (the
    #: first ones; make the sets in random order), so a big set does not pause training at
    #: every epoch's end. None measures on all of them.
    evaluation_limit: int | None = None

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {self.batch_size}")
        if self.regularization_m < 1:
            raise ValueError(f"regularization_m must be at least 1, got {self.regularization_m}")
        for name in ("clip_norm", "clip_value"):
            value = getattr(self, name)
            if value is not None and not value > 0:
                raise ValueError(f"{name} must be > 0 or None, got {value}")
        if self.patience is not None and self.patience < 1:
            raise ValueError(f"patience must be at least 1 epoch or None, got {self.patience}")
        if self.max_epochs is not None and self.max_epochs < 1:
            raise ValueError(f"max_epochs must be at least 1 or None, got {self.max_epochs}")
        if self.evaluation_limit is not None and self.evaluation_limit < 1:
            raise ValueError(
                f"evaluation_limit must be at least 1 example or None, got {self.evaluation_limit}"
            )


@dataclass(frozen=True)
class History:
    """Per-epoch records; a Snapshot carries the rows added since the previous snapshot."""

    epoch: np.ndarray
    train_loss: np.ndarray
    val_loss: np.ndarray
    train_metric: np.ndarray
    val_metric: np.ndarray
    #: Gradient norm of each weighted layer at the last step of the epoch: (epochs, layers).
    layer_grad_norms: np.ndarray


@dataclass(frozen=True)
class LayerStats:
    """What one layer looked like at the last step."""

    index: int
    kind: str
    output_mean: float
    output_std: float
    #: Histogram of the layer's outputs (counts, edges over the observed range).
    output_counts: np.ndarray
    output_edges: np.ndarray
    #: For layers with weights: ‖W‖, ‖∂L/∂W‖, ‖ΔW‖/‖W‖ of the last update and a histogram of
    #: log10|∂L/∂W| over GRADIENT_LOG10_EDGES. NaN / None for layers without weights.
    weight_norm: float = float("nan")
    grad_norm: float = float("nan")
    update_ratio: float = float("nan")
    grad_log10_counts: np.ndarray | None = None


@dataclass(frozen=True)
class Snapshot:
    """An immutable picture of a training run, safe to hand to another thread."""

    step: int
    epoch: int
    lr: float
    train_loss: float
    val_loss: float
    train_metric: float
    val_metric: float
    status: str  # "ready", "training", "diverged", "early_stopped" or "finished"
    message: str
    new_history: History
    layers: tuple[LayerStats, ...]
    params: Mapping[str, np.ndarray]
    probes: Mapping[str, np.ndarray] = field(default_factory=dict)


def _quiet_overflow():
    """Overflow on the way to divergence is expected: it is reported as a state, not warned."""
    return np.errstate(over="ignore", invalid="ignore")


def _histogram(values: np.ndarray, bins: int = 30) -> tuple[np.ndarray, np.ndarray]:
    """Counts and edges over the values' range, for any finite values: a diverging run reaches
    ±1e300, where ``np.histogram``'s own edges overflow, and a single value needs a width."""
    if values.size == 0:
        return np.zeros(bins), np.linspace(0.0, 1.0, bins + 1)
    low, high = float(values.min()), float(values.max())
    edges = 2 * np.linspace(low / 2, high / 2, bins + 1)  # halved first: high − low may overflow
    if not np.all(np.diff(edges) > 0):  # one value, or too narrow a range for distinct edges
        pad = max(0.5, abs(low) * 1e-6)
        edges = np.linspace(low - pad, high + pad, bins + 1)
    return np.histogram(values, bins=edges)


class Trainer:
    """One training run. Not thread-safe: drive it from one thread (the worker)."""

    def __init__(
        self,
        model: Sequential,
        loss,
        optimizer: Optimizer,
        data: TrainingData,
        config: TrainConfig = TrainConfig(),
        *,
        rng: np.random.Generator,
        metric: Metric | None = None,
        probes: Mapping[str, Callable[[Sequential], np.ndarray]] | None = None,
        layer_stats: bool = True,
    ) -> None:
        """``layer_stats=False`` leaves ``Snapshot.layers`` empty: the per-layer statistics cost
        about as much as an epoch of a small network, wasted on a view that does not show them."""
        self.model = model
        self.loss = loss
        self.optimizer = optimizer
        self._updated = model.optimizer_arrays()
        self.data = data
        self.config = config
        self.rng = rng
        self.metric = metric
        self.probes = dict(probes or {})
        self.layer_stats = layer_stats
        self.step = 0
        self.epoch = 0
        self.status = "ready"
        self.message = ""
        self._order = np.arange(len(data.x_train))
        self._batch_start = len(data.x_train)  # forces a shuffle before the first step
        # A shuffled copy of a small set makes every batch a cheap slice; a big one (MNIST) is
        # gathered batch by batch instead of being copied each epoch.
        self._copy_per_epoch = data.x_train.nbytes <= SHUFFLED_COPY_LIMIT
        self._x_epoch = data.x_train
        self._y_epoch = data.y_train
        # History rows not yet reported; a snapshot hands them over and forgets them, so a
        # long run keeps no growing list of Python objects for the garbage collector to scan.
        self._rows: list[tuple] = []
        self._best_loss = np.inf
        self._best_state: dict[str, np.ndarray] | None = None
        self._epochs_without_improvement = 0
        self._best_epoch = 0
        self._weighted = [
            i for i, layer in enumerate(model.layers) if getattr(layer, "regularized", ())
        ]
        self._update_ratios = {i: float("nan") for i in self._weighted}
        # When to measure the update ratios (a copy of every weight per step, so only on steps
        # that will be reported): None, "step" (the next step) or "epoch" (the epoch's last step).
        self._track_update: str | None = None
        self._evaluation = self._evaluate()

    # ----------------------------------------------------------------- training

    @property
    def finished(self) -> bool:
        return self.status in ("diverged", "early_stopped", "finished")

    def train_step(self, measure_update: bool = False) -> None:
        """One mini-batch: forward, backward, regularize, clip, update. ``measure_update`` also
        records each weighted layer's ‖ΔW‖/‖W‖ (see :attr:`update_ratios`); it copies every
        weight, so ask for it only on steps that will be shown."""
        if measure_update:
            self._track_update = "step"
        with _quiet_overflow():
            self._step()

    def train_epoch(self) -> None:
        """Train until the current epoch ends (one full pass when called at an epoch boundary)."""
        epoch = self.epoch
        with _quiet_overflow():
            while self.epoch == epoch and not self.finished:
                self._step()

    def _step(self) -> None:
        if self._batch_start >= len(self._x_epoch):
            self._start_epoch()
            if self.finished:
                return
        xb, yb = self._next_batch()

        model, config = self.model, self.config
        if not model.training:  # evaluation switched it off; switching costs a call per layer
            model.train()
        output = model.forward(xb)
        model.backward(self.loss.gradient(output, yb), input_gradient=False)
        grads = model.gradients()
        if config.regularizer is not None:
            config.regularizer.add_gradient(model.regularized(), grads, config.regularization_m)
        if config.clip_value is not None:
            clip_by_value(grads, config.clip_value)
        if config.clip_norm is not None:
            clip_by_global_norm(grads, config.clip_norm)
        if self._track_update == "step" or (
            self._track_update == "epoch" and self._batch_start >= len(self._x_epoch)
        ):
            self._step_with_update_ratios()
            self._track_update = None
        else:
            self.optimizer.step(*self._updated)
        self.step += 1
        if self._batch_start >= len(self._x_epoch):
            self._end_epoch()

    def run(self, report_interval: float = 1 / 30, unit: str = "epoch") -> Iterator[Snapshot | None]:
        """Train until finished, yielding None after every unit ("epoch" or "step") and a
        Snapshot whenever ``report_interval`` seconds have passed, and a last one at the end."""
        if unit not in ("epoch", "step"):
            raise ValueError(f"unit must be 'epoch' or 'step', got {unit!r}")
        advance = self.train_epoch if unit == "epoch" else self.train_step
        next_report = time.perf_counter() + report_interval
        while not self.finished:
            self.status = "training"
            report = time.perf_counter() >= next_report
            self._track_update = unit if report else None
            advance()
            if report or self.finished:
                next_report = time.perf_counter() + report_interval
                yield self.snapshot()
            else:
                yield None

    def _start_epoch(self) -> None:
        if self.config.schedule is not None:
            lr = self.config.schedule(self.epoch)
            if not lr > 0:  # e.g. cosine decay to 0 at its last epoch: nothing more to learn
                self.status = "finished"
                self.message = f"the learning-rate schedule reached 0 at epoch {self.epoch}"
                return
            self.optimizer.lr = lr
        if self.config.shuffle:
            self.rng.shuffle(self._order)
            if self._copy_per_epoch:
                self._x_epoch = self.data.x_train[self._order]
                self._y_epoch = self.data.y_train[self._order]
        self._batch_start = 0

    def _next_batch(self) -> tuple[np.ndarray, np.ndarray]:
        start, stop = self._batch_start, self._batch_start + self.config.batch_size
        self._batch_start = stop
        if self._copy_per_epoch or not self.config.shuffle:
            return self._x_epoch[start:stop], self._y_epoch[start:stop]
        rows = self._order[start:stop]
        return self.data.x_train[rows], self.data.y_train[rows]

    def _end_epoch(self) -> None:
        self.epoch += 1
        self._evaluation = self._evaluate()
        train_loss, val_loss, train_metric, val_metric = self._evaluation
        grad_norms = [self._weight_norm(i, self.model.layers[i].grads) for i in self._weighted]
        self._rows.append((self.epoch, train_loss, val_loss, train_metric, val_metric, grad_norms))
        if not (np.isfinite(train_loss) and self.model.parameters_finite()):
            self.status = "diverged"
            self.message = (
                f"diverged at epoch {self.epoch} (step {self.step}): the loss became NaN or "
                "infinite. Lower the learning rate or reset."
            )
            return
        self._early_stopping(val_loss if np.isfinite(val_loss) else train_loss)
        if not self.finished and self.config.max_epochs is not None:
            if self.epoch >= self.config.max_epochs:
                self.status = "finished"
                self.message = f"finished {self.epoch} epochs"

    def _early_stopping(self, monitored: float) -> None:
        if monitored < self._best_loss - self.config.min_delta:
            self._best_loss = monitored
            self._epochs_without_improvement = 0
            if self.config.patience is not None and self.config.restore_best:
                self._best_state = self.model.state_dict()
            self._best_epoch = self.epoch
            return
        self._epochs_without_improvement += 1
        if self.config.patience is not None and self._epochs_without_improvement >= self.config.patience:
            self.status = "early_stopped"
            self.message = (
                f"stopped early at epoch {self.epoch}: no better validation loss for "
                f"{self.config.patience} epochs"
            )
            if self.config.restore_best and self._best_state is not None:
                self.model.load_state_dict(self._best_state)
                self.message += f"; restored the weights of epoch {self._best_epoch}"
                self._evaluation = self._evaluate()

    @property
    def update_ratios(self) -> np.ndarray:
        """‖ΔW‖/‖W‖ of each weighted layer, first to last, at the last measured step (NaN
        before one; inf where the weights were all 0)."""
        return np.array([self._update_ratios[i] for i in self._weighted])

    def _step_with_update_ratios(self) -> None:
        layers = self.model.layers
        before = {i: {k: layers[i].params[k].copy() for k in layers[i].regularized}
                  for i in self._weighted}
        self.optimizer.step(*self._updated)
        for i, old in before.items():
            layer = self.model.layers[i]
            change = np.sqrt(sum(np.sum((layer.params[k] - w) ** 2) for k, w in old.items()))
            size = np.sqrt(sum(np.sum(w**2) for w in old.values()))
            self._update_ratios[i] = float(change / size) if size > 0 else float("inf")

    # --------------------------------------------------------------- evaluation

    def _evaluate(self) -> tuple[float, float, float, float]:
        data, limit = self.data, self.config.evaluation_limit
        sets = [(data.x_train[:limit], data.y_train[:limit])]
        if data.x_val is not None and len(data.x_val):
            sets.append((data.x_val[:limit], data.y_val[:limit]))
        if sum(len(x) for x, _ in sets) <= EVALUATION_CHUNK:
            scores = self._scores_together(sets)
        else:
            scores = [self._loss_and_metric(x, y) for x, y in sets]
        (train_loss, train_metric), (val_loss, val_metric) = (*scores, (np.nan, np.nan))[:2]
        return train_loss, val_loss, train_metric, val_metric

    def _scores_together(self, sets: list[tuple[np.ndarray, np.ndarray]]) -> list[tuple[float, float]]:
        """(loss, metric) of each small set, from one forward pass over all of them: at the end
        of every Playground epoch, a pass over 500 examples costs about what one over 250 does."""
        self.model.eval()
        with np.errstate(all="ignore"):
            output = self.model.forward(np.concatenate([x for x, _ in sets]))
        scores, start = [], 0
        for x, y in sets:
            scores.append(self._score(output[start:start + len(x)], y))
            start += len(x)
        return scores

    def _loss_and_metric(self, x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
        """Mean loss and metric over a whole set, in chunks so that a big set (MNIST through a
        CNN) never needs more memory than a few mini-batches do."""
        self.model.eval()
        loss = metric = 0.0
        for start in range(0, len(x), EVALUATION_CHUNK):
            xc, yc = x[start:start + EVALUATION_CHUNK], y[start:start + EVALUATION_CHUNK]
            with np.errstate(all="ignore"):
                output = self.model.forward(xc)
            chunk_loss, chunk_metric = self._score(output, yc)
            loss += len(xc) / len(x) * chunk_loss
            metric += len(xc) / len(x) * chunk_metric
        return loss, metric

    def _score(self, output: np.ndarray, y: np.ndarray) -> tuple[float, float]:
        with np.errstate(all="ignore"):
            loss = float(self.loss.value(output, y))
        return loss, self.metric(output, y) if self.metric is not None else np.nan

    def predict(self, x: np.ndarray) -> np.ndarray:
        """The model's output in evaluation mode (dropout off, running batch-norm statistics)."""
        self.model.eval()
        return self.model.forward(x)

    # ----------------------------------------------------------------- snapshot

    def snapshot(self) -> Snapshot:
        """Describe the run now, with the history rows added since the previous snapshot."""
        train_loss, val_loss, train_metric, val_metric = self._evaluation
        rows, self._rows = self._rows, []
        return Snapshot(
            step=self.step,
            epoch=self.epoch,
            lr=self.optimizer.lr,
            train_loss=train_loss,
            val_loss=val_loss,
            train_metric=train_metric,
            val_metric=val_metric,
            status=self.status,
            message=self.message,
            new_history=self._history(rows),
            layers=self._layer_stats() if self.layer_stats else (),
            params={name: read_only_copy(p) for name, p in self.model.parameters().items()},
            probes={name: read_only_copy(probe(self.model)) for name, probe in self.probes.items()},
        )

    def _history(self, rows: list[tuple]) -> History:
        columns = list(zip(*rows)) if rows else [()] * 6
        norms = np.array(columns[5], dtype=float).reshape(len(rows), len(self._weighted))
        return History(*(read_only_copy(c, float) for c in columns[:5]), read_only_copy(norms))

    def _layer_stats(self) -> tuple[LayerStats, ...]:
        model = self.model
        if self.step == 0:
            self._gradients_at_initialization()
        stats = []
        for i, (layer, output) in enumerate(zip(model.layers, model.outputs)):
            finite = output[np.isfinite(output)]
            counts, edges = _histogram(finite)
            extra = {}
            if i in self._update_ratios:
                grads = np.concatenate([np.ravel(layer.grads[k]) for k in layer.regularized])
                with np.errstate(divide="ignore"):
                    log_magnitude = np.log10(np.abs(grads))
                extra = dict(
                    weight_norm=self._weight_norm(i, layer.params),
                    grad_norm=self._weight_norm(i, layer.grads),
                    update_ratio=self._update_ratios[i],
                    grad_log10_counts=read_only_copy(
                        np.histogram(np.clip(log_magnitude, GRADIENT_LOG10_EDGES[0], GRADIENT_LOG10_EDGES[-1]),
                                     bins=GRADIENT_LOG10_EDGES)[0]
                    ),
                )
            stats.append(
                LayerStats(
                    index=i,
                    kind=type(layer).__name__,
                    output_mean=float(finite.mean()) if finite.size else float("nan"),
                    output_std=float(finite.std()) if finite.size else float("nan"),
                    output_counts=read_only_copy(counts),
                    output_edges=read_only_copy(edges),
                    **extra,
                )
            )
        return tuple(stats)

    def _gradients_at_initialization(self) -> None:
        """Fill every layer's grads from the first mini-batch without changing any weight, so
        that a run can be inspected before its first step (batch-norm buffers are restored)."""
        state = self.model.state_dict()
        size = self.config.batch_size
        self.model.train()
        output = self.model.forward(self.data.x_train[:size])
        self.model.backward(self.loss.gradient(output, self.data.y_train[:size]))
        self.model.load_state_dict(state)

    def _weight_norm(self, index: int, arrays: Mapping[str, np.ndarray]) -> float:
        keys = self.model.layers[index].regularized
        return math.sqrt(sum(float(np.vdot(arrays[k], arrays[k])) for k in keys if k in arrays))

    # ------------------------------------------------------------------ control

    def update_config(self, **changes) -> None:
        """Change settings mid-run (learning-rate schedule, regularization, batch size, ...)."""
        self.config = replace(self.config, **changes)
        if self.status == "finished" and (
            self.config.max_epochs is None or self.epoch < self.config.max_epochs
        ):
            self.status, self.message = "training", ""

    @property
    def evaluation(self) -> tuple[float, float, float, float]:
        """(train loss, validation loss, train metric, validation metric) as last measured: at
        the start, after every epoch and after :meth:`weights_changed`. Cheap, unlike
        :meth:`snapshot`, for a caller that only needs the numbers."""
        return self._evaluation

    def weights_changed(self) -> None:
        """Re-evaluate the losses and metrics after parameters were changed from outside the
        loop (a student typing a new weight into the Playground), so the next snapshot shows
        the effect of the edit."""
        self._evaluation = self._evaluate()
