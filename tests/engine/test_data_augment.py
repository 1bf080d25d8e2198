import numpy as np
import pytest

from engine.data.augment import gaussian_noise, jitter_points, random_rotation, random_shift
from engine.data.digits import make_digits


def rng(seed=0):
    return np.random.default_rng(seed)


def dots(n, row=14, col=14, size=28):
    images = np.zeros((n, size, size))
    images[:, row, col] = 1.0
    return images


def centre_of_mass(images):
    rows, cols = np.mgrid[0:images.shape[-2], 0:images.shape[-1]]
    mass = images.sum(axis=(-2, -1))
    return (images * rows).sum(axis=(-2, -1)) / mass, (images * cols).sum(axis=(-2, -1)) / mass


def test_shift_moves_each_image_by_whole_pixels_within_the_limit():
    shifted = random_shift(dots(300), rng(), max_shift=2)
    assert np.all(shifted.sum(axis=(1, 2)) == 1.0) and set(np.unique(shifted)) == {0.0, 1.0}
    rows, cols = centre_of_mass(shifted)
    offsets = set(zip(rows.astype(int) - 14, cols.astype(int) - 14))
    assert offsets == {(dr, dc) for dr in range(-2, 3) for dc in range(-2, 3)}


def test_shift_keeps_a_digit_intact_when_it_stays_inside():
    images, _ = make_digits(20, rng())
    shifted = random_shift(images, rng(1), max_shift=2)  # digits have an empty 2-pixel border
    np.testing.assert_allclose(shifted.sum(axis=(1, 2)), images.sum(axis=(1, 2)), rtol=1e-5)
    assert shifted.dtype == np.float32
    for original, moved in zip(images, shifted):
        assert any(np.array_equal(np.roll(original, (dr, dc), axis=(0, 1)), moved)
                   for dr in range(-2, 3) for dc in range(-2, 3))


def test_pixels_shifted_in_from_outside_are_black():
    shifted = random_shift(np.ones((50, 6, 6)), rng(), max_shift=3)
    assert np.any(shifted == 0.0) and np.all((shifted == 0.0) | (shifted == 1.0))


def test_rotation_keeps_the_distance_from_the_centre():
    images = dots(200, row=14, col=22)  # 8.5 pixels right of the centre (13.5, 13.5)
    rotated = random_rotation(images, rng(), max_degrees=30)
    rows, cols = centre_of_mass(rotated)
    radius = np.hypot(rows - 13.5, cols - 13.5)
    np.testing.assert_allclose(radius, np.hypot(0.5, 8.5), atol=0.25)
    angle = np.degrees(np.arctan2(rows - 13.5, cols - 13.5) - np.arctan2(0.5, 8.5))
    assert np.all(np.abs(angle) <= 30.5) and np.ptp(angle) > 40


def test_rotation_leaves_a_centred_disc_almost_unchanged():
    rows, cols = np.mgrid[0:28, 0:28]
    disc = (np.hypot(rows - 13.5, cols - 13.5) < 8).astype(np.float64)[None].repeat(10, axis=0)
    rotated = random_rotation(disc, rng(), max_degrees=45)
    assert np.mean(np.abs(rotated - disc)) < 0.02


def test_zero_limits_change_nothing():
    images, _ = make_digits(10, rng())
    np.testing.assert_array_equal(random_shift(images, rng(), max_shift=0), images)
    np.testing.assert_allclose(random_rotation(images, rng(), max_degrees=0), images, atol=1e-6)
    np.testing.assert_array_equal(gaussian_noise(images, rng(), std=0.0), images)


def test_channels_of_one_sample_share_its_transform():
    images, _ = make_digits(8, rng())
    stacked = np.stack([images, images, images], axis=1)  # (n, channels, height, width)
    for augment in (lambda x: random_shift(x, rng(2), 3), lambda x: random_rotation(x, rng(2))):
        out = augment(stacked)
        assert out.shape == stacked.shape
        np.testing.assert_array_equal(out[:, 0], out[:, 1])
        np.testing.assert_array_equal(out[:, 0], out[:, 2])


def test_each_sample_gets_its_own_transform_and_seeds_repeat():
    images = dots(2).repeat(20, axis=0)
    first, again = random_rotation(images, rng(4), 20), random_rotation(images, rng(4), 20)
    np.testing.assert_array_equal(first, again)
    assert len({round(value, 6) for value in centre_of_mass(first)[0]}) > 10


def test_an_empty_batch_stays_empty():
    for augment in (random_shift, random_rotation, gaussian_noise):
        assert augment(np.zeros((0, 1, 28, 28)), rng()).shape == (0, 1, 28, 28)


def test_integer_images_become_float64():
    out = random_shift(np.ones((2, 5, 5), dtype=np.uint8), rng())
    assert out.dtype == np.float64


def test_gaussian_noise_has_the_requested_spread_and_is_clipped():
    images = np.full((200, 28, 28), 0.5, dtype=np.float32)
    unclipped = gaussian_noise(images, rng(), std=0.1, clip=None)
    assert unclipped.dtype == np.float32
    assert abs(np.std(unclipped - images) - 0.1) < 0.005
    clipped = gaussian_noise(images, rng(), std=1.0)
    assert clipped.min() == 0.0 and clipped.max() == 1.0


def test_jitter_points_moves_points_by_gaussian_noise():
    points = np.zeros((5000, 2))
    jittered = jitter_points(points, rng(), std=0.3)
    assert jittered.shape == (5000, 2)
    np.testing.assert_allclose(jittered.std(axis=0), 0.3, rtol=0.05)
    np.testing.assert_array_equal(jitter_points(points, rng(), std=0.0), points)
    np.testing.assert_array_equal(jitter_points(points, rng(9), 0.3), jitter_points(points, rng(9), 0.3))


@pytest.mark.parametrize("call, message", [
    (lambda: random_shift(np.zeros((28, 28)), rng()), "images must have shape"),
    (lambda: random_rotation(np.zeros((1, 1, 1, 28, 28)), rng()), "images must have shape"),
    (lambda: random_shift(dots(1), rng(), max_shift=-1), "max_shift"),
    (lambda: random_shift(dots(1), rng(), max_shift=1.5), "max_shift"),
    (lambda: random_rotation(dots(1), rng(), max_degrees=-5), "max_degrees"),
    (lambda: random_rotation(dots(1), rng(), max_degrees=181), "max_degrees"),
    (lambda: random_rotation(dots(1), rng(), max_degrees=float("nan")), "max_degrees"),
    (lambda: gaussian_noise(dots(1), rng(), std=-0.1), "std"),
    (lambda: gaussian_noise(dots(1), rng(), std="0.1"), "std"),
    (lambda: jitter_points(np.zeros((4, 3)), rng()), r"\(n, 2\)"),
    (lambda: jitter_points(np.zeros((4, 2)), rng(), std=-1.0), "std"),
])
def test_bad_arguments(call, message):
    with pytest.raises(ValueError, match=message):
        call()
