"""The whole "real network's landscape" job: train a small network while saving its weights, then
slice its loss along two filter-normalized random directions and along the plane of its
trajectory. Both steps are generators of :class:`~engine.landscape.progress.Progress`, ending with
their result, so the app's worker can show progress and cancel at any point.

A network trained elsewhere (the Playground) enters as a :class:`TrainedNetwork` and skips the
first step.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from ..data.playground import make_dataset, to_zero_one
from ..nn.builders import mlp
from ..nn.losses import Loss, SigmoidCrossEntropy
from ..nn.model import Sequential
from ..optim.optimizers import Adam
from ..train import Trainer, TrainConfig, TrainingData
from .network import (
    LossSlice,
    TrajectoryProjection,
    Weights,
    filter_normalized_direction,
    loss_slice,
    trajectory_projection,
)
from .progress import Progress

#: Margin around the trajectory in the plane of its principal directions, as a fraction of its size.
_TRAJECTORY_MARGIN = 0.25


@dataclass(frozen=True)
class TrainedNetwork:
    """A trained model with the data its loss is measured on and its weights after each epoch
    (``trajectory[0]`` the initial weights, ``trajectory[-1]`` the model's current ones)."""

    model: Sequential
    loss: Loss
    x: np.ndarray
    y: np.ndarray
    trajectory: Sequence[Weights]


@dataclass(frozen=True)
class NetworkLandscape:
    random_slice: LossSlice
    trajectory_slice: LossSlice
    projection: TrajectoryProjection


def train_small_network(
    rng: np.random.Generator,
    dataset: str = "circle",
    sizes: Sequence[int] = (2, 8, 8, 1),
    epochs: int = 40,
    samples: int = 300,
) -> Iterator[Progress | TrainedNetwork]:
    """Train a Playground-size tanh network with Adam on a Playground classification set,
    keeping a copy of the weights after every epoch."""
    if int(epochs) != epochs or epochs < 2:
        raise ValueError(f"epochs must be a whole number >= 2 (a trajectory needs 3 points), got {epochs!r}")
    data = make_dataset(dataset, samples, 0.1, rng)
    if data.task != "binary":
        raise ValueError(f"the landscape study needs a two-class data set, {dataset!r} is {data.task}")
    x, y = data.x, to_zero_one(data.y).reshape(-1, 1)
    model = mlp(list(sizes), activation="tanh", rng=rng)
    loss = SigmoidCrossEntropy()
    trainer = Trainer(
        model, loss, Adam(lr=0.01), TrainingData(x, y), TrainConfig(batch_size=10, max_epochs=int(epochs)), rng=rng
    )
    trajectory = [_copy(model.parameters())]
    while not trainer.finished:
        trainer.train_epoch()
        trajectory.append(_copy(model.parameters()))
        yield Progress("training", trainer.epoch, int(epochs))
    yield TrainedNetwork(model, loss, x, y, trajectory)


def _copy(weights: Weights) -> dict[str, np.ndarray]:
    return {name: array.copy() for name, array in weights.items()}


def network_landscape(
    network: TrainedNetwork, rng: np.random.Generator, resolution: int = 51
) -> Iterator[Progress | NetworkLandscape]:
    """Slice the loss around the trained weights along two filter-normalized random directions
    over [−1, 1]², and along the trajectory's principal plane over the trajectory's extent."""
    model = network.model
    directions = (filter_normalized_direction(model, rng), filter_normalized_direction(model, rng))
    random_slice = None
    for item in loss_slice(model, network.loss, network.x, network.y, directions, resolution=resolution,
                           stage="random directions"):
        if isinstance(item, LossSlice):
            random_slice = item
        else:
            yield item
    projection = trajectory_projection(network.trajectory)
    low, high = projection.coordinates.min(axis=0), projection.coordinates.max(axis=0)
    margin = _TRAJECTORY_MARGIN * (high - low)
    extent = (low[0] - margin[0], high[0] + margin[0], low[1] - margin[1], high[1] + margin[1])
    for item in loss_slice(model, network.loss, network.x, network.y, projection.directions, extent,
                           resolution, stage="trajectory plane"):
        if isinstance(item, LossSlice):
            yield NetworkLandscape(random_slice, item, projection)
        else:
            yield item


def small_network_study(rng: np.random.Generator, resolution: int = 51, **training) -> Iterator[Progress | NetworkLandscape]:
    """Both steps for the default network: train it (``training`` goes to
    :func:`train_small_network`), then compute its landscape."""
    network = None
    for item in train_small_network(rng, **training):
        if isinstance(item, TrainedNetwork):
            network = item
        else:
            yield item
    yield from network_landscape(network, rng, resolution)
