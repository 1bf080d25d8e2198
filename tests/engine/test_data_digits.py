import numpy as np
import pytest

from engine.data.digits import make_digits


@pytest.fixture(scope="module")
def digits():
    return make_digits(2000, np.random.default_rng(0))


def test_mnist_layout(digits):
    images, labels = digits
    assert images.shape == (2000, 28, 28) and images.dtype == np.float32
    assert labels.shape == (2000,) and labels.dtype == np.int64
    assert images.min() == 0.0 and images.max() == 1.0
    assert set(np.unique(labels)) == set(range(10))


def test_classes_are_balanced_and_shuffled(digits):
    labels = digits[1]
    np.testing.assert_array_equal(np.bincount(labels), np.full(10, 200))
    assert not np.array_equal(labels[:10], np.arange(10))
    counts = np.bincount(make_digits(25, np.random.default_rng(1))[1], minlength=10)
    assert counts.sum() == 25 and set(counts) == {2, 3}


def test_samples_of_one_digit_vary(digits):
    """Each digit's samples differ a lot from one another (several templates, random hands)."""
    images, labels = digits
    for digit in range(10):
        group = images[labels == digit].reshape(-1, 784)
        spread = np.mean(np.abs(group - group.mean(axis=0)))
        assert spread > 0.05, digit


def test_white_digit_centred_on_black_with_an_empty_border(digits):
    images = digits[0]
    ink = images.sum(axis=(1, 2))
    assert np.all(ink > 20)  # every sample has a visible digit ...
    assert np.all(images.max(axis=(1, 2)) > 0.9)
    assert np.all(np.mean(images > 0.5, axis=(1, 2)) < 0.4)  # ... on a mostly black ground
    border = np.concatenate([images[:, :2].reshape(len(images), -1),
                             images[:, -2:].reshape(len(images), -1),
                             images[:, :, :2].reshape(len(images), -1),
                             images[:, :, -2:].reshape(len(images), -1)], axis=1)
    assert np.max(border) < 0.05
    # Like MNIST, the ink's bounding box is about 20 pixels and sits near the centre.
    inked_rows, inked_cols = (images > 0.05).any(axis=2), (images > 0.05).any(axis=1)
    for inked in (inked_rows, inked_cols):
        first = np.argmax(inked, axis=1)
        last = 27 - np.argmax(inked[:, ::-1], axis=1)
        assert np.all(np.abs((first + last + 1) / 2 - 14) <= 2)
    extent = np.maximum(inked_rows.sum(axis=1), inked_cols.sum(axis=1))
    assert np.all((extent >= 16) & (extent <= 23))


def test_edges_are_anti_aliased(digits):
    images = digits[0]
    grey = np.mean((images > 0.05) & (images < 0.95))
    full = np.mean(images >= 0.95)
    assert grey > 0.3 * full  # soft edges, not a hard black-and-white stencil


def test_deterministic_under_a_seed():
    first = make_digits(30, np.random.default_rng(7))
    again = make_digits(30, np.random.default_rng(7))
    other = make_digits(30, np.random.default_rng(8))
    np.testing.assert_array_equal(first[0], again[0])
    np.testing.assert_array_equal(first[1], again[1])
    assert not np.array_equal(first[0], other[0])


def test_other_image_sizes_scale_the_drawing():
    small, _ = make_digits(20, np.random.default_rng(0), size=14)
    large, _ = make_digits(20, np.random.default_rng(0), size=56)
    assert small.shape == (20, 14, 14) and large.shape == (20, 56, 56)
    coverage_small = np.mean(small > 0.5, axis=(1, 2))
    coverage_large = np.mean(large > 0.5, axis=(1, 2))
    np.testing.assert_allclose(coverage_small.mean(), coverage_large.mean(), rtol=0.4)


def test_classes_are_learnable_by_a_linear_classifier(digits):
    """Softmax regression on raw pixels, trained on 1,500 and tested on 500 held-out samples."""
    images, labels = digits
    x = images.reshape(len(images), -1).astype(np.float64)
    x_train, y_train, x_test, y_test = x[:1500], labels[:1500], x[1500:], labels[1500:]
    weights, bias = np.zeros((784, 10)), np.zeros(10)
    targets = np.eye(10)[y_train]
    for _ in range(100):
        logits = x_train @ weights + bias
        probabilities = np.exp(logits - logits.max(axis=1, keepdims=True))
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        gradient = (probabilities - targets) / len(x_train)
        weights -= 0.5 * x_train.T @ gradient
        bias -= 0.5 * gradient.sum(axis=0)
    accuracy = np.mean(np.argmax(x_test @ weights + bias, axis=1) == y_test)
    assert accuracy > 0.85


@pytest.mark.parametrize("n", [0, -1, 2.0, True, "10"])
def test_bad_counts(n):
    with pytest.raises(ValueError, match="n must be"):
        make_digits(n, np.random.default_rng(0))


@pytest.mark.parametrize("size", [7, 0, 28.0, False])
def test_bad_sizes(size):
    with pytest.raises(ValueError, match="size must be"):
        make_digits(10, np.random.default_rng(0), size=size)
