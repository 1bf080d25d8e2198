"""Exponentially weighted averages: recursion, bias correction, vectorised == streaming."""
import numpy as np
import pytest

from engine.optim.ewma import ExponentialAverage, ewma


def loop_average(series, beta):
    value, out = 0.0, []
    for x in series:
        value = beta * value + (1 - beta) * x
        out.append(value)
    return np.array(out)


def test_first_values_by_hand():
    np.testing.assert_allclose(ewma([2.0, 4.0, 0.0], beta=0.5), [1.0, 2.5, 1.25], rtol=1e-15)


def test_uncorrected_average_of_a_constant_starts_too_low():
    averages = ewma(np.full(5, 3.0), beta=0.9)
    np.testing.assert_allclose(averages, 3.0 * (1 - 0.9 ** np.arange(1, 6)), rtol=1e-14)


def test_bias_corrected_average_of_a_constant_is_exact_from_step_one():
    np.testing.assert_allclose(ewma(np.full(300, 3.0), beta=0.99, bias_correction=True), 3.0, rtol=1e-12)
    stream = ExponentialAverage(0.99)
    for _ in range(3):
        stream.update(3.0)
        assert stream.corrected == pytest.approx(3.0, rel=1e-14)


@pytest.mark.parametrize("beta", [0.0, 0.1, 0.9, 0.99, 0.999])
def test_vectorised_equals_the_recursion_over_many_blocks(beta):
    series = np.random.default_rng(3).normal(size=30_000) + np.linspace(0, 5, 30_000)
    np.testing.assert_allclose(ewma(series, beta), loop_average(series, beta), rtol=1e-10, atol=1e-12)


def test_streaming_equals_vectorised_with_and_without_correction():
    series = np.random.default_rng(4).normal(size=50)
    stream = ExponentialAverage(0.8)
    values, corrected = [], []
    for x in series:
        stream.update(x)
        values.append(stream.value)
        corrected.append(stream.corrected)
    np.testing.assert_allclose(values, ewma(series, 0.8), rtol=1e-12)
    np.testing.assert_allclose(corrected, ewma(series, 0.8, bias_correction=True), rtol=1e-12)
    assert stream.count == 50


def test_window_is_about_one_over_one_minus_beta():
    # After 1/(1−β) steps a constant series reaches 1 − β^(1/(1−β)) ≈ 1 − 1/e of its value.
    beta = 0.98
    averages = ewma(np.ones(int(round(1 / (1 - beta)))), beta)
    assert averages[-1] == pytest.approx(1 - np.exp(-1), abs=0.01)


def test_streaming_arrays_like_an_optimizer_state():
    stream = ExponentialAverage(0.9)
    stream.update(np.array([1.0, -2.0]))
    stream.update(np.array([3.0, 0.0]))
    np.testing.assert_allclose(stream.value, [0.9 * 0.1 * 1.0 + 0.1 * 3.0, 0.9 * 0.1 * -2.0], rtol=1e-15)
    stream.reset()
    assert stream.count == 0 and stream.value == 0.0


def test_empty_series_gives_empty_average():
    assert ewma([], 0.9).shape == (0,)


def test_corrected_before_any_value_is_an_error():
    with pytest.raises(ValueError, match="no value has been averaged yet"):
        ExponentialAverage(0.9).corrected


@pytest.mark.parametrize("beta", [-0.1, 1.0, 1.5, float("nan")])
def test_bad_beta_is_rejected(beta):
    with pytest.raises(ValueError, match=r"beta must be a finite number in \[0, 1\)"):
        ewma([1.0], beta)
    with pytest.raises(ValueError, match="beta must be"):
        ExponentialAverage(beta)


def test_series_must_be_one_dimensional():
    with pytest.raises(ValueError, match="1-D series, got an array of shape"):
        ewma(np.ones((3, 2)), 0.5)
