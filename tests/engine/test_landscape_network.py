"""A real network's landscape: filter-normalized directions, slices, the trajectory's PCA plane."""
import numpy as np
import pytest

from engine.landscape.network import (
    LossSlice,
    filter_norms,
    filter_normalized_direction,
    loss_slice,
    trajectory_projection,
)
from engine.landscape.progress import Progress
from engine.landscape.network_study import NetworkLandscape, TrainedNetwork, network_landscape, train_small_network
from engine.nn.builders import mlp
from engine.nn.conv import Conv2D
from engine.nn.layers import Activation, BatchNorm, Dense, Flatten
from engine.nn.losses import MeanSquaredError
from engine.nn.model import Sequential


def small_network(rng):
    return mlp([2, 5, 4, 1], activation="tanh", batch_norm=True, rng=rng)


def test_filter_normalized_directions_match_each_filters_norm_and_skip_biases_and_batch_norm():
    rng = np.random.default_rng(0)
    model = small_network(rng)
    direction = filter_normalized_direction(model, rng)
    params = model.parameters()
    assert direction.keys() == params.keys()
    dense_weights = [name for name, p in params.items() if p.ndim == 2]
    assert len(dense_weights) == 3
    for name, weights in params.items():
        if weights.ndim == 2:  # Dense W: (n_in, n_out), one filter per output unit = column
            np.testing.assert_allclose(np.linalg.norm(direction[name], axis=0), np.linalg.norm(weights, axis=0))
            assert not np.allclose(direction[name], weights)
        else:  # biases, batch-norm gamma and beta
            np.testing.assert_array_equal(direction[name], 0.0)
    assert any(isinstance(layer, BatchNorm) for layer in model.layers)


def test_convolution_filters_are_normalized_per_output_channel():
    rng = np.random.default_rng(1)
    model = Sequential([Conv2D(2, 3, 3, rng, dtype=np.float64), Flatten(), Dense(3 * 4 * 4, 1, rng)])
    direction = filter_normalized_direction(model, rng)
    kernel = model.parameters()["0.W"]
    np.testing.assert_allclose(filter_norms(direction["0.W"], 0), filter_norms(kernel, 0))
    assert filter_norms(kernel, 0).shape == (3, 1, 1, 1)


def test_the_slice_centre_is_the_trained_loss_and_the_weights_come_back():
    rng = np.random.default_rng(2)
    model = small_network(rng)
    x, y = rng.normal(size=(30, 2)), rng.normal(size=(30, 1))
    loss = MeanSquaredError()
    model.train()
    model.forward(x)  # give batch norm running statistics
    before = model.state_dict()
    model.eval()
    trained_loss = loss.value(model.forward(x), y)
    model.train()
    directions = (filter_normalized_direction(model, rng), filter_normalized_direction(model, rng))
    items = list(loss_slice(model, loss, x, y, directions, resolution=11))
    *progress, result = items
    assert all(isinstance(p, Progress) for p in progress) and isinstance(result, LossSlice)
    assert [p.done for p in progress] == [11 * (i + 1) for i in range(11)] and progress[-1].total == 121
    assert result.loss.shape == (11, 11)
    assert result.loss[5, 5] == pytest.approx(trained_loss, rel=1e-12)
    assert result.centre_loss == pytest.approx(trained_loss, rel=1e-12)
    assert result.loss.max() > trained_loss  # a plane through weights is not flat
    for name, array in model.state_dict().items():
        np.testing.assert_array_equal(array, before[name])
    assert model.layers[0].training  # the mode it had before


def test_a_cancelled_slice_restores_the_weights():
    rng = np.random.default_rng(3)
    model = mlp([2, 3, 1], rng=rng)
    before = model.state_dict()
    directions = (filter_normalized_direction(model, rng), filter_normalized_direction(model, rng))
    slicer = loss_slice(model, MeanSquaredError(), np.ones((4, 2)), np.ones((4, 1)), directions, resolution=5)
    next(slicer)
    slicer.close()
    for name, array in model.state_dict().items():
        np.testing.assert_array_equal(array, before[name])


