"""Losses: gradients against finite differences, values and gradients against torch, stability."""
import warnings

import numpy as np
import pytest

from engine.nn.gradcheck import numerical_gradient
from engine.nn.losses import ALIASES, LOSSES, get_loss


def case(name, rng):
    """A (loss, prediction, target) triple in the loss's domain, away from kinks and clipping."""
    shape = (6, 3)
    if name in ("mae", "mse", "huber"):
        loss = get_loss(name)
        return loss, rng.normal(size=shape), rng.normal(size=shape)
    if name == "binary_cross_entropy":
        return get_loss(name), rng.uniform(0.05, 0.95, size=shape), rng.uniform(0, 1, size=shape)
    if name == "sigmoid_cross_entropy":
        return get_loss(name), rng.normal(scale=3, size=shape), rng.integers(0, 2, shape) * 1.0
    return get_loss(name), rng.normal(scale=3, size=shape), rng.integers(0, 3, size=6)


@pytest.mark.parametrize("name", list(LOSSES))
def test_gradient_matches_central_differences(name):
    loss, prediction, target = case(name, np.random.default_rng(0))
    numerical = numerical_gradient(lambda p: loss.value(p, target), prediction.copy())
    analytic = loss.gradient(prediction, target)
    assert analytic.shape == prediction.shape
    np.testing.assert_allclose(analytic, numerical, rtol=1e-6, atol=1e-9)


def test_soft_and_one_hot_targets_for_softmax_cross_entropy():
    rng = np.random.default_rng(1)
    loss = get_loss("softmax_cross_entropy")
    logits = rng.normal(size=(5, 4))
    labels = rng.integers(0, 4, size=5)
    one_hot = np.eye(4)[labels]
    assert loss.value(logits, one_hot) == pytest.approx(loss.value(logits, labels), rel=1e-14)
    np.testing.assert_allclose(loss.gradient(logits, one_hot), loss.gradient(logits, labels),
                               rtol=1e-14)
    soft = rng.dirichlet(np.ones(4), size=5) * 1.5  # rows need not sum to 1
    numerical = numerical_gradient(lambda z: loss.value(z, soft), logits.copy())
    np.testing.assert_allclose(loss.gradient(logits, soft), numerical, rtol=1e-6, atol=1e-9)


def test_huber_is_quadratic_inside_delta_and_linear_outside():
    loss = get_loss("huber", delta=0.5)
    target = np.zeros(3)
    inside = np.array([0.1, -0.2, 0.3])
    outside = np.array([2.0, -3.0, 5.0])
    assert loss.value(inside, target) == pytest.approx(np.mean(0.5 * inside**2))
    assert loss.value(outside, target) == pytest.approx(np.mean(0.5 * (np.abs(outside) - 0.25)))
    np.testing.assert_allclose(loss.gradient(outside, target), np.sign(outside) * 0.5 / 3)


def test_mae_gradient_is_zero_where_prediction_is_exact():
    loss = get_loss("mae")
    np.testing.assert_array_equal(loss.gradient(np.array([1.0, 2.0]), np.array([1.0, 0.0])),
                                  [0.0, 0.5])


@pytest.mark.parametrize(
    "name, target, expected_value, expected_grad",
    [
        # per element: ln(1 + e^1000) − 0 = 1000 and ln(1 + e^−1000) + 1000 = 1000
        ("sigmoid_cross_entropy", np.array([[0.0, 1.0]]), 1000.0, [[0.5, -0.5]]),
        # −log softmax(z)_1 = 1000 − (−1000) = 2000, one example
        ("softmax_cross_entropy", np.array([1]), 2000.0, [[1.0, -1.0]]),
    ],
)
def test_logit_losses_are_exact_at_plus_minus_1000(name, target, expected_value, expected_grad):
    loss = get_loss(name)
    logits = np.array([[1000.0, -1000.0]])
    with warnings.catch_warnings(), np.errstate(over="raise", divide="raise", invalid="raise"):
        warnings.simplefilter("error")
        assert loss.value(logits, target) == pytest.approx(expected_value)
        np.testing.assert_allclose(loss.gradient(logits, target), expected_grad)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_binary_cross_entropy_clips_certain_answers(dtype):
    loss = get_loss("binary_cross_entropy")
    p = np.array([0.0, 1.0, 0.0, 1.0], dtype=dtype)
    y = np.array([0.0, 1.0, 1.0, 0.0], dtype=dtype)
    with warnings.catch_warnings(), np.errstate(over="raise", divide="raise", invalid="raise"):
        warnings.simplefilter("error")
        value, grad = loss.value(p, y), loss.gradient(p, y)
    eps = max(1e-12, np.finfo(dtype).eps)
    assert value == pytest.approx(-2 * np.log(eps) / 4, rel=1e-3)
    assert np.all(np.isfinite(grad))
    assert grad[2] < 0 < grad[3]  # the wrong, saturated answers are still pushed back
    assert grad[0] > 0 > grad[1]


