"""mlp(): structure, options, size limits and refusals."""
import numpy as np
import pytest

from engine.nn.activations import LeakyReLU
from engine.nn.builders import MAX_HIDDEN_LAYERS, MAX_UNITS, mlp
from engine.nn.layers import Activation, BatchNorm, Dense, Dropout, Residual


def kinds(model):
    return [type(layer).__name__ for layer in model.layers]


def test_playground_network():
    model = mlp([2, 4, 2, 1], rng=0)
    assert kinds(model) == ["Dense", "Activation", "Dense", "Activation", "Dense"]
    assert [layer.function.name for layer in model.layers[1::2]] == ["tanh", "tanh"]
    assert model.parameter_count() == (2 * 4 + 4) + (4 * 2 + 2) + (2 * 1 + 1)
    assert model.forward(np.zeros((10, 2))).shape == (10, 1)


def test_output_activation_adds_a_layer_unless_linear():
    model = mlp([2, 3], output_activation="sigmoid", rng=0)
    assert kinds(model) == ["Dense", "Activation"]
    assert model.layers[-1].function.name == "sigmoid"


def test_one_activation_per_hidden_layer():
    model = mlp([2, 3, 3, 1], activation=["relu", LeakyReLU(0.2)], rng=0)
    functions = [layer.function for layer in model.layers if isinstance(layer, Activation)]
    assert functions[0].name == "relu" and functions[1].alpha == 0.2
    with pytest.raises(ValueError, match="2 activations for 3 hidden layers"):
        mlp([2, 3, 3, 3, 1], activation=["relu", "tanh"], rng=0)


def test_batch_norm_and_dropout_blocks():
    model = mlp([2, 5, 5, 1], batch_norm=True, dropout=0.2, rng=0)
    assert kinds(model) == ["Dense", "BatchNorm", "Activation", "Dropout"] * 2 + ["Dense"]
    assert all(layer.p == 0.2 for layer in model.layers if isinstance(layer, Dropout))
    with pytest.raises(ValueError, match="dropout probability"):
        mlp([2, 5, 1], dropout=1.0, rng=0)


def test_residual_wraps_equal_width_hidden_blocks_but_never_the_first():
    model = mlp([4, 4, 4, 6, 6, 1], residual=True, batch_norm=True, rng=0)
    assert kinds(model) == ["Dense", "BatchNorm", "Activation", "Residual", "Dense", "BatchNorm",
                            "Activation", "Residual", "Dense"]
    inner = model.layers[3].layers
    assert [type(layer) for layer in inner] == [Dense, BatchNorm, Activation]
    with pytest.raises(ValueError, match="same width"):
        mlp([2, 4, 8, 1], residual=True, rng=0)


def test_initializers_dtype_and_seed():
    model = mlp([3, 4, 2], init="he_normal", bias_init="constant", dtype=np.float32, rng=5)
    assert all(p.dtype == np.float32 for p in model.parameters().values())
    assert model.forward(np.ones((2, 3), dtype=np.float32)).dtype == np.float32
    again = mlp([3, 4, 2], init="he_normal", bias_init="constant", dtype=np.float32,
                rng=np.random.default_rng(5))
    for name, value in model.parameters().items():
        np.testing.assert_array_equal(value, again.parameters()[name])
    assert not np.array_equal(mlp([3, 4, 2], rng=6).parameters()["0.W"], model.parameters()["0.W"])


def test_size_limits_are_exact():
    deepest = mlp([1] + [1] * MAX_HIDDEN_LAYERS + [1], rng=0)
    assert sum(isinstance(layer, Dense) for layer in deepest.layers) == MAX_HIDDEN_LAYERS + 1
    mlp([1, MAX_UNITS, 1], rng=0)
    with pytest.raises(ValueError, match=f"at most {MAX_HIDDEN_LAYERS} hidden layers"):
        mlp([1] + [1] * (MAX_HIDDEN_LAYERS + 1) + [1], rng=0)
    with pytest.raises(ValueError, match=f"at most {MAX_UNITS} units"):
        mlp([1, MAX_UNITS + 1, 1], rng=0)


@pytest.mark.parametrize("sizes", [[2, 0, 1], [2, -3, 1], [2, 2.5, 1], [2, True, 1], [0, 1]])
def test_bad_widths_are_refused(sizes):
    with pytest.raises(ValueError, match="whole number >= 1"):
        mlp(sizes, rng=0)


@pytest.mark.parametrize("sizes", [[3], [], "2,4,1", 5])
def test_sizes_must_list_input_and_output(sizes):
    with pytest.raises(ValueError, match="at least the input and output"):
        mlp(sizes, rng=0)


def test_rng_must_be_a_generator_or_seed():
    with pytest.raises(ValueError, match="Generator or an int seed"):
        mlp([2, 1], rng=None)
    assert isinstance(mlp([2, 2, 1], dropout=0.5, rng=0).layers[2].rng, np.random.Generator)


def test_unknown_activation_is_refused():
    with pytest.raises(ValueError, match="unknown activation"):
        mlp([2, 2, 1], activation="gelu", rng=0)
    assert isinstance(mlp([2, 2, 2, 1], residual=True, rng=0).layers[2], Residual)
