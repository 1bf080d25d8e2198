"""Surfaces: exact derivatives against finite differences, minima, stochastic gradients, options."""
import numpy as np
import pytest

from engine.landscape.catalog import DATA_SURFACES, SURFACE_NAMES, make_surface
from engine.landscape.data_surfaces import LinearRegressionSurface, LogisticRegressionSurface
from engine.landscape.surfaces import Ellipse

SURFACE_SETTINGS = [(name, {}) for name in SURFACE_NAMES] + [
    ("ellipse", {"condition": 37.0, "angle": 25.0}),
    ("linear_regression", {"normalize": True}),
    ("logistic_regression", {"normalize": True}),
]


def random_points(surface, rng, count=20):
    x_min, x_max, y_min, y_max = surface.extent
    return rng.uniform([x_min, y_min], [x_max, y_max], size=(count, 2))


def central_difference(function, points, h):
    """d function / d point along each axis, stacked on a new last axis."""
    steps = np.eye(2) * h
    return np.stack([(function(points + e) - function(points - e)) / (2 * h) for e in steps], axis=-1)


@pytest.mark.parametrize(("name", "options"), SURFACE_SETTINGS)
def test_gradient_and_hessian_match_finite_differences(name, options):
    surface = make_surface(name, **options)
    points = random_points(surface, np.random.default_rng(1))
    h = 1e-6 * surface.span
    gradient, hessian = surface.gradient(points), surface.hessian(points)
    np.testing.assert_allclose(gradient, central_difference(surface.value, points, h), rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(hessian, central_difference(surface.gradient, points, h), rtol=1e-6, atol=1e-5)
    np.testing.assert_allclose(hessian, np.swapaxes(hessian, -1, -2))


@pytest.mark.parametrize(("name", "options"), SURFACE_SETTINGS)
def test_single_points_and_grids_give_the_same_numbers(name, options):
    surface = make_surface(name, **options)
    grid = random_points(surface, np.random.default_rng(2), 12).reshape(3, 4, 2)
    assert surface.value(grid).shape == (3, 4)
    assert surface.gradient(grid).shape == (3, 4, 2)
    assert surface.hessian(grid).shape == (3, 4, 2, 2)
    np.testing.assert_allclose(surface.value(grid[1, 2]), surface.value(grid)[1, 2])
    assert surface.gradient(grid[0, 1]).shape == (2,)
    np.testing.assert_allclose(surface.gradient(grid[0, 1]), surface.gradient(grid)[0, 1])
    np.testing.assert_allclose(surface.hessian(grid[2, 3]), surface.hessian(grid)[2, 3])


@pytest.mark.parametrize(("name", "options"), SURFACE_SETTINGS)
def test_listed_minima_are_stationary_and_lowest_nearby(name, options):
    surface = make_surface(name, **options)
    for minimum in surface.minima:
        assert np.linalg.norm(surface.gradient(minimum)) < 1e-8
        assert np.all(np.linalg.eigvalsh(surface.hessian(minimum)) > 0)
        nearby = minimum + 1e-3 * np.random.default_rng(3).standard_normal((10, 2))
        assert np.all(surface.value(nearby) > surface.value(minimum))


def test_the_ellipse_has_the_condition_number_and_direction_it_was_given():
    surface = Ellipse(condition=40.0, angle=30.0)
    eigenvalues, eigenvectors = np.linalg.eigh(surface.hessian(np.zeros(2)))
    assert eigenvalues[1] / eigenvalues[0] == pytest.approx(40.0)
    steep = eigenvectors[:, 1]
    assert abs(steep @ [np.cos(np.radians(30.0)), np.sin(np.radians(30.0))]) == pytest.approx(1.0)


@pytest.mark.parametrize("name", DATA_SURFACES)
def test_normalizing_inputs_makes_the_valley_rounder(name):
    raw, normalized = (make_surface(name, normalize=flag) for flag in (False, True))
    condition = {}
    for surface in (raw, normalized):
        eigenvalues = np.linalg.eigvalsh(surface.hessian(surface.minima[0]))
        condition[surface.normalize] = eigenvalues[1] / eigenvalues[0]
    assert condition[False] > 10 * condition[True]
    if name == "linear_regression":  # x standardised: Hessian 2·I exactly
        np.testing.assert_allclose(normalized.hessian(np.zeros(2)), 2 * np.eye(2), atol=1e-12)


def test_a_full_mini_batch_is_the_exact_gradient_and_a_small_one_is_unbiased():
    rng = np.random.default_rng(4)
    full = LinearRegressionSurface.generated(rng, size=30, batch_size=30)
    point = np.array([0.3, -0.7])
    np.testing.assert_allclose(full.stochastic_gradient(point, rng), full.gradient(point))
    small = LogisticRegressionSurface(full.raw_x, (full.y > np.median(full.y)).astype(float), batch_size=5)
    samples = np.array([small.stochastic_gradient(point, rng) for _ in range(4000)])
    assert np.std(samples[:, 0]) > 0
    standard_error = samples.std(axis=0) / np.sqrt(len(samples))
    assert np.all(np.abs(samples.mean(axis=0) - small.gradient(point)) < 5 * standard_error)


def test_gradient_noise_on_an_analytic_surface_has_the_chosen_size():
    surface = make_surface("bowl", gradient_noise=0.3)
    rng = np.random.default_rng(5)
    point = np.array([1.0, -0.5])
    noise = np.array([surface.stochastic_gradient(point, rng) for _ in range(4000)]) - surface.gradient(point)
    assert noise.std(axis=0) == pytest.approx([0.3, 0.3], rel=0.05)
    quiet = make_surface("bowl", gradient_noise=0.0)
    np.testing.assert_array_equal(quiet.stochastic_gradient(point, rng), quiet.gradient(point))


def test_data_surfaces_keep_their_data_when_an_option_changes():
    a = make_surface("linear_regression", normalize=False, data_seed=7)
    b = make_surface("linear_regression", normalize=True, data_seed=7)
    np.testing.assert_array_equal(a.raw_x, b.raw_x)
    np.testing.assert_array_equal(a.y, b.y)


def test_the_suggested_learning_rate_makes_gradient_descent_converge():
    for name in ("bowl", "ellipse", "linear_regression", "logistic_regression"):
        surface = make_surface(name)
        point = np.array(surface.start, dtype=float)
        start_loss = surface.value(point)
        for _ in range(200):
            point -= surface.suggested_lr * surface.gradient(point)
        assert surface.value(point) < start_loss, name


@pytest.mark.parametrize(
    ("name", "options", "message"),
    [
        ("mountain", {}, "unknown surface"),
        ("ellipse", {"condition": 0.5}, "condition number"),
        ("ellipse", {"condition": 1000.0}, "condition number"),
        ("bowl", {"gradient_noise": -1.0}, "gradient_noise"),
        ("bowl", {"normalize": True}, "takes"),
        ("linear_regression", {"batch_size": 0}, "batch_size"),
        ("logistic_regression", {"batch_size": 1000}, "batch_size"),
        ("linear_regression", {"condition": 3.0}, "takes"),
    ],
)
def test_bad_options_are_refused_with_a_message(name, options, message):
    with pytest.raises(ValueError, match=message):
        make_surface(name, **options)


def test_logistic_labels_must_be_zero_or_one():
    with pytest.raises(ValueError, match="0 or 1"):
        LogisticRegressionSurface(np.arange(4.0), np.array([0.0, 1.0, 2.0, 1.0]))
