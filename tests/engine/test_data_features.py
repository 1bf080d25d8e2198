import numpy as np
import pytest

from engine.data.features import FEATURES, feature_matrix
from engine.data.playground import make_dataset

POINTS = np.array([[1.0, 2.0], [-3.0, 0.5], [0.0, -np.pi / 2]])


def test_the_seven_playground_features_in_order_with_unicode_labels():
    assert list(FEATURES) == ["x1", "x2", "x1^2", "x2^2", "x1x2", "sin_x1", "sin_x2"]
    assert [feature.label for feature in FEATURES.values()] == \
        ["x₁", "x₂", "x₁²", "x₂²", "x₁x₂", "sin x₁", "sin x₂"]
    assert all(name == feature.name for name, feature in FEATURES.items())


def test_every_feature_value():
    x1, x2 = POINTS[:, 0], POINTS[:, 1]
    expected = np.column_stack([x1, x2, x1 ** 2, x2 ** 2, x1 * x2, np.sin(x1), np.sin(x2)])
    matrix = feature_matrix(POINTS, list(FEATURES))
    assert matrix.shape == (3, 7) and matrix.dtype == np.float64
    np.testing.assert_allclose(matrix, expected)


def test_columns_follow_the_requested_order():
    matrix = feature_matrix(POINTS, ["sin_x2", "x1"])
    np.testing.assert_allclose(matrix, np.column_stack([np.sin(POINTS[:, 1]), POINTS[:, 0]]))


def test_integer_points_are_accepted():
    np.testing.assert_array_equal(feature_matrix(np.array([[2, 3]]), ["x1x2"]), [[6.0]])


def test_squares_make_the_circle_linearly_separable():
    """The lesson: with x₁² and x₂² a single linear unit can separate the circle set."""
    data = make_dataset("circle", 500, 0.0, np.random.default_rng(0))
    squares = feature_matrix(data.x, ["x1^2", "x2^2"])
    np.testing.assert_array_equal(squares.sum(axis=1) < 2.5 ** 2, data.y > 0)


@pytest.mark.parametrize("points", [np.zeros((4, 3)), np.zeros(4), np.zeros((2, 2, 2))])
def test_points_must_be_n_by_2(points):
    with pytest.raises(ValueError, match=r"\(n, 2\)"):
        feature_matrix(points, ["x1"])


@pytest.mark.parametrize("names, message", [
    ([], "at least one"),
    (["x1", "x3"], "unknown"),
    (["x1", "x1"], "once"),
    ("x1", "string"),
])
def test_bad_feature_names(names, message):
    with pytest.raises(ValueError, match=message):
        feature_matrix(POINTS, names)
