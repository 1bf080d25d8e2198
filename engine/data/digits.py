"""Built-in handwritten digits, drawn on demand: no download, no data file.

Each digit 0–9 has a few pen-stroke templates (how people commonly write it) in a unit box, x to
the right and y downwards. Drawing one sample imitates a hand:

1. pick a template and jitter its key points (no two hands hit the same spots);
2. join the key points with smooth Catmull–Rom curves, except at corners marked sharp;
3. bend the whole drawing with a slow random wobble (an unsteady hand);
4. slant, rotate and stretch it, then fit it into a box of about 20×20 pixels centred in 28×28,
   as MNIST was prepared, with a small random offset;
5. ink it with a round pen of random width whose pressure changes along each stroke, anti-aliased
   by the distance of every pixel centre to the pen's path.

The result has MNIST's layout: float32 in [0, 1], white digit on black. Samples that share a
template are drawn together as one NumPy batch, so thousands of digits take well under a second.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

CORNER = "corner"  # marks a key point where the pen turns sharply instead of curving


def _arc(cx: float, cy: float, rx: float, ry: float, start_deg: float, end_deg: float,
         points: int) -> list[tuple[float, float]]:
    """Key points along an elliptical arc, angles counter-clockwise on screen from 3 o'clock."""
    angles = np.radians(np.linspace(start_deg, end_deg, points))
    return [(cx + rx * np.cos(a), cy - ry * np.sin(a)) for a in angles]


# TEMPLATES[digit] = list of variants; a variant = list of strokes; a stroke = list of key points
# (x, y) or (x, y, CORNER).
TEMPLATES = {
    0: [
        [_arc(0.5, 0.5, 0.36, 0.5, 100, 480, 11)],
        [_arc(0.5, 0.5, 0.42, 0.5, 70, 440, 11)],
    ],
    1: [
        [[(0.5, 0.0), (0.5, 0.5), (0.5, 1.0)]],
        [[(0.36, 0.2), (0.5, 0.0, CORNER), (0.5, 0.5), (0.5, 1.0)]],
    ],
    2: [
        [[(0.12, 0.28), (0.3, 0.06), (0.6, 0.02), (0.85, 0.2), (0.8, 0.45), (0.5, 0.72),
          (0.08, 1.0, CORNER), (0.5, 0.97), (0.95, 1.0)]],
        [[(0.12, 0.25), (0.35, 0.03), (0.7, 0.05), (0.85, 0.28), (0.6, 0.62), (0.25, 0.9),
          (0.3, 0.78), (0.42, 0.86), (0.3, 0.99), (0.6, 0.97), (0.95, 0.99)]],
    ],
    3: [
        [[(0.12, 0.12), (0.45, 0.0), (0.8, 0.1), (0.8, 0.32), (0.45, 0.47, CORNER),
          (0.8, 0.58), (0.88, 0.8), (0.6, 0.99), (0.25, 0.98), (0.08, 0.85)]],
        [[(0.1, 0.02), (0.85, 0.02, CORNER), (0.45, 0.42, CORNER), (0.8, 0.55), (0.88, 0.8),
          (0.6, 0.99), (0.1, 0.88)]],
    ],
    4: [
        [[(0.62, 0.0), (0.05, 0.68, CORNER), (0.95, 0.68)], [(0.7, 0.25), (0.7, 0.6), (0.7, 1.0)]],
        [[(0.2, 0.0), (0.1, 0.6, CORNER), (0.9, 0.58)], [(0.72, 0.05), (0.72, 0.5), (0.7, 1.0)]],
    ],
    5: [
        [[(0.25, 0.02), (0.2, 0.45, CORNER), (0.55, 0.38), (0.85, 0.55), (0.85, 0.82),
          (0.55, 0.99), (0.12, 0.9)], [(0.25, 0.02), (0.9, 0.0)]],
        [[(0.9, 0.02), (0.28, 0.02, CORNER), (0.22, 0.45, CORNER), (0.55, 0.38), (0.85, 0.55),
          (0.85, 0.82), (0.55, 0.99), (0.12, 0.9)]],
    ],
    6: [
        [[(0.75, 0.02), (0.45, 0.15), (0.22, 0.45), (0.15, 0.75), (0.3, 0.97), (0.65, 0.97),
          (0.82, 0.75), (0.65, 0.53), (0.35, 0.55), (0.18, 0.72)]],
        [[(0.7, 0.0), (0.35, 0.35), (0.18, 0.7), (0.35, 0.98), (0.7, 0.92), (0.75, 0.65),
          (0.45, 0.55), (0.2, 0.7)]],
    ],
    7: [
        [[(0.08, 0.05), (0.92, 0.05, CORNER), (0.62, 0.5), (0.45, 1.0)]],
        [[(0.08, 0.05), (0.92, 0.05, CORNER), (0.62, 0.5), (0.45, 1.0)],
         [(0.4, 0.52), (0.85, 0.5)]],
        [[(0.08, 0.15), (0.1, 0.05, CORNER), (0.92, 0.05, CORNER), (0.6, 0.5), (0.45, 1.0)]],
    ],
    8: [
        [[(0.78, 0.12), (0.5, 0.0), (0.22, 0.12), (0.28, 0.35), (0.5, 0.48), (0.78, 0.65),
          (0.78, 0.9), (0.5, 1.0), (0.2, 0.9), (0.22, 0.65), (0.5, 0.48), (0.75, 0.3),
          (0.78, 0.12)]],
        [_arc(0.5, 0.25, 0.3, 0.25, 0, 370, 9), _arc(0.5, 0.73, 0.38, 0.27, 90, 460, 10)],
    ],
    9: [
        [[(0.82, 0.22), (0.55, 0.02), (0.2, 0.12), (0.18, 0.38), (0.45, 0.5), (0.8, 0.3),
          (0.82, 0.22, CORNER), (0.8, 0.6), (0.75, 1.0)]],
        [_arc(0.45, 0.27, 0.35, 0.27, 20, 390, 10), [(0.8, 0.1), (0.78, 0.55), (0.72, 1.0)]],
    ],
}


