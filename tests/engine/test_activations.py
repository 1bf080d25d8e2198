"""Activation functions: derivatives against finite differences, torch, stability, registry."""
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from engine.nn.activations import ACTIVATIONS, Softmax, get_activation

ELEMENTWISE = [name for name in ACTIVATIONS if name != "softmax"]
H = 1e-6


def away_from_kinks(rng, size=200):
    """Points in [-4, 4] at least 1e-3 from 0, where ReLU-like functions have no derivative."""
    x = rng.uniform(-4, 4, size=size)
    return x[np.abs(x) > 1e-3]


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_derivative_matches_central_differences(name):
    f = get_activation(name)
    x = away_from_kinks(np.random.default_rng(0))
    numerical = (f.value(x + H) - f.value(x - H)) / (2 * H)
    np.testing.assert_allclose(f.derivative(x), numerical, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_backprop_is_gradient_times_derivative(name):
    """Sigmoid and tanh backpropagate from their output; it must agree with f'(x)."""
    f = get_activation(name)
    rng = np.random.default_rng(1)
    x = away_from_kinks(rng).reshape(-1, 1) * np.ones((1, 3))
    grad = rng.normal(size=x.shape)
    np.testing.assert_allclose(f.backprop(x, f.value(x), grad), grad * f.derivative(x),
                               rtol=1e-12, atol=1e-15)


def numerical_softmax_jacobian(x):
    columns = []
    for j in range(x.size):
        step = np.zeros_like(x)
        step[j] = H
        columns.append((Softmax().value(x + step) - Softmax().value(x - step)) / (2 * H))
    return np.stack(columns, axis=1)


def test_softmax_jvp_is_the_jacobian_product_both_ways():
    rng = np.random.default_rng(2)
    x, v = rng.normal(size=5), rng.normal(size=5)
    jacobian = numerical_softmax_jacobian(x)
    np.testing.assert_allclose(Softmax().jvp(x, v), jacobian @ v, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(Softmax().jvp(x, v), v @ jacobian, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(Softmax().derivative(x), np.diag(jacobian), rtol=1e-7, atol=1e-9)


def test_softmax_works_row_by_row_on_a_batch():
    rng = np.random.default_rng(3)
    x, v = rng.normal(size=(4, 6)), rng.normal(size=(4, 6))
    batch = Softmax().jvp(x, v)
    for row in range(4):
        np.testing.assert_allclose(batch[row], Softmax().jvp(x[row], v[row]), rtol=1e-14)


@settings(max_examples=30, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(1, 6)),
              elements=st.floats(-1000, 1000)),
       st.floats(-500, 500))
def test_softmax_rows_are_distributions_and_shift_invariant(x, shift):
    s = Softmax().value(x)
    assert np.all(s >= 0)
    np.testing.assert_allclose(s.sum(axis=-1), 1.0, rtol=1e-12)
    np.testing.assert_allclose(Softmax().value(x + shift), s, atol=1e-9)


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_no_overflow_or_warning_at_plus_minus_1000(name):
    f = get_activation(name)
    x = np.array([[-1000.0, -1.0, 0.0, 1.0, 1000.0]])
    with warnings.catch_warnings(), np.errstate(over="raise", divide="raise", invalid="raise"):
        warnings.simplefilter("error")
        value, slope = f.value(x), f.derivative(x)
        grad = f.backprop(x, value, np.ones_like(x))
    assert np.all(np.isfinite(value)) and np.all(np.isfinite(slope)) and np.all(np.isfinite(grad))


def test_saturated_values_are_exact():
    x = np.array([-1000.0, 1000.0])
    np.testing.assert_array_equal(get_activation("sigmoid").value(x), [0.0, 1.0])
    np.testing.assert_array_equal(get_activation("tanh").value(x), [-1.0, 1.0])
    np.testing.assert_array_equal(get_activation("softplus").value(x), [0.0, 1000.0])
    np.testing.assert_array_equal(get_activation("elu").value(x), [-1.0, 1000.0])
    np.testing.assert_array_equal(Softmax().value(np.array([1000.0, 0.0, -1000.0])), [1, 0, 0])


def test_sigmoid_keeps_relative_precision_far_in_the_tail():
    x = np.array([-30.0, -200.0])
    np.testing.assert_allclose(get_activation("sigmoid").value(x), np.exp(x) / (1 + np.exp(x)),
                               rtol=1e-13)


def test_step_is_the_heaviside_function_with_zero_slope():
    step = get_activation("step")
    x = np.array([-2.0, -1e-9, 0.0, 3.0])
    np.testing.assert_array_equal(step.value(x), [0, 0, 1, 1])
    np.testing.assert_array_equal(step.derivative(x), np.zeros(4))


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_float32_stays_float32(name):
    f = get_activation(name)
    x = np.linspace(-3, 3, 12, dtype=np.float32).reshape(3, 4)
    y = f.value(x)
    assert y.dtype == np.float32
    assert f.derivative(x).dtype == np.float32
    assert f.backprop(x, y, np.ones_like(x)).dtype == np.float32


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_every_activation_documents_its_formula(name):
    doc = ACTIVATIONS[name].__doc__
    assert doc and "=" in doc.splitlines()[0]


def test_parameters_reach_the_function():
    x = np.array([-2.0, 2.0])
    np.testing.assert_allclose(get_activation("leaky_relu", alpha=0.2).value(x), [-0.4, 2.0])
    np.testing.assert_allclose(get_activation("prelu").value(x), [-0.5, 2.0])
    np.testing.assert_allclose(get_activation("elu", alpha=2.0).value(x), [2 * np.expm1(-2), 2])
    assert get_activation("ReLU").name == "relu"


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_names_round_trip(name):
    assert get_activation(name).name == name


@pytest.mark.parametrize(
    "name, params, message",
    [
        ("swish", {}, "choose one of: linear"),
        ("relu", {"alpha": 0.1}, "takes no parameters"),
        ("leaky_relu", {"slope": 0.1}, "takes only alpha"),
        ("leaky_relu", {"alpha": float("nan")}, "finite"),
        ("elu", {"alpha": "big"}, "number"),
        (None, {}, "string"),
    ],
)
def test_bad_names_and_parameters_are_refused(name, params, message):
    with pytest.raises(ValueError, match=message):
        get_activation(name, **params)


TORCH_NAMES = ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "softplus", "prelu", "softmax"]


def torch_function(name):
    torch = pytest.importorskip("torch")
    functional = torch.nn.functional
    return {
        "sigmoid": torch.sigmoid,
        "tanh": torch.tanh,
        "relu": functional.relu,
        "leaky_relu": lambda t: functional.leaky_relu(t, 0.01),
        "elu": functional.elu,
        "softplus": functional.softplus,
        "prelu": lambda t: functional.prelu(t, torch.tensor([0.25], dtype=t.dtype)),
        "softmax": lambda t: torch.softmax(t, dim=-1),
    }[name]


@pytest.mark.parametrize("name", TORCH_NAMES)
def test_value_and_backprop_match_torch(name):
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(4)
    x = rng.normal(scale=3, size=(6, 5))
    grad = rng.normal(size=x.shape)
    t = torch.tensor(x, requires_grad=True)
    out = torch_function(name)(t)
    out.backward(torch.tensor(grad))
    f = get_activation(name)
    y = f.value(x)
    np.testing.assert_allclose(y, out.detach().numpy(), rtol=1e-7, atol=1e-12)
    np.testing.assert_allclose(f.backprop(x, y, grad), t.grad.numpy(), rtol=1e-7, atol=1e-12)
