"""The Playground's speed with its window on screen, against the engine alone, in one run.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python bench/playground.py [--seconds 10]

Measures, on the default task (TensorFlow Playground's circle, 250 training points, 2 → 4 → 2 → 1
tanh, batch 10, SGD lr 0.03):

* **startup**: seconds from process start to the main window on screen (target <= 2 s), and
  to the Playground open in it with its first frame drawn (a fresh process, like
  ``python -m desktop --lab playground``; the window appears before the labs are imported);
* **headless**: epochs per second of the engine's PlaygroundSession alone, reporting frames
  (with their grid probes) at the app's rate of 30 per second;
* **with views**: epochs per second while the real window shows every frame (network, maps,
  curves), in the same process, right after the headless run (targets >= 600 epochs/s and
  >= 70 % of headless);
* **GUI responsiveness** during that run: the gaps between ticks of a 5 ms QTimer on the GUI
  thread, longest and 95th percentile (targets <= 50 ms and <= 20 ms);
* **host**: the share of processor time the hypervisor gave to other virtual machines meanwhile
  (Linux's "steal"), which slows everything above alike.

Not part of the test suite: timings depend on the machine and on its load. Headless and
with-views runs alternate in short slices (``--slices``) so that load from other processes hits
both alike; each with-views slice starts from a fresh run (Reset, then Run) and ends with Pause.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

TICK_MS = 5

# Runs in a fresh interpreter: prints the wall-clock times at which the main window was shown
# (MainWindow.show, wrapped to note the time) and at which the Playground was open in it.
_STARTUP_PROBE = """
import time
import desktop.main_window as main_window
from desktop.app import build_parser, open_window
shown = []
show = main_window.MainWindow.show
main_window.MainWindow.show = lambda self: (show(self), shown.append(time.time()))
args = build_parser("").parse_args(["--lab", "playground", "--size", "1600x1000", "--seed", "1"])
app, window, lab, problems = open_window(args)
app.processEvents()
ready = time.time()
lab.shutdown()
window.close()
print(shown[0], ready)
"""


def startup_seconds() -> tuple[float, float]:
    """Seconds from process start until the window is shown, and until the Playground is open."""
    started = time.time()
    output = subprocess.run([sys.executable, "-c", _STARTUP_PROBE], cwd=REPO, check=True,
                            capture_output=True, text=True).stdout
    shown, ready = map(float, output.strip().splitlines()[-1].split())
    return shown - started, ready - started


def stolen_share() -> Callable[[], float]:
    """Start watching the machine: the returned function gives the share of processor time
    that the hypervisor gave to other virtual machines since (Linux's "steal"; 0 elsewhere).
    A shared host that steals time slows every figure here; the report says how much."""
    def counters() -> tuple[int, int]:
        try:
            fields = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
        except OSError:
            return 0, 0
        return (fields[7] if len(fields) > 7 else 0), sum(fields[:8])

    steal_before, total_before = counters()

    def share() -> float:
        steal, total = counters()
        return (steal - steal_before) / (total - total_before) if total > total_before else 0.0
    return share


def headless_run(seconds: float) -> tuple[int, float]:
    """Epochs trained and seconds taken by the engine's session alone, reporting frames (with
    their maps) as often as the app asks for them by default. It runs on a thread of its own,
    as the app's worker does, while the GUI thread waits: time spent on the GUI thread would
    count as the cost of the window's next frame, and delay it."""
    from engine.playground import PlaygroundSession

    result: list[tuple[int, float]] = []

    def train() -> None:
        session = PlaygroundSession()
        generator = session.run()
        started = time.perf_counter()
        while time.perf_counter() - started < seconds:
            next(generator)
        result.append((session.trainer.epoch, time.perf_counter() - started))

    thread = threading.Thread(target=train, name="headless engine")
    thread.start()
    thread.join()
    return result[0]


def settle(lab) -> None:
    """Wait until the lab's worker has done everything asked of it and the result is drawn."""
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    lab.settled.connect(loop.quit)
    lab.advance(0)
    loop.exec()
    lab.settled.disconnect(loop.quit)


def views_run(lab, seconds: float) -> tuple[int, float, int, list[float]]:
    """Train for ``seconds`` with the window showing every drawn frame, from a fresh run.
    Returns epochs, seconds, frames drawn, and the gaps (ms) between ticks of a 5 ms GUI timer."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    lab.reset()
    settle(lab)
    ticks: list[float] = []
    clock = QElapsedTimer()
    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(lambda: ticks.append(clock.nsecsElapsed() / 1e6))
    first_draw = lab.pacer.draws
    clock.start()
    timer.start()
    lab.run()
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    lab.pause()
    timer.stop()
    elapsed = clock.nsecsElapsed() / 1e9
    settle(lab)
    return lab.frame.snapshot.epoch, elapsed, lab.pacer.draws - first_draw, \
        [b - a for a, b in zip(ticks, ticks[1:])]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0,
                        help="seconds of training with the views (and as many headless)")
    parser.add_argument("--slices", type=int, default=5,
                        help="alternate headless and with-views runs this many times each")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        print("needs a display: run it under xvfb-run (see the module docstring)", file=sys.stderr)
        return 2

    shown, ready = startup_seconds()

    from desktop.app import build_parser, open_window

    window_args = build_parser("").parse_args(["--lab", "playground", "--size", "1600x1000",
                                               "--seed", "1"])
    app, window, lab, _problems = open_window(window_args)
    headless = [0, 0.0]
    views = [0, 0.0, 0]
    gaps: list[float] = []
    try:
        settle(lab)
        stolen = stolen_share()
        for _ in range(args.slices):
            epochs, seconds = headless_run(args.seconds / args.slices)
            headless[0] += epochs
            headless[1] += seconds
            epochs, seconds, draws, slice_gaps = views_run(lab, args.seconds / args.slices)
            views[0] += epochs
            views[1] += seconds
            views[2] += draws
            gaps += slice_gaps
        steal = stolen()
    finally:
        lab.shutdown()
        window.close()

    gaps.sort()
    results = {
        "window_shown_s": shown,
        "playground_open_s": ready,
        "headless_epochs_per_second": headless[0] / headless[1],
        "epochs_per_second": views[0] / views[1],
        "frames_per_second": views[2] / views[1],
        "longest_gap_ms": gaps[-1],
        "p95_gap_ms": gaps[int(0.95 * (len(gaps) - 1))],
        "steal": steal,
    }
    results["ratio"] = results["epochs_per_second"] / results["headless_epochs_per_second"]
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"window shown after   {results['window_shown_s']:.2f} s (target <= 2 s); "
          f"Playground open and drawn after {results['playground_open_s']:.2f} s")
    print(f"headless             {results['headless_epochs_per_second']:.0f} epochs/s")
    print(f"with the views       {results['epochs_per_second']:.0f} epochs/s = "
          f"{100 * results['ratio']:.0f} % of headless (targets >= 600 epochs/s and >= 70 %), "
          f"{results['frames_per_second']:.1f} frames/s drawn")
    print(f"host                 {100 * results['steal']:.0f} % of processor time stolen by other "
          "virtual machines during the runs")
    print(f"GUI timer gaps       longest {results['longest_gap_ms']:.1f} ms (target <= 50), "
          f"95th percentile {results['p95_gap_ms']:.1f} ms (target <= 20)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
