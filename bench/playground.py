"""The Playground's speed with its window on screen, against the engine alone, in one run.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python bench/playground.py [--seconds 10]

Measures, on the default task (TensorFlow Playground's circle, 250 training points, 2 → 4 → 2 → 1
tanh, batch 10, SGD lr 0.03):

* **startup**: seconds from process start to the main window on screen, with the Playground open
  (a fresh ``python -m desktop``-like process; target <= 2 s);
* **headless**: epochs per second of the engine's PlaygroundSession alone, reporting frames
  (with their grid probes) at the app's rate of 30 per second;
* **with views**: epochs per second while the real window shows every frame (network, maps,
  curves), in the same process, right after the headless run (targets >= 600 epochs/s and
  >= 70 % of headless);
* **GUI responsiveness** during that run: the gaps between ticks of a 5 ms QTimer on the GUI
  thread, longest and 95th percentile (targets <= 50 ms and <= 20 ms).

Not part of the test suite: timings depend on the machine and on its load. Headless and
with-views runs alternate (``--repeats``) so that load from other processes hits both alike.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

TICK_MS = 5

# Runs in a fresh interpreter: prints the wall-clock time at which the window was on screen.
_STARTUP_PROBE = """
import sys, time
from desktop.app import build_parser, open_window
args = build_parser("").parse_args(["--lab", "playground", "--size", "1600x1000", "--seed", "1"])
app, window, lab, problems = open_window(args)
app.processEvents()
shown = time.time()
lab.shutdown()
window.close()
print(shown)
"""


def startup_seconds() -> float:
    started = time.time()
    output = subprocess.run([sys.executable, "-c", _STARTUP_PROBE], cwd=REPO, check=True,
                            capture_output=True, text=True).stdout
    return float(output.strip().splitlines()[-1]) - started


def headless_epochs_per_second(seconds: float) -> float:
    from engine.playground import PlaygroundSession

    session = PlaygroundSession()
    start_epoch = session.trainer.epoch
    generator = session.run()
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        next(generator)
    return (session.trainer.epoch - start_epoch) / (time.perf_counter() - started)


def with_views(lab, app, seconds: float) -> dict:
    """Run the lab for ``seconds`` with the window shown; epochs/s and GUI tick gaps."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    ticks: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(lambda: ticks.append(clock.nsecsElapsed() / 1e6))
    frames = []
    lab.worker.report.connect(frames.append)
    first_epoch = lab.frame.snapshot.epoch
    timer.start()
    lab.run()
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    lab.pause()
    timer.stop()
    elapsed = clock.nsecsElapsed() / 1e9
    wait = QEventLoop()
    QTimer.singleShot(200, wait.quit)  # the last frames arrive
    wait.exec()
    lab.worker.report.disconnect(frames.append)
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    longest_at = ticks[gaps.index(max(gaps))] / 1000 if gaps else 0.0
    gaps.sort()
    return {
        "epochs_per_second": (lab.frame.snapshot.epoch - first_epoch) / elapsed,
        "frames_per_second": len(frames) / elapsed,
        "longest_gap_ms": gaps[-1],
        "p95_gap_ms": gaps[int(0.95 * (len(gaps) - 1))],
        "longest_gap_at_s": longest_at,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each timed run")
    parser.add_argument("--repeats", type=int, default=1, help="headless / with-views pairs")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--switch-interval", type=float, metavar="S",
                        help="Python's thread switch interval (sys.setswitchinterval) to try")
    args = parser.parse_args()
    if args.switch_interval is not None:
        sys.setswitchinterval(args.switch_interval)
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        print("needs a display: run it under xvfb-run (see the module docstring)", file=sys.stderr)
        return 2

    results = {"startup_s": startup_seconds(), "runs": []}

    from desktop.app import build_parser, open_window

    window_args = build_parser("").parse_args(["--lab", "playground", "--size", "1600x1000",
                                               "--seed", "1"])
    app, window, lab, _problems = open_window(window_args)
    try:
        deadline = time.perf_counter() + 5
        while lab.frame is None and time.perf_counter() < deadline:
            app.processEvents()
        for _ in range(args.repeats):
            headless = headless_epochs_per_second(args.seconds)
            shown = with_views(lab, app, args.seconds)
            shown["headless_epochs_per_second"] = headless
            shown["ratio"] = shown["epochs_per_second"] / headless
            results["runs"].append(shown)
            lab.reset()
    finally:
        lab.shutdown()
        window.close()

    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"window shown after        {results['startup_s']:.2f} s   (target <= 2 s)")
    for run in results["runs"]:
        print(f"headless                  {run['headless_epochs_per_second']:.0f} epochs/s")
        print(f"with the views            {run['epochs_per_second']:.0f} epochs/s "
              f"({100 * run['ratio']:.0f} % of headless; targets >= 600 and >= 70 %), "
              f"{run['frames_per_second']:.0f} frames/s shown")
        print(f"GUI timer gaps            longest {run['longest_gap_ms']:.1f} ms (target <= 50, "
              f"{run['longest_gap_at_s']:.1f} s into the run), "
              f"95th percentile {run['p95_gap_ms']:.1f} ms (target <= 20)")
    medians = statistics.median(run["epochs_per_second"] for run in results["runs"])
    print(f"median with views         {medians:.0f} epochs/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
