"""The moving-averages lesson: temperatures, EWMA bias correction, weights and window."""
import numpy as np
import pytest

from engine.landscape.moving_average_demo import averaging_weights, daily_temperatures, effective_window
from engine.optim.ewma import ewma


def test_a_year_of_temperatures_is_seasonal_and_reproducible():
    year = daily_temperatures(np.random.default_rng(0))
    assert year.shape == (365,)
    np.testing.assert_array_equal(year, daily_temperatures(np.random.default_rng(0)))
    calm = daily_temperatures(np.random.default_rng(0), noise=0.0)
    assert calm.argmin() == 15 and calm.max() == pytest.approx(25.0, abs=1e-3) and calm.min() == pytest.approx(5.0)
    assert np.std(year - calm) == pytest.approx(3.0, rel=0.15)


@pytest.mark.parametrize("beta", [0.5, 0.9, 0.98])
def test_bias_corrected_averages_are_unbiased_from_the_first_step(beta):
    """Many noisy years around a constant 20 °C: the corrected average is right on average from
    day 1, the uncorrected one starts too low by exactly the factor 1 − βᵗ."""
    rng = np.random.default_rng(1)
    days = 10
    runs = np.array([daily_temperatures(rng, days, mean=20.0, amplitude=0.0) for _ in range(3000)])
    corrected = np.array([ewma(run, beta, bias_correction=True) for run in runs])
    uncorrected = np.array([ewma(run, beta) for run in runs])
    standard_error = corrected.std(axis=0) / np.sqrt(len(runs))
    assert np.all(np.abs(corrected.mean(axis=0) - 20.0) < 5 * standard_error)
    too_low = 20.0 * (1 - beta ** np.arange(1, days + 1))
    assert np.all(np.abs(uncorrected.mean(axis=0) - too_low) < 5 * standard_error)
    np.testing.assert_allclose(corrected[:, 0], runs[:, 0])  # step 1: the value itself


@pytest.mark.parametrize("beta", [0.5, 0.9, 0.98])
def test_weights_sum_to_one_minus_beta_to_the_t_and_fade_over_the_window(beta):
    weights = averaging_weights(beta, 50)
    assert weights.sum() == pytest.approx(1 - beta**50)
    window = effective_window(beta)
    assert window == pytest.approx(1 / (1 - beta))
    # After one window the weight has fallen to about 1/e of the newest weight.
    assert beta**window == pytest.approx(np.exp(-1), rel=0.35)


def test_bad_settings_are_refused():
    with pytest.raises(ValueError, match="beta"):
        averaging_weights(1.0, 5)
    with pytest.raises(ValueError, match="days"):
        daily_temperatures(np.random.default_rng(0), days=0)
    with pytest.raises(ValueError, match="noise"):
        daily_temperatures(np.random.default_rng(0), noise=-1.0)