_CURVE_SAMPLES = np.linspace(0, 1, 6, endpoint=False)  # where each curve between keys is sampled
_KEY_JITTER = 0.035        # std of key-point jitter, in units of the template box
_WOBBLE = 0.04             # largest wobble displacement per wave, template units
_MAX_ROTATION = np.radians(12)
_SLANT = (-0.15, 0.4)      # shear range; positive leans the top to the right
_WIDTH_STRETCH = (0.75, 1.15)
_BOX = (17.0, 20.0)        # the ink's larger side in pixels at size 28 (MNIST: 20)
_MAX_OFFSET = 1.2          # pixels at size 28
_PEN_RADIUS = (0.9, 1.9)   # pixels at size 28
_PRESSURE = 0.25           # relative change of pen radius along a stroke
_SOFTNESS = (0.8, 1.3)     # width of the anti-aliased edge in pixels
_STAMP_SPACING = 0.6       # pixels between two pen positions along a stroke
_CHUNK = 256               # samples drawn together; bounds the memory of one batch


@dataclass(frozen=True)
class _Stroke:
    keys: np.ndarray                     # (k, 2) key points
    pieces: tuple[tuple[int, int], ...]  # (first, last) key index of each smooth piece


def _parse(stroke: list[tuple]) -> _Stroke:
    corners = [i for i, point in enumerate(stroke) if len(point) == 3]
    bounds = sorted({0, *corners, len(stroke) - 1})
    keys = np.array([point[:2] for point in stroke], dtype=np.float64)
    return _Stroke(keys, tuple(zip(bounds, bounds[1:])))


_STROKES = {digit: [tuple(_parse(stroke) for stroke in variant) for variant in variants]
            for digit, variants in TEMPLATES.items()}


def _catmull_rom(keys: np.ndarray) -> np.ndarray:
    """Smooth curves through each row of ``keys`` (batch, k, 2), sampled as polylines."""
    padded = np.concatenate([2 * keys[:, :1] - keys[:, 1:2], keys,
                             2 * keys[:, -1:] - keys[:, -2:-1]], axis=1)
    p0, p1, p2, p3 = (padded[:, i:i + keys.shape[1] - 1, None, :] for i in range(4))
    t = _CURVE_SAMPLES[:, None]
    curve = 0.5 * (2 * p1 + (p2 - p0) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t ** 2
                   + (3 * p1 - p0 - 3 * p2 + p3) * t ** 3)
    return np.concatenate([curve.reshape(len(keys), -1, 2), keys[:, -1:]], axis=1)


