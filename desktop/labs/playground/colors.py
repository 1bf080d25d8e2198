"""How the Playground turns numbers into colours, the same way in every view.

Signed values (weights, biases, a neuron's output, the two-class output) go through one diverging
table: orange for −1, the neutral colour for 0, blue for +1, as in TensorFlow Playground, clipped
beyond ±1. Several classes get one colour each from the theme's series; a point of the output map
mixes them by the predicted probabilities and fades towards neutral where the network is unsure.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtGui import QColor

from desktop.theme import Style
from desktop.widgets.heatmap import color_lut, lut_image

#: Values mapped to the two ends of the diverging table.
LEVELS = (-1.0, 1.0)
#: The output map is this much closer to neutral than the points drawn on it, so that a point
#: of either class stands out from a region of its own colour.
MAP_FADE = 0.4


@dataclass(frozen=True)
class PlaygroundColors:
    lut: np.ndarray  # (256, 3) uint8, LEVELS[0] → first row
    map_lut: np.ndarray  # the same, faded by MAP_FADE, for the output map
    neutral: np.ndarray  # (3,) float
    classes: np.ndarray  # (max classes, 3) float

    @classmethod
    def from_style(cls, style: Style) -> PlaygroundColors:
        palette = style.palette
        lut = color_lut([palette.negative, palette.neutral, palette.positive])
        neutral = np.array(QColor(palette.neutral).getRgb()[:3], dtype=np.float64)
        # Two-class labels are −1 (orange) and +1 (blue): for several classes keep blue and
        # orange first so that three classes look like the two-class picture plus one.
        order = [palette.positive, palette.negative, palette.series[2], palette.series[3],
                 palette.series[5]]
        classes = np.array([QColor(c).getRgb()[:3] for c in order], dtype=np.float64)
        map_lut = np.round(lut * (1 - MAP_FADE) + neutral * MAP_FADE).astype(np.uint8)
        return cls(lut, map_lut, neutral, classes)

    def signed(self, values: np.ndarray) -> np.ndarray:
        """(..., 3) uint8 colours of signed values."""
        return lut_image(values, self.lut, LEVELS)

    def signed_qcolor(self, value: float) -> QColor:
        r, g, b = (int(c) for c in self.signed(np.array([value]))[0])
        return QColor(r, g, b)

    def class_qcolor(self, index: int) -> QColor:
        r, g, b = (int(c) for c in self.classes[index % len(self.classes)])
        return QColor(r, g, b)

    def probabilities(self, probabilities: np.ndarray, discretize: bool = False) -> np.ndarray:
        """(..., K) class probabilities → (..., 3) uint8 for the output map: the classes'
        colours mixed by probability, faded to neutral as the top probability falls to 1/K
        (chance). With ``discretize`` each point takes its most probable class's colour."""
        k = probabilities.shape[-1]
        colors = self.neutral + (self.classes[:k] - self.neutral) * (1 - MAP_FADE)
        if discretize:
            return colors[np.argmax(probabilities, axis=-1)].astype(np.uint8)
        mixed = probabilities @ colors
        confidence = (probabilities.max(axis=-1, keepdims=True) - 1 / k) * (k / (k - 1))
        return np.clip(self.neutral + (mixed - self.neutral) * confidence, 0, 255).astype(np.uint8)

    def class_strength(self, index: int, probability: np.ndarray) -> np.ndarray:
        """(..., 3) uint8: neutral where class ``index`` has probability 0, its full colour at 1."""
        color = self.classes[index % len(self.classes)]
        mixed = self.neutral + (color - self.neutral) * probability[..., None]
        return np.clip(mixed, 0, 255).astype(np.uint8)

    def points(self, labels: np.ndarray, task: str) -> np.ndarray:
        """(n, 3) uint8 colours of data points: by sign (two classes), by class, or by value."""
        if task == "multiclass":
            return self.classes[np.asarray(labels, dtype=np.intp) % len(self.classes)].astype(np.uint8)
        return self.signed(np.asarray(labels, dtype=np.float64))
