"""The Functions lab's computations: they must use the engine's own functions and show what the
course says (σ′ ≤ 0.25 through depth, cross-entropy's gradient does not vanish when wrong)."""
import numpy as np
import pytest

from engine.functions_lab import (
    LAB_ACTIVATIONS,
    RACE_RUNS,
    RACE_YARDSTICKS,
    LossRace,
    depth_products,
    logit_gradients,
    pointwise_loss,
    saturation_zones,
    softmax_with_temperature,
)
from engine.nn import get_activation, get_loss


def test_every_lab_activation_is_an_engine_activation():
    for name in LAB_ACTIVATIONS:
        assert get_activation(name).name == name


# ----- saturation zones ---------------------------------------------------------------------------


def test_sigmoid_saturates_beyond_about_three():
    x = np.linspace(-6, 6, 1201)
    sigmoid = get_activation("sigmoid")
    zones = saturation_zones(x, sigmoid.derivative(x), threshold=0.05)
    assert len(zones) == 2
    (left_start, left_end), (right_start, right_end) = zones
    assert left_start == -6 and right_end == 6
    # σ′(x) = 0.05 where σ(x) = (1 + √0.8)/2, i.e. x = ln(σ/(1−σ)).
    s = (1 + np.sqrt(1 - 4 * 0.05)) / 2
    edge = np.log(s / (1 - s))
    assert left_end == pytest.approx(-edge, abs=0.011)
    assert right_start == pytest.approx(edge, abs=0.011)
    assert abs(edge - 3) < 0.15  # the course's "almost 0 beyond |x| > 3"


def test_relu_dead_zone_is_the_negative_half():
    x = np.linspace(-6, 6, 13)
    zones = saturation_zones(x, get_activation("relu").derivative(x), threshold=0.01)
    assert zones == [(-6.0, 0.0)]  # f′(0) = 0 too


def test_linear_has_no_flat_zone_and_threshold_must_be_positive():
    x = np.linspace(-1, 1, 5)
    assert saturation_zones(x, np.ones_like(x), 0.5) == []
    with pytest.raises(ValueError, match="threshold"):
        saturation_zones(x, np.ones_like(x), 0.0)


# ----- softmax ------------------------------------------------------------------------------------


def test_softmax_with_temperature_is_the_engine_softmax_of_scaled_logits():
    z = np.array([2.0, 1.0, -1.0])
    softmax = get_activation("softmax")
    np.testing.assert_array_equal(softmax_with_temperature(z, 1.0), softmax.value(z))
    np.testing.assert_allclose(softmax_with_temperature(z, 2.0), softmax.value(z / 2))
    hot, cold = softmax_with_temperature(z, 100.0), softmax_with_temperature(z, 0.01)
    assert np.ptp(hot) < 0.01  # nearly uniform
    assert cold[0] == pytest.approx(1.0)  # nearly the arg-max
    with pytest.raises(ValueError, match="temperature"):
        softmax_with_temperature(z, 0)


def test_two_class_softmax_is_the_sigmoid_of_the_difference():
    z = np.array([1.7, -0.4])
    assert softmax_with_temperature(z, 1.0)[0] == pytest.approx(
        get_activation("sigmoid").value(z[0] - z[1]))


# ----- losses point by point ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["mae", "mse", "huber", "binary_cross_entropy"])
def test_pointwise_loss_scores_each_prediction_alone(name):
    loss = get_loss(name)
    predictions = np.linspace(0.05, 0.95, 7)
    values, gradients = pointwise_loss(loss, predictions, 1.0)
    for p, value, gradient in zip(predictions, values, gradients):
        one, target = np.array([p]), np.array([1.0])
        assert value == loss.value(one, target)
        assert gradient == pytest.approx(loss.gradient(one, target)[0])


def test_mse_pointwise_is_the_textbook_formula():
    p = np.linspace(-2, 3, 11)
    values, gradients = pointwise_loss(get_loss("mse"), p, 0.5)
    np.testing.assert_allclose(values, (p - 0.5) ** 2)
    np.testing.assert_allclose(gradients, 2 * (p - 0.5))


# ----- why cross-entropy trains faster -----------------------------------------------------------


def test_mse_gradient_vanishes_when_badly_wrong_but_cross_entropy_does_not():
    z = np.linspace(8, -8, 161)  # from right (p ≈ 1) to badly wrong (p ≈ 0), target 1
    grads = logit_gradients(z, target=1.0)
    p = get_activation("sigmoid").value(z)
    np.testing.assert_allclose(grads["cross_entropy"], p - 1)
    np.testing.assert_allclose(grads["mse"], 2 * (p - 1) * p * (1 - p))
    wrong = z < -5
    assert np.all(np.abs(grads["cross_entropy"][wrong]) > 0.99)
    assert np.all(np.abs(grads["mse"][wrong]) < 0.02)
    # Cross-entropy pushes hardest when most wrong; MSE's push peaks in between and dies away.
    assert np.argmax(np.abs(grads["cross_entropy"])) == len(z) - 1
    assert 0 < np.argmax(np.abs(grads["mse"])) < len(z) - 1


# ----- through depth ------------------------------------------------------------------------------


def _expected_sigmoid_geometric_mean(depth: int, spread: float) -> float:
    """0.25^L · exp(L · E[ln sech²(z/2)]) for z ~ N(0, spread²), by quadrature: σ′ = ¼ sech²(z/2)."""
    z = np.linspace(-12 * spread, 12 * spread, 20001)
    density = np.exp(-0.5 * (z / spread) ** 2) / (spread * np.sqrt(2 * np.pi))
    mean_log = np.trapezoid(density * np.log(1 / np.cosh(z / 2) ** 2), z)
    return 0.25**depth * np.exp(depth * mean_log)


