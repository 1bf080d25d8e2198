"""An axis for data given as log10 values, labelled as powers of ten: 10⁻⁹, 10⁻⁶, 10⁻³, 1.

Quantities that span dozens of orders of magnitude (a gradient after 30 layers) are best plotted
as their log10; this axis keeps the labels in the numbers a student reads, one tick per decade or
per few decades, never at fractional exponents.
"""
from __future__ import annotations

import math

import pyqtgraph as pg

_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def power_of_ten(exponent: int) -> str:
    """``-6`` -> ``"10⁻⁶"``; 0 -> ``"1"``, 1 -> ``"10"``."""
    if exponent == 0:
        return "1"
    if exponent == 1:
        return "10"
    return "10" + str(exponent).translate(_SUPERSCRIPTS)


class PowerOfTenAxis(pg.AxisItem):
    """Tick labels 10^k for data that are already log10 values; ticks only at whole k."""

    def tickValues(self, minVal, maxVal, size):  # noqa: N802 (pyqtgraph's name)
        levels = super().tickValues(minVal, maxVal, size)
        whole = []
        for spacing, values in levels:
            if spacing < 1:
                continue
            whole.append((spacing, [v for v in values if math.isclose(v, round(v), abs_tol=1e-9)]))
        if not whole:  # less than one decade on screen: every decade boundary in view
            whole = [(1.0, list(range(math.ceil(minVal), math.floor(maxVal) + 1)))]
        return whole

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph's name)
        return [power_of_ten(round(v)) for v in values]
