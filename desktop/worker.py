"""One worker thread that drives an engine generator and reports what it yields.

Every lab trains the same way: the engine gives it a plain generator (``Iterator[item | None]``,
e.g. ``Trainer.run()``), and a :class:`Worker` runs that generator on its own thread in time slices
of a few milliseconds. Between two slices the worker runs the commands the GUI has queued
(pause, resume, stop, or any callable given to :meth:`Worker.call`), so the window never waits for
the engine and the engine never waits for the window.

Reports are throttled: however fast the generator yields, at most ``max_reports_per_second``
items reach the GUI, and the latest item is never lost: whenever the worker goes quiet (paused,
generator finished or failed) the newest pending item is delivered first. A generator that yields
``None`` just hands control back so that commands can run; nothing is reported.

Reports never arrive late from a run the GUI has already replaced: after :meth:`Worker.start` or
:meth:`Worker.stop`, nothing from the previous generator (items, results of earlier calls,
``finished``, ``failed``) is delivered, so a lab can reset its views right away.

Typical use in a lab::

    self.worker = self.make_worker()                 # Lab helper: shut down with the lab
    self.worker.report.connect(self.show_snapshot)   # runs on the GUI thread
    self.worker.failed.connect(self.show_error)
    self.worker.start(trainer.run())                 # Run
    self.worker.pause()                              # Pause
    self.worker.call(lambda: trainer.update_config(learning_rate=0.1))  # between two slices
    self.worker.call(lambda: (trainer.train_epoch(), trainer.snapshot())[1])  # one step

While a generator is installed, everything it works on (the trainer, the model) belongs to the
worker thread: change it only through :meth:`Worker.call`.

Every worker is shut down by :meth:`Worker.shutdown`: labs do it in ``Lab.shutdown``, which the
main window calls on close, and each worker also does it on ``aboutToQuit`` as a safety net.
:func:`live_workers` lists the workers whose thread still runs; the tests fail any test that
leaks one.
"""
from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, Slot

_log = logging.getLogger(__name__)

# Strong references to every worker whose thread has been started and not yet shut down: a
# running QThread whose Python wrapper is garbage-collected takes the whole process down.
_live_workers: set[Worker] = set()

# How much nicer than the GUI thread a background worker thread is on Linux (nice values go up
# to 19; each step gives a thread about 10 % less CPU time than a competitor one step below).
BACKGROUND_NICENESS = 10


def live_workers() -> list[Worker]:
    """Workers whose thread is still running (should be empty after a test, and after close)."""
    return [worker for worker in _live_workers if worker.thread_running()]


class Worker(QObject):
    """Drives one generator at a time on a private thread; see the module docstring.

    The Worker itself lives on the thread that creates it (the GUI thread): its methods only queue
    commands for the driver on the worker thread, and its signals are emitted on the GUI thread.
    """

    # An item the generator yielded (throttled), or the non-None result of a :meth:`call`.
    report = Signal(object)
    # The generator is exhausted (emitted after its last item has been reported).
    finished = Signal()
    # The generator or a command raised; the text says what happened. The generator is dropped,
    # the worker keeps running and accepts new commands.
    failed = Signal(str)
    # True when the worker starts driving a generator, False when it stops driving it (pause,
    # stop, finished, failed), so that a Run/Pause button can show the truth.
    running_changed = Signal(bool)

    def __init__(self, slice_ms: float = 5.0, max_reports_per_second: float = 30.0,
                 background: bool = False) -> None:
        """``background``: the worker thread runs at a lower priority than the GUI thread, so
        that on a busy machine the operating system schedules the window first and training
        slows down instead of the window stalling (training is as fast as before on an idle
        core)."""
        super().__init__()
        self._generation = 0  # bumped by start/stop; signals from older generations are dropped
        self._driver = _Driver(slice_ms, max_reports_per_second)
        self._thread = QThread()
        self._thread.setObjectName("descent-lab worker")
        self._driver.moveToThread(self._thread)
        self._thread.started.connect(self._driver.create_timer)
        # Driver -> GUI thread: queued, because the Worker lives on the GUI thread.
        self._driver.reported.connect(self._on_reported)
        self._driver.generator_finished.connect(self._on_finished)
        self._driver.generator_failed.connect(self._on_failed)
        self._driver.running.connect(self._on_running)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        _live_workers.add(self)
        self._thread.start()
        if background:
            self._driver.command.emit(lambda driver: driver.lower_priority())

    # ----- commands ------------------------------------------------------------------------------

    def start(self, generator: Iterator[Any]) -> None:
        """Drive ``generator`` from now on, replacing (and closing) the current one."""
        self._generation += 1
        generation = self._generation
        self._driver.command.emit(lambda driver: driver.install(generator, generation))

    def pause(self) -> None:
        """Stop driving the generator; it is kept, and :meth:`resume` continues it."""
        self._driver.command.emit(lambda driver: driver.set_running(False))

    def resume(self) -> None:
        """Continue driving the current generator (does nothing if there is none)."""
        self._driver.command.emit(lambda driver: driver.set_running(driver.has_generator()))

    def stop(self) -> None:
        """Stop and close the current generator."""
        self._generation += 1
        generation = self._generation
        self._driver.command.emit(lambda driver: driver.install(None, generation))

    def call(self, function: Callable[[], Any]) -> None:
        """Run ``function()`` on the worker thread between two slices. A non-None result is
        reported at once (after any pending item). If it raises, ``failed`` says so and the
        current generator is dropped: the engine state it ran on can no longer be trusted."""
        self._driver.command.emit(lambda driver: driver.call(function))

    def thread_running(self) -> bool:
        return self._thread.isRunning()

    @Slot()
    def shutdown(self, timeout_ms: int = 1000) -> bool:
        """Stop the generator and end the thread, waiting at most ``timeout_ms``. Returns True
        when the thread has ended. Safe to call more than once."""
        self._generation += 1  # nothing more is delivered
        if self._thread.isRunning():
            self._driver.command.emit(lambda driver: driver.quit_thread())
            if not self._thread.wait(timeout_ms):
                _log.warning("the worker thread is still busy after %d ms", timeout_ms)
                return False
        _live_workers.discard(self)
        return True

    # ----- delivery on the GUI thread ------------------------------------------------------------

    @Slot(int, object)
    def _on_reported(self, generation: int, item: Any) -> None:
        if generation == self._generation:
            self.report.emit(item)

    @Slot(int)
    def _on_finished(self, generation: int) -> None:
        if generation == self._generation:
            self.finished.emit()

    @Slot(int, str)
    def _on_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.failed.emit(message)

    @Slot(int, int)
    def _on_running(self, generation: int, running: int) -> None:
        if generation == self._generation:
            self.running_changed.emit(bool(running))


