"""Build a named strategy (activation, loss, initializer, regularizer) from its settings.

Every registry maps a name the UI and presets can store to a class. Building from a name checks
the keyword parameters against the class's signature, so a typo in a preset says which parameters
exist instead of surfacing as a TypeError deep inside a constructor; ``check_finite`` gives the
constructors one wording for numeric settings that are out of range.
"""
from __future__ import annotations

import inspect
import math
from collections.abc import Mapping
from typing import Any


def create(kind: str, registry: Mapping[str, type], name: str, params: Mapping[str, Any],
           aliases: Mapping[str, str] | None = None) -> Any:
    """``registry[name](**params)``, with ValueErrors that list what is allowed.

    Names are case-insensitive; ``aliases`` maps extra accepted names to registry names.
    """
    if not isinstance(name, str):
        raise ValueError(f"{kind} name must be a string, got {name!r}")
    key = name.lower()
    key = (aliases or {}).get(key, key)
    if key not in registry:
        raise ValueError(f"unknown {kind} {name!r}; choose one of: {', '.join(registry)}")
    cls = registry[key]
    allowed = list(inspect.signature(cls).parameters)
    unknown = sorted(set(params) - set(allowed))
    if unknown:
        takes = f"takes only {', '.join(allowed)}" if allowed else "takes no parameters"
        raise ValueError(f"{kind} {key!r} {takes}; got {', '.join(unknown)}")
    return cls(**params)


def check_finite(name: str, value: float, minimum: float | None = None,
                 strict: bool = True) -> float:
    """``value`` as a float, or a ValueError if it is not finite or not above ``minimum``."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {value!r}") from None
    if not math.isfinite(number):
        raise ValueError(f"{name} must be finite, got {value!r}")
    if minimum is not None and (number <= minimum if strict else number < minimum):
        relation = ">" if strict else ">="
        raise ValueError(f"{name} must be {relation} {minimum}, got {value!r}")
    return number