def _stroke_paths(stroke: _Stroke, count: int, rng: np.random.Generator) -> np.ndarray:
    """``count`` jittered pen paths (count, points, 2) of one stroke: smooth between corners,
    sharp at them."""
    keys = stroke.keys + rng.normal(0, _KEY_JITTER, (count, *stroke.keys.shape))
    pieces = [_catmull_rom(keys[:, first:last + 1]) for first, last in stroke.pieces]
    return np.concatenate([pieces[0], *(piece[:, 1:] for piece in pieces[1:])], axis=1)


def _unit_vectors(angles: np.ndarray) -> np.ndarray:
    return np.stack([np.cos(angles), np.sin(angles)], axis=-1)


def _wobble(points: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Displace every drawing (batch, points, 2) by a smooth random field: two slow waves."""
    count = len(points)
    for _ in range(2):
        along = _unit_vectors(rng.uniform(0, 2 * np.pi, count))
        push = _unit_vectors(rng.uniform(0, 2 * np.pi, count))
        cycles, phase, size = (rng.uniform(low, high, (count, 1))
                               for low, high in ((0.5, 1.5), (0, 2 * np.pi), (0, _WOBBLE)))
        wave = size * np.sin(2 * np.pi * cycles * np.einsum("bmi,bi->bm", points, along) + phase)
        points = points + wave[..., None] * push[:, None, :]
    return points


def _hand_transform(points: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Slant, stretch and rotate every drawing about the template centre."""
    count = len(points)
    slant = rng.uniform(*_SLANT, count)
    stretch = rng.uniform(*_WIDTH_STRETCH, count)
    angle = rng.uniform(-_MAX_ROTATION, _MAX_ROTATION, count)
    zeros, ones = np.zeros(count), np.ones(count)
    shear = np.stack([np.stack([ones, -slant], -1), np.stack([zeros, ones], -1)], -2)
    scale = np.stack([np.stack([stretch, zeros], -1), np.stack([zeros, ones], -1)], -2)
    cos, sin = np.cos(angle), np.sin(angle)
    rotate = np.stack([np.stack([cos, -sin], -1), np.stack([sin, cos], -1)], -2)
    return (points - 0.5) @ np.swapaxes(rotate @ scale @ shear, 1, 2)


def _pen_positions(path: np.ndarray, radius: np.ndarray, rng: np.random.Generator):
    """Where the pen is, every ``_STAMP_SPACING`` pixels along each path (batch, points, 2),
    and its radius there: the pressure changes linearly from start to end."""
    count, points = path.shape[:2]
    step = np.linalg.norm(np.diff(path, axis=1), axis=2)
    travelled = np.concatenate([np.zeros((count, 1)), np.cumsum(step, axis=1)], axis=1)
    total = travelled[:, -1:]
    stamps = int(np.ceil(total.max() / _STAMP_SPACING)) + 1
    targets = total * np.linspace(0, 1, stamps)
    # One searchsorted for all rows: lift row b by b * span so that rows never overlap.
    row = np.arange(count)[:, None]
    span = total.max() + 1
    found = np.searchsorted((travelled + row * span).ravel(), (targets + row * span).ravel(),
                            side="right").reshape(count, stamps) - 1 - row * points
    segment = np.clip(found, 0, points - 2)
    start = np.take_along_axis(travelled, segment, axis=1)
    length = np.take_along_axis(step, segment, axis=1)
    along = np.clip((targets - start) / np.maximum(length, 1e-12), 0, 1)[..., None]
    a = np.take_along_axis(path, segment[..., None], axis=1)
    b = np.take_along_axis(path, segment[..., None] + 1, axis=1)
    first, last = rng.uniform(-_PRESSURE, _PRESSURE, (2, count, 1))
    pressure = 1 + first + (last - first) * np.linspace(0, 1, stamps)
    return a + along * (b - a), radius[:, None] * pressure


def _ink(centres: np.ndarray, radii: np.ndarray, size: int,
         rng: np.random.Generator) -> np.ndarray:
    """Images (batch, size, size) of round pen stamps at ``centres`` (batch, stamps, 2) in pixel
    coordinates (x, y): a pixel's ink falls from 1 to 0 as its centre crosses the ink's edge, over
    a random ``softness`` of about one pixel (anti-aliasing)."""
    count = len(centres)
    softness = rng.uniform(*_SOFTNESS, (count, 1, 1))
    # Each stamp touches the pixels whose centres lie within radius + softness / 2 of it.
    reach = radii.max() + softness.max() / 2
    span = int(np.floor(reach + 0.5))
    dy, dx = np.mgrid[-span:span + 1, -span:span + 1]
    nearest = np.hypot(np.maximum(np.abs(dx) - 0.5, 0), np.maximum(np.abs(dy) - 0.5, 0))
    dx, dy = dx[nearest <= reach], dy[nearest <= reach]
    # Draw on a canvas with a margin of ``span`` pixels so that every touched index exists.
    side = size + 2 * span
    cell = np.clip(np.floor(centres).astype(np.int64), 0, size - 1)
    within = (centres - cell).astype(np.float32)
    to_x = (dx + 0.5).astype(np.float32) - within[..., :1]
    to_y = (dy + 0.5).astype(np.float32) - within[..., 1:]
    edge = np.sqrt(to_x * to_x + to_y * to_y) - radii[..., None].astype(np.float32)
    corner = (np.arange(count)[:, None] * side + cell[..., 1] + span) * side + cell[..., 0] + span
    nearest_edge = np.full(count * side * side, np.inf, dtype=np.float32)
    np.minimum.at(nearest_edge, (corner[..., None] + dy * side + dx).ravel(), edge.ravel())
    canvas = nearest_edge.reshape(count, side, side)[:, span:span + size, span:span + size]
    return np.clip(0.5 - canvas / softness, 0, 1)


def _draw(strokes: tuple[_Stroke, ...], count: int, size: int,
          rng: np.random.Generator) -> np.ndarray:
    """``count`` handwritten images of one template variant."""
    paths = [_stroke_paths(stroke, count, rng) for stroke in strokes]
    drawing = _hand_transform(_wobble(np.concatenate(paths, axis=1), rng), rng)
    # Fit the ink into a box of about 20 pixels (at size 28), centred with a small offset.
    scale = size / 28
    radius = rng.uniform(*_PEN_RADIUS, count) * scale
    low, high = drawing.min(axis=1), drawing.max(axis=1)
    zoom = (rng.uniform(*_BOX, count) * scale - 2 * radius) / np.max(high - low, axis=1)
    offset = (size / 2 + rng.uniform(-_MAX_OFFSET, _MAX_OFFSET, (count, 2)) * scale
              - zoom[:, None] * (low + high) / 2)
    pixels = drawing * zoom[:, None, None] + offset[:, None, :]
    bounds = np.cumsum([path.shape[1] for path in paths])[:-1]
    pen = [_pen_positions(path, radius, rng) for path in np.split(pixels, bounds, axis=1)]
    centres = np.concatenate([centre for centre, _ in pen], axis=1)
    radii = np.concatenate([radius for _, radius in pen], axis=1)
    return _ink(centres, radii, size, rng)


def make_digits(n: int, rng: np.random.Generator, size: int = 28) -> tuple[np.ndarray, np.ndarray]:
    """``n`` handwritten digits: images (n, size, size) float32 in [0, 1] (white on black) and
    labels (n,) int64. Every digit appears ``n // 10`` or ``n // 10 + 1`` times, in random order."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n must be a positive integer, got {n!r}")
    if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or size < 8:
        raise ValueError(f"size must be an integer number of pixels >= 8, got {size!r}")
    labels = rng.permutation(np.arange(n, dtype=np.int64) % 10)
    n_variants = np.array([len(_STROKES[digit]) for digit in range(10)])
    variant = (rng.random(n) * n_variants[labels]).astype(np.int64)
    images = np.empty((n, size, size), dtype=np.float32)
    for digit, variants in _STROKES.items():
        for index, strokes in enumerate(variants):
            members = np.flatnonzero((labels == digit) & (variant == index))
            for start in range(0, len(members), _CHUNK):
                chunk = members[start:start + _CHUNK]
                images[chunk] = _draw(strokes, len(chunk), int(size), rng)
    return images, labels
