"""A real network's loss landscape: two-dimensional slices through its weight space.

A network has hundreds of weights, so its loss "surface" cannot be drawn; a plane through the
trained weights θ* can. For two directions δ, η the slice is f(α, β) = L(θ* + αδ + βη).

* Random directions (Li et al., "Visualizing the Loss Landscape of Neural Nets", 2018) must be
  *filter-normalized*: a random direction has the same size for every filter, but the network is
  blind to a filter's scale (what follows a filter sees its output through the next weights),
  so each filter of δ is rescaled to the norm of the matching filter of θ*. Biases and
  batch-norm parameters (1-D arrays) get a zero direction, as in the paper. Here a filter is
  what makes one output unit: a column of a Dense W (shape n_in × n_out), a kernel of a Conv2D W
  (shape out × in × kh × kw). Slices over [−1, 1]² then compare across networks.
* The training trajectory θ₀ … θₙ is a path in weight space. Its best 2-D picture is the plane of
  the two principal directions of the matrix of θᵢ − θₙ (PCA without centring, as in the paper),
  so the final weights sit at (0, 0); the explained variance says how much of the path the
  plane shows.

:func:`loss_slice` is a generator that yields :class:`Progress` (so a worker can show a progress
bar and cancel between rows) and finally the :class:`LossSlice`; the network's weights are
restored however it ends.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..nn.conv import Conv2D
from ..nn.layers import Dense, Residual
from ..nn.losses import Loss
from ..nn.model import Sequential
from .progress import Progress

Weights = Mapping[str, np.ndarray]


@dataclass(frozen=True)
class LossSlice:
    """``loss[i, j]`` = L(θ* + alpha[i]·δ + beta[j]·η); ``centre_loss`` = L(θ*)."""

    alpha: np.ndarray
    beta: np.ndarray
    loss: np.ndarray
    centre_loss: float


@dataclass(frozen=True)
class TrajectoryProjection:
    """The trajectory in the plane of its two principal directions.

    ``coordinates[k]`` is snapshot k (the last one at (0, 0)); ``explained_variance`` the
    fraction of Σ‖θᵢ − θₙ‖² each direction accounts for; ``directions`` the two unit directions
    as weight dictionaries, ready for :func:`loss_slice`.
    """

    coordinates: np.ndarray
    explained_variance: np.ndarray
    directions: tuple[dict[str, np.ndarray], dict[str, np.ndarray]]


def _filter_axes(layers, prefix: str = "") -> Iterator[tuple[str, int | None]]:
    """(parameter name, axis that indexes its filters), None for 1-D parameters."""
    for i, layer in enumerate(layers):
        if isinstance(layer, Residual):
            yield from _filter_axes(layer.layers, f"{prefix}{i}.")
            continue
        for key, value in layer.params.items():
            if value.ndim < 2:
                yield f"{prefix}{i}.{key}", None
            elif isinstance(layer, Dense):
                yield f"{prefix}{i}.{key}", 1
            elif isinstance(layer, Conv2D):
                yield f"{prefix}{i}.{key}", 0
            else:
                raise ValueError(
                    f"cannot filter-normalize {type(layer).__name__}.{key}: only Dense and Conv2D "
                    "weights (and 1-D parameters, which get a zero direction) are supported"
                )


def filter_norms(array: np.ndarray, axis: int) -> np.ndarray:
    """The Euclidean norm of each filter (each index along ``axis``), shaped to broadcast."""
    others = tuple(a for a in range(array.ndim) if a != axis)
    return np.sqrt(np.sum(np.square(array, dtype=np.float64), axis=others, keepdims=True))


def filter_normalized_direction(model: Sequential, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """A random Gaussian direction with each filter scaled to the norm of the model's matching
    filter, and zeros for biases and batch-norm parameters."""
    params = model.parameters()
    direction = {}
    for name, axis in _filter_axes(model.layers):
        weights = params[name]
        if axis is None:
            direction[name] = np.zeros(weights.shape)
            continue
        random = rng.standard_normal(weights.shape)
        random_norms = filter_norms(random, axis)
        direction[name] = random * (filter_norms(weights, axis) / np.where(random_norms > 0, random_norms, 1.0))
    return direction


def loss_slice(
    model: Sequential,
    loss: Loss,
    x: np.ndarray,
    y: np.ndarray,
    directions: tuple[Weights, Weights],
    extent: tuple[float, float, float, float] = (-1.0, 1.0, -1.0, 1.0),
    resolution: int = 51,
    stage: str = "slice",
) -> Iterator[Progress | LossSlice]:
    """Evaluate the loss (network in evaluation mode) on a ``resolution²`` grid of the plane
    through the current weights spanned by ``directions``; yield Progress after every row, then
    the LossSlice. Closing the generator early restores the weights too."""
    if int(resolution) != resolution or resolution < 2:
        raise ValueError(f"resolution must be a whole number >= 2, got {resolution!r}")
    params = model.parameters()
    first, second = directions
    for direction in directions:
        if direction.keys() != params.keys() or any(direction[k].shape != params[k].shape for k in params):
            raise ValueError("each direction must have exactly the model's parameter names and shapes")
    alpha = np.linspace(extent[0], extent[1], int(resolution))
    beta = np.linspace(extent[2], extent[3], int(resolution))
    trained = model.state_dict()
    was_training = bool(model.layers) and model.layers[0].training
    losses = np.empty((len(alpha), len(beta)))
    model.eval()
    try:
        with np.errstate(all="ignore"):
            centre_loss = float(loss.value(model.forward(x), y))
        for i, a in enumerate(alpha):
            # The error state must not stay entered across a yield: the generator may be resumed
            # in another context (a worker's event loop), where numpy could not restore it.
            with np.errstate(all="ignore"):
                for j, b in enumerate(beta):
                    for name, param in params.items():
                        param[...] = trained[name] + a * first[name] + b * second[name]
                    losses[i, j] = loss.value(model.forward(x), y)
            yield Progress(stage, (i + 1) * len(beta), losses.size)
    finally:
        model.load_state_dict(trained)
        model.train(was_training)
    yield LossSlice(alpha, beta, losses, centre_loss)


def trajectory_projection(snapshots: Sequence[Weights]) -> TrajectoryProjection:
    """PCA of the weight snapshots θ₀ … θₙ (oldest first) relative to the last one."""
    if len(snapshots) < 3:
        raise ValueError(f"a trajectory needs at least 3 weight snapshots for two directions, got {len(snapshots)}")
    names = list(snapshots[-1])
    final = snapshots[-1]
    offsets = np.stack([np.concatenate([np.ravel(s[n] - final[n]) for n in names]) for s in snapshots])
    _, singular_values, principal = np.linalg.svd(offsets, full_matrices=False)
    total = np.sum(singular_values**2)
    if singular_values[1] <= 1e-12 * max(singular_values[0], 1e-300):
        raise ValueError("the trajectory lies on a line (or a point): it has no second direction")
    directions = principal[:2]
    coordinates = offsets @ directions.T
    sizes = np.cumsum([0] + [final[n].size for n in names])

    def unflatten(flat: np.ndarray) -> dict[str, np.ndarray]:
        return {n: flat[a:b].reshape(final[n].shape) for n, a, b in zip(names, sizes, sizes[1:])}

    return TrajectoryProjection(
        coordinates, singular_values[:2] ** 2 / total, (unflatten(directions[0]), unflatten(directions[1]))
    )
