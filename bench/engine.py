"""The engine against PyTorch on the CPU, in one run: speed ratios and peak memory.

    .venv/bin/python bench/engine.py [--threads 1] [--repeats 7] [--seconds 0.5]

Three measurements (not part of the test suite):

* **Playground**: TensorFlow Playground's default network (2 → 4 → 2 → 1, tanh), batch 10,
  SGD lr 0.03, MSE, on 250 circle points; training steps per second. Target: engine >= 6× torch.
  A second row runs the engine through the app's Trainer (shuffling, per-epoch evaluation).
* **MNIST-shaped CNN** in float32, batch 64: conv 8@5×5 → ReLU → max-pool 2 → conv 16@5×5 →
  ReLU → max-pool 2 → flatten → dense 10, softmax cross-entropy, SGD with momentum 0.9; images
  per second on built-in digits. Target: engine >= 0.5× torch. Neither computes the gradient
  with respect to the images (torch because they do not require grad, the engine because it
  backpropagates with ``input_gradient=False``, as its Trainer does).
* **Peak memory** (VmHWM) of a fresh process that trains that CNN on 60,000 random 28×28
  float32 images for a bounded number of batches. Target: <= 1 GiB.

Both libraries do the same work per step (forward, loss gradient, backward, update) on the same
batches, with the same number of threads: the BLAS thread count (OPENBLAS_NUM_THREADS, set before
NumPy loads) equals ``torch.set_num_threads``. Both are warmed up, then timed in interleaved
repeats so that load from other processes hits both alike; the table gives the median and the
range of the repeats, and the ratio engine / torch of each interleaved pair.
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
MEMORY_LIMIT_BYTES = 1 << 30
MNIST_SIZE = 60_000


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number >= 1, got {text}")
    return value


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=positive_int, default=1,
                        help="BLAS and torch threads (default 1: the engine trains on one worker "
                             "thread, and 1 gives the steadiest numbers on a shared machine)")
    parser.add_argument("--repeats", type=positive_int, default=7,
                        help="timed repeats per benchmark")
    parser.add_argument("--seconds", type=float, default=0.5, help="length of one timed repeat")
    parser.add_argument("--memory-batches", type=positive_int, default=200,
                        help="batches the memory probe trains for")
    parser.add_argument("--memory-probe", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


ARGS = parse_arguments()
for _variable in THREAD_VARIABLES:  # must happen before NumPy (and its BLAS) is imported
    os.environ[_variable] = str(ARGS.threads)
sys.path.insert(0, str(REPO))  # this file's folder comes first otherwise, and it is named engine

import numpy as np  # noqa: E402

from engine.data.digits import make_digits  # noqa: E402
from engine.data.playground import make_dataset  # noqa: E402
from engine.nn.builders import mlp  # noqa: E402
from engine.nn.conv import Conv2D, MaxPool2D  # noqa: E402
from engine.nn.layers import Activation, Dense, Flatten  # noqa: E402
from engine.nn.losses import get_loss  # noqa: E402
from engine.nn.model import Sequential  # noqa: E402
from engine.optim.optimizers import SGD  # noqa: E402
from engine.train import TrainConfig, Trainer, TrainingData  # noqa: E402

PLAYGROUND_POINTS, PLAYGROUND_BATCH, PLAYGROUND_LR = 250, 10, 0.03
CNN_BATCH, CNN_LR, CNN_MOMENTUM = 64, 0.01, 0.9
CNN_IMAGES = 10 * CNN_BATCH  # the batches the speed benchmark cycles through


# --------------------------------------------------------------------------- the machine

def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def blas_name() -> str:
    blas = np.__config__.CONFIG.get("Build Dependencies", {}).get("blas", {})
    return f"{blas.get('name', '?')} {blas.get('version', '')}".strip()


def peak_rss_bytes() -> int:
    """The process's high-water mark of resident memory (VmHWM)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    import resource  # not Linux: ru_maxrss is in bytes on macOS
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


# --------------------------------------------------------------------------- the models

def cnn_layers(rng: np.random.Generator) -> list:
    return [Conv2D(1, 8, 5, rng), Activation("relu"), MaxPool2D(2),
            Conv2D(8, 16, 5, rng), Activation("relu"), MaxPool2D(2),
            Flatten(), Dense(16 * 4 * 4, 10, rng, init="he_normal", dtype=np.float32)]


def engine_step(model: Sequential, loss, optimizer) -> Callable[[np.ndarray, np.ndarray], None]:
    """One training step as the engine's Trainer does it, without its bookkeeping."""
    parameters, gradients = model.optimizer_arrays()

    def step(x: np.ndarray, y: np.ndarray) -> None:
        output = model.forward(x)
        model.backward(loss.gradient(output, y), input_gradient=False)
        optimizer.step(parameters, gradients)
    return step