def test_sigmoid_products_at_depth_ten_sit_at_or_below_a_quarter_to_the_tenth():
    products = depth_products(get_activation("sigmoid"), 30, 20000, np.random.default_rng(0))
    at_ten = products.at(10)
    assert at_ten.max() <= 0.25**10
    assert products.typical()[9] == pytest.approx(_expected_sigmoid_geometric_mean(10, 1.0), rel=0.05)
    edges = np.linspace(*products.log10_range(), 61)
    counts = products.log10_histogram(10, edges)
    assert counts.sum() == len(at_ten)
    centres = (edges[:-1] + edges[1:]) / 2
    assert counts[centres > np.log10(0.25**10) + (edges[1] - edges[0])].sum() == 0


def test_products_are_the_engine_derivatives_multiplied():
    rng_a, rng_b = np.random.default_rng(3), np.random.default_rng(3)
    elu = get_activation("elu", alpha=0.5)
    products = depth_products(elu, 4, 50, rng_a, spread=2.0)
    z = rng_b.normal(0, 2.0, size=(50, 4))
    np.testing.assert_allclose(products.at(4), np.prod(elu.derivative(z), axis=1))
    assert not products.products.flags.writeable


def test_relu_paths_die_as_depth_grows():
    products = depth_products(get_activation("relu"), 8, 40000, np.random.default_rng(1))
    # A path survives L layers only if every z > 0: probability 0.5^L; survivors carry exactly 1.
    np.testing.assert_allclose(1 - products.zero_fraction(), 0.5 ** np.arange(1, 9), rtol=0.1)
    np.testing.assert_allclose(products.typical(), 1.0)
    assert set(np.unique(products.at(3))) == {0.0, 1.0}


def test_step_has_no_gradient_at_all():
    products = depth_products(get_activation("step"), 3, 10, np.random.default_rng(2))
    np.testing.assert_array_equal(products.zero_fraction(), 1.0)
    assert np.isnan(products.typical()).all()
    assert products.log10_range() == (0.0, 0.0)


def test_depth_products_reject_bad_settings():
    sigmoid, rng = get_activation("sigmoid"), np.random.default_rng(0)
    with pytest.raises(ValueError, match="max_depth"):
        depth_products(sigmoid, 0, 10, rng)
    with pytest.raises(ValueError, match="samples"):
        depth_products(sigmoid, 3, 0, rng)
    with pytest.raises(ValueError, match="spread"):
        depth_products(sigmoid, 3, 10, rng, spread=-1)
    with pytest.raises(ValueError, match="between 1 and 3"):
        depth_products(sigmoid, 3, 10, rng).at(4)


# ----- the race -----------------------------------------------------------------------------------


def test_cross_entropy_reaches_a_lower_loss_first():
    race = LossRace(np.random.default_rng(0), learning_rate=1.0, wrongness=6.0, max_steps=200)
    snapshots = list(race.run())
    assert [s.step for s in snapshots] == list(range(1, 201))
    final = snapshots[-1]
    assert final.finished
    for yardstick in RACE_YARDSTICKS:
        start = final.history["mse"][yardstick][0]
        # Same model, same start: both runs begin with the same score.
        assert final.history["cross_entropy"][yardstick][0] == start
    # Measured by MSE's own yardstick, cross-entropy still gets there first, and far earlier.
    halfway = final.history["mse"]["mse"][0] / 2
    ce_steps = final.steps_to_reach("cross_entropy", "mse", halfway)
    mse_steps = final.steps_to_reach("mse", "mse", halfway)
    assert ce_steps is not None and mse_steps is not None
    assert 5 * ce_steps < mse_steps
    for yardstick in RACE_YARDSTICKS:  # and it is never behind, whatever the yardstick
        assert np.all(final.history["cross_entropy"][yardstick] <= final.history["mse"][yardstick])


def test_race_from_a_good_start_is_no_contest_and_the_snapshot_is_frozen():
    race = LossRace(np.random.default_rng(0), wrongness=0.0, max_steps=3)
    snapshot = race.snapshot()
    assert snapshot.step == 0 and not snapshot.finished
    assert list(snapshot.steps) == [0]
    assert set(snapshot.history) == set(RACE_RUNS)
    assert snapshot.steps_to_reach("mse", "mse", 0.0) is None
    with pytest.raises(ValueError):
        snapshot.history["mse"]["mse"][0] = 1.0


def test_race_trains_both_runs_with_their_engine_loss():
    race = LossRace(np.random.default_rng(4), learning_rate=0.5, wrongness=2.0, samples=6)
    z_before = race.logits("cross_entropy").copy()
    race.step()
    # One SGD step on sigmoid cross-entropy of w·x + b, by hand: dL/dz = (σ(z) − y)/n.
    dz = (get_activation("sigmoid").value(z_before) - race.y) / len(race.y)
    w, b = -2.0 - 0.5 * (race.x * dz).sum(), -0.5 * dz.sum()
    np.testing.assert_allclose(race.logits("cross_entropy"), w * race.x + b)


@pytest.mark.parametrize("settings, message", [
    (dict(learning_rate=0.0), "learning_rate"),
    (dict(wrongness=-1.0), "wrongness"),
    (dict(samples=1), "samples"),
    (dict(max_steps=0), "max_steps"),
])
def test_race_rejects_bad_settings(settings, message):
    with pytest.raises(ValueError, match=message):
        LossRace(np.random.default_rng(0), **settings)
