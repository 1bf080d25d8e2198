import numpy as np
import pytest

from engine.data.playground import (
    DATASETS,
    MAX_NOISE,
    PLAYGROUND_DOMAIN,
    make_dataset,
    to_zero_one,
)

BINARY = [name for name, recipe in DATASETS.items() if recipe.task == "binary"]
MULTICLASS = [name for name, recipe in DATASETS.items() if recipe.task == "multiclass"]


def make(name, n_samples=400, noise=0.0, seed=0):
    return make_dataset(name, n_samples, noise, np.random.default_rng(seed))


def test_registry_has_the_playground_sets_and_the_extras():
    assert {"circle", "xor", "gaussian", "spiral", "plane", "multi_gaussian", "moons"} <= set(DATASETS)
    assert sorted(DATASETS[name].n_classes for name in MULTICLASS) == [3, 4, 5]


@pytest.mark.parametrize("name", list(DATASETS))
def test_shapes_dtypes_and_task(name):
    recipe = DATASETS[name]
    data = make(name, n_samples=123, noise=0.2)
    assert data.x.shape == (123, 2) and data.x.dtype == np.float64
    assert data.y.shape == (123,) and len(data) == 123
    assert (data.task, data.n_classes) == (recipe.task, recipe.n_classes)
    if data.task == "binary":
        assert data.y.dtype == np.float64 and set(np.unique(data.y)) == {-1.0, 1.0}
    elif data.task == "multiclass":
        assert data.y.dtype == np.int64
        assert set(np.unique(data.y)) == set(range(data.n_classes))
    else:
        assert data.y.dtype == np.float64 and data.n_classes is None
    assert np.all(np.isfinite(data.x)) and np.all(np.isfinite(data.y))


@pytest.mark.parametrize("name", list(DATASETS))
def test_deterministic_under_a_seed(name):
    first, again, other = make(name, seed=5, noise=0.3), make(name, seed=5, noise=0.3), \
        make(name, seed=6, noise=0.3)
    np.testing.assert_array_equal(first.x, again.x)
    np.testing.assert_array_equal(first.y, again.y)
    assert not np.array_equal(first.x, other.x)


@pytest.mark.parametrize("name", list(DATASETS))
def test_arrays_are_read_only(name):
    data = make(name, n_samples=10)
    with pytest.raises(ValueError):
        data.x[0, 0] = 1.0
    with pytest.raises(ValueError):
        data.y[0] = 1


@pytest.mark.parametrize("name", ["gaussian", "spiral", "moons", *MULTICLASS])
def test_classes_are_balanced(name):
    """Sets that draw a fixed number of points per class (noise does not relabel them)."""
    data = make(name, n_samples=503, noise=0.5)
    counts = np.unique(data.y, return_counts=True)[1]
    assert counts.sum() == 503 and counts.max() - counts.min() <= 1


def test_samples_are_shuffled():
    labels = make("spiral", n_samples=200).y
    assert np.count_nonzero(np.diff(labels)) > 20  # not one block of +1 then one of -1


@pytest.mark.parametrize("name", [name for name in DATASETS if name != "gaussian"])
def test_noise_free_points_stay_in_the_playground_square(name):
    low, high = PLAYGROUND_DOMAIN
    x = make(name, n_samples=1000).x
    assert np.all((x >= low) & (x <= high))


def test_circle_labels_inner_disc_positive_and_outer_ring_negative():
    data = make("circle", n_samples=1000)
    radius = np.hypot(data.x[:, 0], data.x[:, 1])
    inside = data.y > 0
    assert np.all(radius[inside] <= 2.5)
    assert np.all((radius[~inside] >= 3.5) & (radius[~inside] <= 5.0))
    assert np.count_nonzero(inside) == 500


def test_circle_noise_relabels_points_but_does_not_move_them():
    data = make("circle", n_samples=1000, noise=0.5)
    radius = np.hypot(data.x[:, 0], data.x[:, 1])
    assert np.all((radius <= 2.5) | (radius >= 3.5))
    mislabelled = (radius < 2.5) != (data.y > 0)
    assert 0 < np.count_nonzero(mislabelled) < 500


def test_xor_label_is_the_sign_of_the_product_and_points_avoid_the_axes():
    data = make("xor", n_samples=1000)
    np.testing.assert_array_equal(data.y, np.sign(data.x[:, 0] * data.x[:, 1]))
    assert np.all((np.abs(data.x) >= 0.3) & (np.abs(data.x) <= 5.3))


def test_xor_noise_flips_some_labels():
    data = make("xor", n_samples=1000, noise=0.5)
    flipped = data.y != np.sign(data.x[:, 0] * data.x[:, 1])
    assert 0 < np.count_nonzero(flipped) < 500


@pytest.mark.parametrize("noise, variance", [(0.0, 0.5), (MAX_NOISE, 4.0)])
def test_gaussian_clusters_sit_at_plus_minus_two_with_noise_driven_variance(noise, variance):
    data = make("gaussian", n_samples=8000, noise=noise)
    for label, centre in ((1.0, 2.0), (-1.0, -2.0)):
        cluster = data.x[data.y == label]
        np.testing.assert_allclose(cluster.mean(axis=0), [centre, centre], atol=0.1)
        np.testing.assert_allclose(cluster.var(axis=0), [variance, variance], rtol=0.1)


def spiral_phase(x):
    """How far (in radians, mod 2π) a point's angle is ahead of the arm through angle 0."""
    radius = np.hypot(x[:, 0], x[:, 1])
    angle = np.arctan2(x[:, 0], x[:, 1])  # the Playground puts x = r sin t, y = r cos t
    return np.mod(angle - 1.75 * 2 * np.pi * radius / 5.0, 2 * np.pi)


