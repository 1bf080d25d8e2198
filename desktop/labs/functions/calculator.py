"""Run the lab's slower computations on a worker thread, newest request first.

Some views need thousands of engine evaluations when a control changes (products of derivatives
over 5 000 random paths, a loss scored point by point). They ask the :class:`Calculator`, which
runs the work on a :class:`~desktop.worker.Worker` and hands the result back on the GUI thread.
Requests are grouped by topic: while one computation of a topic runs, a newer request replaces any
that waits, so dragging a slider never builds a queue.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.worker import Worker


@dataclass(frozen=True)
class _Result:
    topic: str
    value: Any


class Calculator(QObject):
    """Computes on a worker; ``idle`` fires when nothing is running or waiting any more."""

    idle = Signal()
    #: A computation raised; the text says what happened.
    failed = Signal(str)

    def __init__(self, worker: Worker) -> None:
        super().__init__()
        self._worker = worker
        self._running: dict[str, Callable[[Any], None]] = {}
        self._waiting: dict[str, tuple[Callable[[], Any], Callable[[Any], None]]] = {}
        worker.report.connect(self._on_result)
        worker.failed.connect(self._on_failed)

    def is_idle(self) -> bool:
        return not self._running

    def request(self, topic: str, compute: Callable[[], Any], deliver: Callable[[Any], None]) -> None:
        """Run ``compute()`` on the worker, then ``deliver(result)`` on the GUI thread.
        ``compute`` must not touch anything the GUI may change meanwhile: give it copies."""
        if topic in self._running:
            self._waiting[topic] = (compute, deliver)
        else:
            self._start(topic, compute, deliver)

    def _start(self, topic: str, compute: Callable[[], Any], deliver: Callable[[Any], None]) -> None:
        self._running[topic] = deliver
        self._worker.call(lambda: _Result(topic, compute()))

    def _on_result(self, result: object) -> None:
        if not isinstance(result, _Result) or result.topic not in self._running:
            return
        deliver = self._running.pop(result.topic)
        waiting = self._waiting.pop(result.topic, None)
        if waiting is not None:
            self._start(result.topic, *waiting)
        deliver(result.value)
        if self.is_idle():
            self.idle.emit()

    def _on_failed(self, message: str) -> None:
        self._running.clear()
        self._waiting.clear()
        self.failed.emit(message)
        self.idle.emit()
