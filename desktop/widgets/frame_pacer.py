"""Show the newest of a stream of reports, as often as the GUI thread can afford.

The worker may report 30 times a second. Drawing a frame costs the GUI thread some milliseconds,
and in Python that time is taken from the training too (both threads share one interpreter
lock), so a lab that draws every report can slow training down and, once a frame costs more
than the gap between reports, never get back to the event loop: timers and input starve.

A :class:`FramePacer` decouples the two. :meth:`offer` only keeps the newest item (the lab
accumulates anything cumulative, such as history rows, itself) and schedules a draw; the draw
happens at most every ``min_interval`` seconds and, when drawing gets expensive, less often, so
that the GUI thread spends about ``max_share`` of its time on frames. The cost is measured as the
GUI thread's CPU time between two draws, which includes the painting that follows a draw.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer

_NOTHING = object()


class FramePacer(QObject):
    """Calls ``draw(item)`` with the newest offered item, paced as the module docstring says."""

    def __init__(self, draw: Callable[[Any], None], min_interval: float = 1 / 30,
                 max_share: float = 0.25, max_interval: float = 0.5, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if not 0 < max_share <= 1:
            raise ValueError(f"max_share must be in (0, 1], got {max_share}")
        if not 0 < min_interval <= max_interval:
            raise ValueError(f"need 0 < min_interval <= max_interval, got {min_interval}, {max_interval}")
        self._draw = draw
        self._min_interval, self._max_interval = min_interval, max_interval
        self._max_share = max_share
        self._pending: Any = _NOTHING
        self._next_draw = 0.0
        self._cpu_mark = time.thread_time()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer)
        #: Seconds from the last draw to the earliest next one (for tests and benchmarks).
        self.interval = min_interval
        #: How many times ``draw`` has been called.
        self.draws = 0

    def offer(self, item: Any) -> None:
        """Draw ``item`` soon, unless a newer one is offered before that."""
        self._pending = item
        if not self._timer.isActive():
            delay = max(0.0, self._next_draw - time.monotonic())
            self._timer.start(int(delay * 1000))

    def flush(self) -> None:
        """Draw the pending item now (e.g. after a single step, or before a screenshot)."""
        self._timer.stop()
        if self._pending is not _NOTHING:
            self._on_timer()

    def pending(self) -> bool:
        return self._pending is not _NOTHING

    def _on_timer(self) -> None:
        item, self._pending = self._pending, _NOTHING
        if item is _NOTHING:
            return
        self._draw(item)
        self.draws += 1
        cpu = time.thread_time()
        spent, self._cpu_mark = cpu - self._cpu_mark, cpu
        self.interval = min(max(self._min_interval, spent / self._max_share), self._max_interval)
        self._next_draw = time.monotonic() + self.interval
