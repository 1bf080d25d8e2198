"""Data augmentation: new, slightly different training samples drawn fresh each epoch.

A network that memorises its training images stops improving on new ones (overfitting); showing
it a shifted, slightly rotated, noisy version of each image every epoch makes memorising useless,
which is why augmentation is one of the cures the overfitting lab demonstrates.

Images are (n, height, width) or (n, channels, height, width); every sample gets its own random
transform (shared by its channels). Pixels that move in from outside the image are 0 (black, the
MNIST background). The image functions return a new array of the input's float dtype (float64
for integer input).
"""
from __future__ import annotations

import numbers

import numpy as np


def _as_images(images: np.ndarray) -> np.ndarray:
    images = np.asarray(images)
    if images.ndim not in (3, 4):
        raise ValueError(f"images must have shape (n, height, width) or "
                         f"(n, channels, height, width), got {images.shape}")
    if not np.issubdtype(images.dtype, np.floating):
        images = images.astype(np.float64)
    return images


def _check_non_negative(name: str, value: float) -> None:
    if not isinstance(value, numbers.Real) or not value >= 0:  # also rejects NaN
        raise ValueError(f"{name} must be >= 0, got {value!r}")


def _framed(images: np.ndarray) -> np.ndarray:
    """The images as (n, channels, height + 2, width + 2), inside a one-pixel black frame."""
    channels = images.shape[1] if images.ndim == 4 else 1
    stack = images.reshape(len(images), channels, *images.shape[-2:])
    return np.pad(stack, ((0, 0), (0, 0), (1, 1), (1, 1)))


def _gather(framed: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Pixel ``(rows[i, r, c], cols[i, r, c])`` of every channel of sample i, for index maps of
    the unframed images' shape (n, height, width); a source outside the image reads the black
    frame. Returns (n, channels, height * width)."""
    n, channels, height, width = framed.shape
    index = np.clip(rows + 1, 0, height - 1) * width + np.clip(cols + 1, 0, width - 1)
    start = np.arange(n * channels).reshape(n, channels, 1) * (height * width)
    return np.take(framed, start + index.reshape(n, 1, (height - 2) * (width - 2)))


def random_shift(images: np.ndarray, rng: np.random.Generator, max_shift: int = 2) -> np.ndarray:
    """Move each image by a random whole number of pixels in [-max_shift, max_shift] per axis."""
    images = _as_images(images)
    if isinstance(max_shift, bool) or not isinstance(max_shift, (int, np.integer)) \
            or max_shift < 0:
        raise ValueError(f"max_shift must be a whole number of pixels >= 0, got {max_shift!r}")
    down, right = rng.integers(-max_shift, max_shift + 1, (2, len(images), 1, 1))
    rows, cols = np.indices(images.shape[-2:])
    return _gather(_framed(images), rows - down, cols - right).reshape(images.shape)


def random_rotation(images: np.ndarray, rng: np.random.Generator,
                    max_degrees: float = 10.0) -> np.ndarray:
    """Rotate each image about its centre by a random angle in [-max_degrees, max_degrees],
    interpolating bilinearly between the four source pixels around each rotated position."""
    images = _as_images(images)
    _check_non_negative("max_degrees", max_degrees)
    if max_degrees > 180:
        raise ValueError(f"max_degrees must be at most 180, got {max_degrees!r}")
    angle = np.radians(rng.uniform(-max_degrees, max_degrees, (len(images), 1, 1)))
    height, width = images.shape[-2:]
    centre_row, centre_col = (height - 1) / 2, (width - 1) / 2
    rows, cols = np.indices((height, width))
    # Each output pixel takes its value from where the inverse rotation puts it.
    dr, dc = rows - centre_row, cols - centre_col
    source_row = centre_row + np.cos(angle) * dr - np.sin(angle) * dc
    source_col = centre_col + np.sin(angle) * dr + np.cos(angle) * dc
    top, left = np.floor(source_row).astype(np.int64), np.floor(source_col).astype(np.int64)
    pixels = (len(images), 1, height * width)  # broadcasts over the channels
    down = (source_row - top).astype(images.dtype).reshape(pixels)
    across = (source_col - left).astype(images.dtype).reshape(pixels)
    framed = _framed(images)
    rotated = ((1 - down) * ((1 - across) * _gather(framed, top, left)
                             + across * _gather(framed, top, left + 1))
               + down * ((1 - across) * _gather(framed, top + 1, left)
                         + across * _gather(framed, top + 1, left + 1)))
    return rotated.reshape(images.shape)


def gaussian_noise(images: np.ndarray, rng: np.random.Generator, std: float = 0.1,
                   clip: tuple[float, float] | None = (0.0, 1.0)) -> np.ndarray:
    """Add independent Gaussian noise of standard deviation ``std`` to every pixel, then clip to
    ``clip`` (the [0, 1] pixel range by default; None keeps the values unclipped)."""
    images = _as_images(images)
    _check_non_negative("std", std)
    noisy = images + rng.normal(0.0, std, images.shape).astype(images.dtype)
    return noisy if clip is None else np.clip(noisy, *clip)


def jitter_points(points: np.ndarray, rng: np.random.Generator, std: float = 0.2) -> np.ndarray:
    """Move each 2-D point by independent Gaussian noise of standard deviation ``std``."""
    points = np.asarray(points, dtype=np.float64)
    if points.ndim != 2 or points.shape[1] != 2:
        raise ValueError(f"points must have shape (n, 2), got {points.shape}")
    _check_non_negative("std", std)
    return points + rng.normal(0.0, std, points.shape)