def torch_step(torch, model, loss, optimizer) -> Callable:
    def step(x, y) -> None:
        optimizer.zero_grad(set_to_none=True)
        loss(model(x), y).backward()
        optimizer.step()
    return step


def cycle(step: Callable, batches: list) -> Callable[[int], None]:
    """Run ``step`` over the batches in order, round and round, ``count`` times per call."""
    position = 0

    def run(count: int) -> None:
        nonlocal position
        for _ in range(count):
            step(*batches[position])
            position = (position + 1) % len(batches)
    return run


def playground_data() -> tuple[np.ndarray, np.ndarray]:
    data = make_dataset("circle", PLAYGROUND_POINTS, 0.0, np.random.default_rng(0))
    return data.x, data.y.reshape(-1, 1)


def playground_model() -> Sequential:
    return mlp([2, 4, 2, 1], activation="tanh", output_activation="tanh", rng=0)


def playground_runs(torch) -> tuple[Callable, Callable]:
    x, y = playground_data()
    run_engine = cycle(engine_step(playground_model(), get_loss("mse"), SGD(lr=PLAYGROUND_LR)),
                       [(x[i:i + PLAYGROUND_BATCH], y[i:i + PLAYGROUND_BATCH])
                        for i in range(0, len(x), PLAYGROUND_BATCH)])
    torch.manual_seed(0)
    nn = torch.nn
    reference = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 2), nn.Tanh(),
                              nn.Linear(2, 1), nn.Tanh()).double()
    tx, ty = torch.tensor(x), torch.tensor(y)
    run_torch = cycle(torch_step(torch, reference, nn.MSELoss(),
                                 torch.optim.SGD(reference.parameters(), lr=PLAYGROUND_LR)),
                      [(tx[i:i + PLAYGROUND_BATCH], ty[i:i + PLAYGROUND_BATCH])
                       for i in range(0, len(x), PLAYGROUND_BATCH)])
    return run_engine, run_torch


def playground_trainer_runs(torch) -> tuple[Callable, Callable]:
    """The same race, with the engine stepping through the app's Trainer (shuffling each epoch,
    evaluating the whole set at each epoch's end)."""
    x, y = playground_data()
    trainer = Trainer(playground_model(), get_loss("mse"), SGD(lr=PLAYGROUND_LR),
                      TrainingData(x, y), TrainConfig(batch_size=PLAYGROUND_BATCH),
                      rng=np.random.default_rng(0))

    def run_engine(count: int) -> None:
        for _ in range(count):
            trainer.train_step()
    return run_engine, playground_runs(torch)[1]


def cnn_runs(torch) -> tuple[Callable, Callable]:
    rng = np.random.default_rng(0)
    images, labels = make_digits(CNN_IMAGES, rng)
    x = images[:, None]  # (N, 1, 28, 28) float32
    batches = [(x[i:i + CNN_BATCH], labels[i:i + CNN_BATCH]) for i in range(0, len(x), CNN_BATCH)]
    model = Sequential(cnn_layers(rng))
    run_engine = cycle(engine_step(model, get_loss("softmax_cross_entropy"),
                                   SGD(lr=CNN_LR, momentum=CNN_MOMENTUM)), batches)
    torch.manual_seed(0)
    nn = torch.nn
    reference = nn.Sequential(nn.Conv2d(1, 8, 5), nn.ReLU(), nn.MaxPool2d(2),
                              nn.Conv2d(8, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
                              nn.Flatten(), nn.Linear(16 * 4 * 4, 10))
    run_torch = cycle(torch_step(torch, reference, nn.CrossEntropyLoss(),
                                 torch.optim.SGD(reference.parameters(), lr=CNN_LR,
                                                 momentum=CNN_MOMENTUM)),
                      [(torch.from_numpy(xb), torch.from_numpy(yb)) for xb, yb in batches])
    return run_engine, run_torch


# --------------------------------------------------------------------------- timing

def steps_per_repeat(run: Callable[[int], None], seconds: float) -> int:
    """Warm up, then find how many steps take about ``seconds``."""
    count = 1
    while True:
        start = time.perf_counter()
        run(count)
        elapsed = time.perf_counter() - start
        if elapsed >= 0.1:
            return max(1, round(count * seconds / elapsed))
        count *= 4


def race(run_engine: Callable, run_torch: Callable, repeats: int, seconds: float):
    """Steps per second of each, in interleaved repeats, and the per-pair ratios."""
    counts = [steps_per_repeat(run, seconds) for run in (run_engine, run_torch)]
    rates: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeats):
        for run, count, samples in zip((run_engine, run_torch), counts, rates):
            start = time.perf_counter()
            run(count)
            samples.append(count / (time.perf_counter() - start))
    ratios = [e / t for e, t in zip(*rates)]
    return rates[0], rates[1], ratios


