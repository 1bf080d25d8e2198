import numpy as np
import pytest

from engine.data.split import Standardizer, split_indices


def rng(seed=0):
    return np.random.default_rng(seed)


def test_parts_have_the_ratio_sizes_are_disjoint_and_cover_everything():
    split = split_indices(100, (0.7, 0.2, 0.1), rng())
    assert (len(split.train), len(split.validation), len(split.test)) == (70, 20, 10)
    everything = np.concatenate([split.train, split.validation, split.test])
    np.testing.assert_array_equal(np.sort(everything), np.arange(100))
    assert all(part.dtype == np.int64 for part in (split.train, split.validation, split.test))


def test_rounding_keeps_the_total():
    split = split_indices(7, (0.5, 0.25, 0.25), rng())
    sizes = [len(split.train), len(split.validation), len(split.test)]
    assert sum(sizes) == 7 and sizes[0] in (3, 4) and min(sizes) >= 1


def test_parts_are_shuffled_and_deterministic():
    split, again = split_indices(50, (0.6, 0.2, 0.2), rng(3)), split_indices(50, (0.6, 0.2, 0.2), rng(3))
    np.testing.assert_array_equal(split.train, again.train)
    assert not np.all(np.diff(split.train) > 0)
    other = split_indices(50, (0.6, 0.2, 0.2), rng(4))
    assert not np.array_equal(split.train, other.train)


def test_zero_ratio_gives_an_empty_part():
    split = split_indices(10, (0.8, 0.0, 0.2), rng())
    assert (len(split.train), len(split.validation), len(split.test)) == (8, 0, 2)


def test_stratified_split_keeps_the_class_balance_in_every_part():
    labels = np.repeat([0, 1, 2], [60, 30, 10])
    split = split_indices(100, (0.5, 0.3, 0.2), rng(), labels=labels)
    for part, share in ((split.train, 0.5), (split.validation, 0.3), (split.test, 0.2)):
        np.testing.assert_array_equal(np.bincount(labels[part], minlength=3),
                                      np.array([60, 30, 10]) * share)
    everything = np.concatenate([split.train, split.validation, split.test])
    np.testing.assert_array_equal(np.sort(everything), np.arange(100))


def test_stratified_parts_mix_the_classes():
    labels = np.repeat([0, 1], 50)
    train = split_indices(100, (0.8, 0.1, 0.1), rng(), labels=labels).train
    assert np.count_nonzero(np.diff(labels[train])) > 10


@pytest.mark.parametrize("ratios, message", [
    ((0.5, 0.5), "three"),
    ((0.7, 0.2, 0.2), "sum to 1"),
    ((0.0, 0.5, 0.5), "positive training"),
    ((1.2, -0.1, -0.1), "non-negative"),
    ((0.8, float("nan"), 0.2), "non-negative"),
])
def test_bad_ratios(ratios, message):
    with pytest.raises(ValueError, match=message):
        split_indices(10, ratios, rng())


@pytest.mark.parametrize("n_samples", [0, -3, 2.5, True])
def test_bad_sample_counts(n_samples):
    with pytest.raises(ValueError, match="n_samples"):
        split_indices(n_samples, (1.0, 0.0, 0.0), rng())


def test_labels_must_match_the_sample_count():
    with pytest.raises(ValueError, match="labels"):
        split_indices(10, (0.8, 0.1, 0.1), rng(), labels=np.zeros(9))


def test_too_few_samples_for_a_requested_part():
    with pytest.raises(ValueError, match="too few"):
        split_indices(3, (0.8, 0.1, 0.1), rng())


def test_standardizer_uses_training_statistics_only():
    generator = rng()
    train = generator.normal([5.0, -2.0], [3.0, 0.5], (200, 2))
    test = generator.normal([0.0, 0.0], [1.0, 1.0], (50, 2))
    scaler = Standardizer.fit(train)
    np.testing.assert_allclose(scaler.mean, train.mean(axis=0))
    np.testing.assert_allclose(scaler.std, train.std(axis=0))
    z = scaler.transform(train)
    np.testing.assert_allclose(z.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(z.std(axis=0), 1.0)
    np.testing.assert_allclose(scaler.transform(test), (test - train.mean(0)) / train.std(0))
    np.testing.assert_allclose(scaler.inverse_transform(scaler.transform(test)), test)


def test_constant_column_is_centred_not_divided():
    train = np.column_stack([np.arange(5.0), np.full(5, 7.0)])
    scaler = Standardizer.fit(train)
    assert scaler.std[1] == 1.0
    z = scaler.transform(np.array([[2.0, 7.0], [2.0, 9.0]]))
    np.testing.assert_allclose(z[:, 1], [0.0, 2.0])
    np.testing.assert_allclose(scaler.inverse_transform(scaler.transform(train)), train)


def test_works_on_targets_and_images_and_keeps_float32():
    targets = np.array([1.0, 3.0, 5.0])
    np.testing.assert_allclose(Standardizer.fit(targets).transform(targets),
                               (targets - 3) / np.std(targets))
    images = rng().random((10, 4, 4)).astype(np.float32)
    z = Standardizer.fit(images).transform(images)
    assert z.shape == (10, 4, 4) and z.dtype == np.float32
    np.testing.assert_allclose(z.mean(axis=0), 0.0, atol=1e-5)


def test_integer_data_becomes_float64():
    scaler = Standardizer.fit(np.array([[1, 2], [3, 4]]))
    assert scaler.transform(np.array([[1, 2]])).dtype == np.float64


def test_statistics_are_read_only():
    scaler = Standardizer.fit(np.ones((3, 2)))
    with pytest.raises(ValueError):
        scaler.mean[0] = 5.0


def test_standardizer_errors():
    with pytest.raises(ValueError, match="at least one sample"):
        Standardizer.fit(np.zeros((0, 3)))
    with pytest.raises(ValueError, match="at least one sample"):
        Standardizer.fit(np.float64(3.0))
    scaler = Standardizer.fit(np.ones((4, 3)))
    with pytest.raises(ValueError, match=r"shape \(3,\)"):
        scaler.transform(np.ones((4, 2)))
    with pytest.raises(ValueError, match=r"shape \(3,\)"):
        scaler.inverse_transform(np.ones(3))
