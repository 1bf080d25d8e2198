"""Let a fast generator's items out at a pace people can watch.

The MSE-versus-cross-entropy race computes a step in a fraction of a millisecond; unpaced, it
would be over before the first frame. A :class:`Pacer` wraps the generator on the worker thread
and releases one item per 1/``per_second`` seconds. While it waits it sleeps in short pieces and
yields None in between, so the worker keeps handling commands (pause, a new speed) and the CPU
stays idle.
"""
from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from typing import Any

#: Longest single sleep, short enough that a command waits at most this long.
MAX_SLEEP_S = 0.004


class Pacer:
    """``iter(Pacer(items, 40))`` yields the items, about 40 a second, with Nones between."""

    def __init__(self, items: Iterable[Any], per_second: float) -> None:
        self._items = items
        self.per_second = per_second

    @property
    def per_second(self) -> float:
        return self._per_second

    @per_second.setter
    def per_second(self, value: float) -> None:
        if not value > 0:
            raise ValueError(f"per_second must be > 0, got {value!r}")
        self._per_second = float(value)

    def __iter__(self) -> Iterator[Any]:
        due = time.perf_counter()
        for item in self._items:
            while (wait := due - time.perf_counter()) > 0:
                time.sleep(min(wait, MAX_SLEEP_S))
                yield None
            yield item
            # Never bank time: after a pause the pace resumes from now, without a burst.
            due = max(due, time.perf_counter()) + 1.0 / self._per_second
