"""Initializers: the variance each strategy promises, measured on large draws."""
import numpy as np
import pytest

from engine.nn.initializers import INITIALIZERS, get_initializer

FAN_IN, FAN_OUT = 400, 300
SHAPE = (FAN_IN, FAN_OUT)  # 120 000 draws: the sample variance is within ~1% of the truth

PROMISED_VARIANCE = {
    "uniform": 0.05**2 / 3,
    "normal": 0.05**2,
    "playground": 1 / 12,  # U[-0.5, 0.5]
    "xavier_uniform": 2 / (FAN_IN + FAN_OUT),
    "xavier_normal": 2 / (FAN_IN + FAN_OUT),
    "lecun_uniform": 1 / FAN_IN,
    "lecun_normal": 1 / FAN_IN,
    "he_uniform": 2 / FAN_IN,
    "he_normal": 2 / FAN_IN,
}


def draw(name, seed=0, dtype=np.float64, shape=SHAPE, **params):
    return get_initializer(name, **params)(shape, FAN_IN, FAN_OUT, np.random.default_rng(seed), dtype)


@pytest.mark.parametrize("name", list(PROMISED_VARIANCE))
def test_empirical_variance_and_mean(name):
    values = draw(name)
    variance = PROMISED_VARIANCE[name]
    assert values.var() == pytest.approx(variance, rel=0.03)
    assert abs(values.mean()) < 5 * np.sqrt(variance / values.size)


@pytest.mark.parametrize("name", [n for n in PROMISED_VARIANCE if "uniform" in n or n == "playground"])
def test_uniform_strategies_stay_inside_their_bounds(name):
    values = draw(name)
    bound = np.sqrt(3 * PROMISED_VARIANCE[name])
    assert values.min() >= -bound and values.max() <= bound
    assert values.max() > 0.99 * bound  # and fill them


def test_parameters_change_the_spread():
    assert draw("uniform", a=2.0).var() == pytest.approx(4 / 3, rel=0.03)
    assert draw("normal", std=0.2).std() == pytest.approx(0.2, rel=0.03)
    np.testing.assert_array_equal(draw("constant", value=0.1, shape=(3,)), np.full(3, 0.1))
    np.testing.assert_array_equal(draw("zeros", shape=(2, 2)), np.zeros((2, 2)))


@pytest.mark.parametrize("name", list(INITIALIZERS))
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_shape_dtype_and_determinism(name, dtype):
    shape = (4, 3, 2, 2)  # convolution-shaped weights work the same way
    a, b = draw(name, seed=7, dtype=dtype, shape=shape), draw(name, seed=7, dtype=dtype, shape=shape)
    assert a.shape == shape and a.dtype == dtype
    np.testing.assert_array_equal(a, b)


def test_seed_gives_the_same_weights_in_float32_and_float64():
    np.testing.assert_allclose(draw("he_normal", dtype=np.float32), draw("he_normal"), rtol=1e-6)


def test_different_seeds_differ():
    assert not np.array_equal(draw("xavier_uniform", seed=1), draw("xavier_uniform", seed=2))


@pytest.mark.parametrize(
    "name, params, message",
    [
        ("glorot", {}, "choose one of: zeros"),
        ("uniform", {"a": 0}, "a must be > 0"),
        ("normal", {"std": -1}, "std must be > 0"),
        ("constant", {"value": float("inf")}, "finite"),
        ("he_normal", {"gain": 2}, "takes no parameters"),
        ("normal", {"mean": 1}, "takes only std"),
    ],
)
def test_bad_configuration_is_refused(name, params, message):
    with pytest.raises(ValueError, match=message):
        get_initializer(name, **params)


def test_scaled_strategies_need_a_positive_fan():
    with pytest.raises(ValueError, match="fan_in"):
        get_initializer("he_normal")((2, 2), 0, 2, np.random.default_rng(0), np.float64)
