"""Read-only copies: the arrays a snapshot hands from the worker thread to the views.

A copy, so that training on can never change what a view is drawing; read-only, so that a view
can never change the engine's state by accident.
"""
from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, DTypeLike


def read_only_copy(values: ArrayLike, dtype: DTypeLike | None = None) -> np.ndarray:
    """A new array with the values (converted to ``dtype`` if given) that refuses writes."""
    copy = np.array(values, dtype=dtype, copy=True)
    copy.flags.writeable = False
    return copy
