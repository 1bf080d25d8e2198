"""The race as the worker thread owns it: the surface, its grid and the race, rebuilt from a
:class:`RaceSetup` the page sends. No Qt here: the page calls these methods through
``Worker.call`` and receives what they return as reports."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from engine.landscape.catalog import make_surface
from engine.landscape.grid import SurfaceGrid, surface_grid
from engine.landscape.methods import METHODS, default_hyperparameters
from engine.landscape.race import Race, RaceFrame, RacerConfig, ScheduleChoice
from engine.landscape.surfaces import Surface

GRID_RESOLUTION = 200


@dataclass(frozen=True)
class RaceSetup:
    """Everything that defines a race. ``start`` None means the surface's own start point."""

    surface: str
    surface_options: Mapping[str, object] = field(default_factory=dict)
    start: tuple[float, float] | None = None
    entrants: tuple[RacerConfig, ...] = ()
    schedule: ScheduleChoice | None = None
    seed: int = 0

    def make_surface(self) -> Surface:
        return make_surface(self.surface, **self.surface_options)

    def start_on(self, surface: Surface) -> tuple[float, float]:
        return tuple(surface.start) if self.start is None else self.start


@dataclass(frozen=True)
class SurfaceReport:
    """What the views need to know about a new surface."""

    name: str
    grid: SurfaceGrid
    log_scale: bool
    minima: np.ndarray
    axis_labels: tuple[str, str]
    span: float
    # Median |∇f| over the surface: the length the gradient arrows are scaled against.
    typical_gradient: float


@dataclass(frozen=True)
class RaceConfigured:
    """The answer to :meth:`RaceSession.configure`: a new race (and a new surface if it changed)."""

    setup: RaceSetup
    start: tuple[float, float]
    surface: SurfaceReport | None
    frame: RaceFrame
    # Every method's hyperparameters before the user's edits: PyTorch's, with a learning rate
    # that suits the surface.
    defaults: Mapping[str, Mapping[str, float]]


class RaceSession:
    """Owned by the worker thread once created; see the module docstring."""

    def __init__(self) -> None:
        self._surface_key: tuple | None = None
        self.surface: Surface | None = None
        self.race: Race | None = None

    def configure(self, setup: RaceSetup) -> RaceConfigured:
        """Build the race of ``setup`` from step 0; recompute the surface only if it changed."""
        key = (setup.surface, tuple(sorted(setup.surface_options.items())))
        report = None
        if key != self._surface_key:
            surface = setup.make_surface()
            report = _describe(surface)
            self.surface, self._surface_key = surface, key
        start = setup.start_on(self.surface)
        self.race = Race(self.surface, start, setup.entrants, np.random.default_rng(setup.seed), setup.schedule)
        defaults = {name: default_hyperparameters(name, self.surface) for name in METHODS}
        return RaceConfigured(setup, start, report, self.race.frame(), defaults)

    def advance(self, steps: int) -> RaceFrame:
        return self.race.advance(steps)


def _describe(surface: Surface) -> SurfaceReport:
    grid = surface_grid(surface, GRID_RESOLUTION)
    step = GRID_RESOLUTION // 20
    sample = np.stack(np.meshgrid(grid.x[step:-step:step], grid.y[step:-step:step], indexing="ij"), axis=-1)
    with np.errstate(all="ignore"):
        norms = np.linalg.norm(surface.gradient(sample), axis=-1)
    finite = norms[np.isfinite(norms)]
    return SurfaceReport(
        name=surface.name,
        grid=grid,
        log_scale=surface.log_scale,
        minima=surface.minima,
        axis_labels=surface.axis_labels,
        span=surface.span,
        typical_gradient=float(np.median(finite)) if finite.size else 1.0,
    )
