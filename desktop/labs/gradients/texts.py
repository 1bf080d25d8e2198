"""The Gradients lab's names for the engine's choices, and how it writes very large and very
small numbers. Math notation (N(0, 1), ±1/√n) is the same in every language; words go through
Qt's translation, always as a literal in ``QCoreApplication.translate("GradientsTexts", ...)``
so that lupdate finds them."""
from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication

from desktop.widgets.power_axis import power_of_ten


def activation_name(name: str) -> str:
    names = {
        "linear": QCoreApplication.translate("GradientsTexts", "Linear (none)"),
        "sigmoid": QCoreApplication.translate("GradientsTexts", "Sigmoid"),
        "tanh": QCoreApplication.translate("GradientsTexts", "Tanh"),
        "relu": QCoreApplication.translate("GradientsTexts", "ReLU"),
        "leaky_relu": QCoreApplication.translate("GradientsTexts", "Leaky ReLU"),
        "elu": QCoreApplication.translate("GradientsTexts", "ELU"),
    }
    return names[name]


def initializer_name(name: str) -> str:
    names = {
        "normal": "N(0, 1)",
        "small_normal": "N(0, 0.01²)",
        "xavier": QCoreApplication.translate("GradientsTexts", "Xavier (Glorot)"),
        "he": QCoreApplication.translate("GradientsTexts", "He (Kaiming)"),
        "uniform": QCoreApplication.translate("GradientsTexts", "Uniform ±1/√n"),
    }
    return names[name]


def initializer_short_name(name: str) -> str:
    """For a run's one-line title."""
    names = {
        "normal": "N(0, 1)",
        "small_normal": "N(0, 0.01²)",
        "xavier": QCoreApplication.translate("GradientsTexts", "Xavier"),
        "he": QCoreApplication.translate("GradientsTexts", "He"),
        "uniform": "U(±1/√n)",
    }
    return names[name]


def task_name(name: str) -> str:
    names = {
        "digits": QCoreApplication.translate("GradientsTexts", "Handwritten digits (784 → 10)"),
        "circle": QCoreApplication.translate("GradientsTexts", "Playground: circle"),
        "xor": QCoreApplication.translate("GradientsTexts", "Playground: exclusive or"),
        "gaussian": QCoreApplication.translate("GradientsTexts", "Playground: two Gaussians"),
        "spiral": QCoreApplication.translate("GradientsTexts", "Playground: spiral"),
        "moons": QCoreApplication.translate("GradientsTexts", "Playground: two moons"),
    }
    return names[name]


def scientific(value: float) -> str:
    """3.2×10⁻⁶ for numbers a student compares by their exponent; plain for 0.01 … 1000."""
    if not math.isfinite(value):
        return "∞" if value > 0 else ("−∞" if value < 0 else "—")
    if value == 0:
        return "0"
    if 1e-2 <= abs(value) < 1e3:
        return f"{value:.3g}"
    exponent = math.floor(math.log10(abs(value)))
    mantissa = value / 10.0**exponent
    if round(mantissa, 1) >= 10:  # 9.96 rounds up to the next decade
        mantissa, exponent = mantissa / 10, exponent + 1
    return f"{mantissa:.1f}×{power_of_ten(exponent)}"
