"""Progress of a long computation, as the generators of this package yield it to the worker."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Progress:
    """``done`` of ``total`` units of the stage ``stage`` are finished."""

    stage: str
    done: int
    total: int
