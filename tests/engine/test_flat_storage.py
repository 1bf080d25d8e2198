"""A model keeps its parameters and gradients in two flat vectors, and that changes no number."""
import numpy as np
import pytest

from engine.nn.builders import mlp
from engine.nn.conv import Conv2D
from engine.nn.layers import BatchNorm, Dense, Flatten, PReLU, Residual
from engine.nn.losses import get_loss
from engine.nn.model import Sequential
from engine.optim.optimizers import Adam
from engine.train import TrainConfig, Trainer, TrainingData


def layers_of_every_kind(rng):
    return [Conv2D(1, 2, 3, rng, padding=1, dtype=np.float64), BatchNorm(2), PReLU(2), Flatten(),
            Dense(2 * 4 * 4, 3, rng), Residual([Dense(3, 3, rng), PReLU()]), Dense(3, 2, rng)]


def test_parameters_and_gradients_are_views_of_the_flat_vectors_with_their_values_kept():
    rng = np.random.default_rng(0)
    layers = layers_of_every_kind(rng)
    values = [{key: array.copy() for key, array in layer.params.items()} for layer in layers]
    model = Sequential(layers)
    assert model.flat_parameters.size == model.parameter_count()
    for layer, before in zip(layers, values):
        for key, array in layer.params.items():
            assert np.shares_memory(array, model.flat_parameters)
            assert np.shares_memory(layer.grads[key], model.flat_gradients)
            np.testing.assert_array_equal(array, before[key])
    model.flat_parameters += 1.0  # an update of the flat vector is an update of every layer
    np.testing.assert_array_equal(layers[-1].W, values[-1]["W"] + 1.0)


def test_every_layer_writes_its_gradients_into_the_flat_vector():
    rng = np.random.default_rng(1)
    model = Sequential(layers_of_every_kind(rng))
    x = rng.normal(size=(5, 1, 4, 4))
    model.backward(get_loss("mse").gradient(model.forward(x), rng.normal(size=(5, 2))))
    gathered = np.concatenate([grad.ravel() for grad in model.gradients().values()])
    np.testing.assert_array_equal(model.flat_gradients, gathered)
    assert np.count_nonzero(model.flat_gradients) > 0.9 * model.flat_gradients.size


def train(model, seed):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(40, 2))
    data = TrainingData(x, np.tanh(x[:, :1] - x[:, 1:]))
    trainer = Trainer(model, get_loss("mse"), Adam(lr=0.01), data, TrainConfig(batch_size=8),
                      rng=np.random.default_rng(seed))
    for _ in range(30):
        trainer.train_step()
    return model.state_dict()


def test_a_model_whose_layers_live_elsewhere_trains_array_by_array_to_the_same_numbers():
    flat = mlp([2, 5, 3, 1], rng=3)
    borrowed_layers = mlp([2, 5, 3, 1], rng=3).layers  # identical weights, already placed
    borrowed = Sequential(borrowed_layers)
    assert borrowed.flat_parameters is None and borrowed.flat_gradients is None
    assert list(flat.optimizer_arrays()[0]) == ["parameters"]
    assert list(borrowed.optimizer_arrays()[1]) == list(borrowed.parameters())
    after_flat, after_borrowed = train(flat, 4), train(borrowed, 4)
    for name, value in after_flat.items():
        np.testing.assert_allclose(after_borrowed[name], value, rtol=0, atol=1e-14)


def test_mixed_dtypes_are_refused():
    rng = np.random.default_rng(5)
    with pytest.raises(ValueError, match="share one dtype"):
        Sequential([Dense(2, 3, rng, dtype=np.float32), Dense(3, 1, rng)])


def test_a_float64_input_into_a_float32_network_still_trains():
    rng = np.random.default_rng(6)
    model = Sequential([Dense(3, 2, rng, dtype=np.float32)])
    model.forward(rng.normal(size=(4, 3)))  # float64 data
    model.backward(rng.normal(size=(4, 2)))
    assert model.flat_gradients.dtype == np.float32 and np.count_nonzero(model.flat_gradients)


@pytest.mark.parametrize("make_model", [lambda rng: Sequential(layers_of_every_kind(rng)),
                                        lambda rng: mlp([2, 4, 3], rng=rng)])
def test_training_skips_the_input_gradient_and_fills_the_same_gradients(make_model):
    rng = np.random.default_rng(6)
    model = make_model(rng)
    x = rng.normal(size=(5, 1, 4, 4)) if isinstance(model.layers[0], Conv2D) else rng.normal(size=(5, 2))
    output = model.forward(x)
    upstream = get_loss("mse").gradient(output, rng.normal(size=output.shape))
    assert model.backward(upstream).shape == x.shape
    full = model.flat_gradients.copy()
    model.flat_gradients[:] = np.nan
    assert model.backward(upstream, input_gradient=False) is None
    np.testing.assert_array_equal(model.flat_gradients, full)


def test_parameters_finite_looks_at_every_parameter_flat_or_not():
    for model in (mlp([2, 3, 1], rng=0), Sequential(mlp([2, 3, 1], rng=0).layers)):
        assert model.parameters_finite()
        model.layers[-1].b[0] = np.inf
        assert not model.parameters_finite()
        model.layers[-1].b[0] = 0.0
        model.layers[0].W[1, 2] = np.nan
        assert not model.parameters_finite()
