"""Every surface of the optimization lab by name, made from options a control panel can send."""
from __future__ import annotations

import inspect

import numpy as np

from .data_surfaces import DataSurface, LinearRegressionSurface, LogisticRegressionSurface
from .surfaces import Beale, Bowl, Ellipse, Himmelblau, PlateauWell, Rosenbrock, Saddle, Surface

ANALYTIC_SURFACES = {cls.name: cls for cls in (Bowl, Ellipse, Saddle, Rosenbrock, Beale, Himmelblau, PlateauWell)}
DATA_SURFACES: dict[str, type[DataSurface]] = {
    cls.name: cls for cls in (LinearRegressionSurface, LogisticRegressionSurface)
}
SURFACE_NAMES = (*ANALYTIC_SURFACES, *DATA_SURFACES)


def make_surface(name: str, *, data_seed: int = 0, **options) -> Surface:
    """Make a surface by name. Analytic surfaces take ``gradient_noise`` (and the ellipse
    ``condition`` and ``angle``); data surfaces take ``normalize`` and ``batch_size`` and
    generate their data set from ``data_seed``, so toggling an option keeps the same data."""
    if name in ANALYTIC_SURFACES:
        cls = ANALYTIC_SURFACES[name]
        allowed = inspect.signature(cls).parameters
        unknown = sorted(set(options) - set(allowed))
        if unknown:
            raise ValueError(f"surface {name!r} takes {', '.join(allowed)}, not {unknown}")
        return cls(**options)
    if name in DATA_SURFACES:
        unknown = sorted(set(options) - {"normalize", "batch_size"})
        if unknown:
            raise ValueError(f"surface {name!r} takes normalize and batch_size, not {unknown}")
        return DATA_SURFACES[name].generated(np.random.default_rng(data_seed), **options)
    raise ValueError(f"unknown surface {name!r}; choose one of {', '.join(SURFACE_NAMES)}")