def test_shapes_must_match():
    for name in ("mae", "mse", "huber", "binary_cross_entropy", "sigmoid_cross_entropy"):
        loss = get_loss(name)
        with pytest.raises(ValueError, match=r"reshape the target"):
            loss.value(np.full((4, 1), 0.5), np.full(4, 0.5))
        with pytest.raises(ValueError, match=r"\(4, 1\)"):
            loss.gradient(np.full((4, 1), 0.5), np.full(4, 0.5))


@pytest.mark.parametrize(
    "logits, target, message",
    [
        (np.zeros(3), np.array([0]), r"shape \(N, C\)"),
        (np.zeros((2, 3)), np.array([0, 3]), r"0\.\.2"),
        (np.zeros((2, 3)), np.array([-1, 0]), r"0\.\.2"),
        (np.zeros((2, 3)), np.array([[0], [1]]), r"shape \(2,\)"),
        (np.zeros((2, 3)), np.zeros((2, 4)), "must match"),
    ],
)
def test_softmax_cross_entropy_refuses_bad_targets(logits, target, message):
    loss = get_loss("softmax_cross_entropy")
    with pytest.raises(ValueError, match=message):
        loss.value(logits, target)
    with pytest.raises(ValueError, match=message):
        loss.gradient(logits, target)


def test_registry_names_aliases_and_parameters():
    for name, cls in LOSSES.items():
        assert isinstance(get_loss(name), cls) and get_loss(name).name == name
    for alias, name in ALIASES.items():
        assert isinstance(get_loss(alias), LOSSES[name])
    assert get_loss("huber", delta=2.0).delta == 2.0
    with pytest.raises(ValueError, match="choose one of: mae, mse"):
        get_loss("hinge")
    with pytest.raises(ValueError, match="takes only delta"):
        get_loss("huber", eps=0.1)
    with pytest.raises(ValueError, match="delta must be > 0"):
        get_loss("huber", delta=0)
    with pytest.raises(ValueError, match="eps must be below 0.5"):
        get_loss("binary_cross_entropy", eps=0.5)
    with pytest.raises(ValueError, match="eps must be > 0"):
        get_loss("binary_cross_entropy", eps=-1e-7)


def torch_loss(name):
    torch = pytest.importorskip("torch")
    functional = torch.nn.functional
    return {
        "mae": functional.l1_loss,
        "mse": functional.mse_loss,
        "huber": functional.huber_loss,
        "binary_cross_entropy": functional.binary_cross_entropy,
        "sigmoid_cross_entropy": functional.binary_cross_entropy_with_logits,
        "softmax_cross_entropy": functional.cross_entropy,
    }[name]


def assert_matches_torch(name, loss, prediction, target):
    torch = pytest.importorskip("torch")
    t = torch.tensor(prediction, requires_grad=True)
    expected = torch_loss(name)(t, torch.tensor(target))
    expected.backward()
    assert loss.value(prediction, target) == pytest.approx(expected.item(), rel=1e-12)
    np.testing.assert_allclose(loss.gradient(prediction, target), t.grad.numpy(), rtol=1e-10,
                               atol=1e-15)


@pytest.mark.parametrize("name", list(LOSSES))
def test_value_and_gradient_match_torch(name):
    assert_matches_torch(name, *case(name, np.random.default_rng(2)))


def test_softmax_cross_entropy_with_probability_targets_matches_torch():
    rng = np.random.default_rng(3)
    loss, logits, _ = case("softmax_cross_entropy", rng)
    assert_matches_torch("softmax_cross_entropy", loss, logits, rng.dirichlet(np.ones(3), size=6))