def circular_distance(a, b):
    return np.abs(np.angle(np.exp(1j * (a - b))))


def test_binary_spiral_arms_are_half_a_turn_apart():
    data = make("spiral", n_samples=400)
    centre = np.hypot(data.x[:, 0], data.x[:, 1]) < 1e-12  # the arms start at the origin
    phase = spiral_phase(data.x[~centre])
    label = data.y[~centre]
    assert np.all(circular_distance(phase[label > 0], 0.0) < 1e-9)
    assert np.all(circular_distance(phase[label < 0], np.pi) < 1e-9)
    assert np.max(np.hypot(data.x[:, 0], data.x[:, 1])) < 5.0


@pytest.mark.parametrize("name", MULTICLASS)
def test_multiclass_spiral_arm_k_is_rotated_by_k_over_n_turns(name):
    data = make(name, n_samples=300)
    n_classes = data.n_classes
    centre = np.hypot(data.x[:, 0], data.x[:, 1]) < 1e-12
    phase = spiral_phase(data.x[~centre])
    expected = 2 * np.pi * data.y[~centre] / n_classes
    assert np.all(circular_distance(phase, expected) < 1e-9)


def test_spiral_noise_moves_points_by_at_most_noise_per_axis():
    clean, noisy = make("spiral", n_samples=300), make("spiral", n_samples=300, noise=0.4)
    radius = np.hypot(noisy.x[:, 0], noisy.x[:, 1])
    assert np.max(radius) <= 5.0 + 0.4 * np.sqrt(2)
    assert not np.allclose(np.sort(clean.x, axis=0), np.sort(noisy.x, axis=0))


def test_moons_lie_on_two_interleaved_half_circles():
    data = make("moons", n_samples=600)
    p = data.x / 3.0 + [0.5, 0.25]  # back to unit moons
    upper, lower = p[data.y > 0], p[data.y < 0]
    np.testing.assert_allclose(np.hypot(upper[:, 0], upper[:, 1]), 1.0)
    assert np.all(upper[:, 1] >= -1e-12)
    np.testing.assert_allclose(np.hypot(lower[:, 0] - 1, lower[:, 1] - 0.5), 1.0)
    assert np.all(lower[:, 1] <= 0.5 + 1e-12)


def test_moons_noise_is_gaussian_in_moon_radii():
    data = make("moons", n_samples=4000, noise=0.2)
    p = data.x / 3.0 + [0.5, 0.25]
    upper = p[data.y > 0]
    off_circle = np.hypot(upper[:, 0], upper[:, 1]) - 1.0
    assert 0.15 < np.std(off_circle) < 0.25


def test_plane_target_is_the_scaled_sum_of_the_coordinates():
    data = make("plane", n_samples=500)
    np.testing.assert_allclose(data.y, (data.x[:, 0] + data.x[:, 1]) / 10)
    assert np.all(np.abs(data.x) <= 6.0)


def test_plane_noise_perturbs_targets_within_the_probe_range():
    noise = 0.3
    data = make("plane", n_samples=500, noise=noise)
    error = data.y - (data.x[:, 0] + data.x[:, 1]) / 10
    assert np.all(np.abs(error) <= 2 * 6.0 * noise / 10) and np.std(error) > 0.05


def test_multi_gaussian_target_follows_the_six_signed_bumps():
    bumps = np.array([[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1],
                      [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]])
    data = make("multi_gaussian", n_samples=3000)
    distance = np.hypot(data.x[:, None, 0] - bumps[:, 0], data.x[:, None, 1] - bumps[:, 1])
    nearest = np.argmin(distance, axis=1)
    d = distance[np.arange(len(data)), nearest]
    assert np.all(np.abs(data.y) <= 1.0)
    np.testing.assert_array_equal(data.y[d >= 2.0], 0.0)
    close = d < 1.0  # other bumps are then at least 3 away and contribute nothing
    np.testing.assert_allclose(data.y[close], bumps[nearest[close], 2] * (1 - d[close] / 2))


def test_to_zero_one_maps_plus_minus_one_labels():
    np.testing.assert_array_equal(to_zero_one(np.array([1.0, -1.0, -1.0, 1.0])), [1, 0, 0, 1])
    assert to_zero_one(make("xor").y).dtype == np.float64


def test_subset_keeps_task_and_picks_rows():
    data = make("spiral3", n_samples=30)
    part = data.subset(np.array([4, 0, 7]))
    np.testing.assert_array_equal(part.x, data.x[[4, 0, 7]])
    np.testing.assert_array_equal(part.y, data.y[[4, 0, 7]])
    assert (part.task, part.n_classes) == ("multiclass", 3)


def test_smallest_sizes_still_give_every_class():
    assert set(make("circle", n_samples=2).y) == {-1.0, 1.0}
    assert set(make("spiral5", n_samples=5).y) == set(range(5))
    assert len(make("plane", n_samples=1)) == 1


@pytest.mark.parametrize("name, n_samples", [
    ("circle", 0), ("circle", 1), ("spiral4", 3), ("plane", 0), ("xor", -5),
    ("xor", 10.0), ("xor", True), ("xor", "100"),
])
def test_bad_sample_counts_are_rejected(name, n_samples):
    with pytest.raises(ValueError, match="n_samples"):
        make_dataset(name, n_samples, 0.0, np.random.default_rng(0))


@pytest.mark.parametrize("noise", [-0.01, 0.51, 50, float("nan"), "0.1", None])
def test_noise_outside_zero_to_half_is_rejected(noise):
    with pytest.raises(ValueError, match="noise"):
        make_dataset("circle", 100, noise, np.random.default_rng(0))


def test_unknown_name_lists_the_known_ones():
    with pytest.raises(ValueError, match="circle"):
        make_dataset("donut", 100, 0.0, np.random.default_rng(0))
