"""L1/L2 penalties: the documented formulas, gradients by finite differences, the m convention."""
import numpy as np
import pytest

from engine.nn.builders import mlp
from engine.nn.gradcheck import numerical_gradient
from engine.nn.regularizers import L1, L2, get_regularizer


def weights(seed=0):
    rng = np.random.default_rng(seed)
    return {"0.W": rng.normal(size=(3, 4)), "2.W": rng.normal(size=(4,))}


@pytest.mark.parametrize("m", [1, 50])
def test_penalty_formulas(m):
    w = weights()
    squares = sum(np.sum(a**2) for a in w.values())
    absolutes = sum(np.sum(np.abs(a)) for a in w.values())
    assert L2(0.3).penalty(w, m) == pytest.approx(0.3 / (2 * m) * squares)
    assert L1(0.3).penalty(w, m) == pytest.approx(0.3 / m * absolutes)


def test_m_equal_1_is_the_playground_convention():
    """Playground: L2 costs λ·½w² per weight, L1 λ·|w|, and the slopes are λ·w and λ·sign(w)."""
    w = {"W": np.array([0.5, -2.0])}
    assert L2(0.1).penalty(w) == pytest.approx(0.1 * (0.5 * 0.25 + 0.5 * 4.0))
    assert L1(0.1).penalty(w) == pytest.approx(0.1 * 2.5)
    grads = {"W": np.zeros(2)}
    L2(0.1).add_gradient(w, grads)
    np.testing.assert_allclose(grads["W"], [0.05, -0.2])


@pytest.mark.parametrize("regularizer", [L1(0.2), L2(0.2)])
@pytest.mark.parametrize("m", [1, 7])
def test_gradient_is_the_derivative_of_the_penalty(regularizer, m):
    w = weights(1)
    grads = {name: np.zeros_like(a) for name, a in w.items()}
    regularizer.add_gradient(w, grads, m)
    for name, array in w.items():
        numerical = numerical_gradient(lambda _: regularizer.penalty(w, m), array)
        np.testing.assert_allclose(grads[name], numerical, rtol=1e-6, atol=1e-9)


def test_gradient_is_added_in_place():
    w = weights(2)
    grads = {name: np.ones_like(a) for name, a in w.items()}
    arrays = dict(grads)
    L2(0.5).add_gradient(w, grads, m=2)
    for name in w:
        assert grads[name] is arrays[name]
        np.testing.assert_allclose(grads[name], 1 + 0.25 * w[name])


def test_l1_slope_is_zero_at_zero():
    grads = {"W": np.zeros(3)}
    L1(1.0).add_gradient({"W": np.array([-1.0, 0.0, 2.0])}, grads)
    np.testing.assert_array_equal(grads["W"], [-1.0, 0.0, 1.0])


def test_biases_are_excluded_unless_all_parameters_are_given():
    model = mlp([2, 3, 3, 1], residual=True, rng=0)
    weights_only, everything = model.regularized(), model.parameters()
    assert set(weights_only) == {"0.W", "2.0.W", "3.W"}
    biases = {name: p for name, p in everything.items() if name not in weights_only}
    assert L2(0.1).penalty(everything) == pytest.approx(
        L2(0.1).penalty(weights_only) + L2(0.1).penalty(biases))
    model.forward(np.ones((4, 2)))
    model.backward(np.ones((4, 1)))
    grads = model.gradients()
    bias_before = grads["0.b"].copy()
    L1(0.1).add_gradient(weights_only, grads)
    np.testing.assert_array_equal(model.gradients()["0.b"], bias_before)


def test_zero_strength_is_allowed_and_does_nothing():
    w = weights()
    assert L2(0.0).penalty(w) == 0.0


@pytest.mark.parametrize("lam", [-0.1, float("nan"), "strong"])
def test_bad_strength_is_refused(lam):
    with pytest.raises(ValueError, match="lam"):
        L2(lam)


def test_bad_m_is_refused():
    with pytest.raises(ValueError, match="at least 1"):
        L1(0.1).penalty(weights(), m=0)
    with pytest.raises(ValueError, match="at least 1"):
        L2(0.1).add_gradient(weights(), weights(), m=-3)


def test_registry():
    assert isinstance(get_regularizer("L2", 0.1), L2)
    assert get_regularizer("l1", 0.3).lam == 0.3
    with pytest.raises(ValueError, match="choose one of: l1, l2"):
        get_regularizer("elastic", 0.1)