def test_the_slice_refuses_directions_of_another_network():
    rng = np.random.default_rng(4)
    model, other = mlp([2, 3, 1], rng=rng), mlp([2, 4, 1], rng=rng)
    wrong = filter_normalized_direction(other, rng)
    with pytest.raises(ValueError, match="parameter names and shapes"):
        next(loss_slice(model, MeanSquaredError(), np.ones((4, 2)), np.ones((4, 1)), (wrong, wrong)))


def test_pca_puts_the_final_weights_at_the_origin_and_recovers_a_planar_path():
    rng = np.random.default_rng(5)
    final = {"0.W": rng.normal(size=(3, 4)), "0.b": rng.normal(size=4)}
    u, v = rng.normal(size=16), rng.normal(size=16)
    u /= np.linalg.norm(u)
    v -= (v @ u) * u
    v /= np.linalg.norm(v)
    steps = np.linspace(1.0, 0.0, 12)
    path = np.stack([3.0 * steps, np.sin(3 * steps)], axis=1)  # a curve in the (u, v) plane
    flat_final = np.concatenate([final["0.W"].ravel(), final["0.b"]])
    snapshots = []
    for a, b in path:
        flat = flat_final + a * u + b * v
        snapshots.append({"0.W": flat[:12].reshape(3, 4), "0.b": flat[12:]})
    projection = trajectory_projection(snapshots)
    np.testing.assert_array_equal(projection.coordinates[-1], [0.0, 0.0])
    assert projection.explained_variance.sum() == pytest.approx(1.0)
    assert projection.explained_variance[0] >= projection.explained_variance[1] > 0
    # Distances within the plane are preserved, whatever the orientation of the axes.
    distances = np.linalg.norm(projection.coordinates - projection.coordinates[0], axis=1)
    np.testing.assert_allclose(distances, np.linalg.norm(path - path[0], axis=1), atol=1e-10)
    assert projection.directions[0]["0.W"].shape == (3, 4)


def test_pca_needs_a_path_with_two_directions():
    weights = {"w": np.zeros(3)}
    with pytest.raises(ValueError, match="at least 3"):
        trajectory_projection([weights, weights])
    line = [{"w": np.array([t, 2 * t, 0.0])} for t in (0.0, 1.0, 2.0)]
    with pytest.raises(ValueError, match="line"):
        trajectory_projection(line)


def test_the_whole_study_trains_slices_and_projects():
    rng = np.random.default_rng(6)
    *training, network = list(train_small_network(rng, epochs=4, samples=60))
    assert isinstance(network, TrainedNetwork) and len(network.trajectory) == 5
    assert [p.done for p in training] == [1, 2, 3, 4]
    *progress, landscape = list(network_landscape(network, rng, resolution=7))
    assert isinstance(landscape, NetworkLandscape)
    assert {p.stage for p in progress} == {"random directions", "trajectory plane"}
    network.model.eval()
    trained = network.loss.value(network.model.forward(network.x), network.y)
    assert landscape.random_slice.loss[3, 3] == pytest.approx(trained)
    coordinates = landscape.projection.coordinates
    slice_ = landscape.trajectory_slice
    assert slice_.alpha[0] < coordinates[:, 0].min() and slice_.alpha[-1] > coordinates[:, 0].max()
    assert slice_.beta[0] < coordinates[:, 1].min() and slice_.beta[-1] > coordinates[:, 1].max()


def test_unsupported_weights_are_refused_by_name():
    class Scale(Activation):
        def __init__(self):
            super().__init__("linear")
            self.params = {"M": np.ones((2, 2))}
            self.grads = {"M": np.zeros((2, 2))}

    model = Sequential([Dense(2, 2, np.random.default_rng(7)), Scale()])
    with pytest.raises(ValueError, match="Scale.M"):
        filter_normalized_direction(model, np.random.default_rng(7))


def test_the_default_study_trains_then_slices():
    from engine.landscape.network_study import small_network_study

    items = list(small_network_study(np.random.default_rng(8), resolution=5, epochs=3, samples=40))
    stages = [item.stage for item in items[:-1]]
    assert stages[:3] == ["training"] * 3 and stages[-1] == "trajectory plane"
    assert isinstance(items[-1], NetworkLandscape)
