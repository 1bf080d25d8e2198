"""Speed of the Optimization lab, against the targets of its issue (not part of the test suite):

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python bench/optimizers.py

* **Surface update** (target ≤ 100 ms at 200 × 200): from "the surface or its parameters
  changed" to the 3D view showing the new surface: the engine's grid (what the worker computes)
  plus the 3D view's update and its next frame on screen. The contour map's update (image and
  contour lines) is listed beside it.
* **Race drawing** (target ≥ 30 frames/s): the race page running eight methods on Rosenbrock,
  first a fresh race at 50 steps/s, then a long one (paths of thousands of points) at the top
  speed: race frames shown per second, 3D frames on screen per second, and the Python time one
  frame takes to update every view (the rest of a frame is Qt painting), and the CPU
  time a frame costs the GUI thread and the whole process (which, unlike frames per second, does
  not depend on what else the machine is running).
* **Network landscape** (target ≤ 5 s): the 51 × 51 loss slice along filter-normalized random
  directions around a trained Playground-size network (6 hidden layers of 8 tanh units, 500
  points), and the whole landscape job (that slice plus the trajectory plane).

Timings are medians of repeats (the machine may be shared; the range is printed too).
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

REPEATS = 7


def wait(milliseconds: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def next_frame(view) -> None:
    """Repaint ``view`` and wait until the frame is on screen."""
    loop = QEventLoop()
    view.frame_drawn.connect(loop.quit, type=Qt.ConnectionType.SingleShotConnection)
    view.update()
    QTimer.singleShot(2000, loop.quit)
    loop.exec()


def summary(seconds: list[float]) -> str:
    ms = [1000 * s for s in seconds]
    return f"{statistics.median(ms):7.1f} ms  ({min(ms):.1f}–{max(ms):.1f})"


def bench_surface_updates() -> None:
    from desktop.theme import make_style
    from desktop.widgets.contour_map import ContourMap
    from desktop.widgets.surface3d import Surface3DView
    from engine.landscape.catalog import SURFACE_NAMES, make_surface
    from engine.landscape.grid import surface_grid

    style = make_style()
    view, contour = Surface3DView(adapt_to_slow_rendering=False), ContourMap()
    view.resize(700, 560)
    contour.resize(700, 560)
    view.set_look(style.palette.background, style.palette.text, 2.0, 10.0, QApplication.font())
    view.show()
    contour.show()
    wait(300)
    print("Surface update at 200 × 200 (target: grid + 3D ≤ 100 ms)")
    print(f"  {'surface':22s} {'grid (engine)':>26s} {'3D view + frame':>26s} {'grid + 3D':>26s} {'contour map':>26s}")
    for name in SURFACE_NAMES:
        grids, views, totals, maps = [], [], [], []
        for repeat in range(REPEATS):
            options = {"condition": 10.0 + repeat} if name == "ellipse" else {}
            start = time.perf_counter()
            grid = surface_grid(make_surface(name, **options), 200)
            computed = time.perf_counter()
            view.set_surface(grid.x, grid.y, grid.loss, log_scale=True)
            next_frame(view)
            shown = time.perf_counter()
            contour.set_surface(grid.x, grid.y, grid.loss, log_scale=True)
            QCoreApplication.processEvents()
            mapped = time.perf_counter()
            grids.append(computed - start)
            views.append(shown - computed)
            totals.append(shown - start)
            maps.append(mapped - shown)
        print(f"  {name:22s} {summary(grids):>26s} {summary(views):>26s} {summary(totals):>26s} {summary(maps):>26s}")
    view.close()
    contour.close()


def race_frames_per_second(page, speed_index: int, seconds: float) -> tuple[float, float, list[float], tuple[float, float]]:
    """Run the race for ``seconds``: (race frames shown per second, 3D frames per second, the
    Python time of each frame's drawing, and the CPU time per frame of the GUI thread and of the
    whole process). The CPU times do not depend on what else the machine runs: 30 frames/s needs
    the GUI thread's under 33 ms (it paints alone) and the process's under 33 ms per core."""
    draw_times: list[float] = []
    original = page._show_frame

    def timed_show_frame(frame, new_data=True):
        start = time.perf_counter()
        original(frame, new_data)
        draw_times.append(time.perf_counter() - start)

    page._show_frame = timed_show_frame
    swaps = []
    page.view3d.frame_drawn.connect(lambda: swaps.append(time.perf_counter()))
    page.speed_slider.setValue(speed_index)
    page.run()
    wait(1000)  # the 3D view measures its first frames and adapts its mesh
    draw_times.clear()
    swaps.clear()
    start, gui_cpu, process_cpu = time.perf_counter(), time.thread_time(), time.process_time()
    wait(round(1000 * seconds))
    elapsed = time.perf_counter() - start
    frames = max(len(draw_times), 1)
    cpu = ((time.thread_time() - gui_cpu) / frames, (time.process_time() - process_cpu) / frames)
    page.pause()
    page._show_frame = original
    return len(draw_times) / elapsed, len(swaps) / elapsed, draw_times, cpu


def cpu_summary(cpu: tuple[float, float]) -> str:
    return f"CPU per frame: GUI thread {1000 * cpu[0]:.1f} ms, process {1000 * cpu[1]:.1f} ms"


def bench_race() -> None:
    from desktop.labs.optimizers import OptimizersLab
    from desktop.labs.optimizers.race_page import SPEEDS
    from desktop.theme import make_style

    lab = OptimizersLab(seed=0)
    lab.apply_style(make_style())
    lab.resize(1470, 960)
    lab.show()
    page = lab.race_page
    while page.frame is None or not page.is_idle():
        wait(20)
    page.surface_combo.setCurrentIndex(page.surface_combo.findData("rosenbrock"))
    for name, item in page._method_items.items():
        item.setCheckState(0, Qt.CheckState.Checked if name != "sgd" else Qt.CheckState.Unchecked)
    while not page.is_idle():
        wait(20)
    racers = len(page.setup.entrants)
    print(f"\nRace drawing: {racers} methods on Rosenbrock (target ≥ 30 frames/s; the page asks for 30)")
    fresh, swaps, times, cpu = race_frames_per_second(page, SPEEDS.index(50), 5.0)
    print(f"  a fresh race at 50 steps/s (paths up to {page.frame.step} points): "
          f"{fresh:5.1f} frames/s, 3D {swaps:5.1f} frames/s, Python per frame {summary(times)}")
    print(f"    {cpu_summary(cpu)}")
    page.advance(3000 - page.frame.step)  # long paths: every frame redraws thousands of points per racer
    while not page.is_idle():
        wait(20)
    first_step = page.frame.step
    long, swaps, times, cpu = race_frames_per_second(page, len(SPEEDS) - 1, 5.0)
    print(f"  a long race at {SPEEDS[-1]} steps/s (paths of {first_step}–{page.frame.step} points): "
          f"{long:5.1f} frames/s, 3D {swaps:5.1f} frames/s, Python per frame {summary(times)}")
    print(f"    {cpu_summary(cpu)}")
    print(f"  (the 3D mesh is drawn through every {page.view3d.mesh_stride}. grid line)")
    lab.shutdown()
    lab.close()


def bench_network_landscape() -> None:
    from engine.landscape.network import filter_normalized_direction, loss_slice
    from engine.landscape.network_study import network_landscape, train_small_network

    sizes = (2, 8, 8, 8, 8, 8, 8, 1)
    rng = np.random.default_rng(0)
    *_, network = train_small_network(rng, dataset="circle", sizes=sizes, epochs=20, samples=500)
    slices, jobs = [], []
    for _ in range(3):
        directions = (filter_normalized_direction(network.model, rng), filter_normalized_direction(network.model, rng))
        start = time.perf_counter()
        for _ in loss_slice(network.model, network.loss, network.x, network.y, directions, resolution=51):
            pass
        slices.append(time.perf_counter() - start)
        start = time.perf_counter()
        for _ in network_landscape(network, rng, 51):
            pass
        jobs.append(time.perf_counter() - start)
    parameters = network.model.parameter_count()
    print(f"\nNetwork landscape: {'-'.join(map(str, sizes))} tanh network ({parameters} weights), "
          f"{len(network.x)} points (target: 51 × 51 slice ≤ 5 s)")
    print(f"  51 × 51 slice along random directions: {summary(slices)}")
    print(f"  whole job (that slice + the trajectory plane): {summary(jobs)}")


def main() -> None:
    from desktop.labs.optimizers import OptimizersLab

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication(sys.argv[:1])
    sys.setswitchinterval(OptimizersLab.gil_switch_seconds)  # as the window does when it shows the lab
    bench_surface_updates()
    bench_race()
    bench_network_landscape()
    app.quit()


if __name__ == "__main__":
    main()