class _Driver(QObject):
    """The part that lives on the worker thread: owns the generator and runs the time slices.
    Each signal carries the generation of the generator it is about."""

    command = Signal(object)  # a callable taking the driver, queued from the GUI thread
    reported = Signal(int, object)
    generator_finished = Signal(int)
    generator_failed = Signal(int, str)
    running = Signal(int, int)

    _NOTHING = object()  # "no report pending" (None cannot serve: it means "nothing to report")

    def __init__(self, slice_ms: float, max_reports_per_second: float) -> None:
        if slice_ms <= 0:
            raise ValueError(f"slice_ms must be positive, got {slice_ms}")
        if max_reports_per_second <= 0:
            raise ValueError(
                f"max_reports_per_second must be positive, got {max_reports_per_second}"
            )
        super().__init__()  # no parent: a QObject with a parent cannot move to another thread
        self._slice_seconds = slice_ms / 1000.0
        self._report_interval = 1.0 / max_reports_per_second
        self._generator: Iterator[Any] | None = None
        self._generation = 0
        self._running = False
        self._pending: Any = self._NOTHING
        self._last_report_time = -float("inf")
        self._timer: QTimer | None = None
        self.command.connect(self._execute)

    @Slot()
    def create_timer(self) -> None:
        # Created on the worker thread so that it fires there. Interval 0: one time slice per pass
        # of the worker's event loop, with the queued commands handled in between.
        self._timer = QTimer()
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._run_slice)

    def lower_priority(self) -> None:
        """Runs on the worker thread. Qt sets thread priorities on Windows and macOS; on Linux
        it leaves ordinary threads alone, and a thread's nice value does the same job."""
        QThread.currentThread().setPriority(QThread.Priority.LowPriority)
        if sys.platform.startswith("linux"):
            thread = threading.get_native_id()  # the thread started with the GUI thread's value
            try:
                niceness = os.getpriority(os.PRIO_PROCESS, thread) + BACKGROUND_NICENESS
                os.setpriority(os.PRIO_PROCESS, thread, min(niceness, 19))
            except OSError as error:
                _log.warning("could not lower the worker thread's priority: %s", error)

    @Slot(object)
    def _execute(self, command: Callable[[_Driver], None]) -> None:
        command(self)

    def has_generator(self) -> bool:
        return self._generator is not None

    def install(self, generator: Iterator[Any] | None, generation: int) -> None:
        self.set_running(False)
        self._close_generator()
        self._pending = self._NOTHING  # belongs to the replaced run
        self._generator, self._generation = generator, generation
        self.set_running(generator is not None)

    def quit_thread(self) -> None:
        self.install(None, self._generation)
        QThread.currentThread().quit()

    def set_running(self, running: bool) -> None:
        if running == self._running:
            return
        self._running = running
        if running:
            self._timer.start()
        else:
            self._timer.stop()
            self._flush()
        self.running.emit(self._generation, int(running))

    def call(self, function: Callable[[], Any]) -> None:
        try:
            result = function()
        except Exception as error:
            self._fail(error)
            return
        if result is not None:
            self._flush()
            self._emit(result)

    @Slot()
    def _run_slice(self) -> None:
        deadline = time.perf_counter() + self._slice_seconds
        try:
            while time.perf_counter() < deadline:
                item = next(self._generator)
                if item is None:
                    break
                self._offer(item)
        except StopIteration:
            self._generator = None
            self.set_running(False)
            self.generator_finished.emit(self._generation)
            return
        except Exception as error:
            self._fail(error)
            return
        if self._pending is not self._NOTHING and self._report_due():
            self._flush()

    def _fail(self, error: Exception) -> None:
        _log.error("engine error in the worker", exc_info=error)
        self._close_generator()
        self.set_running(False)
        self.generator_failed.emit(self._generation, f"{type(error).__name__}: {error}")

    def _close_generator(self) -> None:
        generator, self._generator = self._generator, None
        if generator is None or not hasattr(generator, "close"):
            return
        try:
            generator.close()
        except Exception:  # a generator that fails to clean up must not take the worker down
            _log.exception("closing the generator failed")

    def _offer(self, item: Any) -> None:
        if self._report_due():
            self._pending = self._NOTHING
            self._emit(item)
        else:
            self._pending = item

    def _report_due(self) -> bool:
        return time.perf_counter() - self._last_report_time >= self._report_interval

    def _flush(self) -> None:
        if self._pending is not self._NOTHING:
            item, self._pending = self._pending, self._NOTHING
            self._emit(item)

    def _emit(self, item: Any) -> None:
        self._last_report_time = time.perf_counter()
        self.reported.emit(self._generation, item)
