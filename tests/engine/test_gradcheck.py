"""Gradient checking itself, and whole models checked with it."""
import numpy as np
import pytest

from engine.nn.builders import mlp
from engine.nn.gradcheck import GRADIENT_FLOOR, check_gradients, numerical_gradient, relative_error
from engine.nn.layers import Dense


def test_numerical_gradient_of_a_known_function_on_a_strided_view():
    base = np.random.default_rng(0).normal(size=(4, 3))
    x = base.T  # not contiguous: entries must still be perturbed in place
    original = x.copy()
    grad = numerical_gradient(lambda v: float(np.sum(v**3)), x)
    np.testing.assert_allclose(grad, 3 * original**2, rtol=1e-8)
    np.testing.assert_array_equal(x, original)  # restored exactly


def test_numerical_gradient_refuses_non_positive_eps():
    with pytest.raises(ValueError, match="eps must be > 0"):
        numerical_gradient(np.sum, np.zeros(2), eps=0)


def test_relative_error_scale_and_floor():
    a = np.array([3.0, 4.0])
    assert relative_error(a, a) == 0.0
    assert relative_error(a, 2 * a) == pytest.approx(0.5)
    tiny = np.array([1e-16, 0.0])
    assert relative_error(tiny, np.zeros(2)) == pytest.approx(1e-16 / GRADIENT_FLOOR)


class DoubledWeightGradient(Dense):
    """A deliberately wrong backward pass, to show the check catches it."""

    def backward(self, grad_output):
        grad_input = super().backward(grad_output)
        self.grads["W"] *= 2
        return grad_input


class ReplacedWeightGradient(Dense):
    """Breaks the layer protocol: stores a new gradient array instead of writing into grads."""

    def backward(self, grad_output):
        grad_input = super().backward(grad_output)
        self.grads["W"] = self.grads["W"].copy()
        return grad_input


def test_a_wrong_backward_pass_is_caught():
    rng = np.random.default_rng(1)
    layer = DoubledWeightGradient(3, 2, rng)
    errors = check_gradients(layer, "mse", rng.normal(size=(4, 3)), rng.normal(size=(4, 2)))
    assert set(errors) == {"0.W", "0.b", "input"}
    assert errors["0.W"] > 0.1
    assert errors["0.b"] < 1e-6 and errors["input"] < 1e-6


def test_a_layer_that_replaces_its_gradient_arrays_is_refused():
    rng = np.random.default_rng(1)
    with pytest.raises(ValueError, match="0.W: the backward pass replaced the gradient array"):
        check_gradients(ReplacedWeightGradient(3, 2, rng), "mse", rng.normal(size=(4, 3)),
                        rng.normal(size=(4, 2)))


def test_check_leaves_weights_buffers_and_generators_as_they_were():
    rng = np.random.default_rng(2)
    model = mlp([3, 4, 4, 2], batch_norm=True, dropout=0.3, rng=rng)
    state = model.state_dict()
    rng_state = rng.bit_generator.state
    check_gradients(model, "mse", rng.normal(size=(5, 3)), np.zeros((5, 2)))
    for name, value in model.state_dict().items():
        np.testing.assert_array_equal(value, state[name])
    rng.bit_generator.state = rng_state
    expected = rng.random(3)
    rng.bit_generator.state = rng_state
    assert np.array_equal(model.layers[3].rng.random(3), expected)


def test_float32_models_are_refused():
    with pytest.raises(ValueError, match="float64"):
        check_gradients(mlp([2, 1], dtype=np.float32, rng=0), "mse", np.zeros((2, 2)), np.zeros((2, 1)))


@pytest.mark.parametrize(
    "sizes, options, loss, output_activation",
    [
        ([3, 5, 5, 5, 2], dict(activation="relu", batch_norm=True, residual=True), "mse", "linear"),
        ([3, 4, 4, 4, 3], dict(activation="tanh", batch_norm=True, residual=True, dropout=0.25),
         "softmax_cross_entropy", "linear"),
        ([3, 4, 4, 2], dict(activation=["elu", "softplus"]), "sigmoid_cross_entropy", "linear"),
        ([3, 4, 2], dict(activation="sigmoid"), "binary_cross_entropy", "sigmoid"),
        ([3, 4, 2], dict(activation="leaky_relu"), "huber", "tanh"),
    ],
)
def test_whole_models(sizes, options, loss, output_activation):
    rng = np.random.default_rng(3)
    model = mlp(sizes, output_activation=output_activation, rng=rng, **options)
    x = rng.normal(size=(6, sizes[0]))
    if loss == "softmax_cross_entropy":
        y = rng.integers(0, sizes[-1], size=6)
    elif loss in ("sigmoid_cross_entropy", "binary_cross_entropy"):
        y = rng.integers(0, 2, size=(6, sizes[-1])).astype(float)
    else:
        y = rng.normal(size=(6, sizes[-1]))
    errors = check_gradients(model, loss, x, y)
    assert set(errors) == set(model.parameters()) | {"input"}
    assert max(errors.values()) < 1e-6, errors