def spread(samples: list[float], digits: int = 0) -> str:
    return (f"{statistics.median(samples):,.{digits}f} "
            f"({min(samples):,.{digits}f}–{max(samples):,.{digits}f})")


# --------------------------------------------------------------------------- memory

def memory_probe(batches: int) -> None:
    """Train the CNN on MNIST-sized data in this (fresh) process; print peak RSS in bytes."""
    rng = np.random.default_rng(0)
    images = rng.random((MNIST_SIZE, 1, 28, 28), dtype=np.float32)
    labels = rng.integers(0, 10, MNIST_SIZE)
    data_peak = peak_rss_bytes()
    model = Sequential(cnn_layers(rng))
    step = engine_step(model, get_loss("softmax_cross_entropy"),
                       SGD(lr=CNN_LR, momentum=CNN_MOMENTUM))
    order = rng.permutation(MNIST_SIZE)
    for b in range(batches):
        chosen = order[(b * CNN_BATCH) % MNIST_SIZE:][:CNN_BATCH]
        step(images[chosen], labels[chosen])
    print(data_peak, peak_rss_bytes(), images.nbytes)


def measure_memory(batches: int, threads: int) -> tuple[int, int, int]:
    command = [sys.executable, __file__, "--memory-probe", "--threads", str(threads),
               "--memory-batches", str(batches)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    data_peak, peak, data_bytes = map(int, output.split())
    return data_peak, peak, data_bytes


# --------------------------------------------------------------------------- report

def main() -> None:
    if ARGS.memory_probe:
        memory_probe(ARGS.memory_batches)
        return
    torch = import_torch()
    torch.set_num_threads(ARGS.threads)
    torch.set_num_interop_threads(1)
    print(f"CPU: {cpu_model()}; {os.cpu_count()} logical cores, "
          f"{len(os.sched_getaffinity(0))} usable")
    print(f"Python {platform.python_version()}, NumPy {np.__version__} ({blas_name()}), "
          f"torch {torch.__version__}")
    print(f"Threads: {ARGS.threads} for both ({', '.join(THREAD_VARIABLES)} and "
          f"torch.set_num_threads); {ARGS.repeats} interleaved repeats of ~{ARGS.seconds} s; "
          "median (min–max)\n")

    header = f"{'benchmark':<30}{'engine':>26}{'torch':>26}{'engine / torch':>24}{'target':>10}"
    print(header)
    print("-" * len(header))
    for title, runs, per_step, unit, target in (
            ("Playground 2-4-2-1 tanh, b10", playground_runs, 1, "steps/s", 6.0),
            ("  the same via engine Trainer", playground_trainer_runs, 1, "steps/s", 6.0),
            ("CNN float32, b64", cnn_runs, CNN_BATCH, "images/s", 0.5)):
        engine_rates, torch_rates, ratios = race(*runs(torch), ARGS.repeats, ARGS.seconds)
        engine_rates = [r * per_step for r in engine_rates]
        torch_rates = [r * per_step for r in torch_rates]
        verdict = "ok" if statistics.median(ratios) >= target else "MISSED"
        print(f"{title:<30}{spread(engine_rates):>26}{spread(torch_rates):>26}"
              f"{spread(ratios, 2):>24}{f'>= {target:g}x':>10}  {verdict}  ({unit})")

    data_peak, peak, data_bytes = measure_memory(ARGS.memory_batches, ARGS.threads)
    verdict = "ok" if peak <= MEMORY_LIMIT_BYTES else "MISSED"
    print(f"\nPeak RSS training the CNN on {MNIST_SIZE:,} images ({data_bytes / 2**20:.0f} MiB of "
          f"float32 pixels) for {ARGS.memory_batches} batches: {peak / 2**20:.0f} MiB "
          f"(after loading the data: {data_peak / 2**20:.0f} MiB); limit 1024 MiB  {verdict}")


def import_torch(attempts: int = 10, wait_seconds: float = 30.0):
    """torch, waiting for an installation that may still be in progress."""
    for attempt in range(attempts):
        try:
            import torch
            return torch
        except ImportError as error:
            if attempt == attempts - 1:
                sys.exit(f"PyTorch is needed for the comparison and could not be imported: {error}")
            print(f"torch not importable yet ({error}); retrying in {wait_seconds:.0f} s")
            time.sleep(wait_seconds)


if __name__ == "__main__":
    main()
