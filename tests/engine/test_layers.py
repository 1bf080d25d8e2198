"""Layers: every backward pass against finite differences, torch semantics, in-place contracts."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.nn.activations import ACTIVATIONS, LeakyReLU
from engine.nn.gradcheck import check_gradients
from engine.nn.layers import (Activation, BatchNorm, Dense, Dropout, Flatten, PReLU, Residual)
from engine.nn.model import Sequential

TOLERANCE = 1e-6  # "right" in the gradcheck module's reading of relative errors


def assert_gradients_check(model, x, y, loss="mse"):
    errors = check_gradients(model, loss, x, y)
    assert max(errors.values()) < TOLERANCE, errors


def regression_batch(rng, n, n_in, n_out):
    return rng.normal(size=(n, n_in)), rng.normal(size=(n, n_out))


# ------------------------------------------------------------------ Dense


def test_dense_forward_and_gradients():
    rng = np.random.default_rng(0)
    layer = Dense(3, 2, rng, bias_init="normal")
    x, y = regression_batch(rng, 5, 3, 2)
    np.testing.assert_allclose(layer.forward(x), x @ layer.params["W"] + layer.params["b"])
    assert_gradients_check(layer, x, y)


def test_dense_params_are_the_arrays_it_computes_with():
    rng = np.random.default_rng(1)
    layer = Dense(2, 2, rng)
    x = rng.normal(size=(3, 2))
    before = layer.forward(x)
    layer.params["W"] *= 2  # what an optimizer does
    layer.params["b"] += 1
    np.testing.assert_allclose(layer.forward(x), 2 * before + 1)


def test_dense_computes_with_its_flat_storage_once_placed_in_a_model():
    rng = np.random.default_rng(11)
    layer = Dense(2, 3, rng, bias_init="normal")
    x = rng.normal(size=(4, 2))
    before = layer.forward(x)
    model = Sequential([layer])
    np.testing.assert_array_equal(model.forward(x), before)  # the values moved with the arrays
    model.flat_parameters[-3:] += 1.0  # b is the last row of [W; b], at the end of the vector
    np.testing.assert_allclose(model.forward(x), before + 1.0)


@pytest.mark.parametrize("shape", [(2,), (4, 1), (4, 3), (4, 2, 1)])
def test_dense_refuses_inputs_of_the_wrong_shape(shape):
    with pytest.raises(ValueError):
        Dense(2, 3, np.random.default_rng(0)).forward(np.ones(shape))


def test_dense_handles_a_changing_batch_size():
    rng = np.random.default_rng(2)
    layer = Dense(2, 3, rng)
    for n in (4, 1, 4):
        x = rng.normal(size=(n, 2))
        layer.forward(x)
        grad = rng.normal(size=(n, 3))
        layer.backward(grad)
        np.testing.assert_allclose(layer.grads["b"], grad.sum(axis=0))
        np.testing.assert_allclose(layer.grads["W"], x.T @ grad)


def test_dense_initializers_by_name_or_callable_and_dtype():
    rng = np.random.default_rng(3)
    def point_one(shape, fan_in, fan_out, rng, dtype):
        return np.full(shape, 0.1, dtype)

    layer = Dense(4, 2, rng, init="zeros", bias_init=point_one, dtype=np.float32)
    assert layer.params["W"].dtype == np.float32 and not layer.params["W"].any()
    np.testing.assert_array_equal(layer.params["b"], np.full(2, 0.1, np.float32))
    x = np.ones((3, 4), dtype=np.float32)
    assert layer.forward(x).dtype == np.float32
    assert layer.backward(np.ones((3, 2), dtype=np.float32)).dtype == np.float32
    assert all(g.dtype == np.float32 for g in layer.grads.values())


@pytest.mark.parametrize("n_in, n_out", [(0, 2), (2, -1), (2.5, 2), (True, 2), ("3", 2)])
def test_dense_refuses_bad_sizes(n_in, n_out):
    with pytest.raises(ValueError, match="whole number >= 1"):
        Dense(n_in, n_out, np.random.default_rng(0))


def test_dense_refuses_unknown_initializer():
    with pytest.raises(ValueError, match="unknown initializer"):
        Dense(2, 2, np.random.default_rng(0), init="magic")


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 6), st.integers(1, 5), st.integers(1, 5), st.integers(0, 2**32 - 1))
def test_dense_shapes_and_gradients_for_any_size(n, n_in, n_out, seed):
    rng = np.random.default_rng(seed)
    layer = Dense(n_in, n_out, rng)
    x, y = regression_batch(rng, n, n_in, n_out)
    assert layer.forward(x).shape == (n, n_out)
    assert layer.backward(y).shape == (n, n_in)
    assert_gradients_check(layer, x, y)


# ------------------------------------------------------------- Activation


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_activation_layer_backward(name):
    rng = np.random.default_rng(4)
    x, y = regression_batch(rng, 4, 3, 3)
    assert_gradients_check(Sequential([Dense(3, 3, rng), Activation(name)]), x, y)


def test_softmax_layer_backpropagates_through_the_full_jacobian():
    rng = np.random.default_rng(5)
    x = rng.normal(size=(4, 3))
    y = rng.dirichlet(np.ones(3), size=4)
    assert_gradients_check(Sequential([Dense(3, 3, rng), Activation("softmax")]), x, y,
                           loss="binary_cross_entropy")


def test_activation_by_object_or_name_with_parameters():
    x = np.array([[-1.0, 2.0]])
    np.testing.assert_allclose(Activation("leaky_relu", alpha=0.5).forward(x), [[-0.5, 2.0]])
    np.testing.assert_allclose(Activation(LeakyReLU(0.5)).forward(x), [[-0.5, 2.0]])
    assert "LeakyReLU(alpha=0.5)" in repr(Activation(LeakyReLU(0.5)))
    with pytest.raises(ValueError, match="not both"):
        Activation(LeakyReLU(0.5), alpha=0.1)
    with pytest.raises(ValueError, match="unknown activation"):
        Activation("sine")


# ------------------------------------------------------------------ PReLU


@pytest.mark.parametrize("num_parameters, shape", [(1, (5, 3)), (3, (5, 3)), (1, (2, 3, 2, 2)),
                                                   (3, (2, 3, 2, 2))])
def test_prelu_gradients_including_the_slopes(num_parameters, shape):
    rng = np.random.default_rng(6)
    layer = PReLU(num_parameters)
    layer.params["alpha"][:] = rng.uniform(0.1, 0.4, size=num_parameters)
    x, y = rng.normal(size=shape), rng.normal(size=shape)
    assert_gradients_check(layer, x, y)


def test_prelu_matches_torch():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(7)
    x, grad = rng.normal(size=(4, 3, 2, 2)), rng.normal(size=(4, 3, 2, 2))
    reference = torch.nn.PReLU(3, init=0.25).double()
    t = torch.tensor(x, requires_grad=True)
    out = reference(t)
    out.backward(torch.tensor(grad))
    layer = PReLU(3, init=0.25)
    np.testing.assert_allclose(layer.forward(x), out.detach().numpy(), rtol=1e-12)
    np.testing.assert_allclose(layer.backward(grad), t.grad.numpy(), rtol=1e-12)
    np.testing.assert_allclose(layer.grads["alpha"], reference.weight.grad.numpy(), rtol=1e-12)
    assert layer.regularized == ()


def test_prelu_refuses_a_channel_mismatch():
    with pytest.raises(ValueError, match="3 channels on axis 1"):
        PReLU(3).forward(np.zeros((2, 4)))
    with pytest.raises(ValueError, match="num_parameters"):
        PReLU(0)


# ---------------------------------------------------------------- Dropout


def test_dropout_drops_a_fraction_p_and_keeps_the_mean():
    layer = Dropout(0.3, np.random.default_rng(8))
    x = np.ones((200, 500))
    out = layer.forward(x)
    assert np.mean(out == 0) == pytest.approx(0.3, abs=0.01)
    assert out.mean() == pytest.approx(1.0, abs=0.01)
    np.testing.assert_allclose(out[out != 0], 1 / 0.7)


def test_dropout_backward_uses_the_same_mask():
    layer = Dropout(0.5, np.random.default_rng(9))
    x = np.random.default_rng(10).normal(size=(6, 4))
    out = layer.forward(x)
    grad = np.arange(1.0, 25.0).reshape(6, 4)
    np.testing.assert_array_equal(layer.backward(grad) == 0, out == 0)
    np.testing.assert_allclose(layer.backward(grad), grad * layer.mask)


def test_dropout_gradients_with_the_mask_held_fixed():
    rng = np.random.default_rng(11)
    model = Sequential([Dense(4, 5, rng), Dropout(0.4, rng), Activation("tanh"), Dense(5, 2, rng)])
    x, y = regression_batch(rng, 6, 4, 2)
    assert_gradients_check(model, x, y)


def test_dropout_is_the_identity_in_evaluation_unless_monte_carlo():
    x = np.random.default_rng(12).normal(size=(5, 5))
    layer = Dropout(0.5, np.random.default_rng(13))
    layer.train(False)
    np.testing.assert_array_equal(layer.forward(x), x)
    np.testing.assert_array_equal(layer.backward(x), x)
    layer.mc = True
    first, second = layer.forward(x), layer.forward(x)
    assert np.any(first == 0) and not np.array_equal(first, second)
    np.testing.assert_array_equal(Dropout(0.0, np.random.default_rng(0)).forward(x), x)
    assert "mc=True" in repr(layer)


@pytest.mark.parametrize("p", [-0.1, 1.0, 1.5, float("nan")])
def test_dropout_refuses_bad_probability(p):
    with pytest.raises(ValueError, match="dropout probability p"):
        Dropout(p, np.random.default_rng(0))


# -------------------------------------------------------------- BatchNorm


@pytest.mark.parametrize("shape", [(8, 3), (4, 3, 2, 2)])
@pytest.mark.parametrize("training", [True, False])
def test_batch_norm_gradients(shape, training):
    rng = np.random.default_rng(14)
    layer = BatchNorm(3)
    layer.params["gamma"][:] = rng.uniform(0.5, 2, 3)
    layer.params["beta"][:] = rng.normal(size=3)
    layer.buffers["running_mean"][:] = rng.normal(size=3)
    layer.buffers["running_var"][:] = rng.uniform(0.5, 2, 3)
    layer.train(training)
    x, y = rng.normal(2, 3, size=shape), rng.normal(size=shape)
    assert_gradients_check(layer, x, y)


@pytest.mark.parametrize("shape", [(8, 3), (4, 3, 2, 2)])
def test_batch_norm_matches_torch_in_training_and_evaluation(shape):
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(15)
    reference = (torch.nn.BatchNorm1d if len(shape) == 2 else torch.nn.BatchNorm2d)(3).double()
    layer = BatchNorm(3)
    running_mean = layer.buffers["running_mean"]
    for _ in range(3):
        x, grad = rng.normal(1, 2, size=shape), rng.normal(size=shape)
        t = torch.tensor(x, requires_grad=True)
        out = reference(t)
        out.backward(torch.tensor(grad))
        np.testing.assert_allclose(layer.forward(x), out.detach().numpy(), rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(layer.backward(grad), t.grad.numpy(), rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(layer.grads["gamma"], reference.weight.grad.numpy(), rtol=1e-10)
        np.testing.assert_allclose(layer.grads["beta"], reference.bias.grad.numpy(), rtol=1e-10)
        reference.zero_grad()
    assert layer.buffers["running_mean"] is running_mean  # updated in place
    np.testing.assert_allclose(layer.buffers["running_mean"], reference.running_mean.numpy(), rtol=1e-12)
    np.testing.assert_allclose(layer.buffers["running_var"], reference.running_var.numpy(), rtol=1e-12)
    reference.eval()
    layer.train(False)
    x = rng.normal(size=shape)
    np.testing.assert_allclose(layer.forward(x), reference(torch.tensor(x)).detach().numpy(),
                               rtol=1e-10, atol=1e-12)


def test_batch_norm_evaluation_leaves_the_running_statistics_alone():
    layer = BatchNorm(2)
    layer.train(False)
    layer.forward(np.random.default_rng(16).normal(5, 1, size=(10, 2)))
    np.testing.assert_array_equal(layer.buffers["running_mean"], np.zeros(2))
    np.testing.assert_array_equal(layer.buffers["running_var"], np.ones(2))


def test_batch_norm_refuses_bad_input_and_settings():
    with pytest.raises(ValueError, match=r"\(N, 3\) or \(N, 3, H, W\)"):
        BatchNorm(3).forward(np.zeros((4, 2)))
    with pytest.raises(ValueError, match="at least 2"):
        BatchNorm(3).forward(np.zeros((1, 3)))
    with pytest.raises(ValueError, match="momentum"):
        BatchNorm(3, momentum=1.5)
    with pytest.raises(ValueError, match="eps must be > 0"):
        BatchNorm(3, eps=0)


# --------------------------------------------------------------- Residual


def residual_block(rng, width=3):
    return Residual([Dense(width, width, rng), BatchNorm(width), Activation("tanh"),
                     Dense(width, width, rng)])


def test_residual_adds_the_input():
    rng = np.random.default_rng(17)
    block = residual_block(rng)
    x = rng.normal(size=(5, 3))
    inner = x
    for layer in block.layers:
        inner = layer.forward(inner)
    np.testing.assert_allclose(block.forward(x), x + inner)


def test_residual_exposes_the_inner_arrays_themselves():
    rng = np.random.default_rng(18)
    block = residual_block(rng)
    assert set(block.params) == {"0.W", "0.b", "1.gamma", "1.beta", "3.W", "3.b"}
    assert block.params["3.W"] is block.layers[3].params["W"]
    assert block.buffers["1.running_var"] is block.layers[1].buffers["running_var"]
    assert block.regularized == ("0.W", "3.W")
    x = rng.normal(size=(4, 3))
    block.forward(x)
    block.backward(np.ones((4, 3)))
    assert block.grads["0.W"] is block.layers[0].grads["W"]
    block.params["0.W"] -= 0.1 * block.grads["0.W"]  # an optimizer's in-place step
    np.testing.assert_array_equal(block.layers[0].params["W"], block.params["0.W"])


def test_residual_gradients_inside_a_model_with_prefixed_names():
    rng = np.random.default_rng(19)
    model = Sequential([Dense(2, 3, rng), residual_block(rng), Dense(3, 1, rng)])
    assert "1.3.W" in model.parameters() and "1.1.running_mean" in model.state_dict()
    x, y = regression_batch(rng, 6, 2, 1)
    assert_gradients_check(model, x, y)


def test_residual_train_mode_reaches_the_inner_layers():
    block = residual_block(np.random.default_rng(20))
    Sequential([block]).eval()
    assert not any(layer.training for layer in block.layers)


def test_residual_refuses_shape_changes_and_non_layers():
    rng = np.random.default_rng(21)
    with pytest.raises(ValueError, match=r"\(4, 3\) became \(4, 2\)"):
        Residual([Dense(3, 2, rng)]).forward(np.zeros((4, 3)))
    with pytest.raises(ValueError, match="at least one"):
        Residual([])
    with pytest.raises(ValueError, match="Layer objects"):
        Residual([np.tanh])


# ---------------------------------------------------------------- Flatten


def test_flatten_round_trip_and_gradients():
    rng = np.random.default_rng(22)
    x = rng.normal(size=(3, 2, 2, 2))
    layer = Flatten()
    assert layer.forward(x).shape == (3, 8)
    assert layer.backward(np.ones((3, 8))).shape == x.shape
    assert_gradients_check(Sequential([Flatten(), Dense(8, 2, rng)]), x, rng.normal(size=(3, 2)))
