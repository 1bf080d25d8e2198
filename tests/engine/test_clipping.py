"""Gradient clipping by value and by global norm (torch.nn.utils.clip_grad_norm_ semantics)."""
import math

import numpy as np
import pytest

from engine.optim.clipping import NORM_EPS, clip_by_global_norm, clip_by_value


def gradients():
    return {"W": np.array([[3.0, -4.0], [0.5, -0.1]]), "b": np.array([12.0])}


def test_clip_by_value_clamps_in_place():
    grads = gradients()
    arrays = dict(grads)
    clip_by_value(grads, 1.0)
    np.testing.assert_array_equal(grads["W"], [[1.0, -1.0], [0.5, -0.1]])
    np.testing.assert_array_equal(grads["b"], [1.0])
    assert all(grads[k] is arrays[k] for k in grads)


def test_global_norm_is_returned_and_the_direction_kept():
    grads = gradients()
    original = gradients()
    norm = math.sqrt(3**2 + 4**2 + 0.5**2 + 0.1**2 + 12**2)
    assert clip_by_global_norm(grads, 2.0) == pytest.approx(norm, rel=1e-15)
    scale = 2.0 / (norm + NORM_EPS)
    for key in grads:
        np.testing.assert_allclose(grads[key], original[key] * scale, rtol=1e-15)
    clipped = math.sqrt(sum(np.sum(g**2) for g in grads.values()))
    assert clipped == pytest.approx(2.0, rel=1e-6)


def test_small_gradients_are_left_alone():
    grads = gradients()
    norm = clip_by_global_norm(grads, 100.0)
    assert norm == pytest.approx(math.sqrt(3**2 + 4**2 + 0.5**2 + 0.1**2 + 12**2), rel=1e-15)
    for key, value in gradients().items():
        np.testing.assert_array_equal(grads[key], value)


def test_zero_gradient_stays_zero():
    grads = {"w": np.zeros(3)}
    assert clip_by_global_norm(grads, 1.0) == 0.0
    np.testing.assert_array_equal(grads["w"], 0.0)


def test_non_finite_norm_is_reported_not_spread():
    grads = {"w": np.array([np.inf, 1.0])}
    assert clip_by_global_norm(grads, 1.0) == math.inf
    np.testing.assert_array_equal(grads["w"], [np.inf, 1.0])


def test_float32_gradients_are_clipped_in_their_own_dtype():
    grads = {"w": np.array([30.0, 40.0], dtype=np.float32)}
    assert clip_by_global_norm(grads, 5.0) == pytest.approx(50.0)
    assert grads["w"].dtype == np.float32
    np.testing.assert_allclose(grads["w"], [3.0, 4.0], rtol=1e-6)


def test_matches_torch_clip_grad_norm():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(0)
    grads = {"a": rng.normal(size=(4, 3)), "b": rng.normal(size=5)}
    tensors = [torch.zeros(g.shape, dtype=torch.float64, requires_grad=True) for g in grads.values()]
    for tensor, grad in zip(tensors, grads.values()):
        tensor.grad = torch.from_numpy(grad.copy())
    expected_norm = float(torch.nn.utils.clip_grad_norm_(tensors, max_norm=1.5))
    assert clip_by_global_norm(grads, 1.5) == pytest.approx(expected_norm, rel=1e-14)
    for tensor, grad in zip(tensors, grads.values()):
        np.testing.assert_allclose(grad, tensor.grad.numpy(), rtol=1e-14)


@pytest.mark.parametrize("limit", [0.0, -1.0, float("nan"), float("inf"), "big"])
def test_bad_limits_are_rejected(limit):
    with pytest.raises(ValueError, match="clip limit must be"):
        clip_by_value(gradients(), limit)
    with pytest.raises(ValueError, match="max_norm must be"):
        clip_by_global_norm(gradients(), limit)
