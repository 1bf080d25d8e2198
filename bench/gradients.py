"""Speed of the Gradients lab's live views, against the targets of its issue (not part of the
test suite):

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python bench/gradients.py [--threads N]

The vanishing/exploding page trains a 20-layer, width-64 network on the built-in digits (sigmoid,
Xavier, batch 64) for ``--seconds`` seconds in a 1600 × 1000 window, once alone and once in
comparison mode (two such networks side by side). Measured:

* **Histogram frames per second** (target ≥ 20): how often the gradient-histogram view is
  actually painted on screen (paint events of its viewport), and how long the page takes to
  prepare one frame (all four plots and the readouts of every run) on the GUI thread.
* **GUI stalls** (targets: longest gap ≤ 50 ms, 95th percentile ≤ 20 ms): the gaps between the
  ticks of a 5 ms QTimer on the GUI thread, the same measure as the shell's.
* **Training speed**: training steps per second of each network while the views update.

``--threads`` sets the BLAS thread count (OPENBLAS_NUM_THREADS and friends, before NumPy loads);
without it the BLAS library picks its own, as the app does.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each timed run")
    parser.add_argument("--threads", type=int, default=None,
                        help="BLAS threads (default: the library's own choice, as in the app)")
    parser.add_argument("--switch-interval", type=float, default=None,
                        help="Python's thread switch interval in seconds (default: Python's 0.005)")
    return parser.parse_args()


ARGS = parse_arguments()
if ARGS.threads is not None:  # must happen before NumPy (and its BLAS) is imported
    for _variable in THREAD_VARIABLES:
        os.environ[_variable] = str(ARGS.threads)
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
from PySide6.QtCore import QElapsedTimer, QEvent, QEventLoop, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.labs.gradients import GradientsLab  # noqa: E402
from desktop.labs.gradients.run_view import RunView  # noqa: E402
from desktop.theme import make_style  # noqa: E402
from desktop.worker import live_workers  # noqa: E402
from engine.gradient_flow import FlowConfig  # noqa: E402

CONFIG = FlowConfig(depth=20, width=64)
TICK_MS = 5


def wait(milliseconds: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


class PaintCounter(QObject):
    """Counts the paint events of a widget."""

    def __init__(self, widget) -> None:
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


class TickRecorder:
    """Timestamps of a 5 ms QTimer on the GUI thread."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.times: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(lambda: self.times.append(self.clock.nsecsElapsed() / 1e6))

    def start(self) -> None:
        self.times.clear()
        self.clock.start()
        self.timer.start()

    def stop(self) -> np.ndarray:
        self.timer.stop()
        return np.diff(self.times)


def timed_frames() -> list[float]:
    """Wrap RunView.draw to record how long each frame takes to prepare (seconds)."""
    durations: list[float] = []
    original = RunView.draw

    def draw(self, snapshot, **options):
        start = time.perf_counter()
        original(self, snapshot, **options)
        durations.append(time.perf_counter() - start)

    RunView.draw = draw
    return durations


def measure(lab: GradientsLab, comparison: bool, seconds: float, frame_times: list[float]) -> dict:
    page = lab.flow_page
    page.controls.depth.setValue(CONFIG.depth)
    page.controls.width.setValue(CONFIG.width)
    page.set_comparison(comparison)  # B starts as a copy of A
    loop_until(page.up_to_date, 60_000)
    wait(500)
    painter = PaintCounter(page.views[0].gradients.viewport())
    ticks = TickRecorder()
    frame_times.clear()
    painter.count = 0
    ticks.start()
    started = time.perf_counter()
    page.run()
    wait(int(seconds * 1000))
    elapsed = time.perf_counter() - started
    page.pause()
    gaps = ticks.stop()
    paints = painter.count
    wait(300)
    steps = page.views[0].snapshot.step
    return {
        "frames_per_second": paints / elapsed,
        "frame_ms": 1000 * np.array(frame_times[1:]),
        "gap_max": float(gaps.max()),
        "gap_p95": float(np.percentile(gaps, 95)),
        "steps_per_second": steps / elapsed,
    }


def loop_until(condition, timeout_ms: int) -> None:
    deadline = time.perf_counter() + timeout_ms / 1000
    while not condition():
        if time.perf_counter() > deadline:
            raise SystemExit("timed out waiting for the lab")
        wait(20)


def report(name: str, result: dict) -> None:
    frames = result["frame_ms"]
    verdict_fps = "ok" if result["frames_per_second"] >= 20 else "BELOW TARGET"
    verdict_gap = "ok" if result["gap_max"] <= 50 and result["gap_p95"] <= 20 else "ABOVE TARGET"
    print(f"\n{name}")
    print(f"  histogram view painted      {result['frames_per_second']:6.1f} frames/s   (target >= 20: {verdict_fps})")
    if len(frames):
        print(f"  one frame on the GUI thread {statistics.median(frames):6.1f} ms median, "
              f"{np.percentile(frames, 95):.1f} ms 95th percentile, {frames.max():.1f} ms max")
    print(f"  5 ms timer gaps             {result['gap_max']:6.1f} ms max, {result['gap_p95']:.1f} ms 95th "
          f"percentile   (targets <= 50 / <= 20: {verdict_gap})")
    print(f"  training                    {result['steps_per_second']:6.1f} steps/s per network")


def main() -> None:
    if ARGS.switch_interval is not None:
        sys.setswitchinterval(ARGS.switch_interval)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setStyle("Fusion")
    frame_times = timed_frames()
    lab = GradientsLab(seed=1)
    lab.apply_style(make_style())
    lab.resize(1600, 1000)
    lab.show()
    lab.tabs.setCurrentWidget(lab.flow_page)
    threads = os.environ.get("OPENBLAS_NUM_THREADS", "library default")
    print(f"Gradients lab, {CONFIG.depth} layers × {CONFIG.width} units, digits, batch {CONFIG.batch_size}; "
          f"BLAS threads: {threads}; switch interval {sys.getswitchinterval() * 1000:g} ms; "
          f"{ARGS.seconds:g} s per run")
    try:
        report("one network", measure(lab, False, ARGS.seconds, frame_times))
        report("comparison (two networks)", measure(lab, True, ARGS.seconds, frame_times))
    finally:
        lab.shutdown()
        for worker in live_workers():
            worker.shutdown()


if __name__ == "__main__":
    main()
